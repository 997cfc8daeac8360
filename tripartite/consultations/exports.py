"""The table of disagreements ("сводная таблица замечаний и предложений") as a Word file (landscape) and as a
spreadsheet, in the language asked for."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tripartite.core.i18n import localized

from .models import Position, Referral
from .queries import TableRow, table_rows


def _headers() -> list[str]:
    return [_("No."), _("Article"), _("Current wording"), _("Proposed wording"), _("Side"), _("Organisation"),
            pgettext("stance on a draft", "Position"), _("Reasons"), _("Reply of the drafting body")]


def _cells(row: TableRow) -> list[str]:
    side = row.side + (f" ({_('late')})" if row.late else "")
    return [str(row.number), row.article, row.current, row.proposed, side, row.organisation, row.stance,
            row.reasons, row.reply]


def _title(referral: Referral, lang: str) -> tuple[str, str]:
    title = localized(referral.draft, "title", lang) or str(referral.draft)
    heading = _("Table of comments and proposals")
    sub = _("%(draft)s — %(commission)s, version %(version)s") % {
        "draft": title, "commission": localized(referral.commission, "name", lang) or str(referral.commission),
        "version": referral.version.number}
    return heading, sub


def table_docx(referral: Referral, positions: list[Position], lang: str) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    with translation.override(lang):
        rows = table_rows(referral, positions, lang)
        heading, sub = _title(referral, lang)
        document = docx.Document()
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(1.5))
        document.core_properties.language = lang
        document.add_heading(heading, level=1)
        document.add_paragraph(sub)
        headers = _headers()
        table = document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, _cells(row), strict=True):
                cell.text = text
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(9)
        if not rows:
            document.add_paragraph(_("No amendments or objections were made."))
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def table_xlsx(referral: Referral, positions: list[Position], lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    with translation.override(lang):
        rows = table_rows(referral, positions, lang)
        heading, sub = _title(referral, lang)
        book = Workbook()
        sheet = book.active
        sheet.title = _("Table")[:31]
        sheet.append([heading])
        sheet.append([sub])
        sheet.append(_headers())
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(_cells(row))
        widths = (6, 22, 45, 45, 18, 30, 20, 40, 45)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(row=3, column=index).column_letter].width = width
        for line in sheet.iter_rows(min_row=4):
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A4"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
