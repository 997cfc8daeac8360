"""The parity rule: members in term counted by side, checked with the jurisdiction pack, flagged when broken."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from tests.commissions.conftest import TODAY, make_commission, make_org, seat
from tripartite.commissions import queries

pytestmark = pytest.mark.django_db


def test_equal_sides_keep_parity(commission):
    for side in ("state", "employers", "workers"):
        seat(commission, side, 2)
    parity = commission.parity_on(TODAY)
    assert parity.ok
    assert parity.counts_by_side == {"state": 2, "employers": 2, "workers": 2}


def test_unequal_sides_are_flagged_with_the_count_of_each_side(commission):
    seat(commission, "state", 2)
    seat(commission, "employers", 1)
    seat(commission, "workers", 1)
    with translation.override("en"):
        parity = commission.parity_on(TODAY)
        labels = [c.label for c in parity.counts]
    assert not parity.ok
    assert parity.code == "unequal"
    assert parity.message == "The sides have different numbers of members."
    assert labels == ["State (executive bodies): 2 members", "Employers: 1 member", "Workers: 1 member"]


def test_adding_the_missing_members_fixes_parity(commission):
    seat(commission, "state", 2)
    seat(commission, "employers", 1)
    seat(commission, "workers", 1)
    assert not commission.parity_on(TODAY).ok
    seat(commission, "employers", 1)
    seat(commission, "workers", 1)
    assert commission.parity_on(TODAY).ok


def test_a_side_without_members_is_named(commission):
    seat(commission, "state")
    seat(commission, "employers")
    with translation.override("ru"):
        parity = commission.parity_on(TODAY)
    assert parity.code == "side_missing"
    assert parity.message == "Нет членов от стороны: Работники."


def test_a_commission_without_members_cannot_keep_parity(commission):
    assert commission.parity_on(TODAY).code == "empty"


def test_secretaries_and_members_out_of_term_are_not_counted(commission):
    for side in ("state", "employers", "workers"):
        seat(commission, side)
    seat(commission, "state", role="secretary")
    seat(commission, "workers", term_start=date(2020, 1, 1), term_end=date(2025, 12, 31))
    seat(commission, "employers", term_start=date(2027, 1, 1))
    assert commission.parity_on(TODAY).ok
    assert not commission.parity_on(date(2025, 6, 1)).ok


def test_the_bipartite_organisation_level_needs_equal_employers_and_workers(ministry):
    employer = make_org("Demo LLP", kind="employer")
    bargaining = make_commission(employer, name="Bargaining commission", level="organisation")
    seat(bargaining, "employers", 2)
    seat(bargaining, "workers", 2)
    assert bargaining.parity_on(TODAY).ok
    seat(bargaining, "state")
    parity = bargaining.parity_on(TODAY)
    assert not parity.ok and parity.code == "side_not_party"


def test_the_list_can_show_only_commissions_that_break_parity(admin_user, ministry):
    kept = make_commission(ministry, name="Kept")
    broken = make_commission(ministry, name="Broken")
    for side in ("state", "employers", "workers"):
        seat(kept, side)
        seat(broken, side)
    seat(broken, "state")
    assert list(queries.commission_list(user=admin_user, today=TODAY, parity="broken")) == [broken]
    assert list(queries.commission_list(user=admin_user, today=TODAY, parity="ok")) == [kept]


def test_the_annotated_list_and_the_detail_agree(admin_user, commission):
    seat(commission, "state", 3)
    seat(commission, "workers", 1, role="chair")
    seat(commission, "employers", 2)
    listed = queries.commission_list(user=admin_user, today=TODAY).get()
    assert queries.summarize(listed, TODAY).parity.counts_by_side == commission.parity_on(TODAY).counts_by_side


def test_the_commission_page_warns_which_side_has_how_many(client, commission):
    seat(commission, "state", 2)
    seat(commission, "employers", 1)
    seat(commission, "workers", 1)
    page = client.get(f"/commissions/{commission.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Parity broken" in page
    assert "State (executive bodies): 2 members" in page
    assert "Workers: 1 member" in page
    listing = client.get("/commissions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Parity broken" in listing
