"""Organisations of the social partners, their hierarchy, and their dated membership reports."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tripartite.core.i18n import Trilingual, require_one_language
from tripartite.core.models import Published, Region, ScopeType, Sector


class Kind(models.TextChoices):
    TRADE_UNION = "trade_union", _("Trade union")
    EMPLOYERS_ASSOCIATION = "employers_association", _("Employers' association")
    EMPLOYER = "employer", _("Employer")
    STATE_BODY = "state_body", _("State body")
    NGO = "ngo", _("Non-governmental organisation")


class Subkind(models.TextChoices):
    # Trade unions (Law on Trade Unions of 27 Jun 2014 No. 211-V, Art. 1).
    REPUBLICAN_UNION_ASSOCIATION = "republican_union_association", _("Republican association of trade unions")
    SECTORAL_UNION = "sectoral_union", _("Sectoral trade union")
    TERRITORIAL_UNION_ASSOCIATION = "territorial_union_association", _("Territorial association of trade unions")
    LOCAL_UNION = "local_union", _("Local trade union")
    PRIMARY_UNION = "primary_union", _("Primary trade union organisation")
    # Employers' associations.
    REPUBLICAN_EMPLOYERS = "republican_employers", _("Republican employers' association")
    SECTORAL_EMPLOYERS = "sectoral_employers", _("Sectoral employers' association")
    REGIONAL_EMPLOYERS = "regional_employers", _("Regional employers' association")
    # State bodies.
    GOVERNMENT = "government", _("Government")
    MINISTRY = "ministry", _("Ministry")
    AKIMAT = "akimat", _("Akimat (local executive body)")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")


SUBKINDS_OF_KIND: dict[str, tuple[str, ...]] = {
    Kind.TRADE_UNION: (
        Subkind.REPUBLICAN_UNION_ASSOCIATION,
        Subkind.SECTORAL_UNION,
        Subkind.TERRITORIAL_UNION_ASSOCIATION,
        Subkind.LOCAL_UNION,
        Subkind.PRIMARY_UNION,
    ),
    Kind.EMPLOYERS_ASSOCIATION: (
        Subkind.REPUBLICAN_EMPLOYERS,
        Subkind.SECTORAL_EMPLOYERS,
        Subkind.REGIONAL_EMPLOYERS,
    ),
    Kind.STATE_BODY: (Subkind.GOVERNMENT, Subkind.MINISTRY, Subkind.AKIMAT, Subkind.LABOUR_INSPECTORATE),
    Kind.EMPLOYER: (),
    Kind.NGO: (),
}

MAX_HIERARCHY_DEPTH = 10

# Which kinds of organisation may be the parent of which: a union belongs to a union, an employers'
# association to an association, a state body to a state body. An employer may be a member of an
# employers' association or part of a group headed by another employer.
PARENT_KINDS: dict[str, tuple[str, ...]] = {
    Kind.TRADE_UNION: (Kind.TRADE_UNION,),
    Kind.EMPLOYERS_ASSOCIATION: (Kind.EMPLOYERS_ASSOCIATION,),
    Kind.EMPLOYER: (Kind.EMPLOYERS_ASSOCIATION, Kind.EMPLOYER),
    Kind.STATE_BODY: (Kind.STATE_BODY,),
    Kind.NGO: (Kind.NGO,),
}

# Rank of a type inside its kind's hierarchy (0 is the top): a parent must rank strictly above its child,
# so a primary organisation sits under a local, sectoral or territorial union, never the other way round
# (Law on Trade Unions of 27 Jun 2014 No. 211-V, Art. 1, for the union structures).
SUBKIND_RANK: dict[str, int] = {
    Subkind.REPUBLICAN_UNION_ASSOCIATION: 0,
    Subkind.SECTORAL_UNION: 1,
    Subkind.TERRITORIAL_UNION_ASSOCIATION: 1,
    Subkind.LOCAL_UNION: 2,
    Subkind.PRIMARY_UNION: 3,
    Subkind.REPUBLICAN_EMPLOYERS: 0,
    Subkind.SECTORAL_EMPLOYERS: 1,
    Subkind.REGIONAL_EMPLOYERS: 1,
    Subkind.GOVERNMENT: 0,
    Subkind.MINISTRY: 1,
    Subkind.AKIMAT: 1,
    Subkind.LABOUR_INSPECTORATE: 2,
}


class Organisation(Published):
    """A social partner or a state body; trade unions and associations form a hierarchy through `parent`."""

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subkind = models.CharField(_("type"), max_length=40, choices=Subkind.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    name = Trilingual(models.CharField, _("name"), max_length=300, blank=True,
                      fallback=lambda org: org.short_name or f"#{org.pk}")
    short_name = models.CharField(_("abbreviation"), max_length=50, blank=True)
    bin = models.CharField(_("BIN"), max_length=12, blank=True, help_text=_("Business identification number, 12 digits."))
    regions = models.ManyToManyField(Region, blank=True, related_name="organisations", verbose_name=_("regions"))
    sectors = models.ManyToManyField(Sector, blank=True, related_name="organisations", verbose_name=_("sectors"))
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    registered_on = models.DateField(
        _("date of state registration"), null=True, blank=True,
        help_text=_("As on the certificate of state (re-)registration, if known."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[regions, sectors])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_ru", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bin"], condition=~models.Q(bin=""), name="unique_organisation_bin"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Organisation]:
        """Parent, grandparent, … up to the root (guarded against cycles)."""
        chain: list[Organisation] = []
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen and len(chain) < MAX_HIERARCHY_DEPTH:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain

    def policy_scopes(self) -> list[tuple[str, int]]:
        ids = [self.pk, *(a.pk for a in self.ancestors())] if self.pk else [a.pk for a in self.ancestors()]
        return [(ScopeType.ORGANISATION, pk) for pk in ids if pk is not None]

    def clean(self) -> None:
        errors: dict[str, list[Any]] = require_one_language(self, "name", _("Give the name in at least one language."))
        allowed = SUBKINDS_OF_KIND.get(self.kind, ())
        if self.subkind and self.subkind not in allowed:
            errors.setdefault("subkind", []).append(_("This type does not belong to the chosen kind of organisation."))
        if self.parent_id is not None:
            if self.pk is not None and self.parent_id == self.pk:
                errors.setdefault("parent", []).append(_("An organisation cannot be its own parent."))
            elif self.pk is not None and self.parent is not None and any(
                a.pk == self.pk for a in self.parent.ancestors()
            ):
                errors.setdefault("parent", []).append(_("This parent would make the hierarchy a loop."))
        if self.registered_on is not None and self.registered_on > timezone.localdate():
            errors.setdefault("registered_on", []).append(
                _("The date of state registration cannot be in the future.")
            )
        if errors:
            raise ValidationError(errors)


class MembershipReport(models.Model):
    """What an organisation reported on a date: its members and the employees in its scope."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_reports", verbose_name=_("organisation")
    )
    as_of = models.DateField(_("as of"))
    members = models.PositiveIntegerField(_("members"))
    employee_members = models.PositiveIntegerField(
        _("members who are employees"),
        null=True,
        blank=True,
        help_text=_("Union members in paid employment (the numerator of trade union density)."),
    )
    employees_in_scope = models.PositiveIntegerField(
        _("employees in scope"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Employees of the organisations, sector or territory the organisation covers."),
    )
    member_organisations = models.PositiveIntegerField(_("member organisations"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership report")
        verbose_name_plural = _("membership reports")
        ordering = ["-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "as_of"], name="unique_membership_report_date"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.as_of}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.organisation.policy_scopes()

    @property
    def published(self) -> bool:
        return self.organisation.published

    def clean(self) -> None:
        if self.employee_members is not None and self.employee_members > self.members:
            raise ValidationError(
                {"employee_members": _("Members who are employees cannot exceed the number of members.")}
            )
