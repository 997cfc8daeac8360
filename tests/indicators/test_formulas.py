"""Each indicator's formula on small registers computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from tests.commissions.conftest import make_commission, make_decision, make_meeting, make_org
from tests.indicators.conftest import ALMATY, ASTANA, report, stat, union
from tripartite.core.models import Region, Sector
from tripartite.indicators import registry
from tripartite.indicators.computations import wages
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import Query, Status

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def _one(code: str, period: str, **where) -> registry.IndicatorValue:
    values = registry.get(code).values(Query(period=Period.parse(period), today=TODAY, **where))
    assert len(values) == 1
    return values[0]


# Trade union density -------------------------------------------------------------------------------------------


@pytest.fixture
def union_register(clean_statistics):
    """A federation (12,000 employee members) with an affiliate that also reported (3,000, inside the 12,000),
    an independent union (1,000), and a union that gave only its total membership."""
    federation = union("Federation", subkind="republican_union_association")
    affiliate = union("Miners' union", parent=federation, regions=(ALMATY,), sectors=("B",),
                      subkind="sectoral_union")
    independent = union("Independent union", regions=(ALMATY,), sectors=("B",))
    total_only = union("Teachers' union", regions=(ASTANA,))
    report(federation, date(2025, 3, 1), 15_000, 11_000)  # superseded by the later report of the same year
    report(federation, date(2025, 9, 1), 16_000, 12_000)
    report(affiliate, date(2025, 6, 1), 3_500, 3_000)
    report(independent, date(2025, 6, 1), 1_100, 1_000)
    report(total_only, date(2025, 6, 1), 900, None)
    stat("employees", "2025", 100_000)
    stat("employees", "2025", 20_000, region=ALMATY)
    stat("employees", "2025", 8_000, sector="B")
    return federation


def test_density_counts_employee_members_once_along_the_hierarchy(union_register):
    value = _one("union_density", "2025")
    # Federation's latest report (12,000) + independent union (1,000); the affiliate is inside the federation's
    # figure and the union that gave only its total membership is left out: 13,000 / 100,000 = 13%.
    assert (value.numerator, value.denominator, value.value) == (13_000, 100_000, Decimal("13.00"))
    assert value.status == Status.OK
    assert len(value.notes) == 2  # one report without employee members, one affiliate's report left out
    assert {r.kind for r in value.records} == {"statistic", "membership_report"}
    assert len([r for r in value.records if r.kind == "membership_report"]) == 2


def test_density_of_a_region_counts_the_unions_attached_to_it_alone(union_register):
    almaty = Region.objects.get(kato=ALMATY)
    value = _one("union_density", "2025", region=almaty)
    # In Almaty: the affiliate (3,000) and the independent union (1,000); the federation covers no single region.
    assert (value.numerator, value.denominator, value.value) == (4_000, 20_000, Decimal("20.00"))


def test_density_of_a_region_with_no_statistics_says_there_is_no_denominator(union_register):
    astana = Region.objects.get(kato=ASTANA)  # a union reported, but there is no figure of employees
    value = _one("union_density", "2025", region=astana)
    assert value.value is None and value.status == Status.NO_DENOMINATOR
    shymkent = Region.objects.get(kato="790000000")
    with translation.override("en"):
        value = _one("union_density", "2025", region=shymkent)
    assert value.value is None
    assert value.status == Status.NO_DENOMINATOR
    assert value.message == "No denominator: no official figure of employees for 2025 here."


def test_density_of_a_sector(union_register):
    value = _one("union_density", "2025", sector=Sector.objects.get(code="B"))
    assert (value.numerator, value.denominator, value.value) == (4_000, 8_000, Decimal("50.00"))


def test_density_without_employee_members_has_no_numerator(clean_statistics):
    report(union("Union"), date(2025, 5, 1), 500, None)
    stat("employees", "2025", 10_000)
    value = _one("union_density", "2025")
    assert value.value is None and value.status == Status.NO_NUMERATOR


def test_density_for_the_public_ignores_unpublished_unions(clean_statistics, anonymous, admin_user):
    report(union("Public union"), date(2025, 5, 1), 600, 500)
    report(union("Draft union", published=False), date(2025, 5, 1), 600, 500)
    stat("employees", "2025", 10_000)
    public = registry.get("union_density").values(Query(period=Period(2025), user=anonymous))[0]
    internal = registry.get("union_density").values(Query(period=Period(2025), user=admin_user))[0]
    assert (public.numerator, internal.numerator) == (500, 1_000)


def test_all_periods_include_years_with_reports_and_years_with_statistics(union_register):
    stat("employees", "2024", 95_000)
    periods = [str(v.period) for v in registry.get("union_density").values(Query(today=TODAY))]
    assert periods == ["2024", "2025"]


# Minimum wage ratios -------------------------------------------------------------------------------------------


def test_minimum_wage_to_median_uses_the_minimum_wage_of_the_quarters_year():
    # The reference figures shipped with the platform: MZP 85,000 in 2025; median Q1 2025 300,307.
    value = _one("mw_median_ratio", "2025-Q1")
    assert (value.numerator, value.denominator) == (85_000, 300_307)
    assert value.value == Decimal("28.30")  # 85,000 ÷ 300,307 = 0.28304…
    assert {r.kind for r in value.records} == {"statistic"} and len(value.records) == 2
    average = _one("mw_average_ratio", "2025-Q1")
    assert average.value == Decimal("20.09")  # 85,000 ÷ 423,133 = 0.200882…


def test_minimum_wage_ratio_without_a_median_says_so():
    value = _one("mw_median_ratio", "2025-Q2")  # only the average is published for Q2 2025
    assert value.value is None and value.status == Status.NO_DENOMINATOR
    region = Region.objects.get(kato=ALMATY)
    assert _one("mw_median_ratio", "2025-Q1", region=region).status == Status.NO_DENOMINATOR


def test_minimum_wage_ratio_of_a_region_divides_the_national_minimum_wage(clean_statistics):
    stat("minimum_wage", "2025", 85_000)
    stat("median_wage", "2025-Q1", 340_000, region=ALMATY)
    value = _one("mw_median_ratio", "2025-Q1", region=Region.objects.get(kato=ALMATY))
    assert value.value == Decimal("25.00")


def test_the_path_to_half_the_median_in_five_years():
    path = wages.path_for(registry.get("mw_median_ratio"), Query(today=TODAY), target_percent=Decimal(50), years=5,
                          wage_growth_percent=Decimal(0))
    assert path is not None and str(path.base.period) == "2025-Q1"
    # (0.5 × 300,307 ÷ 85,000)^(1/5) = 1.766512^(0.2) = 1.120530 → +12.05% a year.
    assert path.yearly_increase_percent == Decimal("12.05")
    assert [s.year for s in path.steps] == [2026, 2027, 2028, 2029, 2030]
    assert path.steps[0].minimum_wage == 95_245  # 85,000 × 1.120530
    assert path.steps[-1].minimum_wage in (150_153, 150_154) and path.steps[-1].percent == Decimal("50.00")


def test_the_path_with_growing_wages_needs_larger_increases():
    flat = wages.target_path(minimum_wage=100, wage=400, base_year=2025, target_percent=Decimal(50), years=2)
    growing = wages.target_path(minimum_wage=100, wage=400, base_year=2025, target_percent=Decimal(50), years=2,
                                wage_growth_percent=Decimal(10))
    # Flat: 100 → 200 in two years = ×√2 a year (+41.42%). Growing 10%: 200 × 1.21 = 242 → ×√2.42 (+55.56%).
    assert flat[0] == Decimal("41.42") and growing[0] == Decimal("55.56")
    assert growing[1][-1].wage == 484 and growing[1][-1].minimum_wage == 242


def test_path_parameters_are_checked():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        wages.parse_path_params("150", "0", "x")
    assert set(caught.value.message_dict) == {"target", "years", "growth"}


# Commissions -----------------------------------------------------------------------------------------------------


@pytest.fixture
def commissions_register(db):
    ministry = make_org("Ministry of Labour", subkind="ministry")
    almaty = Region.objects.get(kato=ALMATY)
    national = make_commission(ministry, name="RTC")
    regional = make_commission(ministry, name="Almaty commission", level="regional_city", region=almaty)
    m1 = make_meeting(national, on=date(2025, 2, 1))
    make_decision(m1, due=date(2025, 3, 1), done=date(2025, 2, 20))  # on time
    make_decision(m1, due=date(2025, 4, 1), done=date(2025, 5, 1))  # late
    make_decision(m1, due=date(2025, 5, 1))  # never done
    make_decision(m1, due=None)  # no due date: not counted
    make_meeting(national, on=date(2025, 6, 1))
    make_meeting(national, on=date(2025, 9, 1), status="planned")  # not held: not counted
    return national, regional


def test_decisions_on_time_divides_decisions_done_by_their_due_date_by_decisions_due(commissions_register):
    value = _one("commission_decisions_on_time", "2025")
    assert (value.numerator, value.denominator) == (1, 3)
    assert value.value == Decimal("33.33")
    assert len(value.records) == 3 and all(r.kind == "decision" for r in value.records)


def test_decisions_on_time_without_decisions_due_says_so(commissions_register):
    value = _one("commission_decisions_on_time", "2024")
    assert value.value is None and value.status == Status.NO_DENOMINATOR


def test_meetings_per_commission_counts_held_meetings(commissions_register):
    value = _one("commission_meetings_per_year", "2025")
    assert (value.numerator, value.denominator, value.value) == (2, 2, Decimal("1.00"))  # 2 held ÷ 2 commissions
    assert all(r.kind == "meeting" for r in value.records)
    almaty = _one("commission_meetings_per_year", "2025", region=Region.objects.get(kato=ALMATY))
    assert (almaty.numerator, almaty.denominator, almaty.value) == (0, 1, Decimal("0.00"))


def test_every_indicator_is_registered_with_its_methodology():
    codes = {i.code for i in registry.all_indicators()}
    assert {"union_density", "mw_median_ratio", "mw_average_ratio", "commission_decisions_on_time",
            "commission_meetings_per_year"} <= codes
    for indicator in registry.all_indicators():
        m = indicator.methodology
        assert str(m.definition) and str(m.formula) and m.sources and m.caveats
