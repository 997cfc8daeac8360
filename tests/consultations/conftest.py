"""Factories for the consultation tests: a ministry that drafts, a commission with seats on every side, and the
people who act on it (the ministry's secretary, the sides' editors, an editor of an organisation with no seat)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from tripartite.commissions.models import Commission, CommissionMember
from tripartite.consultations import services
from tripartite.consultations.models import DraftAct, Referral
from tripartite.partners.models import Kind, Organisation, Subkind

RU_TEXT = """Проект закона о минимальной заработной плате
Статья 1. Предмет
Настоящий Закон регулирует порядок установления минимальной заработной платы.
Статья 2. Размер
1. Минимальная заработная плата устанавливается ежегодно.
2) Размер не может быть ниже прожиточного минимума.
Статья 3. Вступление в силу
Настоящий Закон вводится в действие с 1 января 2027 года.
"""
KK_TEXT = """1-бап. Мәні
Осы Заң ең төменгі жалақыны белгілеу тәртібін реттейді.
2-бап. Мөлшері
Ең төменгі жалақы жыл сайын белгіленеді.
3-бап. Күшіне енуі
Осы Заң 2027 жылғы 1 қаңтардан бастап қолданысқа енгізіледі.
"""
EN_TEXT = """Article 1. Subject
This Law governs how the minimum wage is set.
Article 2. Amount
The minimum wage is set every year.
Article 3. Entry into force
This Law enters into force on 1 January 2027.
"""


def make_org(name: str, *, kind: str = Kind.STATE_BODY, subkind: str = "") -> Organisation:
    return Organisation.objects.create(kind=kind, subkind=subkind, name_en=name, published=True)


def make_seat(commission: Commission, side: str, org: Organisation, role: str = "member") -> CommissionMember:
    seat = CommissionMember(commission=commission, side=side, role=role, organisation=org, person_name=f"{org} rep")
    seat.full_clean()
    seat.save()
    return seat


@dataclass
class World:
    ministry: Organisation
    other_ministry: Organisation
    union: Organisation
    member_union: Organisation
    employers: Organisation
    outside_union: Organisation
    commission: Commission
    other_commission: Commission
    secretary: Any  # the ministry's secretary: drafts, refers, replies
    outsider_secretary: Any  # the other ministry's secretary
    workers_coordinator: Any  # editor of the union holding the workers' co-chair
    workers_member: Any  # editor of a union with an ordinary workers' seat
    employers_coordinator: Any
    stranger: Any  # editor of a union with no seat on the commission
    analyst: Any


@pytest.fixture
def world(db: Any, make_user: Any, make_personas: Any) -> World:
    ministry = make_org("Ministry of Labour", subkind=Subkind.MINISTRY)
    other_ministry = make_org("Ministry of Energy", subkind=Subkind.MINISTRY)
    union = make_org("Federation of Trade Unions", kind=Kind.TRADE_UNION,
                     subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION)
    member_union = make_org("Confederation of Labour", kind=Kind.TRADE_UNION,
                            subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION)
    employers = make_org("Atameken", kind=Kind.EMPLOYERS_ASSOCIATION, subkind=Subkind.REPUBLICAN_EMPLOYERS)
    outside = make_org("Independent Union", kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION)
    commission = Commission.objects.create(secretariat=ministry, level="republican", name_en="Republican Commission")
    other_commission = Commission.objects.create(secretariat=other_ministry, level="republican",
                                                 name_en="Energy Commission")
    make_seat(commission, "state", ministry, "chair")
    make_seat(commission, "workers", union, "co_chair")
    make_seat(commission, "workers", member_union)
    make_seat(commission, "employers", employers, "co_chair")
    make_seat(other_commission, "workers", outside, "co_chair")
    secretaries = make_personas(role="secretary", organisation=ministry, elsewhere=other_ministry)
    return World(
        ministry, other_ministry, union, member_union, employers, outside, commission, other_commission,
        secretary=secretaries.owner, outsider_secretary=secretaries.outsider,
        workers_coordinator=make_user("fturk-editor", role="editor", organisation=union),
        workers_member=make_user("conf-editor", role="editor", organisation=member_union),
        employers_coordinator=make_user("atameken-editor", role="editor", organisation=employers),
        stranger=make_user("outside-editor", role="editor", organisation=outside),
        analyst=secretaries.member,
    )


def make_draft(world: World, **extra: Any) -> DraftAct:
    return services.draft_create(
        by=world.secretary, drafter=world.ministry, kind="law", title_ru="О минимальной заработной плате",
        title_en="On the minimum wage", texts={"ru": RU_TEXT, "kk": KK_TEXT, "en": EN_TEXT}, **extra)


def refer(world: World, draft: DraftAct, on: date = date(2026, 3, 2), **extra: Any) -> Referral:
    return services.referral_create(draft=draft, by=world.secretary, commission=world.commission, referred_on=on,
                                    **extra)


@pytest.fixture
def draft(world: World) -> DraftAct:
    return make_draft(world)


@pytest.fixture
def referral(world: World, draft: DraftAct) -> Referral:
    return refer(world, draft)
