"""The surveys' section of the home page: campaigns collecting answers now."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.home import OPEN_ITEMS, Figure, OpenItem, Section
from tripartite.surveys.collect.queries import visible_campaigns
from tripartite.surveys.models import Campaign, Response


def section(user: Any, today: date) -> Section:
    campaigns = visible_campaigns(user)
    collecting = campaigns.filter(opens_on__lte=today).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
    # Open-link and snowball campaigns take answers from anyone with the address; invitation ones do not.
    listed = collecting.exclude(mode=Campaign.Mode.INVITATION).order_by("closes_on", "slug")[:OPEN_ITEMS]
    return Section(
        "surveys", _("Surveys"),
        _("Questionnaires in Kazakh, Russian and English, answered online, with weighted results and reports."),
        reverse("surveys:list"),
        (Figure(collecting.count(), pgettext_lazy("counted on the home page", "campaigns collecting answers")),
         Figure(campaigns.filter(results_public=True).count(), pgettext_lazy("counted on the home page", "campaigns with public results")),
         Figure(Response.objects.filter(campaign__in=campaigns.filter(results_public=True)).count(),
                pgettext_lazy("counted on the home page", "answers to campaigns with public results"))),
        _("Answer now"),
        tuple(OpenItem(str(c), reverse("surveys:respond", args=[c.slug]), c.closes_on) for c in listed),
    )
