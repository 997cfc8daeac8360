"""The shape of an obligation (a commission's decision, an agreement's commitment): what must be done, by which
side, by when, and whether it was done — its status computed from the dates on the day asked, never stored."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.commissions import rules
from tripartite.core.errors import DomainError
from tripartite.core.i18n import Trilingual, require_one_language

Errors = dict[str, list[Any]]


class Obligation(models.Model):
    """Text in three languages, the responsible side, the due date and the day it was done.

    A kind of obligation names itself in its messages (`missing_text`, `done_in_future`), may relabel its
    `done_on` ("fulfilled on"), and adds its own checks in `obligation_errors()`.
    """

    class Status(models.TextChoices):
        """The three states; each kind of obligation names them in its own words (same values)."""

        PENDING = "pending"
        DONE = "done"
        OVERDUE = "overdue"

    text = Trilingual(models.TextField, _("text"), blank=True)
    responsible_side = models.CharField(_("responsible side"), max_length=20, choices=rules.side_choices, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    # Each kind says these in its own words ("Give the text of the decision...").
    missing_text: ClassVar[Any]
    done_in_future: ClassVar[Any]
    already_done: ClassVar[Any]  # with %(date)s
    # The field that says how it was done (evidence of fulfilment, execution note).
    done_note_field: ClassVar[str]

    class Meta:
        abstract = True
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        text = self.text
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    def parent_record(self) -> Any:
        """The commission or agreement whose publication and rights the obligation follows.

        Every concrete kind gives it (Decision: its meeting's commission; Commitment: its agreement). Django's model
        metaclass cannot be combined with `abc.ABCMeta`, so the hook says so when a new kind forgets it.
        """
        raise NotImplementedError(f"{type(self).__name__} must say which record it belongs to (parent_record)")

    @property
    def published(self) -> bool:
        return bool(self.parent_record.published)

    def policy_scopes(self) -> list[tuple[str, int]]:
        return list(self.parent_record.policy_scopes())

    def mark_done(self, done_on: date, note: str, *, refuse: type[DomainError]) -> None:
        """Record that a pending or overdue obligation was done on `done_on`, with how (kept unless `note` is blank);
        one already done is refused with `refuse` (the service's conflict error)."""
        if self.done_on is not None:
            raise refuse(self.already_done, field="done_on", params={"date": self.done_on.isoformat()})
        self.done_on = done_on
        if note.strip():
            setattr(self, self.done_note_field, note.strip())

    # The status rule, in Python and as database conditions; tests check that both agree.
    def status_on(self, today: date) -> str:
        if self.done_on is not None and self.done_on <= today:
            return self.Status.DONE
        if self.due_date is not None and self.due_date < today:
            return self.Status.OVERDUE
        return self.Status.PENDING

    @staticmethod
    def done_q(today: date) -> Q:
        return Q(done_on__isnull=False, done_on__lte=today)

    @staticmethod
    def due_q(today: date) -> Q:
        """Obligations whose due date has come (on or before `today`): the denominator of a fulfilment rate."""
        return Q(due_date__isnull=False, due_date__lte=today)

    @classmethod
    def done_on_time_q(cls, today: date) -> Q:
        return cls.done_q(today) & Q(done_on__lte=models.F("due_date"))

    @classmethod
    def status_q(cls, status: str, today: date) -> Q:
        if status == cls.Status.DONE:
            return cls.done_q(today)
        if status == cls.Status.OVERDUE:
            return ~cls.done_q(today) & Q(due_date__isnull=False, due_date__lt=today)
        return ~cls.done_q(today) & (Q(due_date__isnull=True) | Q(due_date__gte=today))

    def obligation_errors(self) -> Errors:
        """What else makes this kind of obligation invalid (its links, its dates against its meeting...)."""
        return {}

    def clean(self) -> None:
        errors = require_one_language(self, "text", self.missing_text)
        if self.done_on is not None and self.done_on > timezone.localdate():
            errors.setdefault("done_on", []).append(self.done_in_future)
        for field, messages in self.obligation_errors().items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
