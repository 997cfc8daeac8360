"""Reads shared by the dispute pages, the API and the commands: lists, a dispute's file and timeline, the next
step for each party, the deadline list, the summary and the ILO strike statistics."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from tripartite.core.jurisdiction import current_pack
from tripartite.disputes import access
from tripartite.disputes.deadlines import DeadlineRow, dispute_deadlines, open_deadlines
from tripartite.disputes.models import Dispute, Document, Event, SectorEmployment, StagePeriod, Strike
from tripartite.jurisdictions.disputes import Party

# Lists -------------------------------------------------------------------------------------------------------


def _with_related(queryset: QuerySet[Dispute]) -> QuerySet[Dispute]:
    return queryset.select_related("employer", "union", "region", "sector", "commission", "agreement")


def dispute_list(
    *, user: Any, today: date, status: str = "", stage: str = "", region: str = "", sector: str = "",
    overdue: bool = False, q: str = "",
) -> list[Dispute] | QuerySet[Dispute]:
    """Disputes the user may read, filtered; ``status`` is "open" or "closed"; ``overdue`` keeps disputes with
    a deadline past due today."""
    queryset = _with_related(access.visible_disputes(user))
    procedure = current_pack().dispute_procedure
    terminal = [s.code for s in procedure.stages if s.terminal]
    if status == "open":
        queryset = queryset.exclude(stage__in=terminal)
    elif status == "closed":
        queryset = queryset.filter(stage__in=terminal)
    if stage:
        queryset = queryset.filter(stage=stage)
    if region:
        queryset = queryset.filter(region__kato=region)
    if sector:
        queryset = queryset.filter(sector__code=sector)
    if q.strip():
        queryset = queryset.filter(subject__icontains=q.strip())
    queryset = queryset.order_by("-demands_received_on", "-id")
    if overdue:
        ids = [d.pk for d in queryset.exclude(stage__in=terminal).prefetch_related("events", "periods")
               if any(r.status == "overdue" for r in dispute_deadlines(d, today))]
        queryset = queryset.filter(pk__in=ids)
    return queryset


def dispute_for(user: Any, pk: int) -> Dispute:
    """The dispute if the user may read it; a 404 otherwise (its existence is not revealed)."""
    dispute = _with_related(Dispute.objects.filter(pk=pk)).first()
    if dispute is None or not access.may_read(user, dispute):
        raise Http404
    return dispute


# A dispute's file -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    kind: str  # "event" or "deadline"
    title: str
    note: str = ""
    by: str = ""
    stage: str = ""
    event: Event | None = None
    deadline: DeadlineRow | None = None


@dataclass(frozen=True)
class PartyStep:
    """What the procedure expects next of one party, in that party's language."""

    side: str
    language: str
    heading: str
    expects: str
    deadlines: list[tuple[str, str, str]]  # (what, due date or "not set", status label)
    missing_documents: list[str]
    closed_text: str = ""


@dataclass
class DisputeFile:
    dispute: Dispute
    deadlines: list[DeadlineRow]
    timeline: list[TimelineEntry]
    next_steps: list[PartyStep]
    periods: list[StagePeriod]
    documents: list[Document]
    strikes: list[Strike]
    next_stages: list[tuple[str, str]]
    missed: int = 0
    agreement_procedure: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


def timeline(dispute: Dispute, events: list[Event], deadlines: list[DeadlineRow]) -> list[TimelineEntry]:
    """Every event and every deadline of the dispute in date order (a deadline at its due date)."""
    entries = []
    for e in events:
        title = e.step_name
        if e.kind == Event.Kind.TRANSITION:
            from tripartite.disputes.models import stage_name

            title = _("Moved from “%(from)s” to “%(to)s”") % {"from": stage_name(e.from_stage), "to": stage_name(e.to_stage)}
        entries.append(TimelineEntry(e.on, "event", title, e.note, str(e.recorded_by or ""), e.stage, event=e))
    for row in deadlines:
        if row.due is None:
            continue
        entries.append(TimelineEntry(row.due, "deadline", _("Deadline: %(what)s") % {"what": row.name},
                                     row.status_label, stage="", deadline=row))
    return sorted(entries, key=lambda t: (t.on, 0 if t.kind == "event" else 1, t.event.pk if t.event else 0))


def next_steps(dispute: Dispute, deadlines: list[DeadlineRow], documents: list[Document],
               periods: list[StagePeriod]) -> list[PartyStep]:
    """For the employer and for the employees, in each one's language: what is expected, by when, what is missing."""
    procedure = current_pack().dispute_procedure
    stage = procedure.stage(dispute.stage) if procedure.has_stage(dispute.stage) else None
    present = {d.code for d in documents}
    visited = {p.stage for p in periods} | {dispute.stage}
    steps = []
    for side, language in ((Party.EMPLOYER, dispute.employer_language), (Party.WORKERS, dispute.workers_language)):
        with translation.override(language):
            heading = _("For the employer") if side == Party.EMPLOYER else _("For the employees")
            if stage is None or stage.terminal:
                steps.append(PartyStep(str(side), language, heading, "", [], [],
                                       _("The dispute is closed: %(stage)s.") % {"stage": _pack_text(stage.name, language) if stage else dispute.stage}))
                continue
            concerned = {side, Party.BOTH, Party.BODY}
            rows = []
            for r in deadlines:
                if r.computed.spec.party not in concerned:
                    continue
                if r.is_open or r.status == "notice_running":
                    due_text = r.due.isoformat() if r.due else ""
                elif r.status == "not_set" and r.met_on is None and not _stage_left(r, dispute):
                    due_text = _("not set — unverified, configure via TRIPARTITE_RULE_OVERRIDES")
                else:
                    continue
                status = "" if r.status == "not_set" else r.status_label
                rows.append((_pack_text(r.computed.spec.name, language), due_text, status))
            missing = [
                _pack_text(d.name, language)
                for d in procedure.documents
                if d.stage in visited and d.party in concerned and d.code not in present
            ]
            steps.append(PartyStep(str(side), language, heading, _pack_text(stage.expects.get(str(side)), language),
                                   rows, missing))
    return steps


def _stage_left(row: DeadlineRow, dispute: Dispute) -> bool:
    procedure = current_pack().dispute_procedure
    return row.computed.spec.ends_with_stage and procedure.step(row.started_by.step).stage != dispute.stage


def _pack_text(value: Any, language: str) -> str:
    if not value:
        return ""
    return str(value.get(language) or value.get("ru") or value.get("en") or "")


def dispute_file(dispute: Dispute, today: date) -> DisputeFile:
    events = list(dispute.events.select_related("recorded_by").order_by("on", "id"))
    periods = list(dispute.periods.prefetch_related("participants", "sessions", "settled_demands"))
    deadlines = dispute_deadlines(dispute, today, events=events, periods=periods)
    documents = list(dispute.documents.all())
    procedure = current_pack().dispute_procedure
    choices = [(s.code, _pack_text(s.name, translation.get_language() or "ru")) for s in procedure.next_stages(dispute.stage)] \
        if procedure.has_stage(dispute.stage) else []
    agreement_procedure = None
    if dispute.agreement is not None:
        from tripartite.agreements.dispute_procedure import dispute_procedure_for

        agreement_procedure = dispute_procedure_for(dispute.agreement)
    return DisputeFile(
        dispute=dispute, deadlines=deadlines, timeline=timeline(dispute, events, deadlines),
        next_steps=next_steps(dispute, deadlines, documents, periods), periods=periods, documents=documents,
        strikes=list(dispute.strikes.all()), next_stages=choices, missed=sum(r.is_missed for r in deadlines),
        agreement_procedure=agreement_procedure,
    )


# The deadline list -----------------------------------------------------------------------------------------


def deadline_list(*, user: Any, today: date, status: str = "") -> list[DeadlineRow]:
    """Open deadlines of every open dispute the user may read, soonest first; ``status`` narrows to one status."""
    procedure = current_pack().dispute_procedure
    terminal = [s.code for s in procedure.stages if s.terminal]
    disputes = _with_related(access.visible_disputes(user)).exclude(stage__in=terminal).prefetch_related(
        Prefetch("events", queryset=Event.objects.order_by("on", "id")), "periods",
    )
    rows = open_deadlines(disputes, today)
    if status:
        rows = [r for r in rows if r.status == status]
    return rows


# Summary -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearSummary:
    year: int
    disputes: int
    closed: int
    settled: int
    settled_without_strike: int
    strikes: int
    settled_at: dict[str, int]
    median_days: dict[str, float]
    deadlines_missed: int

    @property
    def share_settled_without_strike(self) -> float | None:
        return self.settled_without_strike / self.closed if self.closed else None

    def share_settled_at(self, stage: str) -> float | None:
        return self.settled_at.get(stage, 0) / self.settled if self.settled else None


@dataclass(frozen=True)
class StageCell:
    stage: str
    settled: int
    share: float | None  # share of the year's settled disputes settled at this stage
    median_days: float | None


@dataclass(frozen=True)
class Summary:
    years: list[YearSummary]
    stages: list[tuple[str, str]]  # (code, name) of non-terminal stages, in order
    total: YearSummary | None

    @property
    def stage_rows(self) -> list[tuple[YearSummary, list[StageCell]]]:
        return [(y, [StageCell(code, y.settled_at.get(code, 0), y.share_settled_at(code), y.median_days.get(code))
                     for code, _name in self.stages]) for y in self.years]


def summarise(year: int, disputes: list[Dispute], today: date) -> YearSummary:
    """The aggregates of ``disputes`` as one ``YearSummary`` labelled ``year`` (0 for a total): how many, closed,
    settled (with and without a strike), strikes, the stage each was settled at, median calendar days per stage
    left, and deadlines missed as of ``today``.

    Shared by the public summary and the indicators app, so that both count the same way. For speed, prefetch
    the disputes' ``events`` (ordered by date), ``periods`` and ``strikes``, and select ``agreement``.
    """
    closed = [d for d in disputes if d.closed_on is not None]
    with_strike = {d.pk for d in disputes if any(s for s in d.strikes.all())}
    settled = [d for d in closed if d.stage == "settled"]
    durations: dict[str, list[int]] = defaultdict(list)
    missed = 0
    for d in disputes:
        for p in d.periods.all():
            if p.ended_on is not None:
                durations[p.stage].append((p.ended_on - p.started_on).days)
        missed += sum(r.is_missed for r in dispute_deadlines(d, today))
    return YearSummary(
        year=year, disputes=len(disputes), closed=len(closed), settled=len(settled),
        settled_without_strike=sum(1 for d in settled if d.pk not in with_strike),
        strikes=sum(len(d.strikes.all()) for d in disputes),
        settled_at=dict(Counter(d.settled_stage for d in settled)),
        median_days={stage: float(statistics.median(values)) for stage, values in durations.items()},
        deadlines_missed=missed,
    )


def summary(today: date) -> Summary:
    """Disputes per year (of the demands), the share settled without a strike (of closed disputes), the share
    settled at each stage (of settled disputes), median calendar days per stage (of stages left), deadlines
    missed. Aggregates only: no dispute is identified."""
    disputes = list(Dispute.objects.prefetch_related(
        Prefetch("events", queryset=Event.objects.order_by("on", "id")), "periods", "strikes",
    ).select_related("agreement"))
    by_year: dict[int, list[Dispute]] = defaultdict(list)
    for d in disputes:
        by_year[d.demands_received_on.year].append(d)
    procedure = current_pack().dispute_procedure
    lang = translation.get_language() or "ru"
    stages = [(s.code, _pack_text(s.name, lang)) for s in sorted(procedure.stages, key=lambda s: s.order) if not s.terminal]
    years = [summarise(year, items, today) for year, items in sorted(by_year.items(), reverse=True)]
    total = summarise(0, disputes, today) if disputes else None
    return Summary(years, stages, total)


# ILO strike statistics ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StrikeStat:
    """ILO strike indicators for one sector in one year (strikes counted in the year they started)."""

    year: int
    sector_code: str
    sector_name: str
    strikes: int
    workers_involved: int
    workers_unknown: int  # strikes whose number of participants is not recorded
    days_not_worked: int
    employees: int | None
    employees_source: str

    @property
    def per_thousand(self) -> float | None:
        """Days not worked per 1,000 employees; None when no employees figure was entered ("no denominator")."""
        if not self.employees:
            return None
        return round(self.days_not_worked * 1000 / self.employees, 2)


def strike_working_days(strike: Strike, year: int, today: date) -> int:
    """Working days of the strike that fall in ``year`` (an ongoing strike counts up to ``today``)."""
    if strike.started_on is None:
        return 0
    calendar = current_pack().calendar
    start = max(strike.started_on, date(year, 1, 1))
    end = min(strike.ended_on or today, date(year, 12, 31))
    if end < start:
        return 0
    return sum(calendar.is_working_day(start + timedelta(days=i)) for i in range((end - start).days + 1))


def strike_statistics(today: date) -> list[StrikeStat]:
    """Number of strikes, workers involved, days not worked (workers × working days on strike) and days not
    worked per 1,000 employees, by sector and year (ILOSTAT industrial-relations indicators).

    A strike spanning two years counts its days in each; it is counted as a strike in the year it started.
    The denominator is the employees figure entered for the sector and year, never guessed.
    """
    strikes = list(Strike.objects.filter(started_on__isnull=False).select_related("dispute__sector"))
    denominators = {(e.sector_id, e.year): e for e in SectorEmployment.objects.all()}
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for s in strikes:
        if s.started_on is None:
            continue
        end_year = (s.ended_on or today).year
        for year in range(s.started_on.year, end_year + 1):
            sector = s.dispute.sector
            cell = cells.setdefault((year, sector.pk), {"sector": sector, "strikes": 0, "workers": 0, "unknown": 0,
                                                        "days": 0})
            if year == s.started_on.year:
                cell["strikes"] += 1
                if s.participants is None:
                    cell["unknown"] += 1
                else:
                    cell["workers"] += s.participants
            cell["days"] += (s.participants or 0) * strike_working_days(s, year, today)
    out = []
    for (year, sector_id), cell in sorted(cells.items(), key=lambda kv: (-kv[0][0], kv[1]["sector"].code)):
        denominator = denominators.get((sector_id, year))
        out.append(StrikeStat(year, cell["sector"].code, cell["sector"].name, cell["strikes"], cell["workers"],
                              cell["unknown"], cell["days"], denominator.employees if denominator else None,
                              denominator.source if denominator else ""))
    return out
