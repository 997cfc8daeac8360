"""Users, their scoped roles, API tokens, and reference data (regions, economic sectors)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tripartite.core.i18n import Trilingual


class User(AbstractUser):
    """A person who signs in. Rights come from role assignments, never from flags on the user."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    ADMIN = "admin", _("Platform administrator")
    SECRETARY = "secretary", _("Commission secretary")
    EDITOR = "editor", _("Organisation editor")
    CONCILIATOR = "conciliator", _("Conciliator, mediator or arbitrator")
    ANALYST = "analyst", _("Analyst")


class ScopeType(models.TextChoices):
    PLATFORM = "platform", _("Whole platform")
    ORGANISATION = "organisation", _("Organisation")
    COMMISSION = "commission", _("Commission")


class RoleAssignment(models.Model):
    """A user holds a role over a scope: the whole platform, one organisation (and its subtree), or one commission.

    The scope is a (type, id) pair rather than a foreign key so that core does not depend on the
    apps above it; each register object names the scopes that govern it (`policy_scopes()`).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    scope_type = models.CharField(_("scope"), max_length=20, choices=ScopeType.choices, default=ScopeType.PLATFORM)
    scope_id = models.PositiveBigIntegerField(_("scope id"), null=True, blank=True)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "scope_type", "scope_id"], name="unique_role_assignment"),
        ]

    def clean(self) -> None:
        if self.scope_type == ScopeType.PLATFORM and self.scope_id is not None:
            raise ValidationError({"scope_id": _("A platform-wide role has no scope id.")})
        if self.scope_type != ScopeType.PLATFORM and self.scope_id is None:
            raise ValidationError({"scope_id": _("Choose the organisation or commission this role applies to.")})

    def __str__(self) -> str:
        scope = self.get_scope_type_display() if self.scope_id is None else f"{self.scope_type} #{self.scope_id}"
        return f"{self.user} — {self.get_role_display()} ({scope})"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token itself is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, help_text=_("The first characters, to tell tokens apart."))
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Region(models.Model):
    """A region by its KATO code (oblasts and cities of republican significance)."""

    class Kind(models.TextChoices):
        OBLAST = "oblast", _("Oblast")
        CITY = "city", _("City of republican significance")
        CAPITAL = "capital", _("Capital")

    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = Trilingual(models.CharField, _("name"), max_length=200)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kato"]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """An economic sector: a section (A–U) of the OKED classification."""

    code = models.CharField(_("OKED section"), max_length=2, unique=True)
    name = Trilingual(models.CharField, _("name"), max_length=300)

    class Meta:
        verbose_name = _("economic sector")
        verbose_name_plural = _("economic sectors")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Published(models.Model):
    """Mixin for register records: anonymous visitors see a record only once it is published."""

    published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(_("demonstration data"), default=False, editable=False)

    class Meta:
        abstract = True

    def policy_scopes(self) -> list[tuple[str, int]]:
        """The (scope type, id) pairs whose role holders may act on this record."""
        return []


def audit_as(instance: Any, user: Any) -> None:
    """Record `user` as the author of the next saved history row of `instance` (services call this)."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user


class LoginFailure(models.Model):
    """One failed sign-in, for throttling password guessing (tripartite/core/throttle.py).

    Neither the username nor the address is kept: an HMAC of the username and a hash of the address salted with
    a salt of the day. Rows older than the window are deleted as new failures are recorded."""

    username_key = models.CharField(max_length=64)
    address_key = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        indexes = [
            models.Index(fields=["username_key", "at"], name="core_loginfail_user"),
            models.Index(fields=["address_key", "at"], name="core_loginfail_address"),
            models.Index(fields=["at"], name="core_loginfail_at"),
        ]


class AuditLayout(models.Model):
    """The columns of a history table that a seal's content hash covers (tripartite/core/audit.py).

    A column added to a register later is not part of the seals of the rows written before it."""

    key = models.CharField(max_length=64, unique=True)
    table = models.CharField(max_length=150)
    fields = models.JSONField()

    class Meta:
        verbose_name = _("audit layout")
        verbose_name_plural = _("audit layouts")


class AuditSeal(models.Model):
    """One link of the audit trail's hash chain: a history row's content hash chained to the link before it."""

    seq = models.PositiveBigIntegerField(primary_key=True)
    table = models.CharField(max_length=150)
    row_id = models.BigIntegerField()
    user_id = models.BigIntegerField(null=True)
    layout = models.ForeignKey(AuditLayout, on_delete=models.PROTECT)
    content = models.CharField(max_length=64)
    chain = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")
        constraints = [models.UniqueConstraint(fields=["table", "row_id"], name="unique_audit_seal_row")]


class AuditHead(models.Model):
    """The last link of the chain (one row). Writers lock it to append, so the chain never forks."""

    seq = models.PositiveBigIntegerField(default=0)
    chain = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")
