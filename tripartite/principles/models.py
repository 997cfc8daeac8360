"""The principles taxonomy seeded from the jurisdiction pack, and the one tag that links any record to it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tripartite.core.i18n import Trilingual


class SdgTarget(models.Model):
    """A target of the Sustainable Development Goals (8.5, 8.7, 8.8), from the pack."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    title = Trilingual(models.CharField, _("title"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Convention(models.Model):
    """An ILO convention and whether the country ratified it (with date, act, source and verification)."""

    class Ratified(models.TextChoices):
        RATIFIED = "ratified", _("Ratified")
        NOT_RATIFIED = "not_ratified", _("Not ratified")
        UNKNOWN = "unknown", _("Not established")

    code = models.CharField(_("code"), max_length=10, unique=True)
    number = models.PositiveIntegerField(_("number"))
    title = Trilingual(models.CharField, _("title"), max_length=300, blank=True)
    ratified = models.CharField(_("ratification"), max_length=20, choices=Ratified.choices)
    ratified_on = models.DateField(_("ratified on"), null=True, blank=True)
    ratified_year = models.PositiveIntegerField(_("year of ratification"), null=True, blank=True)
    ratification_act = Trilingual(models.CharField, _("act of ratification"), max_length=300, blank=True)
    ratification_verified = models.BooleanField(_("ratification confirmed by a source"), default=False)
    source_title = Trilingual(models.CharField, _("source"), max_length=300, blank=True)
    source_url = models.URLField(_("address of the source"), max_length=500, blank=True)
    source_note = models.TextField(_("note on the source"), blank=True)

    class Meta:
        verbose_name = _("ILO convention")
        verbose_name_plural = _("ILO conventions")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Principle(models.Model):
    """A principle of the labour law: its place in the list, article (verified or not) and crosswalk."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    number = models.PositiveIntegerField(_("number"))
    name = Trilingual(models.CharField, _("name"), max_length=300, blank=True)
    summary = Trilingual(models.TextField, _("summary"), blank=True)
    article = models.CharField(_("article"), max_length=40)
    related_articles = models.JSONField(_("related articles"), default=list, blank=True)
    article_verified = models.BooleanField(_("article confirmed by a source"), default=False)
    source_title = Trilingual(models.CharField, _("source"), max_length=300, blank=True)
    source_url = models.URLField(_("address of the source"), max_length=500, blank=True)
    source_note = models.TextField(_("note on the source"), blank=True)
    clause_topics = models.JSONField(
        _("clause topics"), default=list, blank=True,
        help_text=_("Agreements' clause topics that touch this principle unless a clause says otherwise."),
    )
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    conventions = models.ManyToManyField(Convention, blank=True, related_name="principles",
                                         verbose_name=_("ILO conventions"))
    sdg_targets = models.ManyToManyField(SdgTarget, blank=True, related_name="principles",
                                         verbose_name=_("SDG targets"))

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Tag(models.Model):
    """Says that a record (a clause, commitment, decision, draft article, survey question…) touches a principle or
    a convention — or, with ``applies`` False, that a clause does not touch a principle its topic maps to.

    One generic model for every kind of record (a content type and an id), so that no other app's models change
    and an app built later (a programme's measures) registers its records as taggable without this app importing
    it. The kinds that may be tagged, and whose right decides, are in ``taggables.py``.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField(_("record"))
    target = GenericForeignKey("content_type", "object_id")
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, null=True, blank=True, related_name="tags",
                                  verbose_name=_("principle"))
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="tags", verbose_name=_("ILO convention"))
    applies = models.BooleanField(
        _("touches it"), default=True,
        help_text=_("Off: the record does not touch the principle although its topic maps to it."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("tagged by"))
    created_at = models.DateTimeField(_("tagged at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["content_type", "object_id", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(principle__isnull=False, convention__isnull=True)
                           | Q(principle__isnull=True, convention__isnull=False, applies=True)),
                name="tag_names_one_principle_or_convention",
            ),
            models.UniqueConstraint(fields=["content_type", "object_id", "principle"],
                                    condition=Q(principle__isnull=False), name="unique_principle_tag"),
            models.UniqueConstraint(fields=["content_type", "object_id", "convention"],
                                    condition=Q(convention__isnull=False), name="unique_convention_tag"),
        ]

    def __str__(self) -> str:
        return str(self.principle or self.convention)

    def policy_scopes(self) -> list[tuple[str, int]]:
        target: Any = self.target
        return target.policy_scopes() if target is not None and hasattr(target, "policy_scopes") else []
