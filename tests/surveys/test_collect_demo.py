"""The demonstration campaign: load_demo() stores the 346 answers of the 2025 study as a closed snowball campaign."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tripartite.demo.services import load_demo
from tripartite.surveys.models import Campaign

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_paper_campaign() -> None:
    result = load_demo()
    assert any("social-dialogue-2024" in line and "346" in line for line in result.extras)
    campaign = Campaign.objects.get(slug="social-dialogue-2024")
    assert campaign.is_demo and campaign.mode == "snowball" and campaign.results_public
    assert campaign.state() == "closed" and campaign.title_en == "Participation in social dialogue"
    assert campaign.version.questionnaire.is_template
    responses = list(campaign.responses.all())
    assert len(responses) == 346
    # The published figures hold on the stored answers: Table 1 (sectors) and Figures 1-3 (the three scales).
    count = lambda code: Counter(r.answers[code] for r in responses)  # noqa: E731
    assert [count("sector")[c] for c in range(1, 12)] == [56, 16, 51, 42, 37, 9, 42, 25, 13, 25, 30]
    assert [count("gov")[c] for c in range(1, 5)] == [94, 100, 87, 65]
    assert [count("employer")[c] for c in range(1, 5)] == [66, 88, 92, 100]
    assert [count("self")[c] for c in range(1, 5)] == [126, 49, 103, 68]
    # The synthetic recruitment chains: 12 seeds, waves 0-11, each recruit one wave after its recruiter.
    assert sum(r.recruited_by_id is None for r in responses) == 12
    by_pk = {r.pk: r for r in responses}
    assert all(r.wave == by_pk[r.recruited_by_id].wave + 1 for r in responses if r.recruited_by_id)
    assert max(r.wave for r in responses) == 11
    assert all(campaign.opens_on <= r.submitted_at.date() <= campaign.closes_on for r in responses)
    # The results page pins the paper's Tables 3, 4 and 5.
    assert campaign.result_tables.count() >= 3


def test_the_survey_demo_loads_on_its_own(make_user: Any) -> None:
    """The surveys part alone (independent of the other apps' demo data)."""
    from datetime import date

    from tripartite.partners.models import Kind, Organisation, Subkind
    from tripartite.surveys import demo

    admin = make_user("demo-admin", role="admin")
    union = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION,
                                        name_en="Federation of Trade Unions")
    line = demo.load(by=admin, users={"admin": admin}, orgs={"fturk": union}, today=date(2026, 6, 15))
    assert "346" in line
    campaign = Campaign.objects.get(slug="social-dialogue-2024")
    assert (campaign.opens_on, campaign.closes_on) == (date(2024, 9, 1), date(2024, 11, 30))
    assert campaign.responses.count() == 346 and campaign.responses.filter(wave=11).exists()
