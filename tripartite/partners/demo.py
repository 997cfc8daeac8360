"""What every app's demonstration data needs of the partners register: well-formed BINs and demo organisations.

It sits here, below every app that has a demo (commissions, agreements, disputes, grants, surveys, indicators),
so that their demos import it downwards; `tripartite.demo` only orchestrates them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector
from tripartite.jurisdictions import bin_control_digit
from tripartite.partners import services
from tripartite.partners.models import Organisation


def demo_bin(serial: int) -> str:
    """A well-formed BIN for demo organisation number `serial` (registration 1999-01, legal entity, head office).

    The control digit is the pack's; serials whose first 11 digits admit no control digit are skipped. Each
    app's demo takes its own range of serials, so that no two demo organisations share a BIN.
    """
    while True:
        first11 = f"9901400{serial:04d}"
        control = bin_control_digit(first11)
        if control is not None:
            return first11 + str(control)
        serial += 5000


def demo_organisation(
    *,
    by: Any,
    serial: int,
    kind: str,
    names: tuple[str, str, str],
    regions: Iterable[Region] = (),
    sectors: Iterable[Sector] = (),
    **fields: Any,
) -> Organisation:
    """Register a published demo organisation through the partners service, with its names (kk, ru, en) and the
    BIN of `serial`; `fields` are the other fields the service takes (subkind, parent, short_name, …)."""
    return services.organisation_create(by=by, data={
        "kind": kind, **dict(zip(in_languages("name"), names, strict=True)), "bin": demo_bin(serial),
        "published": True, "regions": list(regions), "sectors": list(sectors), **fields,
    })
