"""The programmes' section of the home page: programmes, their measures, the late ones and what falls due soon."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tripartite.core.home import OPEN_ITEMS, Figure, OpenItem, Section

from . import status as measure_status
from .models import Measure, State
from .queries import DUE_SOON_DAYS, visible_programmes


def section(user: Any, today: date) -> Section:
    programmes = visible_programmes(user)
    measures = Measure.objects.filter(area__programme__in=programmes)
    pending = measures.filter(state__in=(State.NOT_STARTED, State.IN_PROGRESS))
    # "late" is computed (a due date on a day off moves to the next working day), never stored: only the
    # pending measures already past their due date can be late, so only those are looked at.
    late = sum(1 for m in pending.filter(due_date__lt=today).only("due_date", "state")
               if measure_status.status_for(m.state, m.due_date, today) == measure_status.Status.LATE)
    due_soon = (pending.filter(due_date__gte=today, due_date__lte=today + timedelta(days=DUE_SOON_DAYS))
                .select_related("area__programme").order_by("due_date", "id")[:OPEN_ITEMS])
    return Section(
        "programmes", _("Programmes"),
        _("Decent Work roadmaps and the commissions' plans: each measure with who answers for it, its due date, its evidence, and the indicators' targets."),
        reverse("programmes:list"),
        (Figure(programmes.count(), pgettext_lazy("counted on the home page", "programmes")),
         Figure(measures.count(), pgettext_lazy("counted on the home page", "measures in all")),
         Figure(late, pgettext_lazy("counted on the home page", "measures late"))),
        pgettext_lazy("counted on the home page", "Due soon"),
        tuple(OpenItem(str(m), reverse("programmes:measure", args=[m.pk]), m.due_date) for m in due_soon),
    )
