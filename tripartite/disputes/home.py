"""The disputes' section of the home page: aggregates only, as on the public summary (no dispute is named)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.home import Figure, Section
from tripartite.disputes.models import Dispute


def section(user: Any, today: date) -> Section:
    counts = Dispute.objects.aggregate(
        all=Count("pk"), open=Count("pk", filter=Q(closed_on__isnull=True)),
        this_year=Count("pk", filter=Q(demands_received_on__year=today.year)))
    return Section(
        "disputes", _("Collective labour disputes"),
        _("Each dispute from the workers' demands through conciliation, mediation and labour arbitration, with its deadlines on the national calendar."),
        reverse("disputes:summary"),
        (Figure(counts["open"], pgettext_lazy("counted on the home page", "disputes not yet closed")),
         Figure(counts["this_year"], pgettext_lazy("counted on the home page", "disputes begun this year")),
         Figure(counts["all"], pgettext_lazy("counted on the home page", "disputes recorded"))),
    )
