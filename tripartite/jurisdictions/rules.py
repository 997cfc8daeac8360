"""Dated rules and the rule set: each rule's value, unit, source and whether it is verified; local overrides
replace only unverified values.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .errors import InvalidOverride, RuleNotFound
from .texts import LegalSource, Text

RuleValue = int | Decimal | str | bool | None


class Unit(StrEnum):
    """Units a rule value is expressed in (closed set; ``Rule.unit`` holds one of these strings)."""

    TENGE = "tenge"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    YEARS = "years"
    PERCENT = "percent"
    SHARE = "share"  # a fraction between 0 and 1
    MEMBERS = "members"
    COUNT = "count"
    FLAG = "flag"  # a yes/no rule


_INTEGER_UNITS = {Unit.TENGE, Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.HOURS, Unit.YEARS, Unit.MEMBERS,
                  Unit.COUNT}
_DECIMAL_UNITS = {Unit.PERCENT, Unit.SHARE}

#: The note added to a rule's source when its value comes from local configuration.
LOCAL_OVERRIDE_NOTE = "Value configured locally (TRIPARTITE_RULE_OVERRIDES); not verified against the law."


@dataclass(frozen=True)
class Rule:
    """One dated version of a statutory rule: a number (or flag) with its unit, legal source and status.

    ``verified`` is False when no retrieved source states the value; the product must then show the
    value as unverified wherever it is used. ``value`` is None when the law is unconfirmed and no
    placeholder is safe ("not set until a legal secretariat confirms it").
    """

    key: str
    value: RuleValue
    unit: str
    effective_from: date | None
    effective_to: date | None
    source: LegalSource
    verified: bool
    description: Text

    def in_force_on(self, d: date) -> bool:
        """True if this version applies on ``d`` (both bounds inclusive; None = open)."""
        if self.effective_from is not None and d < self.effective_from:
            return False
        return self.effective_to is None or d <= self.effective_to

    @property
    def is_set(self) -> bool:
        return self.value is not None


def _coerce_override(rule: Rule, value: object) -> RuleValue:
    """Convert a configured value to the type the rule's unit needs, refusing nonsense loudly."""
    if value is None:
        return None
    unit = rule.unit
    try:
        if unit == Unit.FLAG:
            if isinstance(value, bool):
                return value
            raise TypeError
        if unit in _INTEGER_UNITS:
            if isinstance(value, bool):
                raise TypeError
            number = Decimal(str(value))
            if number != number.to_integral_value() or number < 0:
                raise ValueError
            return int(number)
        if unit in _DECIMAL_UNITS:
            if isinstance(value, bool):
                raise TypeError
            number = Decimal(str(value))
            if number < 0:
                raise ValueError
            return number
    except (TypeError, ValueError, InvalidOperation):
        raise InvalidOverride(
            "Override for rule %(key)s must be a valid value in %(unit)s, got %(value)r.",
            key=rule.key, unit=unit, value=value,
        ) from None
    return str(value)


@dataclass(frozen=True)
class RuleSet:
    """All dated versions of a pack's rules, looked up by key and date."""

    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        by_key: dict[str, list[Rule]] = {}
        for r in self.rules:
            by_key.setdefault(r.key, []).append(r)
        for key, versions in by_key.items():
            versions.sort(key=lambda r: r.effective_from or date.min)
            for earlier, later in zip(versions, versions[1:], strict=False):
                if earlier.effective_to is None or (
                    later.effective_from is not None and earlier.effective_to >= later.effective_from
                ):
                    raise ValueError(f"Rule {key}: versions overlap ({earlier.effective_from}, "
                                     f"{later.effective_from})")

    def keys(self) -> tuple[str, ...]:
        """Every rule key, in the order first defined."""
        return tuple(dict.fromkeys(r.key for r in self.rules))

    def versions(self, key: str) -> tuple[Rule, ...]:
        """Every version of ``key``, oldest first; raises ``RuleNotFound`` for an unknown key."""
        found = sorted((r for r in self.rules if r.key == key), key=lambda r: r.effective_from or date.min)
        if not found:
            raise RuleNotFound("No rule %(key)s in this jurisdiction pack.", key=key)
        return tuple(found)

    def rule(self, key: str, on: date | None = None) -> Rule:
        """The version of ``key`` in force on ``on`` (default: today)."""
        on = on or date.today()
        for r in self.versions(key):
            if r.in_force_on(on):
                return r
        raise RuleNotFound("Rule %(key)s is not in force on %(date)s.", key=key, date=on.isoformat())

    def value(self, key: str, on: date | None = None) -> RuleValue:
        """Shortcut for ``rule(key, on).value``."""
        return self.rule(key, on).value

    def with_overrides(self, overrides: Mapping[str, object], *, allow_verified: bool = False) -> RuleSet:
        """Return a new set where each key in ``overrides`` takes the configured value in all its versions.

        Only unverified rules may be overridden: a verified rule states the law, and changing it belongs in
        the pack (with its source), not in one installation's settings. The overridden rule stays
        ``verified=False`` and its source notes that the value was configured locally.
        """
        for key in overrides:
            versions = self.versions(key)  # raises RuleNotFound for a typo in settings
            if not allow_verified and any(v.verified for v in versions):
                raise InvalidOverride(
                    "Rule %(key)s is verified against the law and cannot be overridden by configuration.",
                    key=key,
                )
        new_rules = []
        for r in self.rules:
            if r.key in overrides:
                new_value = _coerce_override(r, overrides[r.key])
                note = f"{LOCAL_OVERRIDE_NOTE} Pack value: {r.value!r}."
                if r.source.note:
                    note = f"{note} {r.source.note}"
                r = replace(r, value=new_value, verified=False, source=replace(r.source, note=note))
            new_rules.append(r)
        return RuleSet(tuple(new_rules))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


