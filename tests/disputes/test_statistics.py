"""The summary and the ILO strike indicators, checked against hand-computed figures."""

from __future__ import annotations

from datetime import date

import pytest

from tripartite.disputes import queries, services
from tripartite.disputes.models import SectorEmployment

from .conftest import make_dispute

pytestmark = pytest.mark.django_db


def _strike(world, *, start, end, participants, other=False):
    dispute = make_dispute(world, other=other, on=date(2025, 3, 3))
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 6))
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="strike", on=date(2025, 3, 14))
    services.strike_update(strike=dispute.strikes.get(), by=world.inspector,
                           data={"started_on": start, "ended_on": end, "participants": participants})
    return dispute


def test_days_not_worked_count_working_days_only(world):
    # Mon 17 – Wed 26 Mar 2025: 17, 18, 19, 20 worked; 21–25 Nauryz and weekend; 26 worked → 5 working days.
    _strike(world, start=date(2025, 3, 17), end=date(2025, 3, 26), participants=200)
    [row] = queries.strike_statistics(date(2025, 6, 1))
    assert (row.year, row.sector_code, row.strikes, row.workers_involved) == (2025, "B", 1, 200)
    assert row.days_not_worked == 1000
    assert row.per_thousand is None  # no denominator entered


def test_the_rate_per_thousand_uses_the_entered_employees(world):
    _strike(world, start=date(2025, 3, 17), end=date(2025, 3, 26), participants=200)
    SectorEmployment.objects.create(sector=world.sector, year=2025, employees=250_000, source="BNS 2025")
    [row] = queries.strike_statistics(date(2025, 6, 1))
    assert row.per_thousand == 4.0  # 1000 days / 250,000 employees × 1000


def test_a_strike_over_new_year_counts_days_in_each_year_and_once_as_a_strike(world):
    dispute = make_dispute(world, on=date(2024, 12, 2))
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2024, 12, 5))
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="strike", on=date(2024, 12, 20))
    services.strike_update(strike=dispute.strikes.get(), by=world.inspector,
                           data={"started_on": date(2024, 12, 30), "ended_on": date(2025, 1, 6), "participants": 10})
    rows = {r.year: r for r in queries.strike_statistics(date(2025, 6, 1))}
    # 2024: Mon 30, Tue 31 Dec. 2025: 1-2 holidays, 3 transferred off, 4 Sat, Sun 5 worked, Mon 6.
    assert (rows[2024].strikes, rows[2024].days_not_worked) == (1, 20)
    assert (rows[2025].strikes, rows[2025].days_not_worked) == (0, 20)


def test_the_summary_shares_and_medians(world):
    settled_early = make_dispute(world, on=date(2025, 3, 3))
    services.dispute_advance(dispute=settled_early, by=world.inspector, to_stage="settled", on=date(2025, 3, 5))
    conciliated = make_dispute(world, on=date(2025, 3, 3))
    services.dispute_advance(dispute=conciliated, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 7))
    services.dispute_advance(dispute=conciliated, by=world.inspector, to_stage="settled", on=date(2025, 3, 17))
    _strike(world, start=date(2025, 3, 17), end=date(2025, 3, 18), participants=5, other=True)
    make_dispute(world, other=True, on=date(2024, 5, 6))  # open, another year
    summary = queries.summary(date(2025, 6, 1))
    y2025 = next(y for y in summary.years if y.year == 2025)
    assert (y2025.disputes, y2025.closed, y2025.settled, y2025.strikes) == (3, 2, 2, 1)
    assert y2025.share_settled_without_strike == 1.0
    assert y2025.share_settled_at("demands") == 0.5 and y2025.share_settled_at("conciliation") == 0.5
    assert y2025.median_days["demands"] == 3.0  # 2 and 4 calendar days, and 3 for the striking dispute
    assert y2025.median_days["conciliation"] == 9.0  # 10 and 8 days
    assert [y.year for y in summary.years] == [2025, 2024]
