"""Reference data: regions, economic sectors and the survey sectors mapped to them.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .texts import Text


class RegionKind(StrEnum):
    OBLAST = "oblast"
    CITY_OF_REPUBLICAN_SIGNIFICANCE = "city"
    CAPITAL = "capital"


@dataclass(frozen=True)
class Region:
    """A top-level administrative unit, identified by its statistical code (KATO in Kazakhstan)."""

    code: str  # full 9-digit KATO code, e.g. "710000000"
    short_code: str  # the 2-digit top-level part, e.g. "71"
    name: Text
    kind: RegionKind


@dataclass(frozen=True)
class Sector:
    """A section of the economic activity classification (OKED = NACE Rev. 2 sections A–U)."""

    code: str
    name: Text


@dataclass(frozen=True)
class SurveySector:
    """One of the sectors used by the source survey, with the classification sections it corresponds to."""

    number: int
    key: str
    name: Text
    sections: tuple[str, ...]
    respondents: int  # count reported in the source paper's Table 1


