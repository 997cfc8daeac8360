"""Whether an indicator target is on track: the planned path from the baseline through the milestones to the
target, against the latest value of the indicator's series.

The rule (also shown with every target, ``RULE``): the planned path is a straight line from the baseline
(value, year) to the target (value, year), bent at each milestone. A value of a year is placed at the end of
that year (a quarter at the end of its quarter). The progress planned by then is the share of the distance from
the baseline to the target that the path has covered; the progress made is the share the latest value has
covered (negative when it moved away from the target). The target is

- **on track** when the progress made is at least the progress planned, and always once the target is reached,
  early or not;
- **at risk** when it is short of the plan but has covered at least three quarters of the progress planned;
- **off track** otherwise (including any move away from the target).

With no value after the baseline year there is nothing to judge ("no data yet").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from tripartite.core.i18n import localized
from tripartite.indicators import registry
from tripartite.indicators.periods import Period

from .models import Better, IndicatorTarget

AT_RISK_SHARE = Decimal("0.75")


class Track:
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


LABELS = {
    Track.ON_TRACK: _("On track"),
    Track.AT_RISK: _("At risk"),
    Track.OFF_TRACK: _("Off track"),
    Track.NO_DATA: _("No data yet"),
}

RULE = _("The planned path runs in a straight line from the baseline to the target, through each milestone; a "
         "year's value counts at the end of that year. On track: the latest value has covered at least the share "
         "of the distance from the baseline to the target that the path planned by then (a target reached, even "
         "early, is on track). At risk: it has covered at least three quarters of that share. Off track: less, "
         "or it moved away from the target.")


@dataclass(frozen=True)
class Point:
    """A value at a time, the time in years (a year's value at the end of that year: 2025 → 2025.0)."""

    time: Decimal
    value: Decimal
    label: str = ""


@dataclass(frozen=True)
class Assessment:
    track: str
    latest: Point | None
    planned: Decimal | None  # the path's value at the latest value's time
    progress_planned: Decimal | None  # share of the distance, 0..1
    progress_made: Decimal | None

    @property
    def label(self) -> str:
        return str(LABELS[self.track])


def time_of(period: Period) -> Decimal:
    """A period as a point in time, in years: a year at its end (2025 → 2025), a quarter at the end of it
    (2025-Q1 → 2024.25)."""
    if period.quarter is None:
        return Decimal(period.year)
    return Decimal(period.year - 1) + Decimal(period.quarter) / 4


def path_value(points: list[Point], time: Decimal) -> Decimal:
    """The planned path's value at `time`: linear between consecutive points, flat beyond the last one."""
    if time <= points[0].time:
        return points[0].value
    for a, b in zip(points, points[1:], strict=False):
        if time <= b.time:
            return a.value + (b.value - a.value) * (time - a.time) / (b.time - a.time)
    return points[-1].value


def planned_points(target: IndicatorTarget) -> list[Point]:
    milestones = [Point(Decimal(m.year), Decimal(m.value)) for m in target.milestones.all()]
    return [Point(Decimal(target.baseline_year), Decimal(target.baseline_value)),
            *sorted(milestones, key=lambda p: p.time),
            Point(Decimal(target.target_year), Decimal(target.target_value))]


def assess(points: list[Point], latest: Point | None) -> Assessment:
    """Judge `latest` against the path `points` (baseline first, target last) by the rule of this module."""
    baseline, goal = points[0], points[-1]
    if latest is None or latest.time <= baseline.time:
        return Assessment(Track.NO_DATA, latest, None, None, None)
    distance = goal.value - baseline.value
    planned = path_value(points, latest.time)
    progress_planned = (planned - baseline.value) / distance
    progress_made = (latest.value - baseline.value) / distance
    if progress_made >= 1 or progress_made >= progress_planned:
        track = Track.ON_TRACK
    elif progress_made >= 0 and progress_made >= AT_RISK_SHARE * progress_planned:
        track = Track.AT_RISK
    else:
        track = Track.OFF_TRACK
    return Assessment(track, latest, planned, progress_planned, progress_made)


# The indicator a target follows ------------------------------------------------------------------------------


def indicator_of(target: IndicatorTarget) -> registry.Indicator | None:
    return registry.get(target.indicator_code) if target.indicator_code else None


def better_of(target: IndicatorTarget) -> str:
    """Which way is progress: the platform indicator's own direction, or the one given for a new indicator."""
    indicator = indicator_of(target)
    if indicator is not None:
        return str(indicator.extras.get("better", Better.HIGHER))
    return str(target.better)


def indicator_name(target: IndicatorTarget) -> str:
    indicator = indicator_of(target)
    if indicator is not None:
        return str(indicator.title)
    return localized(target, "title") or target.indicator_code or f"#{target.pk}"


def unit_of(target: IndicatorTarget) -> str:
    indicator = indicator_of(target)
    if indicator is not None:
        return "%" if indicator.unit == registry.Unit.PERCENT else ""
    return target.unit


def series_of(target: IndicatorTarget, *, user: Any = None) -> list[Point]:
    """The values the target is judged on, oldest first: the platform's computed series for the whole country
    (for an indicator of the platform), else the values recorded in the programme."""
    indicator = indicator_of(target)
    if indicator is None:
        return [Point(Decimal(o.year), Decimal(o.value), str(o.year)) for o in target.observations.order_by("year")]
    values = indicator.values(registry.Query(user=user))
    return [Point(time_of(v.period), v.value, str(v.period)) for v in values if v.value is not None]


def assessment_of(target: IndicatorTarget, *, user: Any = None, until: int | None = None,
                  series: list[Point] | None = None) -> Assessment:
    """The target's assessment on its latest value (up to the end of year `until`, if given); `series` is the
    target's series when the caller already read it (``series_of``)."""
    series = [p for p in (series_of(target, user=user) if series is None else series)
              if until is None or p.time <= until]
    latest = max(series, key=lambda p: p.time) if series else None
    return assess(planned_points(target), latest)
