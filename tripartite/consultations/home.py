"""The consultations' section of the home page: drafts under consultation and their deadlines."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.consultations.models import Outcome
from tripartite.consultations.queries import open_referrals, visible_drafts
from tripartite.core.home import OPEN_ITEMS, Figure, OpenItem, Section


def section(user: Any, today: date) -> Section:
    drafts = visible_drafts(user)
    rows = open_referrals(user)
    return Section(
        "consultations", _("Consultations on draft acts"),
        _("Draft laws and rules put to the commissions: each side's position, article by article, and the drafter's replies."),
        reverse("consultations:list"),
        (Figure(drafts.filter(outcome=Outcome.OPEN).count(), pgettext_lazy("counted on the home page", "drafts under consultation")),
         Figure(drafts.filter(outcome=Outcome.ADOPTED).count(), pgettext_lazy("counted on the home page", "adopted")),
         Figure(drafts.count(), pgettext_lazy("counted on the home page", "drafts in all"))),
        pgettext_lazy("counted on the home page", "Open for positions"),
        tuple(OpenItem(str(row.referral.draft), reverse("consultations:referral", args=[row.referral.pk]),
                       row.deadline.due if row.deadline else None) for row in rows[:OPEN_ITEMS]),
    )
