"""`tripartite remind` tells the sides of a commission that a draft was referred to them and, shortly before the
deadline, those who have not answered; the home page lists the user's consultation deadlines."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.consultations.conftest import refer
from tripartite.consultations import services
from tripartite.consultations.models import ReminderSent
from tripartite.consultations.reminders import send_reminders


@pytest.fixture
def addressed(world):
    for user in (world.workers_coordinator, world.workers_member, world.employers_coordinator, world.stranger,
                 world.secretary):
        user.email = f"{user.username}@example.org"
        user.save()
    return world


def test_every_seated_side_is_told_once_that_a_draft_was_referred(addressed, draft):
    refer(addressed, draft, date(2026, 3, 2), period_days=10)  # due 17 March
    first = send_reminders(today=date(2026, 3, 3))
    assert {m.to[0] for m in mail.outbox} == {"fturk-editor@example.org", "conf-editor@example.org",
                                              "atameken-editor@example.org"}  # not the unseated union
    assert first.sent == 3 and "О минимальной заработной плате" in mail.outbox[0].subject
    assert "2026-03-17" in mail.outbox[0].body and "/consultations/referrals/" in mail.outbox[0].body
    again = send_reminders(today=date(2026, 3, 4))
    assert (again.sent, again.already_sent, len(mail.outbox)) == (0, 3, 3)


def test_before_the_deadline_only_those_who_have_not_answered_are_reminded(addressed, draft):
    referral = refer(addressed, draft, date(2026, 3, 2), period_days=10)
    send_reminders(today=date(2026, 3, 3))
    services.position_add(referral=referral, by=addressed.workers_coordinator, organisation=addressed.union,
                          side="workers", for_side=True, stance="support")
    mail.outbox.clear()
    report = send_reminders(today=date(2026, 3, 16), lead_days=2)  # 17 March is one working day away
    assert {m.to[0] for m in mail.outbox} == {"conf-editor@example.org", "atameken-editor@example.org"}
    assert report.sent == 2
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {"referred", "due_soon"}


def test_nothing_is_sent_after_the_deadline_or_for_a_closed_draft(addressed, draft):
    refer(addressed, draft, date(2026, 3, 2), period_days=10)
    assert send_reminders(today=date(2026, 3, 18)).sent == 0
    services.draft_close(draft=draft, by=addressed.secretary, outcome="withdrawn", outcome_on=date(2026, 3, 5))
    assert send_reminders(today=date(2026, 3, 4)).sent == 0
    assert not mail.outbox


def test_the_remind_command_sends_the_consultation_notices_too(addressed, draft):
    refer(addressed, draft, date(2026, 3, 2), period_days=10)
    out = StringIO()
    call_command("remind", "--today", "2026-03-03", stdout=out)
    assert "consultations on draft acts: sent 3 reminder(s)" in out.getvalue()


def test_the_home_page_lists_the_deadline_until_the_organisation_answers(client, addressed, referral):
    client.force_login(addressed.workers_member)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="my-deadlines"' in page and "Positions on On the minimum wage" in page
    assert f"/consultations/referrals/{referral.pk}/" in page
    services.position_add(referral=referral, by=addressed.workers_member, organisation=addressed.member_union,
                          side="workers", stance="support")
    # The deadline (March) has passed: once the organisation answered, the consultation leaves the list.
    assert 'id="my-deadlines"' not in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.force_login(addressed.stranger)
    assert 'id="my-deadlines"' not in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
