"""Content entered in several languages: one column per language, read in the user's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def current_language() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return lang if lang in LANGUAGE_CODES else settings.LANGUAGE_CODE


def localized(obj: Any, field: str, lang: str | None = None) -> str:
    """`obj.<field>_<lang>` in the requested language, else the first language that has a value."""
    lang = lang or current_language()
    order = [lang, *[code for code in ("ru", "kk", "en") if code != lang]]
    for code in order:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return str(value)
    return ""


def localized_ordering(field: str) -> str:
    """The column to order by for the current language."""
    return f"{field}_{current_language()}"


def require_one_language(obj: Any, field: str, message: Any) -> dict[str, list[Any]]:
    """`{field_ru: [message]}` when none of `field_kk`, `field_ru`, `field_en` is filled in, else `{}` (for clean())."""
    if any(str(getattr(obj, f"{field}_{code}", "") or "").strip() for code in ("kk", "ru", "en")):
        return {}
    return {f"{field}_ru": [message]}
