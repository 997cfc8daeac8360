"""A campaign's sampling design (stratum and cluster questions): weighted tables of the platform are tested under it
exactly as the engine tests the same respondents (the engine is checked against R survey in tests/analysis)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.surveys.results_fixtures import (
    add_responses,
    make_campaign,
    make_union,
    paper_answers,
    paper_campaign,
)
from tripartite.analysis import crosstab, rds_weights
from tripartite.core.errors import DomainError
from tripartite.surveys.models import Campaign
from tripartite.surveys.results import queries, services

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"


def _column(answers: list[dict[str, Any]], code: str) -> np.ndarray:
    return np.array([a[code] if isinstance(a.get(code), int | float) else np.nan for a in answers], dtype=np.float64)


def _admin() -> Any:
    from tripartite.core.models import Role, RoleAssignment, ScopeType, User

    user = User.objects.filter(username="design-admin").first()
    if user is None:
        user = User.objects.create_user(username="design-admin", password="x-long-password-1")
        RoleAssignment.objects.create(user=user, role=Role.ADMIN, scope_type=ScopeType.PLATFORM)
    return user


def test_an_rds_table_under_strata_and_clusters_is_the_engines_table_of_the_same_respondents() -> None:
    campaign = paper_campaign(make_union())
    services.design_save(campaign=campaign, strata="sector", cluster="age_group", by=_admin())
    answers = paper_answers()
    spec = queries.check_spec(campaign, rows="gender", cols="self", weight="rds")
    platform = queries.crosstab_for(campaign, spec, public=False).table

    engine_weights = rds_weights(list(range(len(answers))), [None] * len(answers),
                                 [a.get("network_size") for a in answers]).weights
    sector, age = _column(answers, "sector"), _column(answers, "age_group")
    expected = crosstab(_column(answers, "gender"), _column(answers, "self"), weights=engine_weights,
                        strata=sector, clusters=age, codebook=queries.codebook_of(campaign),
                        row_name="gender", col_name="self")
    got, want = platform.rao_scott, expected.rao_scott
    assert got is not None and want is not None and got.second_order is not None
    assert got.chi2 == pytest.approx(want.chi2, rel=1e-12)
    assert got.mean_deff == pytest.approx(want.mean_deff, rel=1e-12)
    assert got.second_order.f == pytest.approx(want.second_order.f, rel=1e-12)
    # The design's degrees of freedom: PSUs (sector × age pairs among the weighted) − strata.
    weighted = ~np.isnan(engine_weights)
    psus = len({(s, a) for s, a in zip(sector[weighted], age[weighted], strict=True)})
    strata = len(set(sector[weighted]))
    assert got.design is not None and got.design["design_df"] == psus - strata
    assert got.second_order.ddf == pytest.approx(got.second_order.ndf * (psus - strata))

    # Without the design the same table is a weights-only design: other variance, same counts.
    services.design_save(campaign=campaign, strata="", cluster="", by=_admin())
    campaign = Campaign.objects.get(pk=campaign.pk)
    plain = queries.crosstab_for(campaign, spec, public=False).table
    assert np.allclose(plain.counts, platform.counts)
    assert plain.rao_scott is not None and plain.rao_scott.chi2 != pytest.approx(got.chi2)
    assert plain.rao_scott.design is None or plain.rao_scott.design.get("strata") is None


def test_a_raked_table_under_strata_reports_the_stratified_design() -> None:
    campaign = paper_campaign(make_union())
    admin = _admin()
    services.margins_save(campaign=campaign, margins={"gender": {1: 0.5, 2: 0.5}}, source="test", by=admin)
    services.design_save(campaign=campaign, strata="sector", cluster="", by=admin)
    spec = queries.check_spec(campaign, rows="age_group", cols="self", weight="raking")
    table = queries.crosstab_for(campaign, spec, public=False).table
    assert table.row_totals.sum() == pytest.approx(table.total)
    assert table.rao_scott is not None and table.rao_scott.design is not None
    sectors = len({a["sector"] for a in paper_answers()})
    assert table.rao_scott.design["strata"] == sectors and not table.rao_scott.design["clustered"]
    # Every respondent its own PSU within the strata: df = n − strata.
    assert table.rao_scott.design["design_df"] == 346 - sectors


def test_the_design_questions_are_checked() -> None:
    campaign = paper_campaign(make_union())
    admin = _admin()
    with pytest.raises(ValidationError) as unknown:
        services.design_save(campaign=campaign, strata="no_such_question", cluster="", by=admin)
    assert "strata" in unknown.value.message_dict
    with pytest.raises(ValidationError) as same:
        services.design_save(campaign=campaign, strata="sector", cluster="sector", by=admin)
    assert "cluster" in same.value.message_dict
    campaign.refresh_from_db()
    assert (campaign.design_strata, campaign.design_cluster) == ("", "")


def test_a_weighted_respondent_without_a_stratum_is_named_not_guessed() -> None:
    campaign = make_campaign(make_union())
    answers = paper_answers()[:60]
    for a in answers[:3]:
        del a["sector"]
    add_responses(campaign, answers)
    services.design_save(campaign=campaign, strata="sector", cluster="", by=_admin())
    spec = queries.check_spec(campaign, rows="gender", cols="self", weight="rds")
    with translation.override("en"), pytest.raises(DomainError) as missing:
        queries.crosstab_for(campaign, spec, public=False)
    weighted_without = sum(1 for a in answers[:3] if isinstance(a.get("network_size"), int) and a["network_size"] > 0)
    assert f"{weighted_without} weighted respondents did not answer “sector”" in str(missing.value)


def test_the_design_is_set_on_the_margins_page(client: Any, union: Any, personas: Any) -> None:
    campaign = paper_campaign(union, slug="paper")
    owner = personas.owner
    assert client.login(username=owner.username, password=PASSWORD)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("surveys:results_margins", args=[campaign.slug])
    page = client.get(url)
    assert page.status_code == 200 and "Sampling design" in page.content.decode()
    bad = client.post(url, {"form": "design", "design-strata": "sector", "design-cluster": "sector"})
    assert bad.status_code == 422
    assert "must be different questions" in bad.content.decode()
    good = client.post(url, {"form": "design", "design-strata": "sector", "design-cluster": "age_group"})
    assert good.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.design_strata, campaign.design_cluster) == ("sector", "age_group")
    ru = client.get(reverse("surveys:results_crosstab", args=[campaign.slug]),
                    {"rows": "gender", "cols": "self", "weight": "rds"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert ru.status_code == 200
