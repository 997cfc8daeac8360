"""Raking, Kish design effect and the Rao–Scott correction (checked against a hand-worked example)."""

import math

import numpy as np
import pytest

from tripartite.analysis.weighting import RakingError, kish_design_effect, rake, rao_scott


def test_rao_scott_matches_hand_worked_2x2_example():
    # Six respondents, 2×2 table; weights w and cells:
    #   cell (0,0): w = 1, 3     -> W00 = 4, S00 = 1 + 9 = 10
    #   cell (0,1): w = 2        -> W01 = 2, S01 = 4
    #   cell (1,0): w = 1        -> W10 = 1, S10 = 1
    #   cell (1,1): w = 1, 1     -> W11 = 2, S11 = 2
    # n = 6, W = 9, S = 17.  p = [[4/9, 2/9], [1/9, 2/9]]; rows 6/9, 3/9; cols 5/9, 4/9.
    # X²_w = n ΣΣ (p − r c)²/(r c): r c = [[30/81, 24/81], [15/81, 12/81]]
    #   (p − rc) = [[6/81, −6/81], [−6/81, 6/81]]; Σ (36/81²)/(rc) = (36/81)(1/30 + 1/24 + 1/15 + 1/12)
    #   = (36/81)(0.225) = 0.1;  X²_w = 6 × 0.1 = 0.6
    # Cell deff d = v / (p(1−p)/n), v = (S_A(1 − 2p) + p² S)/W²:
    #   d00: v = (10(1 − 8/9) + (16/81)17)/81 = (10/9 + 272/81)/81 = (362/81)/81; p(1−p)/n = (20/81)/6
    #        d00 = (362/81)/81 / (20/486) = 362·486/(81·81·20) = 1.3407407...
    #   d01: v = (4(5/9) + (4/81)17)/81 = (248/81)/81; srs = (14/81)/6 -> d01 = 248·6/(81·14) = 1.3121693...
    #   d10: v = (1(7/9) + (1/81)17)/81 = (80/81)/81;  srs = (8/81)/6  -> d10 = 80·6/(81·8) = 0.7407407...
    #   d11: v = (2(5/9) + (4/81)17)/81 = (158/81)/81; srs = (14/81)/6 -> d11 = 158·6/(81·14) = 0.8359788...
    #   rows: r0 = 6/9, S = 14: v = (14(1 − 12/9) + (36/81)17)/81 = (−378/81 + 612/81)/81 = (234/81)/81
    #         srs = (18/81)/6 -> d_r0 = 234·6/(81·18) = 0.9629630; r1 = 3/9, S = 3:
    #         v = (3(1/3) + (9/81)17)/81 = (234/81)/81 -> d_r1 = 0.9629630
    #   cols: c0 = 5/9, S = 11: v = (11(−1/9) + (25/81)17)/81 = (326/81)/81; srs = (20/81)/6 -> 1.2074074
    #         c1 = 4/9, S = 6: v = (6(1/9) + (16/81)17)/81 = (326/81)/81 -> d_c1 = 1.2074074
    # δ̄ = Σ(1 − rc) d − Σ(1 − r) d_r − Σ(1 − c) d_c   (df = 1)
    #   = (51/81)1.3407407 + (57/81)1.3121693 + (66/81)0.7407407 + (69/81)0.8359788
    #     − (1/3 + 2/3)0.9629630 − (4/9 + 5/9)1.2074074
    #   = 0.8441701 + 0.9233784 + 0.6035665 + 0.7121301 − 0.9629630 − 1.2074074 = 0.9128748
    # X²_RS = 0.6 / 0.9128748 = 0.6572643
    d = [362 * 486 / (81 * 81 * 20), 248 * 6 / (81 * 14), 80 * 6 / (81 * 8), 158 * 6 / (81 * 14)]
    delta = (51 * d[0] + 57 * d[1] + 66 * d[2] + 69 * d[3]) / 81 - 234 * 6 / (81 * 18) - 326 * 6 / (81 * 20)
    assert delta == pytest.approx(0.9128748, abs=1e-7)
    result = rao_scott([[4, 2], [1, 2]], [[10, 4], [1, 2]], n=6)
    assert result.pearson_weighted == pytest.approx(0.6, abs=1e-12)
    assert result.mean_deff == pytest.approx(delta, abs=1e-12)
    assert result.chi2 == pytest.approx(0.6 / delta, abs=1e-12) == pytest.approx(0.6572643, abs=1e-7)
    assert result.df == 1
    assert result.p == pytest.approx(math.erfc(math.sqrt(result.chi2 / 2)), abs=1e-12)


def test_rao_scott_equals_pearson_when_weights_are_equal():
    counts = np.array([[20.0, 15, 9], [11, 18, 22]])
    from scipy.stats import chi2_contingency

    result = rao_scott(counts * 2.5, counts * 2.5**2, n=counts.sum())
    assert result.mean_deff == pytest.approx(1.0, abs=1e-12)
    assert result.chi2 == pytest.approx(chi2_contingency(counts, correction=False)[0], abs=1e-9)


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


def test_raking_to_population_totals_and_trimming_is_reported():
    rng = np.random.default_rng(4)
    sex = rng.choice([1, 2], 2000, p=[0.9, 0.1]).astype(np.int8)
    age = rng.choice([1, 2, 3], 2000).astype(np.int8)
    margins = {"sex": {1: 500_000, 2: 500_000}, "age": {1: 300_000, 2: 300_000, 3: 400_000}}
    plain = rake({"sex": sex, "age": age}, margins)
    trimmed = rake({"sex": sex, "age": age}, margins, trim=(0.5, 2.0), max_trim_rounds=3)
    assert plain.weights.sum() == pytest.approx(1_000_000)
    assert plain.trimming_rounds == 0 and plain.trimmed == 0
    # Trimming clips, then re-rakes: the margins hold again and the report says what happened.
    assert trimmed.trimming_rounds >= 1 and trimmed.trimmed > 0
    assert trimmed.converged
    assert trimmed.weights[sex == 2].sum() == pytest.approx(500_000, rel=1e-5)


def test_raking_refuses_unreachable_margins():
    codes = np.array([1, 1, 2], dtype=np.int8)
    with pytest.raises(RakingError, match="no respondents"):
        rake({"sex": codes}, {"sex": {1: 0.3, 2: 0.3, 3: 0.4}})
    with pytest.raises(RakingError, match="no target"):
        rake({"sex": codes}, {"sex": {1: 1.0}})
    with pytest.raises(RakingError, match="same population total"):
        rake({"a": codes, "b": codes}, {"a": {1: 10, 2: 20}, "b": {1: 10, 2: 25}})
