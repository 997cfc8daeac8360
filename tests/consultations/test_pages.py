"""The consultation pages: what each user reads and may do, the forms' errors, the downloads."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.urls import reverse

from tripartite.consultations import services
from tripartite.consultations.models import DraftAct, Position, Reply

from .conftest import RU_TEXT
from .test_positions import oppose


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client
    return sign_in


def _docx_bytes(lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_public_list_shows_published_open_consultations_with_their_deadline(client, world, draft, referral):
    response = client.get(reverse("consultations:list"))
    assert response.status_code == 200
    assert "О минимальной заработной плате" not in response.content.decode()  # not published yet
    services.referral_publish(referral=referral, by=world.secretary, published_on=date(2026, 3, 10))
    page = client.get(reverse("consultations:list")).content.decode()
    assert "О минимальной заработной плате" in page and "period not verified" not in page  # shown in Russian
    assert "срок не подтвержден" in page.lower() or "не сверен" in page.lower() or "не проверен" in page.lower()


def test_a_secretary_registers_a_draft_from_a_word_file(as_user, world):
    client = as_user(world.secretary)
    upload = io.BytesIO(_docx_bytes(["Статья 1. Предмет", "Текст.", "Статья 2. Срок", "Текст."]))
    upload.name = "proekt.docx"
    response = client.post(reverse("consultations:create"), {
        "kind": "law", "drafter": world.ministry.pk, "title_ru": "Проект", "file_ru": upload})
    draft = DraftAct.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("consultations:draft", args=[draft.pk])
    assert list(draft.latest_version().articles.values_list("key", flat=True)) == ["1", "2"]
    assert draft.latest_version().source_name == "proekt.docx"


def test_a_file_that_is_not_a_word_document_is_shown_on_the_form_and_nothing_is_stored(as_user, world):
    client = as_user(world.secretary)
    fake = io.BytesIO(b"PK\x03\x04garbage")
    fake.name = "fake.docx"
    response = client.post(reverse("consultations:create"), {
        "kind": "law", "drafter": world.ministry.pk, "title_ru": "Проект", "file_ru": fake})
    assert response.status_code == 422
    assert "не является документом Word" in response.content.decode()
    assert DraftAct.objects.count() == 0


def test_a_pasted_text_without_articles_is_refused_on_the_form(as_user, world):
    response = as_user(world.secretary).post(reverse("consultations:create"), {
        "kind": "law", "drafter": world.ministry.pk, "title_ru": "Проект", "text_ru": "Без нумерации."})
    assert response.status_code == 422 and DraftAct.objects.count() == 0


def test_the_draft_page_shows_a_missing_language_as_missing(as_user, world, draft):
    page = as_user(world.secretary).get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Мөлшері" in page and "Amount" in page
    assert "Не указано на этом языке." in page  # the preamble has no Kazakh or English text


def test_the_diff_page_marks_inserted_and_deleted_words(as_user, world, draft):
    services.version_add(draft=draft, by=world.secretary,
                         texts={"ru": RU_TEXT.replace("ежегодно", "ежеквартально")})
    page = as_user(world.secretary).get(reverse("consultations:diff", args=[draft.pk]) + "?from=1&to=2").content.decode()
    assert "<del>ежегодно.\n</del>" in page or "<del>ежегодно." in page
    assert "<ins>ежеквартально." in page


def test_the_coordinator_posts_an_objection_on_the_page(as_user, world, referral):
    client = as_user(world.workers_coordinator)
    article = referral.version.articles.get(key="2")
    form = client.get(reverse("consultations:position_add", args=[referral.pk]))
    assert form.status_code == 200
    response = client.post(reverse("consultations:position_add", args=[referral.pk]), {
        "speaker": f"workers:{world.union.pk}:1", "article": article.pk, "stance": "oppose",
        "reasons_ru": "Ухудшает положение работников."})
    assert response.status_code == 302
    position = Position.objects.get()
    assert position.for_side and position.article == article


def test_an_editor_with_no_seat_cannot_open_the_position_form(as_user, world, referral):
    assert as_user(world.stranger).get(reverse("consultations:position_add", args=[referral.pk])).status_code == 403


def test_working_positions_are_hidden_from_outsiders_on_the_page(as_user, client, world, referral):
    oppose(world, referral)
    services.referral_publish  # noqa: B018 - not published in this test
    page = as_user(world.stranger).get(reverse("consultations:referral", args=[referral.pk]))
    assert page.status_code == 200 and "Снижает гарантии" not in page.content.decode()
    assert as_user(world.stranger).get(reverse("consultations:table_docx", args=[referral.pk])).status_code == 403
    member_page = as_user(world.employers_coordinator).get(reverse("consultations:referral", args=[referral.pk]))
    assert "Снижает гарантии" in member_page.content.decode()


def test_the_drafter_rejects_with_a_reason_on_the_page_and_a_bare_rejection_is_refused(as_user, world, referral):
    position = oppose(world, referral)
    client = as_user(world.secretary)
    url = reverse("consultations:reply", args=[position.pk])
    assert client.post(url, {"verdict": "rejected"}).status_code == 422
    assert Reply.objects.count() == 0
    assert client.post(url, {"verdict": "rejected", "reason_ru": "Норма сохранена."}).status_code == 302
    assert Reply.objects.get().verdict == "rejected"


def test_someone_elses_drafter_gets_403_on_the_reply_page(as_user, world, referral):
    position = oppose(world, referral)
    assert as_user(world.outsider_secretary).get(reverse("consultations:reply", args=[position.pk])).status_code in (
        403, 404)
    assert as_user(world.employers_coordinator).post(reverse("consultations:reply", args=[position.pk]),
                                                     {"verdict": "accepted"}).status_code == 403


def test_the_table_downloads_as_word_and_excel(as_user, world, referral):
    position = oppose(world, referral)
    services.reply_save(position=position, by=world.secretary, verdict="rejected", reason_kk="Қабылданбайды.")
    client = as_user(world.secretary)
    response = client.get(reverse("consultations:table_docx", args=[referral.pk]) + "?lang=kk")
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    table = docx.Document(io.BytesIO(response.content)).tables[0]
    assert any("Қабылданбайды." in cell.text for cell in table.rows[1].cells)
    xlsx = client.get(reverse("consultations:table_xlsx", args=[referral.pk]) + "?lang=en")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_position_after_the_outcome_is_refused_on_the_page(as_user, world, draft, referral):
    services.draft_close(draft=draft, by=world.secretary, outcome="withdrawn", outcome_on=date(2026, 4, 1))
    client = as_user(world.workers_coordinator)
    page = client.get(reverse("consultations:referral", args=[referral.pk])).content.decode()
    assert 'id="add-position"' not in page
    response = client.post(reverse("consultations:position_add", args=[referral.pk]), {
        "speaker": f"workers:{world.union.pk}:1", "stance": "support"})
    assert response.status_code == 422 and Position.objects.count() == 0


def test_my_consultations_lists_the_open_referrals_of_my_commissions(as_user, world, referral, make_user):
    page = as_user(world.workers_coordinator).get(reverse("consultations:mine")).content.decode()
    assert "О минимальной заработной плате" in page
    assert "О минимальной заработной плате" not in as_user(world.stranger).get(
        reverse("consultations:mine")).content.decode()


def test_a_secretary_registers_a_draft_from_a_pdf_and_a_file_that_is_not_one_is_refused(as_user, world):
    from tests.consultations.test_parsing import _pdf

    client = as_user(world.secretary)
    upload = io.BytesIO(_pdf(["Article 1. Subject", "Text.", "Article 2. Term", "Text."]))
    upload.name = "draft.pdf"
    response = client.post(reverse("consultations:create"), {
        "kind": "law", "drafter": world.ministry.pk, "title_en": "Draft", "file_en": upload})
    assert response.status_code == 302
    assert list(DraftAct.objects.get().latest_version().articles.values_list("key", flat=True)) == ["1", "2"]
    fake = io.BytesIO(b"PK\x03\x04 a zip renamed")
    fake.name = "fake.pdf"
    response = client.post(reverse("consultations:create"), {
        "kind": "law", "drafter": world.ministry.pk, "title_en": "Draft 2", "file_en": fake},
        HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "is not a readable PDF document" in response.content.decode()
    assert DraftAct.objects.count() == 1
