"""API endpoints of the grants app: calls, applications, scores and ranking, awards, concentration, the PPP register."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from tripartite.core.api_support import (
    MAX_PAGE,
    READ_ERRORS,
    WRITE_ERRORS,
    CodeRef,
    Ref,
    current_user,
    require,
    trilingual_schema,
)
from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector, User
from tripartite.core.policy import Action, visible
from tripartite.core.uploads import stored_file_response
from tripartite.grants import queries, rules, services
from tripartite.grants.models import (
    Application,
    ApplicationDocument,
    Award,
    Call,
    PPPContract,
    Score,
    TopicArea,
)
from tripartite.partners.models import Organisation

router = Router(tags=["civic"])


# Schemas -------------------------------------------------------------------------------------------------------


class CriterionOut(Schema):
    id: int
    name: str
    weight: int


class CallIn(trilingual_schema("CallInTexts", "title", "description")):  # type: ignore[misc]
    issuer: int = Field(description="Id of the state body announcing the call")
    kind: str = Field(description="social_order or grant")
    topic: str = Field(description="Code of the topic area")
    regions: list[str] = Field([], description="KATO codes; empty means the whole country")
    budget: int = Field(ge=1, description="Whole tenge")
    eligible_kinds: list[str] = Field(["ngo"], description="Kinds of organisation from the partners register")
    min_years_registered: int = Field(0, ge=0, le=50)
    max_request: int | None = Field(None, ge=1)
    required_documents: list[str] = []
    min_evaluators: int = Field(2, ge=1, le=20)
    opens_on: date
    deadline: date
    results_on: date


class CallOut(trilingual_schema("CallOutTitles", "title", kind="out")):  # type: ignore[misc]
    id: int
    kind: str
    title: str
    description: str
    issuer: Ref
    topic: CodeRef
    regions: list[CodeRef]
    budget: int
    eligible_kinds: list[str]
    min_years_registered: int
    max_request: int | None
    required_documents: list[str]
    min_evaluators: int
    opens_on: date
    deadline: date
    results_on: date
    status: str
    phase: str = Field(description="draft, announced, open, evaluation or results (computed today)")
    criteria: list[CriterionOut]
    is_demo: bool


class CallPage(Schema):
    items: list[CallOut]
    count: int


class _Paged(Schema):
    """A page of a list: the filters of a list inherit it."""

    q: str = ""
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=100)


class CallFilters(_Paged):
    kind: str = ""
    topic: str = ""
    phase: str = Field("", pattern="^(|draft|announced|open|evaluation|results)$")


class CriterionIn(trilingual_schema("CriterionInNames", "name")):  # type: ignore[misc]
    weight: int = Field(ge=1, le=100)


class EvaluatorIn(Schema):
    username: str


class EvaluatorOut(Schema):
    id: int
    pseudonym: str
    username: str
    declared: bool


class DeclarationIn(Schema):
    organisations: list[int] = Field([], description="Ids of organisations the evaluator is linked to")
    note: str = ""


class BudgetLineIO(Schema):
    item: str
    amount: int = Field(ge=1)


class ApplicationIn(Schema):
    applicant: int
    project_title: str
    summary: str = ""
    requested_amount: int = Field(ge=1)
    regions: list[str] = Field(description="KATO codes")
    settlement_type: str = Field(description="urban or rural")
    registered_on: date | None = Field(
        None, description="Date of state registration the applicant declares; left out, the date in the "
        "social partners register is taken (422 when the register has none)",
    )
    budget_lines: list[BudgetLineIO]


class ReasonOut(Schema):
    code: str
    field: str
    message: str


class DocumentOut(Schema):
    id: int
    kind: str
    name: str
    size: int
    sha256: str


class ApplicationOut(Schema):
    id: int
    call: Ref
    applicant: Ref
    project_title: str
    summary: str
    requested_amount: int
    regions: list[CodeRef]
    settlement_type: str
    registered_on: date = Field(description="Date of state registration as declared in the application")
    registered_on_in_register: date | None = Field(
        description="The applicant's date of state registration in the social partners register (null: not recorded); "
        "it may differ from the declared one",
    )
    status: str
    budget_lines: list[BudgetLineIO]
    documents: list[DocumentOut]
    eligibility: list[ReasonOut] = Field(description="Rules of the call the application does not meet (empty: eligible)")


class ScoreIn(Schema):
    marks: dict[str, int] = Field(description="Criterion id → whole mark 0–10")
    comment: str = ""


class ScoreOut(Schema):
    id: int
    application: int
    evaluator: str = Field(description="Pseudonym (Evaluator A, B, …); the name only for the call's managers")
    marks: dict[str, int]
    total: float
    comment: str


class RankingScore(Schema):
    score: int
    evaluator: str
    total: float
    outlier: bool


class RankingRowOut(Schema):
    rank: int | None
    application: int
    applicant: Ref
    project_title: str
    mean: float | None
    scores: list[RankingScore]
    award: int | None = Field(description="Amount awarded in tenge, if any")


class AwardIn(Schema):
    amount: int = Field(ge=1)
    signed_on: date
    contract_number: str = ""


class AwardOut(Schema):
    id: int
    application: int
    amount: int
    signed_on: date
    contract_number: str


class ShareOut(Schema):
    key: str
    label: str
    count: int
    amount: int
    share: float | None


class WinnerOut(Schema):
    organisation: Ref
    awards: int
    amount: int
    share: float | None


class ConcentrationOut(Schema):
    calls_past_deadline: int
    calls_single_applicant: int
    single_applicant_share: float | None
    awards: int
    amount: int
    by_region: list[ShareOut]
    by_topic: list[ShareOut]
    by_settlement: list[ShareOut]
    applications_by_settlement: list[ShareOut]
    repeat_winners: list[WinnerOut]
    top3_share: float | None
    includes_demo_data: bool


class PPPIn(trilingual_schema("PPPInObjects", "object")):  # type: ignore[misc]
    state_partner: int
    number: str = ""
    private_partner: str
    sector: str = Field(description="OKED section letter")
    region: str = Field(description="KATO code")
    value: int = Field(ge=1, description="Whole tenge")
    signed_on: date | None = None
    term_years: int = Field(ge=1, le=99)
    status: str = "signed"
    published: bool = True


class PPPOut(trilingual_schema("PPPOutObjects", "object", kind="out")):  # type: ignore[misc]
    id: int
    number: str
    object: str
    state_partner: Ref
    private_partner: str
    sector: CodeRef
    region: CodeRef
    value: int
    signed_on: date | None
    term_years: int
    status: str
    published: bool
    is_demo: bool


class PPPPage(Schema):
    items: list[PPPOut]
    count: int


class PPPFilters(_Paged):
    sector: str = ""
    region: str = ""
    status: str = ""


class SummaryRowOut(Schema):
    key: str
    label: str
    count: int
    value: int
    count_share: float | None
    value_share: float | None


class PPPSummaryOut(Schema):
    count: int
    value: int
    by_sector: list[SummaryRowOut]
    by_region: list[SummaryRowOut]


# Helpers -------------------------------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _page(queryset: QuerySet[Any], page: int, page_size: int) -> tuple[list[Any], int]:
    count = queryset.count()
    start = (page - 1) * page_size
    return list(queryset[start : start + page_size]), count


def _resolve(model: type[Model], field: str, message: str, **lookup: Any) -> Any:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        raise ValidationError({field: message})
    return obj


def _regions(codes: list[str], field: str = "regions") -> list[Region]:
    found = {r.kato: r for r in Region.objects.filter(kato__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError({field: _("No region has the KATO code %(code)s.") % {"code": ", ".join(missing)}})
    return [found[c] for c in codes]


def _organisation(user: Any, pk: int, field: str) -> Organisation:
    return _resolve(Organisation, field, _("No organisation has the id %(id)s.") % {"id": pk},
                    pk=pk, id__in=visible(user, Organisation.objects.all()).values("pk"))


def _columns(obj: Model, field: str) -> dict[str, str]:
    return {column: getattr(obj, column) for column in in_languages(field)}


def call_out(c: Call) -> dict[str, Any]:
    return {
        "id": c.pk, "kind": c.kind, "title": c.title, **_columns(c, "title"), "description": c.description, "issuer": {"id": c.issuer.pk, "name": c.issuer.name},
        "topic": {"code": c.topic.code, "name": c.topic.name},
        "regions": [{"code": r.kato, "name": r.name} for r in c.regions.all()],
        "budget": c.budget, "eligible_kinds": c.eligible_kinds, "min_years_registered": c.min_years_registered,
        "max_request": c.max_request, "required_documents": c.required_documents, "min_evaluators": c.min_evaluators,
        "opens_on": c.opens_on, "deadline": c.deadline, "results_on": c.results_on, "status": c.status,
        "phase": c.phase_on(_today()), "criteria": [{"id": k.pk, "name": k.name, "weight": k.weight} for k in c.criteria.all()],
        "is_demo": c.is_demo,
    }


def application_out(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk, "call": {"id": a.call.pk, "name": a.call.title}, "applicant": {"id": a.applicant.pk, "name": a.applicant.name},
        "project_title": a.project_title, "summary": a.summary, "requested_amount": a.requested_amount,
        "regions": [{"code": r.kato, "name": r.name} for r in a.regions.all()], "settlement_type": a.settlement_type,
        "registered_on": a.registered_on, "registered_on_in_register": a.applicant.registered_on, "status": a.status,
        "budget_lines": [{"item": line.item, "amount": line.amount} for line in a.budget_lines.all()],
        "documents": [document_out(d) for d in a.documents.all()],
        "eligibility": [{"code": r.code, "field": r.field, "message": r.message} for r in queries.eligibility(a)],
    }


def document_out(d: ApplicationDocument) -> dict[str, Any]:
    return {"id": d.pk, "kind": d.kind, "name": d.original_name, "size": d.size, "sha256": d.sha256}


def score_out(s: Score, *, names: bool) -> dict[str, Any]:
    label = f"{s.evaluator.pseudonym} ({s.evaluator.user})" if names else s.evaluator.pseudonym
    return {"id": s.pk, "application": s.application_id, "evaluator": label, "marks": s.marks, "total": s.total(),
            "comment": s.comment}


def ppp_out(c: PPPContract) -> dict[str, Any]:
    return {
        "id": c.pk, "number": c.number, "object": c.object, **_columns(c, "object"), "state_partner": {"id": c.state_partner.pk, "name": c.state_partner.name},
        "private_partner": c.private_partner, "sector": {"code": c.sector.code, "name": c.sector.name},
        "region": {"code": c.region.kato, "name": c.region.name}, "value": c.value, "signed_on": c.signed_on,
        "term_years": c.term_years, "status": c.status, "published": c.published, "is_demo": c.is_demo,
    }


def _call_fields(user: Any, data: dict[str, Any]) -> tuple[Organisation, list[Region], dict[str, Any]]:
    issuer = _organisation(user, data.pop("issuer"), "issuer")
    regions = _regions(data.pop("regions"))
    code = data.pop("topic")
    data["topic"] = _resolve(TopicArea, "topic", _("No topic area has the code %(code)s.") % {"code": code}, code=code)
    return issuer, regions, data


# Calls ---------------------------------------------------------------------------------------------------------


@router.get("/calls", response={200: CallPage, **READ_ERRORS})
def list_calls(request: HttpRequest, filters: Query[CallFilters]):  # type: ignore[no-untyped-def]
    """Calls you may see (published ones for everyone); filter by kind, topic area code, phase, q."""
    queryset = queries.call_list(user=current_user(request), today=_today(), q=filters.q, kind=filters.kind,
                                 topic=filters.topic, phase=filters.phase).prefetch_related("regions", "criteria")
    items, count = _page(queryset, filters.page, filters.page_size)
    return {"items": [call_out(c) for c in items], "count": count}


@router.post("/calls", response={201: CallOut, **WRITE_ERRORS})
def create_call(request: HttpRequest, payload: CallIn):  # type: ignore[no-untyped-def]
    """Draft a call; you need the secretary or editor role over the state body (or to be an administrator)."""
    user = current_user(request)
    issuer, regions, data = _call_fields(user, payload.dict())
    require(request, Action.CREATE, issuer, kind=Call)
    return Status(201, call_out(services.call_create(by=user, issuer=issuer, regions=regions, **data)))


@router.get("/calls/{int:call_id}", response={200: CallOut, **READ_ERRORS})
def get_call(request: HttpRequest, call_id: int):  # type: ignore[no-untyped-def]
    return call_out(queries.call_for(current_user(request), call_id))


@router.post("/calls/{int:call_id}/criteria", response={201: CriterionOut, **WRITE_ERRORS})
def add_criterion(request: HttpRequest, call_id: int, payload: CriterionIn):  # type: ignore[no-untyped-def]
    call = queries.call_for(current_user(request), call_id)
    require(request, Action.CHANGE, call)
    c = services.criterion_add(by=current_user(request), call=call, **payload.dict())
    return Status(201, {"id": c.pk, "name": c.name, "weight": c.weight})


@router.post("/calls/{int:call_id}/evaluators", response={201: EvaluatorOut, **WRITE_ERRORS})
def add_evaluator(request: HttpRequest, call_id: int, payload: EvaluatorIn):  # type: ignore[no-untyped-def]
    call = queries.call_for(current_user(request), call_id)
    require(request, Action.CHANGE, call)
    user = _resolve(User, "username", _("No active user has the user name %(name)s.") % {"name": payload.username},
                    username=payload.username, is_active=True)
    ev = services.evaluator_add(by=current_user(request), call=call, user=user)
    return Status(201, {"id": ev.pk, "pseudonym": ev.pseudonym, "username": user.username, "declared": False})


@router.post("/calls/{int:call_id}/publish", response={200: CallOut, **WRITE_ERRORS})
def publish_call(request: HttpRequest, call_id: int):  # type: ignore[no-untyped-def]
    call = queries.call_for(current_user(request), call_id)
    require(request, Action.CHANGE, call)
    return call_out(services.call_publish(by=current_user(request), call=call))


@router.post("/calls/{int:call_id}/close", response={200: CallOut, **WRITE_ERRORS})
def close_call(request: HttpRequest, call_id: int):  # type: ignore[no-untyped-def]
    """Close a call after its deadline and publish the ranking (409 while applications lack scores)."""
    call = queries.call_for(current_user(request), call_id)
    require(request, Action.CHANGE, call)
    return call_out(services.call_close(by=current_user(request), call=call))


@router.post("/calls/{int:call_id}/declaration", response={200: EvaluatorOut, **WRITE_ERRORS})
def declare(request: HttpRequest, call_id: int, payload: DeclarationIn):  # type: ignore[no-untyped-def]
    """As an evaluator of the call, declare the organisations you are linked to (possibly none)."""
    user = current_user(request)
    call = queries.call_for(user, call_id)
    ties = [(_organisation(user, pk, "organisations"), payload.note) for pk in payload.organisations]
    ev = services.conflicts_declare(by=user, call=call, ties=ties)
    return {"id": ev.pk, "pseudonym": ev.pseudonym, "username": user.username, "declared": True}


@router.get("/calls/{int:call_id}/ranking", response={200: list[RankingRowOut], **READ_ERRORS})
def get_ranking(request: HttpRequest, call_id: int):  # type: ignore[no-untyped-def]
    """The ranking with every score (evaluators pseudonymised): public once the call is closed."""
    user = current_user(request)
    call = queries.call_for(user, call_id)
    if not queries.may_see_scores(user, call):
        raise HttpError(403, _("The ranking is published when the call closes."))
    names = queries.may_see_evaluator_names(user, call)
    return [{
        "rank": r.rank, "application": r.application.pk,
        "applicant": {"id": r.application.applicant.pk, "name": r.application.applicant.name},
        "project_title": r.application.project_title, "mean": r.mean,
        "scores": [{"score": c.score.pk, "evaluator": c.evaluator_label, "total": c.total, "outlier": c.outlier}
                   for c in r.scores],
        "award": r.award.amount if r.award else None,
    } for r in queries.ranking(call, names=names)]


@router.get("/calls/{int:call_id}/scores", response={200: list[ScoreOut], **READ_ERRORS})
def list_scores(request: HttpRequest, call_id: int):  # type: ignore[no-untyped-def]
    """Scores you may read: all of them for the call's managers (and everyone once closed), else your own."""
    user = current_user(request)
    call = queries.call_for(user, call_id)
    names = queries.may_see_evaluator_names(user, call)
    return [score_out(s, names=names) for s in queries.visible_scores(user, call)]


# Applications --------------------------------------------------------------------------------------------------


def _application(request: HttpRequest, pk: int) -> Application:
    return queries.application_for(current_user(request), pk)


@router.get("/calls/{int:call_id}/applications", response={200: list[ApplicationOut], **READ_ERRORS})
def list_applications(request: HttpRequest, call_id: int):  # type: ignore[no-untyped-def]
    """The applications to a call you may see (your organisations'; all of them for managers and evaluators)."""
    user = current_user(request)
    call = queries.call_for(user, call_id)
    return [application_out(a) for a in queries.applications_of_call(user, call)]


@router.post("/calls/{int:call_id}/applications", response={201: ApplicationOut, **WRITE_ERRORS})
def create_application(request: HttpRequest, call_id: int, payload: ApplicationIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    call = queries.call_for(user, call_id)
    data = payload.dict()
    applicant = _organisation(user, data.pop("applicant"), "applicant")
    require(request, Action.CREATE, applicant, kind=Application)
    regions = _regions(data.pop("regions"))
    lines = [(line["item"], line["amount"]) for line in data.pop("budget_lines")]
    application = services.application_create(by=user, call=call, applicant=applicant, regions=regions, lines=lines, **data)
    return Status(201, application_out(application))


@router.get("/applications/{int:application_id}", response={200: ApplicationOut, **READ_ERRORS})
def get_application(request: HttpRequest, application_id: int):  # type: ignore[no-untyped-def]
    return application_out(_application(request, application_id))


@router.post("/applications/{int:application_id}/submit", response={200: ApplicationOut, **WRITE_ERRORS})
def submit_application(request: HttpRequest, application_id: int):  # type: ignore[no-untyped-def]
    """Submit the application; 422 with one error per unmet rule, 409 after the deadline."""
    application = _application(request, application_id)
    require(request, Action.CHANGE, application)
    try:
        return application_out(services.application_submit(by=current_user(request), application=application))
    except services.IneligibleApplication as exc:
        raise ValidationError({r.field: r.message for r in exc.reasons}) from exc


@router.get("/applications/{int:application_id}/documents", response={200: list[DocumentOut], **READ_ERRORS})
def list_documents(request: HttpRequest, application_id: int):  # type: ignore[no-untyped-def]
    """The documents attached to an application, for whoever may see the application (404 otherwise)."""
    return [document_out(d) for d in _application(request, application_id).documents.all()]


@router.post("/applications/{int:application_id}/documents", response={201: DocumentOut, **WRITE_ERRORS})
def add_document(request: HttpRequest, application_id: int, kind: Form[str],  # type: ignore[no-untyped-def]
                 file: File[UploadedFile | None] = None):
    """Attach a file, as on the application's page: a multipart form with ``kind`` (charter, registration,
    project_plan, budget, letter or other) and ``file`` (PDF, .docx, .xlsx, .ods, .odt, .png or .jpg, at most
    10 MB, its content matching its extension). A refused file or kind: 422, nothing stored; after the
    deadline: 409; only the applicant organisation's editors (and administrators): 403."""
    application = _application(request, application_id)
    require(request, Action.CHANGE, application)
    # No file is refused by the same check as a file of the wrong type (422 on "file").
    name, content = (file.name or "", file.read(rules.MAX_DOCUMENT_BYTES + 1)) if file is not None else ("", b"")
    document = services.document_add(by=current_user(request), application=application, kind=kind, name=name,
                                     content=content)
    return Status(201, document_out(document))


def _document(application: Application, document_id: int) -> ApplicationDocument:
    document = application.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document


@router.get("/applications/{int:application_id}/documents/{int:document_id}/file", response={200: None, **READ_ERRORS},
            openapi_extra={"responses": {200: {"description": "The file, as an attachment under its original name"}}})
def document_file(request: HttpRequest, application_id: int, document_id: int):  # type: ignore[no-untyped-def]
    """Download a document's file; 404 unless you may see the application."""
    document = _document(_application(request, application_id), document_id)
    return stored_file_response(document.file, document.original_name)


@router.delete("/applications/{int:application_id}/documents/{int:document_id}", response={204: None, **WRITE_ERRORS})
def remove_document(request: HttpRequest, application_id: int, document_id: int):  # type: ignore[no-untyped-def]
    """Remove a document until the deadline, as on the page (409 after it). Removing a required document from a
    submitted application is refused (422) — it would no longer meet the call's rules."""
    application = _application(request, application_id)
    require(request, Action.CHANGE, application)
    try:
        services.document_remove(by=current_user(request), document=_document(application, document_id))
    except services.IneligibleApplication as exc:
        raise ValidationError({r.field: r.message for r in exc.reasons}) from exc
    return Status(204, None)


@router.put("/applications/{int:application_id}/score", response={200: ScoreOut, **WRITE_ERRORS})
def put_score(request: HttpRequest, application_id: int, payload: ScoreIn):  # type: ignore[no-untyped-def]
    """Record or change your marks as an evaluator of the call (403 with the reason on a conflict of interest)."""
    user = current_user(request)
    if not user.is_authenticated:
        raise HttpError(401, _("Sign in or send an API token to do this."))
    application = _application(request, application_id)
    marks: dict[Any, int] = {}
    for key, value in payload.marks.items():
        if not key.isdigit():
            raise ValidationError({"marks": _("Mark only the criteria of this call.")})
        marks[int(key)] = value
    score = services.score_record(by=user, application=application, marks=marks, comment=payload.comment)
    return score_out(score, names=False)


@router.post("/applications/{int:application_id}/award", response={201: AwardOut, **WRITE_ERRORS})
def create_award(request: HttpRequest, application_id: int, payload: AwardIn):  # type: ignore[no-untyped-def]
    application = _application(request, application_id)
    require(request, Action.CREATE, application.call, kind=Award)
    award = services.award_create(by=current_user(request), application=application, **payload.dict())
    return Status(201, {"id": award.pk, "application": application.pk, "amount": award.amount,
                        "signed_on": award.signed_on, "contract_number": award.contract_number})


@router.get("/concentration", response={200: ConcentrationOut, **READ_ERRORS})
def get_concentration(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Money awarded by region, topic and settlement type; single-applicant calls; repeat winners."""
    c = queries.concentration(_today())

    def shares(rows: list[queries.Share]) -> list[dict[str, Any]]:
        return [{"key": s.key, "label": s.label, "count": s.count, "amount": s.amount, "share": s.share} for s in rows]

    return {
        "calls_past_deadline": c.calls_past_deadline, "calls_single_applicant": c.calls_single_applicant,
        "single_applicant_share": c.single_applicant_share, "awards": c.awards, "amount": c.amount,
        "by_region": shares(c.by_region), "by_topic": shares(c.by_topic), "by_settlement": shares(c.by_settlement),
        "applications_by_settlement": shares(c.applications_by_settlement),
        "repeat_winners": [{"organisation": {"id": w.organisation.pk, "name": w.organisation.name}, "awards": w.awards,
                            "amount": w.amount, "share": w.share} for w in c.repeat_winners],
        "top3_share": c.top3_share, "includes_demo_data": c.demo,
    }


# PPP register --------------------------------------------------------------------------------------------------


def _ppp_fields(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    data["state_partner"] = _organisation(user, data["state_partner"], "state_partner")
    code = (data["sector"] or "").upper()
    data["sector"] = _resolve(Sector, "sector", _("No economic sector has the code %(code)s.") % {"code": code}, code=code)
    data["region"] = _regions([data["region"]], "region")[0]
    return data


@router.get("/ppp", response={200: PPPPage, **READ_ERRORS})
def list_ppp(request: HttpRequest, filters: Query[PPPFilters]):  # type: ignore[no-untyped-def]
    """PPP contracts you may see; filter by sector (OKED section), region (KATO), status, q."""
    queryset = queries.ppp_list(user=current_user(request), q=filters.q, sector=filters.sector.upper(),
                                region=filters.region, status=filters.status)
    items, count = _page(queryset, filters.page, filters.page_size)
    return {"items": [ppp_out(c) for c in items], "count": count}


@router.get("/ppp/summary", response={200: PPPSummaryOut, **READ_ERRORS})
def ppp_summary(request: HttpRequest, filters: Query[PPPFilters]):  # type: ignore[no-untyped-def]
    """Counts and values by sector and by region, with shares, for the contracts the filters select."""
    queryset = queries.ppp_list(user=current_user(request), q=filters.q, sector=filters.sector.upper(),
                                region=filters.region, status=filters.status)
    s = queries.ppp_summary(queryset)
    rows = lambda items: [r.__dict__ for r in items]  # noqa: E731
    return {"count": s.count, "value": s.value, "by_sector": rows(s.by_sector), "by_region": rows(s.by_region)}


@router.get("/ppp/open-data.csv", response={200: None}, openapi_extra={
    "responses": {200: {"description": "The published contracts as CSV", "content": {"text/csv": {}}}}})
def ppp_open_data_csv(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The published PPP register as CSV (the JSON form is GET /ppp/open-data.json)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ppp-contracts.csv"'
    queries.write_ppp_csv(response)
    return response


@router.get("/ppp/open-data.json", response={200: dict})
def ppp_open_data_json(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The published PPP register as one JSON document: {count, items} with the same keys as the CSV columns."""
    records = [queries.ppp_record(c) for c in queries.open_ppp()]
    return {"count": len(records), "items": records}


@router.post("/ppp", response={201: PPPOut, **WRITE_ERRORS})
def create_ppp(request: HttpRequest, payload: PPPIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    data = _ppp_fields(user, payload.dict())
    require(request, Action.CREATE, data["state_partner"], kind=PPPContract)
    return Status(201, ppp_out(services.ppp_create(by=user, state_partner=data["state_partner"], data=data)))


@router.get("/ppp/{int:contract_id}", response={200: PPPOut, **READ_ERRORS})
def get_ppp(request: HttpRequest, contract_id: int):  # type: ignore[no-untyped-def]
    return ppp_out(queries.ppp_for(current_user(request), contract_id))


@router.put("/ppp/{int:contract_id}", response={200: PPPOut, **WRITE_ERRORS})
def put_ppp(request: HttpRequest, contract_id: int, payload: PPPIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    contract = queries.ppp_for(user, contract_id)
    require(request, Action.CHANGE, contract)
    return ppp_out(services.ppp_update(by=user, contract=contract, data=_ppp_fields(user, payload.dict())))


@router.delete("/ppp/{int:contract_id}", response={204: None, **WRITE_ERRORS})
def delete_ppp(request: HttpRequest, contract_id: int):  # type: ignore[no-untyped-def]
    user = current_user(request)
    contract = queries.ppp_for(user, contract_id)
    require(request, Action.DELETE, contract)
    services.ppp_delete(by=user, contract=contract)
    return Status(204, None)

