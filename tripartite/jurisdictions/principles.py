"""The principles of a country's labour law as a taxonomy, and their crosswalk to ILO conventions and SDG targets.

Pure data (no Django): a pack lists its principles (``JurisdictionPack.principles``); the principles app seeds
them into the database and tags agreements' clauses, decisions and other records with them. A principle's
article and a convention's ratification are legal facts and carry ``verified`` like every rule; the crosswalk
itself (which principle serves which convention or target) is the pack authors' classification, not law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .texts import LegalSource, Text


class RatificationStatus(StrEnum):
    RATIFIED = "ratified"
    NOT_RATIFIED = "not_ratified"
    UNKNOWN = "unknown"  # no retrieved source states it either way


@dataclass(frozen=True)
class Ratification:
    """Whether the country ratified a convention, when and by which act, and whether a source confirms it.

    ``on`` is the exact date when known, ``year`` the year when only that is stated; ``verified`` is False when no
    retrieved source states the status (the product then shows it as unverified wherever it is shown).
    """

    status: RatificationStatus
    verified: bool
    source: LegalSource | None = None
    on: date | None = None
    year: int | None = None
    act: Text | None = None

    def __post_init__(self) -> None:
        if self.verified and self.source is None:
            raise ValueError("a verified ratification needs its source")
        if self.on is not None and self.year is not None and self.on.year != self.year:
            raise ValueError("ratification date and year disagree")


@dataclass(frozen=True)
class Convention:
    """An ILO convention (``C087``) with its short title and the country's ratification."""

    code: str
    number: int
    title: Text
    ratification: Ratification

    def __post_init__(self) -> None:
        if self.code != f"C{self.number:03d}":
            raise ValueError(f"convention code {self.code} does not match number {self.number}")


@dataclass(frozen=True)
class SdgTarget:
    """A target of the Sustainable Development Goals (``8.7``), in the pack's own short words."""

    code: str
    title: Text


@dataclass(frozen=True)
class Principle:
    """One principle of the labour law: its number in the list, name and gist, article and crosswalk.

    ``article`` cites where the law states the principle (``source``, ``verified``); ``related_articles`` are
    articles that develop it. ``conventions`` and ``sdg_targets`` are codes; ``clause_topics`` are the agreements'
    clause topics that touch the principle by default; ``indicators`` are indicator codes that measure it.
    """

    code: str
    number: int
    name: Text
    summary: Text
    article: str
    source: LegalSource
    verified: bool
    related_articles: tuple[str, ...] = ()
    conventions: tuple[str, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    clause_topics: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrincipleTaxonomy:
    """A country's principles with the conventions and SDG targets they are crosswalked to."""

    principles: tuple[Principle, ...]
    conventions: tuple[Convention, ...]
    sdg_targets: tuple[SdgTarget, ...]

    def __post_init__(self) -> None:
        conventions = {c.code for c in self.conventions}
        targets = {t.code for t in self.sdg_targets}
        codes = [p.code for p in self.principles]
        if len(set(codes)) != len(codes):
            raise ValueError("principle codes must be unique")
        for p in self.principles:
            if set(p.conventions) - conventions:
                raise ValueError(f"principle {p.code} names unknown conventions {set(p.conventions) - conventions}")
            if set(p.sdg_targets) - targets:
                raise ValueError(f"principle {p.code} names unknown SDG targets {set(p.sdg_targets) - targets}")

    def principle(self, code: str) -> Principle | None:
        return next((p for p in self.principles if p.code == code), None)

    def convention(self, code: str) -> Convention | None:
        return next((c for c in self.conventions if c.code == code), None)

    def principles_for_topic(self, topic: str) -> tuple[Principle, ...]:
        """The principles a clause of ``topic`` touches by default."""
        return tuple(p for p in self.principles if topic in p.clause_topics)

    def principles_for_convention(self, code: str) -> tuple[Principle, ...]:
        return tuple(p for p in self.principles if code in p.conventions)
