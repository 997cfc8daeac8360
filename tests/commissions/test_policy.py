"""Who may view, create, change and delete commissions, members, meetings and decisions — allowed and denied."""

from __future__ import annotations

from datetime import date

import pytest

from tests.commissions.conftest import make_commission, make_decision, make_meeting, seat
from tripartite.commissions import services
from tripartite.commissions.models import AgendaItem, Commission, CommissionMember, Decision, Meeting
from tripartite.core.errors import NotAllowed
from tripartite.core.policy import Action, can

pytestmark = pytest.mark.django_db

ALL = {"view", "create", "change", "delete"}
READ = {"view"}

# persona -> actions allowed on a commission of the Ministry of Labour and on everything inside it.
EXPECTED_ON_COMMISSION = {
    "admin": ALL,
    "secretary_of_secretariat": ALL,
    "secretary_of_commission": {"view", "change", "delete"},  # runs it, but cannot register new commissions
    "secretary_of_other_org": READ,
    "editor": READ,
    "conciliator": READ,
    "analyst": READ,
    "anonymous": READ,  # the commission is published
}
EXPECTED_ON_CHILDREN = {**EXPECTED_ON_COMMISSION, "secretary_of_commission": ALL}


@pytest.fixture
def world(make_user, anonymous, ministry, other_ministry, union):
    commission = make_commission(ministry)
    member = seat(commission, "state")[0]
    meeting = make_meeting(commission)
    decision = make_decision(meeting, due=date(2026, 3, 1))
    users = {
        "admin": make_user("adm", role="admin"),
        "secretary_of_secretariat": make_user("sec", role="secretary", organisation=ministry),
        "secretary_of_commission": make_user("sec-c", role="secretary", commission=commission),
        "secretary_of_other_org": make_user("sec-o", role="secretary", organisation=other_ministry),
        "editor": make_user("ed", role="editor", organisation=union),
        "conciliator": make_user("con", role="conciliator"),
        "analyst": make_user("an", role="analyst"),
        "anonymous": anonymous,
    }
    return {"commission": commission, "member": member, "meeting": meeting, "decision": decision, "users": users,
            "ministry": ministry}


def _allowed(user, target, parent, kind, parent_kind_target):
    allowed = set()
    for action in ("view", "change", "delete"):
        if can(user, action, target):
            allowed.add(action)
    if can(user, Action.CREATE, parent_kind_target, kind=kind):
        allowed.add("create")
    return allowed


@pytest.mark.parametrize("persona", sorted(EXPECTED_ON_COMMISSION))
def test_commission_rights(world, persona):
    user = world["users"][persona]
    got = _allowed(user, world["commission"], None, Commission, world["ministry"])
    assert got == EXPECTED_ON_COMMISSION[persona]


@pytest.mark.parametrize("persona", sorted(EXPECTED_ON_CHILDREN))
@pytest.mark.parametrize("record, kind, parent", [
    ("member", CommissionMember, "commission"),
    ("meeting", Meeting, "commission"),
    ("decision", Decision, "meeting"),
])
def test_rights_on_members_meetings_and_decisions(world, persona, record, kind, parent):
    user = world["users"][persona]
    got = _allowed(user, world[record], None, kind, world[parent])
    assert got == EXPECTED_ON_CHILDREN[persona]


def test_agenda_items_follow_their_commission(world):
    users = world["users"]
    assert can(users["secretary_of_commission"], Action.CREATE, world["meeting"], kind=AgendaItem)
    assert not can(users["editor"], Action.CREATE, world["meeting"], kind=AgendaItem)


def test_anonymous_visitors_do_not_see_an_unpublished_commission(world, anonymous):
    commission = world["commission"]
    commission.published = False
    commission.save()
    assert not can(anonymous, Action.VIEW, commission)
    assert not can(anonymous, Action.VIEW, world["member"])
    assert can(world["users"]["analyst"], Action.VIEW, commission)


def test_services_refuse_what_the_policy_refuses(world):
    users = world["users"]
    with pytest.raises(NotAllowed):
        services.commission_create(by=users["secretary_of_other_org"], secretariat=world["ministry"],
                                   level="republican", name_en="Not mine")
    with pytest.raises(NotAllowed):
        services.member_add(by=users["editor"], commission=world["commission"], side="workers", person_name="X")
    with pytest.raises(NotAllowed):
        services.decision_mark_done(decision=world["decision"], by=users["analyst"], done_on=date(2026, 2, 1))
    assert Commission.objects.count() == 1 and CommissionMember.objects.count() == 1


def test_a_secretary_cannot_move_a_commission_to_a_secretariat_outside_their_scope(world, other_ministry):
    with pytest.raises(NotAllowed):
        services.commission_update(commission=world["commission"], by=world["users"]["secretary_of_secretariat"],
                                   data={"secretariat": other_ministry})
    world["commission"].refresh_from_db()
    assert world["commission"].secretariat == world["ministry"]


def test_the_secretary_of_a_parent_body_manages_commissions_of_bodies_below_it(make_user, ministry):
    from tests.commissions.conftest import make_org

    department = make_org("Department of social partnership", subkind="labour_inspectorate", parent=ministry)
    secretary = make_user("sec-p", role="secretary", organisation=ministry)
    commission = services.commission_create(by=secretary, secretariat=department, level="republican", name_en="C")
    assert can(secretary, Action.CHANGE, commission)
