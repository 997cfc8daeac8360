"""The programmes' section of the home page: late measures counted as the calendar says, due-soon ones listed, and
nothing of an unpublished programme told to a reader who may not see it."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AnonymousUser

from tripartite.programmes import home
from tripartite.programmes.models import Programme

from .conftest import make_measure


def _figures(section) -> list:
    return [figure.value for figure in section.figures]


def test_late_and_due_soon_measures_are_counted_for_the_programme_secretary(world):
    late = make_measure(world, title_en="Ratify C102", due=date(2026, 3, 2))
    soon = make_measure(world, title_en="Publish the wage survey", due=date(2026, 4, 20))
    make_measure(world, title_en="Much later", due=date(2027, 12, 1))
    section = home.section(world.secretary, date(2026, 4, 1))
    assert _figures(section) == [1, 3, 1]
    assert [item.title for item in section.open_now] == [str(soon)]
    assert section.open_now[0].until == date(2026, 4, 20)
    assert f"/programmes/measures/{soon.pk}/" == section.open_now[0].url
    assert str(late) not in [item.title for item in section.open_now]


def test_a_measure_due_on_a_day_off_is_not_late_before_the_next_working_day(world):
    # 21-23 March 2026 are Nauryz holidays (a Saturday, Sunday and Monday in the pack's calendar); a measure due
    # on a day off may be done on the next working day, so on that day it is not yet late.
    make_measure(world, due=date(2026, 3, 22))
    section = home.section(world.secretary, date(2026, 3, 23))
    assert _figures(section)[2] == 0


def test_an_unpublished_programme_is_not_counted_for_an_anonymous_reader(world):
    make_measure(world, due=date(2026, 3, 2))
    Programme.objects.filter(pk=world.programme.pk).update(published=False)
    assert _figures(home.section(AnonymousUser(), date(2026, 4, 1))) == [0, 0, 0]
    Programme.objects.filter(pk=world.programme.pk).update(published=True)
    assert _figures(home.section(AnonymousUser(), date(2026, 4, 1))) == [1, 1, 1]
