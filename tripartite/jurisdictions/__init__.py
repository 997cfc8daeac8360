"""Jurisdiction packs: each country's social-partnership rules as dated, sourced data (no Django import).

Use ``get_pack("kz", overrides=settings.TRIPARTITE_RULE_OVERRIDES)`` and read everything from the pack.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import cache

from .errors import (
    InvalidOverride,
    JurisdictionError,
    LevelNotFound,
    RuleNotFound,
    RuleNotSet,
    UnknownJurisdiction,
)
from .identifiers import InvalidIdentifier, bin_control_digit, validate_bin
from .levels import Level, LevelScheme, NamedItem, ParityResult, Parties, Role, Scope, Side, check_parity
from .pack import JurisdictionPack
from .places import Region, RegionKind, Sector, SurveySector
from .representativeness import Assessment, Criterion, Reason
from .rules import Rule, RuleSet, Unit
from .texts import LANGUAGES, LegalSource, Text
from .working_days import Deadline, WorkingCalendar

__all__ = [
    "LANGUAGES", "Assessment", "Criterion", "Deadline", "InvalidIdentifier", "InvalidOverride",
    "JurisdictionError", "JurisdictionPack", "LegalSource", "Level", "LevelNotFound", "LevelScheme",
    "NamedItem", "ParityResult", "Parties", "Reason", "Region", "RegionKind", "Role", "Rule", "RuleNotFound",
    "RuleNotSet", "RuleSet", "Scope", "Sector", "Side", "SurveySector", "Text", "UnknownJurisdiction", "Unit",
    "WorkingCalendar", "available_packs", "bin_control_digit", "check_parity", "get_pack", "validate_bin",
]

_BUILDERS = ("kz",)


def available_packs() -> tuple[str, ...]:
    """Codes of the jurisdictions that have a pack."""
    return _BUILDERS


@cache
def _default_pack(code: str) -> JurisdictionPack:
    if code == "kz":
        from . import kz

        return kz.build_pack()
    raise UnknownJurisdiction("No jurisdiction pack for %(code)s.", code=code)


def get_pack(code: str = "kz", overrides: Mapping[str, object] | None = None) -> JurisdictionPack:
    """The pack for ``code``; ``overrides`` (e.g. ``settings.TRIPARTITE_RULE_OVERRIDES``) replace the values
    of unverified rules. Packs are built once per distinct set of overrides and shared (they are read-only).

    Raises ``UnknownJurisdiction``, and for bad overrides ``RuleNotFound`` or ``InvalidOverride``.
    """
    code = code.lower()
    if code not in _BUILDERS:
        raise UnknownJurisdiction("No jurisdiction pack for %(code)s.", code=code)
    if not overrides:
        return _default_pack(code)
    key = (code, tuple(sorted((str(k), repr(v)) for k, v in overrides.items())))
    with _lock:
        pack = _configured.get(key)
        if pack is None:
            from . import kz

            pack = _configured[key] = kz.build_pack(overrides)
    return pack


_configured: dict[tuple[str, tuple[tuple[str, str], ...]], JurisdictionPack] = {}
_lock = threading.Lock()
