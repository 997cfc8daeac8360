"""Regions (KATO), OKED sections, the survey-sector map, sides and roles."""

import string

from tripartite.jurisdictions import LANGUAGES, RegionKind, get_pack

PACK = get_pack("kz")


def _trilingual(name):
    return all(name.get(lang) for lang in LANGUAGES)


def test_twenty_regions_since_2022():
    regions = PACK.regions()
    assert len(regions) == 20
    kinds = [r.kind for r in regions]
    assert kinds.count(RegionKind.OBLAST) == 17
    assert kinds.count(RegionKind.CITY_OF_REPUBLICAN_SIGNIFICANCE) == 2
    assert kinds.count(RegionKind.CAPITAL) == 1
    assert len({r.code for r in regions}) == 20


def test_region_codes_are_kato_top_level_codes():
    by_code = {r.code: r for r in PACK.regions()}
    assert by_code["710000000"].name["en"] == "Astana"
    assert by_code["750000000"].name["ru"] == "Алматы"
    assert by_code["790000000"].name["kk"] == "Шымкент"
    for code in ("100000000", "330000000", "620000000"):  # Abai, Jetisu, Ulytau (2022)
        assert code in by_code
    for r in PACK.regions():
        assert len(r.code) == 9 and r.code.isdigit() and r.code.startswith(r.short_code)
        assert _trilingual(r.name)


def test_twenty_one_oked_sections():
    sectors = PACK.sectors()
    assert [s.code for s in sectors] == list(string.ascii_uppercase[:21])
    assert all(_trilingual(s.name) for s in sectors)


def test_survey_map_covers_all_eleven_sectors_of_table_1():
    survey = PACK.survey_sector_map()
    assert [s.number for s in survey] == list(range(1, 12))
    assert sum(s.respondents for s in survey) == 346
    assert all(_trilingual(s.name) and s.sections for s in survey)


def test_every_oked_section_belongs_to_exactly_one_survey_sector():
    mapped = [code for s in PACK.survey_sector_map() for code in s.sections]
    assert sorted(mapped) == [s.code for s in PACK.sectors()]


def test_sides_and_roles_are_named_in_three_languages():
    assert [s.code for s in PACK.sides()] == ["state", "employers", "workers"]
    assert [r.code for r in PACK.roles()] == ["chair", "co_chair", "coordinator", "member", "secretary"]
    assert all(_trilingual(item.name) for item in PACK.sides() + PACK.roles() + PACK.organisation_kinds())


def test_level_names_are_trilingual():
    for scheme in PACK.level_schemes:
        assert all(_trilingual(lv.name) for lv in scheme.levels)
