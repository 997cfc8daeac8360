"""The policy: platform-wide roles, scoped roles, published records for anonymous visitors."""

from __future__ import annotations

import pytest

from tripartite.core.errors import NotAllowed
from tripartite.core.models import Role, ScopeType
from tripartite.core.policy import Action, can, is_platform_admin, visible
from tripartite.core.services import role_grant
from tripartite.partners.models import Kind, Organisation

pytestmark = pytest.mark.django_db


def org(name: str, *, parent: Organisation | None = None, published: bool = True) -> Organisation:
    return Organisation.objects.create(kind=Kind.TRADE_UNION, name_en=name, parent=parent, published=published)


def test_platform_admin_may_do_everything(make_user):
    admin = make_user("root", role="admin")
    target = org("Union", published=False)
    assert is_platform_admin(admin)
    for action in Action:
        assert can(admin, action, target)


def test_anonymous_sees_published_records_only(anonymous):
    shown, hidden = org("Shown"), org("Hidden", published=False)
    assert can(anonymous, Action.VIEW, shown)
    assert not can(anonymous, Action.VIEW, hidden)
    assert list(visible(anonymous, Organisation.objects.all())) == [shown]


def test_anonymous_may_not_change_anything(anonymous):
    target = org("Union")
    for action in (Action.CHANGE, Action.DELETE, Action.VIEW_HISTORY):
        assert not can(anonymous, action, target)
    assert not can(anonymous, Action.CREATE, None, kind=Organisation)


def test_a_scoped_role_reaches_the_organisation_and_its_descendants_only(make_user):
    parent = org("Federation")
    child = org("Sectoral union", parent=parent)
    other = org("Other")
    editor = make_user("ed", role="editor", organisation=parent)
    assert can(editor, Action.CHANGE, parent)
    assert can(editor, Action.CHANGE, child)
    assert not can(editor, Action.CHANGE, other)
    assert can(editor, Action.CREATE, parent, kind=Organisation)
    assert not can(editor, Action.CREATE, None, kind=Organisation)


def test_a_role_does_not_grant_actions_outside_its_table(make_user):
    target = org("Union")
    analyst = make_user("an", role="analyst")
    assert can(analyst, Action.VIEW, org("Hidden", published=False))
    assert not can(analyst, Action.CHANGE, target)


def test_only_an_administrator_grants_roles(make_user):
    admin = make_user("root", role="admin")
    analyst = make_user("an", role="analyst")
    newcomer = make_user("new")
    with pytest.raises(NotAllowed):
        role_grant(by=analyst, user=newcomer, role=Role.ADMIN)
    assignment = role_grant(by=admin, user=newcomer, role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=org("U").pk)
    assert assignment.history.first().history_user == admin


def test_inactive_users_have_no_rights(make_user):
    editor = make_user("ed", role="admin")
    editor.is_active = False
    editor.save()
    assert not can(editor, Action.CHANGE, org("Union"))
