"""API endpoints of the commissions app: commissions, members, meetings, agenda items and decisions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tripartite.commissions import queries, services
from tripartite.commissions.models import AgendaItem, Commission, CommissionMember, Decision, Meeting
from tripartite.core.api_support import (
    MAX_PAGE,
    READ_ERRORS,
    WRITE_ERRORS,
    Ref,
    RegionRef,
    SectorRef,
    current_user,
    get_or_404,
    require,
    trilingual_schema,
)
from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector
from tripartite.core.policy import Action, visible
from tripartite.partners.models import Organisation

router = Router(tags=["commissions"])


# Schemas -----------------------------------------------------------------------------------------------------


class SideCountOut(Schema):
    side: str
    name: str
    count: int


class ParityOut(Schema):
    ok: bool
    code: str = Field(description="ok, empty, unequal, side_missing or side_not_party (from the jurisdiction pack)")
    counts: dict[str, int] = Field(description="Members in term today by side (secretaries not counted)")
    sides: list[SideCountOut]
    message: str
    rule_verified: bool
    rule_source: str


class ExecutionOut(Schema):
    due: int = Field(description="Decisions whose due date is today or earlier")
    done_on_time: int
    done: int
    rate_on_time: float | None = Field(description="done_on_time / due; null when no decision is due yet")
    rate: float | None = Field(description="done / due; null when no decision is due yet")
    summary: str


class CommissionIn(trilingual_schema("CommissionInNames", "name")):  # type: ignore[misc]
    level: str = Field(description="A level code of the jurisdiction pack's current scheme, e.g. republican")
    region: str | None = Field(None, description="KATO code of the region (regional levels)")
    sector: str | None = Field(None, description="OKED section letter (sectoral level)")
    secretariat: int = Field(description="Id of the organisation that runs the commission")
    established: date | None = None
    published: bool = True


class CommissionPatch(trilingual_schema("CommissionPatchNames", "name", kind="patch")):  # type: ignore[misc]
    level: str | None = None
    region: str | None = None
    sector: str | None = None
    secretariat: int | None = None
    established: date | None = None
    published: bool | None = None


class CommissionOut(trilingual_schema("CommissionOutNames", "name", kind="out")):  # type: ignore[misc]
    id: int
    level: str
    level_name: str
    name: str
    region: RegionRef | None
    sector: SectorRef | None
    secretariat: Ref
    established: date | None
    published: bool
    is_demo: bool
    parity: ParityOut
    execution: ExecutionOut


class CommissionPage(Schema):
    items: list[CommissionOut]
    count: int


class CommissionFilters(Schema):
    q: str = ""
    level: str = ""
    region: str = Field("", description="KATO code")
    sector: str = Field("", description="OKED section")
    parity: str = Field("", pattern="^(|ok|broken)$", description="ok or broken")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=100)


class MemberIn(Schema):
    side: str = Field(description="state, employers or workers")
    role: str = Field("member", description="chair, co_chair, coordinator, member or secretary")
    organisation: int | None = None
    person_name: str
    position: str = ""
    term_start: date | None = None
    term_end: date | None = None


class MemberOut(Schema):
    id: int
    commission: int
    side: str
    side_name: str
    role: str
    role_name: str
    organisation: Ref | None
    person_name: str
    position: str
    term_start: date | None
    term_end: date | None
    in_term: bool


class AgendaItemIn(trilingual_schema("AgendaItemInTitles", "title")):  # type: ignore[misc]
    number: int | None = Field(None, ge=1, le=32767)


class AgendaItemOut(trilingual_schema("AgendaItemOutTitles", "title", kind="out")):  # type: ignore[misc]
    id: int
    meeting: int
    number: int
    title: str


class MeetingIn(Schema):
    date: date
    place: str = ""
    status: str = Field("planned", description="planned or held")
    minutes: str = ""


class MeetingOut(Schema):
    id: int
    commission: Ref
    date: date
    place: str
    status: str
    minutes: str
    agenda: list[AgendaItemOut]


class DecisionIn(trilingual_schema("DecisionInTexts", "text")):  # type: ignore[misc]
    agenda_item: int | None = None
    responsible_side: str = ""
    due_date: date | None = None


class DecisionPut(DecisionIn):
    done_on: date | None = None
    execution_note: str = ""


class DecisionPatch(trilingual_schema("DecisionPatchTexts", "text", kind="patch")):  # type: ignore[misc]
    agenda_item: int | None = None
    responsible_side: str | None = None
    due_date: date | None = None
    done_on: date | None = None
    execution_note: str | None = None


class DecisionDone(Schema):
    done_on: date
    note: str = ""


class DecisionOut(trilingual_schema("DecisionOutTexts", "text", kind="out")):  # type: ignore[misc]
    id: int
    meeting: int
    commission: Ref
    agenda_item: int | None
    text: str
    responsible_side: str
    due_date: date | None
    done_on: date | None
    execution_note: str
    status: str = Field(description="pending, done or overdue, computed from the dates today")


class DecisionFilters(Schema):
    status: str = Field("", pattern="^(|pending|done|overdue)$")
    commission: int | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=100)


class DecisionPage(Schema):
    items: list[DecisionOut]
    count: int


# Input resolution (codes and ids in a body → records; unknown → 422 on that field) -----------------------------


def _resolve(model: type[Model], field: str, message: str, **lookup: Any) -> Any:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        raise ValidationError({field: message})
    return obj


def _region(kato: str | None) -> Region | None:
    if not kato:
        return None
    return _resolve(Region, "region", _("No region has the KATO code %(code)s.") % {"code": kato}, kato=kato)


def _sector(code: str | None) -> Sector | None:
    if not code:
        return None
    return _resolve(Sector, "sector", _("No economic sector has the code %(code)s.") % {"code": code}, code=code.upper())


def _organisation(user: Any, pk: int | None, field: str) -> Organisation | None:
    if pk is None:
        return None
    return _resolve(
        Organisation, field, _("No organisation has the id %(id)s.") % {"id": pk},
        pk=pk, id__in=visible(user, Organisation.objects.all()).values("pk"),
    )


def _agenda_item(pk: int | None) -> AgendaItem | None:
    if pk is None:
        return None
    return _resolve(AgendaItem, "agenda_item", _("No agenda item has the id %(id)s.") % {"id": pk}, pk=pk)


def _commission_fields(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    if "region" in data:
        data["region"] = _region(data["region"])
    if "sector" in data:
        data["sector"] = _sector(data["sector"])
    if "secretariat" in data:
        data["secretariat"] = _organisation(user, data["secretariat"], "secretariat")
    return data


def _today() -> date:
    return timezone.localdate()


def _page(queryset: QuerySet[Any], page: int, page_size: int) -> tuple[list[Any], int]:
    count = queryset.count()
    start = (page - 1) * page_size
    return list(queryset[start : start + page_size]), count


# Output -------------------------------------------------------------------------------------------------------


def _ratio(value: Any) -> float | None:
    return None if value is None else float(value)


def commission_out(row: queries.CommissionRow) -> dict[str, Any]:
    c, parity, execution = row.commission, row.parity, row.execution
    return {
        "id": c.pk, "level": c.level, "level_name": c.level_name, "name": c.name,
        **model_to_dict(c, fields=in_languages("name")),
        "region": {"kato": c.region.kato, "name": c.region.name} if c.region else None,
        "sector": {"code": c.sector.code, "name": c.sector.name} if c.sector else None,
        "secretariat": {"id": c.secretariat.pk, "name": c.secretariat.name},
        "established": c.established, "published": c.published, "is_demo": c.is_demo,
        "parity": {
            "ok": parity.ok, "code": parity.code, "counts": parity.counts_by_side,
            "sides": [{"side": s.side, "name": s.name, "count": s.count} for s in parity.counts],
            "message": parity.message, "rule_verified": parity.rule_verified, "rule_source": parity.rule_source,
        },
        "execution": {
            "due": execution.due, "done_on_time": execution.done_on_time, "done": execution.done,
            "rate_on_time": _ratio(execution.rate_on_time), "rate": _ratio(execution.rate),
            "summary": execution.summary,
        },
    }


def _commission_row(commission: Commission) -> dict[str, Any]:
    annotated = queries.with_summary(Commission.objects.filter(pk=commission.pk), _today()).select_related(
        "region", "sector", "secretariat"
    ).get()
    return commission_out(queries.summarize(annotated, _today()))


def member_out(m: CommissionMember) -> dict[str, Any]:
    return {
        "id": m.pk, "commission": m.commission_id, "side": m.side, "side_name": m.get_side_display(),
        "role": m.role, "role_name": m.get_role_display(),
        "organisation": {"id": m.organisation.pk, "name": m.organisation.name} if m.organisation else None,
        "person_name": m.person_name, "position": m.position, "term_start": m.term_start, "term_end": m.term_end,
        "in_term": m.in_term_on(_today()),
    }


def agenda_item_out(item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.pk, "meeting": item.meeting_id, "number": item.number, "title": item.title,
        **model_to_dict(item, fields=in_languages("title")),
    }


def meeting_out(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk, "commission": {"id": m.commission.pk, "name": m.commission.name}, "date": m.date,
        "place": m.place, "status": m.status, "minutes": m.minutes,
        "agenda": [agenda_item_out(i) for i in m.agenda_items.all()],
    }


def decision_out(d: Decision) -> dict[str, Any]:
    commission = d.meeting.commission
    return {
        "id": d.pk, "meeting": d.meeting_id, "commission": {"id": commission.pk, "name": commission.name},
        "agenda_item": d.agenda_item_id, "text": d.text, **model_to_dict(d, fields=in_languages("text")),
        "responsible_side": d.responsible_side, "due_date": d.due_date, "done_on": d.done_on,
        "execution_note": d.execution_note, "status": d.status_on(_today()),
    }


# Decisions across commissions (declared before /{commission_id} routes) ----------------------------------------


@router.get("/decisions", response={200: DecisionPage, **READ_ERRORS})
def list_decisions(request: HttpRequest, filters: Query[DecisionFilters]):  # type: ignore[no-untyped-def]
    """Decisions of every commission you may see, overdue first; filter by `status` and `commission`."""
    user = current_user(request)
    commission = queries.commission_for(user, filters.commission) if filters.commission else None
    queryset = queries.decision_list(user=user, today=_today(), status=filters.status, commission=commission)
    items, count = _page(queryset, filters.page, filters.page_size)
    return {"items": [decision_out(d) for d in items], "count": count}


@router.get("/decisions/{int:decision_id}", response={200: DecisionOut, **READ_ERRORS})
def get_decision(request: HttpRequest, decision_id: int):  # type: ignore[no-untyped-def]
    return decision_out(get_or_404(queries.visible_decisions(current_user(request)), pk=decision_id))


@router.put("/decisions/{int:decision_id}", response={200: DecisionOut, **WRITE_ERRORS})
def put_decision(request: HttpRequest, decision_id: int, payload: DecisionPut):  # type: ignore[no-untyped-def]
    decision = get_or_404(queries.visible_decisions(current_user(request)), pk=decision_id)
    require(request, Action.CHANGE, decision)
    data = payload.dict()
    data["agenda_item"] = _agenda_item(data["agenda_item"])
    return decision_out(services.decision_update(decision=decision, by=current_user(request), data=data))


@router.patch("/decisions/{int:decision_id}", response={200: DecisionOut, **WRITE_ERRORS})
def patch_decision(request: HttpRequest, decision_id: int, payload: DecisionPatch):  # type: ignore[no-untyped-def]
    decision = get_or_404(queries.visible_decisions(current_user(request)), pk=decision_id)
    require(request, Action.CHANGE, decision)
    data = payload.dict(exclude_unset=True)
    if "agenda_item" in data:
        data["agenda_item"] = _agenda_item(data["agenda_item"])
    return decision_out(services.decision_update(decision=decision, by=current_user(request), data=data))


@router.post("/decisions/{int:decision_id}/done", response={200: DecisionOut, **WRITE_ERRORS})
def mark_decision_done(request: HttpRequest, decision_id: int, payload: DecisionDone):  # type: ignore[no-untyped-def]
    """Record that the decision was carried out (409 if it already was)."""
    decision = get_or_404(queries.visible_decisions(current_user(request)), pk=decision_id)
    require(request, Action.CHANGE, decision)
    done = services.decision_mark_done(decision=decision, by=current_user(request), done_on=payload.done_on, note=payload.note)
    return decision_out(done)


@router.delete("/decisions/{int:decision_id}", response={204: None, **WRITE_ERRORS})
def delete_decision(request: HttpRequest, decision_id: int):  # type: ignore[no-untyped-def]
    decision = get_or_404(queries.visible_decisions(current_user(request)), pk=decision_id)
    require(request, Action.DELETE, decision)
    services.decision_delete(decision=decision, by=current_user(request))
    return Status(204, None)


# Members ------------------------------------------------------------------------------------------------------


def _member_data(user: Any, payload: MemberIn) -> dict[str, Any]:
    data = payload.dict()
    data["organisation"] = _organisation(user, data["organisation"], "organisation")
    return data


@router.get("/members/{int:member_id}", response={200: MemberOut, **READ_ERRORS})
def get_member(request: HttpRequest, member_id: int):  # type: ignore[no-untyped-def]
    return member_out(get_or_404(queries.visible_members(current_user(request)), pk=member_id))


@router.put("/members/{int:member_id}", response={200: MemberOut, **WRITE_ERRORS})
def put_member(request: HttpRequest, member_id: int, payload: MemberIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    member = get_or_404(queries.visible_members(user), pk=member_id)
    require(request, Action.CHANGE, member)
    return member_out(services.member_update(member=member, by=user, data=_member_data(user, payload)))


@router.delete("/members/{int:member_id}", response={204: None, **WRITE_ERRORS})
def delete_member(request: HttpRequest, member_id: int):  # type: ignore[no-untyped-def]
    member = get_or_404(queries.visible_members(current_user(request)), pk=member_id)
    require(request, Action.DELETE, member)
    services.member_remove(member=member, by=current_user(request))
    return Status(204, None)


# Meetings, agenda, decisions of a meeting -----------------------------------------------------------------------


@router.get("/meetings/{int:meeting_id}", response={200: MeetingOut, **READ_ERRORS})
def get_meeting(request: HttpRequest, meeting_id: int):  # type: ignore[no-untyped-def]
    return meeting_out(get_or_404(queries.visible_meetings(current_user(request)), pk=meeting_id))


@router.put("/meetings/{int:meeting_id}", response={200: MeetingOut, **WRITE_ERRORS})
def put_meeting(request: HttpRequest, meeting_id: int, payload: MeetingIn):  # type: ignore[no-untyped-def]
    meeting = get_or_404(queries.visible_meetings(current_user(request)), pk=meeting_id)
    require(request, Action.CHANGE, meeting)
    return meeting_out(services.meeting_update(meeting=meeting, by=current_user(request), data=payload.dict()))


@router.delete("/meetings/{int:meeting_id}", response={204: None, **WRITE_ERRORS})
def delete_meeting(request: HttpRequest, meeting_id: int):  # type: ignore[no-untyped-def]
    meeting = get_or_404(queries.visible_meetings(current_user(request)), pk=meeting_id)
    require(request, Action.DELETE, meeting)
    services.meeting_delete(meeting=meeting, by=current_user(request))
    return Status(204, None)


@router.get("/meetings/{int:meeting_id}/agenda", response={200: list[AgendaItemOut], **READ_ERRORS})
def list_agenda(request: HttpRequest, meeting_id: int):  # type: ignore[no-untyped-def]
    meeting = get_or_404(queries.visible_meetings(current_user(request)), pk=meeting_id)
    return [agenda_item_out(i) for i in meeting.agenda_items.all()]


@router.post("/meetings/{int:meeting_id}/agenda", response={201: AgendaItemOut, **WRITE_ERRORS})
def add_agenda_item(request: HttpRequest, meeting_id: int, payload: AgendaItemIn):  # type: ignore[no-untyped-def]
    meeting = get_or_404(queries.visible_meetings(current_user(request)), pk=meeting_id)
    require(request, Action.CREATE, meeting, kind=AgendaItem)
    item = services.agenda_item_add(by=current_user(request), meeting=meeting, **payload.dict())
    return Status(201, agenda_item_out(item))


@router.put("/agenda/{int:item_id}", response={200: AgendaItemOut, **WRITE_ERRORS})
def put_agenda_item(request: HttpRequest, item_id: int, payload: AgendaItemIn):  # type: ignore[no-untyped-def]
    item = get_or_404(queries.visible_agenda_items(current_user(request)), pk=item_id)
    require(request, Action.CHANGE, item)
    data = payload.dict()
    if data["number"] is None:
        data["number"] = item.number
    return agenda_item_out(services.agenda_item_update(item=item, by=current_user(request), data=data))


@router.delete("/agenda/{int:item_id}", response={204: None, **WRITE_ERRORS})
def delete_agenda_item(request: HttpRequest, item_id: int):  # type: ignore[no-untyped-def]
    item = get_or_404(queries.visible_agenda_items(current_user(request)), pk=item_id)
    require(request, Action.DELETE, item)
    services.agenda_item_delete(item=item, by=current_user(request))
    return Status(204, None)


@router.get("/meetings/{int:meeting_id}/decisions", response={200: list[DecisionOut], **READ_ERRORS})
def list_meeting_decisions(request: HttpRequest, meeting_id: int):  # type: ignore[no-untyped-def]
    meeting = get_or_404(queries.visible_meetings(current_user(request)), pk=meeting_id)
    return [decision_out(d) for d in meeting.decisions.select_related("meeting__commission")]


@router.post("/meetings/{int:meeting_id}/decisions", response={201: DecisionOut, **WRITE_ERRORS})
def add_decision(request: HttpRequest, meeting_id: int, payload: DecisionIn):  # type: ignore[no-untyped-def]
    meeting = get_or_404(queries.visible_meetings(current_user(request)), pk=meeting_id)
    require(request, Action.CREATE, meeting, kind=Decision)
    data = payload.dict()
    data["agenda_item"] = _agenda_item(data["agenda_item"])
    return Status(201, decision_out(services.decision_create(by=current_user(request), meeting=meeting, **data)))


# Commissions ----------------------------------------------------------------------------------------------------


@router.get("", response={200: CommissionPage, **READ_ERRORS})
def list_commissions(request: HttpRequest, filters: Query[CommissionFilters]):  # type: ignore[no-untyped-def]
    """Commissions you may see, with parity and execution rate; filter by level, region (KATO), sector, q, parity."""
    queryset = queries.commission_list(
        user=current_user(request), today=_today(), q=filters.q, level=filters.level, region=filters.region,
        sector=filters.sector.upper(), parity=filters.parity,
    )
    items, count = _page(queryset, filters.page, filters.page_size)
    return {"items": [commission_out(queries.summarize(c, _today())) for c in items], "count": count}


@router.post("", response={201: CommissionOut, **WRITE_ERRORS})
def create_commission(request: HttpRequest, payload: CommissionIn):  # type: ignore[no-untyped-def]
    """Register a commission; you need the secretary role over its secretariat (or to be an administrator)."""
    user = current_user(request)
    if not user.is_authenticated:
        require(request, Action.CREATE, None, kind=Commission)  # 401 before looking at the body
    data = _commission_fields(user, payload.dict())
    require(request, Action.CREATE, data["secretariat"], kind=Commission)
    commission = services.commission_create(by=user, **data)
    return Status(201, _commission_row(commission))


@router.get("/{int:commission_id}", response={200: CommissionOut, **READ_ERRORS})
def get_commission(request: HttpRequest, commission_id: int):  # type: ignore[no-untyped-def]
    return _commission_row(queries.commission_for(current_user(request), commission_id))


@router.put("/{int:commission_id}", response={200: CommissionOut, **WRITE_ERRORS})
def put_commission(request: HttpRequest, commission_id: int, payload: CommissionIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    commission = queries.commission_for(user, commission_id)
    require(request, Action.CHANGE, commission)
    data = _commission_fields(user, payload.dict())
    return _commission_row(services.commission_update(commission=commission, by=user, data=data))


@router.patch("/{int:commission_id}", response={200: CommissionOut, **WRITE_ERRORS})
def patch_commission(request: HttpRequest, commission_id: int, payload: CommissionPatch):  # type: ignore[no-untyped-def]
    user = current_user(request)
    commission = queries.commission_for(user, commission_id)
    require(request, Action.CHANGE, commission)
    data = _commission_fields(user, payload.dict(exclude_unset=True))
    return _commission_row(services.commission_update(commission=commission, by=user, data=data))


@router.delete("/{int:commission_id}", response={204: None, **WRITE_ERRORS})
def delete_commission(request: HttpRequest, commission_id: int):  # type: ignore[no-untyped-def]
    user = current_user(request)
    commission = queries.commission_for(user, commission_id)
    require(request, Action.DELETE, commission)
    services.commission_delete(commission=commission, by=user)
    return Status(204, None)


@router.get("/{int:commission_id}/members", response={200: list[MemberOut], **READ_ERRORS})
def list_members(request: HttpRequest, commission_id: int):  # type: ignore[no-untyped-def]
    commission = queries.commission_for(current_user(request), commission_id)
    return [member_out(m) for m in commission.members.select_related("organisation")]


@router.post("/{int:commission_id}/members", response={201: MemberOut, **WRITE_ERRORS})
def add_member(request: HttpRequest, commission_id: int, payload: MemberIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    commission = queries.commission_for(user, commission_id)
    require(request, Action.CREATE, commission, kind=CommissionMember)
    member = services.member_add(by=user, commission=commission, **_member_data(user, payload))
    return Status(201, member_out(member))


@router.get("/{int:commission_id}/meetings", response={200: list[MeetingOut], **READ_ERRORS})
def list_meetings(request: HttpRequest, commission_id: int):  # type: ignore[no-untyped-def]
    commission = queries.commission_for(current_user(request), commission_id)
    return [meeting_out(m) for m in commission.meetings.select_related("commission").prefetch_related("agenda_items")]


@router.post("/{int:commission_id}/meetings", response={201: MeetingOut, **WRITE_ERRORS})
def add_meeting(request: HttpRequest, commission_id: int, payload: MeetingIn):  # type: ignore[no-untyped-def]
    user = current_user(request)
    commission = queries.commission_for(user, commission_id)
    require(request, Action.CREATE, commission, kind=Meeting)
    return Status(201, meeting_out(services.meeting_create(by=user, commission=commission, **payload.dict())))

