"""The signed-in user's deadlines across the registers, for the home page: each app registers a function that lists
its own, so that core imports no app above it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class UserDeadline:
    """One thing the user (or their organisation) must do by a date."""

    due: date
    what: str
    where: str
    url: str
    overdue: bool = False
    unverified: bool = False  # the period is a rule not verified against the law


DeadlineSource = Callable[[Any, date], list[UserDeadline]]
_SOURCES: list[DeadlineSource] = []


def register_deadlines(source: DeadlineSource) -> None:
    """Add an app's `source(user, today)` of the user's deadlines (from the app's `AppConfig.ready`)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def deadlines_for(user: Any, today: date) -> list[UserDeadline]:
    """The user's deadlines from every app, soonest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = [d for source in _SOURCES for d in source(user, today)]
    return sorted(found, key=lambda d: (d.due, d.what))
