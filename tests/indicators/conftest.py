"""Factories for the indicator tests: official figures, trade unions with membership reports, commissions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

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
