"""API of the principles app: the taxonomy with its crosswalk, what touches a principle or a convention, the
principles an agreement covers, the tags of a record and the tag write operations, and the SKOS/CSV downloads."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from tripartite.agreements.models import Agreement, Topic
from tripartite.core.api_support import READ_ERRORS, WRITE_ERRORS, CodeRef, Ref, current_user, get_or_404
from tripartite.core.i18n import in_languages
from tripartite.core.policy import visible

from . import exports, queries, services, taggables
from .models import Convention, Principle, SdgTarget, Tag

router = Router(tags=["principles"])


class ConventionOut(Schema):
    code: str
    number: int
    title: str
    title_kk: str
    title_ru: str
    title_en: str
    ratified: Literal["ratified", "not_ratified", "unknown"]
    ratified_on: date | None
    ratified_year: int | None
    ratification_act: str
    ratification_verified: bool = Field(description="False: no retrieved source confirms the ratification; show "
                                                    "it as unverified")
    source: str
    source_url: str
    source_note: str


class SdgTargetOut(Schema):
    code: str
    title: str


class PrincipleOut(Schema):
    code: str
    number: int
    name: str
    name_kk: str
    name_ru: str
    name_en: str
    summary: str
    article: str
    related_articles: list[str]
    article_verified: bool = Field(description="False: the article is not confirmed against the official text")
    source: str
    source_url: str
    source_note: str
    clause_topics: list[CodeRef]
    indicators: list[str]
    conventions: list[ConventionOut]
    sdg_targets: list[SdgTargetOut]


class TaggedItemOut(Schema):
    kind: str = Field(description="app_label.model_name of the record, e.g. agreements.clause")
    kind_name: str
    id: int
    label: str
    context: str = Field(description="The agreement, commission, draft or questionnaire the record belongs to")
    url: str
    how: Literal["tag", "topic", "principle"] = Field(
        description="tag: tagged; topic: by its clause topic; principle: through a crosswalked principle")
    via: list[str]


class PrincipleIndicatorOut(Schema):
    code: str
    title: str
    registered: bool


class PrincipleCoverageOut(Schema):
    code: str
    carries: list[TaggedItemOut] = Field(description="Clauses, commitments, decisions, draft articles that touch it")
    measures: list[TaggedItemOut] = Field(description="Survey questions that measure it")
    indicators: list[PrincipleIndicatorOut]
    nothing_carries: bool
    nothing_measures: bool


class PrincipleTagIn(Schema):
    kind: str = Field(description="app_label.model_name of the record, e.g. agreements.clause")
    id: int
    principle: str | None = Field(None, description="A principle's code (P01…); give this or a convention")
    convention: str | None = Field(None, description="A convention's code (C087…)")
    applies: bool = Field(True, description="False (principles only): the record does not touch the principle "
                                            "although its clause topic maps to it")


class PrincipleTagOut(Schema):
    id: int
    kind: str
    record: int
    principle: str | None
    convention: str | None
    applies: bool


class TaggedRecordOut(Schema):
    kind: str
    id: int
    label: str
    principles: list[str] = Field(description="Codes of the principles the record touches (defaults and tags)")
    defaults: list[str] = Field(description="Codes of the principles its clause topic maps to")
    conventions: list[str]
    tags: list[PrincipleTagOut]


class TaggedRecordQuery(Schema):
    kind: str
    id: int


class AgreementPrincipleOut(Schema):
    principle: str
    name: str
    covered: bool
    clauses: list[Ref]
    commitments: list[Ref]


class AgreementCoverageOut(Schema):
    agreement: Ref
    principles: list[AgreementPrincipleOut]


def convention_out(c: Convention) -> dict[str, Any]:
    return {"code": c.code, "number": c.number, "title": c.title,
            **{column: getattr(c, column) for column in in_languages("title")}, "ratified": c.ratified, "ratified_on": c.ratified_on,
            "ratified_year": c.ratified_year, "ratification_act": c.ratification_act,
            "ratification_verified": c.ratification_verified, "source": c.source_title, "source_url": c.source_url,
            "source_note": c.source_note}


def principle_out(p: Principle) -> dict[str, Any]:
    return {
        "code": p.code, "number": p.number, "name": p.name,
        **{column: getattr(p, column) for column in in_languages("name")}, "summary": p.summary, "article": p.article, "related_articles": p.related_articles,
        "article_verified": p.article_verified, "source": p.source_title, "source_url": p.source_url,
        "source_note": p.source_note,
        "clause_topics": [{"code": t, "name": str(Topic(t).label) if t in Topic.values else t}
                          for t in p.clause_topics],
        "indicators": p.indicators, "conventions": [convention_out(c) for c in p.conventions.all()],
        "sdg_targets": [{"code": t.code, "title": t.title} for t in p.sdg_targets.all()],
    }


def _item_out(item: queries.Item) -> dict[str, Any]:
    return {"kind": item.kind.key, "kind_name": str(item.kind.label), "id": item.obj.pk, "label": item.label,
            "context": str(item.context), "url": item.url, "how": item.how, "via": [p.code for p in item.via]}


def _coverage_out(code: str, coverage: queries.Coverage) -> dict[str, Any]:
    by_role: dict[str, list[dict[str, Any]]] = {taggables.Role.CARRIES: [], taggables.Role.MEASURES: []}
    for key, items in coverage.items.items():
        kind = taggables.kind(key)
        assert kind is not None
        by_role[kind.role].extend(_item_out(i) for i in items)
    return {"code": code, "carries": by_role[taggables.Role.CARRIES], "measures": by_role[taggables.Role.MEASURES],
            "indicators": [{"code": r.code, "title": r.title, "registered": r.registered} for r in coverage.indicators],
            "nothing_carries": coverage.nothing_carries, "nothing_measures": coverage.nothing_measures}


def _tag_out(tag: Tag) -> dict[str, Any]:
    return {"id": tag.pk, "kind": f"{tag.content_type.app_label}.{tag.content_type.model}", "record": tag.object_id,
            "principle": tag.principle.code if tag.principle else None,
            "convention": tag.convention.code if tag.convention else None, "applies": tag.applies}


def _record(request: HttpRequest, kind: str, pk: int) -> tuple[taggables.TaggableKind, Any]:
    if taggables.kind(kind) is None:
        raise HttpError(400, _("This kind of record cannot be tagged with principles."))
    found = queries.record_for(current_user(request), kind, pk)
    if found is None:
        raise HttpError(404, _("No record of this kind has this id, or you may not see it."))
    return found


@router.get("", response={200: list[PrincipleOut], **READ_ERRORS})
def list_principles(request: HttpRequest) -> Any:
    """The principles of the jurisdiction's labour law with their ILO conventions and SDG targets."""
    return [principle_out(p) for p in queries.principles()]


@router.get("/conventions", response={200: list[ConventionOut], **READ_ERRORS})
def list_conventions(request: HttpRequest) -> Any:
    """The ILO conventions of the crosswalk and whether the country ratified each (with its source)."""
    return [convention_out(c) for c in Convention.objects.all()]


@router.get("/conventions/{code}/items", response={200: PrincipleCoverageOut, **READ_ERRORS})
def convention_items(request: HttpRequest, code: str) -> Any:
    """The records that touch a convention: tagged with it, or through a principle crosswalked to it."""
    convention = get_or_404(queries.conventions(), code=code)
    return _coverage_out(convention.code, queries.convention_coverage(convention, current_user(request)))


@router.get("/sdg-targets", response={200: list[SdgTargetOut], **READ_ERRORS})
def list_sdg_targets(request: HttpRequest) -> Any:
    return [{"code": t.code, "title": t.title} for t in SdgTarget.objects.all()]


@router.get("/agreements/{int:agreement_id}", response={200: AgreementCoverageOut, **READ_ERRORS})
def agreement_principles(request: HttpRequest, agreement_id: int) -> Any:
    """Which principles the clauses and commitments of an agreement cover."""
    agreement = get_or_404(visible(current_user(request), Agreement.objects.all()), pk=agreement_id)
    return {"agreement": {"id": agreement.pk, "name": agreement.title}, "principles": [
        {"principle": row.principle.code, "name": row.principle.name, "covered": row.covered,
         "clauses": [{"id": c.pk, "name": str(c)} for c in row.clauses],
         "commitments": [{"id": c.pk, "name": c.text} for c in row.commitments]}
        for row in queries.agreement_coverage(agreement)]}


@router.get("/tags", response={200: TaggedRecordOut, **READ_ERRORS})
def record_tags(request: HttpRequest, query: Query[TaggedRecordQuery]) -> Any:
    """The principles and conventions of one record, and the tags behind them."""
    kind, obj = _record(request, query.kind, query.id)
    return {"kind": kind.key, "id": obj.pk, "label": kind.describe(obj),
            "principles": [p.code for p in queries.principles_of(kind, obj)],
            "defaults": [p.code for p in queries.default_principles(kind, obj)],
            "conventions": [c.code for c in queries.conventions_of(obj)],
            "tags": [_tag_out(t) for t in queries.tags_of(obj)]}


@router.post("/tags", response={201: PrincipleTagOut, **WRITE_ERRORS})
def create_tag(request: HttpRequest, payload: PrincipleTagIn) -> Any:
    """Tag a record with a principle or a convention (who may change the record may tag it). An unknown principle
    or convention is refused with 400 and nothing is stored."""
    _kind, obj = _record(request, payload.kind, payload.id)
    principle = convention = None
    if payload.principle is not None:
        principle = Principle.objects.filter(code=payload.principle).first()
        if principle is None:
            raise services.TagError(_("No principle has this code."), field="principle")
    if payload.convention is not None:
        convention = Convention.objects.filter(code=payload.convention).first()
        if convention is None:
            raise services.TagError(_("No convention has this code."), field="convention")
    tag = services.tag_add(by=current_user(request), target=obj, principle=principle, convention=convention,
                           applies=payload.applies)
    return Status(201, _tag_out(tag))


@router.delete("/tags/{int:tag_id}", response={204: None, **WRITE_ERRORS})
def delete_tag(request: HttpRequest, tag_id: int) -> Any:
    tag = get_or_404(Tag.objects.select_related("content_type", "principle", "convention"), pk=tag_id)
    target = tag.target
    kind = taggables.kind_of(target) if target is not None else None
    if kind is not None and not kind.visible(current_user(request)).filter(pk=target.pk).exists():
        raise HttpError(404, _("Not found."))
    services.tag_remove(by=current_user(request), tag=tag)
    return Status(204, None)


_EXPORT_TYPES = {fmt: media for fmt, (_name, media) in exports.FORMATS.items()}


@router.get("/export/{fmt}", response={200: None, **READ_ERRORS}, openapi_extra={
    "responses": {200: {"description": "The taxonomy and crosswalk: SKOS as Turtle or JSON-LD, or CSV",
                        "content": {media.split(";")[0]: {} for media in _EXPORT_TYPES.values()}}}})
def export(request: HttpRequest, fmt: Literal["ttl", "jsonld", "csv"]):  # type: ignore[no-untyped-def]
    if fmt == "csv":
        body = "\ufeff" + exports.crosswalk_csv()
    else:
        body = exports.skos(request.build_absolute_uri(reverse("principles:list")), fmt)
    response = HttpResponse(body, content_type=_EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="principles.{fmt}"'
    return response


@router.get("/{code}", response={200: PrincipleOut, **READ_ERRORS})
def get_principle(request: HttpRequest, code: str) -> Any:
    return principle_out(get_or_404(queries.principles(), code=code))


@router.get("/{code}/items", response={200: PrincipleCoverageOut, **READ_ERRORS})
def principle_items(request: HttpRequest, code: str) -> Any:
    """The records that touch a principle (tags and clause topics) and the questions and indicators measuring it."""
    principle = get_or_404(queries.principles(), code=code)
    return _coverage_out(principle.code, queries.principle_coverage(principle, current_user(request)))
