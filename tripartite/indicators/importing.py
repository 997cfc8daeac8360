"""Reading a file of official statistics (CSV or XLSX) into checked rows, listing every problem found.

A file is validated whole: every row is read and every problem is collected (row, column, reason)
before anything is written, so the user fixes the file once. Writing is the service's job
(`services.statistics_import`), in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tripartite.analysis import readers
from tripartite.core.models import Region, Sector
from tripartite.indicators.models import Series
from tripartite.indicators.periods import Period

REQUIRED_COLUMNS: tuple[str, ...] = ("series", "period", "value", "source", "published_on")
OPTIONAL_COLUMNS: tuple[str, ...] = ("region", "sector", "source_url", "note")
COLUMNS: tuple[str, ...] = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
MAX_ROWS = 100_000
MAX_BYTES = 20 * 1024 * 1024
#: Errors listed at most; past that the file is clearly not in the expected shape.
MAX_ERRORS = 500

_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet row (1 is the header; None for the whole file), the column, the reason.

    The reason is kept as a translatable template and rendered in the language active when it is read.
    """

    row: int | None
    column: str | None
    template: Promise | str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        text = str(self.template)
        return text % self.params if self.params else text

    @property
    def location(self) -> str | None:
        """The place as a dotted path for the API's error body: ``rows.3.region``, ``file``."""
        if self.row is None:
            return "file" if self.column is None else f"columns.{self.column}"
        return f"rows.{self.row}" + (f".{self.column}" if self.column else "")


@dataclass(frozen=True)
class CheckedRow:
    row: int
    series: str
    period: Period
    region: Region | None
    sector: Sector | None
    value: int
    source: str
    source_url: str
    published_on: date
    note: str

    @property
    def key(self) -> tuple[str, str, int | None, int | None]:
        return (self.series, str(self.period), self.region.pk if self.region else None,
                self.sector.pk if self.sector else None)


@dataclass(frozen=True)
class ParsedFile:
    rows: list[CheckedRow]
    errors: list[RowError]


class UnreadableFile(Exception):
    """The file is neither UTF-8 CSV nor XLSX (the reason is a translatable message)."""

    def __init__(self, message: Any) -> None:
        self.message = message
        super().__init__(str(message))


# Reading ----------------------------------------------------------------------------------------------------


def _is_xlsx(name: str, content: bytes) -> bool:
    return name.lower().endswith(".xlsx") or content[:4] == b"PK\x03\x04"


def read_table(name: str, content: bytes) -> Iterator[tuple[int, list[Any]]]:
    """Rows of the file as (row number, cells), the header first; raise UnreadableFile."""
    if len(content) > MAX_BYTES:
        raise UnreadableFile(_("The file is larger than 20 MB. Split it into several files."))
    if not content.strip():
        raise UnreadableFile(_("The file is empty."))
    if _is_xlsx(name, content):
        try:
            yield from enumerate((list(cells) for cells in readers.xlsx_rows(content)), start=1)
        except readers.UnreadableTableError:
            raise UnreadableFile(_("The file could not be read as an XLSX workbook.")) from None
        return
    if name.lower().endswith((".xls", ".ods")):
        raise UnreadableFile(_("Save the spreadsheet as XLSX or CSV (UTF-8) and upload it again."))
    try:
        text = readers.decode_text(content)
    except readers.TextEncodingError:
        raise UnreadableFile(_("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")) from None
    yield from enumerate(readers.csv_rows_of_text(text), start=1)


# Checking ---------------------------------------------------------------------------------------------------


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _date(cell: Any) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    raw = _text(cell)
    dotted = _DOTTED_DATE.match(raw)
    try:
        if dotted:
            return date(int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1)))
        return date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
    except ValueError:
        return None


def _header(cells: Sequence[Any]) -> tuple[dict[str, int], list[RowError]]:
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, cell in enumerate(cells):
        name = _text(cell).lower()
        if not name:
            continue
        if name not in COLUMNS:
            errors.append(RowError(1, name, _("Unknown column “%(column)s”. The columns are: %(columns)s."),
                                   {"column": name, "columns": ", ".join(COLUMNS)}))
        elif name in columns:
            errors.append(RowError(1, name, _("The column “%(column)s” appears twice."), {"column": name}))
        else:
            columns[name] = index
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            errors.append(RowError(1, name, _("The required column “%(column)s” is missing."), {"column": name}))
    return columns, errors


def check_rows(table: Iterable[tuple[int, list[Any]]]) -> ParsedFile:
    """Check every row; return the rows that passed and every problem found (empty when the file is good)."""
    iterator = iter(table)
    first = next(iterator, None)
    if first is None:
        return ParsedFile([], [RowError(None, None, _("The file is empty."))])
    columns, errors = _header(first[1])
    if errors:
        return ParsedFile([], errors)
    regions = {r.kato: r for r in Region.objects.all()}
    sectors = {s.code.upper(): s for s in Sector.objects.all()}
    series_codes = set(Series.values)
    today = timezone.localdate()
    rows: list[CheckedRow] = []
    seen: dict[tuple[str, str, int | None, int | None], int] = {}
    count = 0
    for number, cells in iterator:
        def cell(name: str, cells: list[Any] = cells) -> Any:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        if all(_text(c) == "" for c in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            errors.append(RowError(None, None, _("The file has more than %(max)s rows. Split it into several files."),
                                   {"max": MAX_ROWS}))
            break
        row_errors: list[RowError] = []

        def fail(column: str, template: Any, number: int = number, row_errors: list[RowError] = row_errors,
                 **params: Any) -> None:
            row_errors.append(RowError(number, column, template, params))

        series = _text(cell("series")).lower()
        if not series:
            fail("series", _("Give the series."))
        elif series not in series_codes:
            fail("series", _("Unknown series “%(value)s”. Use one of: %(allowed)s."),
                 value=series, allowed=", ".join(Series.values))
        period: Period | None = None
        raw_period = _text(cell("period"))
        try:
            period = Period.parse(raw_period)
        except ValueError:
            fail("period", _("“%(value)s” is not a period: write a year (2024) or a quarter (2024-Q2)."),
                 value=raw_period)
        region = None
        raw_region = _text(cell("region"))
        if raw_region:
            code = raw_region + "0000000" if re.fullmatch(r"\d{2}", raw_region) else raw_region
            region = regions.get(code)
            if region is None:
                fail("region", _("Unknown region code “%(value)s”: give the KATO code of a region (e.g. 750000000)."),
                     value=raw_region)
        sector = None
        raw_sector = _text(cell("sector"))
        if raw_sector:
            sector = sectors.get(raw_sector.upper())
            if sector is None:
                fail("sector", _("Unknown sector code “%(value)s”: give an OKED section letter (A to U)."),
                     value=raw_sector)
        raw_value = cell("value")
        value = readers.parse_whole_number(raw_value)
        if _text(raw_value) == "":
            fail("value", _("Give the value."))
        elif value is None:
            fail("value", _("“%(value)s” is not a whole number (write digits only, without decimals)."),
                 value=_text(raw_value))
        elif value < 0:
            fail("value", _("The value cannot be negative."))
        source = _text(cell("source"))
        if not source:
            fail("source", _("Give the source of the figure (the publisher and the publication)."))
        elif len(source) > 300:
            fail("source", _("The source is too long (300 characters at most)."))
        source_url = _text(cell("source_url"))
        if source_url:
            try:
                URLValidator(schemes=["http", "https"])(source_url)
            except ValidationError:
                fail("source_url", _("“%(value)s” is not a web address."), value=source_url)
        published_on = _date(cell("published_on"))
        if _text(cell("published_on")) == "":
            fail("published_on", _("Give the publication date."))
        elif published_on is None:
            fail("published_on", _("“%(value)s” is not a date: write it as YYYY-MM-DD."),
                 value=_text(cell("published_on")))
        elif published_on > today:
            fail("published_on", _("The publication date is in the future."))
        if row_errors:
            errors.extend(row_errors)
        else:
            assert period is not None and value is not None and published_on is not None
            checked = CheckedRow(number, series, period, region, sector, value, source, source_url, published_on,
                                 _text(cell("note")))
            earlier = seen.get(checked.key)
            if earlier is not None:
                errors.append(RowError(number, "period", _(
                    "Row %(earlier)s already gives %(series)s for %(period)s in the same region and sector."
                ), {"earlier": earlier, "series": series, "period": str(period)}))
            else:
                seen[checked.key] = number
                rows.append(checked)
        if len(errors) >= MAX_ERRORS:
            break
    if not errors and not rows:
        errors.append(RowError(None, None, _("The file has a header but no figures.")))
    return ParsedFile(rows, errors)
