"""Writes of the commissions app: one function per use case, each checked by the policy and run in a transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model, Q
from django.utils.translation import gettext_lazy as _

from tripartite.commissions.models import AgendaItem, Commission, CommissionMember, Decision, Meeting
from tripartite.core import writes
from tripartite.core.errors import Conflict
from tripartite.core.i18n import in_languages
from tripartite.core.policy import Action
from tripartite.partners.models import Organisation


class CommissionConflict(Conflict):
    """The request clashes with the commission's records (e.g. deleting a commission that has met)."""


class DecisionStateError(Conflict):
    """The decision is not in a state that allows this transition."""


COMMISSION_FIELDS = (
    "level", *in_languages("name"), "region", "sector", "secretariat", "established", "published",
)
MEMBER_FIELDS = ("side", "role", "organisation", "person_name", "position", "term_start", "term_end")
MEETING_FIELDS = ("date", "place", "status", "minutes")
AGENDA_FIELDS = ("number", *in_languages("title"))
# A decision is created with what the meeting decided; its execution is recorded by `decision_mark_done`.
DECISION_CREATE_FIELDS = ("agenda_item", *in_languages("text"), "responsible_side", "due_date")
DECISION_FIELDS = (*DECISION_CREATE_FIELDS, "done_on", "execution_note")

M = TypeVar("M", bound=Model)


def _save_new(obj: M, fields: Mapping[str, Any], allowed: tuple[str, ...], by: Any) -> M:
    """Set the new record's fields, validate and save it with its author."""
    writes.apply_changes(obj, fields, allowed)
    writes.save(obj, by)
    return obj


def _save_changes(obj: M, data: Mapping[str, Any], allowed: tuple[str, ...], by: Any) -> M:
    """Check the right to change the (locked) record, apply the changes, validate and save."""
    writes.require(by, Action.CHANGE, obj)
    writes.apply_changes(obj, data, allowed)
    writes.save(obj, by)
    return obj


# Commissions -------------------------------------------------------------------------------------------------


@transaction.atomic
def commission_create(*, by: Any, secretariat: Organisation, level: str, **fields: Any) -> Commission:
    """Register a commission run by `secretariat`; its secretary (or an administrator) may do this.

    `fields`: the names (`name_kk`, `name_ru`, `name_en`), `region`, `sector`, `established`, `published`.
    """
    writes.require(by, Action.CREATE, secretariat, kind=Commission)
    return _save_new(Commission(secretariat=secretariat, level=level), fields, COMMISSION_FIELDS, by)


@transaction.atomic
def commission_update(*, commission: Commission, by: Any, data: Mapping[str, Any]) -> Commission:
    """Change a commission's fields; moving it to another secretariat needs the right to create there too."""
    commission = Commission.objects.select_for_update().select_related("secretariat").get(pk=commission.pk)
    writes.require(by, Action.CHANGE, commission)
    writes.require_move(by, commission, "secretariat", data)
    writes.apply_changes(commission, data, COMMISSION_FIELDS, required=("level", "secretariat", "published"))
    writes.save(commission, by)
    return commission


@transaction.atomic
def commission_delete(*, commission: Commission, by: Any) -> None:
    """Delete a commission that has never met (its members go with it); one that has met is unpublished instead."""
    writes.require(by, Action.DELETE, commission)
    if commission.meetings.exists():
        raise CommissionConflict(
            _("This commission has meetings on record and cannot be deleted; unpublish it instead."), field="meetings"
        )
    for member in commission.members.all():
        writes.delete(member, by)
    writes.delete(commission, by)


# Members -----------------------------------------------------------------------------------------------------


@transaction.atomic
def member_add(*, by: Any, commission: Commission, side: str, person_name: str, **fields: Any) -> CommissionMember:
    """Seat a person on one side of a commission. Parity is checked on read and flagged, never refused here.

    `fields`: `role` (a member by default), `organisation`, `position`, `term_start`, `term_end`.
    """
    writes.require(by, Action.CREATE, commission, kind=CommissionMember)
    member = CommissionMember(commission=commission)
    return _save_new(member, {"side": side, "person_name": person_name, **fields}, MEMBER_FIELDS, by)


@transaction.atomic
def member_update(*, member: CommissionMember, by: Any, data: Mapping[str, Any]) -> CommissionMember:
    member = CommissionMember.objects.select_for_update().select_related("commission").get(pk=member.pk)
    return _save_changes(member, data, MEMBER_FIELDS, by)


@transaction.atomic
def member_remove(*, member: CommissionMember, by: Any) -> None:
    writes.require(by, Action.DELETE, member)
    writes.delete(member, by)


# Meetings and agenda -----------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, by: Any, commission: Commission, date: date, **fields: Any) -> Meeting:
    """Plan (or record) a meeting on `date`; `fields`: `place`, `status` (planned by default), `minutes`."""
    writes.require(by, Action.CREATE, commission, kind=Meeting)
    return _save_new(Meeting(commission=commission, date=date), fields, MEETING_FIELDS, by)


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: Any, data: Mapping[str, Any]) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("commission").get(pk=meeting.pk)
    _save_changes(meeting, data, MEETING_FIELDS, by)
    moved_past = meeting.decisions.filter(Q(due_date__lt=meeting.date) | Q(done_on__lt=meeting.date))
    if moved_past.exists():
        # A meeting moved after a decision's dates would leave that decision inconsistent.
        raise ValidationError({"date": _("Some decisions of this meeting are due or done before this date.")})
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: Any) -> None:
    writes.require(by, Action.DELETE, meeting)
    if meeting.decisions.exists():
        raise CommissionConflict(
            _("This meeting has decisions on record; delete them first."), field="decisions"
        )
    for item in meeting.agenda_items.all():
        writes.delete(item, by)
    writes.delete(meeting, by)


@transaction.atomic
def agenda_item_add(*, by: Any, meeting: Meeting, number: int | None = None, **titles: Any) -> AgendaItem:
    """Add an item to a meeting's agenda (`titles`: `title_kk`, `title_ru`, `title_en`); without a number it goes
    last."""
    writes.require(by, Action.CREATE, meeting, kind=AgendaItem)
    if number is None:
        number = (meeting.agenda_items.aggregate(top=Max("number"))["top"] or 0) + 1
    return _save_new(AgendaItem(meeting=meeting, number=number), titles, in_languages("title"), by)


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by: Any, data: Mapping[str, Any]) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("meeting__commission").get(pk=item.pk)
    return _save_changes(item, data, AGENDA_FIELDS, by)


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by: Any) -> None:
    writes.require(by, Action.DELETE, item)
    writes.delete(item, by)


# Decisions ---------------------------------------------------------------------------------------------------


def _locked_decision(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().select_related("meeting__commission").get(pk=decision.pk)


@transaction.atomic
def decision_create(*, by: Any, meeting: Meeting, **fields: Any) -> Decision:
    """Record what a meeting decided. `fields`: the text (`text_kk`, `text_ru`, `text_en`), `agenda_item`,
    `responsible_side`, `due_date`."""
    writes.require(by, Action.CREATE, meeting, kind=Decision)
    return _save_new(Decision(meeting=meeting), fields, DECISION_CREATE_FIELDS, by)


@transaction.atomic
def decision_update(*, decision: Decision, by: Any, data: Mapping[str, Any]) -> Decision:
    """Correct a decision (text, side, due date, or its execution record)."""
    return _save_changes(_locked_decision(decision), data, DECISION_FIELDS, by)


@transaction.atomic
def decision_mark_done(*, decision: Decision, by: Any, done_on: date, note: str = "") -> Decision:
    """Record that a pending or overdue decision was carried out on `done_on`."""
    decision = _locked_decision(decision)
    writes.require(by, Action.CHANGE, decision)
    decision.mark_done(done_on, note, refuse=DecisionStateError)
    writes.save(decision, by)
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision, by: Any) -> None:
    writes.require(by, Action.DELETE, decision)
    writes.delete(decision, by)
