"""`remind` e-mails the people concerned about deadlines due soon or overdue, once: running it again sends nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tripartite.disputes import services
from tripartite.disputes.models import ReminderSent
from tripartite.disputes.reminders import send_reminders

from .conftest import make_dispute

pytestmark = pytest.mark.django_db


def test_reminders_are_sent_once_per_deadline_and_recipient(world):
    dispute = make_dispute(world)
    services.conciliator_assign(dispute=dispute, by=world.inspector, user=world.conciliator)
    # 26 Mar 2025: the reply (due 27 Mar) is one working day away; the inspectorate notice is overdue.
    first = send_reminders(today=date(2025, 3, 26), lead_days=2)
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {"union-editor@example.org", "employer-editor@example.org", "conciliator@example.org"}
    assert first.sent == len(mail.outbox) == 6  # two deadlines × three people with an address
    subjects = " ".join(m.subject for m in mail.outbox)
    assert dispute.subject in subjects
    again = send_reminders(today=date(2025, 3, 26), lead_days=2)
    assert again.sent == 0 and again.already_sent == 6 and len(mail.outbox) == 6
    assert ReminderSent.objects.count() == 6


def test_an_overdue_reminder_follows_the_due_soon_one_and_a_met_deadline_is_not_reminded(world):
    dispute = make_dispute(world)
    services.step_record(dispute=dispute, by=world.employer_editor, step="inspectorate_notified", on=date(2025, 3, 19))
    send_reminders(today=date(2025, 3, 26))
    kinds = set(ReminderSent.objects.filter(rule="employer_reply_to_demands").values_list("kind", flat=True))
    assert kinds == {"due_soon"}
    send_reminders(today=date(2025, 3, 28))
    kinds = set(ReminderSent.objects.filter(rule="employer_reply_to_demands").values_list("kind", flat=True))
    assert kinds == {"due_soon", "overdue"}
    services.step_record(dispute=dispute, by=world.employer_editor, step="employer_replied", on=date(2025, 3, 28))
    before = ReminderSent.objects.filter(rule="employer_reply_to_demands").count()
    send_reminders(today=date(2025, 3, 31))
    assert ReminderSent.objects.filter(rule="employer_reply_to_demands").count() == before


def test_the_remind_command_reports_and_rejects_bad_input(world):
    make_dispute(world)
    out = StringIO()
    call_command("remind", "--today", "2025-03-26", stdout=out)
    assert "sent 4 reminder(s)" in out.getvalue()  # two deadlines × the two parties' editors
    out = StringIO()
    call_command("remind", "--today", "2025-03-26", stdout=out)
    assert "sent 0 reminder(s); 4 already sent" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="invalid date"):
        call_command("remind", "--today", "26/03/2025")


def test_the_cli_dispatches_remind(world, capsys):
    from tripartite.cli import main

    assert main(["remind", "--today", "nonsense"]) == 2
    assert "tripartite remind: invalid date" in capsys.readouterr().err
