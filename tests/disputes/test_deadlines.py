"""A dispute's deadlines: computed from its steps on the official calendar, flagged due today / overdue / met
late, and replaced by the collective agreement's own procedure where the pack allows."""

from __future__ import annotations

from datetime import date

import pytest

from tripartite.disputes import services
from tripartite.disputes.deadlines import dispute_deadlines

from .conftest import START, make_dispute

pytestmark = pytest.mark.django_db


def _by_rule(dispute, today):
    return {r.rule: r for r in dispute_deadlines(dispute, today)}


def test_the_reply_deadline_skips_nauryz_and_is_due_today_then_overdue(world):
    dispute = make_dispute(world)  # demands received Wed 19 Mar 2025
    assert _by_rule(dispute, date(2025, 3, 20))["employer_reply_to_demands"].status == "upcoming"
    reply = _by_rule(dispute, date(2025, 3, 27))["employer_reply_to_demands"]
    assert reply.due == date(2025, 3, 27) and reply.status == "due_today" and reply.verified
    assert _by_rule(dispute, date(2025, 3, 28))["employer_reply_to_demands"].status == "overdue"


def test_a_reply_on_time_meets_the_deadline_and_a_late_one_is_counted_missed(world):
    on_time = make_dispute(world)
    services.step_record(dispute=on_time, by=world.employer_editor, step="employer_replied", on=date(2025, 3, 26))
    assert _by_rule(on_time, date(2025, 4, 30))["employer_reply_to_demands"].status == "met"
    late = make_dispute(world, other=True)
    services.step_record(dispute=late, by=world.inspector, step="employer_replied", on=date(2025, 3, 31))
    row = _by_rule(late, date(2025, 4, 30))["employer_reply_to_demands"]
    assert row.status == "met_late" and row.is_missed and row.met_on == date(2025, 3, 31)


def test_the_inspectorate_is_due_immediately_and_weekly_reports_follow(world):
    dispute = make_dispute(world)
    notify = _by_rule(dispute, START)["inspectorate_notification"]
    assert notify.due == START and notify.status == "due_today"
    services.step_record(dispute=dispute, by=world.employer_editor, step="inspectorate_notified", on=START)
    rows = dispute_deadlines(dispute, date(2025, 3, 20))
    weekly = [r for r in rows if r.rule == "inspectorate_weekly_report"]
    assert [r.due for r in weekly] == [date(2025, 3, 26)]  # 7 calendar days; the 26th is a working day


def test_moving_to_conciliation_starts_the_commission_periods(world):
    dispute = make_dispute(world)
    services.step_record(dispute=dispute, by=world.employer_editor, step="employer_replied", on=date(2025, 3, 20))
    services.dispute_advance(dispute=dispute, by=world.union_editor, to_stage="conciliation", on=date(2025, 3, 20))
    services.step_record(dispute=dispute, by=world.union_editor, step="conciliation_formed", on=date(2025, 3, 26))
    rows = _by_rule(dispute, date(2025, 3, 27))
    assert rows["conciliation_commission_creation"].status == "met"
    assert not rows["conciliation_commission_creation"].verified  # background value, unconfirmed
    consideration = rows["conciliation_commission_consideration"]
    assert consideration.due == date(2025, 4, 4) and consideration.status == "upcoming"  # 27, 28, 31, 1, 2, 3, 4


def test_leaving_a_stage_before_the_due_date_ends_its_periods(world):
    dispute = make_dispute(world)
    services.dispute_advance(dispute=dispute, by=world.union_editor, to_stage="settled", on=date(2025, 3, 20))
    dispute.refresh_from_db()
    rows = _by_rule(dispute, date(2025, 6, 1))
    assert rows["employer_reply_to_demands"].status == "closed"
    assert rows["inspectorate_notification"].status == "missed"  # nobody recorded the notification


def test_arbitration_periods_are_not_set_and_show_no_date(world):
    dispute = make_dispute(world)
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 27))
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="arbitration", on=date(2025, 4, 10))
    row = _by_rule(dispute, date(2025, 4, 11))["labour_arbitration_creation"]
    assert row.status == "not_set" and row.due is None and not row.is_open and not row.verified


def _collective_agreement(world, days):
    from tripartite.agreements.models import Agreement, DisputeProcedureClause
    from tripartite.agreements.rules import Kind

    agreement = Agreement.objects.create(
        kind=Kind.COLLECTIVE, level="organisation", title_en="Mine One collective agreement 2025-2027",
        owner=world.union, employer=world.employer, signed_on=date(2025, 1, 10), effective_from=date(2025, 1, 15),
        effective_to=date(2027, 12, 31),
    )
    DisputeProcedureClause.objects.create(agreement=agreement, deadline_days=days)
    return agreement


def test_the_collective_agreement_in_force_is_linked_and_its_shorter_period_applies(world):
    agreement = _collective_agreement(world, {"conciliation_commission_consideration": 5})
    dispute = make_dispute(world)
    assert dispute.agreement_id == agreement.pk
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 20))
    services.step_record(dispute=dispute, by=world.inspector, step="conciliation_formed", on=date(2025, 3, 26))
    row = _by_rule(dispute, date(2025, 3, 27))["conciliation_commission_consideration"]
    assert row.due == date(2025, 4, 2)  # 5 working days instead of 7: 27, 28, 31 Mar, 1, 2 Apr
    assert "Mine One collective agreement" in row.source and not row.verified


def test_without_an_agreement_the_statutory_period_applies(world):
    _collective_agreement(world, {"conciliation_commission_consideration": 5})
    dispute = make_dispute(world, other=True)  # another employer: no agreement
    assert dispute.agreement_id is None
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 20))
    services.step_record(dispute=dispute, by=world.inspector, step="conciliation_formed", on=date(2025, 3, 26))
    assert _by_rule(dispute, date(2025, 3, 27))["conciliation_commission_consideration"].due == date(2025, 4, 4)
