"""Factories for the agreement tests: organisations with sectors and regions, agreements through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import Personas
from tripartite.agreements import services
from tripartite.agreements.models import Agreement
from tripartite.core.models import Region, Sector
from tripartite.partners.models import Kind, Organisation, Subkind

TODAY = date(2026, 6, 15)
ALMATY = "750000000"
ASTANA = "710000000"


def region(kato: str) -> Region:
    return Region.objects.get(kato=kato)


def sector(code: str) -> Sector:
    return Sector.objects.get(code=code)


def make_org(name: str, *, kind: str = Kind.EMPLOYER, subkind: str = "", sectors: tuple[str, ...] = (),
             regions: tuple[str, ...] = (), parent: Organisation | None = None) -> Organisation:
    org = Organisation.objects.create(kind=kind, subkind=subkind, name_en=name, parent=parent)
    org.sectors.set([sector(c) for c in sectors])
    org.regions.set([region(k) for k in regions])
    return org


def make_agreement(by: Any, owner: Organisation, kind: str, *, title: str = "", sectors: tuple[str, ...] = (),
                   regions: tuple[str, ...] = (), employer: Organisation | None = None,
                   signed: date | None = date(2024, 1, 10), start: date | None = date(2024, 1, 15),
                   end: date | None = date(2026, 12, 31), params: dict[str, Any] | None = None,
                   **extra: Any) -> Agreement:
    agreement = services.agreement_create(
        by=by, owner=owner, kind=kind, title_en=title or f"{kind} agreement", employer=employer,
        sectors=[sector(c) for c in sectors], regions=[region(k) for k in regions],
        signed_on=signed, effective_from=start, effective_to=end, **extra,
    )
    if params:
        services.clause_add(by=by, agreement=agreement, number="1", topic="pay", text_en="Pay terms",
                            parameters={k: Decimal(str(v)) for k, v in params.items()})
    return agreement


@pytest.fixture
def ministry(db: Any) -> Organisation:
    return make_org("Ministry of Labour", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY)


@pytest.fixture
def union(db: Any) -> Organisation:
    return make_org("Builders' union", kind=Kind.TRADE_UNION, subkind=Subkind.SECTORAL_UNION)


@pytest.fixture
def builder(db: Any) -> Organisation:
    """A construction employer in Almaty."""
    return make_org("Almaty Construction LLP", sectors=("F",), regions=(ALMATY,))


@pytest.fixture
def other_employer(db: Any) -> Organisation:
    return make_org("Astana Bank JSC", sectors=("K",), regions=(ASTANA,))


@pytest.fixture
def admin(admin_user: Any) -> Any:
    return admin_user


@pytest.fixture
def personas(make_personas: Any, builder: Organisation, other_employer: Organisation) -> Personas:
    """The construction employer's editor (owner: keeps its agreements), its analyst (member: reads), and the
    bank's editor (outsider)."""
    return make_personas(role="editor", organisation=builder, elsewhere=other_employer)


@pytest.fixture
def editor(personas: Personas) -> Any:
    return personas.owner


@pytest.fixture
def outsider(personas: Personas) -> Any:
    return personas.outsider


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def english(client: Any) -> None:
    """Messages are asserted in English (the source language); translations are tested separately."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
