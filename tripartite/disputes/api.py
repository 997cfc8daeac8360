"""API endpoints of the disputes app: disputes, their moves and records, timelines, deadlines, summary, procedure."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from tripartite.core.api_support import MAX_PAGE, READ_ERRORS, WRITE_ERRORS, Ref, current_user, get_or_404
from tripartite.core.i18n import localized_text
from tripartite.core.jurisdiction import current_pack
from tripartite.core.models import Region, Sector, User
from tripartite.core.uploads import MAX_DOCUMENT_BYTES, stored_file_response
from tripartite.disputes import access, queries, services
from tripartite.disputes.deadlines import DeadlineRow
from tripartite.disputes.models import (
    Demand,
    Dispute,
    Document,
    Participant,
    Session,
    Strike,
)
from tripartite.jurisdictions.disputes import unit_word
from tripartite.partners.models import Organisation

router = Router(tags=["disputes"])

StageRecord = TypeVar("StageRecord", Participant, Session)

# Schemas ------------------------------------------------------------------------------------------------------


class DisputeDeadlineOut(Schema):
    rule: str
    what: str
    party: str = Field(description="employer, workers, both or body (the commission, mediator or arbitration)")
    started_on: date
    due: date | None = Field(description="null when the rule is not set (unverified, configure it first)")
    days: int | None
    unit: str = Field(description="working or calendar; empty when not set")
    status: str = Field(description="upcoming, due_today, overdue, met, met_late, missed, closed, not_set, "
                                    "notice_running, notice_over or too_early")
    status_label: str
    met_on: date | None
    verified: bool
    source: str
    dispute: Ref


class DemandIn(Schema):
    topic: str = Field(Demand.Topic.OTHER, description="wages, working_time, safety, employment, social, agreement, other")
    text: str


class DemandPatch(Schema):
    topic: str | None = Field(None, description="wages, working_time, safety, employment, social, agreement, other")
    text: str | None = None


class DemandOut(Schema):
    id: int
    number: int
    topic: str
    text: str
    status: str
    settled_at_stage: str | None


class DisputeIn(Schema):
    subject: str
    employer: int = Field(description="Id of the employer (an organisation of kind employer)")
    union: int | None = Field(None, description="Id of the trade union, if one represents the employees")
    workers_representatives: str = ""
    employees_involved: int = Field(ge=1)
    region: str = Field(description="KATO code")
    sector: str = Field(description="OKED section")
    demands_received_on: date
    demands: list[DemandIn] = Field(min_length=1)
    commission: int | None = None
    agreement: int | None = Field(None, description="Collective agreement; default: the employer's in force")
    employer_language: str = ""
    workers_language: str = ""


class DisputeOut(Schema):
    id: int
    subject: str
    employer: Ref
    union: Ref | None
    workers_representatives: str
    employees_involved: int
    region: str
    sector: str
    demands_received_on: date
    stage: str
    stage_name: str
    stage_since: date
    closed: bool
    closed_on: date | None
    settled_stage: str | None
    agreement: Ref | None
    commission: Ref | None
    allowed_moves: list[str]
    demands: list[DemandOut]
    is_demo: bool


class DisputePage(Schema):
    items: list[DisputeOut]
    count: int


class DisputeFilters(Schema):
    status: str = Field("", pattern="^(|open|closed)$")
    stage: str = ""
    region: str = ""
    sector: str = ""
    overdue: bool = False
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=100)


class AdvanceIn(Schema):
    to_stage: str
    on: date
    decision: str = ""
    note: str = ""
    demand_statuses: dict[int, str] = Field(default_factory=dict, description="demand id -> new status")


class StepIn(Schema):
    step: str = Field(description="A step code of the procedure (GET /disputes/procedure)")
    on: date
    note: str = ""


class DocumentIn(Schema):
    code: str = Field(description="A document code of the procedure (GET /disputes/procedure), or other")
    dated: date
    title: str = Field("", description="Required for a document of kind other")
    reference: str = ""
    note: str = ""


class DocumentPatch(Schema):
    code: str | None = Field(None, description="A document code of the procedure, or other")
    dated: date | None = None
    title: str | None = None
    reference: str | None = None
    note: str | None = None


class DisputeDocumentOut(Schema):
    id: int
    code: str
    name: str
    stage: str
    dated: date
    reference: str
    note: str
    file_name: str | None = Field(description="The uploaded file's name; null when only the record was made")
    file_size: int | None = Field(description="In bytes")
    file_url: str | None = Field(description="Where to download the file (same access as the dispute)")


class ParticipantIn(Schema):
    side: str = Field(description="employer, workers or independent")
    role: str = Field("member", description="member, chair, secretary, mediator, arbitrator or expert")
    person_name: str
    organisation_name: str = ""


class ParticipantPatch(Schema):
    side: str | None = Field(None, description="employer, workers or independent")
    role: str | None = Field(None, description="member, chair, secretary, mediator, arbitrator or expert")
    person_name: str | None = None
    organisation_name: str | None = None


class ParticipantOut(Schema):
    id: int
    stage: str = Field(description="The stage at which the person takes part")
    side: str
    role: str
    person_name: str
    organisation_name: str


class SessionIn(Schema):
    held_on: date
    quorum: bool = True
    minutes: str = ""


class SessionPatch(Schema):
    held_on: date | None = Field(None, description="A postponed sitting: the day it was actually held")
    quorum: bool | None = None
    minutes: str | None = None


class SessionOut(Schema):
    id: int
    stage: str
    held_on: date
    quorum: bool
    minutes: str


class StrikeIn(Schema):
    started_on: date | None = None
    ended_on: date | None = None
    participants: int | None = Field(None, ge=0)
    lawful: bool | None = None
    unlawful_ground: str = ""
    reason: str = ""


class TimelineOut(Schema):
    on: date
    kind: str = Field(description="event or deadline")
    title: str
    note: str
    by: str


class NextStepOut(Schema):
    side: str
    language: str
    expects: str
    deadlines: list[list[str]]
    missing_documents: list[str]


class DisputeFileOut(Schema):
    dispute: DisputeOut
    documents: list[DisputeDocumentOut]
    next_steps: list[NextStepOut]
    deadlines: list[DisputeDeadlineOut]
    timeline: list[TimelineOut]
    deadlines_missed: int


class YearOut(Schema):
    year: int
    disputes: int
    closed: int
    settled: int
    settled_without_strike: int
    share_settled_without_strike: float | None
    strikes: int
    settled_at: dict[str, int]
    share_settled_at: dict[str, float | None]
    median_days: dict[str, float]
    deadlines_missed: int


class StrikeStatOut(Schema):
    year: int
    sector: str
    strikes: int
    workers_involved: int
    workers_unknown: int
    days_not_worked: int
    employees: int | None
    days_not_worked_per_1000: float | None = Field(description="null: no denominator entered for the sector-year")


class SummaryOut(Schema):
    years: list[YearOut]
    strikes: list[StrikeStatOut]


class EmploymentIn(Schema):
    sector: str
    year: int = Field(ge=1990, le=2100)
    employees: int = Field(ge=1)
    source: str


# Helpers ------------------------------------------------------------------------------------------------------


def _ref(obj: Any) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": str(obj)} if obj is not None else None


def _dispute_out(d: Dispute) -> dict[str, Any]:
    procedure = current_pack().dispute_procedure
    return {
        "id": d.pk, "subject": d.subject, "employer": _ref(d.employer), "union": _ref(d.union),
        "workers_representatives": d.workers_representatives, "employees_involved": d.employees_involved,
        "region": d.region.kato, "sector": d.sector.code, "demands_received_on": d.demands_received_on,
        "stage": d.stage, "stage_name": d.stage_name, "stage_since": d.stage_since, "closed": d.is_closed,
        "closed_on": d.closed_on, "settled_stage": d.settled_stage or None, "agreement": _ref(d.agreement),
        "commission": _ref(d.commission),
        "allowed_moves": [] if d.is_closed else [s.code for s in procedure.next_stages(d.stage)],
        "demands": [_demand_out(m) for m in d.demands.select_related("settled_in")],
        "is_demo": d.is_demo,
    }


def _document_out(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.pk, "code": doc.code, "name": doc.name, "stage": doc.stage, "dated": doc.dated,
        "reference": doc.reference, "note": doc.note, "file_name": doc.file_name or None,
        "file_size": doc.file_size if doc.file else None,
        "file_url": reverse("api-v1:dispute_document_file", kwargs={"dispute_id": doc.dispute_id, "document_id": doc.pk})
        if doc.file else None,
    }


def _demand_out(m: Demand) -> dict[str, Any]:
    return {"id": m.pk, "number": m.number, "topic": m.topic, "text": m.text, "status": m.status,
            "settled_at_stage": m.settled_in.stage if m.settled_in is not None else None}


def _participant_out(p: Participant) -> dict[str, Any]:
    return {"id": p.pk, "stage": p.period.stage, "side": p.side, "role": p.role, "person_name": p.person_name,
            "organisation_name": p.organisation_name}


def _session_out(s: Session) -> dict[str, Any]:
    return {"id": s.pk, "stage": s.period.stage, "held_on": s.held_on, "quorum": s.quorum, "minutes": s.minutes}


def _deadline_out(r: DeadlineRow) -> dict[str, Any]:
    return {
        "rule": r.rule, "what": r.name, "party": r.party, "started_on": r.started_by.on, "due": r.due,
        "days": r.days, "unit": r.unit, "status": r.status, "status_label": r.status_label, "met_on": r.met_on,
        "verified": r.verified, "source": r.source, "dispute": _ref(r.dispute),
    }


def _readable(request: HttpRequest, pk: int) -> Dispute:
    user = current_user(request)
    if not user.is_authenticated:
        raise HttpError(401, _("Sign in or send an API token to do this."))
    return queries.dispute_for(user, pk)


def _actable(request: HttpRequest, pk: int) -> Dispute:
    dispute = _readable(request, pk)
    if not access.may_act(current_user(request), dispute):
        raise HttpError(403, _("You do not have permission to do this."))
    return dispute


def _of_stages(model: type[StageRecord], dispute: Dispute) -> QuerySet[StageRecord]:
    """The participants or sessions of every stage of the dispute."""
    return model.objects.filter(period__dispute=dispute).select_related("period__dispute")


def _stage_record(request: HttpRequest, model: type[StageRecord], dispute_id: int, pk: int) -> StageRecord:
    """A participant or session of the dispute in the path, which the caller may act on; 404 if not of it."""
    return get_or_404(_of_stages(model, _actable(request, dispute_id)), pk=pk)  # type: ignore[no-any-return]


def _lookup(model: Any, field: str, **lookup: Any) -> Any:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        raise ValidationError({field: _("No such record.")})
    return obj


# Endpoints ----------------------------------------------------------------------------------------------------


@router.get("/", response={200: DisputePage, **READ_ERRORS}, summary="Disputes the caller may read")
def list_disputes(request: HttpRequest, filters: Query[DisputeFilters]) -> Any:
    user = current_user(request)
    rows = list(queries.dispute_list(user=user, today=timezone.localdate(), status=filters.status, stage=filters.stage,
                                     region=filters.region, sector=filters.sector, overdue=filters.overdue))
    start = (filters.page - 1) * filters.page_size
    return {"items": [_dispute_out(d) for d in rows[start:start + filters.page_size]], "count": len(rows)}


@router.post("/", response={201: DisputeOut, **WRITE_ERRORS}, summary="Register a dispute with its demands")
def create_dispute(request: HttpRequest, payload: DisputeIn) -> Any:
    user = current_user(request)
    employer = _lookup(Organisation, "employer", pk=payload.employer)
    union = _lookup(Organisation, "union", pk=payload.union) if payload.union is not None else None
    if not access.may_create(user, employer, union):
        raise HttpError(403, _("You do not have permission to do this."))
    extra: dict[str, Any] = {}
    if payload.commission is not None:
        from tripartite.commissions.models import Commission

        extra["commission"] = _lookup(Commission, "commission", pk=payload.commission)
    if payload.agreement is not None:
        from tripartite.agreements.models import Agreement

        extra["agreement"] = _lookup(Agreement, "agreement", pk=payload.agreement)
    dispute = services.dispute_create(
        by=user, subject=payload.subject, employer=employer, union=union,
        workers_representatives=payload.workers_representatives, employees_involved=payload.employees_involved,
        region=_lookup(Region, "region", kato=payload.region), sector=_lookup(Sector, "sector", code=payload.sector),
        demands_received_on=payload.demands_received_on,
        demands=[{"topic": d.topic, "text": d.text} for d in payload.demands],
        employer_language=payload.employer_language, workers_language=payload.workers_language, **extra,
    )
    return Status(201, _dispute_out(dispute))


@router.get("/deadlines", response={200: list[DisputeDeadlineOut], **READ_ERRORS}, summary="Open deadlines across disputes")
def list_deadlines(request: HttpRequest, status: str = "") -> Any:
    user = current_user(request)
    if not user.is_authenticated:
        raise HttpError(401, _("Sign in or send an API token to do this."))
    return [_deadline_out(r) for r in queries.deadline_list(user=user, today=timezone.localdate(), status=status)]


@router.get("/summary", response={200: SummaryOut}, summary="Public summary and ILO strike statistics")
def summary(request: HttpRequest) -> Any:
    today = timezone.localdate()
    s = queries.summary(today)
    years = [{
        "year": y.year, "disputes": y.disputes, "closed": y.closed, "settled": y.settled,
        "settled_without_strike": y.settled_without_strike, "share_settled_without_strike": y.share_settled_without_strike,
        "strikes": y.strikes, "settled_at": y.settled_at,
        "share_settled_at": {code: y.share_settled_at(code) for code, _n in s.stages},
        "median_days": y.median_days, "deadlines_missed": y.deadlines_missed,
    } for y in s.years]
    strikes = [{
        "year": x.year, "sector": x.sector_code, "strikes": x.strikes, "workers_involved": x.workers_involved,
        "workers_unknown": x.workers_unknown, "days_not_worked": x.days_not_worked, "employees": x.employees,
        "days_not_worked_per_1000": x.per_thousand,
    } for x in queries.strike_statistics(today)]
    return {"years": years, "strikes": strikes}


@router.get("/procedure", response={200: dict[str, Any]}, summary="The procedure of the jurisdiction pack")
def procedure(request: HttpRequest) -> Any:
    pack = current_pack()
    proc = pack.dispute_procedure
    today = timezone.localdate()
    return {
        "stages": [{"code": s.code, "name": localized_text(s.name), "terminal": s.terminal, "verified": s.verified,
                    "next": [n.code for n in proc.next_stages(s.code)],
                    "documents": [d.code for d in proc.documents_of(s.code)]}
                   for s in sorted(proc.stages, key=lambda s: s.order)],
        "steps": [{"code": s.code, "stage": s.stage, "name": localized_text(s.name),
                   "starts": [spec.rule for spec in s.starts]} for s in proc.steps],
        "documents": [{"code": d.code, "stage": d.stage, "name": localized_text(d.name), "party": str(d.party)}
                      for d in proc.documents],
        "deadlines": [{"rule": c.spec.rule, "days": c.deadline.days if c.deadline else None,
                       "unit": unit_word(pack.rule(c.spec.rule, today).unit), "verified": c.verified,
                       "source": c.rule_source.cite()} for c in proc.deadlines_started_on(pack, today)],
        "unlawful_strike_grounds": [{"code": g.code, "name": localized_text(g.name), "source": g.source.cite(),
                                     "verified": g.verified} for g in proc.unlawful_strike_grounds],
    }


@router.put("/employment", response={200: dict[str, Any], **WRITE_ERRORS}, summary="Employees in a sector in a year")
def set_employment(request: HttpRequest, payload: EmploymentIn) -> Any:
    user = current_user(request)
    row = services.sector_employment_set(by=user, sector=_lookup(Sector, "sector", code=payload.sector),
                                         year=payload.year, employees=payload.employees, source=payload.source)
    return {"sector": row.sector.code, "year": row.year, "employees": row.employees, "source": row.source}


@router.get("/{int:dispute_id}", response={200: DisputeFileOut, **READ_ERRORS}, summary="A dispute's file")
def get_dispute(request: HttpRequest, dispute_id: int) -> Any:
    dispute = _readable(request, dispute_id)
    file = queries.dispute_file(dispute, timezone.localdate())
    return {
        "dispute": _dispute_out(dispute),
        "documents": [_document_out(d) for d in file.documents],
        "next_steps": [{"side": s.side, "language": s.language, "expects": s.expects or s.closed_text,
                        "deadlines": [list(row) for row in s.deadlines], "missing_documents": s.missing_documents}
                       for s in file.next_steps],
        "deadlines": [_deadline_out(r) for r in file.deadlines],
        "timeline": [{"on": t.on, "kind": t.kind, "title": str(t.title), "note": str(t.note), "by": t.by}
                     for t in file.timeline],
        "deadlines_missed": file.missed,
    }


@router.get("/{int:dispute_id}/timeline", response={200: list[TimelineOut], **READ_ERRORS}, summary="A dispute's timeline")
def get_timeline(request: HttpRequest, dispute_id: int) -> Any:
    dispute = _readable(request, dispute_id)
    file = queries.dispute_file(dispute, timezone.localdate())
    return [{"on": t.on, "kind": t.kind, "title": str(t.title), "note": str(t.note), "by": t.by} for t in file.timeline]


@router.post("/{int:dispute_id}/advance", response={200: DisputeOut, **WRITE_ERRORS},
             summary="Move a dispute to a stage the procedure allows")
def advance(request: HttpRequest, dispute_id: int, payload: AdvanceIn) -> Any:
    dispute = _actable(request, dispute_id)
    dispute = services.dispute_advance(dispute=dispute, by=current_user(request), to_stage=payload.to_stage,
                                       on=payload.on, decision=payload.decision, note=payload.note,
                                       demand_statuses=payload.demand_statuses)
    return _dispute_out(dispute)


@router.post("/{int:dispute_id}/steps", response={201: TimelineOut, **WRITE_ERRORS}, summary="Record a step")
def record_step(request: HttpRequest, dispute_id: int, payload: StepIn) -> Any:
    dispute = _actable(request, dispute_id)
    event = services.step_record(dispute=dispute, by=current_user(request), step=payload.step, on=payload.on,
                                 note=payload.note)
    return Status(201, {"on": event.on, "kind": "event", "title": event.step_name, "note": event.note,
                        "by": str(event.recorded_by or "")})


@router.post("/{int:dispute_id}/demands", response={201: DemandOut, **WRITE_ERRORS}, summary="Add a demand")
def add_demand(request: HttpRequest, dispute_id: int, payload: DemandIn) -> Any:
    dispute = _actable(request, dispute_id)
    if payload.topic not in Demand.Topic.values:
        raise ValidationError({"topic": _("Choose one of the allowed values.")})
    d = services.demand_add(dispute=dispute, by=current_user(request), topic=payload.topic, text=payload.text)
    return Status(201, _demand_out(d))


@router.patch("/{int:dispute_id}/demands/{int:demand_id}", response={200: DemandOut, **WRITE_ERRORS},
              summary="Correct a demand's text or topic")
def update_demand(request: HttpRequest, dispute_id: int, demand_id: int, payload: DemandPatch) -> Any:
    """Only the fields sent change; the status has its own move (``demand_statuses`` of ``advance``).
    409 when the dispute is closed."""
    dispute = _actable(request, dispute_id)
    demand = get_or_404(dispute.demands.all(), pk=demand_id)
    demand = services.demand_update(demand=demand, by=current_user(request),
                                    data=payload.model_dump(exclude_unset=True))
    return _demand_out(demand)


@router.delete("/{int:dispute_id}/demands/{int:demand_id}", response={204: None, **WRITE_ERRORS},
               summary="Remove a demand recorded by mistake")
def remove_demand(request: HttpRequest, dispute_id: int, demand_id: int) -> Any:
    """409 when it is the dispute's only demand, or when the dispute is closed."""
    dispute = _actable(request, dispute_id)
    services.demand_remove(demand=get_or_404(dispute.demands.all(), pk=demand_id), by=current_user(request))
    return Status(204, None)


@router.post("/{int:dispute_id}/documents", response={201: DisputeDocumentOut, **WRITE_ERRORS},
             summary="Record a document, with its file if one is sent")
def add_document(request: HttpRequest, dispute_id: int, payload: Form[DocumentIn],
                 file: File[UploadedFile | None] = None) -> Any:
    """A multipart form: the document's fields and, optionally, ``file`` (PDF, .docx, .xlsx, .ods, .odt, .png
    or .jpg, at most 10 MB; its content must match its extension). A refused file: 422, nothing stored."""
    dispute = _actable(request, dispute_id)
    upload: dict[str, Any] = {}
    if file is not None:
        upload = {"file_name": file.name or "", "content": file.read(MAX_DOCUMENT_BYTES + 1)}
    doc = services.document_add(dispute=dispute, by=current_user(request), **payload.model_dump(), **upload)
    return Status(201, _document_out(doc))


@router.get("/{int:dispute_id}/documents/{int:document_id}/file", response={200: None, **READ_ERRORS},
            url_name="dispute_document_file", summary="Download a document's file")
def document_file(request: HttpRequest, dispute_id: int, document_id: int) -> Any:
    """The file as an attachment under its original name; 404 unless the caller may read the dispute."""
    doc = get_or_404(_readable(request, dispute_id).documents.all(), pk=document_id)
    return stored_file_response(doc.file, doc.file_name)


@router.patch("/{int:dispute_id}/documents/{int:document_id}", response={200: DisputeDocumentOut, **WRITE_ERRORS},
              summary="Correct a document's kind, title, date, number or note")
def update_document(request: HttpRequest, dispute_id: int, document_id: int, payload: DocumentPatch) -> Any:
    """A JSON body; only the fields sent change. The file is replaced with ``POST .../file`` and removed with
    ``DELETE .../file``. 409 when the dispute is closed."""
    dispute = _actable(request, dispute_id)
    doc = get_or_404(dispute.documents.all(), pk=document_id)
    doc = services.document_update(document=doc, by=current_user(request), data=payload.model_dump(exclude_unset=True))
    return _document_out(doc)


@router.delete("/{int:dispute_id}/documents/{int:document_id}", response={204: None, **WRITE_ERRORS},
               summary="Remove a document recorded by mistake, with its file")
def remove_document(request: HttpRequest, dispute_id: int, document_id: int) -> Any:
    """The stored file is deleted once the removal is committed. 409 when the dispute is closed."""
    dispute = _actable(request, dispute_id)
    services.document_remove(document=get_or_404(dispute.documents.all(), pk=document_id), by=current_user(request))
    return Status(204, None)


@router.post("/{int:dispute_id}/documents/{int:document_id}/file", response={200: DisputeDocumentOut, **WRITE_ERRORS},
             summary="Attach or replace a document's file")
def replace_document_file(request: HttpRequest, dispute_id: int, document_id: int, file: File[UploadedFile]) -> Any:
    """A multipart form with ``file`` (checked as on upload); the previous file is deleted once the change is
    committed. A refused file: 422, nothing changed."""
    dispute = _actable(request, dispute_id)
    doc = get_or_404(dispute.documents.all(), pk=document_id)
    doc = services.document_update(document=doc, by=current_user(request), data={}, file_name=file.name or "",
                                   content=file.read(MAX_DOCUMENT_BYTES + 1))
    return _document_out(doc)


@router.delete("/{int:dispute_id}/documents/{int:document_id}/file", response={200: DisputeDocumentOut, **WRITE_ERRORS},
               summary="Remove a document's file, keeping the document")
def remove_document_file(request: HttpRequest, dispute_id: int, document_id: int) -> Any:
    dispute = _actable(request, dispute_id)
    doc = get_or_404(dispute.documents.all(), pk=document_id)
    if not doc.file:
        raise Http404
    doc = services.document_update(document=doc, by=current_user(request), data={}, remove_file=True)
    return _document_out(doc)


@router.get("/{int:dispute_id}/participants", response={200: list[ParticipantOut], **READ_ERRORS},
            summary="Who took part in each stage")
def list_participants(request: HttpRequest, dispute_id: int) -> Any:
    dispute = _readable(request, dispute_id)
    rows = _of_stages(Participant, dispute)
    return [_participant_out(p) for p in rows.order_by("period__started_on", "period_id", "side", "role", "id")]


@router.post("/{int:dispute_id}/participants", response={201: ParticipantOut, **WRITE_ERRORS},
             summary="Add a participant to the current stage")
def add_participant(request: HttpRequest, dispute_id: int, payload: ParticipantIn) -> Any:
    dispute = _actable(request, dispute_id)
    participant = services.participant_add(dispute=dispute, by=current_user(request), **payload.model_dump())
    return Status(201, _participant_out(participant))


@router.patch("/{int:dispute_id}/participants/{int:participant_id}", response={200: ParticipantOut, **WRITE_ERRORS},
              summary="Correct a participant")
def update_participant(request: HttpRequest, dispute_id: int, participant_id: int, payload: ParticipantPatch) -> Any:
    participant = _stage_record(request, Participant, dispute_id, participant_id)
    participant = services.participant_update(participant=participant, by=current_user(request),
                                              data=payload.model_dump(exclude_unset=True))
    return _participant_out(participant)


@router.delete("/{int:dispute_id}/participants/{int:participant_id}", response={204: None, **WRITE_ERRORS},
               summary="Remove a participant")
def remove_participant(request: HttpRequest, dispute_id: int, participant_id: int) -> Any:
    participant = _stage_record(request, Participant, dispute_id, participant_id)
    services.participant_remove(participant=participant, by=current_user(request))
    return Status(204, None)


@router.get("/{int:dispute_id}/sessions", response={200: list[SessionOut], **READ_ERRORS},
            summary="Sessions of the commission, mediation or arbitration")
def list_sessions(request: HttpRequest, dispute_id: int) -> Any:
    dispute = _readable(request, dispute_id)
    rows = _of_stages(Session, dispute)
    return [_session_out(s) for s in rows.order_by("held_on", "id")]


@router.post("/{int:dispute_id}/sessions", response={201: SessionOut, **WRITE_ERRORS},
             summary="Record a session of the current stage")
def add_session(request: HttpRequest, dispute_id: int, payload: SessionIn) -> Any:
    dispute = _actable(request, dispute_id)
    session = services.session_add(dispute=dispute, by=current_user(request), **payload.model_dump())
    return Status(201, _session_out(session))


@router.patch("/{int:dispute_id}/sessions/{int:session_id}", response={200: SessionOut, **WRITE_ERRORS},
              summary="Correct a session (e.g. the date of a postponed sitting)")
def update_session(request: HttpRequest, dispute_id: int, session_id: int, payload: SessionPatch) -> Any:
    session = _stage_record(request, Session, dispute_id, session_id)
    session = services.session_update(session=session, by=current_user(request),
                                      data=payload.model_dump(exclude_unset=True))
    return _session_out(session)


@router.delete("/{int:dispute_id}/sessions/{int:session_id}", response={204: None, **WRITE_ERRORS},
               summary="Remove a session recorded by mistake")
def remove_session(request: HttpRequest, dispute_id: int, session_id: int) -> Any:
    session = _stage_record(request, Session, dispute_id, session_id)
    services.session_remove(session=session, by=current_user(request))
    return Status(204, None)


@router.patch("/strikes/{int:strike_id}", response={200: dict[str, Any], **WRITE_ERRORS}, summary="Record a strike")
def update_strike(request: HttpRequest, strike_id: int, payload: StrikeIn) -> Any:
    strike = get_or_404(Strike.objects.all(), pk=strike_id)
    _actable(request, strike.dispute_id)
    data = payload.model_dump(exclude_unset=True)
    strike = services.strike_update(strike=strike, by=current_user(request), data=data)
    return {"id": strike.pk, "declared_on": strike.declared_on, "started_on": strike.started_on,
            "ended_on": strike.ended_on, "participants": strike.participants, "lawful": strike.lawful,
            "unlawful_ground": strike.unlawful_ground, "reason": strike.reason}


@router.post("/{int:dispute_id}/conciliators", response={200: DisputeOut, **WRITE_ERRORS},
             summary="Assign a conciliator")
def assign(request: HttpRequest, dispute_id: int, user_id: int) -> Any:
    dispute = _readable(request, dispute_id)
    conciliator = _lookup(User, "user", pk=user_id)
    dispute = services.conciliator_assign(dispute=dispute, by=current_user(request), user=conciliator)
    return _dispute_out(dispute)
