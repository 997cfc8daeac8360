"""Template filters of the grants pages: tenge amounts and shares."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat

from tripartite.grants.rules import tenge as _tenge

register = template.Library()


@register.filter
def tenge(value: Any) -> str:
    return _tenge(value)


@register.filter
def percent(value: Any) -> str:
    """A fraction (0.56) as a percentage with one decimal ("56.0 %"), or a dash when there is none."""
    if value is None:
        return "—"
    return f"{floatformat(value * 100, 1)} %"
