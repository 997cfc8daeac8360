"""Representativeness of social partners: met, not met, or cannot tell (never a guess)."""

from datetime import date

from tripartite.jurisdictions import get_pack
from tripartite.jurisdictions.kz import OrganisationKind

PACK = get_pack("kz")
ON = date(2025, 1, 1)


def test_missing_fact_gives_none_with_a_reason_naming_it():
    a = PACK.assess_representativeness(OrganisationKind.UNION_SECTORAL, {"regions_covered": 12}, ON)
    assert a.meets is None
    share = next(r for r in a.reasons if r.criterion == "sectoral_union_sector_share")
    assert share.met is None and share.code == "missing_fact" and share.params["fact"] == "members"
    assert "members is missing" in share.detail["en"]


def test_sectoral_union_present_in_more_than_half_of_twenty_regions():
    facts = {"regions_covered": 11, "members": 20_000, "employees_in_scope": 100_000}
    a = PACK.assess_representativeness(OrganisationKind.UNION_SECTORAL, facts, ON)
    assert a.meets is True
    assert not a.verified  # the thresholds are unconfirmed


def test_sectoral_union_in_exactly_half_of_regions_does_not_meet():
    facts = {"regions_covered": 10, "members": 20_000, "employees_in_scope": 100_000}
    a = PACK.assess_representativeness(OrganisationKind.UNION_SECTORAL, facts, ON)
    assert a.meets is False
    presence = next(r for r in a.reasons if r.criterion == "sectoral_union_regional_presence")
    assert presence.params == {"covered": 10, "total": 20, "needed": 11}


def test_total_regions_is_not_assumed_before_the_2022_regions():
    a = PACK.assess_representativeness(OrganisationKind.UNION_SECTORAL, {"regions_covered": 9},
                                       date(2020, 1, 1))
    presence = next(r for r in a.reasons if r.criterion == "sectoral_union_regional_presence")
    assert presence.met is None and presence.params["fact"] == "total_regions"


def test_republican_association_needs_half_of_sectoral_unions_or_territorial_associations():
    kind = OrganisationKind.UNION_REPUBLICAN_ASSOCIATION
    assert PACK.assess_representativeness(
        kind, {"member_sectoral_unions": 12, "total_sectoral_unions": 20}, ON).meets is True
    unknown = PACK.assess_representativeness(
        kind, {"member_sectoral_unions": 5, "total_sectoral_unions": 20}, ON)
    assert unknown.meets is None  # territorial associations could still carry it
    assert PACK.assess_representativeness(kind, {
        "member_sectoral_unions": 5, "total_sectoral_unions": 20,
        "member_territorial_associations": 3, "total_territorial_associations": 20}, ON).meets is False


def test_employers_association_criteria_are_unconfirmed():
    a = PACK.assess_representativeness(OrganisationKind.EMPLOYERS_REPUBLICAN, {"members": 33}, ON)
    assert a.meets is None and not a.verified
    assert a.reasons[0].code == "no_criteria"
    assert "unconfirmed" in a.reasons[0].detail["en"]


def test_threshold_configured_as_none_gives_none():
    pack = get_pack("kz", overrides={"sectoral_union_min_sector_employees_share": None})
    a = pack.assess_representativeness(OrganisationKind.UNION_SECTORAL,
                                       {"regions_covered": 15, "members": 1, "employees_in_scope": 10}, ON)
    assert a.meets is None
    assert any(r.code == "rule_not_set" for r in a.reasons)
