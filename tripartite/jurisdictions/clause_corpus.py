"""Labelled agreement articles for training and measuring the clause-topic classifier (pure data, no Django).

A pack ships two corpora: training articles composed from sentence templates, and a held-out set of articles
written separately (other wording, other numbers) that only the benchmark reads. Each article carries its
topic, language and the parameter values a coder would record (key -> value in the parameter's unit).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class LabelledArticle:
    topic: str
    lang: str
    text: str
    parameters: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ClauseCorpus:
    """A pack's labelled articles: the training corpus and the held-out set the benchmark measures on."""

    training: Callable[[], tuple[LabelledArticle, ...]]
    held_out: Callable[[], tuple[LabelledArticle, ...]]


# Numbers a template may write in words, per language (the values the templates draw).
WORDS: Mapping[str, Mapping[int, str]] = {
    "ru": {2: "двух", 3: "трёх", 5: "пяти", 7: "семи", 10: "десяти", 14: "четырнадцати", 24: "двадцать четыре",
           28: "двадцать восемь", 30: "тридцать", 36: "тридцать шесть", 40: "сорок", 50: "пятидесяти"},
    "kk": {2: "екі", 3: "үш", 5: "бес", 7: "жеті", 10: "он", 14: "он төрт", 24: "жиырма төрт", 28: "жиырма сегіз",
           30: "отыз", 36: "отыз алты", 40: "қырық", 50: "елу"},
    "en": {2: "two", 3: "three", 5: "five", 7: "seven", 10: "ten", 14: "fourteen", 24: "twenty-four",
           28: "twenty-eight", 30: "thirty", 36: "thirty-six", 40: "forty", 50: "fifty"},
}

#: Values each slot of a template draws from.
SLOTS: Mapping[str, Sequence[int]] = {
    "pay": (85_000, 90_000, 95_000, 100_000, 110_000, 120_000, 135_000, 150_000),
    "leave": (24, 26, 28, 30, 32, 36), "hours": (36, 38, 40), "premium": (50, 75, 100), "night": (35, 40, 50),
    "months": (2, 3, 4, 5), "days": (2, 3, 5, 7, 10), "count": (2, 3, 4, 5, 10, 14), "share": (1, 2, 3, 5, 10),
}


def fill(template: str, lang: str, rng: random.Random) -> str:
    """A template with its slots ``{pay}``, ``{leave}``... drawn; small numbers sometimes in words."""
    out = template
    for slot, values in SLOTS.items():
        while "{" + slot + "}" in out:
            value = rng.choice(values)
            words = WORDS[lang].get(value)
            shown = words if words and rng.random() < 0.3 else f"{value:,}".replace(",", "\u00a0")
            out = out.replace("{" + slot + "}", shown, 1)
    return out


def compose(sentences: Mapping[str, Mapping[str, Sequence[str]]], openers: Mapping[str, Sequence[str]],
            headings: Mapping[str, Mapping[str, Sequence[str]]], *, per_topic_and_language: int,
            seed: int) -> tuple[LabelledArticle, ...]:
    """Training articles: one to three sentences of a topic, an opener or a heading now and then."""
    rng = random.Random(seed)
    out: list[LabelledArticle] = []
    for topic, by_lang in sentences.items():
        for lang, pool in by_lang.items():
            for _i in range(per_topic_and_language):
                picked = rng.sample(list(pool), k=min(len(pool), rng.choice((1, 1, 2, 2, 3))))
                body = " ".join(fill(s, lang, rng) for s in picked)
                if rng.random() < 0.3:
                    opener = rng.choice(openers[lang])
                    body = f"{opener} {body[0].lower()}{body[1:]}"
                if rng.random() < 0.25 and headings.get(topic, {}).get(lang):
                    body = f"{rng.choice(headings[topic][lang])}\n{body}"
                out.append(LabelledArticle(topic, lang, body))
    return tuple(out)
