"""An Atom feed of the consultations a commission published, newest first: for the public only, so it never carries
a working position or an unpublished draft."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from tripartite.commissions.models import Commission
from tripartite.core.policy import visible

from .deadlines import deadline_of
from .models import Referral

FEED_LENGTH = 50


class CommissionConsultationsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, pk: int) -> Commission:  # type: ignore[override]
        # As an anonymous visitor sees it, whoever asks: a feed reader is not signed in.
        from django.contrib.auth.models import AnonymousUser

        return get_object_or_404(visible(AnonymousUser(), Commission.objects.all()), pk=pk)

    def title(self, obj: Commission) -> str:
        return _("Consultations on draft acts — %(commission)s") % {"commission": obj.name}

    def subtitle(self, obj: Commission) -> str:
        return _("Draft acts the commission published for its sides' positions, newest first.")

    def link(self, obj: Commission) -> str:
        return reverse("consultations:commission", args=[obj.pk])

    def items(self, obj: Commission) -> Any:
        return (Referral.objects.filter(commission=obj, published_on__isnull=False, draft__published=True)
                .select_related("draft__drafter", "commission").order_by("-published_on", "-id")[:FEED_LENGTH])

    def item_title(self, item: Referral) -> str:
        return str(item.draft)

    def item_description(self, item: Referral) -> str:
        deadline = deadline_of(item)
        params = {"drafter": str(item.draft.drafter), "kind": item.draft.get_kind_display(),
                  "referred": item.referred_on.isoformat(), "outcome": item.draft.get_outcome_display()}
        text = _("%(kind)s drafted by %(drafter)s, referred on %(referred)s. Outcome: %(outcome)s.") % params
        if deadline is not None:
            text += " " + _("Positions due by %(date)s.") % {"date": deadline.due.isoformat()}
        return text

    def item_link(self, item: Referral) -> str:
        return reverse("consultations:referral", args=[item.pk])

    def item_pubdate(self, item: Referral) -> datetime:
        assert item.published_on is not None
        return timezone.make_aware(datetime.combine(item.published_on, time(0, 0)))

    def item_updateddate(self, item: Referral) -> datetime:
        return self.item_pubdate(item)
