"""Factories for the results, import and export tests: an owner organisation, a campaign of the built-in
questionnaire, and the paper's 346 answers stored as responses."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.utils import timezone

from tripartite.analysis.readers import load_paper_dataset
from tripartite.partners.models import Kind, Organisation, Subkind
from tripartite.surveys import template_questionnaire
from tripartite.surveys.models import (
    Campaign,
    Option,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
)

#: The survey app's question codes for the paper's columns.
PAPER_COLUMNS = {
    "age_group": "age_group",
    "gender": "gender",
    "sector": "sector",
    "gov": "state_involvement",
    "employer": "employer_involvement",
    "self": "self_involvement",
}


def make_union(name: str = "Federation of Trade Unions") -> Organisation:
    return Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION,
                                       name_en=name, published=True)


def template_version() -> QuestionnaireVersion:
    return template_questionnaire.install(Questionnaire, QuestionnaireVersion, Question, Option)


def make_campaign(owner: Organisation, *, slug: str = "paper", results_public: bool = False, k: int = 5,
                  published: bool = True, version: QuestionnaireVersion | None = None) -> Campaign:
    campaign = Campaign(
        slug=slug, version=version or template_version(), owner=owner, title_en="Participation in social dialogue",
        title_ru="Участие в социальном диалоге", title_kk="Әлеуметтік диалогқа қатысу",
        opens_on=date(2024, 3, 1), closes_on=date(2024, 4, 30), mode=Campaign.Mode.SNOWBALL,
        results_public=results_public, suppression_k=k, published=published,
    )
    campaign.full_clean()
    campaign.save()
    return campaign


def paper_answers() -> list[dict[str, Any]]:
    """The paper's 346 respondents as answer dicts (network_size included), in file order."""
    data = load_paper_dataset()
    columns = {code: data.array(name) for code, name in PAPER_COLUMNS.items()}
    sizes = data.numeric("network_size")
    out = []
    for i in range(data.n_rows):
        answers: dict[str, Any] = {code: int(values[i]) for code, values in columns.items()}
        if not np.isnan(sizes[i]):
            answers["network_size"] = int(sizes[i])
        out.append(answers)
    return out


def add_responses(campaign: Campaign, answers: list[dict[str, Any]], *, start: date = date(2024, 3, 1),
                  per_day: int = 50, waves: list[int] | None = None) -> list[Response]:
    """Store answer dicts as responses, `per_day` a day from `start` (Almaty noon)."""
    objs = []
    for i, a in enumerate(answers):
        day = start + timedelta(days=i // per_day)
        when = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12, 0))
        objs.append(Response(
            campaign=campaign, version=campaign.version, submitted_at=when, language="ru", answers=a,
            idempotency_key=f"k{i}-{secrets.token_hex(4)}", referral_code=secrets.token_urlsafe(12),
            wave=(waves[i] if waves else 0), source=Response.Source.IMPORT,
        ))
    return Response.objects.bulk_create(objs, batch_size=500)


def paper_campaign(owner: Organisation, **kw: Any) -> Campaign:
    campaign = make_campaign(owner, **kw)
    add_responses(campaign, paper_answers())
    return campaign
