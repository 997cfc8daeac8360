"""Statistics of contingency tables agree with scipy and statsmodels (to 1e-9)."""

import numpy as np
import pytest
from scipy import stats as sps
from scipy.stats import contingency
from statsmodels.stats.contingency_tables import Table
from statsmodels.stats.proportion import proportion_confint

from tripartite.analysis import statistics as st

TABLES = [
    np.array([[12, 5], [7, 19]]),
    np.array([[20, 15, 9, 4], [11, 18, 22, 14], [3, 9, 17, 25]]),
    np.array([[40, 3, 1], [2, 35, 8], [6, 4, 30], [9, 9, 9]]),
]


@pytest.mark.parametrize("table", TABLES)
def test_pearson_and_likelihood_ratio_match_scipy(table):
    chi2, p, df, expected = sps.chi2_contingency(table, correction=False)
    ours = st.pearson_chi2(table)
    assert ours.chi2 == pytest.approx(chi2, abs=1e-9) and ours.p == pytest.approx(p, abs=1e-9) and ours.df == df
    np.testing.assert_allclose(st.expected_counts(table), expected, atol=1e-9)
    g2, pg, dfg, _ = sps.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    lr = st.likelihood_ratio_chi2(table)
    assert lr.chi2 == pytest.approx(g2, abs=1e-9) and lr.p == pytest.approx(pg, abs=1e-9) and lr.df == dfg


@pytest.mark.parametrize("table", TABLES)
def test_association_measures_match_scipy(table):
    assert st.cramers_v(table) == pytest.approx(contingency.association(table, method="cramer"), abs=1e-9)
    assert st.contingency_coefficient(table) == pytest.approx(
        contingency.association(table, method="pearson"), abs=1e-9)
    chi2 = sps.chi2_contingency(table, correction=False)[0]
    assert st.phi_coefficient(table) == pytest.approx(np.sqrt(chi2 / table.sum()), abs=1e-9)


@pytest.mark.parametrize("table", TABLES)
def test_residuals_match_statsmodels(table):
    t = Table(table)
    np.testing.assert_allclose(st.adjusted_residuals(table), t.standardized_resids, atol=1e-9)
    np.testing.assert_allclose(st.pearson_residuals(table), t.resid_pearson, atol=1e-9)


@pytest.mark.parametrize("table", TABLES)
def test_linear_by_linear_matches_statsmodels_ordinal_test(table):
    rows, cols = table.shape
    u, v = np.arange(1, rows + 1.0), np.arange(1, cols + 1.0)
    result = Table(table).test_ordinal_association(row_scores=u, col_scores=v)
    ours = st.linear_by_linear(table, row_scores=u, col_scores=v)
    assert ours.chi2 == pytest.approx(result.zscore**2, abs=1e-9)
    assert ours.p == pytest.approx(result.pvalue, abs=1e-9)
    assert ours.df == 1


def test_linear_by_linear_uses_code_scores():
    table = TABLES[1]
    scores = [1, 2, 5, 9]
    result = Table(table).test_ordinal_association(row_scores=np.arange(3.0), col_scores=np.array(scores, float))
    assert st.linear_by_linear(table, col_scores=scores).chi2 == pytest.approx(result.zscore**2, abs=1e-9)


def test_fisher_exact_matches_scipy_on_2x2_only():
    table = TABLES[0]
    res = sps.fisher_exact(table)
    ours = st.fisher_exact_2x2(table)
    assert ours.p == pytest.approx(res.pvalue, abs=1e-12) and ours.odds_ratio == pytest.approx(res.statistic)
    assert st.fisher_exact_2x2(TABLES[1]) is None


@pytest.mark.parametrize("k,n", [(0, 10), (3, 10), (10, 10), (17, 346), (1, 2)])
def test_wilson_interval_matches_statsmodels(k, n):
    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
    ours = st.wilson_interval(k, n)
    assert ours.low == pytest.approx(low, abs=1e-9) and ours.high == pytest.approx(high, abs=1e-9)


def test_marked_cells_have_bonferroni_p_capped_at_one():
    table = TABLES[2]
    res = st.adjusted_residuals(table)
    cells = st.marked_residual_cells(res)
    assert cells and all(abs(c.residual) > 1.96 for c in cells)
    assert {(c.row, c.col) for c in cells} == {tuple(x) for x in np.argwhere(np.abs(res) > 1.96)}
    for c in cells:
        p = 2 * sps.norm.sf(abs(c.residual))
        assert c.p == pytest.approx(p, rel=1e-12)
        assert c.p_bonferroni == pytest.approx(min(1.0, p * table.size), rel=1e-12)
    # A residual just over 1.96 in a 12-cell table is not significant after Bonferroni.
    weak = st.marked_residual_cells(np.array([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0]]))
    assert weak[0].p_bonferroni == pytest.approx(min(1.0, 6 * 2 * sps.norm.sf(2.0)))
    assert not weak[0].significant_bonferroni


def test_expected_count_warning_counts_small_cells():
    warning = st.expected_count_warning(np.array([[10, 2], [3, 1]]))
    expected = sps.contingency.expected_freq(np.array([[10, 2], [3, 1]]))
    assert warning.cells == int((expected < 5).sum()) == 3
    assert warning.percent == pytest.approx(75.0)
    assert warning.min_expected == pytest.approx(expected.min())


def test_empty_rows_and_columns_do_not_change_the_tests():
    table = TABLES[1]
    padded = np.zeros((4, 5))
    padded[:3, :4] = table
    a, b = st.table_statistics(table), st.table_statistics(padded)
    assert a.pearson == b.pearson and a.likelihood_ratio.chi2 == pytest.approx(b.likelihood_ratio.chi2)
    assert b.pearson.df == 6


def test_degenerate_table_has_no_p_value():
    result = st.table_statistics(np.array([[5, 7]]))
    assert result.pearson.p is None and result.cramers_v is None
    assert result.to_dict()["pearson"]["p"] is None
