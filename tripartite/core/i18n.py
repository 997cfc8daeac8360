"""Content entered in several languages: one column per language, declared once, read in the user's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, overload

from django.conf import settings
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language, pgettext_lazy

from tripartite.languages import FALLBACK_ORDER, LANGUAGES

LANGUAGE_CODES: tuple[str, ...] = LANGUAGES

# How a column's label says which language it holds: "name (Kazakh)", "название (на казахском)".
_IN_LANGUAGE = {
    "kk": pgettext_lazy("a field in one language", "%(field)s (Kazakh)"),
    "ru": pgettext_lazy("a field in one language", "%(field)s (Russian)"),
    "en": pgettext_lazy("a field in one language", "%(field)s (English)"),
}


def current_language() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return lang if lang in LANGUAGE_CODES else settings.LANGUAGE_CODE


def localized(obj: Any, field: str, lang: str | None = None) -> str:
    """`obj.<field>_<lang>` in the requested language, else the first language that has a value."""
    lang = lang or current_language()
    for code in (lang, *[code for code in FALLBACK_ORDER if code != lang]):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return str(value)
    return ""


def localized_text(value: Mapping[str, Any] | None) -> str:
    """A text given as `{"kk": ..., "ru": ..., "en": ...}` (a jurisdiction pack's names) in the current language."""
    if not value:
        return ""
    lang = current_language()
    for code in (lang, *[code for code in FALLBACK_ORDER if code != lang]):
        if value.get(code):
            return str(value[code])
    return ""


def localized_ordering(field: str) -> str:
    """The column to order by for the current language."""
    return f"{field}_{current_language()}"


def in_languages(*fields: str) -> tuple[str, ...]:
    """The columns of trilingual fields, language by language: `in_languages("name")` → name_kk, name_ru, name_en."""
    return tuple(f"{field}_{code}" for field in fields for code in LANGUAGES)


def has_text(obj: Any, field: str) -> bool:
    """Whether at least one of the field's languages is filled in."""
    return any(str(getattr(obj, f"{field}_{code}", "") or "").strip() for code in LANGUAGES)


def require_one_language(obj: Any, field: str, message: Any) -> dict[str, list[Any]]:
    """`{field_ru: [message]}` when none of `field_kk`, `field_ru`, `field_en` is filled in, else `{}` (for clean())."""
    return {} if has_text(obj, field) else {f"{field}_ru": [message]}


def _label(template: Any, field: Any) -> str:
    return str(template) % {"field": field}


_lazy_label = lazy(_label, str)


class Trilingual:
    """Content given in Kazakh, Russian and English, declared as one field of a model.

    `name = Trilingual(models.CharField, _("name"), max_length=300, blank=True)` adds the three columns
    `name_kk`, `name_ru`, `name_en` (each labelled "name (Kazakh)" and so on in the reader's language) and
    makes `obj.name` the text in the reader's language, falling back to the other languages, then to
    `fallback(obj)` when none is filled in. A missing language stays missing: nothing is auto-translated.
    """

    def __init__(
        self,
        field_class: type[models.Field[Any, Any]],
        verbose_name: Any,
        *,
        fallback: Callable[[Any], str] | None = None,
        **options: Any,
    ) -> None:
        self.name = ""
        self.fallback = fallback
        # The columns are made here, not in contribute_to_class, so that they keep their place among the fields.
        self.columns = {
            code: field_class(_lazy_label(_IN_LANGUAGE[code], verbose_name), **options) for code in LANGUAGES
        }

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        self.name = name
        for code, column in self.columns.items():
            cls.add_to_class(f"{name}_{code}", column)
        setattr(cls, name, self)

    @overload
    def __get__(self, obj: None, owner: Any = None) -> Trilingual: ...

    @overload
    def __get__(self, obj: models.Model, owner: Any = None) -> str: ...

    def __get__(self, obj: models.Model | None, owner: Any = None) -> Trilingual | str:
        if obj is None:
            return self
        return localized(obj, self.name) or (self.fallback(obj) if self.fallback else "")
