"""Factories for the commission tests: organisations, commissions with members, meetings and decisions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import Personas
from tripartite.commissions.models import Commission, CommissionMember, Decision, Meeting
from tripartite.core.models import Region, Sector
from tripartite.partners.models import Kind, Organisation, Subkind

PASSWORD = "correct-horse-battery-staple"
TODAY = date(2026, 6, 15)


def make_org(name: str, *, kind: str = Kind.STATE_BODY, subkind: str = "", parent: Organisation | None = None,
             published: bool = True) -> Organisation:
    return Organisation.objects.create(kind=kind, subkind=subkind, name_en=name, parent=parent, published=published)


def make_commission(secretariat: Organisation, *, name: str = "Republican Tripartite Commission",
                    level: str = "republican", published: bool = True, **extra: Any) -> Commission:
    commission = Commission(secretariat=secretariat, level=level, name_en=name, published=published, **extra)
    commission.full_clean()
    commission.save()
    return commission


def seat(commission: Commission, side: str, n: int = 1, *, role: str = "member", **extra: Any) -> list[CommissionMember]:
    seats = []
    for i in range(n):
        member = CommissionMember(commission=commission, side=side, role=role, person_name=f"{side} {role} {i + 1}", **extra)
        member.full_clean()
        member.save()
        seats.append(member)
    return seats


def make_meeting(commission: Commission, *, on: date = date(2026, 1, 20), status: str = "held") -> Meeting:
    return Meeting.objects.create(commission=commission, date=on, status=status, place="Astana")


def make_decision(meeting: Meeting, *, due: date | None, done: date | None = None, text: str = "Prepare a report") -> Decision:
    return Decision.objects.create(meeting=meeting, text_en=text, due_date=due, done_on=done, responsible_side="state")


@pytest.fixture
def ministry(db: Any) -> Organisation:
    return make_org("Ministry of Labour", subkind=Subkind.MINISTRY)


@pytest.fixture
def other_ministry(db: Any) -> Organisation:
    return make_org("Ministry of Energy", subkind=Subkind.MINISTRY)


@pytest.fixture
def union(db: Any) -> Organisation:
    return make_org("Federation of Trade Unions", kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION)


@pytest.fixture
def commission(ministry: Organisation) -> Commission:
    return make_commission(ministry)


@pytest.fixture
def personas(make_personas: Any, ministry: Organisation, other_ministry: Organisation) -> Personas:
    """The Ministry of Labour's secretary (owner: runs its commissions), its analyst (member: reads), and the
    Ministry of Energy's secretary (outsider)."""
    return make_personas(role="secretary", organisation=ministry, elsewhere=other_ministry)


@pytest.fixture
def secretary(personas: Personas) -> Any:
    return personas.owner


@pytest.fixture
def region(db: Any) -> Region:
    found = Region.objects.filter(kato="750000000").first()
    return found or Region.objects.create(kato="750000000", kind="city", name_en="Almaty", name_ru="Алматы", name_kk="Алматы")


@pytest.fixture
def sector(db: Any) -> Sector:
    found = Sector.objects.filter(code="B").first()
    return found or Sector.objects.create(code="B", name_en="Mining", name_ru="Горнодобывающая", name_kk="Тау-кен")
