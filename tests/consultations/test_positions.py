"""Positions by side and by article, late and withdrawn positions, who may speak for a side, who may read."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tripartite.consultations import access, queries, services
from tripartite.consultations.models import Position
from tripartite.core.errors import NotAllowed


def _article(referral, key="2"):
    return referral.version.articles.get(key=key)


def oppose(world, referral, *, by=None, organisation=None, side="workers", for_side=True, article_key="2"):
    return services.position_add(
        referral=referral, by=by or world.workers_coordinator, organisation=organisation or world.union, side=side,
        for_side=for_side, article=_article(referral, article_key) if article_key else None, stance="oppose",
        reasons_ru="Снижает гарантии работников.")


def test_the_coordinator_gives_the_sides_position_on_an_article(world, referral):
    position = oppose(world, referral)
    assert position.for_side and position.side == "workers" and position.article.key == "2"
    assert position.history.first().history_user == world.workers_coordinator


def test_a_member_organisation_adds_its_own_position_under_its_side(world, referral):
    position = services.position_add(referral=referral, by=world.workers_member, organisation=world.member_union,
                                     side="workers", stance="amend", article=_article(referral),
                                     wording_kk="Жаңа редакция.", reasons_kk="Себебі.")
    assert not position.for_side


def test_a_member_organisation_cannot_speak_for_the_whole_side(world, referral):
    with pytest.raises(services.PositionRefused):
        services.position_add(referral=referral, by=world.workers_member, organisation=world.member_union,
                              side="workers", for_side=True, stance="support")


def test_an_organisation_not_on_that_side_of_that_commission_is_refused(world, referral):
    # Seated on another commission only.
    with pytest.raises(services.PositionRefused):
        oppose(world, referral, by=world.stranger, organisation=world.outside_union)
    # Seated on this commission, but for the workers, not the employers.
    with pytest.raises(services.PositionRefused):
        oppose(world, referral, side="employers", for_side=False)
    assert Position.objects.count() == 0


def test_an_editor_of_another_organisation_cannot_speak_for_it(world, referral):
    with pytest.raises(NotAllowed):
        oppose(world, referral, by=world.employers_coordinator, organisation=world.union)


def test_an_amendment_needs_its_wording_and_an_objection_its_reasons(world, referral):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.position_add(referral=referral, by=world.workers_coordinator, organisation=world.union,
                              side="workers", stance="amend", reasons_ru="Причина без редакции.")
    with pytest.raises(ValidationError):
        services.position_add(referral=referral, by=world.workers_coordinator, organisation=world.union,
                              side="workers", stance="oppose")
    assert Position.objects.count() == 0


def test_a_late_position_is_accepted_and_marked_late(world, referral):
    due = queries.referral_row(referral).deadline.due
    on_time = oppose(world, referral)
    Position.objects.filter(pk=on_time.pk).update(submitted_at=datetime(due.year, due.month, due.day, 17, 0,
                                                                          tzinfo=ZoneInfo("Asia/Almaty")))
    late = oppose(world, referral, article_key="3")
    on_time.refresh_from_db()
    deadline = queries.referral_row(referral).deadline
    assert not queries.is_late(on_time, deadline)
    assert late.submitted_on > due and queries.is_late(late, deadline)


def test_withdrawing_keeps_the_position_and_its_history(world, referral):
    position = oppose(world, referral)
    services.position_withdraw(position=position, by=world.workers_coordinator)
    position.refresh_from_db()
    assert position.is_withdrawn and not position.needs_reply
    assert position.history.count() == 2
    with pytest.raises(NotAllowed):
        services.position_withdraw(position=oppose(world, referral), by=world.workers_member)


def test_no_position_after_the_draft_is_adopted(world, draft, referral):
    services.draft_close(draft=draft, by=world.secretary, outcome="adopted", outcome_on=date(2026, 5, 4),
                         act_number="123-VIII", act_url="https://adilet.zan.kz/rus/docs/Z2600000123")
    with pytest.raises(services.ConsultationClosed):
        oppose(world, referral)
    assert Position.objects.count() == 0


def test_adoption_needs_a_number_and_a_date(world, draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.draft_close(draft=draft, by=world.secretary, outcome="adopted", outcome_on=date(2026, 5, 4))
    draft.refresh_from_db()
    assert draft.is_open


def test_working_positions_are_read_by_members_secretariat_and_drafter_only(world, referral, anonymous, make_user):
    assert access.may_read_positions(world.workers_coordinator, referral)
    assert access.may_read_positions(world.employers_coordinator, referral)
    assert access.may_read_positions(world.secretary, referral)
    assert not access.may_read_positions(world.stranger, referral)
    assert not access.may_read_positions(world.outsider_secretary, referral)
    # A platform-wide analyst reads the registers, not the working positions.
    assert not access.may_read_positions(make_user("platform-analyst", role="analyst"), referral)
    assert not access.may_read_positions(anonymous, referral)
    services.referral_publish(referral=referral, by=world.secretary, published_on=date(2026, 4, 1))
    referral.refresh_from_db()
    assert access.may_read_positions(anonymous, referral) and access.may_read_positions(world.stranger, referral)


def test_a_position_received_by_letter_keeps_its_date_and_is_late_when_it_came_late(world, referral):
    arrived = datetime(2026, 4, 20, 10, tzinfo=ZoneInfo("Asia/Almaty"))
    position = services.position_add(referral=referral, by=world.workers_coordinator, organisation=world.union,
                                     side="workers", for_side=True, stance="support", at=arrived)
    assert position.submitted_on == date(2026, 4, 20)
    assert queries.is_late(position, queries.deadline_of(referral))


def test_a_position_cannot_be_dated_in_the_future_or_before_the_referral(world, referral):
    from django.utils import timezone

    from tripartite.core.errors import DomainError

    for at in (timezone.now() + timezone.timedelta(days=1), datetime(2026, 3, 1, 10, tzinfo=ZoneInfo("Asia/Almaty"))):
        with pytest.raises(DomainError):
            services.position_add(referral=referral, by=world.workers_coordinator, organisation=world.union,
                                  side="workers", for_side=True, stance="support", at=at)
    assert not Position.objects.exists()
