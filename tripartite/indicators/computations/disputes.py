"""Collective labour disputes: the share settled without a strike, with the share settled at each stage, the
median days spent at each stage, the workers involved, and the statutory deadlines missed.

The figures are those of the disputes app's own summary (``tripartite.disputes.queries``): the same function
summarises the disputes of the period and sector asked for, so the two pages cannot disagree. A
dispute's case file is never public, so the figures link to the disputes summary, not to the disputes.
"""

from __future__ import annotations

import statistics

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tripartite.disputes import queries as dispute_queries
from tripartite.disputes.models import Dispute, Event, stage_name
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import (
    Indicator,
    IndicatorValue,
    Methodology,
    Query,
    SourceRef,
    Unit,
    ratio_value,
    register,
)


def _disputes(query: Query) -> QuerySet[Dispute]:
    disputes = Dispute.objects.prefetch_related(
        Prefetch("events", queryset=Event.objects.order_by("on", "id")), "periods", "strikes",
    ).select_related("agreement")
    if query.sector is not None:
        disputes = disputes.filter(sector=query.sector)
    return disputes


def _periods(query: Query) -> list[Period]:
    if query.period is not None:
        return [query.period]
    return sorted({Period(d.year) for d in _disputes(query).dates("demands_received_on", "year")},
                  key=lambda p: p.sort_key)


def _summaries(query: Query) -> list[tuple[Period, dispute_queries.YearSummary, int, float | None]]:
    """(period, the disputes app's summary of the disputes whose demands were received in it, workers involved,
    median calendar days from demands to closing of the closed ones)."""
    today = query.today or timezone.localdate()
    found = []
    for period in _periods(query):
        disputes = list(_disputes(query).filter(demands_received_on__gte=period.start,
                                                demands_received_on__lte=period.end))
        summary = dispute_queries.summarise(period.year, disputes, today)
        durations = [(d.closed_on - d.demands_received_on).days for d in disputes if d.closed_on is not None]
        found.append((period, summary, sum(d.employees_involved for d in disputes),
                      float(statistics.median(durations)) if durations else None))
    return found


def _source() -> SourceRef:
    return SourceRef(str(_("Register of collective labour disputes (aggregated summary)")),
                     reverse("disputes:summary"))


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".rstrip("0").rstrip(".")


def settled_peacefully(query: Query) -> list[IndicatorValue]:
    found = []
    for period, summary, workers, median_days in _summaries(query):
        notes = [ngettext("%(count)s dispute (demands received in the period), %(workers)s workers involved.",
                          "%(count)s disputes (demands received in the period), %(workers)s workers involved.",
                          summary.disputes) % {"count": summary.disputes, "workers": workers}]
        if summary.strikes:
            notes.append(ngettext("%(count)s strike.", "%(count)s strikes.", summary.strikes) % {
                "count": summary.strikes})
        for stage, settled in sorted(summary.settled_at.items(), key=lambda kv: -kv[1]):
            notes.append(str(_("Settled at the stage “%(stage)s”: %(count)s of %(settled)s settled (%(share)s%%).") % {
                "stage": stage_name(stage), "count": settled, "settled": summary.settled,
                "share": _percent(settled, summary.settled)}))
        for stage, days in summary.median_days.items():
            notes.append(str(_("Median time at the stage “%(stage)s”: %(days)s calendar days.") % {
                "stage": stage_name(stage), "days": f"{days:g}"}))
        if median_days is not None:
            notes.append(str(_("Median duration from the demands to the closing of the dispute: %(days)s calendar "
                               "days.") % {"days": f"{median_days:g}"}))
        found.append(ratio_value(
            period, query, summary.settled_without_strike, summary.closed or None,
            no_denominator=_("No denominator: no dispute whose demands were received in %(period)s is closed "
                             "yet.") % {"period": period},
            sources=(_source(),), notes=tuple(notes),
        ))
    return found


def deadlines_missed(query: Query) -> list[IndicatorValue]:
    found = []
    for period, summary, _workers, _median in _summaries(query):
        found.append(ratio_value(
            period, query, summary.deadlines_missed, summary.disputes or None, percent=False,
            no_denominator=_("No denominator: no dispute in %(period)s.") % {"period": period},
            sources=(_source(),),
        ))
    return found


# No breakdown by region: a dispute's case file is never public, and a region (crossed with a year) often has a
# single dispute, whose outcome a regional figure would disclose. The disputes app itself publishes aggregates by
# year and by sector only; these indicators follow it.
_CAVEATS_COMMON = (
    _("Only disputes recorded on the platform are counted: a dispute the inspectorate or the parties did not "
      "record is missing."),
    _("A dispute belongs to the year (or quarter) in which the employer received the employees' demands."),
    _("Case files are not public; the figures are aggregates and link to the disputes summary. There is no "
      "breakdown by region: a region often has a single dispute in a year, whose outcome a regional figure would "
      "disclose."),
)

SETTLED_PEACEFULLY = register(Indicator(
    code="disputes_settled_peacefully",
    title=_("Collective disputes settled without a strike"),
    short=_("Closed collective labour disputes that were settled without a strike, as a percentage of closed "
            "disputes; with the share settled at each stage and the median durations."),
    unit=Unit.PERCENT,
    numerator_label=_("Disputes settled without a strike"),
    denominator_label=_("Disputes closed"),
    methodology=Methodology(
        definition=_("Of the collective labour disputes whose demands were received in the period and that are "
                     "closed, the percentage settled (by agreement at a conciliation stage) without any strike."),
        formula=_("100 × disputes settled without a strike ÷ disputes closed"),
        numerator=_("Closed disputes whose final stage is “settled” and that had no strike recorded, as counted "
                    "by the disputes register's summary."),
        denominator=_("Disputes closed (settled or ended otherwise) among those whose demands were received in "
                      "the period."),
        sources=(_("Register of collective labour disputes: stages, dates and strikes."),),
        caveats=(
            *_CAVEATS_COMMON,
            _("Disputes still open are not in the denominator: a recent year's share changes as disputes close."),
            _("The share settled at each stage is of the settled disputes; the median time at a stage counts "
              "calendar days of the stages that ended."),
        ),
    ),
    compute=settled_peacefully,
    by_region=False,  # see the note above _CAVEATS_COMMON
))

DEADLINES_MISSED = register(Indicator(
    code="disputes_deadlines_missed",
    title=_("Statutory deadlines missed per dispute"),
    short=_("Deadlines of the dispute procedure that passed without the step being taken, per dispute."),
    unit=Unit.RATIO,
    numerator_label=_("Deadlines missed"),
    denominator_label=_("Disputes"),
    methodology=Methodology(
        definition=_("The number of statutory deadlines of the dispute procedure that were missed, divided by the "
                     "number of disputes whose demands were received in the period."),
        formula=_("deadlines missed ÷ disputes"),
        numerator=_("Deadlines computed by the disputes register from the jurisdiction pack's procedure and "
                    "calendar that passed before the step was recorded (or are past and still open)."),
        denominator=_("Disputes whose demands were received in the period."),
        sources=(_("Register of collective labour disputes: stages, dates and the procedure's deadlines."),),
        caveats=(
            *_CAVEATS_COMMON,
            _("Deadlines whose rule the jurisdiction pack marks as unverified are counted as the pack gives them."),
        ),
    ),
    compute=deadlines_missed,
    by_region=False,
    extras={"better": "lower"},  # the one indicator where a fall is progress (programme targets read this)
))
