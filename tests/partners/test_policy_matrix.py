"""Who may view, create, change and delete organisations and membership reports: each persona, both ways.

The target is an unpublished organisation (so that "view" depends on the role, not on publication)
sitting under a parent; writes go through the real services.
"""

from __future__ import annotations

from datetime import date

import pytest

from tripartite.core.errors import NotAllowed
from tripartite.core.policy import Action, can
from tripartite.partners import services
from tripartite.partners.models import Kind, MembershipReport, Organisation, Subkind

pytestmark = pytest.mark.django_db

PERSONAS = ["admin", "secretary", "editor_own", "editor_other", "editor_parent", "conciliator", "analyst", "anonymous"]

# Any role holder reads unpublished records (policy.visible and can(VIEW) agree); rights to change differ.
#                          view   create change delete
ORGANISATION_RIGHTS = {
    "admin":         (True,  True,  True,  True),
    "secretary":     (True,  False, False, False),
    "editor_own":    (True,  True,  True,  False),
    "editor_other":  (True,  False, False, False),
    "editor_parent": (True,  True,  True,  False),
    "conciliator":   (True,  False, False, False),
    "analyst":       (True,  False, False, False),
    "anonymous":     (False, False, False, False),
}
REPORT_RIGHTS = {
    "admin":         (True,  True,  True,  True),
    "secretary":     (True,  False, False, False),
    "editor_own":    (True,  True,  True,  True),
    "editor_other":  (True,  False, False, False),
    "editor_parent": (True,  True,  True,  True),
    "conciliator":   (True,  False, False, False),
    "analyst":       (True,  False, False, False),
    "anonymous":     (False, False, False, False),
}


@pytest.fixture
def world(make_user, anonymous):
    parent = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.SECTORAL_UNION, name_en="Education union")
    target = Organisation.objects.create(
        kind=Kind.TRADE_UNION, subkind=Subkind.LOCAL_UNION, name_en="City teachers", parent=parent, published=False
    )
    other = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.SECTORAL_UNION, name_en="Miners")
    report = MembershipReport.objects.create(organisation=target, as_of=date(2024, 1, 1), members=100)
    users = {
        "admin": make_user("admin", role="admin"),
        "secretary": make_user("secretary", role="secretary"),
        "editor_own": make_user("editor-own", role="editor", organisation=target),
        "editor_other": make_user("editor-other", role="editor", organisation=other),
        "editor_parent": make_user("editor-parent", role="editor", organisation=parent),
        "conciliator": make_user("conciliator", role="conciliator"),
        "analyst": make_user("analyst", role="analyst"),
        "anonymous": anonymous,
    }
    return {"target": target, "report": report, "users": users}


def _allowed(call) -> bool:
    try:
        call()
    except NotAllowed:
        return False
    return True


@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_rights_follow_the_policy(world, persona):
    user, target = world["users"][persona], world["target"]
    view, create, change, delete = ORGANISATION_RIGHTS[persona]

    assert can(user, Action.VIEW, target) is view
    assert _allowed(lambda: services.organisation_create(
        by=user, data={"kind": Kind.TRADE_UNION, "subkind": Subkind.PRIMARY_UNION, "name_en": "School 5", "parent": target}
    )) is create
    assert _allowed(lambda: services.organisation_update(by=user, organisation=target, data={"short_name": "CT"})) is change
    target.refresh_from_db()
    assert (target.short_name == "CT") is change
    # Deleting: remove the child created above first, so that only the permission decides.
    Organisation.objects.filter(parent=target).delete()
    assert _allowed(lambda: services.organisation_delete(by=user, organisation=target)) is delete
    assert Organisation.objects.filter(pk=target.pk).exists() is not delete


@pytest.mark.parametrize("persona", PERSONAS)
def test_membership_report_rights_follow_the_policy(world, persona):
    user, target, report = world["users"][persona], world["target"], world["report"]
    view, create, change, delete = REPORT_RIGHTS[persona]

    assert can(user, Action.VIEW, report) is view
    assert _allowed(lambda: services.membership_report_create(
        by=user, organisation=target, data={"as_of": date(2025, 1, 1), "members": 120}
    )) is create
    assert _allowed(lambda: services.membership_report_update(by=user, report=report, data={"members": 101})) is change
    report.refresh_from_db()
    assert (report.members == 101) is change
    assert _allowed(lambda: services.membership_report_delete(by=user, report=report)) is delete
    assert MembershipReport.objects.filter(pk=report.pk).exists() is not delete


def test_only_an_administrator_registers_an_organisation_without_a_parent(world):
    data = {"kind": Kind.TRADE_UNION, "name_en": "New federation"}
    with pytest.raises(NotAllowed):
        services.organisation_create(by=world["users"]["editor_parent"], data=data)
    assert services.organisation_create(by=world["users"]["admin"], data=data).pk


def test_an_editor_cannot_move_an_organisation_under_one_they_do_not_edit(world):
    other = Organisation.objects.get(name_en="Miners")
    with pytest.raises(NotAllowed):
        services.organisation_update(by=world["users"]["editor_own"], organisation=world["target"], data={"parent": other})
    world["target"].refresh_from_db()
    assert world["target"].parent.name_en == "Education union"
