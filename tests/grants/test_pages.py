"""The grants pages: the landing list, forms with their errors, the conflict refusal, translations, documents."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.grants.conftest import PDF, apply, published_call
from tripartite.grants import services
from tripartite.grants.models import Application, Call

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def open_call(secretary, ministry, topic):
    today = timezone.localdate()
    return published_call(secretary, ministry, topic, opens_on=today - timedelta(days=1), deadline=today + timedelta(days=5),
                          results_on=today + timedelta(days=30), title_kk="Жастар гранттары", title_ru="Молодёжные гранты")


def test_the_landing_page_lists_published_calls_and_hides_drafts(client, secretary, ministry, topic, open_call):
    from tests.grants.conftest import draft_call

    draft_call(secretary, ministry, topic, title_en="Secret draft")
    page = client.get("/grants/", **EN).content.decode()
    assert "Youth grants 2026" in page and "Secret draft" not in page and "Accepting applications" in page
    assert 'href="/grants/"' in page  # the nav bar links to the app
    client.force_login(secretary)
    assert "Secret draft" in client.get("/grants/", **EN).content.decode()


def test_the_call_form_shows_errors_on_the_fields_in_russian_and_saves_nothing(client, secretary, ministry, topic):
    client.force_login(secretary)
    response = client.post("/grants/calls/new/", {
        "issuer": ministry.pk, "kind": "grant", "topic": topic.pk, "budget": "10", "eligible_kinds": ["ngo"],
        "min_years_registered": "0", "min_evaluators": "2", "opens_on": "2026-05-10", "deadline": "2026-05-01",
        "results_on": "2026-06-01",
    }, HTTP_ACCEPT_LANGUAGE="ru")
    page = response.content.decode()
    assert response.status_code == 422
    assert "Укажите название хотя бы на одном языке." in page
    assert "Срок подачи не может быть раньше открытия конкурса." in page
    assert Call.objects.count() == 0


def test_an_ngo_applies_with_the_form_and_submits(client, ngo, ngo_editor, open_call, almaty):
    client.force_login(ngo_editor)
    response = client.post(f"/grants/calls/{open_call.pk}/apply/", {
        "applicant": ngo.pk, "project_title": "Clean rivers", "requested_amount": "3000000", "regions": [almaty.pk],
        "settlement_type": "rural", "registered_on": "2012-01-01", "budget_lines": "Staff | 2 000 000\nBoats | 1000000",
    })
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/grants/applications/{application.pk}/"
    assert [(line.item, line.amount) for line in application.budget_lines.all()] == [("Staff", 2_000_000), ("Boats", 1_000_000)]
    page = client.get(f"/grants/applications/{application.pk}/", **EN).content.decode()
    assert "Attach the required documents: Charter." in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(f"/grants/applications/{application.pk}/documents/new/",
                {"kind": "charter", "file": SimpleUploadedFile("charter.pdf", PDF, content_type="application/pdf")})
    client.post(f"/grants/applications/{application.pk}/submit/")
    application.refresh_from_db()
    assert application.status == "submitted"
    download = client.get(f"/grants/documents/{application.documents.get().pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.logout()
    assert client.get(f"/grants/documents/{application.documents.get().pk}/").status_code == 404


def test_budget_line_mistakes_are_reported_with_their_line_number_in_kazakh(client, ngo, ngo_editor, open_call, almaty):
    client.force_login(ngo_editor)
    response = client.post(f"/grants/calls/{open_call.pk}/apply/", {
        "applicant": ngo.pk, "project_title": "X", "requested_amount": "100", "regions": [almaty.pk],
        "settlement_type": "urban", "registered_on": "2012-01-01", "budget_lines": "Staff 100\nBoats | many",
    }, HTTP_ACCEPT_LANGUAGE="kk")
    page = response.content.decode()
    assert response.status_code == 422 and Application.objects.count() == 0
    assert "1-жол: шығын бабын, тік сызықты | және соманы жазыңыз." in page
    assert "2-жол: сома теңгемен бүтін сан болуы керек." in page


def test_a_conflicted_evaluator_sees_the_reason_and_no_score_button(client, secretary, ministry, topic, ngo, ngo_editor, evaluators, almaty):
    today = timezone.localdate()
    opens = today - timedelta(days=10)
    call = published_call(secretary, ministry, topic, evaluators[:1], opens_on=opens, deadline=today - timedelta(days=1),
                          results_on=today)
    application = apply(ngo_editor, call, ngo, [almaty], on=opens)
    services.conflicts_declare(by=evaluators[0], call=call, ties=[(ngo, "Former employee")])
    client.force_login(evaluators[0])
    page = client.get(f"/grants/applications/{application.pk}/", **EN).content.decode()
    assert "You cannot score this application: You declared a tie with the applicant Green Steppe PA." in page
    assert 'id="score"' not in page
    response = client.get(f"/grants/applications/{application.pk}/score/", **EN)
    assert response.status_code == 302


def test_the_concentration_and_ppp_pages_render_in_kazakh(client):
    assert "Ақша қайда барады" in client.get("/grants/monitoring/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Мемлекеттік-жекешелік әріптестік шарттарының тізілімі" in client.get(
        "/grants/ppp/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()


def test_the_addresses_from_before_the_rename_answer_301_with_the_new_ones(client):
    response = client.get("/civic/calls/5/?lang=kk")
    assert response.status_code == 301 and response["Location"] == "/grants/calls/5/?lang=kk"
    assert client.get("/civic/")["Location"] == "/grants/"
