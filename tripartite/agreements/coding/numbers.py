"""Numbers as agreements write them: digits with spaces and decimal commas, and words in Russian, Kazakh, English.

Pure Python. ``numbers_in(text)`` finds every number with its span; words are read up to the thousands
("сто пятьдесят", "жиырма төрт", "one hundred and twenty"), "полтора"/"бір жарым"/"one and a half" too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


def _forms(pairs: dict[str, int], endings: tuple[str, ...] = ("",)) -> dict[str, int]:
    return {stem + ending: value for stem, value in pairs.items() for ending in endings}


# Russian: nominative and the oblique forms agreements use ("в течение пяти дней", "трёх окладов").
_RU: dict[str, int] = {
    "ноль": 0, "один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "одну": 1, "одному": 1,
    "два": 2, "две": 2, "двух": 2, "двум": 2, "три": 3, "трех": 3, "трёх": 3, "трем": 3, "трём": 3,
    "четыре": 4, "четырех": 4, "четырёх": 4, "сорок": 40, "сорока": 40, "сто": 100, "ста": 100,
    "девяносто": 90, "девяноста": 90,
}
_RU |= _forms({"пят": 5, "шест": 6, "сем": 7, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12,
               "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17,
               "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30}, ("ь", "и", "ью"))
_RU |= {"восемь": 8, "восьми": 8, "пятьдесят": 50, "пятидесяти": 50, "шестьдесят": 60, "шестидесяти": 60,
        "семьдесят": 70, "семидесяти": 70, "восемьдесят": 80, "восьмидесяти": 80, "двести": 200, "двухсот": 200,
        "триста": 300, "трехсот": 300, "трёхсот": 300, "четыреста": 400, "четырехсот": 400, "пятьсот": 500,
        "пятисот": 500, "шестьсот": 600, "шестисот": 600, "семьсот": 700, "семисот": 700, "восемьсот": 800,
        "восьмисот": 800, "девятьсот": 900, "девятисот": 900}
_KK: dict[str, int] = {
    "нөл": 0, "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9,
    "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60, "жетпіс": 70, "сексен": 80,
    "тоқсан": 90,
}
_EN: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
UNITS: dict[str, int] = _RU | _KK | _EN
HUNDREDS = {"hundred", "жүз"}
THOUSANDS = {"тысяча", "тысячи", "тысяч", "thousand", "мың"}
CONNECTORS = {"and"}
HALF = {"полтора": Decimal("1.5"), "полутора": Decimal("1.5")}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?(?![\d])")
_ONE_AND_A_HALF = re.compile(r"\b(?:one and a half|бір жарым)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    value: Decimal
    start: int
    end: int
    words: bool


def _word_runs(text: str) -> list[Number]:
    out: list[Number] = []
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text.replace("-", " "))]
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        if word in HALF:
            out.append(Number(HALF[word], tokens[i][1], tokens[i][2], True))
            i += 1
            continue
        if word not in UNITS:
            i += 1
            continue
        total, current, start, end, j = 0, 0, tokens[i][1], tokens[i][2], i
        while j < len(tokens):
            w = tokens[j][0]
            if w in UNITS:
                current += UNITS[w]
            elif w in HUNDREDS and current:
                current *= 100
            elif w in THOUSANDS:
                total += (current or 1) * 1000
                current = 0
            elif w in CONNECTORS and j + 1 < len(tokens) and tokens[j + 1][0] in UNITS:
                j += 1
                continue
            else:
                break
            end = tokens[j][2]
            j += 1
        out.append(Number(Decimal(total + current), start, end, True))
        i = j
    return out


def numbers_in(text: str) -> list[Number]:
    """Every number of ``text`` in order: digits ("85 000", "1,5") and words; words in brackets after digits
    ("30 (тридцать)") are part of the digits' number, not a second one."""
    found: list[Number] = []
    for m in _DIGITS.finditer(text):
        whole = re.sub(r"[ \u00a0\u202f]", "", m.group(1))
        value = Decimal(f"{whole}.{m.group(2)}") if m.group(2) else Decimal(whole)
        found.append(Number(value, m.start(), m.end(), False))
    for m in _ONE_AND_A_HALF.finditer(text):
        found.append(Number(Decimal("1.5"), m.start(), m.end(), True))
    taken = [(n.start, n.end) for n in found]
    for n in _word_runs(text):
        if any(s <= n.start < e or n.start <= s < n.end for s, e in taken):
            continue
        before = text[:n.start].rstrip()
        if before.endswith("(") and found and any(0 <= len(before) - 1 - f.end <= 3 for f in found):
            continue  # "30 (тридцать)": the words repeat the digits
        found.append(n)
    return sorted(found, key=lambda n: n.start)
