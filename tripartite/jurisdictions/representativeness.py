"""Representativeness: an organisation judged against the dated criteria of its kind, with the reasons.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from .errors import RuleNotFound
from .rules import Rule, RuleSet
from .texts import Text, render, text


@dataclass(frozen=True)
class Reason:
    """Why one criterion is met, not met, or cannot be judged (``met=None``).

    ``code``: ``met``, ``not_met``, ``missing_fact``, ``rule_not_set``, ``no_criteria``.
    """

    criterion: str
    met: bool | None
    code: str
    detail: Text
    params: Mapping[str, Any]
    verified: bool


@dataclass(frozen=True)
class Assessment:
    """Whether an organisation meets the representativeness criteria for its kind, and why."""

    kind: str
    on: date
    meets: bool | None
    reasons: tuple[Reason, ...]

    @property
    def verified(self) -> bool:
        """True only if every criterion used is verified against the law."""
        return bool(self.reasons) and all(r.verified for r in self.reasons)


#: A criterion's test: (facts, rules in force by key, date) -> (met, code, params).
CriterionTest = Callable[[Mapping[str, Any], Mapping[str, Rule], date], tuple[bool | None, str, Mapping[str, Any]]]


@dataclass(frozen=True)
class Criterion:
    """A representativeness criterion for some kinds of organisation, with the rule(s) holding its thresholds.

    ``test`` returns ``(met, code, params)``; ``messages`` maps each code it can return to a trilingual
    template filled with ``params``.
    """

    key: str
    description: Text
    applies_to: tuple[str, ...]
    rule_keys: tuple[str, ...]
    verified: bool
    test: CriterionTest
    messages: Mapping[str, Text]


def assess(
    criteria: Sequence[Criterion],
    rules: RuleSet,
    kind: str,
    facts: Mapping[str, Any],
    on: date,
    *,
    no_criteria_messages: Mapping[str, Text],
) -> Assessment:
    """Judge ``facts`` against every criterion for ``kind``; unknown facts give ``met=None``, never a guess.

    ``meets`` is False if any criterion is not met, True if all are met, None otherwise.
    """
    applicable = [c for c in criteria if kind in c.applies_to]
    if not applicable:
        message = no_criteria_messages.get(kind) or no_criteria_messages[""]
        reason = Reason("none", None, "no_criteria", render(message, {"kind": kind}),
                        MappingProxyType({"kind": kind}), False)
        return Assessment(kind, on, None, (reason,))
    reasons = []
    for c in applicable:
        in_force = {}
        missing_rule = None
        for key in c.rule_keys:
            try:
                in_force[key] = rules.rule(key, on)
            except RuleNotFound:
                missing_rule = key
                break
            if not in_force[key].is_set:
                missing_rule = key
                break
        if missing_rule is not None:
            params: Mapping[str, Any] = {"rule": missing_rule, "date": on.isoformat()}
            reasons.append(Reason(c.key, None, "rule_not_set", render(_RULE_NOT_SET, params),
                                  MappingProxyType(dict(params)), False))
            continue
        met, code, params = c.test(facts, in_force, on)
        verified = c.verified and all(r.verified for r in in_force.values())
        template = c.messages.get(code) or (_MISSING_FACT if code == "missing_fact" else c.description)
        reasons.append(Reason(c.key, met, code, render(template, params), MappingProxyType(dict(params)),
                              verified))
    results = [r.met for r in reasons]
    meets: bool | None
    if any(m is False for m in results):
        meets = False
    elif all(m is True for m in results):
        meets = True
    else:
        meets = None
    return Assessment(kind, on, meets, tuple(reasons))


_RULE_NOT_SET = text(
    "Бағалау мүмкін емес: %(rule)s ережесі %(date)s күні белгіленбеген.",
    "Невозможно оценить: правило %(rule)s не установлено на %(date)s.",
    "Cannot tell: rule %(rule)s is not set on %(date)s.",
)
_MISSING_FACT = text(
    "Бағалау мүмкін емес: %(fact)s туралы дерек жоқ.",
    "Невозможно оценить: нет сведений о %(fact)s.",
    "Cannot tell, because %(fact)s is missing.",
)


def missing_facts(facts: Mapping[str, Any], names: Iterable[str]) -> list[str]:
    """The names among ``names`` whose value in ``facts`` is absent or None."""
    return [n for n in names if facts.get(n) is None]


