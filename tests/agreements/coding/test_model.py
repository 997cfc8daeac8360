"""The clause-topic model: trained from the seed corpus and coded clauses, versioned, refusing thin data."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tripartite.agreements.coding import model
from tripartite.agreements.coding.errors import CodingError
from tripartite.agreements.coding.services import suggest
from tripartite.jurisdictions.clause_corpus import LabelledArticle


@pytest.mark.django_db
def test_training_prints_accuracy_per_topic_and_language_and_makes_the_model_current(capsys):
    call_command("clauses", "train")
    out = capsys.readouterr().out
    for label in ("rest_leave", "union_rights", "kk", "ru", "en", "cross-validated accuracy"):
        assert label in out
    assert model.current_version() in out


@pytest.mark.django_db
def test_too_few_examples_for_a_topic_names_it_and_keeps_the_previous_model():
    first = model.train().version
    thin = [a for a in model.training_examples() if a.topic != "safety"][:400]
    thin += [LabelledArticle("safety", "ru", "Спецодежда выдаётся бесплатно.")] * 3
    with pytest.raises(model.TrainingError) as caught:
        model.train(thin)
    assert "safety" in str(caught.value)
    assert model.current_version() == first


@pytest.mark.django_db
def test_the_train_command_reports_a_refusal_on_one_line(monkeypatch):
    monkeypatch.setattr(model, "training_examples", lambda: [LabelledArticle("pay", "en", "Pay.")] * 20)
    with pytest.raises(CommandError, match="working_time"):
        call_command("clauses", "train")


@pytest.mark.django_db
def test_a_suggestion_ranks_every_topic_and_records_the_model_version():
    s = suggest("Работникам предоставляется ежегодный оплачиваемый трудовой отпуск продолжительностью "
                "30 календарных дней.")
    assert s.lang == "ru"
    assert s.topics[0][0] == "rest_leave"
    assert len(s.topics) == len(model.topic_codes())
    assert [score for _t, score in s.topics] == sorted((score for _t, score in s.topics), reverse=True)
    assert s.model == model.current_version()
    assert [(p.key, p.value) for p in s.parameters] == [("annual_paid_leave_days", 30)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Жыл сайынғы ақылы еңбек демалысы отыз күнтізбелік күн.", "kk"),
    ("Ежегодный отпуск — 28 календарных дней.", "ru"),
    ("Annual leave is 28 calendar days.", "en"),
])
def test_the_language_of_an_article_is_detected(text, lang):
    assert model.detect_language(text) == lang


@pytest.mark.parametrize(("text", "lang", "code"), [
    ("", None, "empty"), ("   ", None, "empty"), ("x" * 1_000_001, None, "too_long"), ("Текст", "de", "unknown_language"),
])
def test_bad_input_is_refused_before_the_model_is_asked(text, lang, code):
    with pytest.raises(CodingError) as caught:
        suggest(text, lang=lang)
    assert caught.value.code == code


@pytest.mark.django_db
def test_clauses_people_coded_join_the_training_examples(admin, builder):
    from tests.agreements.conftest import make_agreement
    from tripartite.agreements import services

    agreement = make_agreement(admin, builder, "collective", employer=builder)
    services.clause_add(by=admin, agreement=agreement, number="9.1", topic="union_rights",
                        text_ru="Профком согласует график отпусков.")
    assert LabelledArticle("union_rights", "ru", "Профком согласует график отпусков.") in model.training_examples()
