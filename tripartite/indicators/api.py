"""API endpoints of the indicators app: the indicators with their values, and the official statistics."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from tripartite.core.api_support import (
    READ_ERRORS,
    WRITE_ERRORS,
    RegionRef,
    SectorRef,
    current_user,
    error_body,
    require,
)
from tripartite.core.policy import Action
from tripartite.indicators import opendata, queries, registry, services
from tripartite.indicators.computations import wages
from tripartite.indicators.models import Series, StatisticValue

router = Router(tags=["indicators"])

# Schemas -----------------------------------------------------------------------------------------------------


class IndicatorOut(Schema):
    code: str
    title: str
    short: str
    unit: str = Field(description="percent (a share × 100) or ratio (a plain quotient)")
    numerator_label: str
    denominator_label: str
    by_region: bool
    by_sector: bool
    page_url: str
    api_url: str


class MethodologyOut(Schema):
    definition: str
    formula: str
    numerator: str
    denominator: str
    sources: list[str]
    caveats: list[str]
    reference: str


class SourceOut(Schema):
    label: str
    url: str
    published_on: date | None
    confirmed: bool


class RecordOut(Schema):
    kind: str = Field(description="statistic, membership_report, decision, meeting, …")
    id: int
    label: str
    url: str = Field(description="The page that shows the record")


class ValueOut(Schema):
    period: str
    region: RegionRef | None = Field(description="null: the whole country")
    sector: SectorRef | None = Field(description="null: all sectors")
    value: float | None = Field(description="null when the numerator or denominator is missing (see status)")
    numerator: float | None
    denominator: float | None
    status: str = Field(description="ok, no_denominator, no_numerator or zero_denominator")
    message: str
    notes: list[str]
    unconfirmed: bool = Field(description="true when a figure used is not confirmed by its source")
    sources: list[SourceOut]
    records: list[RecordOut]


class IndicatorDocument(Schema):
    indicator: IndicatorOut
    methodology: MethodologyOut
    values: list[ValueOut]


class PathStepOut(Schema):
    year: int
    minimum_wage: int
    wage: int
    percent: float
    increase: int
    increase_percent: float


class PathOut(Schema):
    base: ValueOut
    target_percent: float
    years: int
    wage_growth_percent: float
    yearly_increase_percent: float
    steps: list[PathStepOut]


class StatisticOut(Schema):
    id: int
    series: str
    series_name: str
    period: str
    region: RegionRef | None
    sector: SectorRef | None
    value: int
    source: str
    source_url: str
    published_on: date | None
    confirmed: bool
    note: str
    is_demo: bool


class StatisticPage(Schema):
    count: int
    items: list[StatisticOut]


class ImportOut(Schema):
    id: int
    file_name: str
    imported_at: datetime
    created: int
    updated: int


# Helpers -----------------------------------------------------------------------------------------------------


def _indicator(code: str) -> registry.Indicator:
    indicator = registry.get(code)
    if indicator is None:
        raise Http404
    return indicator


def _query(request: HttpRequest, period: str, region: str, sector: str) -> registry.Query:
    p, r, s, errors = queries.parse_filters(period=period, region=region, sector=sector)
    if errors:
        raise ValidationError(errors)
    return registry.Query(period=p, region=r, sector=s, user=current_user(request), today=timezone.localdate())


def _statistic(v: StatisticValue) -> dict[str, Any]:
    return {
        "id": v.pk, "series": v.series, "series_name": v.get_series_display(), "period": v.period,
        "region": {"kato": v.region.kato, "name": v.region.name} if v.region else None,
        "sector": {"code": v.sector.code, "name": v.sector.name} if v.sector else None,
        "value": v.value, "source": v.source, "source_url": v.source_url, "published_on": v.published_on,
        "confirmed": v.confirmed, "note": v.note, "is_demo": v.is_demo,
    }


class StatisticFilters(Schema):
    series: str = Field("", description="employees, average_wage, median_wage or minimum_wage")
    period: str = Field("", description="A year (2024) or a quarter (2024-Q2)")
    region: str = Field("", description="KATO code; `national` for the whole country; empty for any")
    sector: str = Field("", description="OKED section letter; `all` for all sectors; empty for any")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


# Official statistics ---------------------------------------------------------------------------------------------
# (declared before /{code} so that "statistics" is never read as an indicator code)


@router.get("/statistics", response={200: StatisticPage, **READ_ERRORS}, summary="Official statistics")
def statistic_list(request: HttpRequest, filters: Query[StatisticFilters]) -> Any:
    """Official figures by series, period, region and sector, each with its source and publication date."""
    errors: dict[str, Any] = {}
    if filters.series and filters.series not in Series.values:
        errors["series"] = _("Choose one of: %(allowed)s.") % {"allowed": ", ".join(Series.values)}
    p, r, s, filter_errors = queries.parse_filters(
        period=filters.period,
        region="" if filters.region in ("", "national") else filters.region,
        sector="" if filters.sector in ("", "all") else filters.sector,
    )
    errors.update(filter_errors)
    if errors:
        raise ValidationError(errors)
    region: Any = None if filters.region == "national" else (r if r is not None else "")
    sector: Any = None if filters.sector == "all" else (s if s is not None else "")
    rows = queries.statistics(series=filters.series, period=p, region=region, sector=sector)
    return {"count": rows.count(), "items": [_statistic(v) for v in rows[filters.offset:filters.offset + filters.limit]]}


@router.post("/statistics/import", response={201: ImportOut, **WRITE_ERRORS},
             summary="Import official statistics (CSV or XLSX)")
def statistic_import(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """Upload a CSV (UTF-8) or XLSX file with the columns series, period, region, sector, value, source,
    source_url, published_on, note. The file is checked whole: when any row is wrong nothing is stored and
    `errors` lists every problem with `field` = `rows.<row>.<column>`."""
    require(request, Action.CREATE, None, kind=StatisticValue)
    try:
        batch = services.statistics_import(by=current_user(request), file_name=file.name or "upload",
                                           content=file.read())
    except services.ImportRejected as exc:
        return Status(422, error_body(422, str(exc), errors=[{"field": e.location, "message": e.message}
                                                             for e in exc.errors]))
    return Status(201, {"id": batch.pk, "file_name": batch.file_name, "imported_at": batch.imported_at,
                        "created": batch.created, "updated": batch.updated})


@router.get("/statistics/{int:statistic_id}", response={200: StatisticOut, **READ_ERRORS},
            summary="One official figure")
def statistic_detail(request: HttpRequest, statistic_id: int) -> Any:
    value = queries.statistic_for(statistic_id)
    if value is None:
        raise Http404
    return _statistic(value)


# Indicators ------------------------------------------------------------------------------------------------------


@router.get("", response=list[IndicatorOut], summary="Indicators")
def indicator_list(request: HttpRequest) -> Any:
    """Every registered indicator, with the addresses of its page and its data."""
    return [opendata.indicator_dict(i) for i in registry.all_indicators()]


@router.get("/{code}", response={200: IndicatorDocument, **READ_ERRORS}, summary="An indicator's values")
def indicator_values(request: HttpRequest, code: str, period: str = "", region: str = "", sector: str = "") -> Any:
    """Values by period for the whole country (or `region`, a KATO code) and all sectors (or `sector`, an
    OKED section), each with its numerator, denominator, sources and the records it was computed from.
    Without `period`, every period with data is given."""
    indicator = _indicator(code)
    values = indicator.values(_query(request, period, region, sector))
    return opendata.indicator_document(indicator, values)


@router.get("/{code}/path", response={200: PathOut, **READ_ERRORS}, summary="Path to a target share")
def indicator_path(request: HttpRequest, code: str, target: str = "", years: str = "", growth: str = "",
                   period: str = "", region: str = "", sector: str = "") -> Any:
    """For the minimum-wage ratios: equal yearly increases of the minimum wage that reach `target` percent
    (default 50) of the wage in `years` years (default 5), the wage growing `growth` percent a year (default 0),
    from the latest value (or `period`)."""
    indicator = _indicator(code)
    if not indicator.extras.get("target_path"):
        raise Http404
    target_percent, n_years, growth_percent = wages.parse_path_params(target, years, growth)
    path = wages.path_for(indicator, _query(request, period, region, sector), target_percent=target_percent,
                          years=n_years, wage_growth_percent=growth_percent)
    if path is None:
        raise HttpError(404, _("There is no value to start the path from: the minimum wage or the wage is missing."))
    return {
        "base": opendata.value_dict(path.base), "target_percent": float(path.target_percent), "years": path.years,
        "wage_growth_percent": float(path.wage_growth_percent),
        "yearly_increase_percent": float(path.yearly_increase_percent),
        "steps": [{"year": s.year, "minimum_wage": s.minimum_wage, "wage": s.wage, "percent": float(s.percent),
                   "increase": s.increase, "increase_percent": float(s.increase_percent)} for s in path.steps],
    }
