"""XLSForm in and out: import (checked by pyxform and our rules), refusals with sheet and row, export, round trip."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from tripartite.surveys import xlsform
from tripartite.surveys.collect import services
from tripartite.surveys.models import Questionnaire

BASE = "/api/v1/surveys"
LABELS = ["label::Kazakh (kk)", "label::Russian (ru)", "label::English (en)"]
SURVEY_HEADER = ["type", "name", *LABELS, "hint::English (en)", "required", "relevance", "constraint",
                 "constraint_message::Kazakh (kk)", "constraint_message::Russian (ru)",
                 "constraint_message::English (en)", "calculation", "default"]
SURVEY = [
    ["select_one yn", "works", "Жұмыс істейсіз бе?", "Вы работаете?", "Do you work?", "", "yes", "", "", "", "", "",
     "", ""],
    ["begin group", "job", "", "", "Your job", "", "", "${works} = 'yes'", "", "", "", "", "", ""],
    ["integer", "hours", "Аптасына сағат", "Часов в неделю", "Hours a week", "Usual week", "yes", "", ". <= 80",
     "80-нан аспайды", "Не больше 80", "At most 80", "", ""],
    ["select_multiple sectors", "sectors", "Салалар", "Отрасли", "Sectors", "", "", "", "", "", "", "", "", ""],
    ["end group", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["decimal", "wage", "Жалақы", "Зарплата", "Wage", "", "", "", "", "", "", "", "", "1.5"],
    ["date", "since", "Қашаннан бері", "С какого времени", "Since when", "", "${hours} > 40", "", "", "", "", "", "",
     ""],
    ["text", "comment", "Пікір", "Комментарий", "Comment", "", "", "", "string-length(.) < 200", "", "", "", "", ""],
    ["note", "bye", "Рахмет", "Спасибо", "Thank you", "", "", "", "", "", "", "", "", ""],
    ["calculate", "monthly", "", "", "", "", "", "", "", "", "", "", "${hours} * 4", ""],
]
CHOICES = [["list_name", "name", *LABELS],
           ["yn", "yes", "Иә", "Да", "Yes"], ["yn", "no", "Жоқ", "Нет", "No"],
           ["sectors", "1", "Тау-кен", "Горная", "Mining"], ["sectors", "3", "Құрылыс", "Стройка", "Construction"]]
SETTINGS = [["form_id", "form_title", "default_language"], ["field-2026", "Field survey", "English (en)"]]


@pytest.fixture(autouse=True)
def _in_english() -> Any:
    """The messages are asserted in English (the platform's default language is Russian)."""
    with translation.override("en"):
        yield


def workbook(survey: list[list[Any]] | None = None, choices: list[list[Any]] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    for row in [SURVEY_HEADER, *(survey if survey is not None else SURVEY)]:
        sheet.append(row)
    choice_sheet = book.create_sheet("choices")
    for row in choices if choices is not None else CHOICES:
        choice_sheet.append(row)
    settings = book.create_sheet("settings")
    for row in SETTINGS:
        settings.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(api: Any, user: Any, content: bytes, **fields: Any) -> tuple[int, Any]:
    client = api(user)
    response = client.client.post(f"{BASE}/questionnaires/import-xlsform",
                                  {"file": io.BytesIO(content), **fields}, HTTP_AUTHORIZATION=f"Bearer {client.token}",
                                  HTTP_ACCEPT_LANGUAGE="en")
    return response.status_code, response.json()


def test_api_imports_an_xlsform_as_a_draft_questionnaire(api: Any, editor: Any, union: Any) -> None:
    status, body = _upload(api, editor, workbook(), owner=union.pk)
    assert status == 201 and body == {"code": "field-2026", "version": 1}
    version = Questionnaire.objects.get(code="field-2026").versions.get(number=1)
    assert not version.is_published and version.questionnaire.title_en == "Field survey"
    questions = {q.code: q for q in version.ordered_questions()}
    assert list(questions) == ["works", "hours", "sectors", "wage", "since", "comment", "bye", "monthly"]
    assert questions["hours"].relevance == "${works} = 'yes'" and questions["hours"].constraint == ". <= 80"
    assert questions["hours"].constraint_message_ru == "Не больше 80" and questions["hours"].required
    assert questions["sectors"].relevance == "${works} = 'yes'" and not questions["sectors"].required
    assert questions["since"].required_if == "${hours} > 40"
    assert [(o.code, o.name) for o in questions["works"].sorted_options()] == [(1, "yes"), (2, "no")]
    assert [(o.code, o.name) for o in questions["sectors"].sorted_options()] == [(1, ""), (3, "")]
    assert questions["wage"].kind == "decimal" and questions["wage"].default == "1.5"
    assert questions["monthly"].kind == "calculate" and questions["monthly"].calculation == "${hours} * 4"
    published = services.version_publish(version=version, by=editor)
    checked = services.check_answers(published, {"works": 2, "wage": "2,5"})
    assert checked.errors == {} and checked.not_asked == ["hours", "sectors"]


def test_importing_with_the_code_of_a_questionnaire_makes_its_next_version(api: Any, editor: Any, union: Any) -> None:
    _upload(api, editor, workbook(), owner=union.pk)
    services.version_publish(version=Questionnaire.objects.get(code="field-2026").versions.get(), by=editor)
    status, body = _upload(api, editor, workbook(), code="field-2026")
    assert status == 201 and body == {"code": "field-2026", "version": 2}


@pytest.mark.parametrize(("row", "reason"), [
    (["begin repeat", "kids", "", "", "Children", "", "", "", "", "", "", "", "", ""], "repeat groups are not supported"),
    (["image", "photo", "", "", "Photo", "", "", "", "", "", "", "", "", ""], "the type “image” is not supported"),
    (["text", "x", "", "", "X", "", "", "pulldata('a', 'b', 'c', 'd') = 1", "", "", "", "", "", ""],
     "pulldata() is not supported"),
    (["select_one nolist", "y", "", "", "Y", "", "", "", "", "", "", "", "", ""], "no choice list “nolist”"),
    (["text", "Bad Name", "", "", "X", "", "", "", "", "", "", "", "", ""], "is not a question code"),
])
def test_a_row_that_cannot_be_honoured_refuses_the_file_with_sheet_and_row(api: Any, editor: Any, union: Any,
                                                                         row: list[Any], reason: str) -> None:
    status, body = _upload(api, editor, workbook([*SURVEY, row]), owner=union.pk)
    assert status == 422
    messages = [e["message"] for e in body["errors"] if e["field"] == "file"]
    assert any(f"Sheet survey, row {len(SURVEY) + 2}:" in m and reason in m for m in messages), messages
    assert not Questionnaire.objects.filter(code="field-2026").exists()


def test_a_condition_on_an_unknown_question_is_refused_naming_it(api: Any, editor: Any, union: Any) -> None:
    row = ["text", "late", "", "", "Late", "", "", "${nowhere} = 1", "", "", "", "", "", ""]
    status, body = _upload(api, editor, workbook([*SURVEY, row]), owner=union.pk)
    assert status == 422 and "nowhere" in str(body)
    assert not Questionnaire.objects.filter(code="field-2026").exists()


def test_a_file_that_is_not_an_xlsform_is_refused(api: Any, editor: Any, union: Any) -> None:
    status, body = _upload(api, editor, b"not a workbook", owner=union.pk)
    assert status == 422 and "not an XLSForm" in body["errors"][0]["message"]


def test_round_trip_keeps_every_supported_column(api: Any, editor: Any, union: Any) -> None:
    _upload(api, editor, workbook(), owner=union.pk)
    status = api(editor).client.get(f"{BASE}/questionnaires/field-2026/versions/1/xlsform",
                                    HTTP_AUTHORIZATION=f"Bearer {api(editor).token}")
    assert status.status_code == 200 and status["Content-Type"] == xlsform.CONTENT_TYPE
    first = status.content
    info, questions = xlsform.read_xlsform(first)
    assert info["form_id"] == "field-2026" and info["title_en"] == "Field survey"
    # Import the export as a new questionnaire: the same questions, and the same file once more.
    version = xlsform.xlsform_import(content=first, by=editor, owner=union, code="field-copy")
    again = xlsform.read_xlsform(xlsform.xlsform_export(version))[1]
    assert again == questions
    hours = next(q for q in questions if q["code"] == "hours")
    assert hours == {"code": "hours", "kind": "number", "relevance": "${works} = 'yes'", "constraint": ". <= 80",
                     "required": True, "text_kk": "Аптасына сағат", "text_ru": "Часов в неделю",
                     "text_en": "Hours a week", "help_en": "Usual week", "constraint_message_kk": "80-нан аспайды",
                     "constraint_message_ru": "Не больше 80", "constraint_message_en": "At most 80"}
    sheet = load_workbook(io.BytesIO(first))["choices"]
    assert [c.value for c in sheet[2]] == ["works", "yes", "Иә", "Да", "Yes"]


def test_the_web_import_page_imports_and_shows_refusals(client: Any, editor: Any, union: Any) -> None:
    client.force_login(editor)
    assert client.get("/surveys/questionnaires/").content.decode().count('id="import-xlsform"') == 1
    bad = client.post("/surveys/questionnaires/import-xlsform/", {
        "file": io.BytesIO(workbook([*SURVEY, ["image", "p", "", "", "P", "", "", "", "", "", "", "", "", ""]])),
        "owner": union.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 422 and "Sheet survey, row 12" in bad.content.decode()
    upload = io.BytesIO(workbook())
    upload.name = "form.xlsx"
    good = client.post("/surveys/questionnaires/import-xlsform/", {"file": upload, "owner": union.pk})
    assert good.status_code == 302 and good["Location"].endswith("/questionnaires/field-2026/v1/")
    page = client.get("/surveys/questionnaires/field-2026/v1/xlsform.xlsx")
    assert page.status_code == 200 and page.content[:2] == b"PK"
