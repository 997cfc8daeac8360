"""Personas and factories for the dispute tests: two employers with their unions, the inspectorate, a conciliator."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from tripartite.core.models import Region, Sector
from tripartite.disputes import services
from tripartite.disputes.models import Dispute
from tripartite.partners.models import Kind, Organisation, Subkind

START = date(2025, 3, 19)  # a Wednesday before Nauryz


def make_org(name: str, *, kind: str, subkind: str = "", parent: Organisation | None = None) -> Organisation:
    return Organisation.objects.create(kind=kind, subkind=subkind, name_en=name, name_ru=name, parent=parent)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """The personas' passwords are never checked here; argon2 would spend seconds per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: Any, make_user: Any) -> SimpleNamespace:
    """Two disputes' worth of parties and one user per persona."""
    ministry = make_org("Ministry of Labour", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY)
    sectoral = make_org("Miners' union", kind=Kind.TRADE_UNION, subkind=Subkind.SECTORAL_UNION)
    union = make_org("Primary union of Mine One", kind=Kind.TRADE_UNION, subkind=Subkind.PRIMARY_UNION, parent=sectoral)
    employer = make_org("Mine One LLP", kind=Kind.EMPLOYER)
    other_union = make_org("Primary union of Bus Park", kind=Kind.TRADE_UNION, subkind=Subkind.PRIMARY_UNION)
    other_employer = make_org("Bus Park JSC", kind=Kind.EMPLOYER)
    ns = SimpleNamespace(
        ministry=ministry, sectoral=sectoral, union=union, employer=employer, other_union=other_union,
        other_employer=other_employer,
        region=Region.objects.get(kato="470000000"), sector=Sector.objects.get(code="B"),
        other_region=Region.objects.get(kato="750000000"), other_sector=Sector.objects.get(code="H"),
    )
    ns.inspector = make_user("inspector", role="secretary", organisation=ministry)
    ns.union_editor = make_user("union-editor", role="editor", organisation=union)
    ns.sectoral_editor = make_user("sectoral-editor", role="editor", organisation=sectoral)
    ns.employer_editor = make_user("employer-editor", role="editor", organisation=employer)
    ns.other_editor = make_user("other-editor", role="editor", organisation=other_union)
    ns.conciliator = make_user("conciliator", role="conciliator")
    ns.analyst = make_user("analyst", role="analyst")
    for user in (ns.inspector, ns.union_editor, ns.employer_editor, ns.conciliator):
        user.email = f"{user.username}@example.org"
        user.save()
    return ns


def make_dispute(world: SimpleNamespace, *, by: Any = None, on: date = START, other: bool = False,
                 subject: str = "Wage indexation", **extra: Any) -> Dispute:
    return services.dispute_create(
        by=by or world.inspector, subject=subject,
        employer=world.other_employer if other else world.employer,
        union=world.other_union if other else world.union,
        employees_involved=extra.pop("employees_involved", 250),
        region=world.other_region if other else world.region,
        sector=world.other_sector if other else world.sector,
        demands_received_on=on, demands=extra.pop("demands", [{"topic": "wages", "text": "Index wages by 10%."}]),
        **extra,
    )
