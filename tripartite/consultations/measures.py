"""How consultations went, counted over a set of referrals: drafts referred, days the sides were given, each side's
answers before the deadline, its influence on the drafts and the drafts adopted over its unresolved objections.

The indicators app turns these counts into indicators (per year, region and sector of the commission); the
commission's consultation page shows them for one commission. Only referrals whose positions the reader may see
count for the side figures, so that a working position never leaks through a figure.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from . import access
from .deadlines import deadline_of
from .models import NEEDS_REPLY, Outcome, Position, Referral, Verdict

#: Replies that count as the side's proposal having changed the draft.
INFLUENTIAL = (Verdict.ACCEPTED, Verdict.PARTLY)


def referrals_for(user: Any, referrals: QuerySet[Referral]) -> list[Referral]:
    """The referrals (with their positions and replies) whose positions `user` may read."""
    rows = (referrals.select_related("draft", "commission", "version")
            .prefetch_related(Prefetch("positions", queryset=Position.objects.select_related("reply")))
            .order_by("referred_on", "id"))
    return [r for r in rows if access.may_read_positions(user, r)]


def in_period(referrals: Iterable[Referral], start: date, end: date) -> list[Referral]:
    return [r for r in referrals if start <= r.referred_on <= end]


def days_given(referral: Referral) -> int | None:
    """Calendar days from the referral to its deadline (None without a deadline)."""
    deadline = deadline_of(referral)
    return None if deadline is None else (deadline.due - referral.referred_on).days


def median_days_given(referrals: Iterable[Referral]) -> float | None:
    days = [d for d in (days_given(r) for r in referrals) if d is not None]
    return float(statistics.median(days)) if days else None


@dataclass(frozen=True)
class Share:
    """`part` of `whole`, with the referrals or drafts counted in `whole`."""

    part: int
    whole: int
    counted: tuple[Referral, ...] = ()


def _live(referral: Referral, side: str) -> list[Position]:
    return [p for p in referral.positions.all() if p.side == side and p.withdrawn_at is None]


def answered_on_time(referrals: Iterable[Referral], side: str, today: date) -> Share:
    """Of the referrals whose deadline has passed, those on which `side` gave a position by the deadline."""
    counted, answered = [], 0
    for referral in referrals:
        deadline = deadline_of(referral)
        if deadline is None or deadline.due >= today:
            continue
        counted.append(referral)
        if any(p.submitted_on <= deadline.due for p in _live(referral, side)):
            answered += 1
    return Share(answered, len(counted), tuple(counted))


def influence(referrals: Iterable[Referral], side: str) -> Share:
    """Of the side's amendments and objections (not withdrawn), those the drafting body accepted in full or in
    part; a proposal not answered yet counts as not accepted."""
    counted, proposals = [], []
    for referral in referrals:
        found = [p for p in _live(referral, side) if p.stance in NEEDS_REPLY]
        if found:
            counted.append(referral)
            proposals.extend(found)
    accepted = [p for p in proposals if _verdict(p) in INFLUENTIAL]
    return Share(len(accepted), len(proposals), tuple(counted))


def _verdict(position: Position) -> str | None:
    reply = getattr(position, "reply", None) if hasattr(position, "reply") else None
    return reply.verdict if reply is not None else None


def has_unresolved_objection(referral: Referral, side: str) -> bool:
    """Whether `side` kept an amendment or objection on the referral that was rejected or never answered."""
    return any(p.stance in NEEDS_REPLY and _verdict(p) in (None, Verdict.REJECTED) for p in _live(referral, side))


def adopted_over_objection(referrals: Iterable[Referral], side: str, start: date, end: date) -> Share:
    """Of the drafts adopted between `start` and `end` (counted once, however many commissions they went to),
    those adopted while `side` had an unresolved amendment or objection on one of their referrals."""
    drafts: dict[int, list[Referral]] = {}
    for referral in referrals:
        draft = referral.draft
        if draft.outcome == Outcome.ADOPTED and draft.outcome_on and start <= draft.outcome_on <= end:
            drafts.setdefault(draft.pk, []).append(referral)
    over = sum(1 for group in drafts.values() if any(has_unresolved_objection(r, side) for r in group))
    return Share(over, len(drafts), tuple(group[0] for group in drafts.values()))


@dataclass(frozen=True)
class SideFigures:
    side: str
    name: str
    answered: Share
    influence: Share
    adopted_over_objection: Share

    @staticmethod
    def percent(share: Share) -> float | None:
        return None if not share.whole else round(100 * share.part / share.whole, 1)

    @property
    def answered_percent(self) -> float | None:
        return self.percent(self.answered)

    @property
    def influence_percent(self) -> float | None:
        return self.percent(self.influence)

    @property
    def adopted_percent(self) -> float | None:
        return self.percent(self.adopted_over_objection)


@dataclass(frozen=True)
class YearFigures:
    """One year of a commission's consultations: the same counts as the indicators, for that commission only."""

    year: int
    referred: int
    median_days: float | None
    sides: tuple[SideFigures, ...]


def commission_years(user: Any, commission: Any, today: date) -> list[YearFigures]:
    """The commission's consultation figures per year (latest first), counted over what `user` may read."""
    from tripartite.commissions.rules import side_choices

    from .queries import visible_drafts

    referrals = referrals_for(user, Referral.objects.filter(commission=commission, draft__in=visible_drafts(user)))
    years = sorted({r.referred_on.year for r in referrals}
                   | {r.draft.outcome_on.year for r in referrals if r.draft.outcome_on}, reverse=True)
    found = []
    for year in years:
        start, end = date(year, 1, 1), date(year, 12, 31)
        of_year = in_period(referrals, start, end)
        found.append(YearFigures(year, len(of_year), median_days_given(of_year), tuple(
            SideFigures(code, name, answered_on_time(of_year, code, today), influence(of_year, code),
                        adopted_over_objection(referrals, code, start, end))
            for code, name in side_choices())))
    return found
