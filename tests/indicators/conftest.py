"""Factories for the indicator tests: official figures, trade unions with membership reports, commissions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.agreements.conftest import make_agreement
from tests.agreements.conftest import make_org as make_employer
from tests.disputes.conftest import fast_password_hashing, world  # noqa: F401  (fixtures for test_disputes)
from tripartite.core.models import Region, Sector
from tripartite.indicators.models import StatisticValue
from tripartite.partners.models import Kind, MembershipReport, Organisation, Subkind

ALMATY = "750000000"
ASTANA = "710000000"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def stat(series: str, period: str, value: int, *, region: str | None = None, sector: str | None = None,
         source: str = "Test statistics office", confirmed: bool = True) -> StatisticValue:
    return StatisticValue.objects.create(
        series=series, period=period, value=value, source=source, confirmed=confirmed,
        region=Region.objects.get(kato=region) if region else None,
        sector=Sector.objects.get(code=sector) if sector else None,
        published_on=date(2025, 3, 1),
    )


def union(name: str, *, parent: Organisation | None = None, regions: tuple[str, ...] = (), sectors: tuple[str, ...] = (),
          subkind: str = Subkind.PRIMARY_UNION, published: bool = True) -> Organisation:
    org = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=subkind, name_en=name, parent=parent,
                                      published=published)
    org.regions.set(Region.objects.filter(kato__in=regions))
    org.sectors.set(Sector.objects.filter(code__in=sectors))
    return org


def report(org: Organisation, as_of: date, members: int, employee_members: int | None) -> MembershipReport:
    return MembershipReport.objects.create(organisation=org, as_of=as_of, members=members,
                                           employee_members=employee_members)


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user("analyst", role="analyst")


@pytest.fixture
def clean_statistics(db: Any) -> None:
    """Remove the reference figures the migration loads, for tests that build their own register."""
    StatisticValue.objects.all().delete()


@pytest.fixture
def register(clean_statistics, admin_user):
    """Builder (Almaty, F): collective agreement for 300 employees AND the construction sectoral agreement
    (5,000) — its 300 workers are covered twice and must count once. Bank (Astana, K): 200 employees.
    Miner (Almaty, B): agreement for 400 employees that expired at the end of 2024 (not counted in 2025).
    Holding (Almaty and Astana): 1,000 employees, counted nationally but in no single region."""
    ministry = make_employer("Ministry", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY)
    builder = make_employer("Builder", sectors=("F",), regions=(ALMATY,))
    bank = make_employer("Bank", sectors=("K",), regions=(ASTANA,))
    miner = make_employer("Miner", sectors=("B",), regions=(ALMATY,))
    holding = make_employer("Holding", sectors=("K",), regions=(ALMATY, ASTANA))
    make_agreement(admin_user, builder, "collective", employer=builder, covered_employees=300)
    make_agreement(admin_user, ministry, "sectoral", sectors=("F",), covered_employees=5_000)
    make_agreement(admin_user, bank, "collective", employer=bank, covered_employees=200)
    make_agreement(admin_user, miner, "collective", employer=miner, covered_employees=400,
                   signed=date(2022, 1, 5), start=date(2022, 1, 10), end=date(2024, 12, 31))
    make_agreement(admin_user, holding, "collective", employer=holding, covered_employees=1_000)
    stat("employees", "2025", 10_000)
    stat("employees", "2025", 4_000, region=ALMATY)
    stat("employees", "2025", 1_000, sector="F")
    stat("employees", "2024", 10_000)
    return {"builder": builder, "bank": bank, "miner": miner}
