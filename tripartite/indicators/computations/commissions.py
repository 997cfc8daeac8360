"""Commission activity: decisions carried out on time, and meetings held per commission in a period."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.commissions import queries as commission_queries
from tripartite.commissions.models import Commission, Decision, Meeting
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import (
    Indicator,
    IndicatorValue,
    Methodology,
    Query,
    RecordRef,
    SourceRef,
    Unit,
    ratio_value,
    register,
)


def _in_scope(queryset: QuerySet, query: Query, commission_path: str) -> QuerySet:
    prefix = f"{commission_path}__" if commission_path else ""
    if query.region is not None:
        queryset = queryset.filter(**{f"{prefix}region": query.region})
    if query.sector is not None:
        queryset = queryset.filter(**{f"{prefix}sector": query.sector})
    return queryset


def _years(dates: QuerySet) -> list[Period]:
    return sorted({Period(d.year) for d in dates if d is not None}, key=lambda p: p.sort_key)


def _register_source() -> SourceRef:
    return SourceRef(str(_("Register of tripartite commissions")), reverse("commissions:list"))


# Decisions carried out on time -------------------------------------------------------------------------------


def decisions_on_time(query: Query) -> list[IndicatorValue]:
    today = query.today or timezone.localdate()
    decisions = _in_scope(commission_queries.visible_decisions(query.user), query, "meeting__commission")
    due_all = decisions.filter(Decision.due_q(today))
    periods = [query.period] if query.period else _years(due_all.dates("due_date", "year"))
    found = []
    for period in periods:
        due = due_all.filter(due_date__gte=period.start, due_date__lte=period.end).order_by("due_date", "id")
        rows = list(due)
        on_time = [d for d in rows if d.done_on is not None and d.done_on <= today and d.done_on <= d.due_date]
        found.append(ratio_value(
            period, query, len(on_time), len(rows) or None,
            no_denominator=_("No denominator: no decision fell due in %(period)s.") % {"period": period},
            sources=(_register_source(),) if rows else (),
            records=tuple(
                RecordRef("decision", d.pk, _("%(commission)s: %(decision)s (due %(due)s)") % {
                    "commission": d.meeting.commission.name, "decision": str(d), "due": d.due_date.isoformat()},
                    reverse("commissions:meeting", args=[d.meeting_id]) + f"#decision-{d.pk}")
                for d in rows
            ),
            notes=(_("%(done)s of %(due)s decisions carried out by their due date.") % {
                "done": len(on_time), "due": len(rows)},) if rows else (),
        ))
    return found


DECISIONS_ON_TIME = register(Indicator(
    code="commission_decisions_on_time",
    title=_("Commission decisions carried out on time"),
    short=_("Decisions of tripartite commissions carried out by their due date, as a percentage of the "
                "decisions that fell due."),
    unit=Unit.PERCENT,
    numerator_label=_("Decisions carried out by the due date"),
    denominator_label=_("Decisions due"),
    methodology=Methodology(
        definition=_("Of the decisions of tripartite commissions whose due date fell in the period (and has "
                         "passed), the percentage carried out on or before their due date."),
        formula=_("100 × decisions done by their due date ÷ decisions due in the period"),
        numerator=_("Decisions due in the period whose “done on” date is on or before the due date."),
        denominator=_("Decisions whose due date is in the period and not later than today. Decisions without a "
                          "due date are not counted. For a region or a sector: the decisions of the commissions of "
                          "that region or sector."),
        sources=(_("Register of tripartite commissions: meetings and decisions."),),
        caveats=(
            _("A decision is as “done” as the secretariat recorded it: the register does not judge the quality "
                  "of execution."),
            _("The current year is incomplete: only the decisions already due are counted."),
            _("Decisions are counted only where the reader may see them: those of published commissions for "
                  "the public."),
        ),
    ),
    compute=decisions_on_time,
))


# Meetings per commission ---------------------------------------------------------------------------------------


def meetings_per_commission(query: Query) -> list[IndicatorValue]:
    meetings = _in_scope(commission_queries.visible_meetings(query.user), query, "commission").filter(
        status=Meeting.Status.HELD)
    periods = [query.period] if query.period else _years(meetings.dates("date", "year"))
    commissions = _in_scope(commission_queries.visible_commissions(query.user), query, "")
    found = []
    for period in periods:
        held = list(meetings.filter(date__gte=period.start, date__lte=period.end).order_by("date", "id"))
        existing: QuerySet[Commission] = commissions.filter(Q(established__isnull=True) | Q(established__lte=period.end))
        n_commissions = existing.count()
        found.append(ratio_value(
            period, query, len(held), n_commissions or None, percent=False,
            no_denominator=_("No denominator: no commission existed here in %(period)s.") % {"period": period},
            sources=(_register_source(),) if n_commissions else (),
            records=tuple(
                RecordRef("meeting", m.pk, _("%(commission)s: meeting of %(date)s") % {
                    "commission": m.commission.name, "date": m.date.isoformat()},
                    reverse("commissions:meeting", args=[m.pk]))
                for m in held
            ),
            notes=(_("%(meetings)s meetings held by %(commissions)s commissions.") % {
                "meetings": len(held), "commissions": n_commissions},) if n_commissions else (),
        ))
    return found


MEETINGS = register(Indicator(
    code="commission_meetings_per_year",
    title=_("Commission meetings per commission"),
    short=_("Meetings held by tripartite commissions in the period, per commission."),
    unit=Unit.RATIO,
    numerator_label=_("Meetings held"),
    denominator_label=_("Commissions"),
    methodology=Methodology(
        definition=_("The number of meetings of tripartite commissions held in the period, divided by the number "
                         "of commissions that existed in it (established before the period ended, or with no "
                         "establishment date)."),
        formula=_("meetings held in the period ÷ commissions existing in the period"),
        numerator=_("Meetings recorded as held, dated within the period. Planned meetings are not counted."),
        denominator=_("Commissions in the register (for a region or a sector: of that region or sector)."),
        sources=(_("Register of tripartite commissions: meetings."),),
        caveats=(
            _("For a quarter or the current year the figure is not comparable with a full year."),
            _("A commission that stopped working stays in the register and lowers the figure."),
            _("Meetings are counted only where the reader may see them: those of published commissions for the "
                  "public."),
        ),
    ),
    compute=meetings_per_commission,
))
