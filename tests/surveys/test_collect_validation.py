"""validate_answers (shared by the form, the API and the importer) and the respondent's form in kk, ru and en."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from tests.surveys.conftest import VALID
from tripartite.surveys.collect import services
from tripartite.surveys.models import Response


def test_valid_answers_are_cleaned_to_codes(template: Any) -> None:
    raw = {**{k: str(v) for k, v in VALID.items()}, "network_size": " 25 "}
    clean, errors = services.validate_answers(template, raw)
    assert errors == {}
    assert clean == VALID


def test_optional_question_may_be_left_out(template: Any) -> None:
    raw = {k: v for k, v in VALID.items() if k != "network_size"}
    clean, errors = services.validate_answers(template, raw)
    assert errors == {} and "network_size" not in clean


@pytest.mark.parametrize(
    ("lang", "required", "option", "too_large", "unknown"),
    [
        ("en", "Please answer this question.", "Choose one of the options.", "Enter a number no larger than 5000.",
         "This questionnaire has no question with this code."),
        ("ru", "Пожалуйста, ответьте на этот вопрос.", "Выберите один из вариантов.",
         "Введите число не больше 5000.", "В этой анкете нет вопроса с таким кодом."),
        ("kk", "Осы сұраққа жауап беріңіз.", "Нұсқалардың бірін таңдаңыз.", "5000-нан аспайтын сан енгізіңіз.",
         "Бұл сауалнамада мұндай коды бар сұрақ жоқ."),
    ],
)
def test_messages_in_each_language(template: Any, lang: str, required: str, option: str, too_large: str,
                                   unknown: str) -> None:
    raw = {**VALID, "gender": None, "sector": 12, "network_size": 9999, "colour": "blue"}
    with translation.override(lang):
        clean, errors = services.validate_answers(template, raw)
    assert errors == {"gender": required, "sector": option, "network_size": too_large, "colour": unknown}
    assert clean["age_group"] == 3 and "sector" not in clean


@pytest.mark.parametrize("value", ["abc", "2.5", True, [1, 2], {"a": 1}])
def test_single_choice_refuses_non_codes(template: Any, value: Any) -> None:
    _clean, errors = services.validate_answers(template, {**VALID, "gov": value})
    assert set(errors) == {"gov"}


def test_number_bounds_and_whole_numbers(template: Any) -> None:
    for value, ok in ((1, True), (5000, True), ("0", False), ("-3", False), ("7.5", False), ("12.0", True)):
        _clean, errors = services.validate_answers(template, {**VALID, "network_size": value})
        assert ("network_size" not in errors) is ok, value


def test_multiple_choice_and_text(make_campaign: Any, editor: Any, union: Any) -> None:
    q = services.questionnaire_create(by=editor, owner=union, code="mixed", title_en="Mixed")
    version = q.versions.get()
    multi = services.question_add(version=version, by=editor, data={"code": "topics", "kind": "multiple",
                                                                      "text_en": "Topics", "required": True})
    for label in ("Pay", "Safety", "Hours"):
        services.option_add(question=multi, by=editor, data={"label_en": label})
    services.question_add(version=version, by=editor, data={"code": "comment", "kind": "text", "text_en": "Comment",
                                                            "required": False})
    clean, errors = services.validate_answers(version, {"topics": "3;1", "comment": "  fine  "})
    assert errors == {} and clean == {"topics": [1, 3], "comment": "fine"}
    clean, errors = services.validate_answers(version, {"topics": [1, 9]})
    assert set(errors) == {"topics"}
    _clean, errors = services.validate_answers(version, {"topics": [], "comment": "x" * 1001})
    assert set(errors) == {"topics", "comment"}


# The form ----------------------------------------------------------------------------------------------------


def _post(client: Any, campaign: Any, data: dict[str, Any], *, lang: str = "ru", token: str = "tok-1", **extra: Any) -> Any:
    body = {f"q_{k}": v for k, v in data.items()}
    body.update({"token": token, "lang": lang, **extra})
    return client.post(f"/surveys/r/{campaign.slug}/?lang={lang}", body)


@pytest.mark.parametrize(
    ("lang", "heading", "required"),
    [
        ("ru", "Укажите ваш возраст", "Пожалуйста, ответьте на этот вопрос."),
        ("kk", "Жасыңызды көрсетіңіз", "Осы сұраққа жауап беріңіз."),
        ("en", "Indicate your age", "Please answer this question."),
    ],
)
def test_form_shows_errors_in_its_language_and_keeps_answers(client: Any, campaign: Any, lang: str, heading: str,
                                                             required: str) -> None:
    page = client.get(f"/surveys/r/{campaign.slug}/?lang={lang}")
    assert page.status_code == 200
    html = page.content.decode()
    assert heading in html and f'lang="{lang}"' in html and 'name="token"' in html and "csrfmiddlewaretoken" in html
    answers = {**VALID, "gender": "", "network_size": "9999"}
    response = _post(client, campaign, answers, lang=lang)
    assert response.status_code == 422
    html = response.content.decode()
    assert required in html
    assert 'id="q_age_group-3" value="3" checked' in html  # what was filled in is kept
    assert 'value="9999"' in html
    assert Response.objects.count() == 0


def test_form_stores_answers_in_the_chosen_language(client: Any, campaign: Any) -> None:
    response = _post(client, campaign, VALID, lang="kk")
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.language == "kk" and stored.answers == VALID and stored.source == "form"
    thanks = client.get(response["Location"])
    assert "Жауаптарыңыз үшін рахмет!" in thanks.content.decode()


def test_form_language_falls_back_to_the_campaigns_languages(client: Any, make_campaign: Any) -> None:
    only_kk = make_campaign(slug="kk-only", languages=["kk"])
    page = client.get("/surveys/r/kk-only/?lang=en")
    assert "Жасыңызды көрсетіңіз" in page.content.decode()
    assert only_kk.languages == ["kk"]


def test_form_is_csrf_protected(campaign: Any) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/surveys/r/{campaign.slug}/", {"token": "x", **{f"q_{k}": v for k, v in VALID.items()}})
    assert response.status_code == 403
    assert Response.objects.count() == 0
