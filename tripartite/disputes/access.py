"""Who may read and act on a collective dispute: the one place the disputes app asks.

A dispute's case file is never public (only the aggregated summary is). It may be read, and advanced, by:
- a platform administrator;
- the inspectorate: a secretary of a state body (any organisation of kind "state body", e.g. the Ministry of
  Labour or a labour inspectorate) or a platform-wide secretary;
- the secretariat of the commission concerned: a secretary whose scope is that commission or its
  secretariat organisation;
- the parties: an editor of the employer or of the trade union (or of an organisation above them, such as
  the sectoral union of a primary union organisation);
- an assigned conciliator: a user holding the conciliator role (any scope) whom the secretariat assigned to
  this dispute, or whose conciliator scope is the commission concerned.
An analyst, or a conciliator not assigned, reads the summary only. ``core.policy.can(VIEW)`` is deliberately
not used for disputes: it lets any role holder read unpublished records.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from tripartite.core.models import Role, ScopeType
from tripartite.core.policy import assignments_of, is_platform_admin, roles_of, scoped_ids
from tripartite.disputes.models import Dispute
from tripartite.partners.models import Kind, Organisation
from tripartite.partners.queries import subtree_ids


def _org_ids(user: Any, role: str) -> set[int]:
    return scoped_ids(user, ScopeType.ORGANISATION, [role])


def _commission_ids(user: Any, role: str) -> set[int]:
    return scoped_ids(user, ScopeType.COMMISSION, [role])


def is_inspectorate(user: Any) -> bool:
    """A platform-wide secretary, or a secretary of a state body: reads and follows every dispute."""
    if is_platform_admin(user):
        return True
    if any(a.role == Role.SECRETARY and a.scope_type == ScopeType.PLATFORM for a in assignments_of(user)):
        return True
    ids = _org_ids(user, Role.SECRETARY)
    return bool(ids) and Organisation.objects.filter(pk__in=ids, kind=Kind.STATE_BODY).exists()


def party_sides(user: Any, dispute: Dispute) -> set[str]:
    """The sides ("employer", "workers") the user edits for: its organisation or one above it."""
    editor_of = _org_ids(user, Role.EDITOR)
    if not editor_of:
        return set()
    return {side for side, ids in dispute.party_org_ids().items() if ids & editor_of}


def _is_commission_secretary(user: Any, dispute: Dispute) -> bool:
    commission = dispute.commission if dispute.commission_id else None
    if commission is None:
        return False
    return (commission.pk in _commission_ids(user, Role.SECRETARY)
            or commission.secretariat_id in _org_ids(user, Role.SECRETARY))


def is_assigned_conciliator(user: Any, dispute: Dispute) -> bool:
    if Role.CONCILIATOR not in roles_of(user):
        return False
    if dispute.commission_id and dispute.commission_id in _commission_ids(user, Role.CONCILIATOR):
        return True
    return dispute.pk is not None and dispute.conciliators.filter(pk=user.pk).exists()


def may_read(user: Any, dispute: Dispute) -> bool:
    if not assignments_of(user) and not is_platform_admin(user):
        return False
    return (
        is_inspectorate(user)
        or bool(party_sides(user, dispute))
        or _is_commission_secretary(user, dispute)
        or is_assigned_conciliator(user, dispute)
    )


def may_act(user: Any, dispute: Dispute) -> bool:
    """Record steps, documents, sessions, demands and move the dispute: everyone who may read it."""
    return may_read(user, dispute)


def may_assign_conciliators(user: Any, dispute: Dispute) -> bool:
    return is_inspectorate(user) or _is_commission_secretary(user, dispute)


def may_create(user: Any, employer: Organisation | None, union: Organisation | None) -> bool:
    """Register a dispute: the inspectorate, or an editor of the employer or of the union."""
    if is_inspectorate(user):
        return True
    editor_of = _org_ids(user, Role.EDITOR)
    if not editor_of:
        return False
    for org in (employer, union):
        if org is not None and {pk for _t, pk in org.policy_scopes()} & editor_of:
            return True
    return False


def may_create_any(user: Any) -> bool:
    return is_inspectorate(user) or bool(_org_ids(user, Role.EDITOR))


def may_manage_statistics(user: Any) -> bool:
    """Enter employees per sector and year (the denominator of strike rates): the inspectorate."""
    return is_inspectorate(user)


def visible_disputes(user: Any, queryset: QuerySet[Dispute] | None = None) -> QuerySet[Dispute]:
    """The disputes whose case file ``user`` may read (same rule as ``may_read``, as one query)."""
    queryset = Dispute.objects.all() if queryset is None else queryset
    if is_inspectorate(user):
        return queryset
    if not assignments_of(user):
        return queryset.none()
    condition = Q(pk__in=[])
    editor_of = _org_ids(user, Role.EDITOR)
    if editor_of:
        below = subtree_ids(editor_of)
        condition |= Q(employer_id__in=below) | Q(union_id__in=below)
    secretary_orgs, secretary_commissions = _org_ids(user, Role.SECRETARY), _commission_ids(user, Role.SECRETARY)
    if secretary_orgs or secretary_commissions:
        condition |= Q(commission__secretariat_id__in=secretary_orgs) | Q(commission_id__in=secretary_commissions)
    if Role.CONCILIATOR in roles_of(user):
        condition |= Q(conciliators=user) | Q(commission_id__in=_commission_ids(user, Role.CONCILIATOR))
    return queryset.filter(pk__in=Dispute.objects.filter(condition).values("pk"))
