"""Reads shared by the agreement pages and the API: register search, detail, coverage, commitments, comparison."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from tripartite.agreements import favourability, rules
from tripartite.agreements.favourability import Finding, findings_for
from tripartite.agreements.models import (
    Agreement,
    Clause,
    ClauseParameter,
    Commitment,
    Status,
)
from tripartite.agreements.rules import Kind
from tripartite.core.models import Region, Role, ScopeType, Sector
from tripartite.core.policy import Action, can, is_platform_admin, may_see_unpublished, scoped_ids, visible
from tripartite.jurisdictions import Deadline, Parties, RuleNotFound, RuleNotSet
from tripartite.partners.models import MAX_HIERARCHY_DEPTH, Organisation

# Register --------------------------------------------------------------------------------------------------------


def visible_agreements(user: Any) -> QuerySet[Agreement]:
    return visible(user, Agreement.objects.select_related("owner", "employer", "commission"))


def agreement_for(user: Any, pk: int) -> Agreement:
    """The agreement if the user may see it; a 404 when it does not exist or may not be seen."""
    agreement = visible_agreements(user).filter(pk=pk).first()
    if agreement is None or not can(user, Action.VIEW, agreement):
        raise Http404
    return agreement


def _visible_children(user: Any, queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
    if may_see_unpublished(user):
        return queryset
    return queryset.filter(**{f"{path}__published": True})


def visible_clauses(user: Any) -> QuerySet[Clause]:
    return _visible_children(user, Clause.objects.select_related("agreement"), "agreement")


def visible_commitments(user: Any) -> QuerySet[Commitment]:
    return _visible_children(user, Commitment.objects.select_related("agreement", "responsible_organisation"),
                             "agreement")


def _search(queryset: QuerySet[Agreement], term: str) -> QuerySet[Agreement]:
    """Full-text search over titles and clause texts: PostgreSQL's when available, else a plain substring match."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("title_kk", "title_ru", "title_en", config="simple")
        clause_vector = SearchVector("text_kk", "text_ru", "text_en", config="simple")
        query = SearchQuery(term, config="simple", search_type="websearch")
        clause_hits = Clause.objects.annotate(search=clause_vector).filter(search=query).values("agreement_id")
        title_hits = Agreement.objects.annotate(search=vector).filter(search=query).values("pk")
        plain = Q(title_kk__icontains=term) | Q(title_ru__icontains=term) | Q(title_en__icontains=term)
        return queryset.filter(Q(pk__in=title_hits) | Q(pk__in=clause_hits) | plain
                               | Q(registration_number__iexact=term))
    clause_matches = Clause.objects.filter(
        Q(text_kk__icontains=term) | Q(text_ru__icontains=term) | Q(text_en__icontains=term)
    ).values("agreement_id")
    return queryset.filter(
        Q(title_kk__icontains=term) | Q(title_ru__icontains=term) | Q(title_en__icontains=term)
        | Q(registration_number__iexact=term) | Q(pk__in=clause_matches)
    )


def agreement_list(
    *,
    user: Any,
    today: date,
    q: str = "",
    kind: str = "",
    level: str = "",
    sector: str = "",
    region: str = "",
    status: str = "",
    year: int | None = None,
    organisation: int | None = None,
) -> QuerySet[Agreement]:
    """Agreements the user may see, searched and filtered; ``year`` is the year of signature."""
    queryset = visible_agreements(user)
    if q.strip():
        queryset = _search(queryset, q.strip())
    if kind:
        queryset = queryset.filter(kind=kind)
    if level:
        queryset = queryset.filter(level=level)
    if sector:
        queryset = queryset.filter(Q(sectors__code=sector) | Q(employer__sectors__code=sector))
    if region:
        queryset = queryset.filter(Q(regions__kato=region) | Q(employer__regions__kato=region))
    if status in Status.values:
        queryset = queryset.filter(Agreement.status_q(status, today))
    if year:
        queryset = queryset.filter(signed_on__year=year)
    if organisation:
        queryset = queryset.filter(Q(owner_id=organisation) | Q(employer_id=organisation)
                                   | Q(parties__organisation_id=organisation))
    return queryset.distinct().order_by("-signed_on", "-id")


def owners_for(user: Any) -> QuerySet[Organisation]:
    """Organisations for which ``user`` may record agreements (their editor/secretary scope and below, and the
    secretariats of the commissions they are secretary of: such agreements must name that commission)."""
    organisations = Organisation.objects.all()
    if is_platform_admin(user):
        return organisations
    ids = set(scoped_ids(user, ScopeType.ORGANISATION, [Role.EDITOR, Role.SECRETARY]))
    # A commission's secretary records its agreements under the commission's secretariat.
    from tripartite.commissions.models import Commission

    commission_ids = scoped_ids(user, ScopeType.COMMISSION, [Role.SECRETARY])
    ids |= set(Commission.objects.filter(pk__in=commission_ids).values_list("secretariat_id", flat=True))
    frontier = set(ids)
    for _depth in range(MAX_HIERARCHY_DEPTH):
        frontier = set(organisations.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True))
        if not frontier:
            break
        ids |= frontier
    return organisations.filter(pk__in=ids)


# Bargaining timeline ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bargaining:
    """The statutory clock started by a proposal to bargain, and whether negotiations started in time."""

    proposal: date | None
    started: date | None
    deadline: Deadline | None
    error: str = ""

    @property
    def kept(self) -> bool | None:
        if self.deadline is None or self.started is None:
            return None
        return self.started <= self.deadline.due

    def overdue_on(self, today: date) -> bool:
        return self.deadline is not None and self.started is None and today > self.deadline.due


def bargaining_of(agreement: Agreement) -> Bargaining:
    if agreement.proposal_date is None:
        return Bargaining(None, agreement.negotiations_started_on, None)
    try:
        deadline = rules.current_pack().deadline_for("bargaining_start", agreement.proposal_date)
    except (RuleNotFound, RuleNotSet) as exc:
        return Bargaining(agreement.proposal_date, agreement.negotiations_started_on, None, str(exc))
    return Bargaining(agreement.proposal_date, agreement.negotiations_started_on, deadline)


@dataclass(frozen=True)
class BargainingParity:
    ok: bool
    code: str
    counts: dict[str, int]
    verified: bool
    source: str

    @property
    def by_side(self) -> list[tuple[str, int]]:
        """(side name in the user's language, members) for each side of the bargaining."""
        return [(rules.side_name(side), n) for side, n in self.counts.items()]


def bargaining_parity(agreement: Agreement, today: date) -> BargainingParity:
    counts = Counter(agreement.bargaining_members.values_list("side", flat=True))
    result = rules.current_pack().check_parity(dict(counts), Parties.BIPARTITE
                                               if agreement.kind == Kind.COLLECTIVE else Parties.TRIPARTITE, today)
    return BargainingParity(result.ok, result.code, dict(result.counts), result.verified,
                            result.source.cite() if result.source else "")


# Commitments -----------------------------------------------------------------------------------------------------


def _percent(numerator: int, denominator: int) -> int | None:
    if denominator == 0:
        return None
    return int((Decimal(100 * numerator) / Decimal(denominator)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Fulfilment:
    """Commitments fulfilled ÷ commitments due (due date on or before the day asked); None when none is due."""

    label: str
    due: int
    done: int
    overdue: int
    key: str = ""

    @property
    def percent(self) -> int | None:
        return _percent(self.done, self.due)


def fulfilment(commitments: QuerySet[Commitment], today: date, label: str = "", key: str = "") -> Fulfilment:
    due = commitments.filter(Commitment.due_q(today))
    return Fulfilment(label, due.count(), due.filter(Commitment.done_q(today)).count(),
                      commitments.filter(Commitment.status_q(Commitment.Status.OVERDUE, today)).count(), key)


def fulfilment_by_side(agreement: Agreement, today: date) -> list[Fulfilment]:
    """Fulfilment rate of each side (and of named organisations without a side)."""
    rows = []
    commitments = agreement.commitments.all()
    for side, name in rules.side_choices():
        mine = commitments.filter(responsible_side=side)
        if mine.exists():
            rows.append(fulfilment(mine, today, name, side))
    for org_id in (commitments.filter(responsible_side="").exclude(responsible_organisation=None)
                   .values_list("responsible_organisation", flat=True).distinct()):
        org = Organisation.objects.get(pk=org_id)
        rows.append(fulfilment(commitments.filter(responsible_side="", responsible_organisation=org), today, org.name,
                               f"organisation:{org.pk}"))
    return rows


def overdue_commitments(user: Any, today: date) -> QuerySet[Commitment]:
    return (visible_commitments(user).filter(Commitment.status_q(Commitment.Status.OVERDUE, today))
            .order_by("due_date", "id"))


@dataclass(frozen=True)
class CommitmentRow:
    commitment: Commitment
    status: str

    @property
    def status_label(self) -> str:
        return str(Commitment.Status(self.status).label)


def commitment_rows(commitments: Iterable[Commitment], today: date) -> list[CommitmentRow]:
    return [CommitmentRow(c, c.status_on(today)) for c in commitments]


def general_agreements_in_force(user: Any, today: date) -> QuerySet[Agreement]:
    return visible_agreements(user).filter(kind=Kind.GENERAL).filter(
        Agreement.in_force_q(today) | Agreement.status_q(Status.SIGNED, today)
    ).order_by("-effective_from")


# Detail ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClauseView:
    """A clause as worded on a date (from its history), with its parameters."""

    pk: int
    number: str
    topic: str
    text: str
    parameters: list[tuple[str, str]]
    versions: int


def _end_of(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.max))


def clauses_as_of(agreement: Agreement, as_of: date | None) -> list[ClauseView]:
    """The agreement's clauses today, or as they stood at the end of ``as_of`` (amendments are history rows)."""
    from tripartite.agreements.models import Topic
    from tripartite.core.i18n import localized

    topics = dict(Topic.choices)
    views = []
    if as_of is None:
        for clause in agreement.clauses.prefetch_related("parameters").order_by("id"):
            params = [(p.label, p.display_value) for p in clause.parameters.all()]
            views.append(ClauseView(clause.pk, clause.number, str(topics.get(clause.topic, clause.topic)),
                                    clause.text, params, clause.history.count()))
        return views
    moment = _end_of(as_of)
    ids = set(Clause.history.filter(agreement_id=agreement.pk).values_list("id", flat=True))
    for clause_id in sorted(ids):
        row = Clause.history.filter(id=clause_id, history_date__lte=moment).order_by("-history_date",
                                                                                    "-history_id").first()
        if row is None or row.history_type == "-":
            continue
        params = []
        for key in set(ClauseParameter.history.filter(clause_id=clause_id).values_list("key", flat=True)):
            prow = ClauseParameter.history.filter(clause_id=clause_id, key=key, history_date__lte=moment).order_by(
                "-history_date", "-history_id").first()
            if prow is not None and prow.history_type != "-":
                spec = rules.parameter(key)
                params.append((rules.parameter_label(key), rules.format_value(prow.value, spec.unit if spec else "")))
        versions = Clause.history.filter(id=clause_id, history_date__lte=moment).count()
        views.append(ClauseView(clause_id, row.number, str(topics.get(row.topic, row.topic)), localized(row, "text"),
                                sorted(params), versions))
    return views


@dataclass(frozen=True)
class AgreementDetail:
    agreement: Agreement
    status: str
    bargaining: Bargaining
    parity: BargainingParity | None
    findings: list[Finding]
    fulfilment: Fulfilment
    by_side: list[Fulfilment]
    commitments: list[CommitmentRow]

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


def agreement_detail(*, agreement: Agreement, today: date) -> AgreementDetail:
    parity = bargaining_parity(agreement, today) if agreement.bargaining_members.exists() else None
    commitments = agreement.commitments.select_related("responsible_organisation")
    return AgreementDetail(
        agreement, agreement.status_on(today), bargaining_of(agreement), parity, findings_for(agreement, today),
        fulfilment(agreement.commitments.all(), today), fulfilment_by_side(agreement, today),
        commitment_rows(commitments, today),
    )


def agreements_with_findings(user: Any, today: date) -> list[tuple[Agreement, list[Finding]]]:
    """Every visible agreement with a clause below a floor or a higher agreement, and its findings."""
    candidates = visible_agreements(user).filter(clauses__parameters__isnull=False).distinct()
    return favourability.agreements_with_findings(candidates.order_by("-signed_on", "-id"), today)


# Coverage --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Guarantee:
    """The most favourable value of one parameter among the agreements that apply, and where it comes from."""

    key: str
    label: str
    value: Decimal
    display: str
    agreement: Agreement
    clause_number: str
    floor_display: str
    floor_verified: bool | None


@dataclass(frozen=True)
class Coverage:
    on: date
    agreements: list[Agreement]
    guarantees: list[Guarantee]


def applicable_agreements(*, user: Any, on: date, organisation: Organisation | None = None,
                          sector: Sector | None = None, region: Region | None = None) -> list[Agreement]:
    """Agreements in force on ``on`` that apply to an organisation, or to a sector and/or a region.

    An organisation is reached through its own sectors and regions and its collective agreement; a regional
    agreement binds every employer in its region.
    """
    sector_ids = {sector.pk} if sector else set()
    region_ids = {region.pk} if region else set()
    if organisation is not None:
        sector_ids |= set(organisation.sectors.values_list("pk", flat=True))
        region_ids |= set(organisation.regions.values_list("pk", flat=True))
    in_force = visible_agreements(user).filter(Agreement.in_force_q(on)).prefetch_related("sectors", "regions")
    found: list[Agreement] = []
    for agreement in in_force.order_by("id"):
        if agreement.kind == Kind.GENERAL:
            found.append(agreement)
        elif agreement.kind == Kind.COLLECTIVE:
            if organisation is not None and agreement.employer_id == organisation.pk:
                found.append(agreement)
        else:
            own_sectors = {s.pk for s in agreement.sectors.all()}
            own_regions = {r.pk for r in agreement.regions.all()}
            if not own_sectors and not own_regions:
                continue
            if own_sectors and not (own_sectors & sector_ids):
                continue
            if own_regions and not (own_regions & region_ids):
                continue
            found.append(agreement)

    def order(a: Agreement) -> int:
        level = rules.level_or_none(a.level, a.reference_date)
        return level.order if level else 99

    return sorted(found, key=lambda a: (order(a), a.pk))


def coverage(*, user: Any, on: date, organisation: Organisation | None = None, sector: Sector | None = None,
             region: Region | None = None) -> Coverage:
    agreements = applicable_agreements(user=user, on=on, organisation=organisation, sector=sector, region=region)
    best: dict[str, tuple[Decimal, Agreement, str]] = {}
    rows = ClauseParameter.objects.filter(clause__agreement__in=[a.pk for a in agreements]).select_related("clause")
    by_pk = {a.pk: a for a in agreements}
    for row in rows.order_by("clause__agreement_id", "clause_id"):
        spec = rules.parameter(row.key)
        if spec is None:
            continue
        current = best.get(row.key)
        if current is None or spec.more_favourable(row.value, current[0]) != current[0]:
            best[row.key] = (row.value, by_pk[row.clause.agreement_id], row.clause.number)
    guarantees = []
    for spec in rules.parameters():
        if spec.key not in best:
            continue
        value, agreement, number = best[spec.key]
        floor = rules.rule_on(spec.floor_rule, on) if spec.floor_rule else None
        floor_value = floor.value if floor is not None and not isinstance(floor.value, (bool, str)) else None
        guarantees.append(Guarantee(
            spec.key, rules.in_language(spec.label), value, rules.format_value(value, spec.unit), agreement, number,
            rules.format_value(floor_value, spec.unit) if floor_value is not None else "—",
            floor.verified if floor is not None else None,
        ))
    return Coverage(on, agreements, guarantees)


def covered_employees(*, on: date, sector: Sector | str | None = None, region: Region | str | None = None) -> int:
    """Employees covered by the collective agreements in force on ``on``, optionally of one sector and/or region.

    The numerator of the collective-bargaining coverage rate (ILO): each collective agreement's reported
    number of covered employees, counted once even when its employer has several sectors or regions.
    Reads the whole register (not only published records): it feeds statistics, not a page of records.
    """
    queryset = Agreement.objects.filter(kind=Kind.COLLECTIVE).filter(Agreement.in_force_q(on))
    if sector is not None:
        code = sector.code if isinstance(sector, Sector) else sector
        queryset = queryset.filter(employer__sectors__code=code)
    if region is not None:
        kato = region.kato if isinstance(region, Region) else region
        queryset = queryset.filter(employer__regions__kato=kato)
    ids = queryset.values("pk").distinct()
    total = Agreement.objects.filter(pk__in=ids).aggregate(n=Sum("covered_employees"))["n"]
    return int(total or 0)


# Clause comparison -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    agreement: Agreement
    clause_number: str
    value: Decimal
    display: str
    status: str


def comparison(*, user: Any, key: str, today: date, sector: str = "", region: str = "") -> list[ComparisonRow]:
    """One parameter across the agreements of a sector or a region (all when neither is given), highest first."""
    spec = rules.parameter(key)
    if spec is None:
        return []
    agreements = visible_agreements(user)
    if sector:
        agreements = agreements.filter(Q(sectors__code=sector) | Q(employer__sectors__code=sector)
                                       | Q(kind=Kind.GENERAL))
    if region:
        agreements = agreements.filter(Q(regions__kato=region) | Q(employer__regions__kato=region)
                                       | Q(kind=Kind.GENERAL))
    rows = (ClauseParameter.objects.filter(key=key, clause__agreement__in=agreements.values("pk"))
            .select_related("clause__agreement", "clause__agreement__employer").order_by("-value", "clause_id"))
    seen: set[int] = set()
    result = []
    for row in rows:
        agreement = row.clause.agreement
        if agreement.pk in seen:
            continue
        seen.add(agreement.pk)
        result.append(ComparisonRow(agreement, row.clause.number, row.value, rules.format_value(row.value, spec.unit),
                                    agreement.status_on(today)))
    return result
