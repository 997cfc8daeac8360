"""Decision status (computed from dates, never stored) and the execution rate of a commission."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.commissions.conftest import TODAY, make_decision, make_meeting
from tripartite.commissions import queries, services
from tripartite.commissions.models import Decision
from tripartite.commissions.services import DecisionStateError

pytestmark = pytest.mark.django_db


def test_a_decision_is_pending_until_its_due_date_passes(commission):
    decision = make_decision(make_meeting(commission), due=date(2026, 3, 1))
    assert decision.status_on(date(2026, 2, 1)) == "pending"
    assert decision.status_on(date(2026, 3, 1)) == "pending"
    assert decision.status_on(date(2026, 3, 2)) == "overdue"


def test_a_decision_is_done_from_the_day_it_was_carried_out(commission):
    decision = make_decision(make_meeting(commission), due=date(2026, 3, 1), done=date(2026, 4, 10))
    assert decision.status_on(date(2026, 4, 9)) == "overdue"
    assert decision.status_on(date(2026, 4, 10)) == "done"


def test_a_decision_without_a_due_date_is_never_overdue(commission):
    decision = make_decision(make_meeting(commission), due=None)
    assert decision.status_on(date(2030, 1, 1)) == "pending"


def test_the_database_status_filter_agrees_with_status_on(admin_user, commission):
    meeting = make_meeting(commission)
    make_decision(meeting, due=date(2026, 2, 1))
    make_decision(meeting, due=date(2026, 2, 1), done=date(2026, 1, 30))
    make_decision(meeting, due=date(2026, 9, 1))
    make_decision(meeting, due=None)
    make_decision(meeting, due=date(2026, 2, 1), done=date(2026, 7, 1))
    for day in (date(2026, 1, 25), date(2026, 2, 1), date(2026, 2, 2), TODAY, date(2026, 7, 1), date(2027, 1, 1)):
        for status in ("pending", "done", "overdue"):
            in_db = set(queries.decision_list(user=admin_user, today=day, status=status).values_list("pk", flat=True))
            in_python = {d.pk for d in Decision.objects.all() if d.status_on(day) == status}
            assert in_db == in_python, (day, status)


def test_the_decisions_list_shows_overdue_first(admin_user, commission):
    meeting = make_meeting(commission)
    done = make_decision(meeting, due=date(2026, 2, 1), done=date(2026, 1, 30))
    pending = make_decision(meeting, due=date(2026, 9, 1))
    overdue = make_decision(meeting, due=date(2026, 5, 1))
    assert list(queries.decision_list(user=admin_user, today=TODAY)) == [overdue, pending, done]


def test_execution_rate_counts_due_decisions_done_in_total_and_on_time(commission):
    meeting = make_meeting(commission)
    make_decision(meeting, due=date(2026, 2, 1), done=date(2026, 1, 30))  # on time
    make_decision(meeting, due=date(2026, 3, 1), done=date(2026, 4, 1))  # late
    make_decision(meeting, due=date(2026, 5, 1))  # overdue
    make_decision(meeting, due=date(2026, 4, 1))  # overdue
    make_decision(meeting, due=date(2026, 9, 1), done=date(2026, 6, 1))  # not due yet: left out
    rate = commission.execution_on(TODAY)
    assert (rate.due, rate.done, rate.done_on_time) == (4, 2, 1)
    assert rate.percent == 50 and rate.percent_on_time == 25


def test_execution_rate_says_no_decisions_due_yet_instead_of_a_number(commission):
    make_decision(make_meeting(commission), due=date(2026, 12, 1))
    rate = commission.execution_on(TODAY)
    assert rate.due == 0 and rate.rate is None and rate.rate_on_time is None
    assert rate.summary in ("No decisions due yet.", "Решений с наступившим сроком пока нет.")


def test_marking_a_decision_done_twice_is_refused(admin_user, commission):
    decision = make_decision(make_meeting(commission), due=date(2026, 2, 1))
    services.decision_mark_done(decision=decision, by=admin_user, done_on=date(2026, 1, 31))
    with pytest.raises(DecisionStateError):
        services.decision_mark_done(decision=decision, by=admin_user, done_on=date(2026, 2, 1))


def test_a_decision_cannot_be_done_in_the_future_nor_before_its_meeting(admin_user, commission):
    decision = make_decision(make_meeting(commission, on=date(2026, 1, 20)), due=date(2026, 2, 1))
    with pytest.raises(ValidationError) as future:
        services.decision_mark_done(decision=decision, by=admin_user, done_on=date.today() + timedelta(days=3))
    assert "done_on" in future.value.message_dict
    with pytest.raises(ValidationError) as before:
        services.decision_mark_done(decision=decision, by=admin_user, done_on=date(2026, 1, 1))
    assert "done_on" in before.value.message_dict
    decision.refresh_from_db()
    assert decision.done_on is None
