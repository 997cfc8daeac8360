"""API of the social partners register: organisations, membership reports, representativeness (/api/v1/partners)."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from tripartite.core.api_support import (
    MAX_PAGE,
    READ_ERRORS,
    WRITE_ERRORS,
    current_user,
    get_or_404,
    require,
    trilingual_schema,
)
from tripartite.core.policy import Action, visible
from tripartite.partners import queries, services
from tripartite.partners.models import MembershipReport, Organisation

router = Router(tags=["partners"])

MAX_PAGE_SIZE = 100


# ---------------------------------------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------------------------------------


class OrganisationIn(trilingual_schema("OrganisationInNames", "name")):  # type: ignore[misc]
    """An organisation as sent by a client. Regions by KATO code, sectors by OKED section letter."""

    kind: str = Field(..., description="trade_union, employers_association, employer, state_body or ngo")
    subkind: str = Field("", description="The type within the kind, e.g. sectoral_union, primary_union, ministry")
    parent: int | None = Field(None, description="Id of the parent organisation")
    short_name: str = ""
    bin: str = Field("", description="Business identification number: 12 digits with a valid control digit")
    regions: list[str] = Field(default_factory=list, description="KATO codes, e.g. 710000000 (or 71)")
    sectors: list[str] = Field(default_factory=list, description="OKED sections, e.g. P")
    website: str = ""
    address: str = ""
    registered_on: date | None = Field(None, description="Date of state registration (YYYY-MM-DD), not in the future")
    published: bool = True


class OrganisationPatch(trilingual_schema("OrganisationPatchNames", "name", kind="patch")):  # type: ignore[misc]
    """A partial change: only the fields sent change."""

    kind: str | None = None
    subkind: str | None = None
    parent: int | None = None
    short_name: str | None = None
    bin: str | None = None
    regions: list[str] | None = None
    sectors: list[str] | None = None
    website: str | None = None
    address: str | None = None
    registered_on: date | None = Field(None, description="Send null to clear the date of state registration")
    published: bool | None = None


class OrganisationOut(trilingual_schema("OrganisationOutNames", "name", kind="out")):  # type: ignore[misc]
    id: int
    kind: str
    subkind: str
    parent: int | None
    name: str
    short_name: str
    bin: str
    regions: list[str]
    sectors: list[str]
    website: str
    address: str
    registered_on: date | None
    published: bool
    is_demo: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_parent(obj: Organisation) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_regions(obj: Organisation) -> list[str]:
        return [r.kato for r in obj.regions.all()]

    @staticmethod
    def resolve_sectors(obj: Organisation) -> list[str]:
        return [s.code for s in obj.sectors.all()]


class OrganisationPage(Schema):
    items: list[OrganisationOut]
    count: int
    page: int
    pages: int


class OrganisationFilters(Schema):
    q: str = Field("", description="Search in the names (kk, ru, en), the abbreviation and the BIN")
    kind: str = ""
    subkind: str = ""
    region: str = Field("", description="KATO code")
    sector: str = Field("", description="OKED section")
    parent: int | None = None
    registered_from: date | None = Field(None, description="Registered on or after this date")
    registered_to: date | None = Field(None, description="Registered on or before this date")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


class ReportIn(Schema):
    as_of: date
    members: int
    employee_members: int | None = None
    employees_in_scope: int | None = None
    member_organisations: int | None = None
    source: str = ""


class ReportOut(Schema):
    id: int
    organisation: int
    as_of: date
    members: int
    employee_members: int | None
    employees_in_scope: int | None
    member_organisations: int | None
    source: str
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj: MembershipReport) -> int:
        return obj.organisation_id


class FactOut(Schema):
    key: str
    value: int | None
    source: str


class RepresentativenessCriterionOut(Schema):
    key: str
    description: str
    met: bool | None
    code: str
    reason: str
    verified: bool
    sources: list[str]


class RepresentativenessOut(Schema):
    organisation: int
    kind: str
    on: date
    meets: bool | None
    verified: bool
    report_as_of: date | None
    facts: list[FactOut]
    criteria: list[RepresentativenessCriterionOut]


# ---------------------------------------------------------------------------------------------------------
# Helpers: turning ids and codes into rows, with 422 for unknown ones
# ---------------------------------------------------------------------------------------------------------


def _organisations_of(request: HttpRequest) -> Any:
    return visible(current_user(request), Organisation.objects.select_related("parent"))


def _relations(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if data.get("parent") is not None:
        parent = _organisations_of(request).filter(pk=data["parent"]).first()
        if parent is None:
            errors["parent"] = [_("No organisation with id %(id)s.") % {"id": data["parent"]}]
        data["parent"] = parent
    if data.get("regions") is not None:
        regions: list[Any] = []
        unknown: list[Any] = []
        for code in data["regions"]:
            region = queries.region_by_code(code)
            (regions if region else unknown).append(region or code)
        if unknown:
            errors["regions"] = [_("Unknown KATO region code: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}]
        data["regions"] = regions
    if data.get("sectors") is not None:
        sectors: list[Any] = []
        unknown = []
        for code in data["sectors"]:
            sector = queries.sector_by_code(code)
            (sectors if sector else unknown).append(sector or code)
        if unknown:
            errors["sectors"] = [_("Unknown OKED section: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}]
        data["sectors"] = sectors
    if errors:
        raise ValidationError(errors)
    return data


def _organisation(request: HttpRequest, org_id: int) -> Organisation:
    return get_or_404(_organisations_of(request), pk=org_id)


def _report(request: HttpRequest, report_id: int) -> MembershipReport:
    orgs = _organisations_of(request)
    return get_or_404(MembershipReport.objects.select_related("organisation").filter(organisation__in=orgs),
                      pk=report_id)


# ---------------------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------------------


@router.get("/organisations", response={200: OrganisationPage, **READ_ERRORS})
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters]):  # type: ignore[no-untyped-def]
    """Organisations, ordered by name in the request's language; anonymous callers see published ones only."""
    errors: dict[str, list[str]] = {}
    region = sector = None
    if filters.region:
        region = queries.region_by_code(filters.region)
        if region is None:
            errors["region"] = [_("Unknown KATO region code: %(codes)s.") % {"codes": filters.region}]
    if filters.sector:
        sector = queries.sector_by_code(filters.sector)
        if sector is None:
            errors["sector"] = [_("Unknown OKED section: %(codes)s.") % {"codes": filters.sector}]
    if errors:
        raise ValidationError(errors)
    qs = queries.organisation_list(
        user=current_user(request), q=filters.q, kind=filters.kind, subkind=filters.subkind,
        region=region, sector=sector, parent=filters.parent,
        registered_from=filters.registered_from, registered_to=filters.registered_to,
    )
    count = qs.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "items": list(qs[start:start + filters.page_size]),
        "count": count,
        "page": filters.page,
        "pages": max(1, math.ceil(count / filters.page_size)),
    }


@router.post("/organisations", response={201: OrganisationOut, **WRITE_ERRORS})
def create_organisation(request: HttpRequest, payload: OrganisationIn):  # type: ignore[no-untyped-def]
    """Register an organisation. An organisation editor adds organisations under one they edit."""
    if not current_user(request).is_authenticated:
        require(request, Action.CREATE, None, kind=Organisation)  # 401 before looking at the payload
    data = _relations(request, payload.dict())
    require(request, Action.CREATE, data.get("parent"), kind=Organisation)
    return Status(201, services.organisation_create(by=current_user(request), data=data))


@router.get("/organisations/{int:org_id}", response={200: OrganisationOut, **READ_ERRORS})
def get_organisation(request: HttpRequest, org_id: int):  # type: ignore[no-untyped-def]
    return _organisation(request, org_id)


@router.put("/organisations/{int:org_id}", response={200: OrganisationOut, **WRITE_ERRORS})
def replace_organisation(request: HttpRequest, org_id: int, payload: OrganisationIn):  # type: ignore[no-untyped-def]
    """Replace every field of an organisation (fields left out take their defaults)."""
    org = _organisation(request, org_id)
    require(request, Action.CHANGE, org)
    data = _relations(request, payload.dict())
    return services.organisation_update(by=current_user(request), organisation=org, data=data)


@router.patch("/organisations/{int:org_id}", response={200: OrganisationOut, **WRITE_ERRORS})
def change_organisation(request: HttpRequest, org_id: int, payload: OrganisationPatch):  # type: ignore[no-untyped-def]
    """Change the fields sent; send `"parent": null` to detach an organisation from its parent.

    `"registered_on": null` clears the date of state registration.
    """
    org = _organisation(request, org_id)
    require(request, Action.CHANGE, org)
    sent = payload.dict(exclude_unset=True)
    for name in [n for n, v in sent.items() if v is None and n not in ("parent", "registered_on")]:
        raise ValidationError({name: [_("This field cannot be null.")]})
    data = _relations(request, sent)
    return services.organisation_update(by=current_user(request), organisation=org, data=data)


@router.delete("/organisations/{int:org_id}", response={204: None, **WRITE_ERRORS})
def delete_organisation(request: HttpRequest, org_id: int):  # type: ignore[no-untyped-def]
    """Delete an organisation; 409 while organisations sit under it or other records refer to it.

    The 409's `detail` names each kind of record that refers to it and how many, as the delete page does.
    """
    org = _organisation(request, org_id)
    require(request, Action.DELETE, org)
    services.organisation_delete(by=current_user(request), organisation=org)
    return Status(204, None)


@router.get("/organisations/{int:org_id}/representativeness", response={200: RepresentativenessOut, **READ_ERRORS})
def organisation_representativeness(request: HttpRequest, org_id: int):  # type: ignore[no-untyped-def]
    """Whether the organisation meets the jurisdiction's representativeness criteria, and why.

    `met` is null when the platform cannot tell (a fact or a statutory threshold is missing);
    `verified` is false when a criterion's threshold is not confirmed against the law.
    """
    result = queries.representativeness(_organisation(request, org_id))
    return {
        "organisation": result.organisation.pk,
        "kind": result.pack_kind,
        "on": result.on,
        "meets": result.meets,
        "verified": result.verified,
        "report_as_of": result.report.as_of if result.report else None,
        "facts": [{"key": f.key, "value": f.value, "source": f.source} for f in result.facts],
        "criteria": [c.__dict__ | {"sources": list(c.sources)} for c in result.criteria],
    }


# ---------------------------------------------------------------------------------------------------------
# Membership reports
# ---------------------------------------------------------------------------------------------------------


@router.get("/organisations/{int:org_id}/reports", response={200: list[ReportOut], **READ_ERRORS})
def list_reports(request: HttpRequest, org_id: int):  # type: ignore[no-untyped-def]
    """The organisation's membership reports, newest first."""
    return _organisation(request, org_id).membership_reports.order_by("-as_of")


@router.post("/organisations/{int:org_id}/reports", response={201: ReportOut, **WRITE_ERRORS})
def create_report(request: HttpRequest, org_id: int, payload: ReportIn):  # type: ignore[no-untyped-def]
    org = _organisation(request, org_id)
    require(request, Action.CREATE, org, kind=MembershipReport)
    report = services.membership_report_create(by=current_user(request), organisation=org, data=payload.dict())
    return Status(201, report)


@router.get("/reports/{int:report_id}", response={200: ReportOut, **READ_ERRORS})
def get_report(request: HttpRequest, report_id: int):  # type: ignore[no-untyped-def]
    return _report(request, report_id)


@router.put("/reports/{int:report_id}", response={200: ReportOut, **WRITE_ERRORS})
def replace_report(request: HttpRequest, report_id: int, payload: ReportIn):  # type: ignore[no-untyped-def]
    report = _report(request, report_id)
    require(request, Action.CHANGE, report)
    return services.membership_report_update(by=current_user(request), report=report, data=payload.dict())


@router.delete("/reports/{int:report_id}", response={204: None, **WRITE_ERRORS})
def delete_report(request: HttpRequest, report_id: int):  # type: ignore[no-untyped-def]
    report = _report(request, report_id)
    require(request, Action.DELETE, report)
    services.membership_report_delete(by=current_user(request), report=report)
    return Status(204, None)
