"""The yearly "state of social dialogue" report, as DOCX (python-docx) and XLSX (openpyxl), in one language.

For every indicator: its national value for the year with numerator, denominator, sources, notes and a short
methodology line (the formula, and where to read the whole methodology).
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tripartite.indicators.dashboard import Figure
from tripartite.indicators.registry import IndicatorValue, Unit


def _number(value: int | Decimal | None, places: int = 0) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def value_text(figure: Figure) -> str:
    v = figure.value
    if v is None:
        return _("No data yet")
    if v.value is None:
        return v.message
    text = _number(v.value, 2) + (" %" if figure.indicator.unit == Unit.PERCENT else "")
    return text + (" (" + _("unconfirmed") + ")" if v.unconfirmed else "")


def _sources(v: IndicatorValue | None, base_url: str) -> list[str]:
    if v is None:
        return []
    found = []
    for s in v.sources:
        text = s.label
        if s.published_on:
            text += f", {s.published_on.isoformat()}"
        if s.url:
            text += f" ({s.url if s.url.startswith('http') else base_url.rstrip('/') + s.url})"
        if not s.confirmed:
            text += " — " + _("unconfirmed")
        found.append(text)
    return found


def _title(year: int) -> str:
    return _("State of social dialogue, %(year)s") % {"year": year}


def _intro(year: int, today: date) -> str:
    return _("National figures of the social dialogue indicators for %(year)s, computed on %(date)s from the "
             "platform's registers and the official statistics it holds. Where a year has no figure of its own, "
             "its latest quarter is given.") % {"year": year, "date": today.isoformat()}


def _methodology_line(figure: Figure, base_url: str) -> str:
    return _("Method: %(formula)s. Full methodology: %(url)s") % {
        "formula": figure.indicator.methodology.formula,
        "url": f"{base_url.rstrip('/')}{reverse('indicators:detail', args=[figure.indicator.code])}#methodology"}


def docx(*, year: int, figures: list[Figure], language: str, base_url: str = "") -> bytes:
    from docx import Document

    with translation.override(language):
        document = Document()
        document.core_properties.title = _title(year)
        document.core_properties.language = language
        document.add_heading(_title(year), level=0)
        document.add_paragraph(_intro(year, timezone.localdate()))
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        head = table.rows[0].cells
        head[0].text, head[1].text, head[2].text = _("Indicator"), _("Period"), _("Value")
        for figure in figures:
            cells = table.add_row().cells
            cells[0].text = str(figure.indicator.title)
            cells[1].text = str(figure.period or "—")
            cells[2].text = value_text(figure)
        for figure in figures:
            v = figure.value
            document.add_heading(str(figure.indicator.title), level=1)
            document.add_paragraph(str(figure.indicator.short))
            document.add_paragraph(f"{_('Value')} ({figure.period or '—'}): {value_text(figure)}")
            document.add_paragraph(f"{figure.indicator.numerator_label}: {_number(v.numerator if v else None)}",
                                   style="List Bullet")
            document.add_paragraph(f"{figure.indicator.denominator_label}: {_number(v.denominator if v else None)}",
                                   style="List Bullet")
            for note in (v.notes if v else ()):
                document.add_paragraph(note, style="List Bullet")
            sources = _sources(v, base_url)
            if sources:
                document.add_paragraph(_("Sources:"))
                for source in sources:
                    document.add_paragraph(source, style="List Bullet")
            document.add_paragraph().add_run(_methodology_line(figure, base_url)).italic = True
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def xlsx(*, year: int, figures: list[Figure], language: str, base_url: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(language):
        book = Workbook()
        sheet = book.active
        sheet.title = str(year)
        sheet.append([_title(year)])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([_intro(year, timezone.localdate())])
        sheet.append([])
        sheet.append([_("Code"), _("Indicator"), _("Period"), _("Value"), _("Unit"), _("Numerator: what is counted"),
                      _("Numerator"), _("Denominator: what is counted"), _("Denominator"), _("Status"), _("Notes"),
                      _("Sources"), _("Method")])
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for figure in figures:
            v = figure.value
            sheet.append([
                figure.indicator.code, str(figure.indicator.title), str(figure.period or ""),
                float(v.value) if v is not None and v.value is not None else None,
                "%" if figure.indicator.unit == Unit.PERCENT else _("ratio"),
                str(figure.indicator.numerator_label), float(v.numerator) if v and v.numerator is not None else None,
                str(figure.indicator.denominator_label),
                float(v.denominator) if v and v.denominator is not None else None,
                (v.message or _("computed")) if v else _("No data yet"),
                "\n".join(v.notes) if v else "", "\n".join(_sources(v, base_url)), _methodology_line(figure, base_url),
            ])
        for column, width in zip("ABCDEFGHIJKLM", (26, 40, 10, 10, 8, 34, 14, 34, 14, 40, 50, 60, 60), strict=True):
            sheet.column_dimensions[column].width = width
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
