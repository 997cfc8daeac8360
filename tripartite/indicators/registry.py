"""The indicator registry: each indicator is a documented computation registered under a stable code.

An indicator is an `Indicator` (title, unit and methodology in the user's language, and a `compute`
function). `compute(query)` returns one `IndicatorValue` per period found for the query's region and
sector, each carrying its numerator, denominator, sources and links to the records it was computed
from. A value whose denominator (or numerator) is missing has `value=None` and says why.

New indicators (collective bargaining coverage, disputes, survey-based shares) are added by writing a
computation module and calling `register()` from it; pages, API and downloads pick them up unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tripartite.core.models import Region, Sector
from tripartite.indicators.periods import Period


class Status:
    """Why a value is (or is not) a number."""

    OK = "ok"
    NO_DENOMINATOR = "no_denominator"
    NO_NUMERATOR = "no_numerator"
    ZERO_DENOMINATOR = "zero_denominator"


class Unit:
    PERCENT = "percent"  # value is a share × 100
    RATIO = "ratio"  # value is a plain quotient (e.g. meetings per commission)


@dataclass(frozen=True)
class Methodology:
    """What the methodology page shows; every text is a translatable string."""

    definition: Any
    formula: Any
    numerator: Any
    denominator: Any
    sources: tuple[Any, ...]
    caveats: tuple[Any, ...]
    reference: str = ""  # a public address of the international definition followed, if any


@dataclass(frozen=True)
class Query:
    """What to compute: one period or all periods found, the whole country or a region, all sectors or one."""

    period: Period | None = None
    region: Region | None = None
    sector: Sector | None = None
    user: Any = None
    today: date | None = None


@dataclass(frozen=True)
class SourceRef:
    """Where a figure used in the computation was published."""

    label: str
    url: str = ""
    published_on: date | None = None
    confirmed: bool = True


@dataclass(frozen=True)
class RecordRef:
    """A record the value was computed from, with the page that shows it."""

    kind: str
    id: int
    label: str
    url: str


@dataclass(frozen=True)
class IndicatorValue:
    period: Period
    region: Region | None
    sector: Sector | None
    numerator: int | Decimal | None
    denominator: int | Decimal | None
    value: Decimal | None
    status: str
    message: str = ""
    sources: tuple[SourceRef, ...] = ()
    records: tuple[RecordRef, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def unconfirmed(self) -> bool:
        return any(not s.confirmed for s in self.sources)


@dataclass(frozen=True)
class Indicator:
    code: str
    title: Any
    short: Any  # one sentence for lists
    unit: str
    methodology: Methodology
    compute: Callable[[Query], list[IndicatorValue]]
    numerator_label: Any = _("Numerator")
    denominator_label: Any = _("Denominator")
    by_region: bool = True
    by_sector: bool = True
    quarterly: bool = True  # whether quarters (not only years) make sense
    extras: dict[str, Any] = field(default_factory=dict)

    def values(self, query: Query) -> list[IndicatorValue]:
        if query.region is not None and not self.by_region:
            raise ValidationError({"region": _("This indicator has no breakdown by region.")})
        if query.sector is not None and not self.by_sector:
            raise ValidationError({"sector": _("This indicator has no breakdown by sector.")})
        found = self.compute(query)
        return sorted(found, key=lambda v: v.period.sort_key)


_REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    if indicator.code in _REGISTRY:
        raise ValueError(f"indicator {indicator.code} is already registered")
    _REGISTRY[indicator.code] = indicator
    return indicator


def get(code: str) -> Indicator | None:
    return _REGISTRY.get(code)


def all_indicators() -> list[Indicator]:
    return list(_REGISTRY.values())


# Helpers the computations share ------------------------------------------------------------------------------


def share(numerator: int | Decimal, denominator: int | Decimal, *, percent: bool = True) -> Decimal:
    """numerator ÷ denominator (× 100 for a percentage), rounded half up to 2 decimals."""
    quotient = Decimal(numerator) / Decimal(denominator)
    if percent:
        quotient *= 100
    return quotient.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ratio_value(
    period: Period, query: Query, numerator: int | Decimal | None, denominator: int | Decimal | None, *,
    percent: bool = True, no_numerator: Any = None, no_denominator: Any = None, **extra: Any,
) -> IndicatorValue:
    """An IndicatorValue for numerator ÷ denominator that says why when either part is missing."""
    if denominator is None:
        return IndicatorValue(period, query.region, query.sector, numerator, None, None, Status.NO_DENOMINATOR,
                              str(no_denominator or _("No denominator: the data needed are missing.")), **extra)
    if numerator is None:
        return IndicatorValue(period, query.region, query.sector, None, denominator, None, Status.NO_NUMERATOR,
                              str(no_numerator or _("No numerator: the data needed are missing.")), **extra)
    if denominator == 0:
        return IndicatorValue(period, query.region, query.sector, numerator, denominator, None,
                              Status.ZERO_DENOMINATOR, str(_("The denominator is zero.")), **extra)
    return IndicatorValue(period, query.region, query.sector, numerator, denominator,
                          share(numerator, denominator, percent=percent), Status.OK, **extra)
