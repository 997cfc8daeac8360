"""The pack: one country's rules and reference data, read-only once built.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from .errors import LevelNotFound, RuleNotSet
from .levels import Level, LevelScheme, NamedItem, ParityResult, Parties, check_parity
from .places import Region, Sector, SurveySector
from .representativeness import Assessment, Criterion, assess
from .rules import Rule, RuleSet, Unit
from .texts import Text
from .working_days import Deadline, WorkingCalendar


class JurisdictionPack:
    """One country's rules and reference data; read-only once built."""

    def __init__(
        self,
        *,
        code: str,
        name: Text,
        rules: RuleSet,
        level_schemes: Sequence[LevelScheme],
        sides: Sequence[NamedItem],
        roles: Sequence[NamedItem],
        organisation_kinds: Sequence[NamedItem],
        criteria: Sequence[Criterion],
        no_criteria_messages: Mapping[str, Text],
        regions: Sequence[Region],
        sectors: Sequence[Sector],
        survey_sectors: Sequence[SurveySector],
        calendar: WorkingCalendar,
        parity_rule_keys: Mapping[Parties, str],
        regions_valid_from: date | None = None,
        clause_parameters: Sequence[Any] = (),
        dispute_procedure: Any = None,
        principles: Any = None,
        programmes: Sequence[Any] = (),
        clause_corpus: Any = None,
    ) -> None:
        self.code = code
        self.name = name
        self.rules = rules
        self.level_schemes = tuple(sorted(level_schemes, key=lambda s: s.effective_from or date.min))
        self._sides = tuple(sides)
        self._roles = tuple(roles)
        self._organisation_kinds = tuple(organisation_kinds)
        self.criteria = tuple(criteria)
        self._no_criteria_messages = MappingProxyType(dict(no_criteria_messages))
        self._regions = tuple(regions)
        self._sectors = tuple(sectors)
        self._survey_sectors = tuple(survey_sectors)
        self.calendar = calendar
        self._parity_rule_keys = MappingProxyType(dict(parity_rule_keys))
        self.regions_valid_from = regions_valid_from
        # Agreements' typed clause parameters and their statutory floors (see kz_agreements.py), and the
        # collective-dispute procedure as data (see kz_disputes.py).
        self.clause_parameters = tuple(clause_parameters)
        self.clause_corpus = clause_corpus  # a clause_corpus.ClauseCorpus, or None
        self.dispute_procedure = dispute_procedure
        # The principles of the labour law and their crosswalk to ILO conventions and SDG targets
        # (a PrincipleTaxonomy, see principles.py and kz_principles.py), or None for a pack without them.
        self.principles = principles
        # Programme templates (see programmes.py): a programme's kind and the areas it is built around.
        self.programmes = tuple(programmes)

    def __repr__(self) -> str:
        return f"<JurisdictionPack {self.code}>"

    # rules ------------------------------------------------------------------------------------------------
    def rule(self, key: str, on: date | None = None) -> Rule:
        """The version of rule ``key`` in force on ``on`` (default today); raises ``RuleNotFound``."""
        return self.rules.rule(key, on)

    def deadline_for(self, key: str, start: date) -> Deadline:
        """The deadline that rule ``key`` (in force on ``start``) sets for an event on ``start``.

        Raises ``RuleNotSet`` when the rule has no value (unconfirmed law not yet configured).
        """
        r = self.rules.rule(key, start)
        if r.value is None:
            raise RuleNotSet("Rule %(key)s has no value: it must be confirmed and configured first.", key=key)
        if r.unit not in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS) or not isinstance(r.value, int):
            raise ValueError(f"Rule {key} is not a deadline (unit {r.unit})")
        plain = start + timedelta(days=r.value)
        due = self.calendar.deadline(start, r.value, r.unit)
        moved = plain if r.unit == Unit.CALENDAR_DAYS and due != plain else None
        verified = r.verified
        if moved is not None:
            verified = verified and self.rules.rule("calendar_deadline_moves_to_next_working_day", start).verified
        return Deadline(key, start, due, r.value, r.unit, verified, r.source, moved)

    # levels -----------------------------------------------------------------------------------------------
    def level_scheme(self, on: date | None = None) -> LevelScheme:
        on = on or date.today()
        for scheme in self.level_schemes:
            if scheme.in_force_on(on):
                return scheme
        raise LevelNotFound("No levels of social partnership are defined for %(date)s.", date=on.isoformat())

    def levels(self, on: date | None = None) -> tuple[Level, ...]:
        """Levels of social partnership in force on ``on`` (default today), in ``order``."""
        return tuple(sorted(self.level_scheme(on).levels, key=lambda lv: lv.order))

    def level(self, code: str, on: date | None = None) -> Level:
        return self.level_scheme(on).level(code)

    # sides, roles, parity -----------------------------------------------------------------------------------
    def sides(self) -> tuple[NamedItem, ...]:
        return self._sides

    def roles(self) -> tuple[NamedItem, ...]:
        return self._roles

    def organisation_kinds(self) -> tuple[NamedItem, ...]:
        return self._organisation_kinds

    def check_parity(
        self, counts_by_side: Mapping[str, int], parties: Parties | str, on: date | None = None
    ) -> ParityResult:
        """Parity check, carrying the source and ``verified`` flag of the rule that requires parity."""
        parties = Parties(parties)
        r = self.rules.rule(self._parity_rule_keys[parties], on)
        return replace(check_parity(counts_by_side, parties), verified=r.verified, source=r.source)

    # representativeness -----------------------------------------------------------------------------------
    def assess_representativeness(self, kind: str, facts: Mapping[str, Any], on: date | None = None) -> Assessment:
        """Judge an organisation of ``kind`` against the criteria in force on ``on`` (default today).

        ``total_regions`` defaults to the number of regions in the pack when the pack's region list
        applies on ``on``; other facts are never guessed.
        """
        on = on or date.today()
        return assess(self.criteria, self.rules, kind, self._default_facts(facts, on), on,
                      no_criteria_messages=self._no_criteria_messages)

    def _default_facts(self, facts: Mapping[str, Any], on: date) -> Mapping[str, Any]:
        if facts.get("total_regions") is None and (
            self.regions_valid_from is None or on >= self.regions_valid_from
        ):
            return {**facts, "total_regions": len(self._regions)}
        return facts

    # reference data ----------------------------------------------------------------------------------------
    def regions(self) -> tuple[Region, ...]:
        return self._regions

    def sectors(self) -> tuple[Sector, ...]:
        return self._sectors

    def survey_sector_map(self) -> tuple[SurveySector, ...]:
        return self._survey_sectors

    def programme_template(self, code: str) -> Any:
        """The programme template ``code`` (see programmes.py), or None."""
        return next((p for p in self.programmes if p.code == code), None)
