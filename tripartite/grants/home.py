"""The grants' and PPP section of the home page: calls open for applications."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.home import OPEN_ITEMS, Figure, OpenItem, Section
from tripartite.grants.models import Call
from tripartite.grants.queries import visible_calls, visible_ppp


def section(user: Any, today: date) -> Section:
    calls = visible_calls(user)
    open_calls = calls.filter(status=Call.Status.PUBLISHED, opens_on__lte=today, deadline__gte=today)
    return Section(
        "grants", _("Grants and PPP"),
        _("State social orders, grants and prizes for the partners' projects, and public–private partnership contracts."),
        reverse("grants:list"),
        (Figure(open_calls.count(), pgettext_lazy("counted on the home page", "calls open for applications")),
         Figure(calls.exclude(status=Call.Status.DRAFT).count(), pgettext_lazy("counted on the home page", "calls published")),
         Figure(visible_ppp(user).count(), pgettext_lazy("counted on the home page", "PPP contracts"))),
        pgettext_lazy("counted on the home page", "Apply by"),
        tuple(OpenItem(str(c), reverse("grants:call", args=[c.pk]), c.deadline)
              for c in open_calls.order_by("deadline", "pk")[:OPEN_ITEMS]),
    )
