"""The annual implementation report of a programme as a Word file, and its annex as a spreadsheet, in the
language asked for: the scorecard, every area's measures with their status and the year's progress reports, and
the indicator targets with their assessment, as the programme stood at the end of the year (or today)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils import formats, translation
from django.utils.translation import gettext as _

from tripartite.core.i18n import localized

from . import status as measure_status
from . import tracking
from .models import Programme
from .queries import MeasureRow, ProgrammeView, Scorecard, TargetRow, programme_view

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_year(raw: str | None, programme: Programme) -> int:
    """The year asked for (default: the current one), within the programme's period."""
    today = measure_status.today()
    try:
        year = int(raw) if raw else min(today.year, programme.period_end.year)
    except ValueError:
        raise Http404 from None
    if not programme.period_start.year <= year <= programme.period_end.year:
        raise Http404
    return year


def _as_of(year: int) -> date:
    return min(measure_status.today(), date(year, 12, 31))


def number(value: Decimal | None) -> str:
    if value is None:
        return "—"
    places = 0 if value == value.to_integral_value() else 2
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def _names(orgs: Any, lang: str) -> str:
    return ", ".join(localized(o, "name", lang) or str(o) for o in orgs)


def _card_headers() -> list[str]:
    return [_("Measures"), _("Done on time"), _("Done late"), _("Late"), _("In progress"), _("Not started"),
            _("Dropped"), _("On track"), _("At risk"), _("Off track"), _("No data yet")]


def _card_cells(card: Scorecard) -> list[int]:
    return [card.measures, card.done_on_time, card.done_late, card.late, card.in_progress, card.not_started,
            card.dropped, card.on_track, card.at_risk, card.off_track, card.no_data]


def _reports_in(row: MeasureRow, year: int) -> list[Any]:
    return sorted((r for r in row.measure.reports.all() if r.reported_on.year == year),
                  key=lambda r: (r.reported_on, r.pk))


def _report_line(report: Any, lang: str) -> str:
    change = f" [{report.get_new_state_display()}]" if report.new_state else ""
    text = localized(report, "text", lang)
    evidence = f" ({_('evidence')}: {report.evidence_name})" if report.evidence_name else ""
    return f"{formats.date_format(report.reported_on, 'SHORT_DATE_FORMAT')}, " \
           f"{localized(report.organisation, 'name', lang) or report.organisation}: {text}{change}{evidence}"


def _target_cells(t: TargetRow) -> list[str]:
    target, a = t.target, t.assessment
    latest = f"{number(a.latest.value)} ({a.latest.label})" if a.latest else "—"
    milestones = "; ".join(f"{m.year}: {number(m.value)}" for m in target.milestones.all()) or "—"
    return [t.name, t.unit, f"{number(target.baseline_value)} ({target.baseline_year})", target.baseline_source,
            milestones, f"{number(target.target_value)} ({target.target_year})", latest, a.label]


def _target_headers() -> list[str]:
    return [_("Indicator"), _("Unit"), _("Baseline"), _("Source of the baseline"), _("Milestones"), _("Target"),
            _("Latest value"), _("Assessment")]


def _view(programme: Programme, year: int, user: Any) -> ProgrammeView:
    return programme_view(programme, user=user, today=_as_of(year))


def report_docx(programme: Programme, lang: str, year: int, *, user: Any = None) -> bytes:
    import docx
    from docx.shared import Pt

    with translation.override(lang):
        view = _view(programme, year, user)
        document = docx.Document()
        document.core_properties.language = lang
        document.core_properties.title = localized(programme, "title", lang)
        document.add_heading(_("Annual implementation report, %(year)s") % {"year": year}, level=0)
        document.add_heading(localized(programme, "title", lang) or str(programme), level=1)
        document.add_paragraph(_("%(kind)s, %(start)s – %(end)s. Coordinating body: %(coordinator)s.") % {
            "kind": programme.get_kind_display(), "start": formats.date_format(programme.period_start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(programme.period_end, "SHORT_DATE_FORMAT"),
            "coordinator": localized(programme.coordinator, "name", lang) or programme.coordinator})
        signatories = _names(programme.signatories.all(), lang)
        if signatories:
            document.add_paragraph(_("Signatories: %(names)s.") % {"names": signatories})
        basis = localized(programme, "basis", lang)
        if basis:
            document.add_paragraph(_("Legal and ILO basis: %(basis)s") % {"basis": basis})
        document.add_paragraph(_("As of %(date)s.") % {"date": formats.date_format(view.today, "SHORT_DATE_FORMAT")})

        document.add_heading(_("Scorecard"), level=1)
        headers = [_("Area"), *_card_headers()]
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
        for card in [*view.by_area, view.total]:
            label = card.label if card is not view.total else _("Whole programme")
            for cell, text in zip(table.add_row().cells, [label, *map(str, _card_cells(card))], strict=True):
                cell.text = text
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(8)

        for area, rows, targets in view.areas:
            document.add_heading(f"{area.order}. {localized(area, 'title', lang)}", level=1)
            if not rows:
                document.add_paragraph(_("No measures."))
            for row in rows:
                m = row.measure
                document.add_heading(localized(m, "title", lang) or str(m), level=2)
                document.add_paragraph(_("Status: %(status)s. Due: %(due)s. Responsible: %(responsible)s.") % {
                    "status": row.status_label, "due": formats.date_format(m.due_date, "SHORT_DATE_FORMAT"),
                    "responsible": _names(m.responsible.all(), lang)})
                reports = _reports_in(row, year)
                for report in reports:
                    document.add_paragraph(_report_line(report, lang), style="List Bullet")
                if not reports:
                    document.add_paragraph(_("No progress report in %(year)s.") % {"year": year})
            all_targets = [*targets, *[t for r in rows for t in view.measure_targets.get(r.measure.pk, [])]]
            if all_targets:
                table = document.add_table(rows=1, cols=len(_target_headers()))
                table.style = "Table Grid"
                for cell, text in zip(table.rows[0].cells, _target_headers(), strict=True):
                    cell.text = text
                for t in all_targets:
                    for cell, text in zip(table.add_row().cells, _target_cells(t), strict=True):
                        cell.text = text
        document.add_heading(_("How “on track” is judged"), level=1)
        document.add_paragraph(str(tracking.RULE))
        document.add_heading(_("Due in the next 90 days"), level=1)
        for row in view.total.due_soon:
            document.add_paragraph(f"{formats.date_format(row.due, 'SHORT_DATE_FORMAT')}: "
                                   f"{localized(row.measure, 'title', lang)}", style="List Bullet")
        if not view.total.due_soon:
            document.add_paragraph(_("Nothing is due in the next 90 days."))
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def annex_xlsx(programme: Programme, lang: str, year: int, *, user: Any = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    with translation.override(lang):
        view = _view(programme, year, user)
        book = Workbook()
        sheet = book.active
        sheet.title = _("Measures")[:31]
        headers = [_("Area"), _("Measure"), _("Responsible side"), _("Responsible organisations"), _("Co-executors"),
                   _("Start date"), _("Due date"), _("Evidence expected"), _("Status"), _("Done on"),
                   _("Progress reports in the year")]
        sheet.append(headers)
        for area, rows, _targets in view.areas:
            for row in rows:
                m = row.measure
                reports = _reports_in(row, year)
                sheet.append([localized(area, "title", lang), localized(m, "title", lang), m.side_name,
                              _names(m.responsible.all(), lang), _names(m.co_executors.all(), lang), m.start_date,
                              m.due_date, m.get_evidence_display(), row.status_label,
                              measure_status.recorded_on(m, view.today)[1],
                              "\n".join(_report_line(r, lang) for r in reports)])
        targets = book.create_sheet(_("Indicators")[:31])
        targets.append([_("Area or measure"), *_target_headers()])
        for area, rows, area_targets in view.areas:
            for t in area_targets:
                targets.append([localized(area, "title", lang), *_target_cells(t)])
            for row in rows:
                for t in view.measure_targets.get(row.measure.pk, []):
                    targets.append([localized(row.measure, "title", lang), *_target_cells(t)])
        cards = book.create_sheet(_("Scorecard")[:31])
        cards.append([_("Area"), *_card_headers()])
        for card in [*view.by_area, view.total]:
            cards.append([card.label if card is not view.total else _("Whole programme"), *_card_cells(card)])
        cards.append([])
        cards.append([str(tracking.RULE)])
        for ws in (sheet, targets, cards):
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for line in ws.iter_rows(min_row=2):
                for cell in line:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.freeze_panes = "A2"
        for column, width in zip("ABCDEFGHIJK", (30, 45, 16, 30, 25, 12, 12, 18, 14, 12, 60), strict=True):
            sheet.column_dimensions[column].width = width
        for row_cells in sheet.iter_rows(min_row=2, min_col=6, max_col=7):
            for cell in row_cells:
                cell.number_format = "yyyy-mm-dd"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
