"""Collective bargaining coverage on a small register computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from tests.indicators.conftest import ALMATY, ASTANA, stat
from tripartite.agreements import queries as agreement_queries
from tripartite.agreements.models import Agreement
from tripartite.core.models import Region, Sector
from tripartite.indicators import registry
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import Query, Status

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _one(period: str, user=None, **where) -> registry.IndicatorValue:
    values = registry.get("cb_coverage").values(Query(period=Period.parse(period), today=TODAY, user=user, **where))
    assert len(values) == 1
    return values[0]


def test_coverage_counts_a_worker_covered_by_two_agreements_once(register):
    value = _one("2025")
    # 300 (builder; the sectoral agreement reaching the same workers is not added) + 200 + 1,000 = 1,500;
    # the miner's agreement expired on 31.12.2024.
    assert (value.numerator, value.denominator, value.value) == (1_500, 10_000, Decimal("15.00"))
    assert value.status == Status.OK
    assert {r.kind for r in value.records} == {"statistic", "agreement"}
    assert len([r for r in value.records if r.kind == "agreement"]) == 3
    assert any("sectoral" in n for n in value.notes)


def test_an_expired_agreement_is_counted_while_it_was_in_force(register):
    # On 31.12.2024 the miner's agreement was still in force: 300 + 200 + 400 + 1,000.
    assert _one("2024").numerator == 1_900


def test_coverage_of_a_region_counts_employers_attached_to_it_alone(register):
    value = _one("2025", region=Region.objects.get(kato=ALMATY))
    # Builder only: the miner's agreement expired and the holding spans two regions.
    assert (value.numerator, value.denominator, value.value) == (300, 4_000, Decimal("7.50"))


def test_coverage_of_a_region_with_no_statistics_has_no_denominator(register):
    value = _one("2025", region=Region.objects.get(kato=ASTANA))
    assert value.value is None
    assert value.status == Status.NO_DENOMINATOR
    assert value.numerator == 200
    assert "No denominator" in value.message


def test_coverage_of_a_sector(register):
    value = _one("2025", sector=Sector.objects.get(code="F"))
    assert (value.numerator, value.denominator, value.value) == (300, 1_000, Decimal("30.00"))


def test_two_overlapping_agreements_of_one_employer_count_its_workers_once(register):
    # The services refuse this; a record kept before that rule can still have it.
    old = Agreement.objects.get(employer=register["bank"])
    Agreement.objects.create(kind="collective", level=old.level, owner=register["bank"], employer=register["bank"],
                             title_en="Older bank agreement", signed_on=date(2023, 1, 1),
                             effective_from=date(2023, 1, 2), effective_to=date(2027, 1, 1), covered_employees=150)
    value = _one("2025")
    assert value.numerator == 1_500  # the bank counts once, with its larger figure (200)
    assert any("another agreement" in n for n in value.notes)


def test_national_figure_agrees_with_the_agreements_register_when_every_record_is_seen(register, admin_user):
    on = date(2025, 12, 31)
    assert _one("2025", user=admin_user).numerator == agreement_queries.covered_employees(on=on)


def test_the_public_sees_coverage_from_published_agreements_only(register, anonymous):
    Agreement.objects.filter(employer=register["bank"]).update(published=False)
    assert _one("2025", user=anonymous).numerator == 1_300


def test_without_any_agreement_in_force_there_is_no_numerator(clean_statistics):
    stat("employees", "2025", 10_000)
    value = _one("2025")
    assert value.status == Status.NO_NUMERATOR
    assert value.value is None


def test_the_api_gives_coverage_with_its_numerator_denominator_and_records(client, register):
    body = client.get("/api/v1/indicators/cb_coverage?period=2025&region=750000000").json()
    [value] = body["values"]
    assert (value["numerator"], value["denominator"], value["status"]) == (300, 4000, "ok")
    assert any(r["url"].startswith("/agreements/") for r in value["records"])
    assert client.get("/api/v1/indicators/cb_coverage?period=2025&region=710000000").json()["values"][0][
        "status"] == "no_denominator"
