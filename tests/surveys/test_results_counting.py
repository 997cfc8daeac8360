"""Counting stored answers in the database agrees with counting them in memory, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.surveys.results_fixtures import (
    add_responses,
    make_campaign,
    make_union,
    paper_answers,
    paper_campaign,
)
from tripartite.analysis import crosstab, crosstab_counts, frequency_counts, rds_weights
from tripartite.surveys.models import Response
from tripartite.surveys.results import counting, queries, services

pytestmark = pytest.mark.django_db


def _column(answers: list[dict[str, Any]], code: str) -> np.ndarray:
    return np.array([a.get(code, np.nan) if isinstance(a.get(code), int | float) else np.nan for a in answers],
                    dtype=np.float64)


def test_sql_and_numpy_counting_agree_on_stored_answers() -> None:
    campaign = make_campaign(make_union())
    answers = paper_answers()
    # Odd stored values are excluded and reported, never a crash: a missing answer, a JSON null, an unknown
    # code, a list where a code belongs, a word.  A code stored as text ("3") counts as the code.
    answers[0] = {k: v for k, v in answers[0].items() if k != "sector"}
    answers[1]["sector"] = 99
    answers[2]["sector"] = [1, 2]
    answers[3]["employer"] = "3"
    answers[4]["employer"] = None
    answers[5]["employer"] = "many"
    add_responses(campaign, answers)
    codebook = queries.codebook_of(campaign)
    sql = counting.crosstab_counts_db(campaign.pk, codebook["sector"], codebook["employer"], codebook["gender"])
    sector = _column(answers, "sector")
    sector[1] = 99
    employer = _column(answers, "employer")
    employer[3], employer[5] = 3, -1  # "3" is code 3; "many" is an unknown value
    mem = crosstab_counts(sector, employer, layer=_column(answers, "gender"), row_variable=codebook["sector"],
                          col_variable=codebook["employer"], layer_variable=codebook["gender"])
    assert sql.counts.tolist() == mem.counts.tolist()
    assert sql.row_codes == mem.row_codes and sql.layer_codes == mem.layer_codes
    by_name = {e.variable: e for e in sql.exclusions}
    assert by_name["sector"].null == 1 and by_name["sector"].unknown == 2 and 99 in by_name["sector"].unknown_codes
    assert (by_name["employer"].null, by_name["employer"].unknown) == (1, 1)
    assert sql.counts.sum() == 346 - 5

    freq_sql = counting.frequency_counts_db(campaign.pk, codebook["self"])
    freq_mem = frequency_counts(_column(answers, "self"), variable=codebook["self"])
    assert freq_sql.counts.tolist() == freq_mem.counts.tolist() == [126, 49, 103, 68]


def test_the_paper_tables_come_out_of_the_database() -> None:
    campaign = paper_campaign(make_union())
    spec = queries.check_spec(campaign, rows="sector", cols="employer")
    table = queries.crosstab_for(campaign, spec, public=False, lang="en").to_dict()
    assert table["n"] == 346
    assert table["statistics"]["pearson"]["chi2"] == pytest.approx(19.81, abs=0.01)
    assert table["statistics"]["pearson"]["df"] == 30
    table3 = queries.crosstab_for(campaign, queries.check_spec(campaign, rows="age_group", cols="gov"), public=False)
    assert table3.table.statistics.pearson.chi2 == pytest.approx(4.50, abs=0.01)
    assert [sum(col) for col in zip(*table3.to_dict()["counts"], strict=True)] == [94, 100, 87, 65]


def test_rds_weights_from_grouped_answers_equal_the_engines_per_respondent_weights() -> None:
    campaign = paper_campaign(make_union())
    answers = paper_answers()
    spec = queries.check_spec(campaign, rows="gender", cols="self", weight="rds")
    weighted = queries.crosstab_for(campaign, spec, public=False)
    ids = list(range(len(answers)))
    engine = rds_weights(ids, [None] * len(ids), [a.get("network_size") for a in answers])
    expected = crosstab(_column(answers, "gender"), _column(answers, "self"), weights=engine.weights,
                        codebook=queries.codebook_of(campaign), row_name="gender", col_name="self")
    assert np.allclose(weighted.table.counts, expected.counts)
    assert weighted.table.rao_scott.chi2 == pytest.approx(expected.rao_scott.chi2)
    assert weighted.weights is not None and weighted.weights.kind == "rds"


def test_raking_makes_the_weighted_margins_match_the_targets() -> None:
    campaign = paper_campaign(make_union())
    services.margins_save(campaign=campaign, margins={"gender": {1: 0.5, 2: 0.5}}, source="test", by=_admin())
    spec = queries.check_spec(campaign, rows="gender", cols="self", weight="raking")
    table = queries.crosstab_for(campaign, spec, public=False).table
    shares = table.row_totals / table.total
    assert shares == pytest.approx([0.5, 0.5])
    assert table.weighted and table.rao_scott is not None


def test_multiple_choice_answers_are_counted_per_option() -> None:
    campaign = make_campaign(make_union())
    # The counting SQL reads any stored list under the code, whatever the questionnaire says.
    add_responses(campaign, [{"tools": [1, 2]}, {"tools": [2]}, {"tools": []}, {"other": 1}, {"tools": 3}])
    chosen, answered, total = counting.choice_counts_db(campaign.pk, "tools")
    assert chosen == {1: 1, 2: 2}
    assert (answered, total) == (2, 5)


def test_counts_by_day_and_wave() -> None:
    campaign = make_campaign(make_union())
    add_responses(campaign, paper_answers()[:120], per_day=50, waves=[i % 3 for i in range(120)])
    assert [n for _day, n in queries.counts_by_day(campaign)] == [50, 50, 20]
    assert queries.counts_by_wave(campaign) == [(0, 40), (1, 40), (2, 40)]
    assert Response.objects.filter(campaign=campaign).count() == 120


def _admin() -> Any:
    from tripartite.core.models import Role, RoleAssignment, ScopeType, User

    user = User.objects.create_user(username="results-admin", password="x-long-password-1")
    RoleAssignment.objects.create(user=user, role=Role.ADMIN, scope_type=ScopeType.PLATFORM)
    return user
