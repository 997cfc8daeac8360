"""The agreements' section of the home page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.agreements.models import Agreement, Status
from tripartite.agreements.queries import visible_agreements, visible_commitments
from tripartite.core.home import Figure, Section


def section(user: Any, today: date) -> Section:
    agreements = visible_agreements(user)
    in_force = agreements.filter(Agreement.status_q(Status.IN_FORCE, today))
    covered = in_force.aggregate(n=Sum("covered_employees"))["n"] or 0
    return Section(
        "agreements", _("Agreements"),
        _("General, sectoral, regional and collective agreements: their clauses, the commitments and whether they are kept."),
        reverse("agreements:list"),
        (Figure(in_force.count(), pgettext_lazy("counted on the home page", "agreements in force")),
         Figure(covered, pgettext_lazy("counted on the home page", "employees covered, as the agreements in force state")),
         Figure(visible_commitments(user).count(), pgettext_lazy("counted on the home page", "commitments"))),
    )
