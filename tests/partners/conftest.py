"""Factories for the partners tests: organisations through the real service, valid BINs, reference rows."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from tripartite.jurisdictions import bin_control_digit

_serial = itertools.count(1)


def valid_bin(seed: int | None = None) -> str:
    """A BIN with a correct control digit (skipping the 11-digit prefixes that have none)."""
    n = next(_serial) if seed is None else seed
    while True:
        first11 = f"9907400{n:04d}"
        digit = bin_control_digit(first11)
        if digit is not None:
            return f"{first11}{digit}"
        n += 1000


@pytest.fixture
def org_factory(db: Any) -> Callable[..., Any]:
    """make_org("Union", kind=..., subkind=..., parent=..., **fields) → an Organisation created as the system."""
    from tripartite.partners.models import Kind, Organisation

    def make(name: str, *, kind: str = Kind.TRADE_UNION, regions: Any = (), sectors: Any = (), **fields: Any) -> Any:
        org = Organisation.objects.create(kind=kind, name_en=name, **fields)
        if regions:
            org.regions.set(regions)
        if sectors:
            org.sectors.set(sectors)
        return org

    return make


@pytest.fixture
def regions(db: Any) -> dict[str, Any]:
    """The regions loaded by core's reference data migration, by their 2-digit KATO prefix."""
    from tripartite.core.models import Region

    return {r.kato[:2]: r for r in Region.objects.all()}


@pytest.fixture
def sectors(db: Any) -> dict[str, Any]:
    from tripartite.core.models import Sector

    return {s.code: s for s in Sector.objects.all()}

