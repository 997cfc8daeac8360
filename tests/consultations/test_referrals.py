"""Referring a draft to commissions, and its deadline on the working calendar."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from tripartite.consultations import services
from tripartite.consultations.deadlines import RULE_KEY, deadline_of
from tripartite.core.errors import Conflict, NotAllowed
from tripartite.core.jurisdiction import current_pack

from .conftest import refer


def test_the_deadline_counts_working_days_and_skips_the_nauryz_holidays(world, draft):
    # Referred on Friday 13 March 2026: Nauryz (21–23 March, with 21 on a Saturday the day off moves to the
    # 24th) falls inside the ten working days.
    referral = refer(world, draft, on=date(2026, 3, 13))
    deadline = deadline_of(referral)
    calendar = current_pack().calendar
    assert not calendar.is_working_day(date(2026, 3, 23))
    assert calendar.working_days_between(date(2026, 3, 13), deadline.due) == 10
    assert (deadline.due - date(2026, 3, 13)).days > 14  # ten working days with no holiday would be 14 days
    assert deadline.unit == "working_days"


def test_the_period_is_shown_as_not_verified_with_its_source(world, draft):
    deadline = deadline_of(refer(world, draft))
    rule = current_pack().rule(RULE_KEY)
    assert rule.verified is False and deadline.verified is False
    assert deadline.days == rule.value
    assert deadline.source


def test_a_configured_period_replaces_the_placeholder_and_stays_unverified(world, draft):
    with override_settings(TRIPARTITE_RULE_OVERRIDES={RULE_KEY: 15}):
        deadline = deadline_of(refer(world, draft, on=date(2026, 6, 1)))
    assert deadline.days == 15 and deadline.verified is False


def test_the_secretariat_may_give_its_own_period(world, draft):
    referral = refer(world, draft, on=date(2026, 6, 1), period_days=5)
    deadline = deadline_of(referral)
    assert deadline.due == date(2026, 6, 8) and deadline.set_by_secretariat


def test_a_draft_may_go_to_several_commissions_but_to_each_once(world, draft, make_user):
    refer(world, draft)
    with pytest.raises(Conflict):
        refer(world, draft)
    other_secretary = make_user("energy-sec", role="secretary", organisation=world.other_ministry)
    second = services.referral_create(draft=draft, by=other_secretary, commission=world.other_commission,
                                      referred_on=date(2026, 3, 3))
    assert draft.referrals.count() == 2 and second.version.number == 1


def test_only_the_commissions_secretariat_refers(world, draft):
    with pytest.raises(NotAllowed):
        services.referral_create(draft=draft, by=world.outsider_secretary, commission=world.commission,
                                 referred_on=date(2026, 3, 2))
    with pytest.raises(NotAllowed):
        services.referral_create(draft=draft, by=world.workers_coordinator, commission=world.commission,
                                 referred_on=date(2026, 3, 2))


def test_a_closed_draft_is_not_referred(world, draft):
    services.draft_close(draft=draft, by=world.secretary, outcome="withdrawn", outcome_on=date(2026, 3, 1))
    with pytest.raises(services.ConsultationClosed):
        refer(world, draft)


def test_publishing_makes_the_draft_public(world, draft, referral):
    assert not draft.published
    services.referral_publish(referral=referral, by=world.secretary, published_on=date(2026, 4, 1))
    draft.refresh_from_db()
    referral.refresh_from_db()
    assert draft.published and referral.published_on == date(2026, 4, 1)
    with pytest.raises(Conflict):
        services.referral_publish(referral=referral, by=world.secretary, published_on=date(2026, 4, 2))
