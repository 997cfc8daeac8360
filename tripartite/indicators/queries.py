"""Reads shared by the indicator pages, the API and the computations: official figures and their sources."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from tripartite.core.models import Region, Sector
from tripartite.indicators.models import Series, StatisticValue
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import RecordRef, SourceRef
from tripartite.partners.queries import region_by_code, sector_by_code


def statistics(*, series: str = "", period: Period | None = None, region: Region | None | str = "",
               sector: Sector | None | str = "") -> QuerySet[StatisticValue]:
    """Official figures, filtered. `region`/`sector`: a row, None for national / all sectors, "" for any."""
    queryset = StatisticValue.objects.select_related("region", "sector", "statistics_import")
    if series:
        queryset = queryset.filter(series=series)
    if period is not None:
        queryset = queryset.filter(period=str(period))
    if region != "":
        queryset = queryset.filter(region=cast(Any, region))
    if sector != "":
        queryset = queryset.filter(sector=cast(Any, sector))
    return queryset.order_by("series", "year", "quarter", "region__kato", "sector__code", "id")


def figure(series: str, period: Period, region: Region | None, sector: Sector | None) -> StatisticValue | None:
    """The figure of `series` for exactly this period, region and sector, or None."""
    return StatisticValue.objects.filter(series=series, period=str(period), region=region, sector=sector).first()


def minimum_wage_for(period: Period, region: Region | None) -> StatisticValue | None:
    """The minimum wage in force for `period`: the period's own figure, else its year's (a minimum wage is
    set for a calendar year); a regional figure where one was imported, else the national one."""
    for where in ([region, None] if region is not None else [None]):
        for when in ([period, period.annual] if period.is_quarter else [period]):
            found = figure(Series.MINIMUM_WAGE, when, where, None)
            if found is not None:
                return found
    return None


def periods_of(series: str, region: Region | None, sector: Sector | None) -> list[Period]:
    rows = StatisticValue.objects.filter(series=series, region=region, sector=sector).values_list("year", "quarter")
    return sorted({Period(y, q) for y, q in rows}, key=lambda p: p.sort_key)


def source_of(value: StatisticValue) -> SourceRef:
    return SourceRef(value.source, value.source_url, value.published_on, value.confirmed)


def record_of(value: StatisticValue) -> RecordRef:
    return RecordRef(
        "statistic", value.pk,
        _("%(series)s, %(period)s: %(value)s") % {
            "series": value.get_series_display(), "period": value.period, "value": f"{value.value:,}".replace(",", " "),
        },
        reverse("indicators:statistic", args=[value.pk]),
    )


def statistic_for(pk: int) -> StatisticValue | None:
    return StatisticValue.objects.select_related("region", "sector", "statistics_import").filter(pk=pk).first()


def parse_filters(*, period: str = "", region: str = "", sector: str = "") -> tuple[Period | None, Region | None,
                                                                                      Sector | None, dict[str, Any]]:
    """Read the period, region and sector a page or the API was asked for; errors by field (translated)."""
    errors: dict[str, Any] = {}
    parsed_period = parsed_region = parsed_sector = None
    if period:
        try:
            parsed_period = Period.parse(period)
        except ValueError:
            errors["period"] = _("Write a year (2024) or a quarter (2024-Q2).")
    if region:
        parsed_region = region_by_code(region)
        if parsed_region is None:
            errors["region"] = _("Unknown region: give the KATO code of a region (e.g. 750000000).")
    if sector:
        parsed_sector = sector_by_code(sector)
        if parsed_sector is None:
            errors["sector"] = _("Unknown sector: give an OKED section letter (A to U).")
    return parsed_period, parsed_region, parsed_sector, errors
