"""Frequencies and crosstabs: percentages, margins, layers, weighting, disclosure, JSON shape."""

import json

import numpy as np
import pytest
from scipy import stats as sps

from tripartite.analysis import Codebook, CountTable, Variable, crosstab, crosstab_counts, frequencies

CODEBOOK = Codebook.of([
    Variable("age", (1, 2, 3), {1: {"en": "under 30", "ru": "до 30", "kk": "30-ға дейін"},
                                2: {"en": "30-49"}, 3: {"en": "50+"}},
             title={"en": "age group", "ru": "возрастная группа", "kk": "жас тобы"}, ordinal=True),
    Variable("state", (1, 2, 3, 4), {1: {"en": "very active"}, 2: {"en": "active"},
                                     3: {"en": "passive"}, 4: {"en": "not involved"}},
             missing=(9,), title={"en": "state's involvement"}, ordinal=True),
])


def expand(table, row_codes, col_codes):
    rows, cols = [], []
    for i, r in enumerate(row_codes):
        for j, c in enumerate(col_codes):
            rows += [r] * int(table[i][j])
            cols += [c] * int(table[i][j])
    return np.array(rows, dtype=np.int8), np.array(cols, dtype=np.int8)


TABLE = [[30, 25, 10, 5], [20, 30, 25, 15], [8, 12, 30, 35]]


def test_crosstab_percentages_and_statistics_match_scipy():
    rows, cols = expand(TABLE, (1, 2, 3), (1, 2, 3, 4))
    result = crosstab(rows, cols, codebook=CODEBOOK, row_name="age", col_name="state")
    t = np.array(TABLE, float)
    np.testing.assert_array_equal(result.counts, t)
    np.testing.assert_allclose(result.row_pct, 100 * t / t.sum(1, keepdims=True))
    np.testing.assert_allclose(result.col_pct, 100 * t / t.sum(0, keepdims=True))
    np.testing.assert_allclose(result.total_pct, 100 * t / t.sum())
    chi2, p, df, expected = sps.chi2_contingency(t, correction=False)
    np.testing.assert_allclose(result.expected, expected)
    d = result.to_dict()
    assert d["statistics"]["pearson"] == pytest.approx({"chi2": chi2, "df": df, "p": p})
    assert d["statistics"]["linear_by_linear"]["df"] == 1
    assert d["n"] == t.sum() and d["weighted"] is False
    assert d["rows"] == {"name": "age", "title": "age group", "codes": [1, 2, 3],
                         "labels": ["under 30", "30-49", "50+"]}
    assert d["row_totals"] == [70, 90, 85] and d["total"] == 245


def test_to_dict_has_the_contract_shape_and_is_strict_json():
    rows, cols = expand([[3, 0], [0, 0]], (1, 2), (1, 2))
    d = crosstab(rows, cols).to_dict()
    for key in ("n", "weighted", "rows", "cols", "counts", "expected", "row_pct", "col_pct",
                "adjusted_residuals", "statistics", "warnings", "findings"):
        assert key in d
    for key in ("pearson", "likelihood_ratio", "linear_by_linear", "cramers_v", "phi", "contingency_coefficient"):
        assert key in d["statistics"]
    json.dumps(d, allow_nan=False)
    assert d["statistics"]["pearson"]["p"] is None


def test_codebook_keeps_empty_categories_but_tests_ignore_them():
    rows, cols = expand([[10, 20, 0, 5], [15, 5, 0, 10]], (1, 2), (1, 2, 3, 4))
    result = crosstab(rows, cols, codebook=CODEBOOK, row_name="age", col_name="state")
    assert result.counts.shape == (3, 4)
    expected = sps.chi2_contingency(np.array([[10, 20, 5], [15, 5, 10]]), correction=False)
    assert result.statistics.pearson.chi2 == pytest.approx(expected[0])
    assert result.statistics.pearson.df == 2
    assert result.to_dict()["row_pct"][2] == [None, None, None, None]


def test_missing_codes_are_excluded_and_warned_about():
    rows = np.array([1, 1, 2, 2, 3, 3, 1], dtype=np.int8)
    cols = np.array([1, 2, 1, 9, 4, 7, 3], dtype=np.int8)
    result = crosstab(rows, cols, codebook=CODEBOOK, row_name="age", col_name="state")
    assert result.n == 5
    warning = [w for w in result.warnings if w.code == "warning.missing_excluded"][0]
    assert warning.params["declared_missing"] == 1 and warning.params["unknown"] == 1
    assert "2 cases" in warning.text("en")


def test_crosstab_of_a_count_table_equals_crosstab_of_arrays():
    rows, cols = expand(TABLE, (1, 2, 3), (1, 2, 3, 4))
    direct = crosstab(rows, cols, codebook=CODEBOOK, row_name="age", col_name="state")
    counted = crosstab_counts(rows, cols, row_variable=CODEBOOK["age"], col_variable=CODEBOOK["state"])
    assert isinstance(counted, CountTable)
    assert crosstab(counted, codebook=CODEBOOK).to_dict() == direct.to_dict()


def test_layers_give_one_table_per_layer_and_the_total():
    rows, cols = expand(TABLE, (1, 2, 3), (1, 2, 3, 4))
    layer = np.tile(np.array([1, 2], dtype=np.int8), len(rows) // 2 + 1)[: len(rows)]
    result = crosstab(rows, cols, layer=layer, layer_name="sex")
    assert len(result.layers) == 2
    np.testing.assert_array_equal(result.layers[0].counts + result.layers[1].counts, result.counts)
    d = result.to_dict()
    assert [x["layer"]["code"] for x in d["layers"]] == [1, 2]


def test_weighted_crosstab_uses_weights_and_rao_scott():
    rows, cols = expand(TABLE, (1, 2, 3), (1, 2, 3, 4))
    weights = np.where(rows == 1, 3.0, 1.0)
    result = crosstab(rows, cols, weights=weights)
    assert result.weighted and result.counts[0, 0] == 90
    assert result.n == 245
    # Weights varying within cells (unrelated to the answers) inflate the variance: δ̄ > 1.
    weights = np.random.default_rng(5).choice([0.3, 3.0], len(rows))
    result = crosstab(rows, cols, weights=weights)
    d = result.to_dict()
    assert d["rao_scott"]["df"] == 6 and d["design_effect"] > 1 and d["effective_n"] < 245
    assert d["rao_scott"]["chi2"] < d["statistics"]["pearson"]["chi2"]
    assert d["fisher"] is None
    assert any(f.code.endswith("_rao_scott") for f in result.findings)


def test_equal_weights_change_nothing_but_the_scale():
    rows, cols = expand(TABLE, (1, 2, 3), (1, 2, 3, 4))
    plain = crosstab(rows, cols)
    weighted = crosstab(rows, cols, weights=np.full(len(rows), 4.0))
    n = len(rows)
    # The design variance carries the with-replacement factor n/(n−1), as R's svychisq does.
    assert weighted.rao_scott.chi2 == pytest.approx(plain.statistics.pearson.chi2 * (n - 1) / n)
    np.testing.assert_allclose(weighted.row_pct, plain.row_pct)


def test_public_output_hides_small_cells_and_their_complements():
    rows, cols = expand([[40, 3, 25], [30, 22, 28], [35, 31, 2]], (1, 2, 3), (1, 2, 3))
    d = crosstab(rows, cols, public=True).to_dict()
    hidden = np.array(d["suppressed"])
    assert hidden[0, 1] and hidden[2, 2] and hidden.sum() >= 4
    assert d["counts"][0][1] is None and d["row_pct"][0][1] is None
    assert d["adjusted_residuals"][0][1] is None
    assert all((c["row"], c["col"]) != (0, 1) for c in d["residual_cells"])
    assert any(w["code"] == "warning.suppressed" for w in d["warnings"])


def test_frequencies_report_percent_valid_percent_cumulative_and_wilson():
    from statsmodels.stats.proportion import proportion_confint

    values = np.array([1] * 20 + [2] * 30 + [4] * 10 + [9] * 5 + [6] * 2, dtype=np.int8)
    result = frequencies(values, codebook=CODEBOOK, name="state")
    assert result.variable.codes == (1, 2, 3, 4)
    np.testing.assert_array_equal(result.counts, [20, 30, 0, 10])
    np.testing.assert_allclose(result.percent, np.array([20, 30, 0, 10]) / 67 * 100)
    np.testing.assert_allclose(result.valid_percent, np.array([20, 30, 0, 10]) / 60 * 100)
    np.testing.assert_allclose(result.cumulative_percent, np.cumsum([20, 30, 0, 10]) / 60 * 100)
    low, high = proportion_confint(30, 60, method="wilson")
    assert result.ci_low[1] == pytest.approx(100 * low, abs=1e-9)
    assert result.ci_high[1] == pytest.approx(100 * high, abs=1e-9)
    d = result.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["missing"]["declared_missing"] == 5 and d["missing"]["unknown"] == 2
    assert d["n_valid"] == 60 and d["n_total"] == 67


def test_weighted_frequencies_use_effective_n_for_intervals():
    values = np.array([1, 1, 2, 2, 2, 3], dtype=np.int8)
    weights = np.array([1, 3, 1, 1, 1, 1.0])
    result = frequencies(values, weights=weights)
    assert result.counts.tolist() == [4, 3, 1]
    assert result.design.effective_n == pytest.approx(64 / 14)


def test_a_cell_hidden_in_one_layer_is_hidden_in_the_total_as_well():
    rows, cols = expand([[40, 30, 25], [30, 22, 28], [35, 31, 20]], (1, 2, 3), (1, 2, 3))
    layer = np.full(len(rows), 1, dtype=np.int8)
    # Move three respondents of cell (0, 1) into layer 2: a small cell there.
    idx = np.flatnonzero((rows == 1) & (cols == 2))[:3]
    layer[idx] = 2
    result = crosstab(rows, cols, layer=layer, public=True)
    assert result.layers[1].suppressed[0, 1]
    assert result.suppressed[0, 1]
