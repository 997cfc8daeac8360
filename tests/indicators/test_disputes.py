"""Dispute indicators on a small register computed by hand, through the disputes app's own services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.disputes.conftest import make_dispute
from tripartite.disputes import services
from tripartite.indicators import registry
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import Query, Status

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _one(code: str, period: str, **where) -> registry.IndicatorValue:
    values = registry.get(code).values(Query(period=Period.parse(period), today=TODAY, **where))
    assert len(values) == 1
    return values[0]


@pytest.fixture
def disputes(world):
    """2025: one settled on the demands (2 days), one settled in conciliation (4 + 10 days), one settled after a
    strike (the other employer, Almaty, sector H), one still open. 2024: one open dispute."""
    early = make_dispute(world, on=date(2025, 3, 3))
    services.dispute_advance(dispute=early, by=world.inspector, to_stage="settled", on=date(2025, 3, 5))
    conciliated = make_dispute(world, on=date(2025, 3, 3))
    services.dispute_advance(dispute=conciliated, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 7))
    services.dispute_advance(dispute=conciliated, by=world.inspector, to_stage="settled", on=date(2025, 3, 17))
    struck = make_dispute(world, on=date(2025, 3, 3), other=True, employees_involved=100)
    services.dispute_advance(dispute=struck, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 6))
    services.dispute_advance(dispute=struck, by=world.inspector, to_stage="strike", on=date(2025, 3, 14))
    services.dispute_advance(dispute=struck, by=world.inspector, to_stage="settled", on=date(2025, 3, 20))
    make_dispute(world, on=date(2025, 4, 1))
    make_dispute(world, on=date(2024, 5, 6))
    return world


def test_share_settled_without_a_strike(disputes):
    value = _one("disputes_settled_peacefully", "2025")
    # Closed: 3; settled without a strike: 2 → 66.67%. The open dispute is not in the denominator.
    assert (value.numerator, value.denominator, value.value) == (2, 3, Decimal("66.67"))
    notes = " ".join(value.notes)
    assert "4 disputes (demands received in the period), 850 workers involved." in notes  # 250 × 3 + 100
    assert "1 strike." in notes
    # Median from demands to closing: 2, 14 and 17 days → 14.
    assert "Median duration from the demands to the closing of the dispute: 14 calendar days." in notes
    assert "(33.3%)" in notes  # one of the three settled disputes was settled at each of three stages
    assert value.sources[0].url == "/disputes/summary/"


def test_by_sector_but_not_by_region(disputes, client):
    mining = _one("disputes_settled_peacefully", "2025", sector=disputes.sector)
    assert (mining.numerator, mining.denominator) == (2, 2)
    transport = _one("disputes_settled_peacefully", "2025", sector=disputes.other_sector)
    assert (transport.numerator, transport.denominator, transport.value) == (0, 1, Decimal("0.00"))
    # A region often has one dispute a year: a regional figure would disclose its outcome.
    with pytest.raises(ValidationError):
        _one("disputes_settled_peacefully", "2025", region=disputes.other_region)
    response = client.get("/api/v1/indicators/disputes_settled_peacefully?period=2025&region=750000000")
    assert response.status_code == 422


def test_a_year_without_closed_disputes_has_no_denominator(disputes):
    value = _one("disputes_settled_peacefully", "2024")
    assert value.status == Status.NO_DENOMINATOR and value.value is None


def test_deadlines_missed_per_dispute_agree_with_the_disputes_summary(disputes):
    from tripartite.disputes import queries

    year = next(y for y in queries.summary(TODAY).years if y.year == 2024)
    value = _one("disputes_deadlines_missed", "2024")
    assert (value.numerator, value.denominator) == (year.deadlines_missed, 1)
    assert year.deadlines_missed >= 1  # the 2024 dispute has been open for a year without a step


def test_the_dispute_indicator_page_links_to_the_summary_not_to_case_files(client, disputes):
    page = client.get("/indicators/disputes_settled_peacefully/?period=2025", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "66.67" in text and 'href="/disputes/summary/"' in text
    assert "/disputes/1/" not in text
