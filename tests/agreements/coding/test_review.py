"""The review queue: a signed DOCX read into suggestions, reviewed into clauses with parameters; editors only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.agreements.coding.pdfs import docx
from tests.agreements.conftest import make_agreement
from tests.conftest import PASSWORD
from tripartite.agreements.favourability import findings_for
from tripartite.agreements.models import Clause, CodingBatch, CodingSuggestion, Decision

pytestmark = pytest.mark.django_db

ARTICLES = [
    "Article 1. Pay",
    "The minimum monthly pay of the first grade is not less than 100 000 tenge.",
    "Article 2. Leave",
    "Employees are granted annual paid leave of 30 calendar days.",
    "Article 3. Working time",
    "The normal working week is 40 hours per week.",
]


def _client(user: Any, lang: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def agreement(admin: Any, ministry: Any, builder: Any, editor: Any) -> Any:
    # The construction sectoral agreement covers the builder and sets a higher minimum pay than article 1 does.
    make_agreement(admin, ministry, "sectoral", title="Construction sectoral", sectors=("F",),
                   params={"minimum_monthly_pay": 120000})
    return make_agreement(editor, builder, "collective", title="Builders CA", employer=builder)


def _upload(client: Client, agreement: Any, name: str, data: bytes) -> Any:
    return client.post(reverse("agreements:coding_upload", args=[agreement.pk]),
                       {"file": SimpleUploadedFile(name, data)})


def test_a_docx_is_reviewed_into_three_clauses_with_parameters(agreement: Any, editor: Any) -> None:
    client = _client(editor)
    detail = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert reverse("agreements:coding_upload", args=[agreement.pk]) in detail.content.decode()

    response = _upload(client, agreement, "ca.docx", docx(ARTICLES))
    batch = CodingBatch.objects.get(agreement=agreement)
    assert response.status_code == 302 and response["Location"] == reverse("agreements:coding_review",
                                                                            args=[batch.pk])
    suggestions = {s.number: s for s in batch.suggestions.all()}
    assert sorted(suggestions) == ["1", "2", "3"]
    assert all(s.model_version == batch.model_version and len(s.topics) == 9 for s in suggestions.values())
    assert suggestions["2"].parameters == [{"key": "annual_paid_leave_days", "value": "30", "unit": "calendar_days",
                                            "text": "30 calendar days", "via": ""}]

    page = client.get(response["Location"]).content.decode()
    # Least sure first: the articles appear in the order of their top topic's score.
    by_confidence = sorted(suggestions.values(), key=lambda s: (s.confidence, s.pk))
    positions = [page.index(f'id="suggestion-{s.pk}"') for s in by_confidence]
    assert positions == sorted(positions)
    assert "30 calendar days" in page and batch.model_version in page

    for number in ("1", "2"):
        answer = client.post(reverse("agreements:suggestion_accept", args=[suggestions[number].pk]))
        assert answer.status_code == 302
    correct_url = reverse("agreements:suggestion_correct", args=[suggestions["3"].pk])
    assert client.get(correct_url).status_code == 200
    answer = client.post(correct_url, {"topic": "working_time", "param_weekly_hours": "36"})
    assert answer.status_code == 302, answer.content.decode()[:2000]

    clauses = {c.number: c for c in Clause.objects.filter(agreement=agreement)}
    assert sorted(clauses) == ["1", "2", "3"]
    assert {n: {p.key: p.value for p in c.parameters.all()} for n, c in clauses.items()} == {
        "1": {"minimum_monthly_pay": Decimal(100000)},
        "2": {"annual_paid_leave_days": Decimal(30)},
        "3": {"weekly_hours": Decimal(36)},
    }
    assert clauses["3"].topic == "working_time" and clauses["2"].text_en.startswith("Article 2")
    assert [(s.number, s.decision, s.clause_id) for s in batch.suggestions.order_by("number")] == [
        ("1", Decision.ACCEPTED, clauses["1"].pk), ("2", Decision.ACCEPTED, clauses["2"].pk),
        ("3", Decision.CORRECTED, clauses["3"].pk)]
    # The audit trail is the clause's, as when a clause is typed by hand.
    assert clauses["1"].history.get().history_user == editor
    assert clauses["1"].parameters.get().history.get().history_user == editor
    # Favourability follows at once: 100 000 tenge is below the sectoral agreement's 120 000.
    found = findings_for(agreement)
    assert [(f.clause_number, f.key) for f in found] == [("1", "minimum_monthly_pay")]
    # A decided suggestion cannot be decided twice, and nothing more is stored.
    again = client.post(reverse("agreements:suggestion_accept", args=[suggestions["1"].pk]), follow=True)
    assert "already decided" in again.content.decode()
    assert Clause.objects.filter(agreement=agreement).count() == 3


def test_a_rejected_article_becomes_no_clause(agreement: Any, editor: Any) -> None:
    client = _client(editor)
    _upload(client, agreement, "ca.docx", docx(ARTICLES[:2]))
    suggestion = CodingSuggestion.objects.get()
    assert client.post(reverse("agreements:suggestion_reject", args=[suggestion.pk])).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.REJECTED and suggestion.decided_by == editor
    assert not Clause.objects.filter(agreement=agreement).exists()


def test_a_clause_number_taken_refuses_the_whole_decision(agreement: Any, editor: Any) -> None:
    from tripartite.agreements import services

    services.clause_add(by=editor, agreement=agreement, number="1", topic="pay", text_en="Typed by hand")
    client = _client(editor)
    _upload(client, agreement, "ca.docx", docx(ARTICLES[:2]))
    suggestion = CodingSuggestion.objects.get()
    page = client.post(reverse("agreements:suggestion_accept", args=[suggestion.pk]), follow=True).content.decode()
    assert "already has a clause with this number" in page
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.PENDING and suggestion.clause is None
    assert Clause.objects.filter(agreement=agreement).count() == 1


def test_a_reader_and_another_employers_editor_are_refused(agreement: Any, editor: Any, personas: Any) -> None:
    _upload(_client(editor), agreement, "ca.docx", docx(ARTICLES[:2]))
    suggestion = CodingSuggestion.objects.get()
    for user in (personas.member, personas.outsider):
        client = _client(user)
        assert reverse("agreements:coding_upload", args=[agreement.pk]) not in client.get(
            reverse("agreements:detail", args=[agreement.pk])).content.decode()
        assert _upload(client, agreement, "ca.docx", docx(ARTICLES)).status_code in (403, 404)
        assert client.get(reverse("agreements:coding_review", args=[suggestion.batch_id])).status_code in (403, 404)
        assert client.post(reverse("agreements:suggestion_accept", args=[suggestion.pk])).status_code in (403, 404)
        assert client.post(reverse("agreements:suggestion_correct", args=[suggestion.pk]),
                           {"topic": "pay"}).status_code in (403, 404)
    assert CodingBatch.objects.count() == 1 and not Clause.objects.filter(agreement=agreement).exists()
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.PENDING
    anonymous = Client().get(reverse("agreements:coding_upload", args=[agreement.pk]))
    assert anonymous.status_code == 302


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "neither a PDF nor a Word (DOCX) document"),
    ("ru", None),
    ("kk", None),
])
def test_a_bad_file_gives_a_form_error_in_the_users_language(agreement: Any, editor: Any, lang: str,
                                                             message: str | None) -> None:
    from django.utils import translation

    with translation.override(lang):
        expected = message or translation.gettext(
            "This file is neither a PDF nor a Word (DOCX) document. Upload the signed agreement as a PDF with a "
            "text layer or as a DOCX file.")
    assert lang == "en" or "DOCX" in expected and not expected.startswith("This file")
    response = _upload(_client(editor, lang), agreement, "photo.jpg", b"\xff\xd8\xff\xe0 a photo")
    assert response.status_code == 422
    assert expected in response.content.decode() or expected.replace("'", "&#x27;") in response.content.decode()
    assert not CodingBatch.objects.exists()


def test_a_scanned_pdf_is_told_plainly(agreement: Any, editor: Any) -> None:
    from tests.agreements.coding.pdfs import pdf

    response = _upload(_client(editor), agreement, "scan.pdf", pdf([[]]))
    assert response.status_code == 422 and "no text layer" in response.content.decode()
    assert not CodingBatch.objects.exists()


def test_the_queue_reads_in_russian_with_decimal_commas(agreement: Any, editor: Any) -> None:
    import re

    client = _client(editor, "ru")
    response = _upload(client, agreement, "ca.docx", docx(ARTICLES))
    page = client.get(response["Location"]).content.decode()
    assert "Проверка предложенных пунктов" in page and "Принять" in page and "по словам «30 calendar days»" in page
    assert re.search(r"— \d{1,3},\d %", page)
