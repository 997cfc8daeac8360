"""The national figures of every indicator for one year, their trend and their breakdown by sector.

Shared by the dashboard page and the yearly "state of social dialogue" report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tripartite.core.models import Sector
from tripartite.indicators import registry
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import Indicator, IndicatorValue, Query


@dataclass
class Figure:
    """One indicator's national figure for the year (None when it has nothing for that year) and its trend."""

    indicator: Indicator
    value: IndicatorValue | None
    trend: list[IndicatorValue]
    by_sector: dict[str, IndicatorValue] = field(default_factory=dict)

    @property
    def period(self) -> Period | None:
        return self.value.period if self.value else None


def value_for_year(values: list[IndicatorValue], year: int) -> IndicatorValue | None:
    """The year's own figure when it has a number, else the year's latest quarter with one, else the year's
    figure that says why it has no number (so the reason is shown), else None."""
    of_year = [v for v in values if v.period.year == year]
    annual = [v for v in of_year if not v.period.is_quarter]
    if annual and annual[0].value is not None:
        return annual[0]
    quarters = [v for v in of_year if v.period.is_quarter and v.value is not None]
    if quarters:
        return max(quarters, key=lambda v: v.period.sort_key)
    if annual:
        return annual[0]
    return max(of_year, key=lambda v: v.period.sort_key) if of_year else None


def years_of(trends: list[list[IndicatorValue]]) -> list[int]:
    """Years with at least one figure that is a number, latest first."""
    return sorted({v.period.year for values in trends for v in values if v.value is not None}, reverse=True)


def national(*, user: Any, today: date, year: int | None = None) -> tuple[int | None, list[int], list[Figure]]:
    """(year shown, years available, figures). Without a year (or with one that has no figure), the latest
    year with a figure is shown."""
    indicators = registry.all_indicators()
    trends = [i.values(Query(user=user, today=today)) for i in indicators]
    years = years_of(trends)
    if year is None or year not in years:
        year = years[0] if years else None
    figures = [Figure(i, value_for_year(t, year) if year is not None else None, t)
               for i, t in zip(indicators, trends, strict=True)]
    return year, years, figures


def add_sectors(figures: list[Figure], *, user: Any, today: date) -> list[Sector]:
    """Fill each figure's breakdown by sector for the figure's period; returns the sectors with any figure."""
    sectors = list(Sector.objects.order_by("code"))
    used: set[str] = set()
    for figure in figures:
        if figure.period is None or not figure.indicator.by_sector:
            continue
        national_numerator = figure.indicator.extras.get("national_numerator", False)
        for sector in sectors:
            for value in figure.indicator.values(Query(period=figure.period, sector=sector, user=user, today=today)):
                # A row says something when it has a figure of its own (as on the indicator page).
                if value.denominator is not None or (value.numerator is not None and not national_numerator):
                    figure.by_sector[sector.code] = value
                    used.add(sector.code)
    return [s for s in sectors if s.code in used]
