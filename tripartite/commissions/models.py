"""Tripartite commissions, their members by side, meetings, agenda items and decisions."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tripartite.commissions import rules
from tripartite.commissions.obligations import Errors, Obligation
from tripartite.core.i18n import Trilingual
from tripartite.core.i18n import require_one_language as _require_one_language
from tripartite.core.models import Published, Region, ScopeType, Sector
from tripartite.jurisdictions import Role, Scope
from tripartite.partners.models import Organisation


class Commission(Published):
    """A commission on social partnership at one level of the pack's current level scheme."""

    level = models.CharField(_("level"), max_length=40, choices=rules.level_choices)
    name = Trilingual(models.CharField, _("name"), max_length=300, blank=True, fallback=lambda c: f"#{c.pk}")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="commissions", verbose_name=_("region")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="commissions", verbose_name=_("sector")
    )
    secretariat = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="commissions_run",
        verbose_name=_("secretariat"),
        help_text=_("The body that runs the commission (a ministry, an akimat, an employer)."),
    )
    established = models.DateField(_("established on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["level", "name_ru", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def level_name(self) -> str:
        return rules.level_name(self.level)

    def policy_scopes(self) -> list[tuple[str, int]]:
        own = [(ScopeType.COMMISSION, self.pk)] if self.pk else []
        secretariat = self.secretariat.policy_scopes() if self.secretariat_id else []
        return [*own, *secretariat]

    def clean(self) -> None:
        errors = _require_one_language(self, "name", _("Give the name in at least one language."))
        # An unknown level code is refused by the field's choices (the pack's current levels).
        level = rules.level_or_none(self.level) if self.level else None
        if level is not None:
            if level.scope == Scope.REGION and self.region_id is None:
                errors.setdefault("region", []).append(_("A regional commission needs a region."))
            if level.scope == Scope.SECTOR and self.sector_id is None:
                errors.setdefault("sector", []).append(_("A sectoral commission needs a sector."))
        if errors:
            raise ValidationError(errors)

    def members_in_term(self, on: date) -> models.QuerySet[CommissionMember]:
        return self.members.filter(CommissionMember.in_term_q(on))

    def parity_on(self, on: date) -> rules.Parity:
        """Members in term on `on`, counted by side (voting roles only), checked with the pack's parity rule."""
        counts = Counter(
            self.members_in_term(on).filter(role__in=rules.VOTING_ROLES).values_list("side", flat=True)
        )
        return rules.parity_of(self.level, counts, on)

    def execution_on(self, on: date) -> rules.ExecutionRate:
        due = Decision.objects.filter(meeting__commission=self).filter(Decision.due_q(on))
        return rules.ExecutionRate(
            due=due.count(),
            done_on_time=due.filter(Decision.done_on_time_q(on)).count(),
            done=due.filter(Decision.done_q(on)).count(),
        )


class CommissionMember(models.Model):
    """A person sitting on a commission for one side, on behalf of an organisation, for a term."""

    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="members", verbose_name=_("commission")
    )
    side = models.CharField(_("side"), max_length=20, choices=rules.side_choices)
    role = models.CharField(_("role"), max_length=20, choices=rules.role_choices, default=str(Role.MEMBER))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commission_seats",
        verbose_name=_("organisation"),
        help_text=_("The organisation the member represents."),
    )
    person_name = models.CharField(_("name of the person"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        ordering = ["commission", "side", "role", "person_name", "id"]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_side_display()})"

    @property
    def published(self) -> bool:
        return self.commission.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.commission.policy_scopes()

    @staticmethod
    def in_term_q(on: date) -> Q:
        return (Q(term_start__isnull=True) | Q(term_start__lte=on)) & (Q(term_end__isnull=True) | Q(term_end__gte=on))

    def in_term_on(self, on: date) -> bool:
        return (self.term_start is None or self.term_start <= on) and (self.term_end is None or on <= self.term_end)

    def clean(self) -> None:
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})


class Meeting(models.Model):
    """A sitting of a commission: where and when, whether it took place, and its minutes."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")

    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("commission")
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return _("Meeting of %(date)s") % {"date": self.date.isoformat() if self.date else "—"}

    @property
    def published(self) -> bool:
        return self.commission.published

    @property
    def is_demo(self) -> bool:
        return self.commission.is_demo

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.commission.policy_scopes()

    def clean(self) -> None:
        if self.date and self.status == self.Status.HELD and self.date > timezone.localdate():
            raise ValidationError({"status": _("A meeting in the future cannot have been held yet.")})


class AgendaItem(models.Model):
    """A numbered item on a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = Trilingual(models.CharField, pgettext_lazy("agenda item", "title"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="unique_agenda_item_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def published(self) -> bool:
        return self.meeting.commission.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.meeting.commission.policy_scopes()

    def clean(self) -> None:
        errors = _require_one_language(self, "title", _("Give the agenda item's wording in at least one language."))
        if errors:
            raise ValidationError(errors)


class Decision(Obligation):
    """What a meeting decided, who must carry it out, by when, and whether it was done.

    The status (pending, done, overdue) is computed from the dates on the day asked, never stored.
    """

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("decision status", "Pending")
        DONE = "done", _("Done")
        OVERDUE = "overdue", _("Overdue")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    execution_note = models.TextField(_("execution note"), blank=True)
    history = HistoricalRecords()

    missing_text = _("Give the text of the decision in at least one language.")
    done_in_future = _("A decision cannot be carried out on a future date.")
    already_done = _("This decision is already marked as done (on %(date)s).")
    done_note_field = "execution_note"

    class Meta(Obligation.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    @property
    def parent_record(self) -> Commission:
        return self.meeting.commission

    @property
    def commission(self) -> Commission:
        return self.meeting.commission

    @property
    def is_demo(self) -> bool:
        return self.meeting.commission.is_demo

    def obligation_errors(self) -> Errors:
        errors: Errors = {}
        item = self.agenda_item if self.agenda_item_id is not None else None
        if item is not None and self.meeting_id is not None and item.meeting_id != self.meeting_id:
            errors.setdefault("agenda_item", []).append(_("Choose an agenda item of this meeting."))
        if self.done_on and self.meeting_id is not None and self.done_on < self.meeting.date:
            errors.setdefault("done_on", []).append(_("A decision cannot be carried out before the meeting that took it."))
        if self.due_date and self.meeting_id is not None and self.due_date < self.meeting.date:
            errors.setdefault("due_date", []).append(_("The due date cannot be before the meeting."))
        return errors
