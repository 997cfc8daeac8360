"""Template filters for the jurisdiction pack's texts and procedure (read-only helpers for the pages)."""

from __future__ import annotations

from typing import Any

from django import template

from tripartite.core.i18n import localized_text

register = template.Library()


@register.filter
def pack_text(value: Any) -> str:
    """A pack text (``{"kk", "ru", "en"}``) in the current language."""
    return localized_text(value)


@register.filter
def next_stages(procedure: Any, code: str) -> Any:
    return procedure.next_stages(code)


@register.filter
def documents_of(procedure: Any, code: str) -> Any:
    return procedure.documents_of(code)
