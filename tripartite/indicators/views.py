"""Pages of the indicators app: the indicators, their methodology and values, open data, official statistics."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tripartite.core.models import Region, Sector
from tripartite.core.pages import permit
from tripartite.core.policy import Action, can
from tripartite.core.views import history_page, paginate
from tripartite.indicators import charts, dashboard, maps, opendata, queries, registry, report, services
from tripartite.indicators.computations import wages
from tripartite.indicators.forms import (
    ImportForm,
    IndicatorFilterForm,
    PathForm,
    StatisticFilterForm,
    YearForm,
)
from tripartite.indicators.models import StatisticValue
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import Indicator, IndicatorValue, Query, Unit
from tripartite.partners.queries import region_by_code, sector_by_code


def _indicator_or_404(code: str) -> Indicator:
    indicator = registry.get(code)
    if indicator is None:
        raise Http404
    return indicator


def _latest(values: list[IndicatorValue]) -> IndicatorValue | None:
    usable = [v for v in values if v.value is not None]
    return usable[-1] if usable else (values[-1] if values else None)


def indicator_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    for indicator in registry.all_indicators():
        values = indicator.values(Query(user=request.user, today=today))
        rows.append({"indicator": indicator, "latest": _latest(values)})
    return render(request, "indicators/list.html", {"rows": rows})


def _query_from(request: HttpRequest, indicator: Indicator) -> tuple[IndicatorFilterForm, Query, Period | None,
                                                                        list[IndicatorValue], int]:
    """Read the filters; the trend is computed for the region and sector chosen, over every period."""
    today = timezone.localdate()
    p, r, s, errors = queries.parse_filters(
        period=request.GET.get("period", ""), region=request.GET.get("region", ""),
        sector=request.GET.get("sector", ""),
    )
    if not indicator.by_region:
        r = None
    if not indicator.by_sector:
        s = None
    trend = indicator.values(Query(region=r, sector=s, user=request.user, today=today))
    periods = [v.period for v in trend]
    form = IndicatorFilterForm(request.GET or None, periods=periods, by_region=indicator.by_region,
                               by_sector=indicator.by_sector)
    status = 200
    if request.GET and not form.is_valid():
        status = 422
    for name, message in errors.items():
        if name in form.fields and not form.has_error(name):
            form.add_error(name, message)
            status = 422
    if p is None or status == 422:
        latest = _latest(trend)
        p = latest.period if latest else None
    return form, Query(period=p, region=r, sector=s, user=request.user, today=today), p, trend, status


def _breakdown(indicator: Indicator, query: Query, items: list[Any], attr: str) -> list[IndicatorValue]:
    """The indicator for `query.period` in each region (attr="region") or sector (attr="sector")."""
    if query.period is None:
        return []
    found = []
    for item in items:
        params = {"period": query.period, "region": query.region, "sector": query.sector, attr: item,
                  "user": query.user, "today": query.today}
        found.extend(indicator.values(Query(**params)))
    # A row says something when it has a figure of its own: its denominator, or a numerator that is
    # specific to the region or sector (the national minimum wage is the same in every row).
    national_numerator = indicator.extras.get("national_numerator", False)
    return [v for v in found if v.denominator is not None or (v.numerator is not None and not national_numerator)]


def _axis_title(indicator: Indicator) -> str:
    return _("Percent") if indicator.unit == Unit.PERCENT else str(indicator.denominator_label)


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = _indicator_or_404(code)
    form, query, period, trend, status = _query_from(request, indicator)
    selected = [v for v in trend if period is not None and v.period == period]
    by_sector = _breakdown(indicator, query, list(Sector.objects.order_by("code")), "sector") \
        if indicator.by_sector and query.sector is None else []
    by_region = _breakdown(indicator, query, list(Region.objects.order_by("kato")), "region") \
        if indicator.by_region and query.region is None else []
    axis = _axis_title(indicator)
    context: dict[str, Any] = {
        "indicator": indicator, "form": form, "query": query, "period": period, "trend": trend,
        "selected": selected[0] if selected else None,
        "trend_svg": charts.svg(charts.trend_spec(trend, title=str(indicator.title), axis_title=axis)),
        "by_sector": by_sector, "by_region": by_region,
        "sector_svg": charts.svg(charts.bars_spec(
            [(v.sector.code, float(v.value)) for v in by_sector if v.value is not None and v.sector],
            title=_("By sector, %(period)s") % {"period": period}, axis_title=axis, label_title=_("Sector"))),
        "region_map": _region_map(indicator, by_region, period, params=request.GET) if by_region else "",
        "download_query": request.GET.urlencode(),
        "percent": indicator.unit == Unit.PERCENT,
    }
    if indicator.extras.get("target_path"):
        context.update(_path_context(request, indicator, query))
    return render(request, "indicators/detail.html", context, status=status)


def _region_map(indicator: Indicator, by_region: list[IndicatorValue], period: Period | None, *, base: str = "",
                params: Any = None) -> str:
    """The choropleth of the figures by region; each region links to its own figures on the indicator's page
    (`base`, with the query `params`; the current page when `base` is empty)."""
    links = {}
    for v in by_region:
        if v.region is None:
            continue
        query = params.copy() if params is not None else QueryDict(mutable=True)
        query["region"] = v.region.kato
        if period is not None:
            query["period"] = str(period)
        links[maps.region_key(v.region.kato)] = f"{base}?{query.urlencode()}"
    keyed = [(maps.region_key(v.region.kato), v) for v in by_region if v.region is not None]
    return maps.choropleth_svg(
        {key: v.value for key, v in keyed},
        title=_("%(indicator)s by region, %(period)s") % {"indicator": indicator.title, "period": period},
        links=links, names={key: v.region.name for key, v in keyed if v.region is not None},
        percent=indicator.unit == Unit.PERCENT)


def _dashboard_map(request: HttpRequest, figures: list[dashboard.Figure]) -> dict[str, Any]:
    """The dashboard's map: the indicator asked for (`map=`), else the first with figures by region."""
    choices = [f for f in figures if f.indicator.by_region and f.period is not None]
    asked = request.GET.get("map", "")
    ordered = sorted(choices, key=lambda f: f.indicator.code != asked)
    regions = list(Region.objects.order_by("kato"))
    for figure in ordered:
        query = Query(period=figure.period, user=request.user, today=timezone.localdate())
        by_region = _breakdown(figure.indicator, query, regions, "region")
        if by_region:
            return {"map_figure": figure, "map_choices": choices, "map_values": by_region,
                    "map_svg": _region_map(figure.indicator, by_region, figure.period,
                                           base=reverse("indicators:detail", args=[figure.indicator.code]))}
    return {"map_figure": None, "map_choices": choices}


def _path_context(request: HttpRequest, indicator: Indicator, query: Query) -> dict[str, Any]:
    path_form = PathForm(request.GET if "target" in request.GET else None)
    params = path_form.cleaned_data if path_form.is_bound and path_form.is_valid() else {}
    if path_form.is_bound and path_form.errors:
        return {"path_form": path_form, "path": None}
    target, years, growth = wages.parse_path_params(params.get("target"), params.get("years"), params.get("growth"))
    path = wages.path_for(indicator, Query(period=query.period, region=query.region, sector=query.sector,
                                           user=query.user, today=query.today),
                          target_percent=target, years=years, wage_growth_percent=growth)
    return {"path_form": path_form if path_form.is_bound else PathForm(), "path": path}


def _bad_filter(errors: dict[str, Any]) -> HttpResponse:
    body = {"detail": _("The request has invalid fields."),
            "errors": [{"field": k, "message": str(v)} for k, v in errors.items()]}
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=422, content_type="application/json")


def _download(request: HttpRequest, code: str, extension: str,
              file_of: Callable[[Indicator, list[IndicatorValue]], HttpResponse]) -> HttpResponse:
    """An indicator's values for the filters asked for, as the file `file_of` makes (422 when a filter is wrong)."""
    indicator = _indicator_or_404(code)
    p, r, s, errors = queries.parse_filters(
        period=request.GET.get("period", ""), region=request.GET.get("region", ""),
        sector=request.GET.get("sector", ""),
    )
    if errors:
        return _bad_filter(errors)
    values = indicator.values(Query(period=p, region=r, sector=s, user=request.user, today=timezone.localdate()))
    response = file_of(indicator, values)
    response["Content-Disposition"] = f'attachment; filename="{indicator.code}.{extension}"'
    return response


def indicator_json(request: HttpRequest, code: str) -> HttpResponse:
    return _download(request, code, "json", lambda indicator, values: HttpResponse(
        json.dumps(opendata.indicator_document(indicator, values), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8"))


def indicator_csv(request: HttpRequest, code: str) -> HttpResponse:
    methodology = request.build_absolute_uri(reverse("indicators:detail", args=[code]) + "#methodology")
    return _download(request, code, "csv", lambda indicator, values: HttpResponse(
        "\ufeff" + opendata.indicator_csv(indicator, values, methodology_url=methodology),
        content_type="text/csv; charset=utf-8"))


# Dashboard and yearly report ----------------------------------------------------------------------------------


def _year_from(request: HttpRequest) -> tuple[int | None, list[int], list[dashboard.Figure], YearForm, int]:
    """The year asked for (422 with the form's message when it is not one with figures) and the figures."""
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    asked = int(raw) if raw.isdigit() else None
    year, years, figures = dashboard.national(user=request.user, today=today, year=asked)
    form = YearForm(request.GET or None, years=years)
    status = 422 if request.GET and not form.is_valid() else 200
    return year, years, figures, form, status


def dashboard_page(request: HttpRequest) -> HttpResponse:
    year, _years, figures, form, status = _year_from(request)
    sectors = dashboard.add_sectors(figures, user=request.user, today=timezone.localdate())
    cards = [{"figure": f, "sparkline": charts.svg(charts.sparkline_spec(f.trend, axis_title=_axis_title(f.indicator)))}
             for f in figures]
    sector_figures = [f for f in figures if f.indicator.by_sector and f.by_sector]
    rows = [{"sector": s, "cells": [(f, f.by_sector.get(s.code)) for f in sector_figures]} for s in sectors]
    return render(request, "indicators/dashboard.html", {
        "year": year, "form": form, "cards": cards, "sector_figures": sector_figures, "sector_rows": rows,
        **_dashboard_map(request, figures),
    }, status=status)


def _report_response(request: HttpRequest, kind: str) -> HttpResponse:
    year, _years, figures, form, status = _year_from(request)
    if status != 200 or year is None:
        errors = form.errors.get("year") or [_("There are no figures to report yet.")]
        return _bad_filter({"year": errors[0]})
    language = translation.get_language() or "en"
    if kind == "docx":
        content = report.docx(year=year, figures=figures, language=language, base_url=request.build_absolute_uri("/"))
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        content = report.xlsx(year=year, figures=figures, language=language, base_url=request.build_absolute_uri("/"))
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="social-dialogue-{year}-{language}.{kind}"'
    return response


def report_docx(request: HttpRequest) -> HttpResponse:
    return _report_response(request, "docx")


def report_xlsx(request: HttpRequest) -> HttpResponse:
    return _report_response(request, "xlsx")


# Official statistics -------------------------------------------------------------------------------------------


def statistic_list(request: HttpRequest) -> HttpResponse:
    form = StatisticFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    region: Any = ""
    if data.get("region") == "national":
        region = None
    elif data.get("region"):
        region = region_by_code(data["region"]) or ""
    sector: Any = ""
    if data.get("sector") == "all":
        sector = None
    elif data.get("sector"):
        sector = sector_by_code(data["sector"]) or ""
    rows = queries.statistics(series=data.get("series", ""),
                              period=Period.parse(data["period"]) if data.get("period") else None,
                              region=region, sector=sector)
    page = paginate(request, rows)
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "indicators/statistics.html",
                  {"form": form, "page_obj": page, "may_import": services.may_import(request.user)}, status=status)


def statistic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    value = queries.statistic_for(pk)
    if value is None:
        raise Http404
    return render(request, "indicators/statistic.html", {
        "object": value, "demo_banner": True, "may_history": can(request.user, Action.VIEW_HISTORY, value),
    })


def statistic_history(request: HttpRequest, pk: int) -> HttpResponse:
    value = queries.statistic_for(pk)
    if value is None:
        raise Http404
    return history_page(request, value, back_url=reverse("indicators:statistic", args=[pk]))


def statistic_import(request: HttpRequest) -> HttpResponse:
    permit(request, Action.CREATE, None, kind=StatisticValue)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = services.statistics_import(by=request.user, file_name=upload.name, content=upload.read())
            except services.ImportRejected as exc:
                errors = exc.errors
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Imported %(file)s: %(created)s figures added, %(updated)s replaced.") % {
                    "file": batch.file_name, "created": batch.created, "updated": batch.updated})
                return redirect("indicators:statistics")
        status = 422
    return render(request, "indicators/import.html", {"form": form, "errors": errors}, status=status)
