"""Levels of social partnership as dated schemes."""

from datetime import date

import pytest

from tripartite.jurisdictions import LevelNotFound, Parties, Scope, get_pack

PACK = get_pack("kz")


def test_levels_from_2016_follow_labour_code_art_147():
    levels = PACK.levels(on=date(2016, 1, 1))
    assert [lv.code for lv in levels] == [
        "republican", "sectoral", "regional", "regional_oblast", "regional_city", "regional_district",
        "organisation",
    ]
    assert PACK.level("republican", on=date(2025, 1, 1)).source.article == "147(2)"


def test_regional_sub_levels_point_to_regional():
    scheme = PACK.level_scheme(date(2025, 1, 1))
    subs = [lv.code for lv in scheme.levels if lv.parent == "regional"]
    assert subs == ["regional_oblast", "regional_city", "regional_district"]
    assert "regional" not in [lv.code for lv in scheme.leaves()]
    assert PACK.level("regional_oblast").name["en"] == "Oblast, city of republican significance, capital"


def test_organisation_level_is_bipartite_and_unconfirmed_as_a_level():
    org = PACK.level("organisation", on=date(2025, 1, 1))
    assert org.parties == Parties.BIPARTITE and org.scope == Scope.ORGANISATION
    assert not org.verified


def test_levels_under_the_2000_law_are_the_six_of_seed_001():
    levels = PACK.levels(on=date(2005, 6, 1))
    assert [lv.code for lv in levels] == ["national", "regional", "territorial", "sectoral", "professional",
                                          "local"]
    assert PACK.level("professional", on=date(2005, 6, 1)).parties == Parties.BIPARTITE
    assert not PACK.level("professional", on=date(2005, 6, 1)).verified


def test_levels_just_before_2016_are_the_2007_code_scheme_and_unverified():
    scheme = PACK.level_scheme(date(2015, 12, 31))
    assert not scheme.verified
    assert "organisation" in [lv.code for lv in scheme.levels]
    assert "regional_district" not in [lv.code for lv in scheme.levels]


def test_no_levels_before_the_2000_law():
    with pytest.raises(LevelNotFound):
        PACK.levels(on=date(1999, 1, 1))


def test_level_schemes_do_not_overlap():
    schemes = PACK.level_schemes
    for earlier, later in zip(schemes, schemes[1:], strict=False):
        assert earlier.effective_to is not None and earlier.effective_to < later.effective_from
