"""The principles' section of the home page: the Labour Code's principles, the ILO conventions ratified, and how
many records are tagged with them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.home import Figure, Section

from . import taggables
from .models import Convention, Principle, Tag


def tagged_records(user: Any) -> int:
    """How many records the reader may see carry at least one tag that applies."""
    from django.contrib.contenttypes.models import ContentType

    total = 0
    for kind in taggables.kinds():
        tagged = Tag.objects.filter(content_type=ContentType.objects.get_for_model(kind.model), applies=True)
        total += kind.visible(user).filter(pk__in=tagged.values("object_id")).count()
    return total


def section(user: Any, today: date) -> Section:
    return Section(
        "principles", _("Labour Code principles"),
        _("The principles of labour law and the ILO conventions, with the agreements, decisions, consultations and measures that serve them."),
        reverse("principles:list"),
        (Figure(Principle.objects.count(), pgettext_lazy("counted on the home page", "principles of the Labour Code")),
         Figure(Convention.objects.filter(ratified=Convention.Ratified.RATIFIED).count(),
                pgettext_lazy("counted on the home page", "ILO conventions ratified")),
         Figure(tagged_records(user), pgettext_lazy("counted on the home page", "records tagged"))),
    )
