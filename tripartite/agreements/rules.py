"""The jurisdiction pack as the agreements app reads it: kinds and levels, sides, clause parameters, floors.

Nothing here is a rule of its own: levels, sides, parameters, floors and deadlines are defined once in
the pack (``tripartite/jurisdictions/``); this module turns them into choices in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The sides are the commissions' (one definition of the pack's sides in the user's language).
from tripartite.commissions.rules import side_choices as side_choices
from tripartite.commissions.rules import side_name as side_name
from tripartite.core.i18n import current_language
from tripartite.core.jurisdiction import current_pack
from tripartite.jurisdictions import Level, LevelNotFound, Rule, RuleNotFound, Scope
from tripartite.jurisdictions.agreements import ClauseParameter, parameter_by_key


class Kind(models.TextChoices):
    """The kinds of agreement; each is concluded at the levels of one scope of the pack's level scheme."""

    GENERAL = "general", _("General agreement")
    SECTORAL = "sectoral", _("Sectoral agreement")
    REGIONAL = "regional", _("Regional agreement")
    COLLECTIVE = "collective", _("Collective agreement")


SCOPE_OF_KIND: Mapping[str, Scope] = {
    Kind.GENERAL: Scope.NATIONAL,
    Kind.SECTORAL: Scope.SECTOR,
    Kind.REGIONAL: Scope.REGION,
    Kind.COLLECTIVE: Scope.ORGANISATION,
}

#: Units of clause parameters shown after a value.
UNIT_LABELS: Mapping[str, object] = {
    "tenge": _("tenge"),
    "calendar_days": _("calendar days"),
    "working_days": _("working days"),
    "hours": _("hours"),
    "percent": "%",
    "coefficient": "",
    "months_of_pay": _("months of pay"),
    "count": "",
}


def in_language(text: Mapping[str, str]) -> str:
    """A pack text (kk/ru/en) in the user's language."""
    return text.get(current_language()) or text.get("en") or next(iter(text.values()), "")


def levels_for(kind: str, on: date | None = None) -> tuple[Level, ...]:
    """Levels of the scheme in force on ``on`` at which an agreement of ``kind`` is concluded."""
    try:
        levels = current_pack().levels(on or timezone.localdate())
    except LevelNotFound:
        return ()
    scope = SCOPE_OF_KIND.get(kind)
    return tuple(lv for lv in levels if lv.scope == scope)


def level_or_none(code: str, on: date | None = None) -> Level | None:
    try:
        return current_pack().level(code, on or timezone.localdate())
    except LevelNotFound:
        return None


def level_choices(on: date | None = None) -> list[tuple[str, str]]:
    """Every level of the scheme in force (default today), in order."""
    try:
        levels = current_pack().levels(on or timezone.localdate())
    except LevelNotFound:
        return []
    return [(lv.code, in_language(lv.name)) for lv in levels]


def level_name(code: str, on: date | None = None) -> str:
    level = level_or_none(code, on)
    return in_language(level.name) if level else code


def default_level(kind: str, on: date | None = None) -> str:
    """The first level (lowest order) of the scheme in force where ``kind`` is concluded."""
    levels = levels_for(kind, on)
    return levels[0].code if levels else ""


def parameters() -> tuple[ClauseParameter, ...]:
    return tuple(current_pack().clause_parameters)


def parameter(key: str) -> ClauseParameter | None:
    return parameter_by_key(parameters(), key)


def parameter_choices() -> list[tuple[str, str]]:
    return [(p.key, in_language(p.label)) for p in parameters()]


def parameter_label(key: str) -> str:
    p = parameter(key)
    return in_language(p.label) if p else key


def unit_label(unit: str) -> str:
    return str(UNIT_LABELS.get(unit, unit))


def format_value(value: Decimal | int | None, unit: str) -> str:
    """A parameter value with its unit: ``85 000 tenge``, ``1.5``, ``24 calendar days``."""
    if value is None:
        return "—"
    number = Decimal(value)
    if number == number.to_integral_value():
        shown = f"{int(number):,}".replace(",", "\u00a0")
    else:
        shown = f"{number.normalize():f}"
    label = unit_label(unit)
    if not label:
        return shown
    return f"{shown}{label}" if label == "%" else f"{shown} {label}"


def rule_versions(key: str) -> tuple[Rule, ...]:
    try:
        return current_pack().rules.versions(key)
    except RuleNotFound:
        return ()


def rule_on(key: str, on: date) -> Rule | None:
    try:
        return current_pack().rule(key, on)
    except RuleNotFound:
        return None


def mandatory_topics(on: date) -> tuple[tuple[str, ...], Rule | None]:
    """Topic codes an agreement must cover before filing, with the pack rule that lists them."""
    rule = rule_on("agreement_mandatory_topics", on)
    if rule is None or not rule.value:
        return (), rule
    return tuple(t.strip() for t in str(rule.value).split(",") if t.strip()), rule


#: Rule keys of the collective-dispute procedure a collective agreement may shorten (kz.py / kz_disputes.py).
DISPUTE_RULE_KEYS: tuple[str, ...] = (
    "employer_reply_to_demands",
    "conciliation_commission_creation",
    "conciliation_commission_consideration",
    "labour_arbitration_creation",
    "labour_arbitration_consideration",
    "strike_notice",
)
