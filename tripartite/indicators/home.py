"""The indicators' section of the home page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.home import Figure, Section
from tripartite.indicators.models import StatisticValue
from tripartite.indicators.registry import all_indicators


def section(user: Any, today: date) -> Section:
    stats = StatisticValue.objects.aggregate(latest=Max("year"))
    return Section(
        "indicators", _("Indicators"),
        _("Union density, bargaining coverage, the minimum wage against the median, disputes settled peacefully and more, each with its method and sources."),
        reverse("indicators:dashboard"),
        (Figure(len(all_indicators()), pgettext_lazy("counted on the home page", "indicators with their methodology")),
         Figure(StatisticValue.objects.count(), pgettext_lazy("counted on the home page", "official figures imported")),
         Figure(str(stats["latest"] or "—"), pgettext_lazy("counted on the home page", "latest year of official figures"))),
    )
