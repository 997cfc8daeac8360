"""The coding API: segment JSON text or an uploaded file, suggest a clause's codes; editors only; JSON 4xx."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.agreements.coding.pdfs import docx, encrypted_pdf, pdf

pytestmark = pytest.mark.django_db

TEXT = "Раздел 5. Отпуска\n5.1. Ежегодный оплачиваемый отпуск — 30 календарных дней.\n5.2. Отпуск делится на части."


def _upload(client: Any, token_client: Any, name: str, data: bytes) -> Any:
    return client.post("/api/v1/agreements/segment", {"file": SimpleUploadedFile(name, data)},
                       HTTP_AUTHORIZATION=f"Bearer {token_client.token}")


def test_an_editor_segments_json_text_with_offsets(api, editor):
    status, body = api(editor).post("agreements/segment", {"text": TEXT})
    assert status == 200, body
    assert [(a["number"], TEXT[a["start"]:a["end"]] == a["text"]) for a in body["articles"]] == [
        ("5.1", True), ("5.2", True)]


def test_an_uploaded_pdf_and_docx_are_segmented(client, api, editor):
    writer = api(editor)
    response = _upload(client, writer, "ca.pdf", pdf([["Article 1. Pay", "Pay is 90 000 tenge.",
                                                       "Article 2. Leave", "Leave is 30 calendar days."]]))
    assert response.status_code == 200, response.json()
    assert [a["number"] for a in response.json()["articles"]] == ["1", "2"]
    response = _upload(client, writer, "ca.docx", docx(["5-бап. Жалақы", "Жалақы 100 000 теңге."]))
    assert [a["number"] for a in response.json()["articles"]] == ["5"]


@pytest.mark.parametrize(("name", "data", "code"), [
    ("scan.pdf", pdf([[]]), "no_text"), ("locked.pdf", encrypted_pdf(), "encrypted"),
    ("photo.jpg", b"\xff\xd8\xff\xe0 a photo", "not_supported"),
])
def test_files_that_cannot_be_read_get_422_with_a_code(client, api, editor, name, data, code):
    response = _upload(client, api(editor), name, data)
    assert response.status_code == 422
    assert response.json()["code"] == code and response.json()["errors"][0]["field"] == "file"


def test_a_suggestion_lists_every_topic_and_the_values(api, editor):
    status, body = api(editor).post("agreements/clause-suggestions", {
        "text": "Работникам предоставляется ежегодный оплачиваемый трудовой отпуск 30 календарных дней."})
    assert status == 200, body
    assert body["lang"] == "ru" and body["topics"][0]["code"] == "rest_leave" and len(body["topics"]) == 9
    assert body["parameters"] == [{"key": "annual_paid_leave_days", "value": 30, "unit": "calendar_days",
                                   "text": "30 календарных дней", "via": None}]
    assert body["model"]


def test_a_dispute_period_uses_the_packs_rule_key(api, editor):
    status, body = api(editor).post("agreements/clause-suggestions", {
        "text": "Работодатель рассматривает требования работников в течение двух рабочих дней.", "lang": "ru"})
    assert body["parameters"][0] | {"text": ""} == {"key": "employer_reply_to_demands", "value": 2,
                                                    "unit": "working_days", "text": "", "via": None}


@pytest.mark.parametrize(("path", "body", "status", "code"), [
    ("agreements/clause-suggestions", {"text": ""}, 422, "empty"),
    ("agreements/clause-suggestions", {"text": "Текст", "lang": "de"}, 422, "unknown_language"),
    ("agreements/segment", {"text": "   "}, 422, "empty"),
    ("agreements/segment", {"txt": "Раздел 1"}, 422, "invalid"),
    ("agreements/segment", {"text": "x" * (10 * 1024 * 1024)}, 413, "request_too_large"),
    ("agreements/clause-suggestions", {"text": "x" * (10 * 1024 * 1024)}, 413, "request_too_large"),
])
def test_bad_input_gets_a_json_4xx(api, editor, path, body, status, code):
    got, answer = api(editor).post(path, body)
    assert (got, answer["code"]) == (status, code)


def test_readers_get_403_and_anonymous_callers_401(api, personas):
    assert api(personas.member).post("agreements/segment", {"text": TEXT})[0] == 403
    assert api(None).post("agreements/clause-suggestions", {"text": TEXT})[0] == 401


@pytest.mark.parametrize(("lang", "words"), [("kk", "Белгісіз тіл"), ("ru", "Неизвестный язык")])
def test_errors_are_translated(client, api, editor, lang, words):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = lang
    status, body = api(editor).post("agreements/clause-suggestions", {"text": "Текст", "lang": "de"})
    assert status == 422 and words in body["message"]
