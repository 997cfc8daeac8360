"""Factories for the programme tests: a ministry that coordinates, a union and an employers' association that
carry out measures, and the people who act (the ministry's secretary, the union's editor, outsiders)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from tripartite.partners.models import Kind, Organisation, Subkind
from tripartite.programmes import services
from tripartite.programmes.models import Area, Measure, Programme

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_org(name: str, *, kind: str = Kind.STATE_BODY, subkind: str = "") -> Organisation:
    return Organisation.objects.create(kind=kind, subkind=subkind, name_en=name, published=True)


@dataclass
class World:
    ministry: Organisation
    union: Organisation
    employers: Organisation
    other: Organisation
    secretary: Any  # the ministry's secretary: runs the programme
    union_editor: Any  # the union's editor: reports on the union's measures
    employers_editor: Any
    outsider: Any  # a secretary of another ministry
    analyst: Any
    programme: Programme
    area: Area


@pytest.fixture
def world(db: Any, make_user: Any) -> World:
    ministry = make_org("Ministry of Labour", subkind=Subkind.MINISTRY)
    union = make_org("Federation of Trade Unions", kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION)
    employers = make_org("Atameken", kind=Kind.EMPLOYERS_ASSOCIATION, subkind=Subkind.REPUBLICAN_EMPLOYERS)
    other = make_org("Ministry of Energy", subkind=Subkind.MINISTRY)
    secretary = make_user("secretary", role="secretary", organisation=ministry)
    programme = services.programme_create(
        by=secretary, coordinator=ministry, template="decent_work_roadmap", period_start=date(2026, 1, 1),
        period_end=date(2030, 12, 31), signatories=[ministry, union, employers])
    return World(
        ministry=ministry, union=union, employers=employers, other=other, secretary=secretary,
        union_editor=make_user("union-editor", role="editor", organisation=union),
        employers_editor=make_user("employers-editor", role="editor", organisation=employers),
        outsider=make_user("outsider", role="secretary", organisation=other),
        analyst=make_user("analyst", role="analyst"),
        programme=programme, area=programme.areas.get(order=2),
    )


def make_measure(world: World, *, due: date = date(2026, 6, 30), start: date = date(2026, 1, 15),
                 responsible: list[Organisation] | None = None, **fields: Any) -> Measure:
    return services.measure_create(
        by=world.secretary, area=world.area, responsible=responsible or [world.union],
        title_en=fields.pop("title_en", "Train union negotiators"), start_date=start, due_date=due,
        evidence=fields.pop("evidence", "event"), responsible_side=fields.pop("responsible_side", "workers"), **fields)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    """Evidence files go to a directory of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def english() -> Any:
    """Messages are read in English (the default language is Russian)."""
    from django.utils import translation

    with translation.override("en"):
        yield
