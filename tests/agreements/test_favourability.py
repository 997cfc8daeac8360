"""The favourability check: statutory floors by date, and higher-level agreements by scope."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tests.agreements.conftest import ALMATY, ASTANA, make_agreement, make_org
from tripartite.agreements.favourability import findings_for, higher_agreements


def test_pay_below_minimum_wage_is_found_with_its_source(db: Any, admin: Any, builder: Any) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder, params={"minimum_monthly_pay": 80000})
    [finding] = findings_for(ca, date(2026, 6, 15))
    assert finding.against == "floor"
    assert finding.reference_value == Decimal(85000)
    assert finding.shortfall == Decimal(5000)
    assert finding.rule_key == "minimum_wage_monthly"
    assert finding.verified is True
    assert "85" in finding.message and "5" in finding.shortfall_display


def test_pay_at_the_floor_is_not_a_finding(db: Any, admin: Any, builder: Any) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder, params={"minimum_monthly_pay": 85000})
    assert findings_for(ca, date(2026, 6, 15)) == []


def test_floor_raised_during_the_agreement_is_found_on_its_first_day(db: Any, admin: Any, builder: Any) -> None:
    # 75,000 was above the 2023 floor (70,000); the agreement ends on 1 Jan 2024, the day 85,000 took effect.
    ca = make_agreement(admin, builder, "collective", employer=builder, signed=date(2023, 1, 5),
                        start=date(2023, 1, 10), end=date(2024, 1, 1), params={"minimum_monthly_pay": 75000})
    [finding] = findings_for(ca, date(2026, 6, 15))
    assert finding.rule_from == date(2024, 1, 1)
    assert finding.shortfall == Decimal(10000)


def test_agreement_ending_the_day_before_a_raise_is_checked_against_the_old_floor(db: Any, admin: Any,
                                                                                  builder: Any) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder, signed=date(2023, 1, 5),
                        start=date(2023, 1, 10), end=date(2023, 12, 31), params={"minimum_monthly_pay": 75000})
    assert findings_for(ca, date(2026, 6, 15)) == []


def test_weekly_hours_above_the_maximum_are_less_favourable(db: Any, admin: Any, builder: Any) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder, params={"weekly_hours": 42})
    [finding] = findings_for(ca, date(2026, 6, 15))
    assert finding.shortfall == Decimal(2)
    assert finding.verified is False  # the 40-hour floor is a background value


def test_fewer_weekly_hours_are_more_favourable(db: Any, admin: Any, builder: Any) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder, params={"weekly_hours": 36})
    assert findings_for(ca, date(2026, 6, 15)) == []


def _higher_levels(admin: Any, ministry: Any) -> dict[str, Any]:
    return {
        "general": make_agreement(admin, ministry, "general", title="General", params={"minimum_monthly_pay": 90000}),
        "construction": make_agreement(admin, ministry, "sectoral", title="Construction", sectors=("F",),
                                       params={"minimum_monthly_pay": 120000}),
        "banking": make_agreement(admin, ministry, "sectoral", title="Banking", sectors=("K",),
                                  params={"minimum_monthly_pay": 200000}),
        "almaty": make_agreement(admin, ministry, "regional", title="Almaty", regions=(ALMATY,),
                                 params={"minimum_monthly_pay": 100000}),
        "astana": make_agreement(admin, ministry, "regional", title="Astana", regions=(ASTANA,),
                                 params={"minimum_monthly_pay": 150000}),
    }


def test_construction_employer_in_almaty_is_covered_by_its_sector_region_and_general(
    db: Any, admin: Any, ministry: Any, builder: Any
) -> None:
    higher = _higher_levels(admin, ministry)
    ca = make_agreement(admin, builder, "collective", employer=builder, params={"minimum_monthly_pay": 95000})
    titles = {a.title for a in higher_agreements(ca, date(2026, 6, 15))}
    assert titles == {"General", "Construction", "Almaty"}
    below = {f.higher_title: f.shortfall for f in findings_for(ca, date(2026, 6, 15)) if f.against == "agreement"}
    assert below == {"Construction": Decimal(25000), "Almaty": Decimal(5000)}
    assert higher["banking"].pk not in {f.higher_id for f in findings_for(ca, date(2026, 6, 15))}


def test_sectoral_agreement_is_checked_against_the_general_agreement_only(
    db: Any, admin: Any, ministry: Any
) -> None:
    higher = _higher_levels(admin, ministry)
    titles = {a.title for a in higher_agreements(higher["construction"], date(2026, 6, 15))}
    assert titles == {"General"}
    assert higher_agreements(higher["general"], date(2026, 6, 15)) == []


def test_regional_agreement_of_a_region_is_not_covered_by_a_sectoral_one(db: Any, admin: Any, ministry: Any) -> None:
    higher = _higher_levels(admin, ministry)
    assert {a.title for a in higher_agreements(higher["almaty"], date(2026, 6, 15))} == {"General"}


def test_a_higher_agreement_that_ended_before_this_one_started_does_not_apply(
    db: Any, admin: Any, ministry: Any, builder: Any
) -> None:
    make_agreement(admin, ministry, "sectoral", title="Old construction", sectors=("F",), signed=date(2020, 1, 1),
                   start=date(2020, 1, 10), end=date(2024, 1, 14), params={"minimum_monthly_pay": 300000})
    ca = make_agreement(admin, builder, "collective", employer=builder, params={"minimum_monthly_pay": 95000})
    assert higher_agreements(ca, date(2026, 6, 15)) == []


def test_a_higher_agreement_ending_on_the_first_day_still_applies(db: Any, admin: Any, ministry: Any,
                                                                  builder: Any) -> None:
    make_agreement(admin, ministry, "sectoral", title="Construction", sectors=("F",), signed=date(2020, 1, 1),
                   start=date(2020, 1, 10), end=date(2024, 1, 15), params={"minimum_monthly_pay": 300000})
    ca = make_agreement(admin, builder, "collective", employer=builder, params={"minimum_monthly_pay": 95000})
    assert [a.title for a in higher_agreements(ca, date(2026, 6, 15))] == ["Construction"]


def test_an_employer_in_another_sector_and_region_is_only_under_the_general_agreement(
    db: Any, admin: Any, ministry: Any
) -> None:
    _higher_levels(admin, ministry)
    farm = make_org("Farm", sectors=("A",), regions=("190000000",))
    ca = make_agreement(admin, farm, "collective", employer=farm, params={"minimum_monthly_pay": 95000})
    assert [a.title for a in higher_agreements(ca, date(2026, 6, 15))] == ["General"]


def test_unsigned_higher_agreements_do_not_count(db: Any, admin: Any, ministry: Any, builder: Any) -> None:
    make_agreement(admin, ministry, "sectoral", title="Draft", sectors=("F",), signed=None, start=None, end=None,
                   params={"minimum_monthly_pay": 300000})
    ca = make_agreement(admin, builder, "collective", employer=builder, params={"minimum_monthly_pay": 95000})
    assert higher_agreements(ca, date(2026, 6, 15)) == []
