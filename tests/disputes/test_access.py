"""Who reads a dispute's case file: the parties, the assigned conciliators, the secretariat and the inspectorate.
A party of one dispute cannot read another's; anonymous visitors and analysts see the public summary only."""

from __future__ import annotations

from datetime import date

import pytest

from tripartite.disputes import access, services

from .conftest import make_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture
def disputes(world):
    return make_dispute(world), make_dispute(world, other=True, subject="Bus drivers pay")


def test_each_persona_reads_exactly_the_disputes_it_should(world, disputes):
    mine, theirs = disputes
    expectations = {
        world.inspector: {mine, theirs},
        world.union_editor: {mine},
        world.sectoral_editor: {mine},  # the union above the primary organisation
        world.employer_editor: {mine},
        world.other_editor: {theirs},
        world.conciliator: set(),  # not assigned yet
        world.analyst: set(),
    }
    for user, expected in expectations.items():
        assert set(access.visible_disputes(user)) == expected, user
        for dispute in (mine, theirs):
            assert access.may_read(user, dispute) == (dispute in expected), (user, dispute)


def test_an_assigned_conciliator_reads_and_acts_on_that_dispute_only(world, disputes):
    mine, theirs = disputes
    services.conciliator_assign(dispute=mine, by=world.inspector, user=world.conciliator)
    assert set(access.visible_disputes(world.conciliator)) == {mine}
    assert access.may_act(world.conciliator, mine) and not access.may_read(world.conciliator, theirs)


def test_only_the_inspectorate_or_the_secretariat_assigns_conciliators(world, disputes):
    from tripartite.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        services.conciliator_assign(dispute=disputes[0], by=world.union_editor, user=world.conciliator)


def test_a_party_of_one_dispute_cannot_open_anothers_page_or_api(world, disputes, client, api):
    mine, theirs = disputes
    client.force_login(world.union_editor)
    assert client.get(f"/disputes/{mine.pk}/").status_code == 200
    assert client.get(f"/disputes/{theirs.pk}/").status_code == 404
    assert client.get(f"/disputes/{theirs.pk}/history/").status_code == 404
    assert client.get(f"/disputes/{theirs.pk}/advance/").status_code == 404
    as_party = api(world.union_editor)
    assert as_party.get(f"disputes/{mine.pk}")[0] == 200
    assert as_party.get(f"disputes/{theirs.pk}")[0] == 404
    assert as_party.get(f"disputes/{theirs.pk}/timeline")[0] == 404
    status, _body = as_party.post(f"disputes/{theirs.pk}/advance", {"to_stage": "conciliation", "on": "2025-03-27"})
    assert status == 404
    listed = as_party.get("disputes/")[1]
    assert [d["id"] for d in listed["items"]] == [mine.pk]


def test_anonymous_visitors_see_the_summary_but_no_case(world, disputes, client, api):
    mine, _theirs = disputes
    assert client.get("/disputes/summary/").status_code == 200
    assert client.get("/disputes/procedure/").status_code == 200
    response = client.get(f"/disputes/{mine.pk}/")
    assert response.status_code == 404
    assert mine.subject not in client.get("/disputes/").content.decode()
    assert api(None).get(f"disputes/{mine.pk}")[0] == 401
    assert api(None).get("disputes/summary")[0] == 200
    assert client.get("/disputes/deadlines/").status_code == 302  # to the login page


def test_the_analyst_reads_the_summary_not_the_cases(world, disputes, client):
    client.force_login(world.analyst)
    assert client.get(f"/disputes/{disputes[0].pk}/").status_code == 404
    assert client.get("/disputes/summary/").status_code == 200


def test_who_may_register_a_dispute(world):
    assert access.may_create(world.union_editor, world.employer, world.union)
    assert access.may_create(world.inspector, world.employer, world.union)
    assert not access.may_create(world.other_editor, world.employer, world.union)
    assert not access.may_create(world.conciliator, world.employer, world.union)
    from tripartite.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        make_dispute(world, by=world.other_editor, on=date(2025, 3, 19))
