"""Reads of the surveys app shared by the pages and the API: campaigns and questionnaires a user may see, the
campaign's codebook, who may see or manage results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from tripartite.core.i18n import in_languages
from tripartite.core.models import Role, ScopeType
from tripartite.core.policy import Action, can, is_platform_admin, may_see_unpublished, scoped_ids, visible
from tripartite.partners.models import MAX_HIERARCHY_DEPTH, Organisation
from tripartite.surveys.models import Campaign, Questionnaire, QuestionnaireVersion, Response


def campaign_codebook(campaign: Campaign) -> Any:
    """The analysis engine's Codebook of the campaign's questionnaire version (single-choice questions)."""
    return campaign.version.codebook()


def visible_campaigns(user: Any) -> QuerySet[Campaign]:
    return visible(user, Campaign.objects.select_related("owner", "version__questionnaire"))


def campaign_for(user: Any, slug: str) -> Campaign:
    campaign = visible_campaigns(user).filter(slug=slug).first()
    if campaign is None:
        raise Http404
    return campaign


def public_campaign(slug: str) -> Campaign:
    """The campaign behind a respondent's link: anyone with the link may answer, published or not."""
    try:
        return Campaign.objects.select_related("version__questionnaire", "owner").get(slug=slug)
    except Campaign.DoesNotExist:
        raise Http404 from None


def campaign_list(*, user: Any, q: str = "", state: str = "", now: datetime | None = None) -> QuerySet[Campaign]:
    from django.utils import timezone

    today = timezone.localdate(now) if now is not None else timezone.localdate()
    queryset = visible_campaigns(user).annotate(n_responses=Count("responses"))
    if q:
        matches = Q(slug__icontains=q)
        for column in in_languages("title"):
            matches |= Q(**{f"{column}__icontains": q})
        queryset = queryset.filter(matches)
    if state == "open":
        queryset = queryset.filter(opens_on__lte=today).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
    elif state == "closed":
        queryset = queryset.filter(closes_on__lt=today)
    elif state == "upcoming":
        queryset = queryset.filter(opens_on__gt=today)
    return queryset.order_by("-opens_on", "slug")


def manageable_owners(user: Any) -> QuerySet[Organisation]:
    """Organisations whose surveys `user` manages: where they are an editor, and the tree below; all for admins."""
    organisations = Organisation.objects.all()
    if is_platform_admin(user):
        return organisations
    ids = set(scoped_ids(user, ScopeType.ORGANISATION, [Role.EDITOR]))
    frontier = set(ids)
    for _depth in range(MAX_HIERARCHY_DEPTH):
        if not frontier:
            break
        frontier = set(organisations.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True))
        ids |= frontier
    return organisations.filter(pk__in=ids)


def editable_questionnaires(user: Any) -> QuerySet[Questionnaire]:
    """Questionnaires (not templates) that `user` may change."""
    base = Questionnaire.objects.filter(is_template=False).select_related("owner")
    if is_platform_admin(user):
        return base
    if not getattr(user, "is_authenticated", False):
        return base.none()
    return base.filter(owner__in=manageable_owners(user))


def usable_versions(user: Any) -> QuerySet[QuestionnaireVersion]:
    """Published versions a campaign may use: the built-in templates and the questionnaires `user` may change."""
    return (
        QuestionnaireVersion.objects.filter(status=QuestionnaireVersion.Status.PUBLISHED)
        .filter(Q(questionnaire__is_template=True) | Q(questionnaire__in=editable_questionnaires(user)))
        .select_related("questionnaire")
        .order_by("-questionnaire__is_template", "questionnaire__code", "-number")
    )


def visible_questionnaires(user: Any) -> QuerySet[Questionnaire]:
    """Templates; every questionnaire for role holders; else those behind a published campaign."""
    base = Questionnaire.objects.select_related("owner")
    if may_see_unpublished(user):
        return base
    return base.filter(Q(is_template=True) | Q(versions__campaigns__published=True)).distinct()


def questionnaire_for(user: Any, code: str) -> Questionnaire:
    questionnaire = visible_questionnaires(user).filter(code=code).first()
    if questionnaire is None:
        raise Http404
    return questionnaire


def version_of(questionnaire: Questionnaire, number: int) -> QuestionnaireVersion:
    version = questionnaire.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


def questionnaire_rows(user: Any) -> QuerySet[Questionnaire]:
    return visible_questionnaires(user).annotate(
        n_versions=Count("versions", distinct=True), latest=Max("versions__number")
    ).order_by("-is_template", "code")


# Results access (shared with the results pages) ----------------------------------------------------------------


def may_see_results(user: Any, campaign: Campaign) -> bool:
    """Public results are for everyone; otherwise the owner's editors, analysts and administrators."""
    return campaign.results_public or may_see_full_results(user, campaign)


def may_see_full_results(user: Any, campaign: Campaign) -> bool:
    """Unsuppressed results (small cells shown): the owner's editors, analysts in scope, administrators."""
    return can(user, Action.VIEW, campaign, kind=Response)


def may_manage(user: Any, campaign: Campaign) -> bool:
    return can(user, Action.CHANGE, campaign)


@dataclass(frozen=True)
class CampaignStats:
    responses: int
    invitations: int
    invitations_used: int
    max_wave: int
    last_response: datetime | None


def campaign_stats(campaign: Campaign) -> CampaignStats:
    agg = campaign.responses.aggregate(n=Count("pk"), wave=Max("wave"), last=Max("submitted_at"))
    inv = campaign.invitations.aggregate(n=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False)))
    return CampaignStats(agg["n"], inv["n"], inv["used"], agg["wave"] or 0, agg["last"])
