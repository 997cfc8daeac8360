"""Reads shared by the commission pages and the API: lists with filters, a commission's detail, decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404

from tripartite.commissions import rules
from tripartite.commissions.models import AgendaItem, Commission, CommissionMember, Decision, Meeting
from tripartite.core.models import Role, ScopeType
from tripartite.core.policy import Action, can, is_platform_admin, may_see_unpublished, scoped_ids, visible
from tripartite.partners.models import MAX_HIERARCHY_DEPTH, Organisation


def _count(queryset: QuerySet[Any], link: str) -> Coalesce:
    """A correlated COUNT(*) of `queryset` rows whose `link` is the outer commission."""
    counted = (
        queryset.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=Count("pk")).values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _side_key(side: str) -> str:
    return f"n_side_{side}"


def with_summary(queryset: QuerySet[Commission], today: date) -> QuerySet[Commission]:
    """Annotate each commission with its members in term by side and its decisions due/done on `today`."""
    seats = CommissionMember.objects.filter(CommissionMember.in_term_q(today), role__in=rules.VOTING_ROLES)
    annotations: dict[str, Any] = {
        _side_key(side): _count(seats.filter(side=side), "commission") for side, _name in rules.side_choices()
    }
    due = Decision.objects.filter(Decision.due_q(today))
    annotations["n_due"] = _count(due, "meeting__commission")
    annotations["n_done_on_time"] = _count(due.filter(Decision.done_on_time_q(today)), "meeting__commission")
    annotations["n_done"] = _count(due.filter(Decision.done_q(today)), "meeting__commission")
    return queryset.annotate(**annotations)


@dataclass(frozen=True)
class CommissionRow:
    """A commission with its parity and execution rate on a day."""

    commission: Commission
    parity: rules.Parity
    execution: rules.ExecutionRate


def summarize(commission: Commission, today: date) -> CommissionRow:
    """Parity and execution of a commission annotated by `with_summary` (or computed when not annotated)."""
    if hasattr(commission, "n_due"):
        counts = {side: getattr(commission, _side_key(side)) for side, _name in rules.side_choices()}
        parity = rules.parity_of(commission.level, counts, today)
        execution = rules.ExecutionRate(
            commission.n_due, getattr(commission, "n_done_on_time"), getattr(commission, "n_done")  # noqa: B009
        )
    else:
        parity, execution = commission.parity_on(today), commission.execution_on(today)
    return CommissionRow(commission, parity, execution)


def visible_commissions(user: Any) -> QuerySet[Commission]:
    return visible(user, Commission.objects.select_related("region", "sector", "secretariat"))


def commission_list(
    *,
    user: Any,
    today: date,
    q: str = "",
    level: str = "",
    region: str = "",
    sector: str = "",
    parity: str = "",
) -> QuerySet[Commission]:
    """Commissions the user may see, filtered; `parity` is "ok" or "broken" (computed with the pack's rule)."""
    queryset = visible_commissions(user)
    if q.strip():
        term = q.strip()
        queryset = queryset.filter(
            Q(name_kk__icontains=term) | Q(name_ru__icontains=term) | Q(name_en__icontains=term)
            | Q(secretariat__name_kk__icontains=term) | Q(secretariat__name_ru__icontains=term)
            | Q(secretariat__name_en__icontains=term) | Q(secretariat__short_name__icontains=term)
        )
    if level:
        queryset = queryset.filter(level=level)
    if region:
        queryset = queryset.filter(region__kato=region)
    if sector:
        queryset = queryset.filter(sector__code=sector)
    queryset = with_summary(queryset, today)
    if parity in ("ok", "broken"):
        want_ok = parity == "ok"
        ids = [c.pk for c in queryset if summarize(c, today).parity.ok == want_ok]
        queryset = queryset.filter(pk__in=ids)
    level_rank = Case(
        *[When(level=lv.code, then=Value(lv.order)) for lv in rules.commission_levels(today)],
        default=Value(999), output_field=IntegerField(),
    )
    return queryset.annotate(level_rank=level_rank).order_by("level_rank", "name_ru", "name_kk", "name_en", "id")


def commission_for(user: Any, pk: int) -> Commission:
    """The commission if the user may see it; a 404 when it does not exist or may not be seen."""
    commission = visible_commissions(user).filter(pk=pk).first()
    if commission is None or not can(user, Action.VIEW, commission):
        raise Http404
    return commission


@dataclass(frozen=True)
class SideGroup:
    side: str
    name: str
    members: list[CommissionMember]


@dataclass(frozen=True)
class DecisionRow:
    decision: Decision
    status: str

    @property
    def status_label(self) -> str:
        return str(Decision.Status(self.status).label)


@dataclass(frozen=True)
class CommissionDetail:
    row: CommissionRow
    sides: list[SideGroup]
    meetings: list[Meeting]
    decisions: list[DecisionRow]

    @property
    def commission(self) -> Commission:
        return self.row.commission


def commission_detail(*, commission: Commission, today: date) -> CommissionDetail:
    """Members grouped by side (those in term on `today` marked), meetings, decisions with their status."""
    members = list(commission.members.select_related("organisation").order_by("side", "role", "person_name", "id"))
    for member in members:
        member.in_term = member.in_term_on(today)  # type: ignore[attr-defined]
    sides = [
        SideGroup(side, name, [m for m in members if m.side == side]) for side, name in rules.side_choices()
    ]
    meetings = list(commission.meetings.all())
    decisions = [
        DecisionRow(d, d.status_on(today))
        for d in Decision.objects.filter(meeting__commission=commission).select_related("meeting", "agenda_item")
    ]
    return CommissionDetail(summarize(commission, today), sides, meetings, decisions)


def _visible_children(user: Any, queryset: QuerySet[Any], commission_path: str) -> QuerySet[Any]:
    if may_see_unpublished(user):
        return queryset
    return queryset.filter(**{f"{commission_path}__published": True})


def visible_members(user: Any) -> QuerySet[CommissionMember]:
    return _visible_children(user, CommissionMember.objects.select_related("commission", "organisation"), "commission")


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    return _visible_children(user, Meeting.objects.select_related("commission"), "commission")


def visible_agenda_items(user: Any) -> QuerySet[AgendaItem]:
    return _visible_children(user, AgendaItem.objects.select_related("meeting__commission"), "meeting__commission")


def visible_decisions(user: Any) -> QuerySet[Decision]:
    return _visible_children(
        user, Decision.objects.select_related("meeting__commission", "agenda_item"), "meeting__commission"
    )


_STATUS_ORDER = {Decision.Status.OVERDUE: 0, Decision.Status.PENDING: 1, Decision.Status.DONE: 2}


def decision_list(*, user: Any, today: date, status: str = "", commission: Commission | None = None) -> QuerySet[Decision]:
    """Decisions across the commissions the user may see, overdue first, then pending, then done."""
    queryset = visible_decisions(user)
    if commission is not None:
        queryset = queryset.filter(meeting__commission=commission)
    queryset = queryset.annotate(
        status_rank=Case(
            *[When(Decision.status_q(s, today), then=Value(rank)) for s, rank in _STATUS_ORDER.items()],
            output_field=IntegerField(),
        )
    )
    if status in Decision.Status.values:
        queryset = queryset.filter(Decision.status_q(status, today))
    return queryset.order_by("status_rank", "due_date", "id")


def meeting_detail_decisions(meeting: Meeting, today: date) -> list[DecisionRow]:
    return [DecisionRow(d, d.status_on(today)) for d in meeting.decisions.select_related("agenda_item")]


def secretariats_for(user: Any) -> QuerySet[Organisation]:
    """Organisations under which `user` may create commissions (their secretary scope and the tree below it)."""
    organisations = Organisation.objects.all()
    if is_platform_admin(user):
        return organisations
    ids = set(scoped_ids(user, ScopeType.ORGANISATION, [Role.SECRETARY]))
    frontier = set(ids)
    for _depth in range(MAX_HIERARCHY_DEPTH):
        frontier = set(organisations.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True))
        if not frontier:
            break
        ids |= frontier
    return organisations.filter(pk__in=ids)
