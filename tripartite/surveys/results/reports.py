"""Results reports: a Word document (python-docx) and an Excel workbook of the chosen tables, in one language.

The DOCX holds, per table, the counts with row percentages (cells beyond ±1.96 adjusted residual
marked), the statistics, the findings in words, and the chart as a PNG drawn by the analysis engine;
optionally the distribution of every question with its chart.  The XLSX holds one sheet per table as
the engine's `write_xlsx` lays it out.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tripartite.analysis import i18n as analysis_i18n
from tripartite.analysis.charts import distribution_chart, render_png, row_percent_chart
from tripartite.analysis.outputs import key_label, statistic_key, write_xlsx
from tripartite.core.i18n import localized
from tripartite.surveys.models import Campaign
from tripartite.surveys.results.queries import Distribution, PinnedResult

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def format_number(value: Any, *, digits: int = 1, lang: str = "en") -> str:
    """A number for people: whole counts without decimals, others rounded; a decimal comma in kk and ru."""
    if value is None:
        return "—"
    number = float(value)
    text = f"{int(number):,}" if number.is_integer() else f"{number:,.{digits}f}"
    text = text.replace(",", "\u00a0")
    return text.replace(".", ",") if lang in ("kk", "ru") else text


def format_p(p: Any, lang: str = "en") -> str:
    if p is None:
        return "—"
    text = "< 0.001" if p < 0.001 else f"{p:.3f}"
    return text.replace(".", ",") if lang in ("kk", "ru") else text


def statistics_lines(table: Mapping[str, Any], lang: str) -> list[str]:
    """The tests and measures of a crosstab, one line each, labelled in `lang` (the engine's words)."""
    stats = table.get("statistics") or {}
    lines = []
    rs = table.get("rao_scott")
    if isinstance(rs, Mapping) and rs.get("chi2") is not None:
        second = rs.get("second_order")
        if isinstance(second, Mapping) and second.get("f") is not None:
            lines.append(f"{key_label('rao_scott_f', lang)}: F = {format_number(second['f'], digits=2, lang=lang)}, "
                         f"df = {format_number(second.get('ndf'), digits=2, lang=lang)}; "
                         f"{format_number(second.get('ddf'), digits=1, lang=lang)}, "
                         f"p = {format_p(second.get('p'), lang)}")
        lines.append(f"{key_label('rao_scott', lang)}: χ² = {format_number(rs['chi2'], digits=2, lang=lang)}, "
                     f"df = {rs.get('df')}, p = {format_p(rs.get('p'), lang)}")
        lines.append(f"{key_label('mean_deff', lang)}: {format_number(rs.get('mean_deff'), digits=3, lang=lang)}")
    for key in ("pearson", "likelihood_ratio", "linear_by_linear"):
        test = stats.get(key)
        if isinstance(test, Mapping) and test.get("chi2") is not None:
            lines.append(f"{key_label(statistic_key(key, table), lang)}: χ² = {format_number(test['chi2'], digits=2, lang=lang)}, "
                         f"df = {test.get('df')}, p = {format_p(test.get('p'), lang)}")
    fisher = table.get("fisher")
    if isinstance(fisher, Mapping) and fisher.get("p") is not None:
        lines.append(f"{key_label('fisher', lang)}: p = {format_p(fisher['p'], lang)}")
    for key in ("cramers_v", "contingency_coefficient"):
        if stats.get(key) is not None:
            lines.append(f"{key_label(key, lang)}: {format_number(stats[key], digits=3, lang=lang)}")
    if table.get("design_effect") is not None:
        lines.append(analysis_i18n.gettext(lang, "Kish design effect %(deff)s; effective n %(neff)s") % {
            "deff": format_number(table["design_effect"], digits=2, lang=lang),
            "neff": format_number(table.get("effective_n"), digits=0, lang=lang)})
    lines.append(f"{analysis_i18n.gettext(lang, 'N')} = {format_number(table.get('n'), lang=lang)}")
    return lines


def residual_marks(table: Mapping[str, Any]) -> dict[tuple[int, int], str]:
    """"+" / "−" on cells beyond ±1.96, with "*" when the cell holds after Bonferroni correction."""
    marks = {}
    for cell in table.get("residual_cells") or []:
        residual = cell.get("residual")
        if residual is None:
            continue
        mark = "+" if residual > 0 else "−"
        marks[(cell["row"], cell["col"])] = mark + ("*" if cell.get("significant_bonferroni") else "")
    return marks


# ---------------------------------------------------------------------------------------------
# DOCX


def _docx_table(document: Any, table: Mapping[str, Any], lang: str) -> None:
    from docx.shared import Pt

    rows, cols = table["rows"], table["cols"]
    marks = residual_marks(table)
    grid = document.add_table(rows=len(rows["labels"]) + 2, cols=len(cols["labels"]) + 2)
    grid.style = "Table Grid"
    header = grid.rows[0].cells
    header[0].text = str(rows.get("title") or rows.get("name"))
    for j, label in enumerate(cols["labels"]):
        header[j + 1].text = str(label)
    header[-1].text = analysis_i18n.gettext(lang, "Total")
    row_pct = table.get("row_pct") or []
    for i, label in enumerate(rows["labels"]):
        cells = grid.rows[i + 1].cells
        cells[0].text = str(label)
        for j, count in enumerate(table["counts"][i]):
            pct = row_pct[i][j] if i < len(row_pct) else None
            text = format_number(count, lang=lang)
            if pct is not None:
                text += f"\n{format_number(pct, digits=1, lang=lang)}%"
            mark = marks.get((i, j))
            if mark:
                text += f" {mark}"
            cells[j + 1].text = text
        cells[-1].text = format_number(table["row_totals"][i], lang=lang)
    last = grid.rows[-1].cells
    last[0].text = analysis_i18n.gettext(lang, "Total")
    for j, total in enumerate(table["col_totals"]):
        last[j + 1].text = format_number(total, lang=lang)
    last[-1].text = format_number(table.get("total"), lang=lang)
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def _docx_crosstab(document: Any, title: str, table: Mapping[str, Any], lang: str, *, chart: bool) -> None:
    from docx.shared import Cm

    document.add_heading(title, level=2)
    parts: list[tuple[str | None, Mapping[str, Any]]] = [(None, table)]
    if table.get("layers"):
        parts = [(f"{(t.get('layer') or {}).get('label', '')}", t) for t in table["layers"]] + [
            (analysis_i18n.gettext(lang, "Total"), table)]
    for heading, part in parts:
        if heading:
            document.add_heading(heading, level=3)
        _docx_table(document, part, lang)
    if residual_marks(table):
        document.add_paragraph(_("+ / −: more / fewer answers than expected under independence (adjusted residual "
                                 "beyond ±1.96); *: the difference holds after Bonferroni correction."))
    document.add_paragraph(analysis_i18n.gettext(lang, "Statistics")).runs[0].bold = True
    for line in statistics_lines(table, lang):
        document.add_paragraph(line, style="List Bullet")
    for key in ("findings", "warnings"):
        items = table.get(key) or []
        if items:
            document.add_paragraph(key_label(key, lang)).runs[0].bold = True
            for item in items:
                document.add_paragraph(str(item.get("text", "")), style="List Bullet")
    if chart:
        document.add_picture(io.BytesIO(render_png(row_percent_chart(table, lang=lang))), width=Cm(16))


def report_docx(campaign: Campaign, tables: Sequence[PinnedResult], *, lang: str,
                distributions: Sequence[Distribution] = ()) -> bytes:
    """The report as DOCX bytes, every word in `lang`."""
    from docx import Document
    from docx.shared import Cm

    with override(lang):
        document = Document()
        document.add_heading(localized(campaign, "title", lang) or campaign.slug, level=1)
        document.add_paragraph(_("Results report, %(date)s. Questionnaire: %(questionnaire)s.") % {
            "date": timezone.localdate().strftime("%d.%m.%Y"),
            "questionnaire": localized(campaign.version.questionnaire, "title", lang)})
        for item in tables:
            title = localized(item.table, "title", lang) or item.table.title
            if item.data is None:
                document.add_heading(title, level=2)
                document.add_paragraph(item.error)
                continue
            _docx_crosstab(document, title, item.data, lang, chart=item.table.chart)
        if distributions:
            document.add_heading(_("Distributions"), level=2)
            for dist in distributions:
                result = dist.result
                document.add_heading(str(result["variable"]["title"]), level=3)
                grid = document.add_table(rows=1, cols=3)
                grid.style = "Table Grid"
                head = grid.rows[0].cells
                head[0].text, head[1].text, head[2].text = (analysis_i18n.gettext(lang, "Label"),
                                                            analysis_i18n.gettext(lang, "Count"),
                                                            analysis_i18n.gettext(lang, "Valid percent"))
                for category in result["categories"]:
                    cells = grid.add_row().cells
                    cells[0].text = str(category["label"])
                    cells[1].text = format_number(category["count"], lang=lang)
                    cells[2].text = format_number(category["valid_percent"], digits=1, lang=lang)
                document.add_picture(io.BytesIO(render_png(distribution_chart(result, lang=lang))), width=Cm(14))
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# XLSX


def report_xlsx(campaign: Campaign, tables: Sequence[PinnedResult], *, lang: str) -> bytes:
    """The report as XLSX bytes: the engine's sheets of each table (one per layer), gathered in one workbook."""
    from copy import copy

    from openpyxl import Workbook, load_workbook

    combined = Workbook()
    combined.remove(combined.active)
    used: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp, override(lang):
        for number, item in enumerate(tables, start=1):
            title = localized(item.table, "title", lang) or item.table.title
            if item.data is None:
                sheet = combined.create_sheet(_sheet_title(f"{number}", used))
                sheet.append([title])
                sheet.append([item.error])
                continue
            path = Path(tmp) / f"t{number}.xlsx"
            write_xlsx(item.data, path, lang=lang)
            source = load_workbook(path)
            for part in source.worksheets:
                name = f"{number}" if len(source.worksheets) == 1 else f"{number} {part.title}"
                sheet = combined.create_sheet(_sheet_title(name, used))
                sheet.append([title])
                sheet.append([])
                offset = 2
                for row in part.iter_rows():
                    for cell in row:
                        if cell.value is None:
                            continue
                        target = sheet.cell(row=cell.row + offset, column=cell.column, value=cell.value)
                        if cell.has_style:
                            target.font = copy(cell.font)
                            target.number_format = cell.number_format
                            target.alignment = copy(cell.alignment)
                for key, dimension in part.column_dimensions.items():
                    sheet.column_dimensions[key].width = dimension.width
    if not combined.worksheets:
        sheet = combined.create_sheet("1")
        with override(lang):
            sheet.append([_("No tables were chosen.")])
    out = io.BytesIO()
    combined.save(out)
    return out.getvalue()


def _sheet_title(name: str, used: set[str]) -> str:
    base = "".join(ch if ch not in "[]:*?/\\" else "_" for ch in name)[:31] or "Table"
    title, k = base, 2
    while title in used:
        suffix = f" ({k})"
        title, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(title)
    return title
