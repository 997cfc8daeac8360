"""The partners' section of the home page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.home import Figure, Section
from tripartite.core.policy import visible
from tripartite.partners.models import Kind, Organisation


def section(user: Any, today: date) -> Section:
    counts = visible(user, Organisation.objects.all()).aggregate(
        all=Count("pk"), unions=Count("pk", filter=Q(kind=Kind.TRADE_UNION)),
        employers=Count("pk", filter=Q(kind=Kind.EMPLOYERS_ASSOCIATION)))
    return Section(
        "partners", _("Social partners"),
        _("Trade unions, employers' associations, employers and state bodies, with their hierarchy and membership."),
        reverse("partners:list"),
        (Figure(counts["all"], pgettext_lazy("counted on the home page", "organisations")), Figure(counts["unions"], pgettext_lazy("counted on the home page", "trade unions")),
         Figure(counts["employers"], pgettext_lazy("counted on the home page", "employers' associations"))),
    )
