"""Results pages of a campaign: overview, crosstab builder, pinned tables, margins, import, exports, report.

Thin views: they parse the request, call the results' queries or services, `importing`, `exporting` or
`reports`, and render.
The owner, analysts and administrators see everything; when the owner publishes the results,
everyone else sees the public version, where small cells are hidden.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tripartite.analysis import i18n as analysis_i18n
from tripartite.core.errors import DomainError
from tripartite.core.i18n import current_language
from tripartite.core.pages import add_errors, delete_page, deny, permit, refusal_text, submit
from tripartite.core.policy import Action
from tripartite.languages import LANGUAGES
from tripartite.surveys import importing
from tripartite.surveys.collect import queries as collect_queries
from tripartite.surveys.models import Campaign, Margins, Response, ResultTable
from tripartite.surveys.results import exporting, queries, reports, services
from tripartite.surveys.results.forms import (
    CrosstabForm,
    DesignForm,
    ImportForm,
    MarginsTextForm,
    MarginsUploadForm,
    PinForm,
    ReportForm,
)

#: Session key of the rejected-rows files an owner may download (token -> campaign id and CSV text).
REJECTED_SESSION_KEY = "surveys_import_rejected"


def _campaign(request: HttpRequest, slug: str) -> Campaign:
    return collect_queries.campaign_for(request.user, slug)


def _managed_campaign(request: HttpRequest, slug: str) -> Campaign:
    """The campaign whose results settings (pinned tables, margins, imports) the user changes: its owner's."""
    campaign = _campaign(request, slug)
    permit(request, Action.CHANGE, campaign)
    return campaign


def _analysed_campaign(request: HttpRequest, slug: str) -> Campaign:
    """The campaign whose full results (answers, reports) the user reads: the owner's editors, analysts, admins."""
    campaign = _campaign(request, slug)
    permit(request, Action.VIEW, campaign, kind=Response)
    return campaign


def _row_of(campaign: Campaign, model: type[Model], pk: int) -> Any:
    row = model._default_manager.filter(campaign=campaign, pk=pk).first()
    if row is None:
        raise Http404
    return row


# ---------------------------------------------------------------------------------------------
# Presenting a crosstab


def table_view(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """What the table partial draws: rows of cells with count, row % and residual mark, totals, statistics."""
    marks = reports.residual_marks(data)
    row_pct = data.get("row_pct") or []
    rows = []
    for i, label in enumerate(data["rows"]["labels"]):
        cells = []
        for j, count in enumerate(data["counts"][i]):
            pct = row_pct[i][j] if i < len(row_pct) else None
            cells.append({"count": reports.format_number(count, lang=lang),
                          "pct": None if pct is None else reports.format_number(pct, digits=1, lang=lang),
                          "hidden": count is None, "mark": marks.get((i, j), "")})
        rows.append({"label": label, "cells": cells, "total": reports.format_number(data["row_totals"][i], lang=lang)})
    layers = [table_view(layer, lang) | {"layer": layer.get("layer")} for layer in data.get("layers") or []]
    return {
        "data": data,
        "row_title": data["rows"].get("title") or data["rows"]["name"],
        "col_title": data["cols"].get("title") or data["cols"]["name"],
        "col_labels": data["cols"]["labels"],
        "rows": rows,
        "col_totals": [reports.format_number(v, lang=lang) for v in data["col_totals"]],
        "total": reports.format_number(data.get("total"), lang=lang),
        "statistics": reports.statistics_lines(data, lang),
        "findings": [f.get("text", "") for f in data.get("findings") or []],
        "warnings": [w.get("text", "") for w in data.get("warnings") or []],
        "has_marks": bool(marks),
        "layers": layers,
        # The engine's words, as in the reports ("Findings" alone is ambiguous across the apps' catalogues).
        "total_label": analysis_i18n.gettext(lang, "Total"),
        "statistics_label": analysis_i18n.gettext(lang, "Statistics"),
        "findings_label": analysis_i18n.gettext(lang, "Findings"),
    }


# ---------------------------------------------------------------------------------------------
# Overview


def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    access = queries.results_access(request.user, campaign)
    if access is None:
        return deny(request)
    public = access == "public"
    lang = current_language()
    by_day = queries.counts_by_day(campaign)
    by_wave = queries.counts_by_wave(campaign)
    total = sum(n for _d, n in by_day)
    peak = max((n for _d, n in by_day), default=0)
    pinned = queries.pinned_results(campaign, public=public, lang=lang)
    return render(request, "surveys/results/results.html", {
        "campaign": campaign, "public": public, "total": total,
        "by_day": [(d, n, round(100 * n / peak) if peak else 0) for d, n in by_day],
        "by_wave": by_wave,
        "distributions": queries.distributions(campaign, public=public, lang=lang),
        "pinned": [(p, table_view(p.data, lang) if p.data else None) for p in pinned],
        "may_manage": collect_queries.may_manage(request.user, campaign),
        "k": campaign.suppression_k,
    })


# ---------------------------------------------------------------------------------------------
# Crosstab builder


def crosstab_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    access = queries.results_access(request.user, campaign)
    if access is None:
        return deny(request)
    lang = current_language()
    form = CrosstabForm(request.GET or None, campaign=campaign)
    context: dict[str, Any] = {"campaign": campaign, "form": form, "public": access == "public",
                               "may_manage": collect_queries.may_manage(request.user, campaign),
                               "k": campaign.suppression_k}
    status = 200
    if form.submitted and form.is_valid():
        try:
            spec = queries.check_spec(campaign, **form.cleaned_data)
            outcome = queries.crosstab_for(campaign, spec, public=access == "public", lang=lang)
        except DomainError as exc:
            add_errors(form, exc)
            status = 422
        else:
            data = outcome.to_dict(lang)
            context |= {
                "table": table_view(data, lang), "chart": queries.crosstab_chart(data, lang=lang),
                "weights": outcome.weights.describe() if outcome.weights else "",
                "spec": spec, "pin_form": PinForm(initial={**spec.__dict__}),
                "report_query": request.GET.urlencode(),
            }
    return render(request, "surveys/results/crosstab.html", context, status=status)


@require_POST
def pin(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _managed_campaign(request, slug)
    form = PinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The table could not be pinned: choose rows and columns again."))
        return redirect("surveys:results_crosstab", slug=slug)
    data = form.cleaned_data
    try:
        spec = queries.check_spec(campaign, rows=data["rows"], cols=data["cols"], layer=data["layer"],
                                  weight=data["weight"])
        services.result_table_pin(campaign=campaign, spec=spec, by=request.user,
                                  titles={lang: data[f"title_{lang}"] for lang in LANGUAGES})
    except (DomainError, ValidationError) as exc:
        messages.error(request, refusal_text(exc))
        return redirect("surveys:results_crosstab", slug=slug)
    messages.success(request, _("The table is pinned to the results page."))
    return redirect("surveys:results", slug=slug)


def unpin(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, slug)
    table = _row_of(campaign, ResultTable, pk)
    back = reverse("surveys:results", args=[slug])
    return delete_page(request, obj=table, delete=lambda: services.result_table_unpin(table=table, by=request.user),
                       title=_("Remove the table %(title)s") % {"title": table.title}, back_url=back, done_url=back,
                       done=_("The table was removed from the results page."))


# ---------------------------------------------------------------------------------------------
# Margins


def margins_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _managed_campaign(request, slug)
    upload = MarginsUploadForm(prefix="upload")
    typed = MarginsTextForm(prefix="typed", campaign=campaign)
    design = DesignForm(prefix="design", campaign=campaign)
    status = 200
    if request.method == "POST" and request.POST.get("form") == "design":
        design = DesignForm(request.POST, prefix="design", campaign=campaign)
        designed = submit(request, design, lambda data: services.design_save(
            campaign=campaign, strata=data["strata"], cluster=data["cluster"], by=request.user))
        if designed is not None:
            messages.success(request, _("The sampling design was saved."))
            return redirect("surveys:results_margins", slug=slug)
        status = 422
    elif request.method == "POST":
        uploading = request.POST.get("form") == "upload"
        form: Any
        if uploading:
            form = upload = MarginsUploadForm(request.POST, request.FILES, prefix="upload")
        else:
            form = typed = MarginsTextForm(request.POST, prefix="typed", campaign=campaign)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if uploading:
                    parsed = services.parse_margins_file(data["file"].name, data["file"].read())
                else:
                    parsed = services.parse_margins_text(data["variable"], data["targets"])
                saved = services.margins_save(campaign=campaign, margins=parsed, by=request.user,
                                              source=data["source"] or (data["file"].name if uploading else ""))
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Margins saved for %(questions)s.") % {
                    "questions": ", ".join(m.variable for m in saved)})
                return redirect("surveys:results_margins", slug=slug)
        status = 422
    return render(request, "surveys/results/margins.html", {
        "campaign": campaign, "margins": campaign.margins.order_by("variable"),
        "upload_form": upload, "typed_form": typed, "design_form": design,
    }, status=status)


def margins_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _managed_campaign(request, slug)
    row = _row_of(campaign, Margins, pk)
    back = reverse("surveys:results_margins", args=[slug])
    return delete_page(request, obj=row, delete=lambda: services.margins_delete(margins=row, by=request.user),
                       title=_("Delete the margins of %(question)s") % {"question": row.variable}, back_url=back,
                       done_url=back, done=_("The margins of %(question)s were deleted.") % {"question": row.variable})


# ---------------------------------------------------------------------------------------------
# Import


def import_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _managed_campaign(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"campaign": campaign, "form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        suffix = Path(uploaded.name).suffix.lower()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"upload{suffix}"
                with path.open("wb") as handle:
                    for chunk in uploaded.chunks():
                        handle.write(chunk)
                report = importing.import_responses(campaign=campaign, path=path, by=request.user,
                                                    only_valid=form.cleaned_data["only_valid"])
        except importing.ImportFileError as exc:
            context["file_problems"] = exc.problems
            status = 422
        else:
            if report.clean:
                messages.success(request, ngettext("%(count)s response was imported.", "%(count)s responses were imported.",
                                                   report.imported) % {"count": report.imported})
                if report.unlinked:
                    messages.warning(request, importing.unlinked_message(report.unlinked))
                return redirect("surveys:results", slug=slug)
            token = secrets.token_urlsafe(16)
            stored = request.session.get(REJECTED_SESSION_KEY, {})
            # Only the latest few files are kept for download, in this user's session.
            stored = dict(list(stored.items())[-4:])
            stored[token] = {"campaign": campaign.pk, "csv": report.rejected_csv}
            request.session[REJECTED_SESSION_KEY] = stored
            context |= {"report": report, "unlinked": importing.unlinked_message(report.unlinked) if report.unlinked else "",
                        "rejected_url": reverse("surveys:results_import_rejected",
                                                                  args=[slug, token])}
            status = 200 if report.imported else 422
    elif request.method == "POST":
        status = 422
    return render(request, "surveys/results/import.html", context, status=status)


def import_rejected(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    campaign = _managed_campaign(request, slug)
    entry = request.session.get(REJECTED_SESSION_KEY, {}).get(token)
    if not entry or entry.get("campaign") != campaign.pk:
        raise Http404
    response = HttpResponse(entry["csv"], content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-rejected-rows.csv"'
    return response


# ---------------------------------------------------------------------------------------------
# Exports


def export_answers(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    campaign = _analysed_campaign(request, slug)
    if fmt not in exporting.FORMATS:
        raise Http404
    lang = request.GET.get("lang") or current_language()
    lang = lang if lang in LANGUAGES else current_language()
    export = exporting.export_answers(campaign, fmt, lang=lang)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The report form (GET without `format`), or the report itself (GET with the form's fields)."""
    campaign = _analysed_campaign(request, slug)
    data = request.GET.copy()
    data.setdefault("lang", current_language())
    form = ReportForm(data if "format" in request.GET else None, campaign=campaign,
                      initial={"lang": current_language(), "format": "docx", "figures": True,
                               "tables": [str(t.pk) for t in campaign.result_tables.all()]})
    if "format" not in request.GET:
        return render(request, "surveys/results/report.html", {"campaign": campaign, "form": form})
    if not form.is_valid():
        return render(request, "surveys/results/report.html", {"campaign": campaign, "form": form}, status=422)
    lang = form.cleaned_data["lang"]
    chosen = [int(pk) for pk in form.cleaned_data["tables"]]
    tables = queries.pinned_results(campaign, public=False, lang=lang, only=chosen, charts=False)
    if request.GET.get("rows") or request.GET.get("cols"):
        # The table on the crosstab builder's page, as it stands.
        try:
            spec = queries.check_spec(campaign, rows=request.GET.get("rows", ""), cols=request.GET.get("cols", ""),
                                      layer=request.GET.get("layer", ""), weight=request.GET.get("weight", ""))
            tables.insert(0, queries.adhoc_result(campaign, spec, lang=lang))
        except DomainError as exc:
            form.add_error(None, str(exc))
            return render(request, "surveys/results/report.html", {"campaign": campaign, "form": form}, status=422)
    fmt = form.cleaned_data["format"]
    if fmt == "docx":
        distributions = queries.distributions(campaign, public=False, lang=lang) if form.cleaned_data["figures"] else ()
        content = reports.report_docx(campaign, tables, lang=lang, distributions=distributions)
        content_type = reports.DOCX_TYPE
    else:
        content = reports.report_xlsx(campaign, tables, lang=lang)
        content_type = reports.XLSX_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-report-{lang}.{fmt}"'
    return response
