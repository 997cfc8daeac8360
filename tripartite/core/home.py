"""The home page: what the platform holds, module by module, and what is open now.

Each module brings its own section: a module `tripartite.<app>.home` with `section(user, today) -> Section`,
listed in `SECTIONS` (in the order they are shown). A section counts only what the reader may see, through the
app's own visibility queries, so the home page never tells an anonymous reader about unpublished records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import Any

from django.utils import formats

#: The modules whose sections the home page shows, in order. A new module adds its `home` module here.
SECTIONS = (
    "tripartite.partners.home",
    "tripartite.commissions.home",
    "tripartite.agreements.home",
    "tripartite.consultations.home",
    "tripartite.programmes.home",
    "tripartite.disputes.home",
    "tripartite.surveys.home",
    "tripartite.indicators.home",
    "tripartite.grants.home",
    "tripartite.principles.home",
)

#: At most this many open items per section.
OPEN_ITEMS = 3


@dataclass(frozen=True)
class Figure:
    """One key figure: a number (or a short value already formatted) and what it counts."""

    value: Any
    label: Any

    @property
    def shown(self) -> str:
        """The number as the reader's language writes it (85 000 in kk/ru, 85,000 in en)."""
        if isinstance(self.value, int):
            return formats.number_format(self.value, 0, use_l10n=True, force_grouping=True)
        return str(self.value)


@dataclass(frozen=True)
class OpenItem:
    """Something open now: a consultation, a call, a survey collecting answers, with its deadline if any."""

    title: str
    url: str
    until: date | None = None


@dataclass(frozen=True)
class Section:
    key: str
    title: Any
    text: Any
    url: str
    figures: tuple[Figure, ...]
    open_label: Any = ""
    open_now: tuple[OpenItem, ...] = field(default_factory=tuple)


def sections(user: Any, today: date) -> list[Section]:
    return [import_module(path).section(user, today) for path in SECTIONS]
