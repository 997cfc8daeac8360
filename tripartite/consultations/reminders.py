"""E-mail notices to the commission's sides: a draft was referred to them, and its deadline comes soon; sent by
``tripartite remind`` and safe to run repeatedly.

Recipients are the editors of the organisations seated on the commission (on any side, or of an organisation above
one of them). Each (referral, due date, kind, recipient) is sent at most once: the ``ReminderSent`` row is written
in the same transaction as the e-mail is handed to Django's e-mail back-end, as for the disputes' reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tripartite.core.i18n import localized
from tripartite.core.jurisdiction import current_pack
from tripartite.core.models import Role, RoleAssignment, ScopeType, User

from . import access
from .deadlines import ReferralDeadline, deadline_of
from .models import Outcome, Referral, ReminderSent

REFERRED = "referred"
DUE_SOON = "due_soon"


@dataclass(frozen=True)
class ReminderReport:
    sent: int
    already_sent: int
    without_address: int


def recipients(referral: Referral, on: date) -> list[tuple[User, set[int]]]:
    """The editors of the seated organisations, each with the seated organisations they speak for."""
    found: dict[int, tuple[User, set[int]]] = {}
    for seat in access.seats(referral, on):
        org = seat.organisation
        assert org is not None
        scope_ids = [pk for scope, pk in org.policy_scopes() if scope == ScopeType.ORGANISATION]
        for a in RoleAssignment.objects.filter(role=Role.EDITOR, scope_type=ScopeType.ORGANISATION,
                                               scope_id__in=scope_ids, user__is_active=True).select_related("user"):
            found.setdefault(a.user.pk, (a.user, set()))[1].add(org.pk)
    return list(found.values())


def _kind(referral: Referral, deadline: ReferralDeadline, today: date, lead_days: int) -> list[str]:
    if today > deadline.due or today < referral.referred_on:
        return []
    kinds = [REFERRED]
    if current_pack().calendar.working_days_between(today, deadline.due) <= lead_days:
        kinds.append(DUE_SOON)
    return kinds


def _message(referral: Referral, deadline: ReferralDeadline, kind: str, language: str, base_url: str
             ) -> tuple[str, str]:
    with translation.override(language):
        params = {"draft": localized(referral.draft, "title", language) or str(referral.draft),
                  "commission": localized(referral.commission, "name", language) or str(referral.commission),
                  "date": deadline.due.isoformat()}
        if kind == REFERRED:
            title = _("Draft referred to %(commission)s: %(draft)s") % params
            lead = _("The draft “%(draft)s” was referred to %(commission)s for the sides' positions. Positions are "
                     "due by %(date)s.") % params
        else:
            title = _("Positions due %(date)s: %(draft)s") % params
            lead = _("The positions on the draft “%(draft)s” in %(commission)s are due by %(date)s, and your "
                     "organisation has not given one yet.") % params
        source = _("Source: %(source)s") % {"source": deadline.source}
        if not deadline.verified:
            source += " " + _("(not verified against the law)")
        path = f"/consultations/referrals/{referral.pk}/"
        body = "\n\n".join([lead, source, _("The consultation: %(link)s") % {"link": base_url + path}])
        return title, body


def send_reminders(*, today: date, lead_days: int = 2, base_url: str = "", dry_run: bool = False) -> ReminderReport:
    """Tell the sides of each open consultation that it was referred to them, and again `lead_days` working days
    before its deadline those who have not given a position."""
    sent = already = no_address = 0
    referrals = (Referral.objects.filter(draft__outcome=Outcome.OPEN)
                 .select_related("draft", "commission", "version").prefetch_related("positions"))
    for referral in referrals:
        deadline = deadline_of(referral)
        if deadline is None:
            continue
        kinds = _kind(referral, deadline, today, lead_days)
        if not kinds:
            continue
        answered = {p.organisation_id for p in referral.positions.all() if p.withdrawn_at is None}
        for user, orgs in recipients(referral, today):
            for kind in kinds:
                if kind == DUE_SOON and orgs <= answered:
                    continue
                if not user.email:
                    no_address += 1
                    continue
                key = {"referral": referral, "due": deadline.due, "kind": kind, "recipient": user}
                if ReminderSent.objects.filter(**key).exists():
                    already += 1
                    continue
                if dry_run:
                    sent += 1
                    continue
                title, body = _message(referral, deadline, kind, settings.LANGUAGE_CODE, base_url)
                try:
                    with transaction.atomic():
                        ReminderSent.objects.create(**key)
                        send_mail(title, body, settings.DEFAULT_FROM_EMAIL, [user.email])
                except IntegrityError:
                    already += 1
                    continue
                sent += 1
    return ReminderReport(sent, already, no_address)
