"""Survey indicators: a small campaign computed by hand, the paper's 346 answers, visibility and suppression."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tests.surveys.results_fixtures import add_responses, make_campaign, make_union, paper_campaign
from tripartite.analysis.statistics import wilson_interval
from tripartite.indicators import registry
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import Query, Status
from tripartite.surveys.models import Campaign, Response

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _values(code: str, user=None, period: str | None = None) -> list[registry.IndicatorValue]:
    return registry.get(code).values(Query(period=Period.parse(period) if period else None,
                                           user=user or AnonymousUser(), today=TODAY))


def _answers(gov: list[int], network: list[int | None] | None = None) -> list[dict]:
    out = []
    for i, g in enumerate(gov):
        a = {"age_group": 2, "gender": 1, "sector": 1, "gov": g, "employer": 3, "self": 1}
        if network and network[i] is not None:
            a["network_size"] = network[i]
        out.append(a)
    return out


def test_open_campaign_by_hand():
    # 10 respondents: codes 1,1,2,2,2,2,3,4,4,4 → 6 of 10 active, unweighted (an open-link campaign).
    campaign = make_campaign(make_union(), slug="hand", results_public=True, k=3)
    Campaign.objects.filter(pk=campaign.pk).update(mode=Campaign.Mode.OPEN)
    add_responses(campaign, _answers([1, 1, 2, 2, 2, 2, 3, 4, 4, 4], network=[5] * 10))
    [v] = _values("survey_state_active")
    assert (v.period, v.numerator, v.denominator, v.value, v.status) == (Period(2024), 6, 10, Decimal("60.00"),
                                                                         Status.OK)
    ci = wilson_interval(6, 10)
    assert f"{100 * ci.low:.1f}–{100 * ci.high:.1f}%" in " ".join(v.notes)
    assert v.records[0].url == "/surveys/results/hand/"
    [employer] = _values("survey_employer_active")
    assert (employer.numerator, employer.value) == (0, Decimal("0.00"))
    [own] = _values("survey_self_active")
    assert (own.numerator, own.denominator, own.value) == (10, 10, Decimal("100.00"))


def test_snowball_campaign_is_rds_weighted_by_hand():
    # Network sizes 1 and 3: weights ∝ 1 and 1/3.  Active (code 1): two respondents of size 1;
    # not active (code 3): two of size 3 → weighted share = 2 / (2 + 2/3) = 75 %, unweighted 2 of 4.
    campaign = make_campaign(make_union(), slug="rds", results_public=True, k=1)
    add_responses(campaign, _answers([1, 1, 3, 3], network=[1, 1, 3, 3]))
    [v] = _values("survey_state_active")
    assert (v.numerator, v.denominator, v.value) == (2, 4, Decimal("75.00"))
    assert any("RDS-II" in n and "2 of 4 = 50.0%" in n for n in v.notes)
    # Kish effective n = (Σw)² / Σw² with w = 1, 1, 1/3, 1/3 → (8/3)² / (20/9) = 3.2.
    ci = wilson_interval(0.75 * 3.2, 3.2)
    assert f"{100 * ci.low:.1f}–{100 * ci.high:.1f}%" in " ".join(v.notes)


def test_paper_data_state_share():
    campaign = paper_campaign(make_union(), results_public=True)
    [v] = _values("survey_state_active")
    assert (v.numerator, v.denominator) == (94 + 100, 346)
    assert any("194 of 346 = 56.1%" in n for n in v.notes)
    # The weighted share, computed here respondent by respondent: RDS-II weighs each one 1 / network size.

    rows = list(Response.objects.filter(campaign=campaign).values_list("answers", flat=True))
    sizes = np.array([r.get("network_size", np.nan) for r in rows], dtype=float)
    gov = np.array([r["gov"] for r in rows])
    ok = sizes > 0
    w = np.where(ok, 1 / np.where(ok, sizes, 1), np.nan)
    expected = 100 * w[ok][np.isin(gov[ok], [1, 2])].sum() / w[ok].sum()
    assert abs(float(v.value) - expected) < 0.006
    assert v.records[0].url == f"/surveys/results/{campaign.slug}/"


def test_only_results_the_reader_may_see(make_user):
    paper_campaign(make_union(), results_public=False)
    assert _values("survey_state_active") == []
    analyst = make_user("survey-analyst", role="analyst")
    [v] = _values("survey_state_active", user=analyst)
    assert v.denominator == 346


def test_public_readers_get_no_share_from_fewer_than_k(make_user):
    campaign = make_campaign(make_union(), slug="small", results_public=True, k=5)
    add_responses(campaign, _answers([1, 2, 3, 4], network=[2, 2, 2, 2]))
    [v] = _values("survey_state_active")
    assert (v.value, v.numerator, v.status) == (None, None, Status.NO_NUMERATOR)
    assert "fewer than 5 respondents" in v.message
    # The owner's analysts see the unsuppressed share.
    [full] = _values("survey_state_active", user=make_user("survey-analyst", role="analyst"))
    assert (full.numerator, full.denominator, full.value) == (2, 4, Decimal("50.00"))


def test_other_questionnaires_and_other_years_are_not_counted():
    campaign = paper_campaign(make_union(), results_public=True)
    assert _values("survey_state_active", period="2023") == []
    assert _values("survey_state_active", period="2024")[0].denominator == 346
    # A campaign of another questionnaire (a copy of the template's version under another code) is left out.
    campaign.version.questionnaire.code = "my-own-survey"
    campaign.version.questionnaire.save()
    assert _values("survey_state_active") == []


def test_indicator_pages_in_three_languages(client):
    paper_campaign(make_union(), results_public=True)
    page = client.get("/indicators/survey_state_active/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "/surveys/results/paper/" in page.content.decode()
    for lang in ("kk", "ru"):
        with translation.override(lang):
            title = str(registry.get("survey_state_active").title)
        assert title != "Workers who see the state as active"
        body = client.get("/indicators/survey_state_active/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert title in body


def test_no_breakdown_by_region_or_sector(client):
    paper_campaign(make_union(), results_public=True)
    response = client.get("/api/v1/indicators/survey_state_active?period=2024&region=750000000")
    assert response.status_code == 422
    body = client.get("/api/v1/indicators/survey_state_active?period=2024").json()
    [value] = body["values"]
    assert (value["numerator"], value["denominator"], value["value"]) == (194, 346, 55.49)
    assert value["records"][0]["url"] == "/surveys/results/paper/"


def test_the_demo_survey_gives_the_papers_shares():
    from tripartite.demo import services as demo_services

    assert demo_services.load_demo(today=date(2026, 6, 15)).loaded
    values = registry.get("survey_state_active").values(Query(user=AnonymousUser(), today=date(2026, 6, 15)))
    [v] = values
    assert (str(v.period), v.numerator, v.denominator) == ("2024", 194, 346)
    assert v.records[0].url == "/surveys/results/social-dialogue-2024/"
    assert any("194 of 346 = 56.1%" in n for n in v.notes)
    with translation.override("ru"):
        [ru] = registry.get("survey_state_active").values(Query(user=AnonymousUser(), today=date(2026, 6, 15)))
    assert any("без весов: 194 из 346 = 56.1%" in n for n in ru.notes)
    assert any("Выборка «снежный ком»" in n for n in ru.notes)
