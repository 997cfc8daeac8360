"""API endpoints of the surveys app (collect): questionnaires, campaigns, invitations and submitting a response.

Submitting a response is anonymous: that one operation has `auth=None`, because the platform's authentication
(core.api_support.PlatformAuth) answers 401 to every anonymous write. It needs no CSRF token (it acts for no
user and changes nothing but its own response), is rate-limited per hashed address like the web form, and runs
the same validation and idempotency as the form (services.submit_response).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tripartite.core.api_support import (
    MAX_PAGE,
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorBody,
    Ref,
    current_user,
    require,
    trilingual_schema,
)
from tripartite.core.i18n import in_languages
from tripartite.core.policy import Action
from tripartite.core.throttle import client_address
from tripartite.languages import LANGUAGES
from tripartite.partners.models import Organisation
from tripartite.surveys.collect import queries, services
from tripartite.surveys.models import Campaign, Question, Questionnaire, QuestionnaireVersion, Response

router = Router(tags=["surveys"])


# Schemas ------------------------------------------------------------------------------------------------------


class Texts(Schema):
    kk: str
    ru: str
    en: str


class OptionIO(trilingual_schema("OptionLabels", "label")):  # type: ignore[misc]
    code: int
    name: str = Field("", description="The option's name in conditions and XLSForm files; empty: its code")


class QuestionIn(trilingual_schema("QuestionTexts", "text", "help", "constraint_message")):  # type: ignore[misc]
    code: str = Field(description="Stable code: ^[a-z][a-z0-9_]{0,39}$")
    kind: Literal["single", "multiple", "number", "text", "decimal", "date", "note", "calculate"] = "single"
    required: bool = True
    ordinal: bool = False
    min_value: int | None = None
    max_value: int | None = None
    relevance: str = Field("", description="Asked only if this XLSForm expression holds, e.g. ${age} >= 18")
    constraint: str = Field("", description="The answer (“.”) must make this expression true, e.g. . <= 80")
    required_if: str = Field("", description="Must be answered when this expression holds")
    calculation: str = Field("", description="The expression a calculated value stores (kind calculate)")
    default: str = Field("", description="Default answer (an option's name for a choice)")
    options: list[OptionIO] = []


class QuestionOut(QuestionIn):
    text: Texts
    help: Texts
    constraint_message: Texts


class VersionRef(Schema):
    number: int
    status: str
    published_at: datetime | None


class VersionOut(VersionRef):
    questionnaire: str
    intro: Texts
    questions: list[QuestionOut]


class QuestionnaireOut(trilingual_schema("QuestionnaireTitlesOut", "title", kind="out")):  # type: ignore[misc]
    code: str
    title: str
    owner: Ref | None
    is_template: bool
    versions: list[VersionRef]


class VersionSource(Schema):
    questionnaire: str
    version: int


class QuestionnaireIn(trilingual_schema("QuestionnaireTitlesIn", "title")):  # type: ignore[misc]
    owner: int = Field(description="Id of the owner organisation")
    code: str = Field(description="Slug, unique on the platform")
    copy_from: VersionSource | None = Field(None, description="Copy the questions of this version into draft 1")
    questions: list[QuestionIn] | None = Field(None, description="Or give the questions of draft 1 directly")


class QuestionnairePatch(trilingual_schema("QuestionnaireTitlesPatch", "title", kind="patch")):  # type: ignore[misc]
    pass


class CampaignOut(trilingual_schema("CampaignTitlesOut", "title", kind="out")):  # type: ignore[misc]
    slug: str
    title: str
    owner: Ref
    questionnaire: str
    version: int
    opens_on: date
    closes_on: date | None
    languages: list[str]
    mode: str = Field(description="open, invitation or snowball")
    results_public: bool
    suppression_k: int
    published: bool
    is_demo: bool
    state: str = Field(description="upcoming, open or closed (Almaty dates)")
    form_url: str = Field(description="The respondent's form")
    responses: int | None = Field(description="Number of responses; null when you may not see the results")
    questions: list[QuestionOut]


class CampaignPage(Schema):
    items: list[CampaignOut]
    count: int


class CampaignFilters(Schema):
    q: str = ""
    state: str = Field("", pattern="^(|open|closed|upcoming)$")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=100)


class CampaignIn(trilingual_schema("CampaignTitlesIn", "title")):  # type: ignore[misc]
    slug: str
    owner: int = Field(description="Id of the owner organisation")
    questionnaire: str = Field(description="Questionnaire code")
    version: int = Field(description="A published version number of that questionnaire")
    opens_on: date
    closes_on: date | None = None
    languages: list[str] = list(LANGUAGES)
    mode: Literal["open", "invitation", "snowball"] = "open"
    results_public: bool = False
    suppression_k: int = Field(5, ge=1, le=100)
    published: bool = True


class CampaignPatch(trilingual_schema("CampaignTitlesPatch", "title", kind="patch")):  # type: ignore[misc]
    slug: str | None = None
    questionnaire: str | None = None
    version: int | None = None
    opens_on: date | None = None
    closes_on: date | None = None
    languages: list[str] | None = None
    mode: Literal["open", "invitation", "snowball"] | None = None
    results_public: bool | None = None
    suppression_k: int | None = Field(None, ge=1, le=100)
    published: bool | None = None


class InvitationsIn(Schema):
    count: int = Field(ge=1, le=services.MAX_INVITATIONS_PER_BATCH)


class InvitationOut(Schema):
    token: str
    link: str


class InvitationsOut(Schema):
    items: list[InvitationOut]


class ResponseIn(Schema):
    answers: dict[str, Any] = Field(description="{question code: value}: an option code, a list of codes, a number or text")
    idempotency_key: str = Field(min_length=1, max_length=64, description="Sending the same key again stores nothing new")
    invitation: str | None = Field(None, description="The invitation token (invitation campaigns)")
    referral: str | None = Field(None, description="The referral code of the link that brought the respondent")
    language: str | None = Field(None, description="kk, ru or en; default: the request's language")


class ResponseOut(Schema):
    referral_code: str = Field(description="The respondent's own referral code")
    referral_link: str | None = Field(description="The respondent's link to pass on (snowball campaigns)")
    wave: int
    submitted_at: datetime
    replayed: bool = Field(description="True when this key had already been submitted (nothing new stored)")


# Output -------------------------------------------------------------------------------------------------------


def _texts(obj: Any, field: str) -> dict[str, str]:
    return {code: getattr(obj, f"{field}_{code}") for code in LANGUAGES}


def _fields(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: getattr(obj, field) for field in fields}


def question_out(q: Question) -> dict[str, Any]:
    return {
        **_fields(q, services.QUESTION_FIELDS), "text": _texts(q, "text"), "help": _texts(q, "help"),
        "constraint_message": _texts(q, "constraint_message"),
        "options": [_fields(o, services.OPTION_FIELDS) for o in q.sorted_options()],
    }


def version_out(v: QuestionnaireVersion) -> dict[str, Any]:
    return {
        "questionnaire": v.questionnaire.code, "number": v.number, "status": v.status, "published_at": v.published_at,
        "intro": _texts(v, "intro"), "questions": [question_out(q) for q in v.ordered_questions()],
    }


def questionnaire_out(q: Questionnaire) -> dict[str, Any]:
    return {
        "code": q.code, "title": q.title, **_fields(q, in_languages("title")),
        "owner": {"id": q.owner.pk, "name": q.owner.name} if q.owner else None, "is_template": q.is_template,
        "versions": [
            {"number": v.number, "status": v.status, "published_at": v.published_at} for v in q.versions.order_by("number")
        ],
    }


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def campaign_out(request: HttpRequest, c: Campaign, *, questions: bool = True) -> dict[str, Any]:
    user = current_user(request)
    return {
        "slug": c.slug, "title": c.title, **_fields(c, in_languages("title")),
        "owner": {"id": c.owner.pk, "name": c.owner.name}, "questionnaire": c.version.questionnaire.code,
        "version": c.version.number, "opens_on": c.opens_on, "closes_on": c.closes_on, "languages": c.languages,
        "mode": c.mode, "results_public": c.results_public, "suppression_k": c.suppression_k,
        "published": c.published, "is_demo": c.is_demo, "state": c.state(),
        "form_url": _absolute(request, reverse("surveys:respond", args=[c.slug])),
        "responses": c.responses.count() if queries.may_see_results(user, c) else None,
        "questions": [question_out(q) for q in c.version.ordered_questions()] if questions else [],
    }


def _page(queryset: QuerySet[Any], page: int, page_size: int) -> tuple[list[Any], int]:
    count = queryset.count()
    start = (page - 1) * page_size
    return list(queryset[start : start + page_size]), count


def _organisation(pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise ValidationError({"owner": _("No organisation has the id %(id)s.") % {"id": pk}})
    return organisation


def _version_by_code(user: Any, code: str, number: int, field: str = "version") -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.filter(
        questionnaire__in=queries.visible_questionnaires(user), questionnaire__code=code, number=number
    ).select_related("questionnaire").first()
    if version is None:
        raise ValidationError({field: _("No questionnaire %(code)s has a version %(n)s.") % {"code": code, "n": number}})
    return version


def _question_rows(items: list[QuestionIn]) -> list[dict[str, Any]]:
    return [{**q.dict(exclude={"options"}), "options": [o.dict() for o in q.options]} for q in items]


# Questionnaires -----------------------------------------------------------------------------------------------


@router.get("/questionnaires", response={200: list[QuestionnaireOut], **READ_ERRORS})
def list_questionnaires(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Built-in templates, and the questionnaires you may see (role holders see all)."""
    return [questionnaire_out(q) for q in queries.questionnaire_rows(current_user(request))]


@router.post("/questionnaires", response={201: QuestionnaireOut, **WRITE_ERRORS})
def create_questionnaire(request: HttpRequest, payload: QuestionnaireIn):  # type: ignore[no-untyped-def]
    """A questionnaire of an organisation you edit, with draft version 1 (copied, given, or empty)."""
    user = current_user(request)
    owner = _organisation(payload.owner)
    require(request, Action.CREATE, owner, kind=Questionnaire)
    copy_from = None
    if payload.copy_from is not None:
        copy_from = _version_by_code(user, payload.copy_from.questionnaire, payload.copy_from.version, "copy_from")
    questionnaire = services.questionnaire_create(
        by=user, owner=owner, code=payload.code, copy_from=copy_from,
        **payload.dict(include=set(services.QUESTIONNAIRE_FIELDS)),
    )
    if payload.questions is not None:
        services.questions_replace(version=questionnaire.versions.get(number=1), by=user,
                                   questions=_question_rows(payload.questions))
    return Status(201, questionnaire_out(questionnaire))


@router.get("/questionnaires/{code}", response={200: QuestionnaireOut, **READ_ERRORS})
def get_questionnaire(request: HttpRequest, code: str):  # type: ignore[no-untyped-def]
    return questionnaire_out(queries.questionnaire_for(current_user(request), code))


@router.patch("/questionnaires/{code}", response={200: QuestionnaireOut, **WRITE_ERRORS})
def patch_questionnaire(request: HttpRequest, code: str, payload: QuestionnairePatch):  # type: ignore[no-untyped-def]
    questionnaire = queries.questionnaire_for(current_user(request), code)
    require(request, Action.CHANGE, questionnaire)
    data = payload.dict(exclude_unset=True)
    return questionnaire_out(services.questionnaire_update(questionnaire=questionnaire, by=current_user(request), data=data))


@router.get("/questionnaires/{code}/versions/{int:number}", response={200: VersionOut, **READ_ERRORS})
def get_version(request: HttpRequest, code: str, number: int):  # type: ignore[no-untyped-def]
    """One version with its questions and options (the codes stored in answers)."""
    questionnaire = queries.questionnaire_for(current_user(request), code)
    return version_out(queries.version_of(questionnaire, number))


@router.post("/questionnaires/{code}/versions", response={201: VersionOut, **WRITE_ERRORS})
def new_version(request: HttpRequest, code: str):  # type: ignore[no-untyped-def]
    """The draft to edit: the latest version if it is a draft, else a copy of the latest as a new draft."""
    questionnaire = queries.questionnaire_for(current_user(request), code)
    require(request, Action.CHANGE, questionnaire)
    return Status(201, version_out(services.version_new_draft(questionnaire=questionnaire, by=current_user(request))))


@router.put("/questionnaires/{code}/versions/{int:number}/questions", response={200: VersionOut, **WRITE_ERRORS})
def put_questions(request: HttpRequest, code: str, number: int, payload: list[QuestionIn]):  # type: ignore[no-untyped-def]
    """Replace the questions of a draft version (409 for a published, frozen version)."""
    questionnaire = queries.questionnaire_for(current_user(request), code)
    require(request, Action.CHANGE, questionnaire)
    version = queries.version_of(questionnaire, number)
    services.questions_replace(version=version, by=current_user(request), questions=_question_rows(payload))
    return version_out(version)


@router.post("/questionnaires/{code}/versions/{int:number}/publish", response={200: VersionOut, **WRITE_ERRORS})
def publish_version(request: HttpRequest, code: str, number: int):  # type: ignore[no-untyped-def]
    questionnaire = queries.questionnaire_for(current_user(request), code)
    require(request, Action.CHANGE, questionnaire)
    version = services.version_publish(version=queries.version_of(questionnaire, number), by=current_user(request))
    return version_out(version)


# Campaigns ----------------------------------------------------------------------------------------------------


@router.get("/campaigns", response={200: CampaignPage, **READ_ERRORS})
def list_campaigns(request: HttpRequest, filters: Query[CampaignFilters]):  # type: ignore[no-untyped-def]
    """Campaigns you may see (published ones for anonymous callers); filter by text and state."""
    queryset = queries.campaign_list(user=current_user(request), q=filters.q, state=filters.state)
    items, count = _page(queryset, filters.page, filters.page_size)
    return {"items": [campaign_out(request, c, questions=False) for c in items], "count": count}


@router.post("/campaigns", response={201: CampaignOut, **WRITE_ERRORS})
def create_campaign(request: HttpRequest, payload: CampaignIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    owner = _organisation(payload.owner)
    require(request, Action.CREATE, owner, kind=Campaign)
    data = payload.dict(exclude={"owner", "questionnaire", "version"})
    version = _version_by_code(user, payload.questionnaire, payload.version)
    campaign = services.campaign_create(by=user, owner=owner, version=version, **data)
    return Status(201, campaign_out(request, campaign))


@router.get("/campaigns/{slug}", response={200: CampaignOut, **READ_ERRORS})
def get_campaign(request: HttpRequest, slug: str):  # type: ignore[no-untyped-def]
    """A campaign with its questions (what a form needs)."""
    return campaign_out(request, queries.campaign_for(current_user(request), slug))


@router.patch("/campaigns/{slug}", response={200: CampaignOut, **WRITE_ERRORS})
def patch_campaign(request: HttpRequest, slug: str, payload: CampaignPatch):  # type: ignore[no-untyped-def]
    user = current_user(request)
    campaign = queries.campaign_for(user, slug)
    require(request, Action.CHANGE, campaign)
    data = payload.dict(exclude_unset=True)
    code, number = data.pop("questionnaire", None), data.pop("version", None)
    if number is not None:
        data["version"] = _version_by_code(user, code or campaign.version.questionnaire.code, number)
    # A null for a field that must have a value leaves it as it is; a null title is emptied (core.writes.apply_changes).
    for field in ("slug", "opens_on", "languages", "mode", "results_public", "suppression_k", "published"):
        if field in data and data[field] is None:
            del data[field]
    return campaign_out(request, services.campaign_update(campaign=campaign, by=user, data=data))


@router.post("/campaigns/{slug}/invitations", response={201: InvitationsOut, **WRITE_ERRORS})
def create_invitations(request: HttpRequest, slug: str, payload: InvitationsIn):  # type: ignore[no-untyped-def]
    """Generate one-time invitation tokens, with their links (invitation campaigns)."""
    campaign = queries.campaign_for(current_user(request), slug)
    require(request, Action.CHANGE, campaign)
    created = services.invitations_generate(campaign=campaign, by=current_user(request), count=payload.count)
    base = _absolute(request, reverse("surveys:respond", args=[campaign.slug]))
    return Status(201, {"items": [{"token": i.token, "link": f"{base}?i={i.token}"} for i in created]})


@router.post(
    "/campaigns/{slug}/responses", auth=None,
    response={200: ResponseOut, 201: ResponseOut, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody,
              429: ErrorBody},
)
def submit_response(request: HttpRequest, slug: str, payload: ResponseIn):  # type: ignore[no-untyped-def]
    """Submit one anonymous response (no authentication). 201 with the respondent's referral link; 200 with the same
    body for a replayed idempotency key; 422 for invalid answers (errors per question code); 409 for a used
    invitation; 403 when the campaign is closed or needs an invitation; 429 when too many come from one address."""
    campaign = queries.public_campaign(slug)
    if not services.register_attempt(client_address(request)):
        raise services.RateLimited(_("Too many answers were sent from your connection in the last hour. "
                                     "Please try again later."))
    language = payload.language if payload.language in LANGUAGES else (get_language() or "ru").split("-")[0]
    with translation.override(language):
        response, created = services.submit_response(
            campaign, payload.answers, idempotency_key=payload.idempotency_key, invitation=payload.invitation,
            referral=payload.referral, language=language, source=Response.Source.API,
        )
    link = None
    if campaign.is_snowball:
        link = _absolute(request, reverse("surveys:respond", args=[campaign.slug]) + f"?ref={response.referral_code}")
    body = {
        "referral_code": response.referral_code, "referral_link": link, "wave": response.wave,
        "submitted_at": response.submitted_at, "replayed": not created,
    }
    return Status(201 if created else 200, body)
