"""Writes of the commissions app: one function per use case, each checked by the policy and run in a transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.commissions.models import AgendaItem, Commission, CommissionMember, Decision, Meeting
from tripartite.core.errors import Conflict, NotAllowed
from tripartite.core.models import audit_as
from tripartite.core.policy import Action, can
from tripartite.jurisdictions import Role
from tripartite.partners.models import Organisation


class CommissionConflict(Conflict):
    """The request clashes with the commission's records (e.g. deleting a commission that has met)."""


class DecisionStateError(Conflict):
    """The decision is not in a state that allows this transition."""


COMMISSION_FIELDS = ("level", "name_kk", "name_ru", "name_en", "region", "sector", "secretariat", "established", "published")
MEMBER_FIELDS = ("side", "role", "organisation", "person_name", "position", "term_start", "term_end")
MEETING_FIELDS = ("date", "place", "status", "minutes")
AGENDA_FIELDS = ("number", "title_kk", "title_ru", "title_en")
DECISION_FIELDS = (
    "agenda_item", "text_kk", "text_ru", "text_en", "responsible_side", "due_date", "done_on", "execution_note",
)


def _require(by: Any, action: Action, target: Model | None, *, kind: type[Model] | None = None) -> None:
    if not can(by, action, target, kind=kind):
        raise NotAllowed(_("You do not have permission to do this."))


def _apply(obj: Model, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Fields that cannot be changed here: {sorted(unknown)}")
    for field, value in data.items():
        setattr(obj, field, value)


def _save(obj: Model, by: Any) -> None:
    obj.full_clean()
    audit_as(obj, by)
    obj.save()


def _delete(obj: Model, by: Any) -> None:
    audit_as(obj, by)
    obj.delete()


# Commissions -------------------------------------------------------------------------------------------------


@transaction.atomic
def commission_create(
    *,
    by: Any,
    secretariat: Organisation,
    level: str,
    name_kk: str = "",
    name_ru: str = "",
    name_en: str = "",
    region: Any = None,
    sector: Any = None,
    established: date | None = None,
    published: bool = True,
) -> Commission:
    """Register a commission run by `secretariat`; its secretary (or an administrator) may do this."""
    _require(by, Action.CREATE, secretariat, kind=Commission)
    commission = Commission(
        secretariat=secretariat, level=level, name_kk=name_kk, name_ru=name_ru, name_en=name_en,
        region=region, sector=sector, established=established, published=published,
    )
    _save(commission, by)
    return commission


@transaction.atomic
def commission_update(*, commission: Commission, by: Any, data: Mapping[str, Any]) -> Commission:
    """Change a commission's fields; moving it to another secretariat needs the right to create there too."""
    commission = Commission.objects.select_for_update().select_related("secretariat").get(pk=commission.pk)
    _require(by, Action.CHANGE, commission)
    new_secretariat = data.get("secretariat")
    if new_secretariat is not None and new_secretariat.pk != commission.secretariat_id:
        _require(by, Action.CREATE, new_secretariat, kind=Commission)
    _apply(commission, data, COMMISSION_FIELDS)
    _save(commission, by)
    return commission


@transaction.atomic
def commission_delete(*, commission: Commission, by: Any) -> None:
    """Delete a commission that has never met (its members go with it); one that has met is unpublished instead."""
    _require(by, Action.DELETE, commission)
    if commission.meetings.exists():
        raise CommissionConflict(
            _("This commission has meetings on record and cannot be deleted; unpublish it instead."), field="meetings"
        )
    for member in commission.members.all():
        _delete(member, by)
    _delete(commission, by)


# Members -----------------------------------------------------------------------------------------------------


@transaction.atomic
def member_add(
    *,
    by: Any,
    commission: Commission,
    side: str,
    person_name: str,
    role: str = Role.MEMBER,
    organisation: Organisation | None = None,
    position: str = "",
    term_start: date | None = None,
    term_end: date | None = None,
) -> CommissionMember:
    """Seat a person on one side of a commission. Parity is checked on read and flagged, never refused here."""
    _require(by, Action.CREATE, commission, kind=CommissionMember)
    member = CommissionMember(
        commission=commission, side=side, role=role, organisation=organisation, person_name=person_name.strip(),
        position=position, term_start=term_start, term_end=term_end,
    )
    _save(member, by)
    return member


@transaction.atomic
def member_update(*, member: CommissionMember, by: Any, data: Mapping[str, Any]) -> CommissionMember:
    member = CommissionMember.objects.select_for_update().select_related("commission").get(pk=member.pk)
    _require(by, Action.CHANGE, member)
    _apply(member, data, MEMBER_FIELDS)
    _save(member, by)
    return member


@transaction.atomic
def member_remove(*, member: CommissionMember, by: Any) -> None:
    _require(by, Action.DELETE, member)
    _delete(member, by)


# Meetings and agenda -----------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    by: Any,
    commission: Commission,
    date: date,
    place: str = "",
    status: str = Meeting.Status.PLANNED,
    minutes: str = "",
) -> Meeting:
    _require(by, Action.CREATE, commission, kind=Meeting)
    meeting = Meeting(commission=commission, date=date, place=place, status=status, minutes=minutes)
    _save(meeting, by)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: Any, data: Mapping[str, Any]) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("commission").get(pk=meeting.pk)
    _require(by, Action.CHANGE, meeting)
    _apply(meeting, data, MEETING_FIELDS)
    _save(meeting, by)
    moved_past = meeting.decisions.filter(Q(due_date__lt=meeting.date) | Q(done_on__lt=meeting.date))
    if moved_past.exists():
        # A meeting moved after a decision's dates would leave that decision inconsistent.
        raise ValidationError({"date": _("Some decisions of this meeting are due or done before this date.")})
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: Any) -> None:
    _require(by, Action.DELETE, meeting)
    if meeting.decisions.exists():
        raise CommissionConflict(
            _("This meeting has decisions on record; delete them first."), field="decisions"
        )
    for item in meeting.agenda_items.all():
        _delete(item, by)
    _delete(meeting, by)


@transaction.atomic
def agenda_item_add(
    *,
    by: Any,
    meeting: Meeting,
    title_kk: str = "",
    title_ru: str = "",
    title_en: str = "",
    number: int | None = None,
) -> AgendaItem:
    """Add an item to a meeting's agenda; without a number it goes last."""
    _require(by, Action.CREATE, meeting, kind=AgendaItem)
    if number is None:
        number = (meeting.agenda_items.aggregate(top=Max("number"))["top"] or 0) + 1
    item = AgendaItem(meeting=meeting, number=number, title_kk=title_kk, title_ru=title_ru, title_en=title_en)
    _save(item, by)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by: Any, data: Mapping[str, Any]) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("meeting__commission").get(pk=item.pk)
    _require(by, Action.CHANGE, item)
    _apply(item, data, AGENDA_FIELDS)
    _save(item, by)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by: Any) -> None:
    _require(by, Action.DELETE, item)
    _delete(item, by)


# Decisions ---------------------------------------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    by: Any,
    meeting: Meeting,
    text_kk: str = "",
    text_ru: str = "",
    text_en: str = "",
    agenda_item: AgendaItem | None = None,
    responsible_side: str = "",
    due_date: date | None = None,
) -> Decision:
    _require(by, Action.CREATE, meeting, kind=Decision)
    decision = Decision(
        meeting=meeting, agenda_item=agenda_item, text_kk=text_kk, text_ru=text_ru, text_en=text_en,
        responsible_side=responsible_side, due_date=due_date,
    )
    _save(decision, by)
    return decision


def _check_done_on(done_on: date | None) -> None:
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A decision cannot be carried out on a future date.")})


@transaction.atomic
def decision_update(*, decision: Decision, by: Any, data: Mapping[str, Any]) -> Decision:
    """Correct a decision (text, side, due date, or its execution record)."""
    decision = Decision.objects.select_for_update().select_related("meeting__commission").get(pk=decision.pk)
    _require(by, Action.CHANGE, decision)
    _apply(decision, data, DECISION_FIELDS)
    _check_done_on(decision.done_on)
    _save(decision, by)
    return decision


@transaction.atomic
def decision_mark_done(*, decision: Decision, by: Any, done_on: date, note: str = "") -> Decision:
    """Record that a pending or overdue decision was carried out on `done_on`."""
    decision = Decision.objects.select_for_update().select_related("meeting__commission").get(pk=decision.pk)
    _require(by, Action.CHANGE, decision)
    if decision.done_on is not None:
        raise DecisionStateError(
            _("This decision is already marked as done (on %(date)s)."),
            field="done_on",
            params={"date": decision.done_on.isoformat()},
        )
    _check_done_on(done_on)
    decision.done_on = done_on
    if note:
        decision.execution_note = note
    _save(decision, by)
    return decision


@transaction.atomic
def decision_delete(*, decision: Decision, by: Any) -> None:
    _require(by, Action.DELETE, decision)
    _delete(decision, by)
