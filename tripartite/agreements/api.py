"""API endpoints of the agreements app: the register, parties, clauses, commitments, findings, coverage, filing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from tripartite.agreements import queries, services
from tripartite.agreements.dispute_procedure import dispute_procedure_for
from tripartite.agreements.favourability import Finding
from tripartite.agreements.models import Agreement, AgreementParty, Clause, Commitment
from tripartite.commissions.models import Commission
from tripartite.core.api_support import (
    MAX_PAGE,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorBody,
    Ref,
    current_user,
    error_body,
    get_or_404,
    require,
    trilingual_schema,
)
from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector
from tripartite.core.policy import Action, visible
from tripartite.partners.models import Organisation

router = Router(tags=["agreements"])


# Schemas ---------------------------------------------------------------------------------------------------------


class PartyIn(Schema):
    side: str = Field(description="A side of the jurisdiction pack: state, employers or workers")
    organisation: int
    signatory_name: str = ""
    signatory_position: str = ""
    authority: str = Field("", description="What empowers the signatory (charter, power of attorney...)")


class PartyOut(Schema):
    id: int
    side: str
    organisation: Ref
    signatory_name: str
    signatory_position: str
    authority: str


class ClauseIn(trilingual_schema("ClauseInTexts", "text")):  # type: ignore[misc]
    number: str
    topic: str = Field(description="pay, working_time, rest_leave, safety, social, employment, union_rights, "
                                   "disputes or other")
    parameters: dict[str, Decimal] = Field(default_factory=dict,
                                           description="Typed parameters by key of the pack, e.g. "
                                                       "{\"minimum_monthly_pay\": 90000}")


class ClausePatch(trilingual_schema("ClausePatchTexts", "text", kind="patch")):  # type: ignore[misc]
    number: str | None = None
    topic: str | None = None
    parameters: dict[str, Decimal] | None = Field(None, description="Replaces all parameters of the clause")
    reason: str = Field("", max_length=100, description="What changed and why (kept with the version)")


class ClauseOut(trilingual_schema("ClauseOutTexts", "text", kind="out")):  # type: ignore[misc]
    id: int
    number: str
    topic: str
    text: str
    parameters: dict[str, Decimal]


class CommitmentIn(trilingual_schema("CommitmentInTexts", "text")):  # type: ignore[misc]
    responsible_side: str = ""
    responsible_organisation: int | None = None
    due_date: date | None = None
    period: str = ""


class CommitmentPatch(trilingual_schema("CommitmentPatchTexts", "text", kind="patch")):  # type: ignore[misc]
    responsible_side: str | None = None
    responsible_organisation: int | None = None
    due_date: date | None = None
    period: str | None = None
    done_on: date | None = None
    evidence: str | None = None


class FulfilIn(Schema):
    done_on: date
    evidence: str = ""


class CommitmentOut(Schema):
    id: int
    agreement: int
    text: str
    responsible_side: str
    responsible_organisation: Ref | None
    due_date: date | None
    period: str
    done_on: date | None
    evidence: str
    status: str = Field(description="pending, done or overdue, computed from the dates today")


class FulfilmentOut(Schema):
    key: str = Field(description="The side code, or organisation:<id> for a named organisation; empty for a total")
    label: str
    due: int
    done: int
    overdue: int
    percent: int | None


class CommitmentsOut(Schema):
    fulfilment: FulfilmentOut
    by_side: list[FulfilmentOut]
    items: list[CommitmentOut]


class FindingOut(Schema):
    clause: int
    clause_number: str
    parameter: str
    parameter_label: str
    unit: str
    value: Decimal
    reference_value: Decimal
    shortfall: Decimal
    against: str = Field(description="floor (a statutory rule) or agreement (a higher-level agreement)")
    rule: str
    rule_from: date | None
    rule_to: date | None
    higher_agreement: int | None
    higher_clause_number: str
    legal_basis: str
    source_url: str
    verified: bool
    message: str


class ProcedureIn(Schema):
    deadline_days: dict[str, int] = Field(default_factory=dict,
                                          description="Pack rule key -> days; may only shorten the statutory value")
    conciliators: list[str] = []
    mediator: str = ""
    arbitration_rules: str = ""


class ProcedureOut(Schema):
    agreement_id: int
    deadline_days: dict[str, int]
    conciliators: list[str]
    mediator: str
    arbitration_rules: str


class BargainingOut(Schema):
    proposal_date: date | None
    negotiations_started_on: date | None
    deadline: date | None
    deadline_verified: bool | None
    deadline_source: str
    kept: bool | None


class AgreementIn(trilingual_schema("AgreementInTitles", "title")):  # type: ignore[misc]
    kind: str = Field(description="general, sectoral, regional or collective")
    level: str = Field("", description="A level code of the pack; empty = the usual level for the kind")
    owner: int = Field(description="Id of the organisation that keeps the record")
    commission: int | None = None
    employer: int | None = Field(None, description="The employer (collective agreements)")
    sectors: list[str] = Field(default_factory=list, description="OKED section letters")
    regions: list[str] = Field(default_factory=list, description="KATO codes")
    proposal_date: date | None = None
    negotiations_started_on: date | None = None
    signed_on: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    terminated_on: date | None = None
    covered_employees: int | None = Field(None, ge=0)
    disagreements: str = ""
    published: bool = True


class AgreementPatch(trilingual_schema("AgreementPatchTitles", "title", kind="patch")):  # type: ignore[misc]
    kind: str | None = None
    level: str | None = None
    owner: int | None = None
    commission: int | None = None
    employer: int | None = None
    sectors: list[str] | None = None
    regions: list[str] | None = None
    proposal_date: date | None = None
    negotiations_started_on: date | None = None
    signed_on: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    terminated_on: date | None = None
    covered_employees: int | None = Field(None, ge=0)
    disagreements: str | None = None
    published: bool | None = None


class AgreementOut(trilingual_schema("AgreementOutTitles", "title", kind="out")):  # type: ignore[misc]
    id: int
    kind: str
    level: str
    level_name: str
    title: str
    status: str = Field(description="draft, negotiating, signed, in_force, expired or terminated (computed)")
    owner: Ref
    commission: Ref | None
    employer: Ref | None
    sectors: list[str]
    regions: list[str]
    proposal_date: date | None
    negotiations_started_on: date | None
    signed_on: date | None
    effective_from: date | None
    effective_to: date | None
    terminated_on: date | None
    covered_employees: int | None
    disagreements: str
    document_sha256: str
    public_copy_sha256: str
    registration_number: str
    filed_on: date | None
    published: bool
    is_demo: bool
    bargaining: BargainingOut
    parties: list[PartyOut]
    clauses: list[ClauseOut]


class AgreementRow(Schema):
    id: int
    kind: str
    level: str
    title: str
    status: str
    signed_on: date | None
    effective_from: date | None
    effective_to: date | None
    registration_number: str


class AgreementPage(Schema):
    items: list[AgreementRow]
    count: int


class AgreementFilters(Schema):
    q: str = ""
    kind: str = ""
    level: str = ""
    sector: str = Field("", description="OKED section")
    region: str = Field("", description="KATO code")
    status: str = Field("", pattern="^(|draft|negotiating|signed|in_force|expired|terminated)$")
    year: int | None = Field(None, ge=1990, le=2100)
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=100)


class CoverageFilters(Schema):
    organisation: int | None = None
    sector: str = ""
    region: str = ""
    on: date | None = None


class GuaranteeOut(Schema):
    parameter: str
    label: str
    value: Decimal
    agreement: int
    clause_number: str
    floor: str


class CoverageOut(Schema):
    on: date
    agreements: list[AgreementRow]
    guarantees: list[GuaranteeOut]


class MissingOut(ErrorBody):
    """The one error body, with the pre-filing checklist's gaps also as a plain list."""

    missing: list[str]


# Input resolution --------------------------------------------------------------------------------------------------


def _resolve(model: type[Model], field: str, message: str, **lookup: Any) -> Any:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        raise ValidationError({field: message})
    return obj


def _organisation(user: Any, pk: int | None, field: str) -> Organisation | None:
    if pk is None:
        return None
    return _resolve(Organisation, field, _("No organisation has the id %(id)s.") % {"id": pk}, pk=pk,
                    id__in=visible(user, Organisation.objects.all()).values("pk"))


def _sectors(codes: list[str]) -> list[Sector]:
    return [_resolve(Sector, "sectors", _("No economic sector has the code %(code)s.") % {"code": c},
                     code=c.upper()) for c in codes]


def _regions(codes: list[str]) -> list[Region]:
    return [_resolve(Region, "regions", _("No region has the KATO code %(code)s.") % {"code": c}, kato=c)
            for c in codes]


def _agreement_fields(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    for field in ("owner", "employer"):
        if field in data:
            data[field] = _organisation(user, data[field], field)
    if "owner" in data and data["owner"] is None:
        raise ValidationError({"owner": _("This field is required.")})
    if "commission" in data and data["commission"] is not None:
        pk = data["commission"]
        data["commission"] = _resolve(Commission, "commission", _("No commission has the id %(id)s.") % {"id": pk},
                                      pk=pk)
    return data


def _today() -> date:
    return timezone.localdate()


def _page(queryset: QuerySet[Any], page: int, page_size: int) -> tuple[list[Any], int]:
    count = queryset.count()
    start = (page - 1) * page_size
    return list(queryset[start: start + page_size]), count


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    return get_or_404(queries.visible_agreements(current_user(request)), pk=agreement_id)


# Output ------------------------------------------------------------------------------------------------------------


def _ref(obj: Any) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": str(obj.name)} if obj is not None else None


def party_out(p: AgreementParty) -> dict[str, Any]:
    return {"id": p.pk, "side": p.side, "organisation": _ref(p.organisation), "signatory_name": p.signatory_name,
            "signatory_position": p.signatory_position, "authority": p.authority}


def clause_out(c: Clause) -> dict[str, Any]:
    return {"id": c.pk, "number": c.number, "topic": c.topic, "text": c.text,
            **model_to_dict(c, fields=in_languages("text")),
            "parameters": {p.key: p.value for p in c.parameters.all()}}


def row_out(a: Agreement) -> dict[str, Any]:
    return {"id": a.pk, "kind": a.kind, "level": a.level, "title": a.title, "status": a.status_on(_today()),
            "signed_on": a.signed_on, "effective_from": a.effective_from, "effective_to": a.effective_to,
            "registration_number": a.registration_number}


def agreement_out(a: Agreement) -> dict[str, Any]:
    b = queries.bargaining_of(a)
    return {
        **row_out(a), "level_name": a.level_name, **model_to_dict(a, fields=in_languages("title")),
        "owner": _ref(a.owner), "commission": _ref(a.commission),
        "employer": _ref(a.employer), "sectors": [s.code for s in a.sectors.all()],
        "regions": [r.kato for r in a.regions.all()], "proposal_date": a.proposal_date,
        "negotiations_started_on": a.negotiations_started_on, "terminated_on": a.terminated_on,
        "covered_employees": a.covered_employees, "disagreements": a.disagreements,
        "document_sha256": a.document_sha256, "public_copy_sha256": a.public_copy_sha256, "filed_on": a.filed_on,
        "published": a.published, "is_demo": a.is_demo,
        "bargaining": {
            "proposal_date": b.proposal, "negotiations_started_on": b.started,
            "deadline": b.deadline.due if b.deadline else None,
            "deadline_verified": b.deadline.verified if b.deadline else None,
            "deadline_source": b.deadline.source.cite() if b.deadline else "", "kept": b.kept,
        },
        "parties": [party_out(p) for p in a.parties.select_related("organisation")],
        "clauses": [clause_out(c) for c in a.clauses.prefetch_related("parameters")],
    }


def commitment_out(c: Commitment) -> dict[str, Any]:
    return {"id": c.pk, "agreement": c.agreement_id, "text": c.text, "responsible_side": c.responsible_side,
            "responsible_organisation": _ref(c.responsible_organisation), "due_date": c.due_date,
            "period": c.period, "done_on": c.done_on, "evidence": c.evidence, "status": c.status_on(_today())}


def fulfilment_out(f: queries.Fulfilment) -> dict[str, Any]:
    return {"key": f.key, "label": f.label, "due": f.due, "done": f.done, "overdue": f.overdue, "percent": f.percent}


def finding_out(f: Finding) -> dict[str, Any]:
    return {"clause": f.clause_id, "clause_number": f.clause_number, "parameter": f.key,
            "parameter_label": f.label, "unit": f.unit, "value": f.value, "reference_value": f.reference_value,
            "shortfall": f.shortfall, "against": f.against, "rule": f.rule_key, "rule_from": f.rule_from,
            "rule_to": f.rule_to, "higher_agreement": f.higher_id, "higher_clause_number": f.higher_clause_number,
            "legal_basis": f.legal_basis, "source_url": f.source_url, "verified": f.verified, "message": f.message}


# The register ------------------------------------------------------------------------------------------------------


@router.get("/", response={200: AgreementPage, **READ_ERRORS})
def list_agreements(request: HttpRequest, filters: Query[AgreementFilters]):  # type: ignore[no-untyped-def]
    """Agreements you may see (anonymous: published ones), with full-text search and filters."""
    data = filters.dict()
    page, page_size = data.pop("page"), data.pop("page_size")
    items, count = _page(queries.agreement_list(user=current_user(request), today=_today(), **data), page, page_size)
    return {"items": [row_out(a) for a in items], "count": count}


@router.post("/", response={201: AgreementOut, **WRITE_ERRORS})
def create_agreement(request: HttpRequest, payload: AgreementIn):  # type: ignore[no-untyped-def]
    """Register an agreement. A second collective agreement in force for the same employer is refused (409)."""
    user = current_user(request)
    data = _agreement_fields(user, payload.dict())
    sectors, regions = _sectors(data.pop("sectors")), _regions(data.pop("regions"))
    agreement = services.agreement_create(by=user, sectors=sectors, regions=regions, **data)
    return Status(201, agreement_out(agreement))


@router.get("/commitments/overdue", response={200: list[CommitmentOut], **READ_ERRORS})
def overdue_commitments(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Commitments whose due date has passed without fulfilment, oldest first."""
    return [commitment_out(c) for c in queries.overdue_commitments(current_user(request), _today())[:500]]


@router.get("/coverage", response={200: CoverageOut, **READ_ERRORS})
def coverage(request: HttpRequest, filters: Query[CoverageFilters]):  # type: ignore[no-untyped-def]
    """Agreements in force that apply to an organisation, sector or region, and the best value of each guarantee."""
    user = current_user(request)
    organisation = _organisation(user, filters.organisation, "organisation")
    sector = _sectors([filters.sector])[0] if filters.sector else None
    region = _regions([filters.region])[0] if filters.region else None
    if organisation is None and sector is None and region is None:
        raise ValidationError({"organisation": _("Give an organisation, a sector or a region.")})
    result = queries.coverage(user=user, on=filters.on or _today(), organisation=organisation, sector=sector,
                              region=region)
    return {"on": result.on, "agreements": [row_out(a) for a in result.agreements], "guarantees": [
        {"parameter": g.key, "label": g.label, "value": g.value, "agreement": g.agreement.pk,
         "clause_number": g.clause_number, "floor": g.floor_display} for g in result.guarantees]}


@router.get("/{int:agreement_id}", response={200: AgreementOut, **READ_ERRORS})
def get_agreement(request: HttpRequest, agreement_id: int):  # type: ignore[no-untyped-def]
    return agreement_out(_agreement(request, agreement_id))


@router.patch("/{int:agreement_id}", response={200: AgreementOut, **WRITE_ERRORS})
def patch_agreement(request: HttpRequest, agreement_id: int, payload: AgreementPatch):  # type: ignore[no-untyped-def]
    user = current_user(request)
    agreement = _agreement(request, agreement_id)
    require(request, Action.CHANGE, agreement)
    data = _agreement_fields(user, payload.dict(exclude_unset=True))
    sectors = _sectors(data.pop("sectors") or []) if "sectors" in data else None
    regions = _regions(data.pop("regions") or []) if "regions" in data else None
    agreement = services.agreement_update(agreement=agreement, by=user, data=data, sectors=sectors, regions=regions)
    return agreement_out(agreement)


@router.delete("/{int:agreement_id}", response={204: None, **WRITE_ERRORS})
def delete_agreement(request: HttpRequest, agreement_id: int):  # type: ignore[no-untyped-def]
    agreement = _agreement(request, agreement_id)
    require(request, Action.DELETE, agreement)
    services.agreement_delete(agreement=agreement, by=current_user(request))
    return Status(204, None)


@router.get("/{int:agreement_id}/findings", response={200: list[FindingOut], **READ_ERRORS})
def findings(request: HttpRequest, agreement_id: int):  # type: ignore[no-untyped-def]
    """Clause parameters less favourable than a statutory floor or a higher-level agreement covering this one."""
    from tripartite.agreements.favourability import findings_for

    return [finding_out(f) for f in findings_for(_agreement(request, agreement_id), _today())]


@router.post("/{int:agreement_id}/document", response={200: AgreementOut, **WRITE_ERRORS})
def upload_document(request: HttpRequest, agreement_id: int, file: File[UploadedFile]):  # type: ignore[no-untyped-def]
    """Attach the signed PDF (at most 20 MB); its SHA-256 is stored. Not a PDF or too large: 422, nothing stored."""
    agreement = _agreement(request, agreement_id)
    require(request, Action.CHANGE, agreement)
    return agreement_out(services.document_upload(agreement=agreement, by=current_user(request), upload=file))


@router.post("/{int:agreement_id}/public-copy", response={200: AgreementOut, **WRITE_ERRORS})
def upload_public_copy(request: HttpRequest, agreement_id: int, file: File[UploadedFile]):  # type: ignore[no-untyped-def]
    agreement = _agreement(request, agreement_id)
    require(request, Action.CHANGE, agreement)
    return agreement_out(services.public_copy_upload(agreement=agreement, by=current_user(request), upload=file))


@router.post("/{int:agreement_id}/file", response={200: AgreementOut, 400: MissingOut, 401: ErrorBody,
                                                   403: ErrorBody, 404: ErrorBody, 409: ErrorBody})
def file_agreement(request: HttpRequest, agreement_id: int):  # type: ignore[no-untyped-def]
    """File the agreement: a registration number, or 400 with the list of what is missing."""
    agreement = _agreement(request, agreement_id)
    require(request, Action.CHANGE, agreement)
    try:
        return agreement_out(services.agreement_file(agreement=agreement, by=current_user(request)))
    except services.FilingIncomplete as exc:
        errors = [{"field": "filing", "message": item} for item in exc.missing]
        return Status(400, {**error_body(400, str(exc), code="filing_incomplete", errors=errors), "missing": exc.missing})


# Parties -----------------------------------------------------------------------------------------------------------


@router.post("/{int:agreement_id}/parties", response={201: PartyOut, **WRITE_ERRORS})
def add_party(request: HttpRequest, agreement_id: int, payload: PartyIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    agreement = _agreement(request, agreement_id)
    require(request, Action.CHANGE, agreement)
    data = payload.dict()
    data["organisation"] = _organisation(user, data["organisation"], "organisation")
    return Status(201, party_out(services.party_add(by=user, agreement=agreement, **data)))


@router.delete("/parties/{int:party_id}", response={204: None, **WRITE_ERRORS})
def remove_party(request: HttpRequest, party_id: int):  # type: ignore[no-untyped-def]
    party = get_or_404(AgreementParty.objects.filter(
        agreement__in=queries.visible_agreements(current_user(request))), pk=party_id)
    require(request, Action.CHANGE, party.agreement)
    services.party_remove(party=party, by=current_user(request))
    return Status(204, None)


# Clauses -----------------------------------------------------------------------------------------------------------


@router.post("/{int:agreement_id}/clauses", response={201: ClauseOut, **WRITE_ERRORS})
def add_clause(request: HttpRequest, agreement_id: int, payload: ClauseIn):  # type: ignore[no-untyped-def]
    agreement = _agreement(request, agreement_id)
    require(request, Action.CHANGE, agreement)
    data = payload.dict()
    parameters = services.parse_parameters(data.pop("parameters"))
    clause = services.clause_add(by=current_user(request), agreement=agreement, parameters=parameters, **data)
    return Status(201, clause_out(clause))


@router.patch("/clauses/{int:clause_id}", response={200: ClauseOut, **WRITE_ERRORS})
def amend_clause(request: HttpRequest, clause_id: int, payload: ClausePatch):  # type: ignore[no-untyped-def]
    """Amend a clause; the previous wording stays in its history as a dated version."""
    clause = get_or_404(queries.visible_clauses(current_user(request)), pk=clause_id)
    require(request, Action.CHANGE, clause.agreement)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "")
    parameters = data.pop("parameters", None)
    parsed = services.parse_parameters(parameters) if parameters is not None else None
    return clause_out(services.clause_amend(clause=clause, by=current_user(request), data=data, parameters=parsed,
                                            reason=reason))


@router.delete("/clauses/{int:clause_id}", response={204: None, **WRITE_ERRORS})
def delete_clause(request: HttpRequest, clause_id: int):  # type: ignore[no-untyped-def]
    clause = get_or_404(queries.visible_clauses(current_user(request)), pk=clause_id)
    require(request, Action.CHANGE, clause.agreement)
    services.clause_delete(clause=clause, by=current_user(request))
    return Status(204, None)


# Commitments -------------------------------------------------------------------------------------------------------


@router.get("/{int:agreement_id}/commitments", response={200: CommitmentsOut, **READ_ERRORS})
def list_commitments(request: HttpRequest, agreement_id: int):  # type: ignore[no-untyped-def]
    """The agreement's commitments, its fulfilment rate and the rate of each side."""
    agreement = _agreement(request, agreement_id)
    today = _today()
    return {
        "fulfilment": fulfilment_out(queries.fulfilment(agreement.commitments.all(), today)),
        "by_side": [fulfilment_out(f) for f in queries.fulfilment_by_side(agreement, today)],
        "items": [commitment_out(c) for c in agreement.commitments.select_related("responsible_organisation")],
    }


@router.post("/{int:agreement_id}/commitments", response={201: CommitmentOut, **WRITE_ERRORS})
def add_commitment(request: HttpRequest, agreement_id: int, payload: CommitmentIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    agreement = _agreement(request, agreement_id)
    require(request, Action.CHANGE, agreement)
    data = payload.dict()
    data["responsible_organisation"] = _organisation(user, data["responsible_organisation"],
                                                     "responsible_organisation")
    return Status(201, commitment_out(services.commitment_add(by=user, agreement=agreement, **data)))


@router.patch("/commitments/{int:commitment_id}", response={200: CommitmentOut, **WRITE_ERRORS})
def patch_commitment(request: HttpRequest, commitment_id: int, payload: CommitmentPatch):  # type: ignore[no-untyped-def]
    user = current_user(request)
    commitment = get_or_404(queries.visible_commitments(user), pk=commitment_id)
    require(request, Action.CHANGE, commitment.agreement)
    data = payload.dict(exclude_unset=True)
    if "responsible_organisation" in data:
        data["responsible_organisation"] = _organisation(user, data["responsible_organisation"],
                                                         "responsible_organisation")
    return commitment_out(services.commitment_update(commitment=commitment, by=user, data=data))


@router.post("/commitments/{int:commitment_id}/fulfil", response={200: CommitmentOut, **WRITE_ERRORS})
def fulfil_commitment(request: HttpRequest, commitment_id: int, payload: FulfilIn):  # type: ignore[no-untyped-def]
    """Record fulfilment with its evidence (409 if already fulfilled)."""
    user = current_user(request)
    commitment = get_or_404(queries.visible_commitments(user), pk=commitment_id)
    require(request, Action.CHANGE, commitment.agreement)
    return commitment_out(services.commitment_fulfil(commitment=commitment, by=user, done_on=payload.done_on,
                                                     evidence=payload.evidence))


# Dispute procedure ---------------------------------------------------------------------------------------------------


def _procedure_out(agreement: Agreement) -> dict[str, Any]:
    procedure = dispute_procedure_for(agreement)
    if procedure is None:
        return {"agreement_id": agreement.pk, "deadline_days": {}, "conciliators": [], "mediator": "",
                "arbitration_rules": ""}
    return {"agreement_id": procedure.agreement_id, "deadline_days": dict(procedure.deadline_days),
            "conciliators": list(procedure.conciliators), "mediator": procedure.mediator,
            "arbitration_rules": procedure.arbitration_rules}


@router.get("/{int:agreement_id}/dispute-procedure", response={200: ProcedureOut, **READ_ERRORS})
def get_procedure(request: HttpRequest, agreement_id: int):  # type: ignore[no-untyped-def]
    """The collective agreement's own procedure for collective disputes (empty when it sets none)."""
    return _procedure_out(_agreement(request, agreement_id))


@router.put("/{int:agreement_id}/dispute-procedure", response={200: ProcedureOut, **WRITE_ERRORS})
def put_procedure(request: HttpRequest, agreement_id: int, payload: ProcedureIn):  # type: ignore[no-untyped-def]
    """Set the procedure; a deadline may only shorten the statutory one (422 otherwise)."""
    agreement = _agreement(request, agreement_id)
    require(request, Action.CHANGE, agreement)
    services.dispute_procedure_set(agreement=agreement, by=current_user(request), **payload.dict())
    return _procedure_out(agreement)




# Agreement coding (issue 18): segmentation and clause suggestions, in their own module.
from tripartite.agreements.coding.api import router as coding_router  # noqa: E402

router.add_router("", coding_router)
