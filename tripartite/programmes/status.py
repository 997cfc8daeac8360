"""A measure's status on a day: recorded progress, and "late" computed from the due date on the national calendar.

A measure is late from the first day after it was due, counted on the date in the platform's time zone
(Asia/Almaty for Kazakhstan: ``settings.TIME_ZONE``), so it turns late at local midnight, not at UTC
midnight. A due date that falls on a day off of the national calendar moves to the next working day when the
pack's rule ``calendar_deadline_moves_to_next_working_day`` says so, as every calendar-day deadline does
(``WorkingCalendar.deadline``); never stored, like a decision's "overdue".
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.jurisdiction import current_pack
from tripartite.jurisdictions import Unit

from .models import Measure, State


class Status:
    NOT_STARTED = State.NOT_STARTED.value
    IN_PROGRESS = State.IN_PROGRESS.value
    DONE = State.DONE.value
    LATE = "late"
    DROPPED = State.DROPPED.value


LABELS = {
    Status.NOT_STARTED: _("Not started"),
    Status.IN_PROGRESS: _("In progress"),
    Status.DONE: pgettext_lazy("measure status", "Done"),
    Status.LATE: _("Late"),
    Status.DROPPED: _("Dropped"),
}

ORDER = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.LATE, Status.DONE, Status.DROPPED)


def effective_due(due: date) -> date:
    """The last day a measure due on `due` is on time: `due`, or the next working day if `due` is a day off."""
    return current_pack().calendar.deadline(due, 0, Unit.CALENDAR_DAYS)


def today() -> date:
    """Today's date on the national calendar (the platform's time zone)."""
    return timezone.localdate()


def recorded_on(measure: Measure, on: date) -> tuple[str, date | None]:
    """The recorded progress of `measure` as it stood on `on` (and the day it was done), read from its reports:
    today's is ``measure.state``; a past day's is the last change a report dated by then made."""
    if on >= today():
        return str(measure.state), measure.done_on
    changes = sorted((r for r in measure.reports.all() if r.new_state and r.reported_on <= on),
                     key=lambda r: (r.reported_on, r.pk))
    if not changes:
        return State.NOT_STARTED.value, None
    last = changes[-1]
    return last.new_state, last.reported_on if last.new_state == State.DONE else None


def status_for(state: str, due: date, on: date) -> str:
    """not_started, in_progress, done, dropped, or late (not done nor dropped after its effective due date)."""
    if state in (State.DONE, State.DROPPED):
        return state
    if on > effective_due(due):
        return Status.LATE
    return state


def status_of(measure: Measure, on: date | None = None) -> str:
    on = on or today()
    return status_for(recorded_on(measure, on)[0], measure.due_date, on)


def done_on_time(measure: Measure, on: date | None = None) -> bool | None:
    """For a measure done (by `on`): whether it was done by its effective due date (None if not done)."""
    state, done_on = recorded_on(measure, on or today())
    if state != State.DONE or done_on is None:
        return None
    return done_on <= effective_due(measure.due_date)


def label(status: str) -> str:
    return str(LABELS.get(status, status))
