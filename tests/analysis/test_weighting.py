"""Raking, Kish design effect and the Rao–Scott correction (checked against a hand-worked example)."""

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tripartite.analysis.weighting import RakingError, kish_design_effect, rake, rao_scott


def test_rao_scott_of_cell_sums_matches_r_on_a_weights_only_design():
    # tests/analysis/reference: svychisq(~row + col, svydesign(ids=~1, weights=~w)), R survey 4.1.1.
    reference = json.loads((Path(__file__).with_name("reference") / "svychisq.json").read_text("utf-8"))
    case = next(c for c in reference["cases"] if c["design"] == "weights" and c["data"] == "weighted_2x2.csv")
    data = pd.read_csv(Path(__file__).with_name("reference") / case["data"])
    cells = data["row"] * 10 + data["col"]
    sum_w = [[data["w"][cells == 10 * i + j].sum() for j in (1, 2)] for i in (1, 2)]
    sum_w2 = [[(data["w"][cells == 10 * i + j] ** 2).sum() for j in (1, 2)] for i in (1, 2)]
    result = rao_scott(sum_w, sum_w2, n=len(data))
    assert result.df == 1
    assert result.chi2 == pytest.approx(case["chi2_rs"], abs=1e-9)
    assert result.p == pytest.approx(math.erfc(math.sqrt(result.chi2 / 2)), abs=1e-12)
    assert result.second_order.f == pytest.approx(case["f"], abs=1e-9)
    assert result.second_order.ddf == pytest.approx(case["ddf"], abs=1e-9)


def test_rao_scott_equals_pearson_times_n_minus_1_over_n_when_weights_are_equal():
    counts = np.array([[20.0, 15, 9], [11, 18, 22]])
    from scipy.stats import chi2_contingency

    n = counts.sum()
    result = rao_scott(counts * 2.5, counts * 2.5**2, n=n)
    assert result.mean_deff == pytest.approx(n / (n - 1), abs=1e-12)
    assert result.chi2 == pytest.approx(chi2_contingency(counts, correction=False)[0] * (n - 1) / n, abs=1e-9)


def test_kish_design_effect_is_one_plus_cv_squared():
    w = np.array([1.0, 2.0, 3.0, 4.0])
    result = kish_design_effect(w)
    assert result.design_effect == pytest.approx(1 + w.var() / w.mean() ** 2)
    assert result.effective_n == pytest.approx(w.sum() ** 2 / (w**2).sum())


def test_raking_reaches_every_margin():
    rng = np.random.default_rng(3)
    n = 5000
    sex = rng.choice([1, 2], n, p=[0.7, 0.3]).astype(np.int8)
    sector = rng.choice([1, 2, 3], n, p=[0.5, 0.3, 0.2]).astype(np.int8)
    region = rng.choice([10, 20], n).astype(np.int16)
    margins = {"sex": {1: 0.48, 2: 0.52}, "sector": {1: 0.2, 2: 0.3, 3: 0.5}, "region": {10: 0.6, 20: 0.4}}
    result = rake({"sex": sex, "sector": sector, "region": region}, margins)
    assert result.converged and result.iterations < 100
    w = result.weights
    assert w.sum() == pytest.approx(n)
    assert w[sex == 2].sum() / n == pytest.approx(0.52, abs=1e-5)
    assert w[sector == 3].sum() / n == pytest.approx(0.5, abs=1e-5)
    assert w[region == 10].sum() / n == pytest.approx(0.6, abs=1e-5)


def test_raking_to_population_totals():
    rng = np.random.default_rng(4)
    sex = rng.choice([1, 2], 2000, p=[0.9, 0.1]).astype(np.int8)
    age = rng.choice([1, 2, 3], 2000).astype(np.int8)
    margins = {"sex": {1: 500_000, 2: 500_000}, "age": {1: 300_000, 2: 300_000, 3: 400_000}}
    plain = rake({"sex": sex, "age": age}, margins)
    assert plain.weights.sum() == pytest.approx(1_000_000)
    assert plain.trimming_rounds == 0 and plain.trimmed == 0 and plain.within_bounds is None


def test_trimming_that_succeeds_keeps_every_final_weight_inside_the_bounds():
    rng = np.random.default_rng(4)
    sex = rng.choice([1, 2], 2000, p=[0.6, 0.4]).astype(np.int8)
    age = rng.choice([1, 2, 3], 2000, p=[0.4, 0.35, 0.25]).astype(np.int8)
    base = np.exp(rng.normal(0, 0.6, 2000))  # design weights from 0.08 to 7.8 × their mean after raking
    margins = {"sex": {1: 0.5, 2: 0.5}, "age": {1: 0.3, 2: 0.3, 3: 0.4}}
    result = rake({"sex": sex, "age": age}, margins, weights=base, trim=(0.3, 3.0))
    w = result.weights
    assert result.trimmed > 0 and result.trimming_rounds >= 1
    assert result.within_bounds and result.outside_bounds == 0 and result.converged
    assert w.min() >= 0.3 * w.mean() * (1 - 1e-9) and w.max() <= 3.0 * w.mean() * (1 + 1e-9)
    assert w[sex == 2].sum() / w.sum() == pytest.approx(0.5, abs=1e-5)
    assert w[age == 3].sum() / w.sum() == pytest.approx(0.4, abs=1e-5)


def test_trimming_that_cannot_hold_the_bounds_says_so_and_does_not_claim_convergence():
    rng = np.random.default_rng(4)
    sex = rng.choice([1, 2], 2000, p=[0.9, 0.1]).astype(np.int8)
    age = rng.choice([1, 2, 3], 2000).astype(np.int8)
    margins = {"sex": {1: 500_000, 2: 500_000}, "age": {1: 300_000, 2: 300_000, 3: 400_000}}
    # Women are 10% of the sample and half the population: their weights must be 9× the men's,
    # which bounds of 0.5–2 × mean cannot hold while the margins are met.
    result = rake({"sex": sex, "age": age}, margins, trim=(0.5, 2.0), max_trim_rounds=3)
    assert result.trimming_rounds == 3
    assert result.within_bounds is False and result.outside_bounds > 0
    assert not result.converged
    report = result.report()
    assert report["within_bounds"] is False and report["outside_bounds"] == result.outside_bounds
    low, high = report["bounds"]
    assert ((result.weights < low) | (result.weights > high)).sum() == result.outside_bounds


def test_raking_refuses_unreachable_margins():
    codes = np.array([1, 1, 2], dtype=np.int8)
    with pytest.raises(RakingError, match="no respondents"):
        rake({"sex": codes}, {"sex": {1: 0.3, 2: 0.3, 3: 0.4}})
    with pytest.raises(RakingError, match="no target"):
        rake({"sex": codes}, {"sex": {1: 1.0}})
    with pytest.raises(RakingError, match="same population total"):
        rake({"a": codes, "b": codes}, {"a": {1: 10, 2: 20}, "b": {1: 10, 2: 25}})
