"""Programme templates a pack brings: a programme's kind and the areas it is built around, each with its source.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .texts import LegalSource, Text


@dataclass(frozen=True)
class AreaTemplate:
    """One area of a programme as the source names it."""

    code: str
    title: Text


@dataclass(frozen=True)
class ProgrammeTemplate:
    """A programme a country's partners run, with the areas it is built around and where they are stated.

    ``verified`` is False when the areas come from a secondary source (a news report) rather than the
    programme's own text; the programme's dates and signatories are then left for the user to enter.
    """

    code: str
    kind: str
    title: Text
    basis: Text
    areas: tuple[AreaTemplate, ...]
    source: LegalSource
    verified: bool
