"""Moving a dispute through the procedure: allowed moves, clear refusals, outcomes, and the timeline rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tripartite.core.errors import NotAllowed
from tripartite.disputes import services
from tripartite.disputes.models import Demand, Event, Strike
from tripartite.disputes.services import DisputeStepError, DisputeTransitionError

from .conftest import START, make_dispute

pytestmark = pytest.mark.django_db


def test_a_new_dispute_starts_at_the_demands_stage_with_its_first_step(world):
    dispute = make_dispute(world)
    assert dispute.stage == "demands" and dispute.stage_since == START
    assert list(dispute.events.values_list("step", flat=True)) == ["demands_received"]
    assert dispute.demands.get().status == Demand.Status.PENDING
    assert dispute.periods.get().stage == "demands"


def test_settling_at_conciliation_records_the_stage_and_the_demands_settled(world):
    dispute = make_dispute(world, demands=[{"topic": "wages", "text": "Index wages"},
                                           {"topic": "safety", "text": "New helmets"}])
    services.dispute_advance(dispute=dispute, by=world.union_editor, to_stage="conciliation", on=date(2025, 3, 27))
    first, second = dispute.demands.all()
    services.dispute_advance(dispute=dispute, by=world.union_editor, to_stage="settled", on=date(2025, 4, 2),
                             decision="Wages indexed by 6%.",
                             demand_statuses={first.pk: Demand.Status.PARTLY, second.pk: Demand.Status.SATISFIED})
    dispute.refresh_from_db()
    assert dispute.stage == "settled" and dispute.settled_stage == "conciliation" and dispute.closed_on == date(2025, 4, 2)
    conciliation = dispute.periods.get(stage="conciliation")
    assert conciliation.decision == "Wages indexed by 6%." and conciliation.ended_on == date(2025, 4, 2)
    assert {d.status for d in conciliation.settled_demands.all()} == {"partly", "satisfied"}
    moves = list(dispute.events.filter(kind=Event.Kind.TRANSITION).values_list("from_stage", "to_stage", "recorded_by"))
    assert moves == [("demands", "conciliation", world.union_editor.pk), ("conciliation", "settled", world.union_editor.pk)]


def test_a_forbidden_move_is_refused_in_the_users_language_and_nothing_changes(world):
    dispute = make_dispute(world)
    with translation.override("ru"), pytest.raises(DisputeTransitionError) as refused:
        services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="strike", on=date(2025, 3, 27))
    assert "не допускает перехода" in str(refused.value) and refused.value.status == 409
    dispute.refresh_from_db()
    assert dispute.stage == "demands" and dispute.periods.count() == 1 and dispute.events.count() == 1


def test_a_closed_dispute_cannot_move(world):
    dispute = make_dispute(world)
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="withdrawn", on=date(2025, 3, 20))
    with translation.override("en"), pytest.raises(DisputeTransitionError, match="closed"):
        services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 21))


def test_a_move_cannot_be_dated_before_the_current_stage_or_in_the_future(world):
    dispute = make_dispute(world)
    with pytest.raises(ValidationError):
        services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2999, 1, 1))


def test_entering_the_strike_stage_opens_a_strike_and_leaving_it_ends_the_strike(world):
    dispute = make_dispute(world)
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 27))
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="strike", on=date(2025, 4, 10))
    strike = Strike.objects.get(dispute=dispute)
    assert strike.declared_on == date(2025, 4, 10)
    services.strike_update(strike=strike, by=world.union_editor,
                           data={"started_on": date(2025, 4, 15), "participants": 180, "lawful": True})
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="settled", on=date(2025, 4, 18))
    strike.refresh_from_db()
    assert strike.ended_on == date(2025, 4, 18)
    steps = list(dispute.events.exclude(step="").values_list("step", flat=True))
    assert "strike_started" in steps and "strike_ended" in steps
    dispute.refresh_from_db()
    assert dispute.settled_stage == "strike"


def test_an_unlawful_strike_needs_its_ground_or_reason(world):
    dispute = make_dispute(world)
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 27))
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="strike", on=date(2025, 4, 10))
    strike = dispute.strikes.get()
    with pytest.raises(ValidationError) as error:
        services.strike_update(strike=strike, by=world.inspector, data={"lawful": False})
    assert "reason" in error.value.message_dict
    services.strike_update(strike=strike, by=world.inspector, data={"lawful": False, "unlawful_ground": "hazardous_facilities"})
    strike.refresh_from_db()
    with translation.override("en"):
        assert "hazardous production" in strike.unlawful_ground_name


def test_a_step_of_another_stage_is_refused(world):
    dispute = make_dispute(world)
    with pytest.raises(DisputeStepError):
        services.step_record(dispute=dispute, by=world.inspector, step="conciliation_formed", on=date(2025, 3, 20))
    services.step_record(dispute=dispute, by=world.inspector, step="employer_replied", on=date(2025, 3, 20))


def test_an_outsider_cannot_advance_a_dispute(world):
    dispute = make_dispute(world)
    with pytest.raises(NotAllowed):
        services.dispute_advance(dispute=dispute, by=world.other_editor, to_stage="conciliation", on=date(2025, 3, 27))
    with pytest.raises(NotAllowed):
        services.dispute_advance(dispute=dispute, by=world.conciliator, to_stage="conciliation", on=date(2025, 3, 27))


def test_the_workers_side_is_required(world):
    with pytest.raises(ValidationError) as error:
        services.dispute_create(
            by=world.inspector, subject="x", employer=world.employer, union=None, employees_involved=10,
            region=world.region, sector=world.sector, demands_received_on=START, demands=[{"topic": "wages", "text": "x"}])
    assert "union" in error.value.message_dict
