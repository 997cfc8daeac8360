"""The text of a signed agreement: from a PDF with a text layer or a DOCX, cleaned of page furniture and hyphens.

A scanned PDF has no text layer and is refused with the advice to attach a text version; so are encrypted PDFs
and any other kind of file. Cleaning removes the lines that repeat at the top or bottom of most pages (running
headers, footers), page numbers, soft hyphens and words hyphenated across a line break.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from django.utils.translation import gettext_lazy as _

from .errors import CodingError

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"

_PAGE_NUMBER = re.compile(
    r"^\s*[-–—]?\s*(?:(?:стр\.?|страница|page|бет)\s*)?\d{1,4}(?:\s*(?:/|из|of)\s*\d{1,4})?(?:\s*-?\s*бет)?"
    r"\s*[-–—]?\s*$", re.IGNORECASE)
# A word cut at the end of a line: a letter, a hyphen, the break, a lower-case letter.
_HYPHENATED = re.compile(r"([^\W\d_])[-‐\u00ad]\n[ \t]*([a-zа-яёәғқңөұүһі])")
_EDGE_LINES = 2  # a running header or footer sits within the first or last two lines of a page
_MIN_PAGES_FOR_FURNITURE = 3


def text_from_file(data: bytes, *, name: str = "") -> str:
    """The cleaned text of an uploaded PDF or DOCX file, or a CodingError saying what to do instead."""
    if not data:
        raise CodingError("empty", _("The file is empty."), field="file")
    if data.lstrip()[:5].startswith(PDF_MAGIC):
        return clean_pages(pdf_pages(data))
    if data.startswith(ZIP_MAGIC):
        return clean_pages([docx_text(data)])
    raise CodingError("not_supported", _("This file is neither a PDF nor a Word (DOCX) document. Upload the "
                                         "signed agreement as a PDF with a text layer or as a DOCX file."),
                      field="file")


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, as pypdf extracts it."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CodingError("encrypted", _("The PDF is protected by a password. Remove the protection (or "
                                             "attach an unprotected copy) and upload it again."), field="file")
        pages = [page.extract_text() or "" for page in reader.pages]
    except CodingError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on a damaged file
        if isinstance(exc, PdfReadError) and "decrypt" in str(exc).lower():
            raise CodingError("encrypted", _("The PDF is protected by a password. Remove the protection (or "
                                             "attach an unprotected copy) and upload it again."),
                              field="file") from exc
        raise CodingError("damaged", _("The PDF cannot be read; it may be damaged. Save it again from the "
                                       "original and upload it."), field="file") from exc
    if not any(page.strip() for page in pages):
        raise CodingError("no_text", _("The PDF has no text layer: it is probably a scanned image. Attach a "
                                       "text version of the agreement (a PDF saved from the word processor, "
                                       "or the DOCX file)."), field="file")
    return pages


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word file as lines, then its tables' cells as lines."""
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CodingError("not_supported", _("This file is neither a PDF nor a Word (DOCX) document. Upload "
                                             "the signed agreement as a PDF with a text layer or as a DOCX "
                                             "file."), field="file") from exc
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    text = "\n".join(lines)
    if not text.strip():
        raise CodingError("no_text", _("The document has no text."), field="file")
    return text


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def clean_pages(pages: list[str]) -> str:
    """One text from the pages: page numbers, repeated headers and footers, and line-end hyphens removed."""
    split = [page.replace("\r\n", "\n").replace("\r", "\n").split("\n") for page in pages]
    repeated: set[str] = set()
    if len(split) >= _MIN_PAGES_FOR_FURNITURE:
        counts: Counter[str] = Counter()
        for lines in split:
            filled = [line for line in lines if line.strip()]
            edges = filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]
            counts.update({_furniture_key(line) for line in edges})
        repeated = {key for key, n in counts.items() if n * 2 > len(split)}
    kept: list[str] = []
    for lines in split:
        numbered = [i for i, line in enumerate(lines) if line.strip()]
        at_edge = set(numbered[:_EDGE_LINES] + numbered[-_EDGE_LINES:])
        for i, line in enumerate(lines):
            if i in at_edge and (_PAGE_NUMBER.match(line) or _furniture_key(line) in repeated):
                continue
            kept.append(line.rstrip())
    text = "\n".join(kept).replace("\u00ad\n", "").replace("\u00ad", "")
    text = _HYPHENATED.sub(r"\1\2", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
