"""Consultations on draft acts: drafts referred per commission, days given to respond, and for each side its answers
before the deadline, its influence on the drafts and the drafts adopted over its unresolved objections."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tripartite.commissions import queries as commission_queries
from tripartite.commissions.models import Commission
from tripartite.commissions.rules import pack, side_name
from tripartite.consultations import measures
from tripartite.consultations import queries as consultation_queries
from tripartite.consultations.models import Referral
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import (
    Indicator,
    IndicatorValue,
    Methodology,
    Query,
    RecordRef,
    SourceRef,
    Status,
    Unit,
    ratio_value,
    register,
)


def _scoped(queryset: QuerySet, query: Query, prefix: str) -> QuerySet:
    if query.region is not None:
        queryset = queryset.filter(**{f"{prefix}region": query.region})
    if query.sector is not None:
        queryset = queryset.filter(**{f"{prefix}sector": query.sector})
    return queryset


def _referrals(query: Query) -> QuerySet[Referral]:
    drafts = consultation_queries.visible_drafts(query.user)
    return _scoped(Referral.objects.filter(draft__in=drafts), query, "commission__")


def _years(days: list[Any]) -> list[Period]:
    return sorted({Period(d.year) for d in days if d is not None}, key=lambda p: p.sort_key)


def _source() -> SourceRef:
    return SourceRef(str(_("Register of consultations on draft acts")), reverse("consultations:list"))


def _record(referral: Referral) -> RecordRef:
    return RecordRef("referral", referral.pk, _("%(commission)s: %(draft)s (referred %(date)s)") % {
        "commission": referral.commission.name, "draft": str(referral.draft), "date": referral.referred_on.isoformat()},
        reverse("consultations:referral", args=[referral.pk]))


_VISIBILITY = _("Only consultations whose positions the reader may see are counted: for the public, those the "
                "commission published.")
_SOURCES = (_("Register of consultations on draft acts: referrals, positions, replies and outcomes."),)
_SCOPE = _("For a region or a sector: the consultations of the commissions of that region or sector.")


# Drafts referred per commission ---------------------------------------------------------------------------------


def drafts_referred(query: Query) -> list[IndicatorValue]:
    referrals = list(_referrals(query).select_related("draft", "commission").order_by("referred_on", "id"))
    periods = [query.period] if query.period else _years([r.referred_on for r in referrals])
    commissions = _scoped(commission_queries.visible_commissions(query.user), query, "")
    found = []
    for period in periods:
        rows = [r for r in referrals if period.start <= r.referred_on <= period.end]
        existing: QuerySet[Commission] = commissions.filter(Q(established__isnull=True) | Q(established__lte=period.end))
        n_commissions = existing.count()
        found.append(ratio_value(
            period, query, len(rows), n_commissions or None, percent=False,
            no_denominator=_("No denominator: no commission existed here in %(period)s.") % {"period": period},
            sources=(_source(),) if rows else (), records=tuple(_record(r) for r in rows),
            notes=(_("%(drafts)s referrals of draft acts to %(commissions)s commissions.") % {
                "drafts": len(rows), "commissions": n_commissions},) if n_commissions else (),
        ))
    return found


register(Indicator(
    code="consultation_drafts_referred",
    title=_("Draft acts referred to commissions"),
    short=_("Draft legal acts referred to tripartite commissions for the sides' positions in the period, per "
            "commission."),
    unit=Unit.RATIO,
    numerator_label=_("Referrals of draft acts"),
    denominator_label=_("Commissions"),
    methodology=Methodology(
        definition=_("The number of referrals of draft legal acts to tripartite commissions made in the period "
                     "(the numerator: a draft referred to two commissions counts twice), divided by the number of "
                     "commissions that existed in it."),
        formula=_("referrals made in the period ÷ commissions existing in the period"),
        numerator=_("Referrals whose date of referral is in the period."),
        denominator=format_lazy("{} {}", _("Commissions in the register established before the period ended, or with no establishment "
                      "date."), _SCOPE),
        sources=_SOURCES,
        caveats=(_("Drafts never referred to a commission are not counted: the register holds only what the "
                   "secretariats or drafting bodies registered."),
                 _("Drafts are counted only where the reader may see them: published ones for the public.")),
    ),
    compute=drafts_referred,
))


# Median days given to respond -----------------------------------------------------------------------------------


def median_days(query: Query) -> list[IndicatorValue]:
    referrals = list(_referrals(query).select_related("draft", "commission").order_by("referred_on", "id"))
    periods = [query.period] if query.period else _years([r.referred_on for r in referrals])
    found = []
    for period in periods:
        rows = [r for r in referrals if period.start <= r.referred_on <= period.end
                and measures.days_given(r) is not None]
        median = measures.median_days_given(rows)
        if median is None:
            found.append(IndicatorValue(period, query.region, query.sector, None, None, None, Status.NO_DENOMINATOR,
                                        str(_("No draft with a deadline was referred in %(period)s.") % {
                                            "period": period})))
            continue
        value = Decimal(str(median)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        found.append(IndicatorValue(period, query.region, query.sector, value, len(rows), value, Status.OK,
                                    sources=(_source(),), records=tuple(_record(r) for r in rows)))
    return found


register(Indicator(
    code="consultation_median_days_given",
    title=_("Median days given to the sides to respond to a draft"),
    short=_("The median number of calendar days between a draft's referral to a commission and the deadline for "
            "the sides' positions."),
    unit=Unit.RATIO,
    numerator_label=_("Median calendar days"),
    denominator_label=_("Referrals with a deadline"),
    methodology=Methodology(
        definition=_("For the referrals made in the period, the median of the calendar days from the day of "
                     "referral to the deadline for positions. The deadline counts working days on the national "
                     "calendar, so holidays inside the period lengthen it in calendar days."),
        formula=_("median over referrals of (deadline − day of referral), in calendar days"),
        numerator=_("The median itself."),
        denominator=format_lazy("{} {}", _("Referrals made in the period that have a deadline (the jurisdiction pack's period or one "
                      "the secretariat gave)."), _SCOPE),
        sources=_SOURCES,
        caveats=(_("The jurisdiction pack's period for a commission's reply is not verified against the law; "
                   "where the secretariat gave its own period, that one counts."),),
    ),
    compute=median_days,
))


# Per side -------------------------------------------------------------------------------------------------------


def _side_values(query: Query, side: str, share_of: Callable[[list[Referral], Period], measures.Share],
                 years_from_outcome: bool = False) -> list[IndicatorValue]:
    referrals = measures.referrals_for(query.user, _referrals(query))
    if query.period:
        periods = [query.period]
    elif years_from_outcome:
        periods = _years([r.draft.outcome_on for r in referrals])
    else:
        periods = _years([r.referred_on for r in referrals])
    found = []
    for period in periods:
        share = share_of(referrals, period)
        found.append(ratio_value(
            period, query, share.part, share.whole or None,
            no_denominator=_("No denominator: nothing to count in %(period)s.") % {"period": period},
            sources=(_source(),) if share.whole else (), records=tuple(_record(r) for r in share.counted),
        ))
    return found


def _answered(side: str) -> Callable[[Query], list[IndicatorValue]]:
    def compute(query: Query) -> list[IndicatorValue]:
        today = query.today or timezone.localdate()
        return _side_values(query, side, lambda refs, p: measures.answered_on_time(
            measures.in_period(refs, p.start, p.end), side, today))
    return compute


def _influence(side: str) -> Callable[[Query], list[IndicatorValue]]:
    def compute(query: Query) -> list[IndicatorValue]:
        return _side_values(query, side, lambda refs, p: measures.influence(
            measures.in_period(refs, p.start, p.end), side))
    return compute


def _adopted_over(side: str) -> Callable[[Query], list[IndicatorValue]]:
    def compute(query: Query) -> list[IndicatorValue]:
        return _side_values(query, side, lambda refs, p: measures.adopted_over_objection(refs, side, p.start, p.end),
                            years_from_outcome=True)
    return compute


def _named(text: Any, side: str) -> Any:
    return format_lazy("{} — {}", text, lazy(side_name, str)(side))


def _register_side(side: str) -> None:
    register(Indicator(
        code=f"consultation_answered_on_time_{side}",
        title=_named(_("Consultations answered before the deadline"), side),
        short=_named(_("Share of the referrals whose deadline passed on which the side gave a position in time"),
                     side),
        unit=Unit.PERCENT,
        numerator_label=_("Referrals answered by the deadline"),
        denominator_label=_("Referrals whose deadline passed"),
        methodology=Methodology(
            definition=_("Of the draft acts referred to commissions in the period whose deadline for positions "
                         "has passed, the percentage on which the side (its coordinator or any of its member "
                         "organisations) gave at least one position, not withdrawn, on or before the deadline."),
            formula=_("100 × referrals with a position of the side by the deadline ÷ referrals whose deadline "
                      "passed"),
            numerator=_("Referrals with at least one position of the side dated on or before the deadline."),
            denominator=format_lazy("{} {}", _("Referrals made in the period whose deadline is before today."), _SCOPE),
            sources=_SOURCES,
            caveats=(_VISIBILITY, _("A position sent by letter counts on the day the secretariat recorded it as "
                                    "received.")),
        ),
        compute=_answered(side),
    ))
    register(Indicator(
        code=f"consultation_influence_{side}",
        title=_named(_("Influence rate on draft acts"), side),
        short=_named(_("Share of the side's amendments and objections that the drafting body accepted in full "
                       "or in part"), side),
        unit=Unit.PERCENT,
        numerator_label=_("Proposals accepted or partly accepted"),
        denominator_label=_("Proposals (amendments and objections)"),
        methodology=Methodology(
            definition=_("Of the amendments and objections the side's organisations gave (and did not withdraw) "
                         "on the drafts referred in the period, the percentage the drafting body accepted or "
                         "partly accepted."),
            formula=_("100 × (accepted + partly accepted) ÷ all proposals"),
            numerator=_("Proposals whose reply is “accepted” or “partly accepted”."),
            denominator=format_lazy("{} {}", _("All amendments and objections of the side, not withdrawn, on referrals made in the "
                          "period, answered or not."), _SCOPE),
            sources=_SOURCES,
            caveats=(_VISIBILITY, _("A proposal not answered yet counts as not accepted, so the figure of a "
                                    "recent period can still rise."),
                     _("The reply is the drafting body's own statement; the register does not check the adopted "
                       "text against it.")),
        ),
        compute=_influence(side),
    ))
    register(Indicator(
        code=f"consultation_adopted_over_objection_{side}",
        title=_named(_("Drafts adopted over an unresolved objection"), side),
        short=_named(_("Share of the drafts adopted in the period while an amendment or objection of the side "
                       "stood rejected or unanswered"), side),
        unit=Unit.PERCENT,
        numerator_label=_("Drafts adopted with an unresolved objection of the side"),
        denominator_label=_("Drafts adopted"),
        methodology=Methodology(
            definition=_("Of the referred draft acts adopted in the period, the percentage adopted while the side "
                         "had on one of their referrals an amendment or objection, not withdrawn, that the "
                         "drafting body rejected or never answered."),
            formula=_("100 × drafts adopted with an unresolved objection of the side ÷ drafts adopted"),
            numerator=_("Adopted drafts with at least one amendment or objection of the side, not withdrawn, "
                        "whose reply is “rejected” or missing."),
            denominator=format_lazy("{} {}", _("Drafts referred to a commission and recorded as adopted, dated in the period (each "
                          "draft once)."), _SCOPE),
            sources=_SOURCES,
            caveats=(_VISIBILITY, _("A partly accepted proposal counts as resolved.")),
        ),
        compute=_adopted_over(side),
    ))


for _side in pack().sides():
    _register_side(_side.code)
