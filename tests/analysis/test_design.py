"""Design-based tests of weighted tables against R's survey package (svychisq), first and second order.

The reference values in `reference/svychisq.json` were made by `reference/svychisq.R` (R 4.2.2,
survey 4.1.1) from the data sets in `reference/*.csv` (written by `reference/make_datasets.py`):
three data sets, each under four designs — weights only, strata, clusters, strata with clusters
nested in them.  R is not needed to run these tests; rerun the script to check the stored values.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tripartite.analysis import crosstab, crosstab_counts
from tripartite.analysis.design import DesignError, design_moments, moments_from_cell_sums
from tripartite.analysis.statistics import likelihood_ratio_chi2
from tripartite.analysis.weighting import rao_scott

REFERENCE = Path(__file__).with_name("reference")
CASES = json.loads((REFERENCE / "svychisq.json").read_text(encoding="utf-8"))["cases"]
#: The issue asks for 1e-6; the implementation agrees with R to about 1e-12.
TOLERANCE = 1e-9


def _data(name: str) -> pd.DataFrame:
    return pd.read_csv(REFERENCE / name)


def _crosstab(case: dict) -> object:
    d = _data(case["data"])
    return crosstab(
        d["row"].to_numpy(float), d["col"].to_numpy(float), weights=d["w"].to_numpy(float),
        strata=d["stratum"].to_numpy() if "strata" in case["design"] else None,
        clusters=d["cluster"].to_numpy() if "clusters" in case["design"] else None,
    )


def _case_id(case: dict) -> str:
    return f"{case['data'].removesuffix('.csv')}-{case['design']}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_first_order_rao_scott_matches_r_svychisq_chisq(case):
    table = _crosstab(case)
    rs = table.rao_scott
    assert rs.df == case["df"]
    assert rs.chi2 == pytest.approx(case["chi2_rs"], abs=TOLERANCE)
    assert rs.p == pytest.approx(case["p_chisq"], abs=TOLERANCE)
    # R scales the table to every row of the data, missing answers included; we to the n in the table.
    assert rs.mean_deff == pytest.approx(case["mean_deff"] * table.n / case["rows"], abs=TOLERANCE)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_second_order_rao_scott_matches_r_svychisq_f(case):
    second = _crosstab(case).rao_scott.second_order
    assert second.f == pytest.approx(case["f"], abs=TOLERANCE)
    assert second.ndf == pytest.approx(case["ndf"], abs=TOLERANCE)
    assert second.ddf == pytest.approx(case["ddf"], rel=TOLERANCE)
    assert second.p == pytest.approx(case["p_f"], abs=TOLERANCE)


def test_the_json_carries_both_orders_and_the_design():
    case = next(c for c in CASES if c["design"] == "strata_clusters" and c["data"] == "weighted_3x4.csv")
    d = _crosstab(case).to_dict()
    rs = d["rao_scott"]
    assert set(rs) >= {"chi2", "df", "p", "mean_deff", "second_order", "design"}
    assert set(rs["second_order"]) == {"f", "ndf", "ddf", "p"}
    assert rs["design"] == {"strata": 4, "psus": 24, "clustered": True, "design_df": 20}
    assert rs["second_order"]["ddf"] == pytest.approx(20 * rs["second_order"]["ndf"])


def test_weights_only_design_needs_only_the_cell_sums_so_sql_counts_test_it_exactly():
    case = next(c for c in CASES if c["design"] == "weights" and c["data"] == "weighted_3x4_missing.csv")
    d = _data(case["data"])
    counts = crosstab_counts(d["row"].to_numpy(float), d["col"].to_numpy(float), weights=d["w"].to_numpy(float))
    # A counted table (what the SQL back-end returns) knows Σw, Σw² and how many rows it left out.
    from_counts = crosstab(counts).rao_scott
    assert from_counts.second_order.f == pytest.approx(case["f"], abs=TOLERANCE)
    assert from_counts.chi2 == pytest.approx(case["chi2_rs"], abs=TOLERANCE)
    direct = rao_scott(counts.counts, counts.sum_w2, n=float(counts.n_cases.sum()), sample_rows=len(d))
    assert direct.chi2 == pytest.approx(case["chi2_rs"], abs=TOLERANCE)


def test_equal_weights_give_a_mean_design_effect_of_n_over_n_minus_1():
    rng = np.random.default_rng(1)
    rows, cols = rng.integers(1, 4, 200), rng.integers(1, 3, 200)
    plain = crosstab(rows, cols)
    weighted = crosstab(rows, cols, weights=np.full(200, 2.5))
    # R's svychisq includes the with-replacement factor n/(n−1) in the design variance.
    assert weighted.rao_scott.mean_deff == pytest.approx(200 / 199, abs=1e-12)
    assert weighted.rao_scott.chi2 == pytest.approx(plain.statistics.pearson.chi2 * 199 / 200, abs=1e-10)
    assert weighted.rao_scott.second_order.ndf == pytest.approx(2.0, abs=1e-12)


def test_design_residuals_are_haberman_residuals_over_the_root_cell_design_effect():
    case = next(c for c in CASES if c["design"] == "strata_clusters" and c["data"] == "weighted_3x4.csv")
    d = _data(case["data"])
    rows, cols, w = d["row"].to_numpy(float), d["col"].to_numpy(float), d["w"].to_numpy(float)
    clustered = _crosstab(case)
    weights_only = crosstab(rows, cols, weights=w)
    assert np.isfinite(clustered.adjusted_residuals).all()
    assert not np.allclose(clustered.adjusted_residuals, weights_only.adjusted_residuals)
    # With equal weights and no design the cell design effect is exactly n/(n−1).
    plain = crosstab(rows, cols)
    equal = crosstab(rows, cols, weights=np.ones(len(d)))
    n = equal.n
    np.testing.assert_allclose(equal.adjusted_residuals, plain.adjusted_residuals * np.sqrt((n - 1) / n),
                               atol=1e-10)


def test_weighted_tests_say_how_they_were_corrected():
    case = next(c for c in CASES if c["design"] == "strata" and c["data"] == "weighted_3x4.csv")
    table = _crosstab(case)
    stats = table.to_dict()["statistics"]
    assert "not corrected" in stats["pearson"]["method"]
    assert stats["likelihood_ratio"]["method"].startswith("Rao-Scott first-order")
    assert stats["linear_by_linear"]["method"].startswith("design-corrected")
    scaled = table.counts * table.n / table.total
    assert table.statistics.likelihood_ratio.chi2 == pytest.approx(
        likelihood_ratio_chi2(scaled).chi2 / table.rao_scott.mean_deff, rel=1e-12)
    assert table.statistics.pearson.chi2 == pytest.approx(table.rao_scott.pearson_weighted, rel=1e-12)


def test_a_stratum_with_one_psu_is_refused():
    rows = np.array([1, 2, 1, 2, 1])
    with pytest.raises(DesignError, match="single PSU"):
        design_moments(rows, rows, row_codes=(1, 2), col_codes=(1, 2), weights=np.ones(5),
                       strata=np.array([1, 1, 1, 1, 2]))


def test_weights_only_moments_from_sums_equal_those_from_the_rows():
    rng = np.random.default_rng(7)
    rows, cols, w = rng.integers(1, 3, 50), rng.integers(1, 4, 50), rng.uniform(0.5, 2, 50)
    from_rows = design_moments(rows, cols, row_codes=(1, 2), col_codes=(1, 2, 3), weights=w)
    counts = crosstab_counts(rows, cols, weights=w)
    from_sums = moments_from_cell_sums(counts.counts, counts.sum_w2, sample_rows=50)
    np.testing.assert_allclose(from_rows.covariance(), from_sums.covariance(), atol=1e-15)
