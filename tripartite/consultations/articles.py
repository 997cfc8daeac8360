"""A draft act's text cut into numbered articles or points, from pasted text or a Word file (no Django).

Article headings are recognised in the three languages' styles ("Статья 5.", "5-бап.", "Article 5"); a text
without article headings is cut at its top-level points ("1.", "1)", "п. 2", "2-тармақ"). Text before the first
unit is the preamble. Points inside an article stay in the article's text.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

ARTICLE = "article"
POINT = "point"
PREAMBLE = "preamble"

_NUMBER = r"(\d+(?:[-.]\d+)*)"
_ARTICLE_HEADINGS = (
    re.compile(r"^\s*(?:статья|ст\.)\s*" + _NUMBER + r"\s*[.:]?\s*(.*)$", re.IGNORECASE),
    re.compile(r"^\s*" + _NUMBER + r"\s*-\s*бап\b\s*[.:]?\s*(.*)$", re.IGNORECASE),
    re.compile(r"^\s*(?:article|art\.)\s*" + _NUMBER + r"\s*[.:]?\s*(.*)$", re.IGNORECASE),
)
# Top-level point styles, each tried alone: the first style the text uses is its top level.
_POINT_STYLES = (
    re.compile(r"^\s*(\d+)\.(?!\d)\s*(.*)$"),  # "1. text" (not "1.1")
    re.compile(r"^\s*(\d+)\)\s*(.*)$"),  # "1) text"
    re.compile(r"^\s*п\.\s*(\d+)\.?\s*(.*)$", re.IGNORECASE),  # "п. 2 text"
    re.compile(r"^\s*(\d+)\s*-\s*тармақ\b\.?\s*(.*)$", re.IGNORECASE),  # "2-тармақ"
    re.compile(r"^\s*(?:point|item)\s+(\d+)\.?\s*(.*)$", re.IGNORECASE),
)


class TextNotRecognised(ValueError):
    """The text (or file) has no numbered articles or points, or the file is not a Word document."""

    def __init__(self, code: str) -> None:
        self.code = code  # "not_docx", "not_pdf", "pdf_no_text", "empty", "no_articles"
        super().__init__(code)


@dataclass(frozen=True)
class Unit:
    """One article, point or the preamble: its number (the key that matches it across languages and versions),
    its heading and its text."""

    key: str
    kind: str
    heading: str
    text: str


def _match_article(line: str) -> re.Match[str] | None:
    for pattern in _ARTICLE_HEADINGS:
        found = pattern.match(line)
        if found:
            return found
    return None


def split_units(text: str) -> list[Unit]:
    """Cut `text` into its articles (or, without article headings, its top-level points), preamble first.

    Raises `TextNotRecognised("empty")` for a blank text and `("no_articles")` when nothing is numbered.
    """
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not any(line.strip() for line in lines):
        raise TextNotRecognised("empty")
    if any(_match_article(line) for line in lines):
        kind, starts = ARTICLE, _match_article
    else:
        style = next((p for line in lines for p in _POINT_STYLES if p.match(line)), None)
        if style is None:
            raise TextNotRecognised("no_articles")
        pattern = style
        kind, starts = POINT, lambda line: pattern.match(line)
    units: list[Unit] = []
    preamble: list[str] = []
    current: tuple[str, str, list[str]] | None = None
    seen: dict[str, int] = {}

    def close() -> None:
        if current is not None:
            key, heading, body = current
            units.append(Unit(key, kind, heading, "\n".join(body).strip()))

    for line in lines:
        found = starts(line)
        if found:
            close()
            number = found.group(1).replace("-", ".") if kind == ARTICLE else found.group(1)
            seen[number] = seen.get(number, 0) + 1
            # Numbering that starts again (an annex) keeps both units apart: "3", then "3/2".
            key = number if seen[number] == 1 else f"{number}/{seen[number]}"
            rest = found.group(2).strip()
            current = (key, rest, []) if kind == ARTICLE else (key, "", [rest] if rest else [])
        elif current is None:
            preamble.append(line)
        else:
            current[2].append(line)
    close()
    intro = "\n".join(preamble).strip()
    return ([Unit(PREAMBLE, PREAMBLE, "", intro)] if intro else []) + units


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word (.docx) file as lines, with Word's automatic list numbers written out
    ("1." before each first-level list paragraph), and table cells as lines too."""
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TextNotRecognised("not_docx") from exc
    lines: list[str] = []
    counters: dict[str, int] = {}
    for paragraph in document.paragraphs:
        text = paragraph.text
        numbering = _numbering_of(paragraph)
        if numbering is not None and numbering.numId is not None and text.strip():
            level = numbering.ilvl.val if numbering.ilvl is not None else 0
            if level == 0 and not re.match(r"^\s*\d", text):
                list_id = str(numbering.numId.val)
                counters[list_id] = counters.get(list_id, 0) + 1
                text = f"{counters[list_id]}. {text}"
        lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    """The text of a PDF file, page after page, as pypdf extracts it (line breaks kept, so that each article
    heading that starts a line in the PDF starts one here). A scanned PDF without a text layer has no text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise TextNotRecognised("not_pdf")
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise TextNotRecognised("not_pdf") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise TextNotRecognised("pdf_no_text")
    return text


def _numbering_of(paragraph: Any) -> Any:
    """The paragraph's list numbering (``w:numPr``): its own, else its style's or a base style's."""
    ppr = paragraph._p.pPr  # noqa: SLF001 - python-docx has no public API for list numbering
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = paragraph.style
    while style is not None:
        style_ppr = style.element.pPr
        if style_ppr is not None and style_ppr.numPr is not None:
            return style_ppr.numPr
        style = style.base_style
    return None


# Comparing two versions -------------------------------------------------------------------------------------

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Segment:
    """A run of words that both texts share (`equal`), or that only the old (`delete`) or new (`insert`) has."""

    op: str
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of `old` and `new`, each run marked equal, delete or insert (whitespace kept with its word)."""
    a = re.findall(r"\S+\s*", old or "")
    b = re.findall(r"\S+\s*", new or "")
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return segments


def compare_status(old: str | None, new: str | None) -> str:
    """Whether a unit was added, removed, changed or left unchanged (None: the version has no such unit)."""
    if old is None:
        return ADDED
    if new is None:
        return REMOVED
    normal = lambda s: " ".join(s.split())  # noqa: E731 - spacing and line breaks are not a change
    return UNCHANGED if normal(old) == normal(new) else CHANGED
