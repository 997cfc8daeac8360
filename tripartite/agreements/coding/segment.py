"""An agreement's text cut into sections and articles, in the numbering styles of Kazakh, Russian and English.

Sections: "Раздел 3", "Глава 3", "3-бөлім", "3-тарау", "Section 3", "Chapter 3", and a short "3. Title" line that
the points "3.1", "3.2"... follow. Articles: "Статья 5", "5-бап", "Article 5", and outside such articles
the numbered points "3.1.", "п. 3.1", "3.1-тармақ", "Clause 3.1" at the shallowest depth used. Lists ("1)", "а)", "-", "•") and deeper points ("3.1.1") stay inside their article. Offsets are into the
text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION = "section"
ARTICLE = "article"

_ROMAN = r"[IVXLC]+"
_SECTION_HEADINGS = (
    re.compile(r"^\s*(?:раздел|глава|section|chapter|part)\s+(\d+|" + _ROMAN + r")\b\.?", re.IGNORECASE),
    re.compile(r"^\s*(\d+|" + _ROMAN + r")\s*[-‑–]\s*(?:бөлім|тарау)\b", re.IGNORECASE),
)
_WORD_ARTICLES = (
    re.compile(r"^\s*(?:статья|ст\.)\s*(\d+(?:\.\d+)*)\b\.?", re.IGNORECASE),
    re.compile(r"^\s*(\d+(?:\.\d+)*)\s*[-‑–]\s*бап\b\.?", re.IGNORECASE),
    re.compile(r"^\s*(?:article|art\.)\s*(\d+(?:\.\d+)*)\b\.?", re.IGNORECASE),
)
_POINTS = (
    re.compile(r"^\s*(?:п\.|пункт)\s*(\d+(?:\.\d+)*)\.?(?=\s|$)", re.IGNORECASE),
    re.compile(r"^\s*(\d+(?:\.\d+)*)\s*[-‑–]\s*тармақ\b\.?", re.IGNORECASE),
    re.compile(r"^\s*(?:clause|point)\s+(\d+(?:\.\d+)*)\.?(?=\s|$)", re.IGNORECASE),
    # "3.1. text", or "3.1 Text" (without the final dot only before a capital: "1.5 times" is no point)
    re.compile(r"^\s*(\d+(?:\.\d+)+)(?:\.(?=\s|$)|\s+(?=[\"«A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]))"),
)
_SHORT_TITLE = re.compile(r"^\s*(\d+)\.\s+(\S.{0,90})$")


@dataclass(frozen=True)
class Segment:
    """A section or an article: its number, where it starts and ends in the text, and its text."""

    kind: str
    number: str
    start: int
    end: int
    text: str
    section: str = ""


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


def _match_any(patterns: tuple[re.Pattern[str], ...], line: str) -> str | None:
    for pattern in patterns:
        found = pattern.match(line)
        if found:
            return found.group(1)
    return None


def segments(text: str) -> list[Segment]:
    """The sections and articles of ``text``, in order (an article records the section it is in)."""
    lines = _lines_with_offsets(text)
    word_style = any(_match_any(_WORD_ARTICLES, line) for _at, line in lines)
    points = {at: number for at, line in lines if (number := _match_any(_POINTS, line))}
    depth = min((n.count(".") + 1 for n in points.values()), default=0)
    firsts = {n.split(".")[0] for n in points.values()}
    starts: list[tuple[int, str, str]] = []  # (offset, kind, number)
    in_word_article = False  # the points of an "Article 5" stay inside it, up to the next article or section
    for at, line in lines:
        section = _match_any(_SECTION_HEADINGS, line)
        short = _SHORT_TITLE.match(line)
        if not section and short and not line.rstrip().endswith((".", ";", ",", ":")) and short.group(1) in firsts:
            section = short.group(1)
        if section:
            starts.append((at, SECTION, section))
            in_word_article = False
            continue
        article = _match_any(_WORD_ARTICLES, line)
        if article:
            in_word_article = True
        elif not in_word_article:
            article = points.get(at)
            if article is not None and article.count(".") + 1 != depth:
                article = None
            if article is None and not points and not word_style:
                single = re.match(r"^\s*(\d+)\.\s+\S", line)
                article = single.group(1) if single else None
        if article:
            starts.append((at, ARTICLE, article))
    out: list[Segment] = []
    section = ""
    for i, (at, kind, number) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        body = text[at:end].rstrip()
        if kind == SECTION:
            section = number
            # A section's own span is its heading block, up to its first article.
        out.append(Segment(kind, number, at, at + len(body), body, section))
    return out


def articles(text: str) -> list[Segment]:
    """The articles of ``text``; a text without any numbering is one article."""
    found = [s for s in segments(text) if s.kind == ARTICLE]
    if not found and text.strip():
        start = len(text) - len(text.lstrip())
        body = text.strip()
        return [Segment(ARTICLE, "1", start, start + len(body), body)]
    return found
