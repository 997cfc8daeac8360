"""Demonstration survey: "Participation in social dialogue", the 346 reconstructed answers of the 2025 study.

The answers are the analysis engine's package data (tripartite/analysis/data/paper2025/): every published table
of the paper holds exactly; recruiter links and network sizes are synthetic (see its README). The campaign is
closed, snowball, with public results, owned by the Federation of Trade Unions; its results page pins the
paper's Tables 3-5 (tripartite.surveys.paper, the results side).
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tripartite.languages import LANGUAGES
from tripartite.surveys.collect import services
from tripartite.surveys.models import Campaign, Response
from tripartite.surveys.template_questionnaire import text_columns
from tripartite.surveys.template_tables import pin_template_tables

SLUG = "social-dialogue-2024"
TITLE = {
    "kk": "Әлеуметтік диалогқа қатысу",
    "ru": "Участие в социальном диалоге",
    "en": "Participation in social dialogue",
}
# Survey codes of the built-in template ← columns of the paper's reconstructed data set.
COLUMNS = {
    "age_group": "age_group", "gender": "gender", "sector": "sector",
    "gov": "state_involvement", "employer": "employer_involvement", "self": "self_involvement",
}
ALMATY = ZoneInfo("Asia/Almaty")


def _dates(today: date) -> tuple[date, date]:
    closes = min(date(2024, 11, 30), today - timedelta(days=1))
    return closes - timedelta(days=90), closes


def paper_responses(campaign: Campaign) -> list[Response]:
    """The 346 answers as unsaved Response rows in recruitment order (recruited_by set after saving)."""
    from tripartite.analysis.readers import load_paper_dataset

    data = load_paper_dataset()
    ids = [int(v) for v in data.values["id"]]
    recruiters = [None if math.isnan(v) else int(v) for v in data.values["recruiter_id"]]
    network = [None if math.isnan(v) else int(v) for v in data.values["network_size"]]
    wave_of: dict[int, int] = {}
    rows = []
    assert campaign.closes_on is not None  # the demo campaign has a closing date
    span = (campaign.closes_on - campaign.opens_on).days + 1
    start = datetime.combine(campaign.opens_on, time(9, 0), tzinfo=ALMATY)
    for i, respondent in enumerate(ids):
        recruiter = recruiters[i]
        wave_of[respondent] = 0 if recruiter is None else wave_of[recruiter] + 1
        answers: dict[str, Any] = {code: int(data.codes[column][i]) for code, column in COLUMNS.items()}
        if network[i] is not None:
            answers["network_size"] = network[i]
        moment = start + timedelta(minutes=int(i * span * 24 * 60 * 0.9 / len(ids)))
        rows.append(Response(
            campaign=campaign, version_id=campaign.version_id, submitted_at=moment, language="ru",
            answers=answers, idempotency_key=f"paper2025-{respondent}", referral_code=services.new_referral_code(),
            wave=wave_of[respondent], source=Response.Source.IMPORT,
        ))
    return rows


def load_paper_answers(campaign: Campaign) -> int:
    """Store the 346 answers (bulk) and link each to its recruiter. Returns the number stored."""
    from tripartite.analysis.readers import load_paper_dataset

    rows = paper_responses(campaign)
    Response.objects.bulk_create(rows, batch_size=500)
    by_key = dict(Response.objects.filter(campaign=campaign).values_list("idempotency_key", "pk"))
    data = load_paper_dataset()
    links = []
    for respondent, recruiter in zip(data.values["id"], data.values["recruiter_id"], strict=True):
        if not math.isnan(recruiter):
            links.append(Response(pk=by_key[f"paper2025-{int(respondent)}"],
                                  recruited_by_id=by_key[f"paper2025-{int(recruiter)}"]))
    Response.objects.bulk_update(links, ["recruited_by"], batch_size=500)
    return len(rows)


def load(*, by: Any, users: dict[str, Any], orgs: dict[str, Any], today: date) -> str:
    version = services.ensure_builtin_template()
    opens_on, closes_on = _dates(today)
    campaign = services.campaign_create(
        by=by, owner=orgs["fturk"], version=version, slug=SLUG, **text_columns("title", TITLE),
        opens_on=opens_on, closes_on=closes_on, languages=list(LANGUAGES), mode=Campaign.Mode.SNOWBALL,
        results_public=True, suppression_k=5, published=True,
    )
    Campaign.objects.filter(pk=campaign.pk).update(is_demo=True)
    n = load_paper_answers(campaign)
    pin_template_tables(campaign, by=by)
    return f"Surveys: campaign '{SLUG}' (snowball, closed) with {n} answers of the 2025 study and its pinned tables."
