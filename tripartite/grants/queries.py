"""Reads shared by the grants pages and the API: calls, who may see which application, rankings, concentration, PPP."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Role, ScopeType, Sector
from tripartite.core.policy import Action, can, is_platform_admin, scoped_ids, visible
from tripartite.grants import rules, scoring
from tripartite.grants.models import (
    Application,
    Award,
    Call,
    Criterion,
    Evaluator,
    PPPContract,
    Score,
    SettlementType,
    TopicArea,
)
from tripartite.partners.models import MAX_HIERARCHY_DEPTH, Organisation
from tripartite.partners.models import Kind as OrganisationKind

# Calls ---------------------------------------------------------------------------------------------------------


def _containing(term: str, *columns: str) -> Q:
    """Records where any of the columns contains the search term (ignoring case)."""
    query = Q()
    for column in columns:
        query |= Q(**{f"{column}__icontains": term})
    return query


def visible_calls(user: Any) -> QuerySet[Call]:
    return visible(user, Call.objects.select_related("issuer", "topic"))


def call_for(user: Any, pk: int) -> Call:
    call = visible_calls(user).filter(pk=pk).first()
    if call is None or not can(user, Action.VIEW, call):
        raise Http404
    return call


def call_list(
    *, user: Any, today: date, q: str = "", kind: str = "", topic: str = "", phase: str = ""
) -> QuerySet[Call]:
    queryset = visible_calls(user)
    if q.strip():
        queryset = queryset.filter(_containing(q.strip(), *in_languages("title", "issuer__name")))
    if kind:
        queryset = queryset.filter(kind=kind)
    if topic:
        queryset = queryset.filter(topic__code=topic)
    if phase == Call.Phase.DRAFT:
        queryset = queryset.filter(status=Call.Status.DRAFT)
    elif phase == Call.Phase.RESULTS:
        queryset = queryset.filter(status=Call.Status.CLOSED)
    elif phase == Call.Phase.ANNOUNCED:
        queryset = queryset.filter(status=Call.Status.PUBLISHED, opens_on__gt=today)
    elif phase == Call.Phase.OPEN:
        queryset = queryset.filter(status=Call.Status.PUBLISHED, opens_on__lte=today, deadline__gte=today)
    elif phase == Call.Phase.EVALUATION:
        queryset = queryset.filter(status=Call.Status.PUBLISHED, deadline__lt=today)
    return queryset.annotate(
        n_applications=Count("applications", filter=Q(applications__status=Application.Status.SUBMITTED))
    ).order_by("-opens_on", "-id")


def _subtree(ids: set[int]) -> set[int]:
    result, frontier = set(ids), set(ids)
    for _depth in range(MAX_HIERARCHY_DEPTH):
        frontier = set(Organisation.objects.filter(parent_id__in=frontier).exclude(pk__in=result).values_list("pk", flat=True))
        if not frontier:
            break
        result |= frontier
    return result


def issuers_for(user: Any) -> QuerySet[Organisation]:
    """State bodies for which `user` may announce calls (their secretary or editor scope and the tree below)."""
    bodies = Organisation.objects.filter(kind=OrganisationKind.STATE_BODY)
    if is_platform_admin(user):
        return bodies
    return bodies.filter(pk__in=_subtree(scoped_ids(user, ScopeType.ORGANISATION, [Role.SECRETARY, Role.EDITOR])))


def applicants_for(user: Any) -> QuerySet[Organisation]:
    """Organisations on whose behalf `user` may apply (their editor scope and the tree below)."""
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=_subtree(scoped_ids(user, ScopeType.ORGANISATION, [Role.EDITOR])))


def may_manage(user: Any, call: Call) -> bool:
    return can(user, Action.CHANGE, call)


def evaluator_of(user: Any, call: Call) -> Evaluator | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Evaluator.objects.filter(call=call, user=user).first()


# Applications --------------------------------------------------------------------------------------------------


def may_view_application(user: Any, application: Application) -> bool:
    """The applicant's editors and secretaries and analysts; once submitted, also the call's managers and evaluators."""
    if can(user, Action.VIEW_HISTORY, application):
        return True
    if application.status != Application.Status.SUBMITTED:
        return False
    return may_manage(user, application.call) or evaluator_of(user, application.call) is not None


def may_see_application_history(user: Any, application: Application) -> bool:
    """The history of an application: for those who may read its history, and the managers of its call."""
    return can(user, Action.VIEW_HISTORY, application) or may_manage(user, application.call)


def application_for(user: Any, pk: int) -> Application:
    application = (
        Application.objects.select_related("call__issuer", "call__topic", "applicant").filter(pk=pk).first()
    )
    if application is None or not may_view_application(user, application):
        raise Http404
    return application


def applications_of_call(user: Any, call: Call) -> list[Application]:
    rows = call.applications.select_related("applicant", "call").prefetch_related("regions").order_by("id")
    return [a for a in rows if may_view_application(user, a)]


def applications_of_user(user: Any) -> QuerySet[Application]:
    """Applications of the organisations the user edits."""
    return Application.objects.filter(applicant__in=applicants_for(user)).select_related("call", "applicant")


# Scores and ranking --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreCell:
    score: Score
    evaluator_label: str
    total: float
    outlier: bool
    distance_from_median: float | None


@dataclass(frozen=True)
class RankingRow:
    rank: int | None
    application: Application
    mean: float | None
    scores: list[ScoreCell]
    award: Award | None

    @property
    def n_scores(self) -> int:
        return len(self.scores)

    @property
    def has_outlier(self) -> bool:
        return any(c.outlier for c in self.scores)


def may_see_scores(user: Any, call: Call) -> bool:
    """Before the results only the call's managers see every score; after them, everyone (pseudonymised)."""
    return call.status == Call.Status.CLOSED or may_manage(user, call)


def may_see_evaluator_names(user: Any, call: Call) -> bool:
    return may_manage(user, call)


def ranking(call: Call, *, names: bool = False) -> list[RankingRow]:
    """Submitted applications by their mean total, highest first; each score with its outlier flag.

    Outlier rule (scoring.outliers): a total more than 25 points from the median total of the same application.
    """
    criteria = list(call.criteria.all())
    applications = list(
        call.applications.filter(status=Application.Status.SUBMITTED).select_related("applicant").order_by("submitted_at", "id")
    )
    scores = defaultdict(list)
    for score in Score.objects.filter(application__in=applications).select_related("evaluator__user").order_by("evaluator__number"):
        scores[score.application_id].append(score)
    awards = {a.application_id: a for a in Award.objects.filter(application__in=applications)}
    rows: list[tuple[float | None, Application, list[ScoreCell]]] = []
    for application in applications:
        own = scores.get(application.pk, [])
        totals = [s.total(criteria) for s in own]
        flagged = {o.index: o for o in scoring.outliers(totals)}
        cells = [
            ScoreCell(
                s, f"{s.evaluator.pseudonym} ({s.evaluator.user})" if names else s.evaluator.pseudonym, t,
                i in flagged, flagged[i].distance if i in flagged else None,
            )
            for i, (s, t) in enumerate(zip(own, totals, strict=True))
        ]
        rows.append((scoring.mean(totals), application, cells))
    rows.sort(key=lambda r: (r[0] is None, -(r[0] or 0)))
    result = []
    for position, (avg, application, cells) in enumerate(rows, start=1):
        result.append(RankingRow(position if avg is not None else None, application, avg, cells, awards.get(application.pk)))
    return result


def own_score(user: Any, application: Application) -> Score | None:
    evaluator = evaluator_of(user, application.call)
    return None if evaluator is None else Score.objects.filter(application=application, evaluator=evaluator).first()


def visible_scores(user: Any, call: Call) -> QuerySet[Score]:
    """Scores of a call the user may read: all (managers; everyone once closed) or only their own (evaluators)."""
    queryset = Score.objects.filter(application__call=call).select_related("evaluator__user", "application__applicant")
    if may_see_scores(user, call):
        return queryset
    evaluator = evaluator_of(user, call)
    return queryset.filter(evaluator=evaluator) if evaluator is not None else queryset.none()


@dataclass(frozen=True)
class EvaluatorView:
    evaluator: Evaluator
    label: str
    declared: bool
    ties: list[str]
    scored: int


def evaluators_view(call: Call) -> list[EvaluatorView]:
    result = []
    for ev in call.evaluators.select_related("user").prefetch_related("declarations__organisation"):
        result.append(EvaluatorView(
            ev, f"{ev.pseudonym} — {ev.user}", ev.declared_at is not None,
            [d.organisation.name for d in ev.declarations.all()], ev.scores.count(),
        ))
    return result


# Awards and concentration --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int
    amount: int
    share: float | None


@dataclass(frozen=True)
class Winner:
    organisation: Organisation
    awards: int
    amount: int
    share: float | None


@dataclass
class Concentration:
    calls_past_deadline: int = 0
    calls_single_applicant: int = 0
    awards: int = 0
    amount: int = 0
    by_region: list[Share] = field(default_factory=list)
    by_topic: list[Share] = field(default_factory=list)
    by_settlement: list[Share] = field(default_factory=list)
    applications_by_settlement: list[Share] = field(default_factory=list)
    repeat_winners: list[Winner] = field(default_factory=list)
    top3_share: float | None = None
    demo: bool = False

    @property
    def single_applicant_share(self) -> float | None:
        return scoring.share(self.calls_single_applicant, self.calls_past_deadline)


def _shares(counts: dict[str, int], amounts: dict[str, int], labels: dict[str, str], total: int) -> list[Share]:
    keys = sorted(set(counts) | set(amounts), key=lambda k: (-amounts.get(k, 0), labels.get(k, k)))
    return [Share(k, labels.get(k, k), counts.get(k, 0), amounts.get(k, 0), scoring.share(amounts.get(k, 0), total)) for k in keys]


def concentration(today: date) -> Concentration:
    """Where the money of published calls went: by region, topic and settlement type; single-applicant calls;
    repeat winners; the share of the three largest recipients. Amounts of a project in several regions are split
    evenly between them."""
    calls = Call.objects.filter(published=True).exclude(status=Call.Status.DRAFT)
    past = [c for c in calls.annotate(
        n=Count("applications", filter=Q(applications__status=Application.Status.SUBMITTED))) if c.phase_on(today)
        in (Call.Phase.EVALUATION, Call.Phase.RESULTS)]
    result = Concentration(calls_past_deadline=len(past), calls_single_applicant=sum(1 for c in past if c.n == 1))
    awards = list(
        Award.objects.filter(application__call__in=calls)
        .select_related("application__applicant", "application__call__topic")
        .prefetch_related("application__regions")
    )
    result.awards = len(awards)
    result.amount = sum(a.amount for a in awards)
    result.demo = any(c.is_demo for c in calls)
    region_amount: dict[str, int] = defaultdict(int)
    region_count: dict[str, int] = defaultdict(int)
    region_labels: dict[str, str] = {}
    topic_amount: dict[str, int] = defaultdict(int)
    topic_count: dict[str, int] = defaultdict(int)
    topic_labels: dict[str, str] = {}
    settle_amount: dict[str, int] = defaultdict(int)
    settle_count: dict[str, int] = defaultdict(int)
    winners: dict[int, list[Award]] = defaultdict(list)
    for award in awards:
        application = award.application
        regions = sorted(application.regions.all(), key=lambda r: r.kato)
        for region, part in zip(regions, scoring.split_evenly(award.amount, len(regions)), strict=True):
            region_amount[region.kato] += part
            region_count[region.kato] += 1
            region_labels[region.kato] = region.name
        topic = application.call.topic
        topic_amount[topic.code] += award.amount
        topic_count[topic.code] += 1
        topic_labels[topic.code] = topic.name
        settle_amount[application.settlement_type] += award.amount
        settle_count[application.settlement_type] += 1
        winners[application.applicant_id].append(award)
    settle_labels = {k: str(v) for k, v in SettlementType.choices}
    result.by_region = _shares(region_count, region_amount, region_labels, result.amount)
    result.by_topic = _shares(topic_count, topic_amount, topic_labels, result.amount)
    result.by_settlement = _shares(settle_count, settle_amount, settle_labels, result.amount)
    submitted = (
        Application.objects.filter(call__in=calls, status=Application.Status.SUBMITTED)
        .values("settlement_type").annotate(n=Count("pk"), amount=Sum("requested_amount"))
    )
    n_submitted = sum(row["n"] for row in submitted)
    result.applications_by_settlement = [
        Share(row["settlement_type"], settle_labels.get(row["settlement_type"], row["settlement_type"]), row["n"],
              row["amount"] or 0, scoring.share(row["n"], n_submitted))
        for row in sorted(submitted, key=lambda r: r["settlement_type"])
    ]
    ranked = sorted(winners.values(), key=lambda lst: -sum(a.amount for a in lst))
    result.repeat_winners = [
        Winner(lst[0].application.applicant, len(lst), sum(a.amount for a in lst),
               scoring.share(sum(a.amount for a in lst), result.amount))
        for lst in ranked if len(lst) >= 2
    ]
    result.top3_share = scoring.share(sum(sum(a.amount for a in lst) for lst in ranked[:3]), result.amount)
    return result


# PPP register --------------------------------------------------------------------------------------------------


def visible_ppp(user: Any) -> QuerySet[PPPContract]:
    return visible(user, PPPContract.objects.select_related("state_partner", "sector", "region"))


def ppp_for(user: Any, pk: int) -> PPPContract:
    contract = visible_ppp(user).filter(pk=pk).first()
    if contract is None:
        raise Http404
    return contract


def ppp_list(*, user: Any, q: str = "", sector: str = "", region: str = "", status: str = "") -> QuerySet[PPPContract]:
    queryset = visible_ppp(user)
    if q.strip():
        queryset = queryset.filter(_containing(q.strip(), *in_languages("object"), "private_partner", "number"))
    if sector:
        queryset = queryset.filter(sector__code=sector)
    if region:
        queryset = queryset.filter(region__kato=region)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-signed_on", "-id")


@dataclass(frozen=True)
class PPPSummaryRow:
    key: str
    label: str
    count: int
    value: int
    count_share: float | None
    value_share: float | None


@dataclass(frozen=True)
class PPPSummary:
    count: int
    value: int
    by_sector: list[PPPSummaryRow]
    by_region: list[PPPSummaryRow]


def ppp_summary(queryset: QuerySet[PPPContract]) -> PPPSummary:
    """Counts and values of the contracts by sector and by region, with their shares of the whole."""
    totals = queryset.aggregate(n=Count("pk"), v=Sum("value"))
    count, value = totals["n"] or 0, totals["v"] or 0

    def rows(key: str, model: Any, code: str) -> list[PPPSummaryRow]:
        grouped = queryset.order_by().values(key).annotate(n=Count("pk"), v=Sum("value"))
        labels = {getattr(o, "pk"): o for o in model.objects.filter(pk__in=[g[key] for g in grouped])}  # noqa: B009
        out = [
            PPPSummaryRow(getattr(labels[g[key]], code), str(labels[g[key]].name), g["n"], g["v"] or 0,
                          scoring.share(g["n"], count), scoring.share(g["v"] or 0, value))
            for g in grouped
        ]
        return sorted(out, key=lambda r: (-r.count, -r.value, r.key))

    return PPPSummary(count, value, rows("sector", Sector, "code"), rows("region", Region, "kato"))


PPP_COLUMNS = (
    "id", "number", *in_languages("object"), "sector", "sector_name", "region_kato", "region_name",
    "state_partner", "private_partner", "value_tenge", "signed_on", "term_years", "status", "is_demo",
)


def ppp_record(contract: PPPContract) -> dict[str, Any]:
    """One contract as open data (the same keys in CSV and JSON)."""
    return {
        "id": contract.pk, "number": contract.number,
        **{column: getattr(contract, column) for column in in_languages("object")}, "sector": contract.sector.code, "sector_name": contract.sector.name,
        "region_kato": contract.region.kato, "region_name": contract.region.name,
        "state_partner": contract.state_partner.name, "private_partner": contract.private_partner,
        "value_tenge": contract.value, "signed_on": contract.signed_on.isoformat() if contract.signed_on else "",
        "term_years": contract.term_years, "status": contract.status, "is_demo": contract.is_demo,
    }


def open_ppp() -> QuerySet[PPPContract]:
    """The published contracts: the open data set (the same for every visitor)."""
    return PPPContract.objects.filter(published=True).select_related("state_partner", "sector", "region").order_by("id")


def write_ppp_csv(stream: Any) -> None:
    """The open data set as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read Cyrillic)."""
    import csv

    stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=PPP_COLUMNS)
    writer.writeheader()
    for contract in open_ppp():
        writer.writerow(ppp_record(contract))


def topic_areas() -> QuerySet[TopicArea]:
    return TopicArea.objects.all()


def criteria_weight(call: Call) -> int:
    return sum(c.weight for c in Criterion.objects.filter(call=call))


def eligibility(application: Application) -> list[rules.Reason]:
    return rules.eligibility_reasons(application)
