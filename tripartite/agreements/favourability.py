"""Favourability check: is every typed clause at least as good as the statutory floor and the higher agreements?

For each parameter a clause sets, the check compares its value with
1. every version of the statutory floor (a pack rule) in force at some time while the agreement is in
   effect — so a 2023–2025 agreement paying 80,000 tenge is below the 85,000 minimum wage of 2024 — and
2. the same parameter in every higher-level agreement whose scope covers this one and whose period of
   effect overlaps it (a construction employer in Almaty: the construction sectoral agreement, the
   Almaty regional agreement and the General Agreement).
"More favourable" follows the parameter's direction in the pack: higher is better for pay and leave,
lower for weekly hours. Findings are computed on read, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.agreements import rules
from tripartite.agreements.models import Agreement, ClauseParameter
from tripartite.agreements.rules import Kind
from tripartite.jurisdictions import Rule
from tripartite.jurisdictions.agreements import ClauseParameter as ParameterSpec


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def overlaps(self, start: date | None, end: date | None) -> bool:
        return (start is None or start <= self.end) and (end is None or self.start <= end)


def period_of(agreement: Agreement, today: date | None = None) -> Period:
    """The days the agreement's clauses apply: from its effect (else signature, else today) to its end.

    An open-ended agreement is checked up to today (or its start, if that is later).
    """
    today = today or timezone.localdate()
    start = agreement.reference_date or today
    end = agreement.effect_end() or max(start, today)
    return Period(start, max(start, end))


@dataclass(frozen=True)
class Finding:
    """A clause parameter that falls below a statutory floor or a higher-level agreement."""

    agreement_id: int
    clause_id: int
    clause_number: str
    key: str
    unit: str
    value: Decimal
    reference_value: Decimal
    shortfall: Decimal
    against: str  # "floor" or "agreement"
    legal_basis: str
    source_url: str
    verified: bool
    rule_key: str = ""
    rule_from: date | None = None
    rule_to: date | None = None
    higher_id: int | None = None
    higher_title: str = ""
    higher_level: str = ""
    higher_clause_number: str = ""

    @property
    def label(self) -> str:
        return rules.parameter_label(self.key)

    @property
    def value_display(self) -> str:
        return rules.format_value(self.value, self.unit)

    @property
    def reference_display(self) -> str:
        return rules.format_value(self.reference_value, self.unit)

    @property
    def shortfall_display(self) -> str:
        return rules.format_value(self.shortfall, self.unit)

    @property
    def message(self) -> str:
        params = {"clause": self.clause_number, "parameter": self.label, "value": self.value_display,
                  "reference": self.reference_display, "by": self.shortfall_display}
        if self.against == "floor":
            params["from"] = self.rule_from.isoformat() if self.rule_from else "…"
            params["to"] = self.rule_to.isoformat() if self.rule_to else "…"
            return _("Clause %(clause)s: %(parameter)s %(value)s is less favourable than the statutory "
                     "%(reference)s in force %(from)s – %(to)s, by %(by)s.") % params
        params["agreement"] = self.higher_title
        params["higher_clause"] = self.higher_clause_number
        return _("Clause %(clause)s: %(parameter)s %(value)s is less favourable than %(reference)s in "
                 "\"%(agreement)s\" (clause %(higher_clause)s), by %(by)s.") % params


# Scope -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeSets:
    """The sectors and regions an agreement reaches: its own, or its employer's for a collective agreement."""

    national: bool
    sectors: frozenset[int]
    regions: frozenset[int]


def scope_of(agreement: Agreement) -> ScopeSets:
    if agreement.kind == Kind.GENERAL:
        return ScopeSets(True, frozenset(), frozenset())
    if agreement.kind == Kind.COLLECTIVE:
        employer = agreement.employer
        if employer is None:
            return ScopeSets(False, frozenset(), frozenset())
        return ScopeSets(False, frozenset(employer.sectors.values_list("pk", flat=True)),
                         frozenset(employer.regions.values_list("pk", flat=True)))
    return ScopeSets(False, frozenset(agreement.sectors.values_list("pk", flat=True)),
                     frozenset(agreement.regions.values_list("pk", flat=True)))


def _reaches(higher: frozenset[int], lower: frozenset[int], *, lower_is_employer: bool) -> bool:
    """An employer is reached when one of its sectors (regions) is; an agreement when all of its are."""
    if not lower:
        return False
    return bool(higher & lower) if lower_is_employer else lower <= higher


def covers(higher: Agreement, higher_scope: ScopeSets, lower: Agreement, lower_scope: ScopeSets) -> bool:
    """True if ``higher``'s scope includes all of ``lower``'s (the country includes everything)."""
    if higher_scope.national:
        return True
    if higher.kind == Kind.COLLECTIVE or lower_scope.national:
        return False
    employer = lower.kind == Kind.COLLECTIVE
    if higher_scope.sectors and not _reaches(higher_scope.sectors, lower_scope.sectors, lower_is_employer=employer):
        return False
    if higher_scope.regions and not _reaches(higher_scope.regions, lower_scope.regions, lower_is_employer=employer):
        return False
    return bool(higher_scope.sectors or higher_scope.regions)


def _order(agreement: Agreement) -> int | None:
    level = rules.level_or_none(agreement.level, agreement.reference_date)
    return level.order if level else None


def higher_agreements(agreement: Agreement, today: date | None = None) -> list[Agreement]:
    """Signed agreements of a higher level whose scope covers this one and whose effect overlaps its period."""
    period = period_of(agreement, today)
    own_order = _order(agreement)
    if own_order is None:
        return []
    candidates = (
        Agreement.objects.filter(signed_on__isnull=False, effective_from__isnull=False)
        .exclude(pk=agreement.pk)
        .exclude(kind=Kind.COLLECTIVE)
        .filter(effective_from__lte=period.end)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=period.start))
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=period.start))
        .prefetch_related("sectors", "regions")
        .order_by("effective_from", "id")
    )
    lower_scope = scope_of(agreement)
    found = []
    for other in candidates:
        order = _order(other)
        if order is None or order >= own_order:
            continue
        if covers(other, scope_of(other), agreement, lower_scope):
            found.append(other)
    return found


# The check ---------------------------------------------------------------------------------------------------


def _spec(key: str) -> ParameterSpec | None:
    return rules.parameter(key)


def _floor_findings(agreement: Agreement, row: ClauseParameter, spec: ParameterSpec, period: Period) -> list[Finding]:
    if not spec.floor_rule:
        return []
    findings: list[Finding] = []
    for rule, start, end in _floor_periods(spec.floor_rule, period):
        reference = Decimal(rule.value)  # type: ignore[arg-type]
        gap = spec.shortfall(row.value, reference)
        if gap > 0:
            findings.append(Finding(
                agreement.pk, row.clause_id, row.clause.number, spec.key, spec.unit, row.value, reference, gap,
                "floor", rule.source.cite(), rule.source.url or "", rule.verified, rule_key=rule.key,
                rule_from=start, rule_to=end,
            ))
    return findings


def _floor_periods(key: str, period: Period) -> list[tuple[Rule, date | None, date | None]]:
    """Versions of a floor in force during ``period``; consecutive versions with the same value are merged
    (the minimum wage stayed 85,000 for 2024, 2025 and 2026: one finding, not three)."""
    merged: list[tuple[Rule, date | None, date | None]] = []
    for rule in rules.rule_versions(key):
        if rule.value is None or isinstance(rule.value, (bool, str)):
            continue
        if not period.overlaps(rule.effective_from, rule.effective_to):
            continue
        if merged and merged[-1][0].value == rule.value and merged[-1][0].verified == rule.verified:
            merged[-1] = (merged[-1][0], merged[-1][1], rule.effective_to)
        else:
            merged.append((rule, rule.effective_from, rule.effective_to))
    return merged


def _best_by_key(agreement: Agreement) -> dict[str, tuple[Decimal, str]]:
    """The most favourable value of each parameter in ``agreement``, with the clause number that sets it."""
    best: dict[str, tuple[Decimal, str]] = {}
    for row in ClauseParameter.objects.filter(clause__agreement=agreement).select_related("clause"):
        spec = _spec(row.key)
        if spec is None:
            continue
        current = best.get(row.key)
        if current is None or spec.more_favourable(row.value, current[0]) != current[0]:
            best[row.key] = (row.value, row.clause.number)
    return best


def findings_for(agreement: Agreement, today: date | None = None) -> list[Finding]:
    """Every finding for the agreement's parameterised clauses, floors first, then higher agreements."""
    rows = list(ClauseParameter.objects.filter(clause__agreement=agreement).select_related("clause")
                .order_by("clause__id", "key"))
    if not rows:
        return []
    period = period_of(agreement, today)
    findings: list[Finding] = []
    for row in rows:
        spec = _spec(row.key)
        if spec is not None:
            findings.extend(_floor_findings(agreement, row, spec, period))
    no_worsening = rules.rule_on("agreement_no_worsening", period.start)
    basis = no_worsening.source.cite() if no_worsening else ""
    url = (no_worsening.source.url or "") if no_worsening else ""
    verified = bool(no_worsening and no_worsening.verified)
    for higher in higher_agreements(agreement, today):
        best = _best_by_key(higher)
        for row in rows:
            spec = _spec(row.key)
            if spec is None or row.key not in best:
                continue
            reference, clause_number = best[row.key]
            gap = spec.shortfall(row.value, reference)
            if gap > 0:
                findings.append(Finding(
                    agreement.pk, row.clause_id, row.clause.number, spec.key, spec.unit, row.value, reference, gap,
                    "agreement", basis, url, verified, rule_key="agreement_no_worsening", higher_id=higher.pk,
                    higher_title=higher.title, higher_level=higher.level_name, higher_clause_number=clause_number,
                ))
    return findings


def agreements_with_findings(agreements: Iterable[Agreement], today: date | None = None
                             ) -> list[tuple[Agreement, list[Finding]]]:
    """The agreements among ``agreements`` that have at least one finding, with their findings."""
    result = []
    for agreement in agreements:
        found = findings_for(agreement, today)
        if found:
            result.append((agreement, found))
    return result
