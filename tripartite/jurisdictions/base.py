"""Building blocks of a jurisdiction pack: dated rules, levels, parity, representativeness, calendar, BIN.

Everything here is pure Python (no Django): values in, frozen dataclasses out. A country's pack
(``kz.py``) is assembled from these pieces; the Django apps read it and never copy a rule.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import holidays

# ---------------------------------------------------------------------------------------------------------
# Texts and sources
# ---------------------------------------------------------------------------------------------------------

#: Languages in which every user-facing text of a pack is given.
LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

#: A user-facing text in several languages: ``{"kk": ..., "ru": ..., "en": ...}``.
Text = Mapping[str, str]

RuleValue = int | Decimal | str | bool | None


def text(kk: str, ru: str, en: str) -> Text:
    """Return a read-only trilingual text."""
    return MappingProxyType({"kk": kk, "ru": ru, "en": en})


def render(template: Text, params: Mapping[str, Any]) -> Text:
    """Fill the named ``%(placeholders)s`` of every language of ``template`` with ``params``."""
    return MappingProxyType({lang: value % params for lang, value in template.items()})


#: Which language citations are given in when the caller does not say: the pack knows no web framework, so the
#: application tells it once (``use_language``); without that, English.
_language_provider: Callable[[], str | None] = lambda: "en"  # noqa: E731


def use_language(provider: Callable[[], str | None]) -> None:
    """Make ``provider()`` (e.g. Django's ``get_language``) the language of citations given without one."""
    global _language_provider
    _language_provider = provider


def current_language() -> str:
    """The language citations are given in now: one of LANGUAGES, English when the provider says nothing known."""
    lang = (_language_provider() or "en")[:2].lower()
    return lang if lang in LANGUAGES else "en"


def _article(article: str, lang: str) -> str:
    """``163(2)`` as each language cites it: "Art. 163(2)", "п. 2 ст. 163", "163-баптың 2-тармағы"."""
    number, _open, rest = article.partition("(")
    paragraph = rest.rstrip(")") if rest.endswith(")") and rest[:-1].isdigit() else ""
    if lang == "ru":
        return f"п. {paragraph} ст. {number}" if paragraph else f"ст. {article}"
    if lang == "kk":
        return f"{number}-баптың {paragraph}-тармағы" if paragraph else f"{article}-бап"
    return f"Art. {article}"


@dataclass(frozen=True)
class LegalSource:
    """Where a rule comes from: the act (and article) and a public address where it can be read.

    ``title`` is the act's name in every language (a ``text()``), or one string for a name not translated.
    """

    title: str | Text
    article: str | None = None
    url: str | None = None
    note: str | None = None

    def title_in(self, lang: str | None = None) -> str:
        if isinstance(self.title, str):
            return self.title
        lang = lang or current_language()
        return self.title.get(lang) or self.title["en"]

    def cite(self, lang: str | None = None) -> str:
        """A one-line citation in ``lang`` (default: the current language), e.g. ``Labour Code …, Art. 163(2)``,
        ``Трудовой кодекс …, п. 2 ст. 163``."""
        lang = lang or current_language()
        title = self.title_in(lang)
        return f"{title}, {_article(self.article, lang)}" if self.article else title


# ---------------------------------------------------------------------------------------------------------
# Errors (each carries a stable code and named parameters, so the web layer can translate it)
# ---------------------------------------------------------------------------------------------------------


class JurisdictionError(Exception):
    """Base error of the jurisdiction packs."""

    code: str = "jurisdiction_error"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.params: dict[str, Any] = params


class UnknownJurisdiction(JurisdictionError, LookupError):
    code = "unknown_jurisdiction"


class RuleNotFound(JurisdictionError, LookupError):
    """No version of the rule exists, or none is in force on the date asked."""

    code = "rule_not_found"


class RuleNotSet(JurisdictionError):
    """The rule exists but has no value (unconfirmed law): it must be configured before use."""

    code = "rule_not_set"


class InvalidOverride(JurisdictionError, ValueError):
    code = "invalid_override"


class LevelNotFound(JurisdictionError, LookupError):
    code = "level_not_found"


# ---------------------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------------------
# Levels, sides, roles
# ---------------------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------------------
# Representativeness
# ---------------------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------------------
# Working-day calendar
# ---------------------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------------------
# Kazakh business/individual identification numbers (BIN/IIN)
# ---------------------------------------------------------------------------------------------------------


class InvalidIdentifier(JurisdictionError, ValueError):
    """A BIN/IIN failed validation. ``code``: ``not_digits``, ``wrong_length``, ``wrong_control_digit``,
    ``no_control_digit``; ``message`` is trilingual."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.message: Text = render(_BIN_MESSAGES[code], params)
        super().__init__(self.message["en"])
        self.params = params


_BIN_MESSAGES: Mapping[str, Text] = MappingProxyType({
    "not_digits": text(
        "БСН тек цифрлардан тұруы керек (%(value)s).",
        "БИН должен состоять только из цифр (%(value)s).",
        "A BIN must consist of digits only (%(value)s).",
    ),
    "wrong_length": text(
        "БСН 12 цифрдан тұруы керек, енгізілгені: %(length)s.",
        "БИН должен содержать 12 цифр, введено: %(length)s.",
        "A BIN has 12 digits; this one has %(length)s.",
    ),
    "wrong_control_digit": text(
        "БСН бақылау цифры қате: соңғы цифр %(expected)s болуы керек, ал %(actual)s берілген. "
        "Нөмірді тексеріңіз.",
        "Неверная контрольная цифра БИН: последняя цифра должна быть %(expected)s, а указана %(actual)s. "
        "Проверьте номер.",
        "Wrong BIN control digit: the last digit should be %(expected)s, not %(actual)s. Check the number.",
    ),
    "no_control_digit": text(
        "Мұндай БСН болмайды: алғашқы 11 цифр үшін бақылау цифры есептелмейді.",
        "Такого БИН не существует: для первых 11 цифр контрольная цифра не вычисляется.",
        "No such BIN exists: no control digit can be computed for its first 11 digits.",
    ),
})

_BIN_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_BIN_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def bin_control_digit(first11: str) -> int | None:
    """Control digit of a BIN/IIN from its first 11 digits; None if both passes give 10 (invalid number).

    Official two-pass algorithm: weights 1..11, sum mod 11; if that is 10, weights 3..11,1,2, sum mod 11.
    """
    if len(first11) != 11 or not (first11.isascii() and first11.isdigit()):
        raise ValueError("first11 must be 11 ASCII digits")
    digits = [int(c) for c in first11]
    for weights in (_BIN_WEIGHTS_1, _BIN_WEIGHTS_2):
        control = sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if control != 10:
            return control
    return None


def validate_bin(value: str) -> None:
    """Raise ``InvalidIdentifier`` unless ``value`` is a well-formed 12-digit BIN/IIN with a correct control
    digit. Surrounding spaces are not stripped here: forms strip input before calling."""
    if value and not (value.isascii() and value.isdigit()):
        raise InvalidIdentifier("not_digits", value=value)
    if len(value) != 12:
        raise InvalidIdentifier("wrong_length", length=len(value))
    expected = bin_control_digit(value[:11])
    if expected is None:
        raise InvalidIdentifier("no_control_digit")
    if expected != int(value[11]):
        raise InvalidIdentifier("wrong_control_digit", expected=expected, actual=int(value[11]))


# ---------------------------------------------------------------------------------------------------------
# Reference data: regions, economic sectors, survey sectors
# ---------------------------------------------------------------------------------------------------------


class RegionKind(StrEnum):
    OBLAST = "oblast"
    CITY_OF_REPUBLICAN_SIGNIFICANCE = "city"
    CAPITAL = "capital"


@dataclass(frozen=True)
class Region:
    """A top-level administrative unit, identified by its statistical code (KATO in Kazakhstan)."""

    code: str  # full 9-digit KATO code, e.g. "710000000"
    short_code: str  # the 2-digit top-level part, e.g. "71"
    name: Text
    kind: RegionKind


@dataclass(frozen=True)
class Sector:
    """A section of the economic activity classification (OKED = NACE Rev. 2 sections A–U)."""

    code: str
    name: Text


@dataclass(frozen=True)
class SurveySector:
    """One of the sectors used by the source survey, with the classification sections it corresponds to."""

    number: int
    key: str
    name: Text
    sections: tuple[str, ...]
    respondents: int  # count reported in the source paper's Table 1


# ---------------------------------------------------------------------------------------------------------
# The pack
# ---------------------------------------------------------------------------------------------------------


class JurisdictionPack:
    """One country's rules and reference data; read-only once built."""

    def __init__(
        self,
        *,
        code: str,
        name: Text,
        rules: RuleSet,
        level_schemes: Sequence[LevelScheme],
        sides: Sequence[NamedItem],
        roles: Sequence[NamedItem],
        organisation_kinds: Sequence[NamedItem],
        criteria: Sequence[Criterion],
        no_criteria_messages: Mapping[str, Text],
        regions: Sequence[Region],
        sectors: Sequence[Sector],
        survey_sectors: Sequence[SurveySector],
        calendar: WorkingCalendar,
        parity_rule_keys: Mapping[Parties, str],
        regions_valid_from: date | None = None,
        clause_parameters: Sequence[Any] = (),
        dispute_procedure: Any = None,
    ) -> None:
        self.code = code
        self.name = name
        self.rules = rules
        self.level_schemes = tuple(sorted(level_schemes, key=lambda s: s.effective_from or date.min))
        self._sides = tuple(sides)
        self._roles = tuple(roles)
        self._organisation_kinds = tuple(organisation_kinds)
        self.criteria = tuple(criteria)
        self._no_criteria_messages = MappingProxyType(dict(no_criteria_messages))
        self._regions = tuple(regions)
        self._sectors = tuple(sectors)
        self._survey_sectors = tuple(survey_sectors)
        self.calendar = calendar
        self._parity_rule_keys = MappingProxyType(dict(parity_rule_keys))
        self.regions_valid_from = regions_valid_from
        # Agreements' typed clause parameters and their statutory floors (see kz_agreements.py), and the
        # collective-dispute procedure as data (see kz_disputes.py).
        self.clause_parameters = tuple(clause_parameters)
        self.dispute_procedure = dispute_procedure

    def __repr__(self) -> str:
        return f"<JurisdictionPack {self.code}>"

    # rules ------------------------------------------------------------------------------------------------
    def rule(self, key: str, on: date | None = None) -> Rule:
        """The version of rule ``key`` in force on ``on`` (default today); raises ``RuleNotFound``."""
        return self.rules.rule(key, on)

    def deadline_for(self, key: str, start: date) -> Deadline:
        """The deadline that rule ``key`` (in force on ``start``) sets for an event on ``start``.

        Raises ``RuleNotSet`` when the rule has no value (unconfirmed law not yet configured).
        """
        r = self.rules.rule(key, start)
        if r.value is None:
            raise RuleNotSet("Rule %(key)s has no value: it must be confirmed and configured first.", key=key)
        if r.unit not in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS) or not isinstance(r.value, int):
            raise ValueError(f"Rule {key} is not a deadline (unit {r.unit})")
        plain = start + timedelta(days=r.value)
        due = self.calendar.deadline(start, r.value, r.unit)
        moved = plain if r.unit == Unit.CALENDAR_DAYS and due != plain else None
        verified = r.verified
        if moved is not None:
            verified = verified and self.rules.rule("calendar_deadline_moves_to_next_working_day", start).verified
        return Deadline(key, start, due, r.value, r.unit, verified, r.source, moved)

    # levels -----------------------------------------------------------------------------------------------
    def level_scheme(self, on: date | None = None) -> LevelScheme:
        on = on or date.today()
        for scheme in self.level_schemes:
            if scheme.in_force_on(on):
                return scheme
        raise LevelNotFound("No levels of social partnership are defined for %(date)s.", date=on.isoformat())

    def levels(self, on: date | None = None) -> tuple[Level, ...]:
        """Levels of social partnership in force on ``on`` (default today), in ``order``."""
        return tuple(sorted(self.level_scheme(on).levels, key=lambda lv: lv.order))

    def level(self, code: str, on: date | None = None) -> Level:
        return self.level_scheme(on).level(code)

    # sides, roles, parity -----------------------------------------------------------------------------------
    def sides(self) -> tuple[NamedItem, ...]:
        return self._sides

    def roles(self) -> tuple[NamedItem, ...]:
        return self._roles

    def organisation_kinds(self) -> tuple[NamedItem, ...]:
        return self._organisation_kinds

    def check_parity(
        self, counts_by_side: Mapping[str, int], parties: Parties | str, on: date | None = None
    ) -> ParityResult:
        """Parity check, carrying the source and ``verified`` flag of the rule that requires parity."""
        parties = Parties(parties)
        r = self.rules.rule(self._parity_rule_keys[parties], on)
        return replace(check_parity(counts_by_side, parties), verified=r.verified, source=r.source)

    # representativeness -----------------------------------------------------------------------------------
    def assess_representativeness(self, kind: str, facts: Mapping[str, Any], on: date | None = None) -> Assessment:
        """Judge an organisation of ``kind`` against the criteria in force on ``on`` (default today).

        ``total_regions`` defaults to the number of regions in the pack when the pack's region list
        applies on ``on``; other facts are never guessed.
        """
        on = on or date.today()
        return assess(self.criteria, self.rules, kind, self._default_facts(facts, on), on,
                      no_criteria_messages=self._no_criteria_messages)

    def _default_facts(self, facts: Mapping[str, Any], on: date) -> Mapping[str, Any]:
        if facts.get("total_regions") is None and (
            self.regions_valid_from is None or on >= self.regions_valid_from
        ):
            return {**facts, "total_regions": len(self._regions)}
        return facts

    # reference data ----------------------------------------------------------------------------------------
    def regions(self) -> tuple[Region, ...]:
        return self._regions

    def sectors(self) -> tuple[Sector, ...]:
        return self._sectors

    def survey_sector_map(self) -> tuple[SurveySector, ...]:
        return self._survey_sectors
