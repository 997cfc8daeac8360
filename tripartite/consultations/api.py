"""API endpoints of the consultations app: draft acts with their versions and articles, the diff between versions,
referrals with their deadlines, positions, replies, the outcome, and the table of comments as Word or Excel."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from tripartite.commissions.models import Commission
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
from tripartite.core.policy import Action, visible
from tripartite.partners.models import Organisation

from . import access, exports, queries, services
from .deadlines import ReferralDeadline
from .models import Article, DraftAct, DraftVersion, Position, Referral, Reply

router = Router(tags=["consultations"])
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)

# Schemas -----------------------------------------------------------------------------------------------------


class TextsIn(Schema):
    text_kk: str = ""
    text_ru: str = ""
    text_en: str = ""
    note: str = Field("", max_length=500, description="What changed in this version")


class DraftIn(trilingual_schema("DraftInTitles", "title"), TextsIn):  # type: ignore[misc]
    kind: Literal["law", "code_amendment", "government_decree", "ministerial_order", "programme", "akimat_decision"]
    drafter: int = Field(description="Id of the drafting body (an organisation of the partners register)")
    reference: str = Field("", max_length=100)


class DraftPatch(trilingual_schema("DraftPatchTitles", "title", kind="patch")):  # type: ignore[misc]
    kind: Literal["law", "code_amendment", "government_decree", "ministerial_order", "programme",
                  "akimat_decision"] | None = None
    reference: str | None = Field(None, max_length=100)


class ArticleOut(trilingual_schema("ArticleOutTexts", "heading", "text", kind="out")):  # type: ignore[misc]
    id: int
    key: str = Field(description="The number that matches the article across languages and versions")
    kind: str = Field(description="article, point or preamble")
    label: str
    missing_languages: list[str]


class DraftVersionOut(Schema):
    number: int
    note: str
    source_name: str
    created_at: Any
    articles: list[ArticleOut]


class VersionBrief(Schema):
    number: int
    note: str
    created_at: Any
    articles: int


class DeadlineOut(Schema):
    due: date
    days: int
    unit: str
    verified: bool = Field(description="False: the period is not confirmed against the law (or was set locally)")
    source: str
    source_url: str
    set_by_secretariat: bool


class ReferralBrief(Schema):
    id: int
    commission: Ref
    version: int
    referred_on: date
    deadline: DeadlineOut | None
    status: str = Field(description="open, due_today, overdue or closed")
    published_on: date | None


class DraftOut(trilingual_schema("DraftOutTitles", "title", kind="out")):  # type: ignore[misc]
    id: int
    kind: str
    kind_name: str
    title: str
    drafter: Ref
    reference: str
    outcome: str
    outcome_on: date | None
    act_number: str
    act_url: str
    published: bool
    is_demo: bool
    versions: list[VersionBrief]
    referrals: list[ReferralBrief]


class DraftDetail(DraftOut):
    latest: DraftVersionOut


class DraftPage(Schema):
    items: list[DraftOut]
    count: int


class DraftFilters(Schema):
    q: str = ""
    kind: str = ""
    outcome: str = Field("", pattern="^(|open|adopted|withdrawn)$")
    commission: int | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=100)


class SegmentOut(Schema):
    op: str = Field(description="equal, delete or insert")
    text: str


class ArticleChangeOut(Schema):
    key: str
    label: str
    status: str = Field(description="added, removed, changed or unchanged")
    old: ArticleOut | None
    new: ArticleOut | None
    diff: dict[str, list[SegmentOut]] = Field(description="Language → word diff, for the languages that changed")


class DiffOut(Schema):
    draft: int
    old: int
    new: int
    articles: list[ArticleChangeOut]


class ReferralIn(Schema):
    commission: int
    referred_on: date
    period_days: int | None = Field(None, ge=1, le=365, description="Empty: the jurisdiction pack's period")
    version: int | None = Field(None, description="Version number; empty: the latest")


class PublishIn(Schema):
    published_on: date


class OutcomeIn(Schema):
    outcome: Literal["adopted", "withdrawn"]
    outcome_on: date
    act_number: str = Field("", max_length=100)
    act_url: str = Field("", max_length=200)
    note: str = ""


class ReplyOut(trilingual_schema("ReplyOutReasons", "reason", kind="out")):  # type: ignore[misc]
    verdict: str
    verdict_name: str
    replied_at: Any


class PositionOut(trilingual_schema("PositionOutTexts", "wording", "reasons", kind="out")):  # type: ignore[misc]
    id: int
    article: int | None
    article_label: str | None
    side: str
    side_name: str
    organisation: Ref
    for_side: bool
    stance: str
    stance_name: str
    submitted_at: Any
    late: bool
    withdrawn_at: Any | None
    reply: ReplyOut | None


class ReferralOut(ReferralBrief):
    draft: Ref
    positions_visible: bool
    positions: list[PositionOut] | None = Field(description="null when the caller may not read them yet")


class PositionIn(trilingual_schema("PositionInTexts", "wording", "reasons")):  # type: ignore[misc]
    organisation: int
    side: Literal["state", "employers", "workers"]
    for_side: bool = False
    article: int | None = Field(None, description="Article id; empty: the draft as a whole")
    stance: Literal["support", "amend", "oppose", "no_opinion"]


class ReplyIn(trilingual_schema("ReplyInReasons", "reason")):  # type: ignore[misc]
    verdict: Literal["accepted", "partly", "rejected"]


# Output ------------------------------------------------------------------------------------------------------


def _ref(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "name": str(obj)}


def article_out(a: Article) -> dict[str, Any]:
    return {"id": a.pk, "key": a.key, "kind": a.kind, "label": a.label, "missing_languages": a.missing_languages(),
            **{c: getattr(a, c) for c in in_languages("heading", "text")}}


def version_out(v: DraftVersion) -> dict[str, Any]:
    return {"number": v.number, "note": v.note, "source_name": v.source_name, "created_at": v.created_at,
            "articles": [article_out(a) for a in v.articles.order_by("order")]}


def deadline_out(d: ReferralDeadline | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"due": d.due, "days": d.days, "unit": d.unit, "verified": d.verified, "source": d.source,
            "source_url": d.source_url, "set_by_secretariat": d.set_by_secretariat}


def referral_brief(r: Referral) -> dict[str, Any]:
    row = queries.referral_row(r)
    return {"id": r.pk, "commission": _ref(r.commission), "version": r.version.number, "referred_on": r.referred_on,
            "deadline": deadline_out(row.deadline), "status": row.status, "published_on": r.published_on}


def draft_out(d: DraftAct) -> dict[str, Any]:
    return {
        "id": d.pk, "kind": d.kind, "kind_name": d.get_kind_display(), "title": d.title, "drafter": _ref(d.drafter),
        "reference": d.reference, "outcome": d.outcome, "outcome_on": d.outcome_on, "act_number": d.act_number,
        "act_url": d.act_url, "published": d.published, "is_demo": d.is_demo,
        **{c: getattr(d, c) for c in in_languages("title")},
        "versions": [{"number": v.number, "note": v.note, "created_at": v.created_at, "articles": v.articles.count()}
                     for v in d.versions.all()],
        "referrals": [referral_brief(r) for r in d.referrals.select_related("commission", "version")],
    }


def position_out(p: Position, deadline: ReferralDeadline | None) -> dict[str, Any]:
    reply: Reply | None = getattr(p, "reply", None)
    return {
        "id": p.pk, "article": p.article_id, "article_label": p.article.label if p.article else None,
        "side": p.side, "side_name": p.side_name, "organisation": _ref(p.organisation), "for_side": p.for_side,
        "stance": p.stance, "stance_name": p.get_stance_display(), "submitted_at": p.submitted_at,
        "late": queries.is_late(p, deadline), "withdrawn_at": p.withdrawn_at,
        **{c: getattr(p, c) for c in in_languages("wording", "reasons")},
        "reply": None if reply is None else {
            "verdict": reply.verdict, "verdict_name": reply.get_verdict_display(), "replied_at": reply.replied_at,
            **{c: getattr(reply, c) for c in in_languages("reason")}},
    }


def referral_out(request: HttpRequest, r: Referral) -> dict[str, Any]:
    positions = queries.positions_of(current_user(request), r)
    deadline = queries.referral_row(r).deadline
    return {**referral_brief(r), "draft": _ref(r.draft), "positions_visible": positions is not None,
            "positions": None if positions is None else [position_out(p, deadline) for p in positions]}


# Input resolution --------------------------------------------------------------------------------------------


def _resolve(queryset: Any, field: str, message: str, **lookup: Any) -> Any:
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise ValidationError({field: message})
    return obj


def _draft(request: HttpRequest, draft_id: int) -> DraftAct:
    return get_or_404(queries.visible_drafts(current_user(request)), pk=draft_id)


def _referral(request: HttpRequest, referral_id: int) -> Referral:
    return queries.referral_for(current_user(request), referral_id)


def _refuse(request: HttpRequest) -> None:
    """The positions are not published and the caller is not among those who read working positions."""
    if not current_user(request).is_authenticated:
        raise HttpError(401, _("Sign in or send an API token to do this."))
    raise HttpError(403, _("The positions are not published yet: only the commission's members, its secretariat "
                           "and the drafting body read them."))


def _texts(payload: TextsIn) -> dict[str, str]:
    return {code: getattr(payload, f"text_{code}") for code in LANGUAGE_CODES}


# Drafts ------------------------------------------------------------------------------------------------------


@router.get("/drafts", response={200: DraftPage, **READ_ERRORS})
def list_drafts(request: HttpRequest, filters: Query[DraftFilters]) -> Any:
    """Draft acts the caller may see (anonymous callers: those a commission has published)."""
    drafts = queries.draft_list(user=current_user(request), q=filters.q, kind=filters.kind, outcome=filters.outcome,
                                commission=filters.commission)
    start = (filters.page - 1) * filters.page_size
    return {"items": [draft_out(d) for d in drafts[start:start + filters.page_size]], "count": drafts.count()}


@router.post("/drafts", response={201: DraftDetail, **WRITE_ERRORS})
def create_draft(request: HttpRequest, payload: DraftIn) -> Any:
    """Register a draft with its first version, cut into articles from the texts given (any language may be
    empty; at least one must have numbered articles or points, else 400 and nothing is stored)."""
    drafter = _resolve(Organisation.objects.all(), "drafter", _("No organisation has this id."), pk=payload.drafter)
    require(request, Action.CREATE, drafter, kind=DraftAct)
    draft = services.draft_create(
        by=current_user(request), drafter=drafter, kind=payload.kind, texts=_texts(payload), note=payload.note,
        reference=payload.reference, **{c: getattr(payload, c) for c in in_languages("title")})
    return Status(201, {**draft_out(draft), "latest": _latest_out(draft)})


def _latest_out(draft: DraftAct) -> dict[str, Any]:
    version = draft.latest_version()
    if version is None:  # a draft is created with its first version, so only a broken database has none
        raise Http404
    return version_out(version)


@router.get("/drafts/{int:draft_id}", response={200: DraftDetail, **READ_ERRORS})
def get_draft(request: HttpRequest, draft_id: int) -> Any:
    """A draft with the articles of its latest version."""
    draft = _draft(request, draft_id)
    return {**draft_out(draft), "latest": _latest_out(draft)}


@router.patch("/drafts/{int:draft_id}", response={200: DraftOut, **WRITE_ERRORS})
def update_draft(request: HttpRequest, draft_id: int, payload: DraftPatch) -> Any:
    draft = _draft(request, draft_id)
    require(request, Action.CHANGE, draft)
    data = payload.dict(exclude_unset=True)
    return draft_out(services.draft_update(draft=draft, by=current_user(request), data=data))


@router.get("/drafts/{int:draft_id}/versions/{int:number}", response={200: DraftVersionOut, **READ_ERRORS})
def get_version(request: HttpRequest, draft_id: int, number: int) -> Any:
    return version_out(queries.version_for(_draft(request, draft_id), number))


@router.post("/drafts/{int:draft_id}/versions", response={201: DraftVersionOut, **WRITE_ERRORS})
def add_version(request: HttpRequest, draft_id: int, payload: TextsIn) -> Any:
    """A new version from pasted texts; the earlier versions stay."""
    draft = _draft(request, draft_id)
    require(request, Action.CREATE, draft, kind=DraftVersion)
    version = services.version_add(draft=draft, by=current_user(request), texts=_texts(payload), note=payload.note)
    return Status(201, version_out(version))


@router.post("/drafts/{int:draft_id}/versions/docx", response={201: DraftVersionOut, **WRITE_ERRORS})
def add_version_from_docx(request: HttpRequest, draft_id: int, file: File[UploadedFile],
                          language: Form[Literal["kk", "ru", "en"]], note: Form[str] = "") -> Any:
    """A new version from a Word (.docx) file in one language (multipart: `file`, `language`, `note`).
    A file that is not a Word document, or without numbered articles: 400, nothing stored."""
    draft = _draft(request, draft_id)
    require(request, Action.CREATE, draft, kind=DraftVersion)
    text = services.text_of_docx(file.read(), language)
    version = services.version_add(draft=draft, by=current_user(request), texts={language: text}, note=note,
                                   source_name=file.name or "")
    return Status(201, version_out(version))


@router.post("/drafts/{int:draft_id}/versions/pdf", response={201: DraftVersionOut, **WRITE_ERRORS})
def add_version_from_pdf(request: HttpRequest, draft_id: int, file: File[UploadedFile],
                         language: Form[Literal["kk", "ru", "en"]], note: Form[str] = "") -> Any:
    """A new version from a PDF file with a text layer in one language (multipart: `file`, `language`, `note`).
    A file that is not a PDF, a scan without text, or a text without numbered articles: 400, nothing stored."""
    draft = _draft(request, draft_id)
    require(request, Action.CREATE, draft, kind=DraftVersion)
    text = services.text_of_pdf(file.read(), language)
    version = services.version_add(draft=draft, by=current_user(request), texts={language: text}, note=note,
                                   source_name=file.name or "")
    return Status(201, version_out(version))


@router.get("/drafts/{int:draft_id}/diff", response={200: DiffOut, **READ_ERRORS})
def diff(request: HttpRequest, draft_id: int, old: int = Query(..., alias="from"),  # noqa: B008
         new: int = Query(..., alias="to")) -> Any:  # noqa: B008
    """Article by article, what version `to` added, removed or changed compared with version `from`."""
    draft = _draft(request, draft_id)
    a, b = queries.version_for(draft, old), queries.version_for(draft, new)
    changes = queries.version_diff(a, b, LANGUAGE_CODES)
    return {"draft": draft.pk, "old": a.number, "new": b.number, "articles": [
        {"key": c.key, "label": c.label, "status": c.status,
         "old": article_out(c.old) if c.old else None, "new": article_out(c.new) if c.new else None,
         "diff": {lang: [{"op": s.op, "text": s.text} for s in segs] for lang, segs in c.segments.items()}}
        for c in changes]}


@router.post("/drafts/{int:draft_id}/outcome", response={200: DraftOut, **WRITE_ERRORS})
def record_outcome(request: HttpRequest, draft_id: int, payload: OutcomeIn) -> Any:
    """Adopted (number, date, link) or withdrawn: closes every consultation on the draft."""
    draft = _draft(request, draft_id)
    require(request, Action.CHANGE, draft)
    return draft_out(services.draft_close(draft=draft, by=current_user(request), **payload.dict()))


@router.post("/drafts/{int:draft_id}/referrals", response={201: ReferralOut, **WRITE_ERRORS})
def refer(request: HttpRequest, draft_id: int, payload: ReferralIn) -> Any:
    """Refer the draft to a commission (by its secretariat); the deadline is computed on the working calendar."""
    draft = _draft(request, draft_id)
    user = current_user(request)
    commission = _resolve(visible(user, Commission.objects.all()), "commission", _("No commission has this id."),
                          pk=payload.commission)
    require(request, Action.CREATE, commission, kind=Referral)
    version = None
    if payload.version is not None:
        version = _resolve(draft.versions.all(), "version", _("The draft has no such version."), number=payload.version)
    referral = services.referral_create(draft=draft, by=user, commission=commission, referred_on=payload.referred_on,
                                        period_days=payload.period_days, version=version)
    return Status(201, referral_out(request, referral))


# Referrals ---------------------------------------------------------------------------------------------------


@router.get("/open", response={200: list[ReferralOut], **READ_ERRORS})
def open_consultations(request: HttpRequest) -> Any:
    """Consultations still open, soonest deadline first (anonymous callers: the published ones)."""
    return [referral_out(request, row.referral) for row in queries.open_referrals(current_user(request))]


@router.get("/referrals/{int:referral_id}", response={200: ReferralOut, **READ_ERRORS})
def get_referral(request: HttpRequest, referral_id: int) -> Any:
    """A referral with its deadline and, for those who may read them, the positions and replies."""
    return referral_out(request, _referral(request, referral_id))


@router.get("/referrals/{int:referral_id}/positions", response={200: list[PositionOut], **READ_ERRORS})
def list_positions(request: HttpRequest, referral_id: int) -> Any:
    """The positions with their replies; before publication only for the commission's members, its secretariat
    and the drafting body (401 anonymous, 403 others)."""
    referral = _referral(request, referral_id)
    positions = queries.positions_of(current_user(request), referral)
    if positions is None:
        _refuse(request)
    deadline = queries.referral_row(referral).deadline
    return [position_out(p, deadline) for p in positions or []]


@router.post("/referrals/{int:referral_id}/publish", response={200: ReferralOut, **WRITE_ERRORS})
def publish(request: HttpRequest, referral_id: int, payload: PublishIn) -> Any:
    referral = _referral(request, referral_id)
    require(request, Action.CHANGE, referral)
    return referral_out(request, services.referral_publish(referral=referral, by=current_user(request),
                                                           published_on=payload.published_on))


@router.post("/referrals/{int:referral_id}/positions", response={201: PositionOut, **WRITE_ERRORS})
def add_position(request: HttpRequest, referral_id: int, payload: PositionIn) -> Any:
    """A position of an organisation under its side (`for_side`: for the whole side, by its coordinator).
    Organisation not seated on that side: 403; after the outcome: 409; after the deadline: accepted, `late`."""
    referral = _referral(request, referral_id)
    user = current_user(request)
    organisation = _resolve(Organisation.objects.all(), "organisation", _("No organisation has this id."),
                            pk=payload.organisation)
    require(request, Action.CREATE, organisation, kind=Position)
    article = None
    if payload.article is not None:
        article = _resolve(Article.objects.filter(version__draft=referral.draft), "article",
                           _("The draft has no article with this id."), pk=payload.article)
    position = services.position_add(
        referral=referral, by=user, organisation=organisation, side=payload.side, for_side=payload.for_side,
        article=article, stance=payload.stance, **{c: getattr(payload, c) for c in in_languages("wording", "reasons")})
    return Status(201, position_out(position, queries.referral_row(referral).deadline))


def _position(request: HttpRequest, position_id: int) -> Position:
    position = get_or_404(Position.objects.select_related("referral", "organisation"), pk=position_id)
    referral = _referral(request, position.referral_id)
    if not access.may_read_positions(current_user(request), referral):
        _refuse(request)
    return position


@router.post("/positions/{int:position_id}/withdraw", response={200: PositionOut, **WRITE_ERRORS})
def withdraw_position(request: HttpRequest, position_id: int) -> Any:
    """Withdraw a position: it stays on record, marked withdrawn."""
    position = _position(request, position_id)
    require(request, Action.CHANGE, position)
    position = services.position_withdraw(position=position, by=current_user(request))
    return position_out(position, queries.referral_row(position.referral).deadline)


@router.put("/positions/{int:position_id}/reply", response={200: PositionOut, **WRITE_ERRORS})
def reply(request: HttpRequest, position_id: int, payload: ReplyIn) -> Any:
    """The drafting body's reply (only its editors and secretaries: 403 for anyone else). Rejected or partly
    accepted without a reason: 422."""
    position = _position(request, position_id)
    require(request, Action.CREATE, position.referral.draft, kind=Reply)
    services.reply_save(position=position, by=current_user(request), verdict=payload.verdict,
                        **{c: getattr(payload, c) for c in in_languages("reason")})
    position = Position.objects.select_related("reply", "referral", "organisation", "article").get(pk=position.pk)
    return position_out(position, queries.referral_row(position.referral).deadline)


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _table(request: HttpRequest, referral_id: int, lang: str | None) -> tuple[Referral, list[Position], str]:
    referral = _referral(request, referral_id)
    positions = queries.positions_of(current_user(request), referral)
    if positions is None:
        _refuse(request)
    return referral, list(positions or []), lang or current_language()


class TableQuery(Schema):
    lang: Literal["kk", "ru", "en"] | None = Field(None, description="Language of the table; default: the request's")


@router.get("/referrals/{int:referral_id}/table.docx", response={200: None, **READ_ERRORS}, openapi_extra={
    "responses": {200: {"description": "The table of comments and proposals (Word, landscape)",
                        "content": {_DOCX: {}}}}})
def table_docx(request: HttpRequest, referral_id: int, query: Query[TableQuery]):  # type: ignore[no-untyped-def]
    referral, positions, lang = _table(request, referral_id, query.lang)
    response = HttpResponse(exports.table_docx(referral, positions, lang), content_type=_DOCX)
    response["Content-Disposition"] = f'attachment; filename="consultation-{referral.pk}-{lang}.docx"'
    return response


@router.get("/referrals/{int:referral_id}/table.xlsx", response={200: None, **READ_ERRORS}, openapi_extra={
    "responses": {200: {"description": "The table of comments and proposals (Excel)", "content": {_XLSX: {}}}}})
def table_xlsx(request: HttpRequest, referral_id: int, query: Query[TableQuery]):  # type: ignore[no-untyped-def]
    referral, positions, lang = _table(request, referral_id, query.lang)
    response = HttpResponse(exports.table_xlsx(referral, positions, lang), content_type=_XLSX)
    response["Content-Disposition"] = f'attachment; filename="consultation-{referral.pk}-{lang}.xlsx"'
    return response
