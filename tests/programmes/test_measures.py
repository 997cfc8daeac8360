"""A programme's measures: the pack's roadmap areas, the dates a measure may have, and its computed status."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tripartite.programmes import services, status
from tripartite.programmes.models import Measure, State

from .conftest import PDF, make_measure


def test_the_roadmap_template_brings_the_five_areas_with_their_source(world: Any) -> None:
    areas = list(world.programme.areas.order_by("order"))
    assert [a.code for a in areas] == ["safe_work", "social_dialogue", "minimum_wage", "social_protection",
                                       "violence_harassment"]
    assert areas[2].title_ru == "Минимальная заработная плата"
    assert areas[4].title_en == "Ending violence and harassment at work"
    assert world.programme.kind == "decent_work"
    assert world.programme.title_en == "Roadmap for Promoting Decent Work in the Republic of Kazakhstan"


def test_a_measure_due_before_the_programme_starts_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        make_measure(world, start=date(2025, 6, 1), due=date(2025, 12, 31))
    assert "due_date" in caught.value.message_dict
    assert "before the programme starts" in caught.value.message_dict["due_date"][0]
    assert not Measure.objects.exists()


def test_a_measure_due_before_it_starts_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        make_measure(world, start=date(2026, 5, 1), due=date(2026, 4, 1))
    assert "due_date" in caught.value.message_dict


def test_a_measure_needs_a_responsible_organisation(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.measure_create(by=world.secretary, area=world.area, responsible=[], title_en="x",
                                start_date=date(2026, 2, 1), due_date=date(2026, 3, 1), evidence="document")
    assert "responsible" in caught.value.message_dict
    assert not Measure.objects.exists()


def test_only_the_coordinators_role_holders_add_measures(world: Any) -> None:
    from tripartite.core.errors import NotAllowed

    for person in (world.outsider, world.union_editor, world.analyst):
        with pytest.raises(NotAllowed):
            services.measure_create(by=person, area=world.area, responsible=[world.union], title_en="x",
                                    start_date=date(2026, 2, 1), due_date=date(2026, 3, 1), evidence="document")


def test_a_measure_becomes_late_at_midnight_in_almaty_after_its_due_day(world: Any) -> None:
    measure = make_measure(world, due=date(2026, 6, 30))  # a Tuesday, a working day
    late_evening = datetime(2026, 6, 30, 18, 59, tzinfo=UTC)  # 23:59 in Almaty
    midnight = datetime(2026, 6, 30, 19, 0, tzinfo=UTC)  # 00:00 on 1 July in Almaty
    with mock.patch.object(timezone, "now", return_value=late_evening):
        assert status.status_of(measure) == "not_started"
    with mock.patch.object(timezone, "now", return_value=midnight):
        assert status.status_of(measure) == "late"


def test_a_measure_due_on_a_day_off_is_on_time_until_the_next_working_day(world: Any) -> None:
    # 16 December 2026 (Independence Day) is a Wednesday and a public holiday; the next working day is the 17th.
    measure = make_measure(world, due=date(2026, 12, 16), start=date(2026, 12, 1))
    assert status.effective_due(measure.due_date) == date(2026, 12, 17)
    assert status.status_of(measure, date(2026, 12, 17)) == "not_started"
    assert status.status_of(measure, date(2026, 12, 18)) == "late"


def test_late_is_never_stored_and_a_done_measure_is_not_late(world: Any) -> None:
    measure = make_measure(world, due=date(2026, 3, 31))
    assert status.status_of(measure, date(2026, 4, 1)) == "late"
    assert Measure.objects.get(pk=measure.pk).state == State.NOT_STARTED
    services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                         reported_on=date(2026, 4, 10), new_state="done", text_en="Held the training.",
                         evidence=PDF, evidence_name="minutes.pdf")
    measure.refresh_from_db()
    assert status.status_of(measure, date(2026, 5, 1)) == "done"
    assert status.done_on_time(measure, date(2026, 5, 1)) is False
    # The status on a day before the report was the one recorded then.
    assert status.status_of(measure, date(2026, 4, 5)) == "late"
