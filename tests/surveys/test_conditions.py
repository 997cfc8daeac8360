"""Conditions on questions: checked at save time, evaluated by the server for every submission (form and API),
"not asked" stored apart from "no answer", tables on the asked base, .sav exports with two missing codes."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tripartite.core.errors import DomainError
from tripartite.surveys.collect import services
from tripartite.surveys.models import Response
from tripartite.surveys.results import exporting, queries

BASE = "/api/v1/surveys"
HOURS_MESSAGES = {"constraint_message_en": "At most 80 hours a week.",
                  "constraint_message_ru": "Не больше 80 часов в неделю.",
                  "constraint_message_kk": "Аптасына 80 сағаттан аспайды."}


@pytest.fixture(autouse=True)
def _in_english() -> Any:
    """The messages are asserted in English (the platform's default language is Russian)."""
    with translation.override("en"):
        yield


def _draft(editor: Any, union: Any, code: str = "branching") -> Any:
    """works (yes 1 / no 2) → hours (asked only if works = yes; at most 80) → union (asked only if working),
    a note, a calculated monthly hours value, and a comment required if hours > 60."""
    questionnaire = services.questionnaire_create(by=editor, owner=union, code=code, title_en="Branching")
    version = questionnaire.versions.get()
    works = services.question_add(version=version, by=editor, data={"code": "works", "kind": "single",
                                                                      "text_en": "Do you work?"})
    services.option_add(question=works, by=editor, data={"code": 1, "name": "yes", "label_en": "Yes"})
    services.option_add(question=works, by=editor, data={"code": 2, "name": "no", "label_en": "No"})
    services.question_add(version=version, by=editor, data={
        "code": "hours", "kind": "number", "text_en": "Hours a week", "relevance": "${works} = 'yes'",
        "constraint": ". <= 80", **HOURS_MESSAGES})
    member = services.question_add(version=version, by=editor, data={
        "code": "member", "kind": "single", "text_en": "Union member?", "required": False, "relevance": "selected(${works}, 'yes')"})
    services.option_add(question=member, by=editor, data={"code": 1, "label_en": "Yes"})
    services.option_add(question=member, by=editor, data={"code": 2, "label_en": "No"})
    services.question_add(version=version, by=editor, data={"code": "thanks", "kind": "note",
                                                            "text_en": "Thank you, nearly done."})
    services.question_add(version=version, by=editor, data={"code": "monthly", "kind": "calculate",
                                                            "text_en": "Monthly hours",
                                                            "calculation": "if(${hours} > 0, ${hours} * 4, '')"})
    services.question_add(version=version, by=editor, data={"code": "why", "kind": "text", "text_en": "Why so long?",
                                                            "required": False, "required_if": "${hours} > 60"})
    return version


@pytest.fixture
def branching(editor: Any, union: Any, make_campaign: Any) -> Any:
    version = services.version_publish(version=_draft(editor, union), by=editor)
    return make_campaign(slug="branching-2026", version=version)


def test_conditions_decide_what_is_asked_and_what_is_stored(branching: Any) -> None:
    checked = services.check_answers(branching.version, {"works": 1, "hours": 40, "member": 2})
    assert checked.errors == {} and checked.not_asked == []
    assert checked.clean == {"works": 1, "hours": 40, "member": 2, "monthly": 160}
    checked = services.check_answers(branching.version, {"works": 2})
    assert checked.errors == {} and checked.clean == {"works": 2}
    assert checked.not_asked == ["hours", "member"]


def test_required_if_and_the_constraint_message_in_the_respondents_language(branching: Any) -> None:
    with translation.override("en"):
        errors = services.check_answers(branching.version, {"works": 1, "hours": 70, "member": 1}).errors
    assert errors == {"why": "Please answer this question."}
    for lang in ("en", "ru", "kk"):
        with translation.override(lang):
            errors = services.check_answers(branching.version, {"works": 1, "hours": 90, "member": 1}).errors
        assert errors["hours"] == HOURS_MESSAGES[f"constraint_message_{lang}"]


def test_a_note_or_a_calculated_value_takes_no_answer(branching: Any) -> None:
    errors = services.check_answers(branching.version, {"works": 2, "thanks": "hi", "monthly": 3}).errors
    assert set(errors) == {"thanks", "monthly"}


def test_api_refuses_an_answer_to_a_question_not_asked_naming_it(api: Any, branching: Any) -> None:
    url = f"{BASE}/campaigns/{branching.slug}/responses"
    status, body = api(None).post(url, {"answers": {"works": 2, "hours": 30}, "idempotency_key": "k1",
                                        "language": "en"})
    assert status == 422
    assert [e["field"] for e in body["errors"]] == ["hours"] and "not asked" in body["errors"][0]["message"]
    assert not Response.objects.filter(campaign=branching).exists()
    status, _body = api(None).post(url, {"answers": {"works": 2}, "idempotency_key": "k2"})
    assert status == 201
    stored = Response.objects.get(campaign=branching)
    assert stored.answers == {"works": 2} and stored.not_asked == ["hours", "member"]


def test_api_gives_the_constraint_message_in_russian(api: Any, branching: Any) -> None:
    status, body = api(None).post(f"{BASE}/campaigns/{branching.slug}/responses", {
        "answers": {"works": 1, "hours": 95, "member": 1}, "idempotency_key": "k3", "language": "ru"})
    assert status == 422 and body["errors"] == [{"field": "hours", "message": "Не больше 80 часов в неделю."}]


def test_the_form_without_javascript_refuses_an_answer_not_asked_and_checks_answers(client: Any,
                                                                                    branching: Any) -> None:
    url = f"/surveys/r/{branching.slug}/?lang=en"
    page = client.get(url)
    assert page.status_code == 200 and 'id="survey-check"' in page.content.decode()
    refused = client.post(url, {"q_works": "2", "q_hours": "30", "token": "t1", "lang": "en"})
    html = refused.content.decode()
    assert refused.status_code == 422 and "This question was not asked" in html
    assert not Response.objects.filter(campaign=branching).exists()
    check = client.post(url, {"q_works": "2", "token": "t2", "lang": "en", "check": "1"})
    assert check.status_code == 200 and "Not asked, given your earlier answers." in check.content.decode()
    assert not Response.objects.filter(campaign=branching).exists()
    sent = client.post(url, {"q_works": "2", "token": "t3", "lang": "en"})
    assert sent.status_code == 302 and Response.objects.get(campaign=branching).not_asked == ["hours", "member"]


# Checked when saved ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"relevance": "${salary} > 1"}, "relevance", "Question late, asked only if: There is no question “salary”."),
    ({"relevance": "${works} + 1 > 2"}, "relevance", "${works} is not a number"),
    ({"relevance": "${works} = 'maybe'"}, "relevance", "${works} has no option “maybe”."),
    ({"constraint": "string-length(.) >"}, "constraint", "Question late, constraint: The expression ends too early."),
    ({"relevance": "pulldata('a', 'b')"}, "relevance", "pulldata() is not supported"),
    ({"relevance": "${late} = 1"}, "relevance", "cannot depend on its own answer"),
    ({"default": "x"}, "default", "the default of a number question must be a number"),
])
def test_a_broken_condition_is_refused_naming_the_question(editor: Any, union: Any, data: dict[str, str],
                                                           field: str, message: str) -> None:
    version = _draft(editor, union)
    with pytest.raises(ValidationError) as caught:
        services.question_add(version=version, by=editor, data={"code": "late", "kind": "number",
                                                                "text_en": "Late", **data})
    assert message in " ".join(caught.value.message_dict[field])
    assert not version.questions.filter(code="late").exists()


def test_a_cycle_between_conditions_is_refused(editor: Any, union: Any) -> None:
    version = _draft(editor, union)
    a = services.question_add(version=version, by=editor, data={"code": "a", "kind": "number", "text_en": "A"})
    services.question_add(version=version, by=editor, data={"code": "b", "kind": "number", "text_en": "B",
                                                            "relevance": "${a} > 1"})
    with pytest.raises(ValidationError) as caught:
        services.question_update(question=a, by=editor, data={"relevance": "${b} > 1"})
    assert "go round in a circle" in str(caught.value) and "${a}" in str(caught.value)
    assert version.questions.get(code="a").relevance == ""


def test_publishing_refuses_a_condition_left_dangling(editor: Any, union: Any) -> None:
    version = _draft(editor, union)
    services.question_delete(question=version.questions.get(code="works"), by=editor)
    with pytest.raises(DomainError) as caught:
        services.version_publish(version=version, by=editor)
    assert "There is no question “works”." in str(caught.value)


def test_api_put_questions_names_the_broken_condition(api: Any, editor: Any, union: Any) -> None:
    version = _draft(editor, union, code="api-branching")
    status, body = api(editor).put(f"{BASE}/questionnaires/api-branching/versions/{version.number}/questions", [
        {"code": "age", "kind": "number", "text_en": "Age"},
        {"code": "job", "kind": "text", "text_en": "Job", "relevance": "${agee} >= 18"},
    ])
    assert status == 422
    assert body["errors"][0]["field"] == "questions.2.relevance" and "agee" in body["errors"][0]["message"]


# Results on the asked base, and the .sav export -------------------------------------------------------------


def _answer(campaign: Any, n: int, answers: dict[str, Any], start: int = 0) -> None:
    for i in range(n):
        services.submit_response(campaign, answers, idempotency_key=f"{answers}-{start + i}", source="api")


def test_frequencies_and_crosstabs_use_the_asked_base_and_say_so(branching: Any) -> None:
    _answer(branching, 3, {"works": 1, "hours": 40, "member": 1})
    _answer(branching, 2, {"works": 1, "hours": 20})  # asked, no answer
    _answer(branching, 4, {"works": 2})  # not asked
    with translation.override("en"):
        result = queries.frequencies_for(branching, "member", public=False, lang="en")
        assert result["n_total"] == 5 and result["n_valid"] == 3 and result["n_missing"] == 2
        assert result["base"] == {"questions": ["member"], "not_asked": 4}
        assert "4 respondents who were not asked are left out" in result["warnings"][0]["text"]
        spec = queries.check_spec(branching, rows="member", cols="works")
        table = queries.crosstab_for(branching, spec, public=False, lang="en").to_dict("en")
        assert table["base"] == {"questions": ["member"], "not_asked": 4}
        assert table["total"] == 3
        works = queries.frequencies_for(branching, "works", public=False, lang="en")
        assert works["n_total"] == 9 and "base" not in works


def test_results_page_states_the_base(client: Any, admin_user: Any, branching: Any) -> None:
    _answer(branching, 1, {"works": 2})
    client.force_login(admin_user)
    html = client.get(f"/surveys/results/{branching.slug}/?lang=en", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "who were asked member" in html or "who was not asked" in html


def test_sav_export_has_labelled_user_missing_codes_for_not_asked_and_no_answer(branching: Any) -> None:
    _answer(branching, 1, {"works": 1, "hours": 40, "member": 1})
    _answer(branching, 1, {"works": 1, "hours": 20})
    _answer(branching, 1, {"works": 2})
    export = exporting.export_answers(branching, "sav", lang="en")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.sav"
        path.write_bytes(export.content)
        frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert list(frame["member"]) == [1, -99, -98]
    no_answer, not_asked = exporting.missing_codes(branching.version.questions.get(code="hours"))
    assert (no_answer, not_asked) == (-999_999_999, -999_999_998)  # no smallest value: far below any answer
    assert list(frame["hours"]) == [40, 20, not_asked]
    assert {r["lo"] for r in meta.missing_ranges["hours"]} == {no_answer, not_asked}
    assert meta.variable_value_labels["member"][-98] == "not asked"
    assert meta.variable_value_labels["member"][-99] == "no answer"
    assert {r["lo"] for r in meta.missing_ranges["member"]} == {-99, -98}
    assert meta.variable_measure["hours"] == "scale"
    csv_export = exporting.export_answers(branching, "csv", lang="en").content.decode()
    assert "-98" not in csv_export


def test_a_questionnaire_without_conditions_exports_as_before(campaign: Any) -> None:
    assert not exporting.has_conditions(campaign)
    assert exporting.missing_codes(campaign.version.questions.get(code="gov"))[0] == -99
