"""API endpoints of the programmes app: programmes with their areas, measures, progress reports (multipart, with
the evidence file), indicator targets with their assessment, the scorecards, and the annual report as Word or
Excel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from tripartite.agreements.models import Agreement, Commitment
from tripartite.commissions.models import Commission, Decision
from tripartite.consultations.models import DraftAct
from tripartite.core.api_support import (
    MAX_PAGE,
    READ_ERRORS,
    WRITE_ERRORS,
    Ref,
    current_user,
    get_or_404,
    require,
    trilingual_schema,
)
from tripartite.core.i18n import current_language, in_languages
from tripartite.core.models import Region
from tripartite.core.policy import Action, visible
from tripartite.partners.models import Organisation
from tripartite.surveys.models import Campaign

from . import exports, queries, services
from .models import Area, IndicatorTarget, Measure, Observation, Programme, ProgressReport

router = Router(tags=["programmes"])

ProgrammeKindLit = Literal["decent_work", "national", "regional", "agreement_plan"]
EvidenceLit = Literal["document", "act", "event", "figure"]
SideLit = Literal["state", "employers", "workers"]

# Schemas -----------------------------------------------------------------------------------------------------


class ProgrammeIn(trilingual_schema("ProgrammeInTexts", "title", "basis")):  # type: ignore[misc]
    kind: ProgrammeKindLit | None = Field(None, description="Empty with a template: the template's kind")
    template: str = Field("", description="A programme template of the jurisdiction pack, e.g. decent_work_roadmap")
    coordinator: int = Field(description="Id of the coordinating body (an organisation of the partners register)")
    signatories: list[int] = []
    period_start: date
    period_end: date
    agreement: int | None = None
    region: str | None = Field(None, description="KATO code, for a regional programme")
    published: bool = True


class ProgrammePatch(trilingual_schema("ProgrammePatchTexts", "title", "basis", kind="patch")):  # type: ignore[misc]
    kind: ProgrammeKindLit | None = None
    signatories: list[int] | None = None
    period_start: date | None = None
    period_end: date | None = None
    published: bool | None = None


class ScorecardOut(Schema):
    label: str
    measures: int
    not_started: int
    in_progress: int
    done: int
    done_on_time: int
    done_late: int
    late: int
    dropped: int
    on_track: int
    at_risk: int
    off_track: int
    no_data: int
    due_soon: list[int] = Field(description="Ids of the measures due in the next 90 days")


class MilestoneOut(Schema):
    year: int
    value: Decimal


class AssessmentOut(Schema):
    track: str = Field(description="on_track, at_risk, off_track or no_data")
    track_name: str
    latest_value: Decimal | None
    latest_period: str | None
    planned_value: Decimal | None = Field(description="The planned path's value at the latest value's time")


class TargetOut(trilingual_schema("TargetOutTexts", "title", "methodology", kind="out")):  # type: ignore[misc]
    id: int
    area: int | None
    measure: int | None
    indicator_code: str
    name: str
    unit: str
    better: str = Field(description="higher or lower: which way is progress")
    baseline_value: Decimal
    baseline_year: int
    baseline_source: str
    target_value: Decimal
    target_year: int
    milestones: list[MilestoneOut]
    assessment: AssessmentOut
    rule: str = Field(description="How the assessment is computed")


class MeasureOut(trilingual_schema("MeasureOutTitles", "title", kind="out")):  # type: ignore[misc]
    id: int
    area: int
    title: str
    responsible_side: str
    responsible: list[Ref]
    co_executors: list[Ref]
    start_date: date
    due_date: date
    effective_due: date = Field(description="The due date moved off a day off of the national calendar")
    evidence: str
    status: str = Field(description="not_started, in_progress, done, late or dropped (late is computed)")
    status_name: str
    done_on: date | None
    done_on_time: bool | None
    decision: int | None
    commitment: int | None
    draft: int | None
    campaign: int | None


class AreaOut(trilingual_schema("AreaOutTitles", "title", kind="out")):  # type: ignore[misc]
    id: int
    order: int
    code: str
    title: str
    measures: list[MeasureOut]
    targets: list[TargetOut]


class ProgrammeOut(trilingual_schema("ProgrammeOutTexts", "title", "basis", kind="out")):  # type: ignore[misc]
    id: int
    kind: str
    kind_name: str
    title: str
    coordinator: Ref
    signatories: list[Ref]
    period_start: date
    period_end: date
    agreement: Ref | None
    region: str | None
    template: str
    published: bool
    is_demo: bool


class ProgrammeDetail(ProgrammeOut):
    areas: list[AreaOut]
    scorecard: ScorecardOut


class ProgrammePage(Schema):
    items: list[ProgrammeOut]
    count: int


class ProgrammeFilters(Schema):
    q: str = ""
    kind: str = ""
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=100)


class ScorecardsOut(Schema):
    as_of: date
    total: ScorecardOut
    areas: list[ScorecardOut]
    sides: list[ScorecardOut]
    organisations: list[ScorecardOut]


class AreaIn(trilingual_schema("AreaInTitles", "title")):  # type: ignore[misc]
    pass


class AreaPatch(trilingual_schema("AreaPatchTitles", "title", kind="patch")):  # type: ignore[misc]
    pass


class MeasureIn(trilingual_schema("MeasureInTitles", "title")):  # type: ignore[misc]
    responsible_side: SideLit | Literal[""] = ""
    responsible: list[int] = Field(min_length=1)
    co_executors: list[int] = []
    start_date: date
    due_date: date
    evidence: EvidenceLit
    decision: int | None = None
    commitment: int | None = None
    draft: int | None = None
    campaign: int | None = None


class MeasurePatch(trilingual_schema("MeasurePatchTitles", "title", kind="patch")):  # type: ignore[misc]
    responsible_side: SideLit | Literal[""] | None = None
    responsible: list[int] | None = None
    co_executors: list[int] | None = None
    start_date: date | None = None
    due_date: date | None = None
    evidence: EvidenceLit | None = None


class ProgressReportOut(trilingual_schema("ProgressReportOutTexts", "text", kind="out")):  # type: ignore[misc]
    id: int
    measure: int
    organisation: Ref
    reported_on: date
    new_state: str
    evidence_name: str
    evidence_size: int
    created_at: Any


class MilestoneIn(Schema):
    year: int = Field(ge=1990, le=2100)
    value: Decimal


class TargetIn(trilingual_schema("TargetInTexts", "title", "methodology")):  # type: ignore[misc]
    indicator_code: str = Field("", description="An indicator of the platform; empty: a new one (title, methodology)")
    unit: str = ""
    better: Literal["higher", "lower"] = "higher"
    baseline_value: Decimal
    baseline_year: int = Field(ge=1990, le=2100)
    baseline_source: str = Field(min_length=1, max_length=500)
    target_value: Decimal
    target_year: int = Field(ge=1990, le=2100)
    milestones: list[MilestoneIn] = []


class TargetPatch(trilingual_schema("TargetPatchTexts", "title", "methodology", kind="patch")):  # type: ignore[misc]
    baseline_value: Decimal | None = None
    baseline_year: int | None = Field(None, ge=1990, le=2100)
    baseline_source: str | None = Field(None, max_length=500)
    target_value: Decimal | None = None
    target_year: int | None = Field(None, ge=1990, le=2100)
    milestones: list[MilestoneIn] | None = None


class ObservationIn(Schema):
    year: int = Field(ge=1990, le=2100)
    value: Decimal
    source: str = Field(min_length=1, max_length=500)


# Output ------------------------------------------------------------------------------------------------------


def _ref(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "name": str(obj)}


def scorecard_out(card: queries.Scorecard) -> dict[str, Any]:
    return {"label": card.label, "measures": card.measures, "not_started": card.not_started,
            "in_progress": card.in_progress, "done": card.done, "done_on_time": card.done_on_time,
            "done_late": card.done_late, "late": card.late, "dropped": card.dropped, "on_track": card.on_track,
            "at_risk": card.at_risk, "off_track": card.off_track, "no_data": card.no_data,
            "due_soon": [r.measure.pk for r in card.due_soon]}


def target_out(row: queries.TargetRow) -> dict[str, Any]:
    from . import tracking

    t, a = row.target, row.assessment
    return {
        "id": t.pk, "area": t.area_id, "measure": t.measure_id, "indicator_code": t.indicator_code, "name": row.name,
        "unit": row.unit, "better": tracking.better_of(t), "baseline_value": t.baseline_value,
        "baseline_year": t.baseline_year, "baseline_source": t.baseline_source, "target_value": t.target_value,
        "target_year": t.target_year, "milestones": [{"year": m.year, "value": m.value} for m in t.milestones.all()],
        "assessment": {"track": a.track, "track_name": a.label,
                       "latest_value": a.latest.value if a.latest else None,
                       "latest_period": a.latest.label if a.latest else None,
                       "planned_value": a.planned.quantize(Decimal("0.01")) if a.planned is not None else None},
        "rule": str(tracking.RULE),
        **{c: getattr(t, c) for c in in_languages("title", "methodology")},
    }


def measure_out(row: queries.MeasureRow) -> dict[str, Any]:
    m = row.measure
    return {
        "id": m.pk, "area": m.area_id, "title": m.title, "responsible_side": m.responsible_side,
        "responsible": [_ref(o) for o in m.responsible.all()], "co_executors": [_ref(o) for o in m.co_executors.all()],
        "start_date": m.start_date, "due_date": m.due_date, "effective_due": row.due, "evidence": m.evidence,
        "status": row.status, "status_name": row.status_label, "done_on": m.done_on, "done_on_time": row.on_time,
        "decision": m.decision_id, "commitment": m.commitment_id, "draft": m.draft_id, "campaign": m.campaign_id,
        **{c: getattr(m, c) for c in in_languages("title")},
    }


def programme_out(p: Programme) -> dict[str, Any]:
    return {
        "id": p.pk, "kind": p.kind, "kind_name": p.get_kind_display(), "title": p.title,
        "coordinator": _ref(p.coordinator), "signatories": [_ref(o) for o in p.signatories.all()],
        "period_start": p.period_start, "period_end": p.period_end,
        "agreement": _ref(p.agreement) if p.agreement else None, "region": p.region.kato if p.region else None,
        "template": p.template, "published": p.published, "is_demo": p.is_demo,
        **{c: getattr(p, c) for c in in_languages("title", "basis")},
    }


def programme_detail_out(request: HttpRequest, p: Programme) -> dict[str, Any]:
    view = queries.programme_view(p, user=current_user(request))
    return {**programme_out(p), "scorecard": scorecard_out(view.total), "areas": [
        {"id": a.pk, "order": a.order, "code": a.code, "title": a.title,
         **{c: getattr(a, c) for c in in_languages("title")},
         "measures": [measure_out(r) for r in rows], "targets": [target_out(t) for t in targets]}
        for a, rows, targets in view.areas]}


def report_out(r: ProgressReport) -> dict[str, Any]:
    return {"id": r.pk, "measure": r.measure_id, "organisation": _ref(r.organisation), "reported_on": r.reported_on,
            "new_state": r.new_state, "evidence_name": r.evidence_name, "evidence_size": r.evidence_size,
            "created_at": r.created_at, **{c: getattr(r, c) for c in in_languages("text")}}


# Input resolution --------------------------------------------------------------------------------------------


def _resolve(queryset: Any, field: str, message: str, **lookup: Any) -> Any:
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise ValidationError({field: message})
    return obj


def _orgs(ids: list[int], field: str) -> list[Organisation]:
    found = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError({field: _("No organisation has the id %(id)s.") % {"id": missing[0]}})
    return [found[i] for i in ids]


def _links(request: HttpRequest, payload: Schema) -> dict[str, Any]:
    user = current_user(request)
    commissions = visible(user, Commission.objects.all())
    agreements = visible(user, Agreement.objects.all())
    sources = {
        "decision": (Decision.objects.filter(meeting__commission__in=commissions), _("No decision has this id.")),
        "commitment": (Commitment.objects.filter(agreement__in=agreements), _("No commitment has this id.")),
        "draft": (visible(user, DraftAct.objects.all()), _("No draft act has this id.")),
        "campaign": (visible(user, Campaign.objects.all()), _("No survey campaign has this id.")),
    }
    found = {}
    for name, (queryset, message) in sources.items():
        if name in payload.model_fields_set:
            value = getattr(payload, name)
            found[name] = None if value is None else _resolve(queryset, name, message, pk=value)
    return found


def _programme(request: HttpRequest, pk: int) -> Programme:
    return get_or_404(queries.visible_programmes(current_user(request)), pk=pk)


def _area(request: HttpRequest, pk: int) -> Area:
    return queries.area_for(current_user(request), pk)


def _measure(request: HttpRequest, pk: int) -> Measure:
    return queries.measure_for(current_user(request), pk)


def _target(request: HttpRequest, pk: int) -> IndicatorTarget:
    return queries.target_for(current_user(request), pk)


# Programmes --------------------------------------------------------------------------------------------------


@router.get("", response={200: ProgrammePage, **READ_ERRORS})
def list_programmes(request: HttpRequest, filters: Query[ProgrammeFilters]) -> Any:
    """Programmes the caller may see (anonymous callers: the published ones)."""
    programmes = queries.programme_list(user=current_user(request), q=filters.q, kind=filters.kind)
    start = (filters.page - 1) * filters.page_size
    return {"items": [programme_out(p) for p in programmes[start:start + filters.page_size]],
            "count": programmes.count()}


@router.post("", response={201: ProgrammeDetail, **WRITE_ERRORS})
def create_programme(request: HttpRequest, payload: ProgrammeIn) -> Any:
    """A programme of its coordinating body; with `template` it starts with the pack's areas."""
    coordinator = _resolve(Organisation.objects.all(), "coordinator", _("No organisation has this id."),
                           pk=payload.coordinator)
    require(request, Action.CREATE, coordinator, kind=Programme)
    agreement = None
    if payload.agreement is not None:
        agreement = _resolve(visible(current_user(request), Agreement.objects.all()), "agreement",
                             _("No agreement has this id."), pk=payload.agreement)
    region = None
    if payload.region:
        region = _resolve(Region.objects.all(), "region", _("No region has this KATO code."), kato=payload.region)
    programme = services.programme_create(
        by=current_user(request), coordinator=coordinator, signatories=_orgs(payload.signatories, "signatories"),
        template=payload.template, kind=payload.kind or "", period_start=payload.period_start,
        period_end=payload.period_end, agreement=agreement, region=region, published=payload.published,
        **{c: getattr(payload, c) for c in in_languages("title", "basis")})
    return Status(201, programme_detail_out(request, programme))


@router.get("/{int:programme_id}", response={200: ProgrammeDetail, **READ_ERRORS})
def get_programme(request: HttpRequest, programme_id: int) -> Any:
    """A programme with its areas, their measures (with the computed status) and indicator targets."""
    return programme_detail_out(request, _programme(request, programme_id))


@router.patch("/{int:programme_id}", response={200: ProgrammeOut, **WRITE_ERRORS})
def update_programme(request: HttpRequest, programme_id: int, payload: ProgrammePatch) -> Any:
    programme = _programme(request, programme_id)
    require(request, Action.CHANGE, programme)
    data = payload.dict(exclude_unset=True)
    if "signatories" in data:
        data["signatories"] = _orgs(data["signatories"] or [], "signatories")
    return programme_out(services.programme_update(programme=programme, by=current_user(request), data=data))


@router.delete("/{int:programme_id}", response={204: None, **WRITE_ERRORS})
def delete_programme(request: HttpRequest, programme_id: int) -> Any:
    """Delete a programme on which no progress report was filed (409 otherwise)."""
    programme = _programme(request, programme_id)
    require(request, Action.DELETE, programme)
    services.programme_delete(programme=programme, by=current_user(request))
    return Status(204, None)


@router.get("/{int:programme_id}/scorecard", response={200: ScorecardsOut, **READ_ERRORS})
def scorecard(request: HttpRequest, programme_id: int) -> Any:
    """Measures done on time, done late, late, in progress, not started and dropped; indicators on track, at risk,
    off track; what is due in the next 90 days — for the programme, each area, side and organisation."""
    view = queries.programme_view(_programme(request, programme_id), user=current_user(request))
    return {"as_of": view.today, "total": scorecard_out(view.total), "areas": [scorecard_out(c) for c in view.by_area],
            "sides": [scorecard_out(c) for c in view.by_side],
            "organisations": [scorecard_out(c) for c in view.by_organisation]}


class ProgrammeReportQuery(Schema):
    lang: Literal["kk", "ru", "en"] | None = Field(None, description="Language; default: the request's")
    year: int | None = Field(None, description="Year of the report; default: the current one")


def _report_args(request: HttpRequest, programme_id: int, query: ProgrammeReportQuery) -> tuple[Programme, str, int]:
    programme = _programme(request, programme_id)
    year = exports.report_year(str(query.year) if query.year else None, programme)
    return programme, query.lang or current_language(), year


@router.get("/{int:programme_id}/report.docx", response={200: None, **READ_ERRORS}, openapi_extra={
    "responses": {200: {"description": "The annual implementation report (Word)", "content": {exports.DOCX: {}}}}})
def report_docx(request: HttpRequest, programme_id: int, query: Query[ProgrammeReportQuery]):  # type: ignore[no-untyped-def]
    programme, lang, year = _report_args(request, programme_id, query)
    response = HttpResponse(exports.report_docx(programme, lang, year, user=current_user(request)),
                            content_type=exports.DOCX)
    response["Content-Disposition"] = f'attachment; filename="programme-{programme.pk}-{year}-{lang}.docx"'
    return response


@router.get("/{int:programme_id}/annex.xlsx", response={200: None, **READ_ERRORS}, openapi_extra={
    "responses": {200: {"description": "The annex of the annual report (Excel)", "content": {exports.XLSX: {}}}}})
def annex_xlsx(request: HttpRequest, programme_id: int, query: Query[ProgrammeReportQuery]):  # type: ignore[no-untyped-def]
    programme, lang, year = _report_args(request, programme_id, query)
    response = HttpResponse(exports.annex_xlsx(programme, lang, year, user=current_user(request)),
                            content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="programme-{programme.pk}-{year}-{lang}.xlsx"'
    return response


# Areas -------------------------------------------------------------------------------------------------------


def _area_out(request: HttpRequest, area: Area) -> dict[str, Any]:
    view = queries.programme_view(area.programme, user=current_user(request))
    for a, rows, targets in view.areas:
        if a.pk == area.pk:
            return {"id": a.pk, "order": a.order, "code": a.code, "title": a.title,
                    **{c: getattr(a, c) for c in in_languages("title")},
                    "measures": [measure_out(r) for r in rows], "targets": [target_out(t) for t in targets]}
    raise ValueError(area)


@router.post("/{int:programme_id}/areas", response={201: AreaOut, **WRITE_ERRORS})
def add_area(request: HttpRequest, programme_id: int, payload: AreaIn) -> Any:
    programme = _programme(request, programme_id)
    require(request, Action.CREATE, programme, kind=Area)
    area = services.area_add(by=current_user(request), programme=programme, **payload.dict())
    return Status(201, _area_out(request, area))


@router.get("/areas/{int:area_id}", response={200: AreaOut, **READ_ERRORS})
def get_area(request: HttpRequest, area_id: int) -> Any:
    return _area_out(request, _area(request, area_id))


@router.patch("/areas/{int:area_id}", response={200: AreaOut, **WRITE_ERRORS})
def update_area(request: HttpRequest, area_id: int, payload: AreaPatch) -> Any:
    area = _area(request, area_id)
    require(request, Action.CHANGE, area)
    services.area_update(area=area, by=current_user(request), data=payload.dict(exclude_unset=True))
    return _area_out(request, area)


@router.delete("/areas/{int:area_id}", response={204: None, **WRITE_ERRORS})
def delete_area(request: HttpRequest, area_id: int) -> Any:
    """Delete an area without measures (409 otherwise)."""
    area = _area(request, area_id)
    require(request, Action.DELETE, area)
    services.area_delete(area=area, by=current_user(request))
    return Status(204, None)


# Measures ----------------------------------------------------------------------------------------------------


@router.post("/areas/{int:area_id}/measures", response={201: MeasureOut, **WRITE_ERRORS})
def add_measure(request: HttpRequest, area_id: int, payload: MeasureIn) -> Any:
    """A measure of an area. Due before the programme starts (or after it ends, or before the measure starts):
    422, nothing stored."""
    area = _area(request, area_id)
    require(request, Action.CREATE, area, kind=Measure)
    measure = services.measure_create(
        by=current_user(request), area=area, responsible=_orgs(payload.responsible, "responsible"),
        co_executors=_orgs(payload.co_executors, "co_executors"), responsible_side=payload.responsible_side,
        start_date=payload.start_date, due_date=payload.due_date, evidence=payload.evidence,
        **_links(request, payload), **{c: getattr(payload, c) for c in in_languages("title")})
    return Status(201, measure_out(queries.measure_row(measure)))


@router.get("/measures/{int:measure_id}", response={200: MeasureOut, **READ_ERRORS})
def get_measure(request: HttpRequest, measure_id: int) -> Any:
    return measure_out(queries.measure_row(_measure(request, measure_id)))


@router.patch("/measures/{int:measure_id}", response={200: MeasureOut, **WRITE_ERRORS})
def update_measure(request: HttpRequest, measure_id: int, payload: MeasurePatch) -> Any:
    measure = _measure(request, measure_id)
    require(request, Action.CHANGE, measure)
    data = payload.dict(exclude_unset=True)
    for name in ("responsible", "co_executors"):
        if name in data:
            data[name] = _orgs(data[name] or [], name)
    measure = services.measure_update(measure=measure, by=current_user(request), data=data)
    return measure_out(queries.measure_row(queries.measure_for(current_user(request), measure.pk)))


@router.delete("/measures/{int:measure_id}", response={204: None, **WRITE_ERRORS})
def delete_measure(request: HttpRequest, measure_id: int) -> Any:
    """Delete a measure on which no report was filed (409 otherwise: drop it with a report)."""
    measure = _measure(request, measure_id)
    require(request, Action.DELETE, measure)
    services.measure_delete(measure=measure, by=current_user(request))
    return Status(204, None)


# Progress reports --------------------------------------------------------------------------------------------


@router.get("/measures/{int:measure_id}/reports", response={200: list[ProgressReportOut], **READ_ERRORS})
def list_reports(request: HttpRequest, measure_id: int) -> Any:
    return [report_out(r) for r in queries.reports_of(_measure(request, measure_id))]


@router.post("/measures/{int:measure_id}/reports", response={201: ProgressReportOut, **WRITE_ERRORS})
def file_report(request: HttpRequest, measure_id: int, organisation: Form[int], reported_on: Form[date],
                text_kk: Form[str] = "", text_ru: Form[str] = "", text_en: Form[str] = "",
                new_state: Form[Literal["", "in_progress", "done", "dropped"]] = "",
                evidence: File[UploadedFile | None] = None) -> Any:
    """A progress report (multipart: `organisation`, `reported_on`, `text_kk/ru/en`, `new_state`, `evidence`).
    An organisation not responsible for the measure: 403; an evidence file that is not a document, or "done"
    without one: 422; a measure already done or dropped: 409. Nothing is stored on a refusal."""
    measure = _measure(request, measure_id)
    org = _resolve(Organisation.objects.all(), "organisation", _("No organisation has this id."), pk=organisation)
    require(request, Action.CREATE, org, kind=ProgressReport)
    report = services.report_file(
        by=current_user(request), measure=measure, organisation=org, reported_on=reported_on, new_state=new_state,
        evidence=evidence.read() if evidence is not None else None,
        evidence_name=(evidence.name or "") if evidence is not None else "",
        text_kk=text_kk, text_ru=text_ru, text_en=text_en)
    return Status(201, report_out(report))


# Indicator targets -------------------------------------------------------------------------------------------


def _target_out(request: HttpRequest, target: IndicatorTarget) -> dict[str, Any]:
    target = queries.target_for(current_user(request), target.pk)
    return target_out(queries.target_rows([target], user=current_user(request))[0])


def _create_target(request: HttpRequest, owner: Area | Measure, payload: TargetIn) -> Any:
    require(request, Action.CREATE, owner, kind=IndicatorTarget)
    data = payload.dict()
    milestones = [(m["year"], m["value"]) for m in data.pop("milestones")]
    target = services.target_create(by=current_user(request), owner=owner, milestones=milestones, **data)
    return Status(201, _target_out(request, target))


@router.get("/{int:programme_id}/targets", response={200: list[TargetOut], **READ_ERRORS})
def list_targets(request: HttpRequest, programme_id: int) -> Any:
    """Every indicator target of the programme's areas and measures, with its assessment."""
    programme = _programme(request, programme_id)
    return [target_out(t) for t in queries.target_rows(queries.targets_of(programme), user=current_user(request))]


@router.post("/areas/{int:area_id}/targets", response={201: TargetOut, **WRITE_ERRORS})
def add_area_target(request: HttpRequest, area_id: int, payload: TargetIn) -> Any:
    """An indicator target of an area. A target on the wrong side of the baseline for the indicator's direction:
    422, nothing stored."""
    return _create_target(request, _area(request, area_id), payload)


@router.post("/measures/{int:measure_id}/targets", response={201: TargetOut, **WRITE_ERRORS})
def add_measure_target(request: HttpRequest, measure_id: int, payload: TargetIn) -> Any:
    return _create_target(request, _measure(request, measure_id), payload)


@router.get("/targets/{int:target_id}", response={200: TargetOut, **READ_ERRORS})
def get_target(request: HttpRequest, target_id: int) -> Any:
    return _target_out(request, _target(request, target_id))


@router.patch("/targets/{int:target_id}", response={200: TargetOut, **WRITE_ERRORS})
def update_target(request: HttpRequest, target_id: int, payload: TargetPatch) -> Any:
    target = _target(request, target_id)
    require(request, Action.CHANGE, target)
    data = payload.dict(exclude_unset=True)
    milestones = data.pop("milestones", None)
    services.target_update(target=target, by=current_user(request), data=data,
                           milestones=None if milestones is None else [(m["year"], m["value"]) for m in milestones])
    return _target_out(request, target)


@router.delete("/targets/{int:target_id}", response={204: None, **WRITE_ERRORS})
def delete_target(request: HttpRequest, target_id: int) -> Any:
    target = _target(request, target_id)
    require(request, Action.DELETE, target)
    services.target_delete(target=target, by=current_user(request))
    return Status(204, None)


@router.post("/targets/{int:target_id}/values", response={200: TargetOut, **WRITE_ERRORS})
def record_value(request: HttpRequest, target_id: int, payload: ObservationIn) -> Any:
    """A value of an indicator defined in the programme (409 for an indicator of the platform, whose series the
    platform computes)."""
    target = _target(request, target_id)
    require(request, Action.CREATE, target, kind=Observation)
    services.observation_record(by=current_user(request), target=target, **payload.dict())
    return _target_out(request, target)
