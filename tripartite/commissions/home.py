"""The commissions' section of the home page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.commissions.models import Meeting
from tripartite.commissions.queries import visible_commissions, visible_decisions, visible_meetings
from tripartite.core.home import OPEN_ITEMS, Figure, OpenItem, Section


def section(user: Any, today: date) -> Section:
    meetings = visible_meetings(user)
    upcoming = meetings.filter(date__gte=today, status=Meeting.Status.PLANNED).select_related("commission") \
        .order_by("date", "pk")[:OPEN_ITEMS]
    return Section(
        "commissions", _("Commissions"),
        _("Republican, sectoral and regional tripartite commissions: members, meetings, decisions."),
        reverse("commissions:list"),
        (Figure(visible_commissions(user).count(), pgettext_lazy("counted on the home page", "commissions")),
         Figure(meetings.filter(date__year=today.year, status=Meeting.Status.HELD).count(), pgettext_lazy("counted on the home page", "meetings held this year")),
         Figure(visible_decisions(user).count(), pgettext_lazy("counted on the home page", "decisions"))),
        pgettext_lazy("counted on the home page", "Next meetings"),
        tuple(OpenItem(str(m.commission), reverse("commissions:meeting", args=[m.pk]), m.date) for m in upcoming),
    )
