"""Parity of commission sides."""

from tripartite.jurisdictions import Parties, get_pack
from tripartite.jurisdictions.kz import check_parity


def test_tripartite_commission_with_equal_sides_is_ok():
    result = check_parity({"state": 5, "employers": 5, "workers": 5}, Parties.TRIPARTITE)
    assert result.ok and result.code == "ok" and result.params["count"] == 5


def test_tripartite_commission_with_unequal_sides_is_flagged():
    result = check_parity({"state": 5, "employers": 5, "workers": 4}, "tripartite")
    assert not result.ok and result.code == "unequal"
    assert "workers: 4" in result.message["en"] and result.message["kk"] and result.message["ru"]


def test_tripartite_commission_without_a_side_is_flagged():
    result = check_parity({"state": 3, "employers": 3}, Parties.TRIPARTITE)
    assert not result.ok and result.code == "side_missing" and result.params["sides"] == "workers"
    assert result.counts["workers"] == 0


def test_bipartite_commission_has_employers_and_workers_only():
    assert check_parity({"employers": 4, "workers": 4}, Parties.BIPARTITE).ok
    result = check_parity({"state": 1, "employers": 4, "workers": 4}, Parties.BIPARTITE)
    assert not result.ok and result.code == "side_not_party"


def test_commission_without_members_is_not_in_parity():
    assert check_parity({}, Parties.TRIPARTITE).code == "empty"


def test_pack_parity_carries_rule_status():
    tripartite = get_pack().check_parity({"state": 2, "employers": 2, "workers": 2}, Parties.TRIPARTITE)
    assert tripartite.ok and not tripartite.verified and tripartite.source is not None
    assert get_pack().check_parity({"employers": 2, "workers": 2}, Parties.BIPARTITE).verified
