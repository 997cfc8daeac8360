"""The pack cites its acts in the reader's language: the act's name and the article as each language writes it."""

from __future__ import annotations

import pytest
from django.utils import translation

from tripartite.jurisdictions.kz_acts import LABOUR_CODE
from tripartite.jurisdictions.kz_disputes import SRC_REPLY
from tripartite.jurisdictions.texts import LegalSource, text

CODE = text("Еңбек кодексі", "Трудовой кодекс", "Labour Code")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Labour Code, Art. 163(2)"),
    ("ru", "Трудовой кодекс, п. 2 ст. 163"),
    ("kk", "Еңбек кодексі, 163-баптың 2-тармағы"),
])
def test_an_article_with_a_paragraph(lang: str, expected: str) -> None:
    assert LegalSource(CODE, "163(2)").cite(lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Labour Code, Art. 165"), ("ru", "Трудовой кодекс, ст. 165"), ("kk", "Еңбек кодексі, 165-бап"),
])
def test_an_article_alone(lang: str, expected: str) -> None:
    assert LegalSource(CODE, "165").cite(lang) == expected


def test_an_untranslated_title_and_an_act_without_article() -> None:
    assert LegalSource("Order No. 12").cite("kk") == "Order No. 12"
    assert LegalSource(CODE).cite("ru") == "Трудовой кодекс"


def test_without_a_language_the_citation_follows_the_active_one() -> None:
    with translation.override("kk"):
        assert SRC_REPLY.cite().startswith(LABOUR_CODE["kk"])
    with translation.override("ru"):
        assert SRC_REPLY.cite() == f"{LABOUR_CODE['ru']}, п. 2 ст. 163"
    with translation.override("en"):
        assert SRC_REPLY.cite().endswith("Art. 163(2)")


@pytest.mark.django_db
def test_the_procedure_page_cites_in_kazakh(client) -> None:
    client.cookies["django_language"] = "kk"
    page = client.get("/disputes/procedure/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Еңбек кодексі, 163-баптың 2-тармағы" in page and "Labour Code" not in page


def test_stored_reference_figures_name_the_act_as_text() -> None:
    # The minimum wage is loaded into the statistics register with its source: one stored name, in English.
    from tripartite.indicators.reference import minimum_wage_figures
    from tripartite.jurisdictions import get_pack
    from tripartite.jurisdictions.kz_acts import BUDGET_LAW

    figures = list(minimum_wage_figures(get_pack("kz")))
    assert figures and {f.source for f in figures} == {BUDGET_LAW["en"]}
