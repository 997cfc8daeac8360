"""API endpoints of the surveys app (results): crosstabs, frequencies and response counts as JSON.

Who gets what: the owner's editors, analysts and administrators get every cell; when the campaign's
results are public anyone else gets them with small cells suppressed (`null`); otherwise 401 for an
anonymous caller and 403 for a signed-in one, as everywhere in the API.  A campaign the caller may not
see is a 404.  A request that cannot be answered (unknown question, a text question, the same question
twice, a weight without its data) is a 422 naming the parameter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from tripartite.core.api_support import READ_ERRORS, current_user
from tripartite.core.i18n import current_language
from tripartite.languages import LANGUAGES
from tripartite.surveys.collect import queries as collect_queries
from tripartite.surveys.models import Campaign
from tripartite.surveys.results import queries

router = Router(tags=["surveys"])

LANG_PATTERN = f"^(|{'|'.join(LANGUAGES)})$"


class CrosstabQuery(Schema):
    rows: str = Field(description="Question code of the rows (a single-choice question)")
    cols: str = Field(description="Question code of the columns (a single-choice question)")
    layer: str = Field("", description="Optional question code: one sub-table per answer to it")
    weight: str = Field("", description="none (default), raking (to the owner's margins) or rds (RDS-II)")
    lang: str = Field("", pattern=LANG_PATTERN, description="Language of labels and findings (default: the request's)")


class FrequenciesQuery(Schema):
    var: str = Field(description="Question code (a single- or multiple-choice question)")
    lang: str = Field("", pattern=LANG_PATTERN, description="Language of labels (default: the request's)")


class DayCount(Schema):
    day: date
    responses: int


class WaveCount(Schema):
    wave: int
    responses: int


class CountsOut(Schema):
    total: int
    by_day: list[DayCount]
    by_wave: list[WaveCount]


def _campaign_with_access(request: HttpRequest, slug: str) -> tuple[Campaign, bool]:
    """The campaign and whether the caller gets the public (suppressed) version."""
    user = current_user(request)
    campaign = collect_queries.campaign_for(user, slug)
    access = queries.results_access(user, campaign)
    if access is None:
        if not user.is_authenticated:
            raise HttpError(401, _("Sign in or send an API token to see these results."))
        raise HttpError(403, _("The results of this campaign are not public."))
    return campaign, access == "public"


@router.get("/campaigns/{slug}/crosstab", response={200: dict[str, Any], **READ_ERRORS},
            summary="A crosstab with its statistics")
def campaign_crosstab(request: HttpRequest, slug: str, query: Query[CrosstabQuery]) -> dict[str, Any]:
    """The analysis engine's crosstab JSON (counts, percentages, expected counts, adjusted residuals,
    χ² tests, Cramér's V, findings; `layers` with a layer; Rao–Scott and design effect when weighted).
    Cells hidden for anonymous callers are `null`, their mask is in `suppressed`."""
    campaign, public = _campaign_with_access(request, slug)
    lang = query.lang or current_language()
    spec = queries.check_spec(campaign, rows=query.rows, cols=query.cols, layer=query.layer, weight=query.weight)
    outcome = queries.crosstab_for(campaign, spec, public=public, lang=lang)
    data = outcome.to_dict(lang)
    data["weighting"] = None if outcome.weights is None else {
        "kind": outcome.weights.kind, "respondents": outcome.weights.respondents,
        "unweighted": outcome.weights.unweighted, "iterations": outcome.weights.iterations,
        "converged": outcome.weights.converged, "description": outcome.weights.describe()}
    data["public"] = public
    return data


@router.get("/campaigns/{slug}/frequencies", response={200: dict[str, Any], **READ_ERRORS},
            summary="The distribution of one question")
def campaign_frequencies(request: HttpRequest, slug: str, query: Query[FrequenciesQuery]) -> dict[str, Any]:
    """The engine's frequencies JSON (count, percent, valid percent, cumulative percent, Wilson 95%
    interval per answer); for a multiple-choice question, respondents choosing each option."""
    campaign, public = _campaign_with_access(request, slug)
    lang = query.lang or current_language()
    data = queries.frequencies_for(campaign, query.var, public=public, lang=lang)
    data["public"] = public
    return data


@router.get("/campaigns/{slug}/counts", response={200: CountsOut, **READ_ERRORS},
            summary="Responses by day and by referral wave")
def campaign_counts(request: HttpRequest, slug: str) -> dict[str, Any]:
    campaign, _public = _campaign_with_access(request, slug)
    by_day = queries.counts_by_day(campaign)
    return {
        "total": sum(n for _d, n in by_day),
        "by_day": [{"day": d, "responses": n} for d, n in by_day],
        "by_wave": [{"wave": w, "responses": n} for w, n in queries.counts_by_wave(campaign)],
    }
