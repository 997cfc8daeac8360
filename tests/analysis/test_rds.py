"""Recruitment waves and RDS-II weights of a snowball sample."""

import numpy as np
import pytest

from tripartite.analysis.rds import RdsError, rds_proportion, rds_weights, recruitment_waves


def test_waves_count_steps_from_the_seed():
    waves, problems = recruitment_waves(["a", "b", "c", "d", "e"], [None, "a", "a", "b", "d"])
    assert waves == (0, 1, 1, 2, 3)
    assert problems["seeds"] == ("a",) and not problems["in_cycles"] and not problems["unreached"]


def test_cycles_and_unknown_recruiters_are_reported():
    waves, problems = recruitment_waves(
        ["s", "x", "y", "z", "q", "r"], [None, "y", "x", "x", "nobody", "q"])
    assert waves == (0, None, None, None, None, None)
    assert set(problems["in_cycles"]) == {"x", "y"}
    assert problems["unknown_recruiters"] == ("q",)
    assert set(problems["unreached"]) == {"x", "y", "z", "q", "r"}


def test_duplicate_ids_are_refused():
    with pytest.raises(RdsError):
        recruitment_waves([1, 1], [None, None])


def test_rds_ii_weights_are_inverse_degree_and_sum_to_n():
    result = rds_weights([1, 2, 3, 4], [None, 1, 1, 2], [10, 5, 20, None])
    inv = np.array([1 / 10, 1 / 5, 1 / 20])
    np.testing.assert_allclose(result.weights[:3], inv / inv.sum() * 3)
    assert np.isnan(result.weights[3]) and result.invalid_degrees == (4,)
    assert np.nansum(result.weights) == pytest.approx(3)
    assert result.max_wave == 2


def test_rds_ii_proportion_down_weights_well_connected_respondents():
    # Two members of group A with degree 2, two non-members with degree 10: P = (1/2+1/2)/(1/2+1/2+1/10+1/10)
    assert rds_proportion([1, 1, 0, 0], [2, 2, 10, 10]) == pytest.approx(1 / 1.2)
    assert rds_proportion([1, 0, None], [0, 5, 5]) == pytest.approx(0.0)
