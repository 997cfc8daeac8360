"""Reads shared by the programme pages, the exports and the API: visible programmes, measures with their status,
indicator targets with their assessment, and the scorecards per programme, area, side and organisation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from tripartite.commissions.rules import side_name
from tripartite.core.policy import visible

from . import status as measure_status
from . import tracking
from .models import Area, IndicatorTarget, Measure, Programme, ProgressReport

#: How far ahead "due soon" looks, in days.
DUE_SOON_DAYS = 90


def visible_programmes(user: Any) -> QuerySet[Programme]:
    return visible(user, Programme.objects.select_related("coordinator", "region", "agreement"))


def programme_for(user: Any, pk: int) -> Programme:
    programme = visible_programmes(user).filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def programme_list(*, user: Any, q: str = "", kind: str = "") -> QuerySet[Programme]:
    programmes = visible_programmes(user)
    if q:
        programmes = programmes.filter(Q(title_kk__icontains=q) | Q(title_ru__icontains=q) | Q(title_en__icontains=q))
    if kind:
        programmes = programmes.filter(kind=kind)
    return programmes


def measures_of(programme: Programme) -> QuerySet[Measure]:
    return (Measure.objects.filter(area__programme=programme)
            .select_related("area__programme", "decision__meeting__commission", "commitment__agreement", "draft",
                            "campaign")
            .prefetch_related("responsible", "co_executors", "reports__organisation"))


def measure_for(user: Any, pk: int) -> Measure:
    measure = (Measure.objects.select_related("area__programme__coordinator", "decision__meeting__commission",
                                              "commitment__agreement", "draft", "campaign")
               .prefetch_related("responsible", "co_executors").filter(pk=pk).first())
    if measure is None or not visible_programmes(user).filter(pk=measure.area.programme_id).exists():
        raise Http404
    return measure


def area_for(user: Any, pk: int) -> Area:
    area = Area.objects.select_related("programme").filter(pk=pk).first()
    if area is None or not visible_programmes(user).filter(pk=area.programme_id).exists():
        raise Http404
    return area


def target_for(user: Any, pk: int) -> IndicatorTarget:
    target = (IndicatorTarget.objects.select_related("area__programme", "measure__area__programme")
              .prefetch_related("milestones").filter(pk=pk).first())
    if target is None or not visible_programmes(user).filter(pk=target.programme.pk).exists():
        raise Http404
    return target


def reports_of(measure: Measure) -> QuerySet[ProgressReport]:
    return measure.reports.select_related("organisation", "submitted_by").order_by("-reported_on", "-id")


def targets_of(programme: Programme) -> list[IndicatorTarget]:
    return list(IndicatorTarget.objects.filter(Q(area__programme=programme) | Q(measure__area__programme=programme))
                .select_related("area__programme", "measure__area__programme").prefetch_related("milestones",
                                                                                                 "observations"))


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    status: str
    due: date  # the effective due date (moved off a day off)
    on_time: bool | None

    @property
    def status_label(self) -> str:
        return measure_status.label(self.status)


@dataclass(frozen=True)
class TargetRow:
    target: IndicatorTarget
    assessment: tracking.Assessment
    series: tuple[tracking.Point, ...] = ()  # every value of the indicator, oldest first

    @property
    def chart_svg(self) -> str:
        """The trend chart: the values against the planned path from the baseline to the target."""
        from .charts import target_chart_svg

        return target_chart_svg(self.target, tracking.planned_points(self.target), list(self.series),
                                title=self.name, unit=self.unit)

    @property
    def name(self) -> str:
        return tracking.indicator_name(self.target)

    @property
    def unit(self) -> str:
        return tracking.unit_of(self.target)


def measure_row(measure: Measure, today: date | None = None) -> MeasureRow:
    today = today or measure_status.today()
    return MeasureRow(measure, measure_status.status_of(measure, today), measure_status.effective_due(measure.due_date),
                      measure_status.done_on_time(measure, today))


def target_rows(targets: Iterable[IndicatorTarget], *, user: Any = None, until: int | None = None) -> list[TargetRow]:
    rows = []
    for t in targets:
        series = tracking.series_of(t, user=user)
        rows.append(TargetRow(t, tracking.assessment_of(t, until=until, series=series), tuple(series)))
    return rows


@dataclass
class Scorecard:
    """Counts of measures by status, of done measures on time and late, of targets by track, and what is due soon."""

    label: str
    measures: int = 0
    not_started: int = 0
    in_progress: int = 0
    done: int = 0
    done_on_time: int = 0
    done_late: int = 0
    late: int = 0
    dropped: int = 0
    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    no_data: int = 0
    due_soon: list[MeasureRow] = field(default_factory=list)

    def add_measure(self, row: MeasureRow, today: date) -> None:
        self.measures += 1
        name = {"not_started": "not_started", "in_progress": "in_progress", "done": "done", "late": "late",
                "dropped": "dropped"}[row.status]
        setattr(self, name, getattr(self, name) + 1)
        if row.on_time is True:
            self.done_on_time += 1
        elif row.on_time is False:
            self.done_late += 1
        if row.status in ("not_started", "in_progress") and today <= row.due <= today + timedelta(days=DUE_SOON_DAYS):
            self.due_soon.append(row)

    def add_target(self, row: TargetRow) -> None:
        name = row.assessment.track
        setattr(self, name, getattr(self, name) + 1)

    @property
    def targets(self) -> int:
        return self.on_track + self.at_risk + self.off_track + self.no_data


@dataclass(frozen=True)
class ProgrammeView:
    """Everything the programme page, its public page and its report show, computed once."""

    programme: Programme
    areas: list[tuple[Area, list[MeasureRow], list[TargetRow]]]
    measure_targets: dict[int, list[TargetRow]]
    total: Scorecard
    by_area: list[Scorecard]
    by_side: list[Scorecard]
    by_organisation: list[Scorecard]
    today: date

    @property
    def total_cards(self) -> list[Scorecard]:
        return [self.total]


def programme_view(programme: Programme, *, user: Any = None, today: date | None = None) -> ProgrammeView:
    today = today or measure_status.today()
    areas = list(programme.areas.order_by("order", "id"))
    rows = [measure_row(m, today) for m in measures_of(programme)]
    targets = target_rows(targets_of(programme), user=user, until=today.year)
    by_area_targets: dict[int, list[TargetRow]] = {}
    measure_targets: dict[int, list[TargetRow]] = {}
    for t in targets:
        if t.target.area_id is not None:
            by_area_targets.setdefault(t.target.area_id, []).append(t)
        else:
            measure_targets.setdefault(t.target.measure_id, []).append(t)  # type: ignore[arg-type]
    total = Scorecard(str(programme))
    area_cards = {a.pk: Scorecard(str(a)) for a in areas}
    side_cards: dict[str, Scorecard] = {}
    org_cards: dict[int, Scorecard] = {}
    area_of_measure = {}
    for row in rows:
        m = row.measure
        area_of_measure[m.pk] = m.area_id
        total.add_measure(row, today)
        area_cards[m.area_id].add_measure(row, today)
        if m.responsible_side:
            side_cards.setdefault(m.responsible_side, Scorecard(side_name(m.responsible_side))).add_measure(row, today)
        for org in m.responsible.all():
            org_cards.setdefault(org.pk, Scorecard(str(org))).add_measure(row, today)
    for t in targets:
        total.add_target(t)
        area_id = t.target.area_id or area_of_measure.get(t.target.measure_id)  # type: ignore[arg-type]
        if area_id in area_cards:
            area_cards[area_id].add_target(t)
        if t.target.measure is not None:
            m = t.target.measure
            if m.responsible_side and m.responsible_side in side_cards:
                side_cards[m.responsible_side].add_target(t)
    for card in (total, *area_cards.values(), *side_cards.values(), *org_cards.values()):
        card.due_soon.sort(key=lambda r: (r.due, r.measure.pk))
    return ProgrammeView(
        programme=programme,
        areas=[(a, [r for r in rows if r.measure.area_id == a.pk], by_area_targets.get(a.pk, [])) for a in areas],
        measure_targets=measure_targets, total=total, by_area=[area_cards[a.pk] for a in areas],
        by_side=sorted(side_cards.values(), key=lambda c: c.label),
        by_organisation=sorted(org_cards.values(), key=lambda c: c.label), today=today)


def template_of(programme: Programme) -> Any:
    """The pack's template the programme was made from (its areas' source), or None."""
    from tripartite.core.jurisdiction import current_pack

    return current_pack().programme_template(programme.template) if programme.template else None


def programmes_with_rows(user: Any) -> QuerySet[Programme]:
    return visible_programmes(user).prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("order")))
