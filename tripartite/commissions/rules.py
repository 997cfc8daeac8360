"""The jurisdiction pack as the commissions app reads it: levels, sides, roles, the parity rule, execution rate.

Levels, sides and roles are defined once, in the pack (`tripartite/jurisdictions/`); this module only
turns them into choices in the user's language and applies the pack's parity check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.core.i18n import current_language
from tripartite.jurisdictions import (
    JurisdictionPack,
    Level,
    LevelNotFound,
    ParityResult,
    Parties,
    Role,
    get_pack,
)


def pack() -> JurisdictionPack:
    return get_pack(settings.TRIPARTITE_JURISDICTION, overrides=settings.TRIPARTITE_RULE_OVERRIDES or None)


def in_language(text: Mapping[str, str]) -> str:
    """A pack text (kk/ru/en) in the user's language."""
    return text.get(current_language()) or text.get("en") or next(iter(text.values()), "")


def commission_levels(on: date | None = None) -> tuple[Level, ...]:
    """Levels a commission can be created at: the leaves of the scheme in force (default today)."""
    scheme = pack().level_scheme(on or timezone.localdate())
    return tuple(sorted(scheme.leaves(), key=lambda lv: lv.order))


def level_or_none(code: str, on: date | None = None) -> Level | None:
    try:
        return pack().level(code, on or timezone.localdate())
    except LevelNotFound:
        return None


def level_choices() -> list[tuple[str, str]]:
    return [(lv.code, in_language(lv.name)) for lv in commission_levels()]


def side_choices() -> list[tuple[str, str]]:
    return [(s.code, in_language(s.name)) for s in pack().sides()]


def role_choices() -> list[tuple[str, str]]:
    return [(r.code, in_language(r.name)) for r in pack().roles()]


def side_name(code: str) -> str:
    return dict(side_choices()).get(code, code)


def level_name(code: str) -> str:
    level = level_or_none(code)
    return in_language(level.name) if level else code


#: Roles that sit for a side and count towards parity; a secretary services the commission and does not.
VOTING_ROLES: tuple[str, ...] = (Role.CHAIR, Role.CO_CHAIR, Role.COORDINATOR, Role.MEMBER)


@dataclass(frozen=True)
class SideCount:
    side: str
    name: str
    count: int

    @property
    def label(self) -> str:
        return ngettext("%(side)s: %(count)s member", "%(side)s: %(count)s members", self.count) % {
            "side": self.name,
            "count": self.count,
        }


@dataclass(frozen=True)
class Parity:
    """Whether a commission's sides are equal, with the counts by side and a message in the user's language."""

    ok: bool
    code: str
    counts: tuple[SideCount, ...]
    message: str
    rule_verified: bool
    rule_source: str

    @property
    def counts_by_side(self) -> dict[str, int]:
        return {c.side: c.count for c in self.counts}


def parties_of(level_code: str) -> Parties:
    level = level_or_none(level_code)
    return level.parties if level else Parties.TRIPARTITE


def parity_of(level_code: str, counts_by_side: Mapping[str, int], on: date | None = None) -> Parity:
    """Apply the pack's parity rule to the members in term, counted by side."""
    result: ParityResult = pack().check_parity(counts_by_side, parties_of(level_code), on or timezone.localdate())
    counts = tuple(SideCount(side, side_name(side), n) for side, n in result.counts.items())
    if result.ok:
        message = ngettext(
            "%(count)s member on each side.", "%(count)s members on each side.", int(result.params.get("count", 0))
        ) % {"count": result.params.get("count", 0)}
    elif result.code == "empty":
        message = _("The commission has no members in term.")
    elif result.code == "side_missing":
        missing = ", ".join(side_name(s) for s in str(result.params.get("sides", "")).split(", ") if s)
        message = _("No members for %(sides)s.") % {"sides": missing}
    elif result.code == "side_not_party":
        extra = ", ".join(side_name(s) for s in str(result.params.get("sides", "")).split(", ") if s)
        message = _("%(sides)s is not a party to a commission of this level.") % {"sides": extra}
    else:
        message = _("The sides have different numbers of members.")
    source = result.source.cite() if result.source else ""
    return Parity(result.ok, result.code, counts, message, result.verified, source)


def _share(numerator: int, denominator: int) -> Decimal | None:
    if denominator == 0:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ExecutionRate:
    """Decisions carried out ÷ decisions due (due date on or before the day asked).

    `on_time` counts the due decisions done on or before their due date, `done` all due decisions done so far.
    The rates are None when no decision is due yet.
    """

    due: int
    done_on_time: int
    done: int

    @property
    def rate_on_time(self) -> Decimal | None:
        return _share(self.done_on_time, self.due)

    @property
    def rate(self) -> Decimal | None:
        return _share(self.done, self.due)

    @property
    def percent_on_time(self) -> int | None:
        rate = self.rate_on_time
        return None if rate is None else int((rate * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def percent(self) -> int | None:
        rate = self.rate
        return None if rate is None else int((rate * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def summary(self) -> str:
        if self.due == 0:
            return _("No decisions due yet.")
        return ngettext(
            "%(done)s of %(due)s decision due carried out (%(percent)s%%); %(on_time)s on time (%(percent_on_time)s%%).",
            "%(done)s of %(due)s decisions due carried out (%(percent)s%%); %(on_time)s on time (%(percent_on_time)s%%).",
            self.due,
        ) % {
            "done": self.done,
            "due": self.due,
            "percent": self.percent,
            "on_time": self.done_on_time,
            "percent_on_time": self.percent_on_time,
        }
