"""Agreement coding as the API and the pages use it: segment a text or file, suggest a clause's codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import model
from .errors import CodingError
from .extract import text_from_file
from .segment import Segment, articles
from .values import Found, mci_for, parameters_in

#: The longest text coded at once (characters): a 40-page agreement is about 100 000; the request body limit
#: (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB) refuses a larger JSON body with 413 before it is read.
MAX_TEXT_CHARS = 1_000_000
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Suggestion:
    """What the model and the rules propose for one article, and which model version proposed it."""

    lang: str
    topics: list[tuple[str, float]]
    parameters: list[Found]
    model: str


def checked_text(text: str | None) -> str:
    if text is None or not text.strip():
        raise CodingError("empty", _("The text is empty. Send the agreement's text or upload its file."),
                          field="text")
    if len(text) > MAX_TEXT_CHARS:
        raise CodingError("too_long", _("The text is too long (%(size)s characters); the limit is %(limit)s. "
                                        "Send the agreement in parts."),
                          field="text", params={"size": len(text), "limit": MAX_TEXT_CHARS})
    if "\x00" in text:
        raise CodingError("nul_character", _("The text contains a NUL character."), field="text")
    return text


def read_upload(upload: object) -> str:
    """The cleaned text of an uploaded PDF or DOCX file."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise CodingError("too_large", _("The file is too large; the limit is %(limit)s MB."), field="file",
                          params={"limit": MAX_FILE_BYTES // 1024 // 1024})
    data = upload.read(MAX_FILE_BYTES + 1)  # type: ignore[attr-defined]
    if len(data) > MAX_FILE_BYTES:
        raise CodingError("too_large", _("The file is too large; the limit is %(limit)s MB."), field="file",
                          params={"limit": MAX_FILE_BYTES // 1024 // 1024})
    return text_from_file(data, name=getattr(upload, "name", "") or "")


def segment_text(text: str) -> list[Segment]:
    return articles(checked_text(text))


def suggest(text: str, *, lang: str | None = None, on: date | None = None) -> Suggestion:
    """The ranked topics and the parameters of one article; ``lang`` is detected when not given."""
    text = checked_text(text)
    if lang is not None and lang not in model.LANGUAGES:
        raise CodingError("unknown_language", _("Unknown language %(lang)s: use kk, ru or en, or leave it out."),
                          field="lang", params={"lang": lang})
    mci, _rule = mci_for(on or timezone.localdate())
    version, ranked = model.ranked_topics(text)
    return Suggestion(lang or model.detect_language(text), ranked, parameters_in(text, mci=mci), version)


def value_out(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


def may_code(user: object) -> bool:
    """Editors may code agreements: whoever may register an agreement somewhere (or the platform admin)."""
    from tripartite.core.policy import GRANTS, Action, assignments_of, is_platform_admin

    if is_platform_admin(user):
        return True
    grants = GRANTS.get("agreements.agreement", {})
    return any(Action.CREATE in grants.get(a.role, frozenset()) for a in assignments_of(user))
