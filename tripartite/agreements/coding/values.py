"""The typed parameters an article sets, read by rules: each number's unit, and the words that name the parameter.

A number becomes a parameter only when its unit fits the parameter and the parameter's cue words stand in the
same sentence before it (nearest cue wins); otherwise nothing is suggested, so that no value is invented.
Sums in МРП/АЕК/MCI are converted to tenge with the pack's index of the year (an unverified rule); "double pay"
is a 100 % premium and "time and a half" a 50 % one. Dispute-procedure periods use the pack's rule keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .numbers import Number, numbers_in

TENGE, MCI, PERCENT, TIMES = "tenge", "mci", "percent", "times"
CALENDAR_DAYS, WORKING_DAYS, DAYS, HOURS, MONTHS_OF_PAY = (
    "calendar_days", "working_days", "days", "hours", "months_of_pay")

_I = re.IGNORECASE
_UNITS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PERCENT, re.compile(r"\s*(?:\([^)]{1,60}\)\s*)?(?:%|процент\w*|пайыз\w*|per ?cent\b)", _I)),
    (TENGE, re.compile(r"\s*(?:\([^)]{1,80}\)\s*)?(?:тенге|теңге|tenge|kzt\b|тг\b\.?)", _I)),
    (MCI, re.compile(r"\s*(?:\([^)]{1,60}\)\s*)?(?:мрп\b|аек\b|mci\b|месячн\w* расч[её]тн\w* показател\w*|"
                     r"айлық есептік көрсеткіш\w*|monthly calculation ind\w*)", _I)),
    (CALENDAR_DAYS, re.compile(r"\s*(?:\([^)]{1,60}\)\s*)?(?:календарн\w+ (?:дн\w*|день)|күнтізбелік күн\w*|"
                               r"calendar days?)", _I)),
    (WORKING_DAYS, re.compile(r"\s*(?:\([^)]{1,60}\)\s*)?(?:рабоч\w+ (?:дн\w*|день)|жұмыс күн\w*|"
                              r"(?:working|business) days?)", _I)),
    (DAYS, re.compile(r"\s*(?:\([^)]{1,60}\)\s*)?(?:дн(?:я|ей)\b|день\b|сут\w*|күн\w*|days?\b)", _I)),
    (HOURS, re.compile(r"\s*(?:\([^)]{1,60}\)\s*)?(?:час\w*|сағат\w*|hours?\b)", _I)),
    (MONTHS_OF_PAY, re.compile(
        r"\s*(?:\([^)]{1,60}\)\s*)?(?:(?:(?:средн\w+|должностн\w+)\s+)*(?:месячн\w+\s+)?"
        r"(?:заработ\w+|оклад\w*|зарплат\w*)|(?:орташа\s+)?айлық\s+(?:жалақы\w*|еңбекақы\w*|табыс\w*)|"
        r"лауазымдық айлықақы\w*|айлықақы\w*|months?'?s?'?\s+(?:of\s+)?(?:average\s+)?(?:pay|salary|salaries|wages?|"
        r"earnings)|(?:average\s+)?monthly\s+(?:salaries|salary|earnings|wages?|pay))", _I)),
    (TIMES, re.compile(r"\s*(?:раз\w*|есе\w*|times\b)", _I)),
)
_THOUSAND = re.compile(r"\s*(?:тыс\.|тысяч\w*|мың|thousand)", _I)
# "в двойном размере", "екі есе", "double": the pay is doubled, a premium of 100 %.
_MULTIPLIER_WORDS: tuple[tuple[re.Pattern[str], Decimal], ...] = (
    (re.compile(r"двойн\w+|двукратн\w+|double\b|twice\b|екі есе\w*|екі еселен\w*", _I), Decimal(2)),
    (re.compile(r"полуторн\w+|time and a half|бір жарым есе\w*", _I), Decimal("1.5")),
)
_PREMIUM_WORD = re.compile(r"доплат|надбавк|premium|supplement|extra|қосымша ақы|үстемеақ", _I)


@dataclass(frozen=True)
class Key:
    """A parameter key, the units a number may have to set it, and the cue words that must precede it."""

    key: str
    units: frozenset[str]
    cues: tuple[re.Pattern[str], ...]
    exclude: re.Pattern[str] | None = None
    unit: str = ""


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


_CONCILIATION = _c(r"примирительн\w* комисси|татуластыру комиссия|conciliation commission")
_ARBITRATION = _c(r"трудов\w* арбитраж|еңбек төрелі|labour arbitration|labor arbitration|arbitration")
_CREATE = _c(r"созда|образ|сформир|құр|set up|creat|establish|form(?:ed|s)?\b|constitut")
_CONSIDER = _c(r"рассматр|рассмотр|қара|consider|examin|hear|review|decid|шешім")
KEYS: tuple[Key, ...] = (
    Key("minimum_monthly_pay", frozenset({TENGE, MCI}),
        (_c(r"минимальн\w* (?:размер\w* )?(?:месячн\w* )?(?:заработн\w* плат|оплат|оклад|тарифн)|"
            r"ең төменгі (?:айлық )?(?:жалақ|еңбекақ|айлықақ|тарифтік)|minimum (?:monthly )?(?:wage|pay|salary|"
            r"rate)|minimum pay|месячн\w* оплат\w* труда|айлық еңбекақ|не ниже|(?:не может быть|не должна быть) ниже|"
            r"төмен болм|кемінде|less than|at least|ставк\w* первого разряда|"
            r"бірінші разряд|first grade|lowest grade"),), unit=TENGE),
    Key("tariff_coefficient", frozenset({""}),
        (_c(r"коэффициент|coefficient"),), unit="coefficient"),
    Key("annual_paid_leave_days", frozenset({CALENDAR_DAYS, DAYS}),
        (_c(r"(?:ежегодн|оплачиваем|основн)\w* (?:\w+ )?отпуск|жыл сайынғы|ақылы еңбек демалыс|негізгі "
            r"(?:еңбек )?демалыс|annual (?:paid )?(?:leave|holiday)|paid (?:annual )?leave"),),
        _c(r"дополнительн|қосымша|additional|extra|за вредн|зиянды|hazardous"), unit=CALENDAR_DAYS),
    Key("weekly_hours", frozenset({HOURS}),
        (_c(r"в неделю|рабоч\w+ недел|аптасына|апталық|аптадағы|жұмыс аптасы|per week|a week|weekly|working week|"
            r"еженедельн"),), unit=HOURS),
    Key("overtime_premium", frozenset({PERCENT, TIMES}),
        (_c(r"сверхурочн|үстеме жұмыс|үстеме уақыт|overtime"),), unit=PERCENT),
    Key("night_work_premium", frozenset({PERCENT, TIMES}),
        (_c(r"ночн|түнгі|night"),), unit=PERCENT),
    Key("redundancy_compensation", frozenset({MONTHS_OF_PAY}),
        (_c(r"сокращ|қысқар|redundan|downsiz|staff reduction|reduction in (?:staff|headcount|the workforce)|"
            r"ликвидац|тарат"),),
        unit=MONTHS_OF_PAY),
    Key("employer_reply_to_demands", frozenset({WORKING_DAYS, DAYS}),
        (_c(r"требован|талап|demands?\b|claims?\b"),
         _c(r"рассмотр|рассматр|ответ|сообщ|қара|жауап|хабарла|repl|respond|answer|consider")),
        unit=WORKING_DAYS),
    Key("conciliation_commission_creation", frozenset({WORKING_DAYS, DAYS}), (_CONCILIATION, _CREATE),
        unit=WORKING_DAYS),
    Key("conciliation_commission_consideration", frozenset({WORKING_DAYS, DAYS}), (_CONCILIATION, _CONSIDER),
        unit=WORKING_DAYS),
    Key("labour_arbitration_creation", frozenset({WORKING_DAYS, DAYS}), (_ARBITRATION, _CREATE),
        unit=WORKING_DAYS),
    Key("labour_arbitration_consideration", frozenset({WORKING_DAYS, DAYS}), (_ARBITRATION, _CONSIDER),
        unit=WORKING_DAYS),
    Key("strike_notice", frozenset({WORKING_DAYS, DAYS}),
        (_c(r"забастов|ереуіл|strike"), _c(r"предупре|уведом|ескерт|хабарла|notice|notif|warn")),
        unit=WORKING_DAYS),
)
_DISPUTE_KEYS = {"employer_reply_to_demands", "conciliation_commission_creation",
                 "conciliation_commission_consideration", "labour_arbitration_creation",
                 "labour_arbitration_consideration", "strike_notice"}
# A semicolon ends a sentence only at the end of a line (a list item); inside a line it joins two halves of one.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s)|;(?=[ \t]*\n)|(?<=\d)\.(?=\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])|\n\s*\n|\n(?=\s*(?:\d+\)|[-•—]))")
_AFTER = 12  # characters after a number in which its cue may still stand ("30 календарных дней ежегодного")


@dataclass(frozen=True)
class Found:
    """A parameter value read from the text: key, value, unit, and the words it rests on with their span."""

    key: str
    value: Decimal
    unit: str
    text: str
    start: int
    end: int
    via: str = ""  # the pack rule used to convert the value (the MCI of the year), if any


def _unit_after(text: str, number: Number) -> tuple[str, int]:
    rest = text[number.end:number.end + 120]
    for unit, pattern in _UNITS:
        found = pattern.match(rest)
        if found:
            return unit, number.end + found.end()
    return "", number.end


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    following = _SENTENCE_END.search(text, at)
    return start, following.start() if following else len(text)


def _distance(pattern: re.Pattern[str], window: str, at: int) -> int | None:
    best = None
    for m in pattern.finditer(window):
        d = at - m.end() if m.end() <= at else m.start() - at
        d = max(d, 0)
        best = d if best is None or d < best else best
    return best


def _choose_key(text: str, start: int, end: int, unit: str, taken: set[str]) -> Key | None:
    s_start, s_end = _sentence_bounds(text, start)
    window = text[s_start:min(s_end, end + _AFTER)]
    at = start - s_start
    best: tuple[int, Key] | None = None
    for key in KEYS:
        if unit not in key.units or key.key in taken:
            continue
        distances = [_distance(cue, window, at) for cue in key.cues]
        if any(d is None for d in distances):
            continue
        if key.exclude is not None and key.exclude.search(text[s_start:start]):
            continue
        score = max(d for d in distances if d is not None)
        if best is None or score < best[0]:
            best = (score, key)
    return best[1] if best else None


def _premium(value: Decimal, unit: str, context: str) -> Decimal:
    if unit == TIMES:
        return (value - 1) * 100
    # "оплата в размере 150 % ставки" is a 50 % premium; "доплата 150 %" stays 150 %.
    if value >= 150 and not _PREMIUM_WORD.search(context):
        return value - 100
    return value


def _as_number(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def parameters_in(text: str, *, mci: int | None = None, mci_rule: str = "monthly_calculation_index"
                  ) -> list[Found]:
    """The parameters ``text`` sets (the first value of each key), in the order they appear.

    ``mci`` is the tenge value of one МРП/АЕК/MCI for the agreement's year, or None when the pack has none
    (a sum stated only in МРП is then not suggested).
    """
    found: list[Found] = []
    taken: set[str] = set()
    for pattern, factor in _MULTIPLIER_WORDS:
        for m in pattern.finditer(text):
            key = _choose_key(text, m.start(), m.end(), TIMES, taken)
            if key is not None:
                found.append(Found(key.key, _as_number((factor - 1) * 100), PERCENT, m.group(0), m.start(),
                                   m.end()))
                taken.add(key.key)
    for number in numbers_in(text):
        unit, end = _unit_after(text, number)
        value = number.value
        if unit == TENGE or unit == "":
            thousand = _THOUSAND.match(text, number.end)
            if thousand:
                unit_after = _UNITS[1][1].match(text, thousand.end())
                if unit_after:
                    value, unit, end = value * 1000, TENGE, unit_after.end()
        if unit == "":
            coefficient = _choose_key(text, number.start, number.end, "", taken)
            # A coefficient is the number right after the word ("коэффициент 1,2"), never a count in a list.
            if coefficient is None or number.words or not re.search(
                    r"(?:коэффициент|coefficient)\w*[^.;\d]{0,40}$", text[max(0, number.start - 60):number.start], _I):
                continue
            found.append(Found(coefficient.key, _as_number(value), "coefficient", text[number.start:end],
                               number.start, end))
            taken.add(coefficient.key)
            continue
        key = _choose_key(text, number.start, end, unit, taken)
        if key is None:
            continue
        via = ""
        out_unit = key.unit
        if unit == MCI:
            if mci is None:
                continue
            value, via = value * mci, mci_rule
        if key.key in ("overtime_premium", "night_work_premium"):
            s_start, _s_end = _sentence_bounds(text, number.start)
            value = _premium(value, unit, text[s_start:end])
        if key.key in _DISPUTE_KEYS and unit == CALENDAR_DAYS:
            continue  # the pack's procedure counts working days; a calendar-day period is not converted
        found.append(Found(key.key, _as_number(value), out_unit, text[number.start:end], number.start, end, via))
        taken.add(key.key)
    return sorted(found, key=lambda f: f.start)


def mci_for(on: date) -> tuple[int | None, str]:
    """The tenge value of one МРП on ``on`` from the pack (None when the pack has no index for that year)."""
    from tripartite.core.jurisdiction import current_pack
    from tripartite.jurisdictions import RuleNotFound

    try:
        rule = current_pack().rule("monthly_calculation_index", on)
    except RuleNotFound:
        return None, ""
    return (int(rule.value) if rule.value is not None else None), rule.key
