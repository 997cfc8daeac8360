"""The one place that answers "may this user do this to this object"; views, API and CLI all ask it.

A user's rights come from role assignments (core.RoleAssignment). A role applies to an object when
it is platform-wide or when its scope is one of the object's `policy_scopes()` (an organisation
names itself and its ancestors, a commission names itself and its secretariat organisation, and
so on). Which role may do what to which kind of record is the table `GRANTS` below.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.db import models

from tripartite.core.models import Role, RoleAssignment, ScopeType


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    VIEW_HISTORY = "view_history"


#: What an owner's role holders usually do with a register's records, and what its readers do.
EDIT = frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.DELETE, Action.VIEW_HISTORY})
READ = frozenset({Action.VIEW, Action.VIEW_HISTORY})

# Record kind (app_label.model_name) -> role -> actions that role may take within its scope.
# The platform administrator may do everything and is not listed.
GRANTS: dict[str, dict[str, frozenset[Action]]] = {
    "partners.organisation": {
        Role.EDITOR: frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.VIEW_HISTORY}),
        Role.SECRETARY: READ,
        Role.CONCILIATOR: READ,
        Role.ANALYST: READ,
    },
    "partners.membershipreport": {
        Role.EDITOR: EDIT,
        Role.SECRETARY: READ,
        Role.CONCILIATOR: READ,  # whoever may read an organisation may read its membership figures
        Role.ANALYST: READ,
    },
    "commissions.commission": {
        Role.SECRETARY: EDIT,
        Role.EDITOR: READ,
        Role.CONCILIATOR: READ,
        Role.ANALYST: READ,
    },
    "commissions.commissionmember": {
        Role.SECRETARY: EDIT,
        Role.EDITOR: READ,
        Role.CONCILIATOR: READ,
        Role.ANALYST: READ,
    },
    "commissions.meeting": {
        Role.SECRETARY: EDIT,
        Role.EDITOR: READ,
        Role.CONCILIATOR: READ,
        Role.ANALYST: READ,
    },
    "commissions.agendaitem": {
        Role.SECRETARY: EDIT,
        Role.EDITOR: READ,
        Role.CONCILIATOR: READ,
        Role.ANALYST: READ,
    },
    "commissions.decision": {
        Role.SECRETARY: EDIT,
        Role.EDITOR: READ,
        Role.CONCILIATOR: READ,
        Role.ANALYST: READ,
    },
}


def register_grants(grants: dict[str, dict[str, frozenset[Action]]]) -> None:
    """Add an app's rows to `GRANTS`; each app calls it from its AppConfig.ready() for its own record kinds."""
    for kind, by_role in grants.items():
        if kind in GRANTS:
            raise ValueError(f"grants for {kind} are already registered")
        GRANTS[kind] = dict(by_role)


def record_kind(model_or_obj: type[models.Model] | models.Model) -> str:
    meta = model_or_obj._meta
    return f"{meta.app_label}.{meta.model_name}"


def assignments_of(user: Any) -> list[RoleAssignment]:
    """The user's role assignments (none for an anonymous or inactive user), read once per user object.

    The one cache of a user's roles: every rule that looks at roles (here and in the apps) reads it.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user))
        user._role_cache = cached
    return cached


def roles_of(user: Any) -> set[str]:
    return {a.role for a in assignments_of(user)}


def is_platform_admin(user: Any) -> bool:
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    return any(a.role == Role.ADMIN and a.scope_type == ScopeType.PLATFORM for a in assignments_of(user))


def _scopes_of(target: Any) -> set[tuple[str, int]]:
    if target is None:
        return set()
    scopes = getattr(target, "policy_scopes", None)
    return set(scopes()) if callable(scopes) else set()


def _roles_applying(user: Any, target: Any) -> set[str]:
    scopes = _scopes_of(target)
    return {
        a.role
        for a in assignments_of(user)
        if a.scope_type == ScopeType.PLATFORM or (a.scope_type, a.scope_id) in scopes
    }


def can(
    user: Any,
    action: Action | str,
    target: models.Model | None,
    *,
    kind: type[models.Model] | str | None = None,
) -> bool:
    """May `user` take `action` on `target`?

    For CREATE, `target` is the record the new one will belong to (the commission a meeting is
    added to, the parent of a new organisation, the secretariat of a new commission) or None for a
    top-level record, and `kind` names the model being created.
    """
    action = Action(action)
    if kind is None:
        if target is None:
            raise ValueError("can() needs a target or a kind")
        kind_label = record_kind(target)
    else:
        kind_label = kind if isinstance(kind, str) else record_kind(kind)

    if action == Action.VIEW and action_target_is_public(target, creating=kind is not None):
        return True
    # As in `visible()`: any role holder reads unpublished records; roles differ in what they may change.
    if action == Action.VIEW and kind is None and may_see_unpublished(user):
        return True
    if is_platform_admin(user):
        return True
    grants = GRANTS.get(kind_label, {})
    return any(action in grants.get(role, frozenset()) for role in _roles_applying(user, target))


def action_target_is_public(target: Any, *, creating: bool) -> bool:
    return not creating and target is not None and bool(getattr(target, "published", False))


def visible(user: Any, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """Narrow a register queryset to what `user` may see: published records, plus all records for role holders."""
    if is_platform_admin(user) or assignments_of(user):
        return queryset
    return queryset.filter(published=True)


def may_see_unpublished(user: Any) -> bool:
    return is_platform_admin(user) or bool(assignments_of(user))


def scoped_ids(user: Any, scope_type: str, roles: Iterable[str]) -> set[int]:
    """Ids of the organisations or commissions where `user` holds one of `roles`."""
    wanted = set(roles)
    return {
        a.scope_id
        for a in assignments_of(user)
        if a.scope_type == scope_type and a.role in wanted and a.scope_id is not None
    }
