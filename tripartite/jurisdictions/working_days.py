"""The working-day calendar: deadlines counted in working or calendar days, holidays and moved days off.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from .rules import Unit
from .texts import LegalSource


@dataclass(frozen=True)
class Deadline:
    """A statutory deadline computed from an event date: what rule, when due, and how sure we are."""

    rule_key: str
    start: date
    due: date
    days: int
    unit: str
    verified: bool
    source: LegalSource
    moved_from: date | None = None  # set when a calendar-day deadline fell on a day off and was moved


class WorkingCalendar:
    """Working days of one country: weekends, public holidays, and days moved by government decree.

    Built on the ``holidays`` package, which lists the public holidays, the days off carried over when a
    holiday falls on a weekend ("observed"), and the government's transfers ("substituted" days off, with
    the weekend day they were taken from in ``weekend_workdays``, which becomes a working day).
    Decrees newer than the installed ``holidays`` release can be added with ``extra_days_off`` and
    ``extra_working_days``.

    Counting: a period of n days starts on the day after the event (the event day itself does not count),
    so ``add_working_days(start, n)`` is the n-th working day after ``start`` and
    ``working_days_between(start, due) == n``.
    """

    def __init__(
        self,
        country: str,
        *,
        weekend: Iterable[int] = (5, 6),
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        calendar_deadline_moves_to_next_working_day: bool = True,
        holidays_factory: Callable[[], holidays.HolidayBase] | None = None,
    ) -> None:
        self.country = country
        self.weekend = frozenset(weekend)
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_working_days = frozenset(extra_working_days)
        self.calendar_deadline_moves_to_next_working_day = calendar_deadline_moves_to_next_working_day
        factory = holidays_factory or (lambda: holidays.country_holidays(country, years=()))
        self._holidays = factory()
        self._years: set[int] = set()
        # The holidays object fills years lazily and is not thread-safe; web workers share the pack.
        self._lock = threading.Lock()

    def _ensure(self, year: int) -> None:
        # A transfer decreed for year Y can take its working day from a Saturday of Y-1 (KZ 2014 took one
        # from 28 Dec 2013), so the next year is loaded too.
        needed = {year, year + 1} - self._years
        if needed:
            with self._lock:
                for y in sorted(needed):
                    if y not in self._years:
                        # Membership test is the package's public way to load a year (expand=True).
                        _ = date(y, 1, 1) in self._holidays
                        self._years.add(y)

    def holiday_name(self, d: date) -> str | None:
        """The ``holidays`` package's name for ``d`` if it is a public holiday or a decreed day off."""
        self._ensure(d.year)
        return self._holidays.get(d)

    def is_working_day(self, d: date) -> bool:
        if d in self.extra_working_days:
            return True
        if d in self.extra_days_off:
            return False
        self._ensure(d.year)
        if d.weekday() in self.weekend:
            return d in self._holidays.weekend_workdays
        return d not in self._holidays

    def next_working_day(self, d: date) -> date:
        """``d`` itself if it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself not counted); ``n=0`` gives ``start``."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        while n:
            d += timedelta(days=1)
            if self.is_working_day(d):
                n -= 1
        return d

    def add_calendar_days(self, start: date, n: int) -> date:
        """``start`` plus n calendar days, without moving off a day off (see ``deadline``)."""
        if n < 0:
            raise ValueError("n must not be negative")
        return start + timedelta(days=n)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]: after ``a`` up to and including ``b``; negative if ``b`` is before ``a``."""
        if b < a:
            return -self.working_days_between(b, a)
        return sum(self.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))

    def deadline(self, start: date, n: int, unit: str) -> date:
        """Due date of a period of n ``working_days`` or ``calendar_days`` starting the day after ``start``.

        A calendar-day period that ends on a day off moves to the next working day when
        ``calendar_deadline_moves_to_next_working_day`` is set (common civil rule; unverified for the
        Labour Code, see the pack's rule of that name).
        """
        if unit == Unit.WORKING_DAYS:
            return self.add_working_days(start, n)
        if unit == Unit.CALENDAR_DAYS:
            due = self.add_calendar_days(start, n)
            if self.calendar_deadline_moves_to_next_working_day:
                due = self.next_working_day(due)
            return due
        raise ValueError(f"A deadline is counted in working_days or calendar_days, not {unit!r}")


