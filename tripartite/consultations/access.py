"""Who may read a consultation's working positions, and which organisations may speak for which side.

Before the commission publishes (``Referral.published_on``) the positions are read only by the commission's
members (role holders of an organisation seated on it), its secretariat and the drafting body, and by the
platform administrator; afterwards by everyone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tripartite.commissions.models import CommissionMember
from tripartite.core.models import Role, ScopeType
from tripartite.core.policy import assignments_of, is_platform_admin
from tripartite.jurisdictions import Role as SeatRole
from tripartite.partners.models import Organisation

from .models import Referral

#: Seats whose organisation speaks for its whole side (its coordinator).
COORDINATING_SEATS = (SeatRole.CHAIR, SeatRole.CO_CHAIR, SeatRole.COORDINATOR)


def _org_scopes_of(user: Any, roles: tuple[str, ...] | None = None) -> set[int]:
    return {a.scope_id for a in assignments_of(user) if a.scope_type == ScopeType.ORGANISATION
            and a.scope_id is not None and (roles is None or a.role in roles)}


def _covers(org_ids: set[int], organisation: Organisation | None) -> bool:
    """Whether a role over one of `org_ids` reaches `organisation` (its own or an ancestor's)."""
    return organisation is not None and any(pk in org_ids for _scope, pk in organisation.policy_scopes())


def seats(referral: Referral, on: date | None = None) -> QuerySet[CommissionMember]:
    """The commission's seats in term that belong to an organisation."""
    on = on or timezone.localdate()
    return (referral.commission.members_in_term(on).filter(organisation__isnull=False)
            .select_related("organisation", "organisation__parent"))


def may_read_positions(user: Any, referral: Referral) -> bool:
    if referral.published or is_platform_admin(user):
        return True
    if not assignments_of(user):
        return False
    commission_scopes = set(referral.commission.policy_scopes())
    if any(a.role == Role.SECRETARY and (a.scope_type, a.scope_id) in commission_scopes for a in assignments_of(user)):
        return True
    # The drafting body's editors and secretaries answer the positions; anyone holding a role in a seated
    # organisation sits on the commission.
    if _covers(_org_scopes_of(user, (Role.EDITOR, Role.SECRETARY)), referral.draft.drafter):
        return True
    org_ids = _org_scopes_of(user)
    return any(_covers(org_ids, seat.organisation) for seat in seats(referral))


def speaking_rights(user: Any, referral: Referral, on: date | None = None) -> list[tuple[str, Organisation, bool]]:
    """(side, organisation, may speak for the whole side) for each seat whose organisation `user` edits."""
    editor_of = _org_scopes_of(user, (Role.EDITOR,))
    admin = is_platform_admin(user)
    found: dict[tuple[str, int], tuple[str, Organisation, bool]] = {}
    for seat in seats(referral, on):
        org = seat.organisation
        assert org is not None
        if not (admin or _covers(editor_of, org)):
            continue
        key = (seat.side, org.pk)
        coordinates = seat.role in COORDINATING_SEATS
        if key not in found or coordinates:
            found[key] = (seat.side, org, coordinates or (found.get(key, ("", org, False))[2]))
    return list(found.values())
