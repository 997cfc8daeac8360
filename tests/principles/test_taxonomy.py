"""The jurisdiction pack's principles and crosswalk, and their copy in the database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tripartite.jurisdictions import get_pack
from tripartite.jurisdictions.principles import Ratification, RatificationStatus
from tripartite.principles.models import Convention, Principle, SdgTarget
from tripartite.principles.sync import sync_taxonomy

TAXONOMY = get_pack("kz").principles

REQUIRED_CONVENTIONS = {"C029", "C105", "C087", "C098", "C100", "C111", "C131", "C138", "C182", "C144", "C154",
                        "C155", "C187", "C190", "C081", "C129"}


def test_the_pack_lists_the_eleven_principles_of_table_2_in_order() -> None:
    assert [p.number for p in TAXONOMY.principles] == list(range(1, 12))
    assert TAXONOMY.principle("P02").name["ru"] == "Свобода труда"
    assert TAXONOMY.principle("P09").name["en"].startswith("Right of workers and employers to organise")
    for p in TAXONOMY.principles:
        assert all(p.name[lang] and p.summary[lang] for lang in ("kk", "ru", "en")), p.code


def test_every_principle_cites_an_article_of_the_labour_code_marked_unverified() -> None:
    for p in TAXONOMY.principles:
        assert p.article == f"4({p.number})"
        assert not p.verified and "UNCONFIRMED" in (p.source.note or "")
        assert p.source.cite("ru").endswith(f"п. {p.number} ст. 4")


def test_the_crosswalk_reaches_every_required_convention_and_the_three_sdg_targets() -> None:
    reached = {code for p in TAXONOMY.principles for code in p.conventions}
    assert REQUIRED_CONVENTIONS <= reached
    assert {code for p in TAXONOMY.principles for code in p.sdg_targets} == {"8.5", "8.7", "8.8"}
    assert set(TAXONOMY.principle("P09").conventions) == {"C087", "C098"}
    assert set(TAXONOMY.principle("P03").conventions) == {"C029", "C105", "C100", "C111", "C138", "C182"}
    assert "C131" in TAXONOMY.principle("P06").conventions
    assert {p.code for p in TAXONOMY.principles_for_convention("C155")} == {"P04", "P05", "P11"}


def test_only_ratifications_stated_by_a_source_are_confirmed() -> None:
    confirmed = {c.code for c in TAXONOMY.conventions if c.ratification.verified}
    assert confirmed == {"C087", "C098", "C131"}
    c131 = TAXONOMY.convention("C131").ratification
    assert c131.status == RatificationStatus.RATIFIED and c131.on == date(2025, 10, 20)
    assert "Z2500000224" in (c131.source.url or "")
    # The domain brief says C144's ratification is unconfirmed: it must not be shown as a fact.
    c144 = TAXONOMY.convention("C144").ratification
    assert c144.status == RatificationStatus.UNKNOWN and not c144.verified


def test_a_confirmed_ratification_without_a_source_is_refused() -> None:
    with pytest.raises(ValueError):
        Ratification(RatificationStatus.RATIFIED, True)


def test_clause_topics_map_to_principles_by_default() -> None:
    assert [p.code for p in TAXONOMY.principles_for_topic("pay")] == ["P06"]
    assert [p.code for p in TAXONOMY.principles_for_topic("union_rights")] == ["P09"]
    assert [p.code for p in TAXONOMY.principles_for_topic("safety")] == ["P04", "P05", "P11"]
    assert TAXONOMY.principles_for_topic("other") == ()


def test_the_migration_seeds_the_database_from_the_pack(db: Any) -> None:
    assert Principle.objects.count() == 11 and Convention.objects.count() == len(TAXONOMY.conventions)
    assert set(SdgTarget.objects.values_list("code", flat=True)) == {"8.5", "8.7", "8.8"}
    p09 = Principle.objects.get(code="P09")
    assert set(p09.conventions.values_list("code", flat=True)) == {"C087", "C098"}
    assert p09.name_kk and p09.name_ru and p09.name_en and not p09.article_verified
    c131 = Convention.objects.get(code="C131")
    assert c131.ratified == "ratified" and c131.ratified_on == date(2025, 10, 20) and c131.ratification_verified


def test_the_sync_is_idempotent_and_restores_edited_rows(db: Any) -> None:
    Principle.objects.filter(code="P06").update(name_en="edited")
    result = sync_taxonomy(TAXONOMY, principle_model=Principle, convention_model=Convention, sdg_model=SdgTarget)
    again = sync_taxonomy(TAXONOMY, principle_model=Principle, convention_model=Convention, sdg_model=SdgTarget)
    assert result == again and result.principles == 11 and result.not_in_pack == ()
    assert Principle.objects.count() == 11
    assert Principle.objects.get(code="P06").name_en == "Pay for work no lower than the minimum wage"
