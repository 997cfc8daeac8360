"""Levels of social partnership, the sides and roles of the partners, and the parity of a commission's sides.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from .errors import LevelNotFound
from .texts import LegalSource, Text, render, text


class Scope(StrEnum):
    NATIONAL = "national"
    SECTOR = "sector"
    REGION = "region"
    ORGANISATION = "organisation"


class Parties(StrEnum):
    """Who sits at the table: state, employers and workers, or employers and workers only."""

    TRIPARTITE = "tripartite"
    BIPARTITE = "bipartite"


class Side(StrEnum):
    STATE = "state"
    EMPLOYERS = "employers"
    WORKERS = "workers"


SIDES_BY_PARTIES: Mapping[Parties, tuple[Side, ...]] = MappingProxyType({
    Parties.TRIPARTITE: (Side.STATE, Side.EMPLOYERS, Side.WORKERS),
    Parties.BIPARTITE: (Side.EMPLOYERS, Side.WORKERS),
})


class Role(StrEnum):
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    COORDINATOR = "coordinator"
    MEMBER = "member"
    SECRETARY = "secretary"


@dataclass(frozen=True)
class Level:
    """A level of social partnership at which commissions sit and agreements are concluded.

    ``parent`` names the level this one subdivides (e.g. a district commission is a regional one).
    """

    code: str
    name: Text
    order: int
    scope: Scope
    parties: Parties
    source: LegalSource
    verified: bool
    parent: str | None = None
    description: Text = field(default_factory=lambda: text("", "", ""))


@dataclass(frozen=True)
class LevelScheme:
    """The levels as one law defined them, for the period that law was in force (bounds inclusive)."""

    effective_from: date | None
    effective_to: date | None
    levels: tuple[Level, ...]
    source: LegalSource
    name: Text = field(default_factory=lambda: text("", "", ""))
    verified: bool = True

    def in_force_on(self, d: date) -> bool:
        if self.effective_from is not None and d < self.effective_from:
            return False
        return self.effective_to is None or d <= self.effective_to

    def level(self, code: str) -> Level:
        for lv in self.levels:
            if lv.code == code:
                return lv
        raise LevelNotFound("No level %(code)s in this scheme.", code=code)

    def leaves(self) -> tuple[Level, ...]:
        """Levels that no other level subdivides: the ones a commission is actually created at."""
        parents = {lv.parent for lv in self.levels}
        return tuple(lv for lv in self.levels if lv.code not in parents)


@dataclass(frozen=True)
class NamedItem:
    """A member of a closed set (a side, a role) with its trilingual name."""

    code: str
    name: Text


# ---------------------------------------------------------------------------------------------------------
# Parity
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParityResult:
    """Outcome of the parity check. ``code`` is one of ``ok``, ``empty``, ``unequal``, ``side_not_party``,
    ``side_missing``; ``message`` is the trilingual explanation with ``params`` filled in."""

    ok: bool
    counts: Mapping[str, int]
    code: str
    params: Mapping[str, Any]
    message: Text
    verified: bool = True  # whether the rule requiring parity is verified (set by the pack)
    source: LegalSource | None = None  # the rule's source (set by the pack)


_PARITY_MESSAGES: Mapping[str, Text] = MappingProxyType({
    "ok": text(
        "Тараптардың мүшелер саны тең (әр тарапта %(count)s).",
        "Число членов сторон равно (по %(count)s от каждой стороны).",
        "The sides have equal numbers of members (%(count)s each).",
    ),
    "empty": text(
        "Комиссияда әлі бірде-бір мүше жоқ.",
        "В комиссии пока нет ни одного члена.",
        "The commission has no members yet.",
    ),
    "side_missing": text(
        "Тараптың мүшелері жоқ: %(sides)s.",
        "Нет членов от стороны: %(sides)s.",
        "No members for side: %(sides)s.",
    ),
    "side_not_party": text(
        "Бұл тарап осы комиссияның тарапы емес: %(sides)s.",
        "Эта сторона не является стороной этой комиссии: %(sides)s.",
        "This side is not a party to this commission: %(sides)s.",
    ),
    "unequal": text(
        "Тепе-теңдік бұзылған: тараптардың мүшелер саны әртүрлі (%(detail)s).",
        "Паритет нарушен: у сторон разное число членов (%(detail)s).",
        "Parity is broken: the sides have different numbers of members (%(detail)s).",
    ),
})


def check_parity(counts_by_side: Mapping[str, int], parties: Parties | str) -> ParityResult:
    """Check that each side of the commission has the same number of members.

    ``counts_by_side`` maps a side code (``state``, ``employers``, ``workers``) to the number of its
    members; count the members who sit for a side (a secretary who is not a member is not counted).
    For a bipartite commission the state must have no members.
    """
    parties = Parties(parties)
    required = [s.value for s in SIDES_BY_PARTIES[parties]]
    counts = {str(k): int(v) for k, v in counts_by_side.items() if int(v) != 0}
    shown = MappingProxyType({s: counts.get(s, 0) for s in required} | counts)

    def result(ok: bool, code: str, **params: Any) -> ParityResult:
        return ParityResult(ok, shown, code, MappingProxyType(params), render(_PARITY_MESSAGES[code], params))

    extra = sorted(s for s in counts if s not in required)
    if extra:
        return result(False, "side_not_party", sides=", ".join(extra))
    if not counts:
        return result(False, "empty")
    missing = [s for s in required if counts.get(s, 0) == 0]
    if missing:
        return result(False, "side_missing", sides=", ".join(missing))
    if len({counts[s] for s in required}) > 1:
        return result(False, "unequal", detail=", ".join(f"{s}: {counts[s]}" for s in required))
    return result(True, "ok", count=counts[required[0]])


