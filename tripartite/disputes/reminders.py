"""E-mail reminders of collective-dispute deadlines that fall due soon or are overdue; safe to run repeatedly.

Each (dispute, period, due date, kind, recipient) is sent at most once: the row in ``ReminderSent`` is written
in the same transaction as the e-mail is handed to Django's e-mail back-end, so a failed send leaves no row
and the next run tries again, and a second run finds the row and sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from tripartite.core.jurisdiction import current_pack
from tripartite.core.models import Role, RoleAssignment, ScopeType, User
from tripartite.disputes.deadlines import DeadlineRow, Status, dispute_deadlines
from tripartite.disputes.models import Dispute, ReminderSent


@dataclass(frozen=True)
class ReminderReport:
    sent: int
    already_sent: int
    without_address: int


def recipients(dispute: Dispute) -> list[tuple[User, str]]:
    """Who is reminded, with the language to write in: the parties' editors (their organisation itself),
    the assigned conciliators and the secretaries of the commission concerned."""
    found: dict[int, tuple[User, str]] = {}
    default = settings.LANGUAGE_CODE
    for user in dispute.conciliators.filter(is_active=True):
        found.setdefault(user.pk, (user, default))
    sides = [(dispute.employer_id, dispute.employer_language), (dispute.union_id, dispute.workers_language)]
    for org_id, language in sides:
        if org_id is None:
            continue
        for a in RoleAssignment.objects.filter(role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=org_id,
                                               user__is_active=True).select_related("user"):
            found.setdefault(a.user.pk, (a.user, language))
    if dispute.commission is not None:
        condition = Q(scope_type=ScopeType.COMMISSION, scope_id=dispute.commission.pk) | Q(
            scope_type=ScopeType.ORGANISATION, scope_id=dispute.commission.secretariat_id)
        for a in RoleAssignment.objects.filter(condition, role=Role.SECRETARY, user__is_active=True).select_related("user"):
            found.setdefault(a.user.pk, (a.user, default))
    return list(found.values())


def _due_kind(row: DeadlineRow, today: date, lead_days: int) -> str | None:
    if row.status == Status.OVERDUE:
        return "overdue"
    if row.status in (Status.UPCOMING, Status.DUE_TODAY) and row.due is not None:
        if current_pack().calendar.working_days_between(today, row.due) <= lead_days:
            return "due_soon"
    return None


def _message(row: DeadlineRow, kind: str, language: str, base_url: str) -> tuple[str, str]:
    with translation.override(language):
        what = str(row.computed.spec.name.get(language) or row.computed.spec.name["en"])
        params = {"what": what, "subject": row.dispute.subject, "date": row.due.isoformat() if row.due else ""}
        if kind == "overdue":
            title = _("Overdue: %(what)s — %(subject)s") % params
            lead = _("The deadline for “%(what)s” in the dispute “%(subject)s” was %(date)s and has passed.") % params
        else:
            title = _("Due %(date)s: %(what)s — %(subject)s") % params
            lead = _("The deadline for “%(what)s” in the dispute “%(subject)s” is %(date)s.") % params
        source = _("Source: %(source)s") % {"source": row.source}
        if not row.verified:
            source += " " + _("(not verified against the law)")
        link = f"{base_url}/disputes/{row.dispute.pk}/" if base_url else f"/disputes/{row.dispute.pk}/"
        body = "\n\n".join([lead, source, _("The dispute: %(link)s") % {"link": link}])
        return title, body


def send_reminders(*, today: date, lead_days: int = 2, base_url: str = "", dry_run: bool = False) -> ReminderReport:
    """Send one e-mail per open period due within ``lead_days`` working days (or overdue) per recipient."""
    procedure = current_pack().dispute_procedure
    terminal = [s.code for s in procedure.stages if s.terminal]
    sent = already = no_address = 0
    disputes = Dispute.objects.exclude(stage__in=terminal).select_related("commission").prefetch_related("events", "periods")
    for dispute in disputes:
        rows = [(row, kind) for row in dispute_deadlines(dispute, today)
                if (kind := _due_kind(row, today, lead_days)) is not None]
        if not rows:
            continue
        people = recipients(dispute)
        for row, kind in rows:
            for user, language in people:
                if not user.email:
                    no_address += 1
                    continue
                key: dict[str, Any] = {"dispute": dispute, "rule": row.rule, "started_on": row.started_by.on,
                                       "due": row.due, "kind": kind, "recipient": user}
                if ReminderSent.objects.filter(**key).exists():
                    already += 1
                    continue
                if dry_run:
                    sent += 1
                    continue
                title, body = _message(row, kind, language, base_url)
                try:
                    with transaction.atomic():
                        ReminderSent.objects.create(**key)
                        send_mail(title, body, settings.DEFAULT_FROM_EMAIL, [user.email])
                except IntegrityError:
                    already += 1  # another run sent it meanwhile
                    continue
                sent += 1
    return ReminderReport(sent, already, no_address)
