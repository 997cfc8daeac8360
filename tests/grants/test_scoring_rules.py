"""The pure arithmetic: pseudonyms, weighted totals, the outlier rule, even splits of money."""

from __future__ import annotations

import pytest

from tripartite.grants.scoring import outliers, pseudonym_letters, share, split_evenly, weighted_total


def test_pseudonyms_are_letters_in_order_then_two_letters():
    assert [pseudonym_letters(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]
    with pytest.raises(ValueError):
        pseudonym_letters(0)


def test_the_total_is_weight_times_mark_over_ten():
    assert weighted_total({1: 60, 2: 40}, {1: 10, 2: 10}) == 100
    assert weighted_total({1: 60, 2: 40}, {1: 5, 2: 0}) == 30
    assert weighted_total({1: 60, 2: 40}, {1: 7}) == 42  # a missing mark counts as 0


def test_a_total_more_than_25_points_from_the_median_is_an_outlier():
    flagged = outliers([80, 78, 40])
    assert [(o.index, o.median, o.distance) for o in flagged] == [(2, 78.0, 38.0)]
    assert outliers([80, 55.5, 70]) == []  # 14.5 points from the median of 70: not an outlier
    assert outliers([90]) == []


def test_with_two_evaluators_both_are_flagged_when_they_differ_by_more_than_50_points():
    assert [o.index for o in outliers([90, 30])] == [0, 1]
    assert outliers([80, 30]) == []


def test_money_split_evenly_keeps_every_tenge():
    assert split_evenly(100, 3) == [34, 33, 33]
    assert sum(split_evenly(25_000_001, 2)) == 25_000_001
    assert share(1, 4) == 0.25 and share(1, 0) is None
