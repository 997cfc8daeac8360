"""Registering drafts and their versions: trilingual texts, refusals that store nothing, who may do it."""

from __future__ import annotations

import pytest

from tripartite.consultations import services
from tripartite.consultations.models import Article, DraftAct, DraftVersion
from tripartite.core.errors import NotAllowed

from .conftest import EN_TEXT, KK_TEXT, RU_TEXT, make_draft


def test_a_draft_is_stored_as_articles_matched_across_the_three_languages(world):
    draft = make_draft(world)
    version = draft.latest_version()
    assert version.number == 1
    second = version.articles.get(key="2")
    assert (second.heading_ru, second.heading_kk, second.heading_en) == ("Размер", "Мөлшері", "Amount")
    assert list(version.articles.values_list("key", flat=True)) == ["preamble", "1", "2", "3"]
    # The preamble exists only in Russian: the other languages are missing, not translated.
    assert version.articles.get(key="preamble").missing_languages() == ["kk", "en"]


def test_a_language_may_be_left_out_and_stays_missing(world):
    draft = services.draft_create(by=world.secretary, drafter=world.ministry, kind="ministerial_order",
                                  title_kk="Бұйрық жобасы", texts={"kk": KK_TEXT})
    assert draft.title_ru == "" and draft.title == "Бұйрық жобасы"
    assert draft.latest_version().articles.get(key="1").missing_languages() == ["ru", "en"]


def test_a_text_without_numbered_articles_is_refused_and_nothing_is_stored(world):
    with pytest.raises(services.DraftTextRefused) as caught:
        services.draft_create(by=world.secretary, drafter=world.ministry, kind="law", title_ru="Без статей",
                              texts={"ru": "Текст без нумерации статей."})
    assert caught.value.field == "text_ru"
    assert DraftAct.objects.count() == 0 and DraftVersion.objects.count() == 0


def test_a_file_that_is_not_a_word_document_is_refused_with_the_language_named(world):
    from django.utils import translation

    with translation.override("en"), pytest.raises(services.DraftTextRefused) as caught:
        services.text_of_docx(b"not a docx", "kk")
    with translation.override("en"):
        assert "Kazakh" in str(caught.value) and caught.value.field == "text_kk"


def test_a_draft_without_a_title_is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.draft_create(by=world.secretary, drafter=world.ministry, kind="law", texts={"en": EN_TEXT})
    assert DraftAct.objects.count() == 0


def test_only_the_drafting_bodys_people_register_its_drafts(world):
    with pytest.raises(NotAllowed):
        services.draft_create(by=world.outsider_secretary, drafter=world.ministry, kind="law", title_en="X",
                              texts={"en": EN_TEXT})
    with pytest.raises(NotAllowed):
        services.draft_create(by=world.workers_coordinator, drafter=world.ministry, kind="law", title_en="X",
                              texts={"en": EN_TEXT})


def test_a_new_version_keeps_the_old_one_and_its_articles(world, draft):
    old_articles = list(Article.objects.filter(version__number=1).values_list("pk", "text_ru"))
    services.version_add(draft=draft, by=world.secretary, texts={"ru": RU_TEXT + "Статья 4. Новая\nТекст.\n"})
    assert list(draft.versions.values_list("number", flat=True)) == [1, 2]
    assert list(Article.objects.filter(version__number=1).values_list("pk", "text_ru")) == old_articles
    assert draft.latest_version().articles.filter(key="4").exists()


def test_no_new_version_once_the_draft_is_closed(world, draft):
    from datetime import date

    services.draft_close(draft=draft, by=world.secretary, outcome="withdrawn", outcome_on=date(2026, 4, 1))
    with pytest.raises(services.ConsultationClosed):
        services.version_add(draft=draft, by=world.secretary, texts={"kk": KK_TEXT})


def test_a_referred_draft_cannot_be_deleted(world, draft, referral):
    from tripartite.core.errors import Conflict

    with pytest.raises(Conflict):
        services.draft_delete(draft=draft, by=world.secretary)
