"""Draft legal acts as versioned numbered articles, their referral to commissions, the sides' positions per
article and the drafting body's replies.

Who may record a position is decided in ``services`` (an editor of an organisation seated on that side of the
commission); who may read the working positions before the commission publishes them is decided in ``access``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tripartite.commissions.models import AgendaItem, Commission, Decision
from tripartite.commissions.rules import side_choices, side_name
from tripartite.core.i18n import Trilingual, has_text, require_one_language
from tripartite.core.models import Published
from tripartite.partners.models import Organisation

from . import articles


class DraftKind(models.TextChoices):
    LAW = "law", _("Law")
    CODE_AMENDMENT = "code_amendment", _("Amendment to a code")
    GOVERNMENT_DECREE = "government_decree", _("Government decree")
    MINISTERIAL_ORDER = "ministerial_order", _("Ministerial order")
    PROGRAMME = "programme", _("Programme")
    AKIMAT_DECISION = "akimat_decision", _("Decision of a regional akimat")


class Outcome(models.TextChoices):
    OPEN = "open", pgettext_lazy("consultation", "Open")
    ADOPTED = "adopted", pgettext_lazy("draft act", "Adopted")
    WITHDRAWN = "withdrawn", pgettext_lazy("draft act", "Withdrawn")


class DraftAct(Published):
    """A draft legal act put to consultation: its kind, drafting body, title, versions and outcome.

    ``published`` is set when a commission publishes its consultation (``services.referral_publish``): until
    then only role holders see the draft.
    """

    kind = models.CharField(_("kind of act"), max_length=30, choices=DraftKind.choices)
    drafter = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="drafts",
                                verbose_name=_("drafting body"))
    title = Trilingual(models.CharField, _("title"), max_length=500, blank=True, fallback=lambda d: f"#{d.pk}")
    reference = models.CharField(_("drafter's reference"), max_length=100, blank=True,
                                 help_text=_("The drafting body's registration number of the draft, if any."))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    act_number = models.CharField(_("number of the adopted act"), max_length=100, blank=True)
    act_url = models.URLField(_("link to the adopted act"), blank=True)
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("draft act")
        verbose_name_plural = _("draft acts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.drafter.policy_scopes() if self.drafter_id else []

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.OPEN

    def latest_version(self) -> DraftVersion | None:
        return self.versions.order_by("-number").first()

    def clean(self) -> None:
        errors = require_one_language(self, "title", _("Give the title in at least one language."))
        if self.outcome == Outcome.ADOPTED:
            if not self.act_number:
                errors.setdefault("act_number", []).append(_("Give the number of the adopted act."))
            if not self.outcome_on:
                errors.setdefault("outcome_on", []).append(_("Give the date the act was adopted."))
        if self.outcome == Outcome.WITHDRAWN and not self.outcome_on:
            errors.setdefault("outcome_on", []).append(_("Give the date the draft was withdrawn."))
        if self.outcome_on and self.outcome_on > timezone.localdate():
            errors.setdefault("outcome_on", []).append(_("The outcome cannot be dated in the future."))
        if errors:
            raise ValidationError(errors)


class DraftVersion(models.Model):
    """One version of a draft's text, kept as its numbered articles; a new version never changes an old one."""

    draft = models.ForeignKey(DraftAct, on_delete=models.CASCADE, related_name="versions", verbose_name=_("draft act"))
    number = models.PositiveSmallIntegerField(_("version"))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    source_name = models.CharField(_("uploaded file"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("version of a draft")
        verbose_name_plural = _("versions of drafts")
        ordering = ["draft", "number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="unique_draft_version_number")]

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.number}

    @property
    def published(self) -> bool:
        return self.draft.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.draft.policy_scopes()


class Article(models.Model):
    """An article (or a top-level point, or the preamble) of one version, in up to three languages."""

    KIND_CHOICES = [(articles.ARTICLE, _("article")), (articles.POINT, _("point")),
                    (articles.PREAMBLE, _("preamble"))]

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="articles",
                                verbose_name=_("version"))
    order = models.PositiveIntegerField(_("order"))
    key = models.CharField(_("number"), max_length=20)
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES)
    heading = Trilingual(models.CharField, _("heading"), max_length=500, blank=True)
    text = Trilingual(models.TextField, _("text"), blank=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_article_key_in_version")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """"Article 5", "Статья 5", "5-бап" — in the reader's language."""
        return article_label(self.kind, self.key)

    @property
    def title_line(self) -> str:
        return f"{self.label}. {self.heading}" if self.heading else self.label

    def missing_languages(self) -> list[str]:
        return [code for code, _name in settings.LANGUAGES if not getattr(self, f"text_{code}")
                and not getattr(self, f"heading_{code}")]


def article_label(kind: str, key: str) -> str:
    if kind == articles.PREAMBLE:
        return str(_("Preamble"))
    if kind == articles.POINT:
        return str(_("Point %(number)s") % {"number": key})
    return str(_("Article %(number)s") % {"number": key})


class CommissionStance(models.TextChoices):
    SUPPORTS = "supports", _("The commission supports the draft")
    SUPPORTS_AMENDED = "supports_amended", _("The commission supports the draft with the amendments in the table")
    DOES_NOT_SUPPORT = "does_not_support", _("The commission does not support the draft")


class Referral(models.Model):
    """A draft (in one version) referred to a commission for its sides' positions, by a deadline.

    The deadline is computed on the working calendar from ``referred_on`` and the pack's rule
    ``draft_act_commission_reply`` (or the ``period_days`` the secretariat gave), never stored.
    Once ``published_on`` is set the positions are public.
    """

    draft = models.ForeignKey(DraftAct, on_delete=models.CASCADE, related_name="referrals",
                              verbose_name=_("draft act"))
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="referrals",
                                verbose_name=_("version referred"))
    commission = models.ForeignKey(Commission, on_delete=models.PROTECT, related_name="draft_referrals",
                                   verbose_name=_("commission"))
    referred_on = models.DateField(_("referred on"))
    period_days = models.PositiveSmallIntegerField(
        _("period in working days"), null=True, blank=True,
        help_text=_("Leave empty to apply the period of the jurisdiction pack."))
    published_on = models.DateField(_("positions published on"), null=True, blank=True)
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="draft_referrals", verbose_name=_("agenda item"),
                                    help_text=_("The item of the commission's meeting that considered the draft."))
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="draft_referrals", verbose_name=_("decision"))
    commission_stance = models.CharField(_("the commission's decision on the draft"), max_length=20, blank=True,
                                         choices=CommissionStance.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral to a commission")
        verbose_name_plural = _("referrals to commissions")
        ordering = ["-referred_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["draft", "commission"], name="unique_referral_per_commission")]

    def __str__(self) -> str:
        return f"{self.draft} → {self.commission}"

    @property
    def published(self) -> bool:
        return self.published_on is not None

    @property
    def is_demo(self) -> bool:
        return self.draft.is_demo

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.commission.policy_scopes()

    def clean(self) -> None:
        errors: dict[str, list[object]] = {}
        if self.version_id and self.draft_id and self.version.draft_id != self.draft_id:
            errors["version"] = [_("Choose a version of this draft.")]
        if self.referred_on and self.referred_on > timezone.localdate():
            errors["referred_on"] = [_("A draft cannot be referred on a future date.")]
        if self.period_days is not None and self.period_days < 1:
            errors["period_days"] = [_("Give at least one working day.")]
        if self.published_on and self.referred_on and self.published_on < self.referred_on:
            errors["published_on"] = [_("Positions cannot be published before the draft was referred.")]
        item = self.agenda_item if self.agenda_item_id else None
        if item is not None and item.meeting.commission_id != self.commission_id:
            errors["agenda_item"] = [_("Choose an agenda item of a meeting of this commission.")]
        decision = self.decision if self.decision_id else None
        if decision is not None:
            if decision.meeting.commission_id != self.commission_id:
                errors["decision"] = [_("Choose a decision of this commission.")]
            elif item is not None and decision.meeting_id != item.meeting_id:
                errors["decision"] = [_("Choose a decision of the meeting that considered the draft.")]
            if not self.commission_stance:
                errors["commission_stance"] = [_("Say what the commission decided on the draft.")]
        elif self.commission_stance:
            errors["decision"] = [_("Choose the decision that records the commission's view of the draft.")]
        if errors:
            raise ValidationError(errors)


class Stance(models.TextChoices):
    SUPPORT = "support", _("Support")
    AMEND = "amend", _("Support with amendments")
    OPPOSE = "oppose", _("Oppose")
    NO_OPINION = "no_opinion", _("No opinion")


#: Positions the drafting body must answer.
NEEDS_REPLY = (Stance.AMEND, Stance.OPPOSE)


class Position(models.Model):
    """A side's (or one of its member organisations') position on a draft as a whole or on one article.

    A withdrawn position stays, marked with the day it was withdrawn; whether it came late is computed from the
    referral's deadline.
    """

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="positions",
                                 verbose_name=_("referral"))
    article = models.ForeignKey(Article, on_delete=models.PROTECT, null=True, blank=True, related_name="positions",
                                verbose_name=_("article"), help_text=_("Leave empty for the draft as a whole."))
    side = models.CharField(_("side"), max_length=20, choices=side_choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="draft_positions",
                                     verbose_name=_("organisation"))
    for_side = models.BooleanField(_("position of the whole side"), default=False,
                                   help_text=_("Given by the side's coordinator for the side, not only for the "
                                               "organisation."))
    stance = models.CharField(pgettext_lazy("stance on a draft", "position"), max_length=20, choices=Stance.choices)
    wording = Trilingual(models.TextField, _("proposed wording"), blank=True)
    reasons = Trilingual(models.TextField, _("reasons"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("submitted by"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("stance on a draft", "position")
        verbose_name_plural = _("positions")
        ordering = ["referral", "article__order", "side", "-for_side", "submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.side_name}: {self.get_stance_display()}"

    @property
    def side_name(self) -> str:
        return side_name(self.side)

    @property
    def published(self) -> bool:
        return self.referral.published

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def needs_reply(self) -> bool:
        return self.stance in NEEDS_REPLY and not self.is_withdrawn

    @property
    def submitted_on(self) -> date:
        return timezone.localdate(self.submitted_at)

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.organisation.policy_scopes() if self.organisation_id else []

    def clean(self) -> None:
        errors: dict[str, list[object]] = {}
        if self.stance == Stance.AMEND and not has_text(self, "wording"):
            errors["wording_ru"] = [_("Give the proposed wording in at least one language.")]
        if self.stance == Stance.OPPOSE and not has_text(self, "reasons"):
            errors["reasons_ru"] = [_("Give the reasons for the objection in at least one language.")]
        article = self.article if self.article_id else None
        if article is not None and self.referral_id and article.version.draft_id != self.referral.draft_id:
            errors["article"] = [_("Choose an article of this draft.")]
        if errors:
            raise ValidationError(errors)


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")


class Reply(models.Model):
    """The drafting body's answer to an amendment or objection."""

    position = models.OneToOneField(Position, on_delete=models.CASCADE, related_name="reply",
                                    verbose_name=pgettext_lazy("stance on a draft", "position"))
    verdict = models.CharField(_("reply"), max_length=20, choices=Verdict.choices)
    reason = Trilingual(models.TextField, _("reason"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), default=timezone.now)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("replied by"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reply of the drafting body")
        verbose_name_plural = _("replies of the drafting body")

    def __str__(self) -> str:
        return self.get_verdict_display()

    @property
    def published(self) -> bool:
        return self.position.referral.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.position.referral.draft.policy_scopes()

    def clean(self) -> None:
        if self.verdict in (Verdict.REJECTED, Verdict.PARTLY) and not has_text(self, "reason"):
            raise ValidationError({"reason_ru": _("Give the reason for the reply in at least one language: a "
                                                  "proposal is never rejected, even in part, without one.")})


class ReminderSent(models.Model):
    """A reminder of a referral's deadline already e-mailed, so that running ``remind`` again sends no duplicate."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reminders",
                                 verbose_name=_("referral"))
    due = models.DateField(_("due"))
    kind = models.CharField(_("kind"), max_length=20)  # "due_soon" or "overdue"
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["referral", "due", "kind", "recipient"],
                                               name="unique_referral_reminder")]
