"""Writes of the core app: API tokens and role assignments."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.core.errors import DomainError, NotAllowed
from tripartite.core.models import ApiToken, RoleAssignment, ScopeType, User, audit_as, hash_token
from tripartite.core.policy import is_platform_admin

TOKEN_BYTES = 32


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the stored row and the raw token (shown once, never stored)."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name."), field="name")
    if len(name) > 100:
        raise DomainError(_("The name is too long (100 characters at most)."), field="name")
    raw = "tp_" + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], key_hash=hash_token(raw))
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if token is None or (token.user_id != user.pk and not is_platform_admin(user)):
        raise DomainError(_("No such token."), field="token")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user a raw bearer token belongs to, or None."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def role_grant(
    *, by: User | None, user: User, role: str, scope_type: str = ScopeType.PLATFORM, scope_id: int | None = None
) -> RoleAssignment:
    """Give `user` a role; only a platform administrator may (or the system, with `by=None`)."""
    if by is not None and not is_platform_admin(by):
        raise NotAllowed(_("Only a platform administrator can grant roles."))
    assignment = RoleAssignment(user=user, role=role, scope_type=scope_type, scope_id=scope_id)
    assignment.full_clean(validate_unique=False)
    existing = RoleAssignment.objects.filter(user=user, role=role, scope_type=scope_type, scope_id=scope_id).first()
    if existing is not None:
        return existing
    audit_as(assignment, by)
    assignment.save()
    return assignment
