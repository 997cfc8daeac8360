"""A dispute's statutory deadlines on a day: computed from its recorded steps and the pack, never stored.

Each step on record starts the periods the pack's procedure gives it; a later step meets a period, leaving
the stage ends it, and a collective agreement's own procedure may replace a period where the pack allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from tripartite.core.i18n import localized_text
from tripartite.core.jurisdiction import current_pack
from tripartite.disputes.models import Dispute, Event
from tripartite.jurisdictions.disputes import ComputedDeadline, DeadlineKind, DisputeProcedure, unit_word


class Status:
    UPCOMING = "upcoming"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"
    MISSED = "missed"  # the stage ended after the due date without the step
    CLOSED = "closed"  # the stage ended before the due date: the period no longer applies
    NOT_SET = "not_set"  # the rule has no value (unconfirmed law not configured)
    NOTICE_RUNNING = "notice_running"  # a "not before" period that has not ended yet
    NOTICE_OVER = "notice_over"
    TOO_EARLY = "too_early"  # the step happened before a "not before" period ended


LABELS = {
    Status.UPCOMING: _("upcoming"),
    Status.DUE_TODAY: _("due today"),
    Status.OVERDUE: _("overdue"),
    Status.MET: _("met"),
    Status.MET_LATE: _("met late"),
    Status.MISSED: _("missed"),
    Status.CLOSED: _("no longer applies"),
    Status.NOT_SET: _("not set — unverified, configure via TRIPARTITE_RULE_OVERRIDES"),
    Status.NOTICE_RUNNING: _("notice period running"),
    Status.NOTICE_OVER: _("notice period over"),
    Status.TOO_EARLY: _("too early"),
}

OPEN = (Status.UPCOMING, Status.DUE_TODAY, Status.OVERDUE)
MISSED = (Status.OVERDUE, Status.MET_LATE, Status.MISSED, Status.TOO_EARLY)


@dataclass(frozen=True)
class DeadlineRow:
    """One period on a dispute's record and where it stands on ``today``."""

    dispute: Dispute
    computed: ComputedDeadline
    started_by: Event
    status: str
    met_on: date | None
    ended_on: date | None

    @property
    def rule(self) -> str:
        return self.computed.spec.rule

    @property
    def due(self) -> date | None:
        return self.computed.due

    @property
    def name(self) -> str:
        return localized_text(self.computed.spec.name)

    @property
    def party(self) -> str:
        return str(self.computed.spec.party)

    @property
    def status_label(self) -> str:
        return str(LABELS[self.status])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_missed(self) -> bool:
        return self.status in MISSED

    @property
    def verified(self) -> bool:
        return self.computed.verified

    @property
    def days(self) -> int | None:
        return self.computed.deadline.days if self.computed.deadline is not None else None

    @property
    def unit(self) -> str:
        return unit_word(self.computed.deadline.unit) if self.computed.deadline is not None else ""

    @property
    def source(self) -> str:
        if self.computed.override_source:
            return str(_("Collective agreement: %(agreement)s") % {"agreement": self.computed.override_source})
        return self.computed.rule_source.cite()

    @property
    def source_url(self) -> str:
        return "" if self.computed.override_source else (self.computed.rule_source.url or "")


def agreement_days(dispute: Dispute) -> tuple[dict[str, int], str | None]:
    """The collective agreement's own dispute periods (rule key -> days) and the agreement's name."""
    agreement = dispute.agreement if dispute.agreement_id else None
    if agreement is None:
        return {}, None
    from tripartite.agreements.dispute_procedure import dispute_procedure_for

    procedure = dispute_procedure_for(agreement)
    if procedure is None or not procedure.deadline_days:
        return {}, None
    return dict(procedure.deadline_days), str(agreement)


def _stage_end(dispute: Dispute, periods: list[Any], stage: str, after: date) -> date | None:
    for p in periods:
        if p.stage == stage and p.started_on <= after and p.ended_on is not None and p.ended_on >= after:
            return p.ended_on
    return None


def dispute_deadlines(
    dispute: Dispute, today: date, *, events: Iterable[Event] | None = None, periods: Iterable[Any] | None = None,
    procedure: DisputeProcedure | None = None,
) -> list[DeadlineRow]:
    """Every period the dispute's steps started, in order of start, with its status on ``today``."""
    pack = current_pack()
    procedure = procedure or pack.dispute_procedure
    ordered = sorted(events if events is not None else dispute.events.all(), key=lambda e: (e.on, e.id or 0))
    period_list = list(periods if periods is not None else dispute.periods.all())
    days, agreement_name = agreement_days(dispute)
    rows: list[DeadlineRow] = []
    for index, event in enumerate(ordered):
        if not event.step or not procedure.has_step(event.step):
            continue
        step = procedure.step(event.step)
        later = ordered[index + 1:]
        for spec in step.starts:
            computed = procedure.compute(pack, spec, event.on, agreement_days=days, agreement_source=agreement_name)
            met_on = next((e.on for e in later if e.step in spec.met_by), None)
            if spec.ends_with_stage:
                ended = _stage_end(dispute, period_list, step.stage, event.on)
            else:
                ended = dispute.closed_on
            rows.append(DeadlineRow(dispute, computed, event, _status(computed, met_on, ended, today), met_on, ended))
    return rows


def _status(computed: ComputedDeadline, met_on: date | None, ended: date | None, today: date) -> str:
    due = computed.due
    if due is None:
        return Status.NOT_SET
    if computed.spec.kind == DeadlineKind.NOT_BEFORE:
        if met_on is not None:
            return Status.TOO_EARLY if met_on < due else Status.NOTICE_OVER
        return Status.NOTICE_RUNNING if today < due else Status.NOTICE_OVER
    if met_on is not None:
        return Status.MET if met_on <= due else Status.MET_LATE
    if ended is not None:
        return Status.MISSED if ended > due else Status.CLOSED
    if today > due:
        return Status.OVERDUE
    if today == due:
        return Status.DUE_TODAY
    return Status.UPCOMING


def open_deadlines(disputes: Iterable[Dispute], today: date) -> list[DeadlineRow]:
    """The open periods (upcoming, due today, overdue) of ``disputes``, soonest first."""
    rows = []
    for dispute in disputes:
        rows += [r for r in dispute_deadlines(dispute, today) if r.is_open]
    return sorted(rows, key=lambda r: (r.due or date.max, r.dispute.pk))
