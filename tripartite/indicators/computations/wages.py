"""Minimum wage ÷ median wage and ÷ average wage, and the path of yearly increases to a target share."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tripartite.indicators import queries
from tripartite.indicators.models import Series
from tripartite.indicators.registry import (
    Indicator,
    IndicatorValue,
    Methodology,
    Query,
    Unit,
    ratio_value,
    register,
)

#: The share of the median the source documents propose (seed 003; domain brief §5.2), and the horizon.
DEFAULT_TARGET_PERCENT = Decimal(50)
DEFAULT_YEARS = 5


_NO_WAGE: dict[str, Any] = {
    Series.MEDIAN_WAGE: _("No denominator: no official median wage is recorded for %(period)s here."),
    Series.AVERAGE_WAGE: _("No denominator: no official average wage is recorded for %(period)s here."),
}


def _ratio(denominator_series: str, query: Query) -> list[IndicatorValue]:
    if query.period is not None:
        periods = [query.period]
    else:
        periods = queries.periods_of(denominator_series, query.region, query.sector)
        if not periods:
            periods = queries.periods_of(Series.MINIMUM_WAGE, None, None)
    found = []
    for period in periods:
        minimum = queries.minimum_wage_for(period, query.region)
        wage = queries.figure(denominator_series, period, query.region, query.sector)
        used = [f for f in (minimum, wage) if f is not None]
        found.append(ratio_value(
            period, query, minimum.value if minimum else None, wage.value if wage else None,
            no_denominator=_NO_WAGE[denominator_series] % {"period": period},
            no_numerator=_("No numerator: no minimum wage is recorded for %(period)s.") % {"period": period},
            sources=tuple(queries.source_of(f) for f in used),
            records=tuple(queries.record_of(f) for f in used),
        ))
    return found


_COMMON_CAVEATS = (
    _("The minimum wage is set for a calendar year; a quarter's ratio uses the minimum wage of that year "
          "unless a figure for the quarter itself was imported."),
    _("The minimum wage is national: a region's or a sector's ratio divides the national minimum wage by that "
          "region's or sector's wage."),
    _("Wages are gross nominal monthly wages of employees as published by the statistics office; the figures "
          "shipped with the platform are press reports of its releases and should be checked against the releases."),
    _("A minimum wage value not confirmed by its source (such as the start date of the 28,284 tenge minimum "
          "wage) is marked as unconfirmed wherever it is used."),
)


MW_MEDIAN = register(Indicator(
    code="mw_median_ratio",
    title=_("Minimum wage as a share of the median wage"),
    short=_("The monthly minimum wage divided by the median monthly wage of employees."),
    unit=Unit.PERCENT,
    numerator_label=_("Minimum wage, tenge"),
    denominator_label=_("Median wage, tenge"),
    methodology=Methodology(
        definition=_("The minimum monthly wage in force in the period, as a percentage of the median nominal "
                         "monthly wage of employees in the same period (the Kaitz index against the median)."),
        formula=_("100 × minimum monthly wage ÷ median monthly wage"),
        numerator=_("The minimum monthly wage (MZP) for the period, from the official statistics series "
                        "“minimum wage”, which the platform fills from the jurisdiction pack's dated rule."),
        denominator=_("The median monthly nominal wage of employees for the same period, region and sector, "
                          "from the official statistics series “median wage”."),
        sources=(_("Law on the republican budget (minimum monthly wage), through the jurisdiction pack."),
                 _("Bureau of National Statistics: median nominal wage (quarterly)."),),
        caveats=_COMMON_CAVEATS + (
            _("The path to a target share assumes the growth of the median you choose; it is arithmetic, not a "
                  "forecast."),
        ),
    ),
    compute=lambda query: _ratio(Series.MEDIAN_WAGE, query),
    extras={"target_path": True, "national_numerator": True},
))

MW_AVERAGE = register(Indicator(
    code="mw_average_ratio",
    title=_("Minimum wage as a share of the average wage"),
    short=_("The monthly minimum wage divided by the average monthly wage of employees."),
    unit=Unit.PERCENT,
    numerator_label=_("Minimum wage, tenge"),
    denominator_label=_("Average wage, tenge"),
    methodology=Methodology(
        definition=_("The minimum monthly wage in force in the period, as a percentage of the average nominal "
                         "monthly wage of employees in the same period (the Kaitz index)."),
        formula=_("100 × minimum monthly wage ÷ average monthly wage"),
        numerator=_("The minimum monthly wage (MZP) for the period, from the official statistics series "
                        "“minimum wage”, which the platform fills from the jurisdiction pack's dated rule."),
        denominator=_("The average monthly nominal wage of employees for the same period, region and sector, "
                          "from the official statistics series “average wage”."),
        sources=(_("Law on the republican budget (minimum monthly wage), through the jurisdiction pack."),
                 _("Bureau of National Statistics: average nominal wage (quarterly)."),),
        caveats=_COMMON_CAVEATS + (
            _("A few very high wages pull the average up, so this ratio is lower than the ratio to the median."),
        ),
    ),
    compute=lambda query: _ratio(Series.AVERAGE_WAGE, query),
    extras={"target_path": True, "national_numerator": True},
))


# The path to a target share ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathStep:
    year: int
    minimum_wage: int
    wage: int
    percent: Decimal
    increase: int  # tenge over the previous year's minimum wage
    increase_percent: Decimal


@dataclass(frozen=True)
class TargetPath:
    base: IndicatorValue
    target_percent: Decimal
    years: int
    wage_growth_percent: Decimal
    yearly_increase_percent: Decimal
    steps: tuple[PathStep, ...]


def _pct(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def target_path(*, minimum_wage: int, wage: int, base_year: int, target_percent: Decimal, years: int,
                wage_growth_percent: Decimal = Decimal(0)) -> tuple[Decimal, list[PathStep]]:
    """Equal yearly increases that take the minimum wage from `minimum_wage` to `target_percent` of the wage
    in `years` years, the wage growing by `wage_growth_percent` a year from `wage` (its level in `base_year`).

    The end point is target × wage × (1 + g)^N; the common yearly factor is (end ÷ start)^(1/N). Returns the
    yearly increase in percent and one step per year (minimum wage rounded to whole tenge).
    """
    growth = 1 + wage_growth_percent / 100
    end_wage = Decimal(wage) * growth ** years
    end_minimum = target_percent / 100 * end_wage
    factor = Decimal(float(end_minimum / Decimal(minimum_wage)) ** (1 / years))
    steps: list[PathStep] = []
    previous = minimum_wage
    for k in range(1, years + 1):
        mw = int((Decimal(minimum_wage) * factor ** k).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        w = int((Decimal(wage) * growth ** k).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        steps.append(PathStep(base_year + k, mw, w, _pct(Decimal(100 * mw) / w), mw - previous,
                              _pct(Decimal(100 * (mw - previous)) / previous)))
        previous = mw
    return _pct((factor - 1) * 100), steps


def parse_path_params(target: Any, years: Any, growth: Any) -> tuple[Decimal, int, Decimal]:
    """Check the path's parameters; errors by field, translated."""
    errors: dict[str, Any] = {}
    t = y = g = None
    try:
        t = Decimal(str(target if target not in (None, "") else DEFAULT_TARGET_PERCENT))
        if not Decimal(1) <= t <= Decimal(100):
            raise ValueError
    except (ValueError, ArithmeticError):
        errors["target"] = _("Give the target share as a percentage between 1 and 100.")
    try:
        y = int(str(years if years not in (None, "") else DEFAULT_YEARS))
        if not 1 <= y <= 20:
            raise ValueError
    except ValueError:
        errors["years"] = _("Give a number of years between 1 and 20.")
    try:
        g = Decimal(str(growth if growth not in (None, "") else 0))
        if not Decimal(-20) <= g <= Decimal(50):
            raise ValueError
    except (ValueError, ArithmeticError):
        errors["growth"] = _("Give the yearly growth of wages as a percentage between -20 and 50.")
    if errors:
        raise ValidationError(errors)
    assert t is not None and y is not None and g is not None
    return t, y, g


def path_for(indicator: Indicator, query: Query, *, target_percent: Decimal, years: int,
             wage_growth_percent: Decimal) -> TargetPath | None:
    """The path from the latest computable value of `indicator` (or the query's period); None without one."""
    usable = [v for v in indicator.values(query) if v.value is not None]
    if not usable:
        return None
    base = usable[-1]
    assert base.numerator is not None and base.denominator is not None
    increase, steps = target_path(
        minimum_wage=int(base.numerator), wage=int(base.denominator), base_year=base.period.year,
        target_percent=target_percent, years=years, wage_growth_percent=wage_growth_percent,
    )
    return TargetPath(base, target_percent, years, wage_growth_percent, increase, tuple(steps))
