"""Reading tables (CSV, XLSX, SPSS .sav, arrays) for every layer: one encoding, delimiter and number rule.

Every table file the platform takes in is read here: the analysis engine's data sets, the survey
import, the statistics import and the margins of raking. CSV text is UTF-8 (with or without a BOM),
else Windows-1251 (what Excel in a Russian or Kazakh locale writes); the delimiter is the one of
`,`, `;` and tab that the header line uses most (`,` on a tie); numbers may group digits with spaces
and use a decimal comma (`1 234,5`).

A `Dataset` holds each coded column as the smallest signed integer array that fits, a mask of the
cells that count (a valid code of the variable), and a report of every cell that does not count:
empty cells, declared missing codes and codes the codebook does not know. Those cells are never
counted silently; the report says what was left out and why.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from tripartite.analysis.codebook import Codebook, Variable
from tripartite.analysis.i18n import gettext
from tripartite.languages import LANGUAGES

if TYPE_CHECKING:
    import pandas as pd

PAPER_DIR = Path(__file__).resolve().parent / "data" / "paper2025"
TABLE_SUFFIXES = (".csv", ".xlsx", ".sav")

# Below this span a bincount over (code - min) is cheaper than sorting for unique codes.
_BINCOUNT_SPAN = 1 << 20


class AnalysisInputError(ValueError):
    """Input the analysis cannot use (missing file, unknown column, non-numeric code, empty data).

    The message is one line, written for the person who supplied the input.
    """


class EmptyTableError(AnalysisInputError):
    """The file has no header line (or no sheet rows at all)."""


class TextEncodingError(AnalysisInputError):
    """The text is neither UTF-8 nor Windows-1251."""


class UnreadableTableError(AnalysisInputError):
    """The file is not what its name says (a damaged or foreign workbook, a broken .sav)."""


# ---------------------------------------------------------------------------------------------
# Table files: encoding, delimiter, numbers

_BOM = codecs.BOM_UTF8
#: Excel's "CSV" in a Russian or Kazakh Windows locale is Windows-1251; anything else we take is UTF-8.
LEGACY_ENCODING = "cp1251"
DELIMITERS = (",", ";", "\t")
_CHUNK = 1 << 18


def decode_text(content: bytes, *, source: str = "the file") -> str:
    """Text of a file's bytes: UTF-8 (a BOM is dropped), else Windows-1251; TextEncodingError otherwise."""
    if content.startswith(_BOM):
        try:
            return content[len(_BOM):].decode("utf-8")
        except UnicodeDecodeError:
            raise TextEncodingError(f"cannot read {source}: not UTF-8 text") from None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1251 maps almost every byte to a letter, so it would "read" a binary or UTF-16 file too:
    # a NUL byte is what tells those apart from text.
    if b"\x00" not in content:
        try:
            return content.decode(LEGACY_ENCODING)
        except UnicodeDecodeError:
            pass
    raise TextEncodingError(f"cannot read {source}: neither UTF-8 nor Windows-1251 text")


def file_encoding(path: Path) -> str:
    """The codec that reads the text file at `path` whole: "utf-8-sig" (a BOM), "utf-8" or "cp1251".

    The whole file is checked (in blocks; 8 ms for a 19 MB file of codes), so that a Windows-1251 letter deep in
    a file whose first lines are plain ASCII is not met half-way through reading it.
    """

    def decodes(encoding: str, skip: int) -> bool:
        decoder = codecs.getincrementaldecoder(encoding)()
        with path.open("rb") as handle:
            handle.seek(skip)
            try:
                for block in iter(lambda: handle.read(_CHUNK), b""):
                    if encoding == LEGACY_ENCODING and b"\x00" in block:
                        return False  # binary or UTF-16, see decode_text
                    if block.isascii() and not decoder.getstate()[0]:
                        continue  # ASCII is valid in both and far quicker to check than to decode
                    decoder.decode(block)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                return False
        return True

    with path.open("rb") as handle:
        bom = handle.read(len(_BOM)) == _BOM
    if bom:
        if decodes("utf-8", len(_BOM)):
            return "utf-8-sig"
        raise TextEncodingError(f"cannot read {path}: not UTF-8 text")
    if decodes("utf-8", 0):
        return "utf-8"
    if decodes(LEGACY_ENCODING, 0):
        return LEGACY_ENCODING
    raise TextEncodingError(f"cannot read {path}: neither UTF-8 nor Windows-1251 text")


def csv_delimiter(header_line: str) -> str:
    """`,`, `;` or tab: the one the header line uses most, `,` on a tie.

    Spreadsheets set to Russian or Kazakh write `;` (the comma being their decimal mark).
    """
    return max(DELIMITERS, key=lambda d: (header_line.count(d), d == ","))


@dataclass(frozen=True)
class CsvLayout:
    """How a CSV file is written: its header cells (as written), delimiter and text encoding."""

    header: list[str]
    delimiter: str
    encoding: str


def csv_layout(path: Path) -> CsvLayout:
    """The encoding (`file_encoding`), delimiter (`csv_delimiter`) and header of a CSV file.

    EmptyTableError when the first line is blank.
    """
    encoding = file_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        first = handle.readline()
    if not first.strip():
        raise EmptyTableError(f"no data: {path} is empty")
    delimiter = csv_delimiter(first)
    return CsvLayout(next(csv.reader([first], delimiter=delimiter)), delimiter, encoding)


def csv_rows(path: Path) -> tuple[CsvLayout, Iterator[list[str]]]:
    """The layout of a CSV file and an iterator over its data rows.

    The rows are read lazily (a million rows never sit in memory); the file closes when they are used up.
    """
    layout = csv_layout(path)
    handle = path.open(encoding=layout.encoding, newline="")
    handle.readline()

    def rows() -> Iterator[list[str]]:
        with handle:
            yield from csv.reader(handle, delimiter=layout.delimiter)

    return layout, rows()


def csv_rows_of_text(text: str) -> list[list[str]]:
    """The rows of CSV text (the header first), delimited by the same rule as a file."""
    first = text.split("\n", 1)[0]
    return list(csv.reader(io.StringIO(text), delimiter=csv_delimiter(first)))


def xlsx_rows(source: Path | bytes) -> Iterator[tuple[Any, ...]]:
    """The rows of the first sheet of an XLSX workbook, as cell values (None for an empty cell)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(source if isinstance(source, Path) else io.BytesIO(source), read_only=True,
                             data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged or foreign file
        raise UnreadableTableError(f"cannot read {source if isinstance(source, Path) else 'the file'}: "
                                   "not an XLSX workbook") from None
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def table_rows(path: Path) -> tuple[list[str], Iterator[Sequence[Any]]]:
    """Header and data rows of a .csv, .xlsx or .sav file: CSV cells are text, XLSX and .sav cells values.

    The .sav cells are the codes (no value labels applied); an empty numeric cell is NaN.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        layout, rows = csv_rows(path)
        return layout.header, rows
    if suffix == ".xlsx":
        sheet = xlsx_rows(path)
        first = next(sheet, None)
        if first is None:
            raise EmptyTableError(f"no data: {path} is empty")
        return ["" if c is None else str(c) for c in first], sheet
    if suffix == ".sav":
        import pyreadstat

        try:
            frame, _meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
        except Exception as exc:
            raise UnreadableTableError(f"cannot read {path}: {_first_line(exc)}") from None
        return [str(c) for c in frame.columns], frame.itertuples(index=False, name=None)
    raise AnalysisInputError(f"unsupported file type {suffix or '(none)'}: use .csv, .xlsx or .sav ({path})")


# Digit-group separators: spaces of every kind (Excel in a Russian locale writes a no-break space, some
# publishers a narrow or thin one) and the apostrophe.
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009']")
_DECIMAL = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_WHOLE = re.compile(r"-?\d+")
# The whole part of `1.234,5` (grouped by points before a decimal comma) and of `1,234.5` (the reverse).
_GROUPED = {",": re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+"), ".": re.compile(r"[-+]?\d{1,3}(?:,\d{3})+")}


def parse_number(value: Any) -> float | None:
    """A finite number from a cell, or None: `1234.5`, `1 234,5`, `1.234,5`, `1,234.5` are all 1234.5.

    A lone comma is a decimal comma (`0,48`). With both a comma and a point, the one further right is
    the decimal mark and the other groups digits.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    text = _GROUPING.sub("", str(value))
    if "," in text and "." in text:
        decimal = "," if text.rindex(",") > text.rindex(".") else "."
        whole, _mark, fraction = text.rpartition(decimal)
        if not _GROUPED[decimal].fullmatch(whole):
            return None
        text = re.sub(r"[.,]", "", whole) + "." + fraction
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    if not _DECIMAL.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def parse_whole_number(value: Any) -> int | None:
    """A whole number from a cell, or None: `1234`, `1 234`, `1'234`, a whole float; no decimal mark in text.

    Text with a comma or a point is refused rather than guessed: in a published count `1,000` may be a
    thousand (English grouping) or one (a decimal comma), and a thousandfold error must not pass silently.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return int(value) if math.isfinite(value) and float(value).is_integer() else None
    text = _GROUPING.sub("", str(value))
    return int(text) if _WHOLE.fullmatch(text) else None


@dataclass(frozen=True)
class ColumnReport:
    """What was left out of one coded column, and why."""

    name: str
    n: int
    valid: int
    empty: int
    declared_missing: Mapping[int, int] = field(default_factory=dict)
    unknown: Mapping[int, int] = field(default_factory=dict)

    @property
    def excluded(self) -> int:
        return self.n - self.valid

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "n": self.n,
            "valid": self.valid,
            "empty": self.empty,
            "declared_missing": {str(k): v for k, v in self.declared_missing.items()},
            "unknown": {str(k): v for k, v in self.unknown.items()},
        }

    def describe(self) -> str:
        """One line for the terminal, e.g. `gender: 3 of 350 excluded (empty 1; missing 9×2)`."""
        parts = []
        if self.empty:
            parts.append(f"empty {self.empty}")
        if self.declared_missing:
            parts.append("missing " + ", ".join(f"{c}×{k}" for c, k in self.declared_missing.items()))
        if self.unknown:
            parts.append("unknown code " + ", ".join(f"{c}×{k}" for c, k in self.unknown.items()))
        detail = f" ({'; '.join(parts)})" if parts else ""
        return f"{self.name}: {self.excluded} of {self.n} excluded{detail}"


@dataclass(frozen=True)
class Dataset:
    """Coded columns (integers), numeric columns (floats, e.g. weights), validity masks and reports."""

    codes: Mapping[str, np.ndarray]
    valid: Mapping[str, np.ndarray]
    values: Mapping[str, np.ndarray]
    reports: Mapping[str, ColumnReport]
    codebook: Codebook
    n_rows: int
    source: str = "<arrays>"

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.codes.keys(), *self.values.keys())

    def column(self, name: str) -> np.ndarray:
        """The integer codes of a coded column (invalid cells hold a sentinel; use `mask`)."""
        if name not in self.codes:
            raise AnalysisInputError(_unknown_column_message(name, self.names, self.source))
        return self.codes[name]

    def array(self, name: str) -> np.ndarray:
        """The column as the counting back-ends take it: integer codes, or float64 with NaN for empty cells.

        Declared-missing and unknown codes are passed through unchanged so that the core's tables
        exclude and report them by reason; only empty cells need NaN, which integers cannot hold.
        """
        codes = self.column(name)
        report = self.reports[name]
        if not report.empty:
            return codes
        out = codes.astype(np.float64)
        out[codes == np.iinfo(codes.dtype).min] = np.nan
        return out

    def numeric(self, name: str) -> np.ndarray:
        """A numeric (not coded) column as float64, NaN where empty."""
        if name in self.values:
            return self.values[name]
        if name in self.codes:
            out = self.codes[name].astype(np.float64)
            out[~self.valid[name]] = np.nan
            return out
        raise AnalysisInputError(_unknown_column_message(name, self.names, self.source))

    def mask(self, *names: str) -> np.ndarray:
        """Rows where every named coded column holds a valid code and every numeric column a number."""
        keep = np.ones(self.n_rows, dtype=bool)
        for name in names:
            if name in self.valid:
                keep &= self.valid[name]
            else:
                keep &= ~np.isnan(self.numeric(name))
        return keep


# ---------------------------------------------------------------------------------------------
# Data sets


def read_dataset(
    source: str | Path,
    *,
    coded: Sequence[str] | None = None,
    numeric: Sequence[str] = (),
    codebook: Codebook | None = None,
) -> Dataset:
    """Read `coded` (integer codes) and `numeric` columns of a CSV, XLSX or .sav file.

    With `coded=None`, every column the codebook describes is coded (or, without a codebook, every
    column not listed in `numeric`). A .sav file's own value labels and user-missing codes build
    the codebook unless one is given.
    """
    path = Path(source)
    if is_parquet_path(path):
        header = parquet_columns(path)
        for name in [*(coded or []), *numeric]:
            if name not in header:
                raise AnalysisInputError(_unknown_column_message(name, header, str(path)))
        if coded is None:
            coded = [c for c in header if c not in numeric and (codebook is None or c in codebook)]
        frame = read_parquet(path, list(dict.fromkeys([*coded, *numeric])))
        return dataset_from_frame(frame, coded=list(coded), numeric=numeric, codebook=codebook, source=str(path))
    if not path.is_file():
        raise AnalysisInputError(f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise AnalysisInputError(f"unsupported file type {suffix or '(none)'}: use .csv, .xlsx or .sav ({path})")
    layout = _csv_layout(path) if suffix == ".csv" else None
    header = layout.header if layout is not None else read_header(path)
    wanted_coded = list(coded) if coded is not None else None
    wanted = [*(wanted_coded or []), *numeric]
    for name in wanted:
        if name not in header:
            raise AnalysisInputError(_unknown_column_message(name, header, str(path)))
    if wanted_coded is None:
        if codebook is not None:
            wanted_coded = [c for c in header if c in codebook and c not in numeric]
        else:
            wanted_coded = [c for c in header if c not in numeric]
    usecols = list(dict.fromkeys([*wanted_coded, *numeric]))
    if suffix == ".sav":
        frame, sav_codebook = _read_sav(path, usecols)
        codebook = codebook if codebook is not None else sav_codebook
    elif suffix == ".xlsx":
        frame = _read_xlsx(path, usecols)
    else:
        assert layout is not None
        frame = _read_csv(path, usecols, layout)
    return dataset_from_frame(
        frame, coded=wanted_coded, numeric=numeric, codebook=codebook, source=str(path)
    )


def read_header(path: Path) -> list[str]:
    """Column names of a data file, without reading its rows."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".sav":
            import pyreadstat

            _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
            return list(meta.column_names)
        if suffix == ".csv":
            return _csv_layout(path).header
        import pandas as pd

        return [str(c) for c in pd.read_excel(path, nrows=0, engine="openpyxl").columns]
    except AnalysisInputError:
        raise
    except Exception as exc:  # pandas/pyreadstat raise many types for an unreadable file
        if "No columns to parse" in str(exc):
            raise AnalysisInputError(f"no data: {path} is empty") from None
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None


def read_table(source: str | Path, *, text_columns: Sequence[str] = ()) -> tuple[pd.DataFrame, Codebook | None]:
    """The whole file as a DataFrame (for commands that write the data back with a new column).

    `text_columns` (identifiers) are kept as written: `7` stays "7", never the float 7.0 that a
    column with an empty cell would otherwise become; whole numbers of a .sav file are written whole.
    """
    frame, codebook = _read_whole_table(source, text_columns)
    for name in text_columns:
        if name in frame.columns:
            frame[name] = _as_written(frame[name])
    return frame, codebook


def _as_written(series: pd.Series) -> pd.Series:
    """Identifiers as text: strings stripped, whole numbers without a decimal part, empty as None."""
    import pandas as pd

    def one(value: Any) -> Any:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        if isinstance(value, float | np.floating) and float(value).is_integer():
            return str(int(value))
        text = str(value).strip()
        return text or None

    return pd.Series([one(v) for v in series], index=series.index, dtype=object)


def is_parquet_path(path: Path) -> bool:
    """A Parquet file (.parquet, .pq) or a directory of them (partitioned Parquet)."""
    return path.suffix.lower() in (".parquet", ".pq") or path.is_dir()


def parquet_columns(path: Path) -> list[str]:
    """Column names of a Parquet file or directory (read from its schema, not its rows)."""
    if not path.exists():
        raise AnalysisInputError(f"file not found: {path}")
    try:
        import pyarrow.dataset as ds

        return list(ds.dataset(str(path), format="parquet").schema.names)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError … for a file that is not Parquet
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None


def read_parquet(path: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The columns of a Parquet file or directory as a DataFrame (integers with nulls become float NaN)."""
    try:
        import pyarrow.dataset as ds

        table = ds.dataset(str(path), format="parquet").to_table(columns=list(columns) if columns else None)
    except Exception as exc:
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None
    if table.num_rows == 0:
        raise AnalysisInputError(f"no data: {path} has no rows")
    return table.to_pandas()


def _read_whole_table(source: str | Path, text_columns: Sequence[str]) -> tuple[pd.DataFrame, Codebook | None]:
    path = Path(source)
    if is_parquet_path(path):
        return read_parquet(path), None
    if not path.is_file():
        raise AnalysisInputError(f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise AnalysisInputError(f"unsupported file type {suffix or '(none)'}: use .csv, .xlsx or .sav ({path})")
    if suffix == ".sav":
        return _read_sav(path, read_header(path))
    if suffix == ".xlsx":
        return _read_xlsx(path, read_header(path)), None
    layout = _csv_layout(path)
    import pandas as pd

    try:
        dtype = {name: str for name in text_columns if name in layout.header}
        return pd.read_csv(path, low_memory=False, dtype=dtype or None, **_pandas_csv_options(layout)), None
    except Exception as exc:
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None


def dataset_from_arrays(
    columns: Mapping[str, Any],
    *,
    numeric: Iterable[str] = (),
    codebook: Codebook | None = None,
) -> Dataset:
    """A Dataset from in-memory arrays (lists, numpy arrays, pandas Series); `numeric` names stay floats."""
    import pandas as pd

    frame = pd.DataFrame({name: np.asarray(values) for name, values in columns.items()})
    numeric = list(numeric)
    coded = [c for c in frame.columns if c not in numeric]
    return dataset_from_frame(frame, coded=coded, numeric=numeric, codebook=codebook, source="<arrays>")


def dataset_from_frame(
    frame: pd.DataFrame | Mapping[str, Any],
    *,
    coded: Sequence[str],
    numeric: Sequence[str] = (),
    codebook: Codebook | None = None,
    source: str = "<frame>",
) -> Dataset:
    """Code the `coded` columns of a DataFrame against the codebook and report what does not count."""
    n_rows = len(frame) if hasattr(frame, "columns") else len(next(iter(frame.values()), ()))
    if n_rows == 0:
        raise AnalysisInputError(f"no data: {source} has no rows")
    variables = dict(codebook.variables) if codebook is not None else {}
    codes: dict[str, np.ndarray] = {}
    valid: dict[str, np.ndarray] = {}
    reports: dict[str, ColumnReport] = {}
    for name in coded:
        raw = _as_codes(frame[name], name, source)
        variable = variables.get(name)
        array, ok, report, inferred = _code_column(raw, name, variable)
        codes[name], valid[name], reports[name] = array, ok, report
        if variable is None:
            variables[name] = inferred
    values = {name: _as_numbers(frame[name], name, source) for name in numeric if name not in codes}
    return Dataset(
        codes=codes,
        valid=valid,
        values=values,
        reports=reports,
        codebook=Codebook(variables),
        n_rows=n_rows,
        source=source,
    )


def smallest_int_dtype(lo: int, hi: int) -> np.dtype:
    """The smallest signed integer dtype holding [lo, hi] with its minimum free for the empty sentinel."""
    for dtype in (np.int8, np.int16, np.int32, np.int64):
        info = np.iinfo(dtype)
        if info.min < lo and hi <= info.max:
            return np.dtype(dtype)
    raise AnalysisInputError(f"codes out of range: {lo}..{hi}")


def _as_codes(series: Any, name: str, source: str) -> np.ndarray:
    """Integer codes as they are, or float64 with NaN for empty cells; text and fractions are refused."""
    if isinstance(series, np.ndarray) and series.dtype.kind in "iu":
        return series
    if series.dtype.kind in "iub":
        return np.asarray(series, dtype=np.int64) if series.dtype.kind == "b" else np.asarray(series)
    import pandas as pd

    if series.dtype.kind == "f":
        out = np.asarray(series, dtype=np.float64)
    else:
        series = pd.Series(series)
        out, row = _numbers_of_cells(series)
        if row is not None:
            raise AnalysisInputError(
                f"column '{name}' in {source} has a non-numeric code {str(series.iloc[row])!r} "
                f"at data row {row + 1}; codes must be integers"
            )
    finite = ~np.isnan(out)
    fractional = finite & (out != np.round(out))
    if fractional.any():
        row = int(np.flatnonzero(fractional)[0])
        raise AnalysisInputError(
            f"column '{name}' in {source} has a non-integer code {out[row]:g} at data row {row + 1}; "
            "codes must be integers"
        )
    return out


def _as_numbers(series: Any, name: str, source: str) -> np.ndarray:
    if series.dtype.kind in "iufb":
        return np.asarray(series, dtype=np.float64)
    import pandas as pd

    series = pd.Series(series)
    out, row = _numbers_of_cells(series)
    if row is not None:
        raise AnalysisInputError(
            f"column '{name}' in {source} has a non-numeric value {str(series.iloc[row])!r} at data row {row + 1}"
        )
    return out


def _numbers_of_cells(series: pd.Series) -> tuple[np.ndarray, int | None]:
    """A text column as float64 (NaN where empty) and the first row that is not a number, if any.

    pandas converts the plain numbers in C; only the cells it leaves (`1 234,5`, a decimal comma in a
    `,`-separated file) go through `parse_number` one by one.
    """
    import pandas as pd

    converted = pd.to_numeric(series, errors="coerce")
    text = series.astype("string").str.strip()
    left = converted.isna() & text.notna() & (text != "")
    out = converted.to_numpy(dtype=np.float64, copy=True)
    for row in np.flatnonzero(left.to_numpy()):
        number = parse_number(series.iloc[row])
        if number is None:
            return out, int(row)
        out[row] = number
    return out, None


def _code_column(
    raw: np.ndarray, name: str, variable: Variable | None
) -> tuple[np.ndarray, np.ndarray, ColumnReport, Variable]:
    n = raw.shape[0]
    if raw.dtype.kind == "f":
        present = ~np.isnan(raw)
        n_empty = int(n - np.count_nonzero(present))
    else:
        present, n_empty = None, 0
    if n_empty == n:
        observed: np.ndarray = np.array([], dtype=np.int64)
        counts = np.array([], dtype=np.int64)
        lo = hi = 0
    else:
        _check_code_range(raw, name)
        finite = raw[present] if n_empty else raw
        lo, hi = int(finite.min()), int(finite.max())
        observed, counts = _value_counts(finite, lo, hi)
    known = set(variable.codes) if variable is not None else {int(c) for c in observed}
    declared = set(variable.missing) if variable is not None else set()
    bounds = [lo, hi, *known, *declared] if n_empty < n else [*known, *declared, 0]
    dtype = smallest_int_dtype(min(bounds), max(bounds))
    if n_empty:
        array = np.where(present, raw, np.iinfo(dtype).min).astype(dtype)
    else:
        array = raw.astype(dtype, copy=False)
    valid_codes = np.array(sorted(known), dtype=np.int64)
    if n_empty == n:
        ok = np.zeros(n, dtype=bool)
    elif variable is None and not n_empty:
        ok = np.ones(n, dtype=bool)  # every observed code is valid when the codes are inferred
    else:
        ok = _isin_small(array, valid_codes)
    missing_counts = {int(c): int(k) for c, k in zip(observed, counts, strict=True) if c in declared}
    unknown_counts = {
        int(c): int(k) for c, k in zip(observed, counts, strict=True) if c not in known and c not in declared
    }
    report = ColumnReport(
        name=name,
        n=n,
        valid=int(np.count_nonzero(ok)),
        empty=n_empty,
        declared_missing=missing_counts,
        unknown=unknown_counts,
    )
    inferred = variable or Variable(name=name, codes=tuple(int(c) for c in observed))
    return array, ok, report, inferred


#: Codes are held as 64-bit integers; a float beyond ±2⁵³ is no longer a whole number one can trust.
MAX_CODE = 2**53


def _check_code_range(values: np.ndarray, name: str) -> None:
    """Refuse codes too large to hold exactly, with the row, before any cast can overflow."""
    if values.dtype.kind != "f" or values.size == 0:
        return
    with np.errstate(invalid="ignore"):
        too_big = np.abs(values) > MAX_CODE  # NaN (an empty cell) compares False
    if too_big.any():
        row = int(np.flatnonzero(too_big)[0])
        raise AnalysisInputError(
            f"column '{name}' has a code too large to be a category ({values[row]:.6g} at data row "
            f"{row + 1}); codes must lie within ±{MAX_CODE}")


def _value_counts(values: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    if hi - lo < _BINCOUNT_SPAN:
        shifted = values.astype(np.intp) - lo if values.dtype.kind == "f" or lo else values
        counts = np.bincount(shifted, minlength=hi - lo + 1)
        nonzero = np.flatnonzero(counts)
        return nonzero + lo, counts[nonzero]
    observed, counts = np.unique(values, return_counts=True)
    return observed.astype(np.int64), counts


def _isin_small(array: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """`np.isin` through a lookup table: one gather per row instead of a sort."""
    if codes.size == 0:
        return np.zeros(array.shape[0], dtype=bool)
    info = np.iinfo(array.dtype)
    if array.dtype.itemsize <= 2:
        lut = np.zeros(int(info.max) - int(info.min) + 1, dtype=bool)
        inside = codes[(codes >= info.min) & (codes <= info.max)]
        lut[inside - int(info.min)] = True
        return lut[array.astype(np.int64) - int(info.min)] if array.dtype.itemsize == 2 else lut[
            array.view(np.uint8) ^ 0x80
        ]
    return np.isin(array, codes)


def _read_csv(path: Path, usecols: list[str], layout: CsvLayout) -> Mapping[str, Any]:
    """The asked-for columns of a CSV file: numpy's C parser for plain integers, else pandas.

    Most survey exports are plain integer codes; `numpy.loadtxt` reads those as fast as pandas
    does and spares the command line the ~0.4 s of importing pandas. Anything else (an empty
    cell, a quoted or text value, a decimal point) falls back to pandas, whose result is then
    checked cell by cell so that the message can name the offending value.
    """
    header, delimiter = layout.header, layout.delimiter
    # In a one-column file an empty cell is an empty line, which both parsers would skip: such
    # files go to pandas with blank lines kept, so that the empty cell is reported.
    single = len(header) == 1
    if usecols and not single and len(set(header)) == len(header):
        plain = _plain_integer_columns(path, header, delimiter, usecols)
        if plain is not None:
            return plain
        try:
            # A path (not an open handle) lets numpy read in large blocks: measured 0.16 s against
            # 0.25 s for 1,000,000 rows.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # "input contained no data": reported below
                table = np.loadtxt(
                    path, delimiter=delimiter, dtype=np.int64, usecols=[header.index(c) for c in usecols],
                    skiprows=1, ndmin=2, encoding=layout.encoding,
                )
        except (ValueError, OverflowError):
            pass
        else:
            if table.shape[0] == 0:
                raise AnalysisInputError(f"no data: {path} has no rows")
            return {name: np.ascontiguousarray(table[:, j]) for j, name in enumerate(usecols)}
    import pandas as pd

    try:
        # Dtypes are inferred: a column with an empty cell cannot be parsed as int, and text codes
        # must be reported, not cast.
        return pd.read_csv(path, usecols=usecols, engine="c", low_memory=False, skip_blank_lines=not single,
                           **_pandas_csv_options(layout))
    except pd.errors.EmptyDataError:
        raise AnalysisInputError(f"no data: {path} is empty") from None
    except Exception as exc:
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None


#: Bytes of a CSV file parsed at a time by `_plain_integer_columns` (the temporaries stay in cache).
_PLAIN_BLOCK = 1 << 20
#: Longest field `_plain_integer_columns` reads: 18 digits always fit in an int64.
_PLAIN_DIGITS = 18


def _plain_integer_columns(
    path: Path, header: list[str], delimiter: str, usecols: list[str]
) -> dict[str, np.ndarray] | None:
    """The asked-for columns of a CSV file whose data rows are nothing but unsigned integers, or None.

    Every data line must be exactly one run of ASCII digits per header column, separated by the
    delimiter and ended by a newline (LF, or CRLF as Excel writes it; the last one may be missing).
    Anything else (a sign, a space, a quote, an empty cell, a blank line, a decimal mark, a `#`)
    returns None, and the file goes to the general readers, which accept and refuse exactly as
    before. Those files read the same here as through `numpy.loadtxt`, only faster: vectorised over
    blocks of bytes, with no import beyond numpy (measured in bench/analysis_cli.py).
    """
    raw = path.read_bytes()
    first = raw.find(b"\n") + 1
    if first == 0 or len(delimiter.encode()) != 1:
        return None
    body = raw[first:]
    if b"\r" in body:
        if body.count(b"\r") != body.count(b"\r\n"):
            return None
        body = body.replace(b"\r\n", b"\n")
    if not body:
        return None
    if not body.endswith(b"\n"):
        body += b"\n"
    data = np.frombuffer(body, dtype=np.uint8)
    ncols = len(header)
    wanted = [header.index(c) for c in usecols]
    sep = np.uint8(ord(delimiter))
    parts: list[list[np.ndarray]] = [[] for _ in wanted]
    start = 0
    while start < data.size:
        stop = body.rfind(b"\n", start, start + _PLAIN_BLOCK) + 1 if start + _PLAIN_BLOCK < data.size else data.size
        if stop <= start:  # one line longer than a block: not a file of codes
            return None
        block = data[start:stop]
        ends = np.flatnonzero((block - np.uint8(48)) >= np.uint8(10))  # every byte that is not a digit
        if ends.size % ncols:
            return None
        lines = ends.reshape(-1, ncols)
        # Each line's last non-digit is its newline and there are no other newlines, so the rest,
        # being as many as the delimiters in the block, are the delimiters: one per cell boundary.
        newlines = np.count_nonzero(block == 10)
        if (newlines != lines.shape[0] or not (block[lines[:, -1]] == 10).all()
                or np.count_nonzero(block == sep) != ends.size - newlines):
            return None
        for out, j in zip(parts, wanted, strict=True):
            stop_j = lines[:, j]
            start_j = lines[:, j - 1] + 1 if j else np.concatenate(([0], lines[:-1, -1] + 1))
            width = stop_j - start_j
            if width.size == 0 or width.min() < 1 or width.max() > _PLAIN_DIGITS:
                return None
            # Digit k from the right of each cell, weighted by 10**k (cells shorter than k + 1 add 0).
            value = block[stop_j - 1].astype(np.int64) - 48
            for k in range(1, int(width.max())):
                digit = block[np.maximum(stop_j - 1 - k, 0)].astype(np.int64) - 48
                value += np.where(width > k, digit * 10**k, 0)
            out.append(value)
        start = stop
    return {name: np.concatenate(out) for name, out in zip(usecols, parts, strict=True)}


def _csv_layout(path: Path) -> CsvLayout:
    """`csv_layout` with the header names stripped, as the data set's columns are named."""
    layout = csv_layout(path)
    return CsvLayout([c.strip() for c in layout.header], layout.delimiter, layout.encoding)


def _pandas_csv_options(layout: CsvLayout) -> dict[str, Any]:
    # With `;` or tab between cells a comma is a decimal comma; numbers that pandas still leaves as
    # text (a decimal comma in a `,` file, grouped digits) are read by `parse_number` afterwards.
    return {"sep": layout.delimiter, "encoding": layout.encoding, "decimal": "," if layout.delimiter != "," else "."}


def _read_xlsx(path: Path, usecols: list[str]) -> pd.DataFrame:
    import pandas as pd

    try:
        return pd.read_excel(path, usecols=usecols, engine="openpyxl")
    except Exception as exc:
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None


def _read_sav(path: Path, usecols: list[str]) -> tuple[pd.DataFrame, Codebook]:
    import pyreadstat

    try:
        # user_missing=True keeps the declared missing codes as values so that they are reported
        # (per code) instead of vanishing into NaN.
        frame, meta = pyreadstat.read_sav(str(path), usecols=usecols, user_missing=True)
    except Exception as exc:
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None
    return frame, codebook_from_sav_metadata(meta, data=frame)


def _unknown_column_message(name: str, available: Iterable[str], source: str) -> str:
    listed = ", ".join(list(available)[:20])
    return f"unknown column '{name}' in {source} (columns: {listed})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# ---------------------------------------------------------------------------------------------
# Codebooks


def codebook_from_sav_metadata(meta: Any, *, data: pd.DataFrame | None = None, lang: str = "en") -> Codebook:
    """A Codebook from pyreadstat metadata: value labels, user-missing values and ranges, measure level.

    A .sav file carries its labels in one language; they are stored under `lang`. Valid codes are the
    labelled codes that are not declared missing, plus any other integer found in `data` (an SPSS
    variable need not label every code). Missing ranges are expanded to the integers they cover
    when they span at most 10,000 values, and otherwise to their end points and labelled codes.
    """
    value_labels: Mapping[str, Mapping[Any, str]] = getattr(meta, "variable_value_labels", {}) or {}
    titles: Mapping[str, str | None] = getattr(meta, "column_names_to_labels", {}) or {}
    measures: Mapping[str, str] = getattr(meta, "variable_measure", {}) or {}
    user_values: Mapping[str, Sequence[Any]] = getattr(meta, "missing_user_values", {}) or {}
    ranges: Mapping[str, Sequence[Mapping[str, Any]]] = getattr(meta, "missing_ranges", {}) or {}
    variables = []
    for name in getattr(meta, "column_names", []) or []:
        labels = {int(c): {lang: str(t)} for c, t in value_labels.get(name, {}).items() if _is_int(c)}
        missing: set[int] = {int(v) for v in user_values.get(name, ()) if _is_int(v)}
        for span in ranges.get(name, ()):
            lo, hi = span.get("lo"), span.get("hi")
            if not (_is_int(lo) and _is_int(hi)):
                continue
            lo, hi = int(cast(float, lo)), int(cast(float, hi))
            if hi - lo <= 10_000:
                missing.update(range(lo, hi + 1))
            else:
                missing.update({lo, hi, *(c for c in labels if lo <= c <= hi)})
        observed: set[int] = set()
        if data is not None and name in data.columns and data[name].dtype.kind in "iuf":
            column = data[name].dropna()
            if len(column) and bool((column == column.round()).all()):
                observed = {int(v) for v in column.unique()}
        if not labels and not observed and not missing:
            continue
        codes = tuple(sorted((set(labels) | observed) - missing))
        title = titles.get(name)
        variables.append(
            Variable(
                name=name,
                codes=codes,
                labels=labels,
                missing=tuple(sorted(c for c in missing if c in labels or c in observed or len(missing) <= 50)),
                title={lang: title} if title else {},
                ordinal=measures.get(name) == "ordinal",
            )
        )
    return Codebook.of(variables)


def codebook_from_mapping(document: Mapping[str, Any]) -> Codebook:
    """A Codebook from the documented YAML/JSON shape (see docs/analyze-command.md).

    ```yaml
    variables:
      - name: gender
        text: {kk: Жынысыңыз, ru: Ваш пол, en: Your gender}
        ordinal: false
        missing: [9]
        codes:
          - {code: 1, label: {kk: Ер, ru: Мужской, en: Male}}
          - {code: 2, label: {kk: Әйел, ru: Женский, en: Female}}
    ```
    A label or text may be a plain string (taken as English).
    """
    if not isinstance(document, Mapping) or not isinstance(document.get("variables"), list):
        raise AnalysisInputError("codebook must be a mapping with a 'variables' list")
    variables = []
    for position, entry in enumerate(document["variables"], start=1):
        if not isinstance(entry, Mapping) or not entry.get("name"):
            raise AnalysisInputError(f"codebook variable #{position} has no 'name'")
        name = str(entry["name"])
        codes, labels = _codes_and_labels(entry.get("codes", []), f"variable '{name}'", key="label")
        missing = entry.get("missing", []) or []
        if not all(_is_int(m) for m in missing):
            raise AnalysisInputError(f"codebook variable '{name}': missing codes must be integers")
        variables.append(
            Variable(
                name=name,
                codes=codes,
                labels=labels,
                missing=tuple(int(m) for m in missing),
                title=_texts(entry.get("text", {}), f"variable '{name}'"),
                ordinal=_flag(entry.get("ordinal", False)),
            )
        )
    return Codebook.of(variables)


def codebook_from_questionnaire(questionnaire: Mapping[str, Any], *, ordinal: Iterable[str] = ()) -> Codebook:
    """A Codebook from the web app's questionnaire export.

    Shape: `{"questions": [{"code": "q4", "text": {"kk", "ru", "en"}, "options": [{"code": 1,
    "text": {...}}]}]}`; a question may carry `"ordinal": true` and `"missing": [codes]`. Questions
    without options (free text) are not coded variables and are skipped.
    """
    if not isinstance(questionnaire, Mapping) or not isinstance(questionnaire.get("questions"), list):
        raise AnalysisInputError("questionnaire must be a mapping with a 'questions' list")
    ordinal = set(ordinal)
    variables = []
    for position, question in enumerate(questionnaire["questions"], start=1):
        if not isinstance(question, Mapping) or not question.get("code"):
            raise AnalysisInputError(f"questionnaire question #{position} has no 'code'")
        name = str(question["code"])
        options = question.get("options") or []
        if not options:
            continue
        codes, labels = _codes_and_labels(options, f"question '{name}'", key="text")
        variables.append(
            Variable(
                name=name,
                codes=codes,
                labels=labels,
                missing=tuple(int(m) for m in question.get("missing", []) or []),
                title=_texts(question.get("text", {}), f"question '{name}'"),
                ordinal=_flag(question.get("ordinal", name in ordinal)),
            )
        )
    return Codebook.of(variables)


def load_codebook(source: str | Path) -> Codebook:
    """A Codebook from a .yaml/.yml/.json file: the codebook shape, or a questionnaire export."""
    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"codebook file not found: {path}")
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() == ".json":
            document = json.loads(text)
        elif path.suffix.lower() in (".yaml", ".yml"):
            document = _yaml_load(text)
        else:
            raise AnalysisInputError(f"codebook must be .yaml, .yml or .json: {path}")
    except AnalysisInputError:
        raise
    except Exception as exc:
        raise AnalysisInputError(f"cannot parse codebook {path}: {_first_line(exc)}") from None
    if isinstance(document, Mapping) and "questions" in document:
        return codebook_from_questionnaire(document)
    return codebook_from_mapping(document)


def _yaml_load(text: str) -> Any:
    """YAML without YAML 1.1 booleans: labels such as Yes, No, On, Off stay text."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1", "on")
    return bool(value)


def codebook_to_mapping(codebook: Codebook) -> dict[str, Any]:
    """The documented YAML/JSON shape of a Codebook (inverse of `codebook_from_mapping`)."""
    return {
        "variables": [
            {
                "name": v.name,
                "text": dict(v.title),
                "ordinal": v.ordinal,
                "missing": list(v.missing),
                "codes": [{"code": c, "label": dict(v.labels.get(c, {}))} for c in v.codes],
            }
            for v in codebook.variables.values()
        ]
    }


def _codes_and_labels(
    entries: Any, where: str, *, key: str
) -> tuple[tuple[int, ...], dict[int, dict[str, str]]]:
    if not isinstance(entries, list):
        raise AnalysisInputError(f"codebook {where}: codes must be a list")
    codes: list[int] = []
    labels: dict[int, dict[str, str]] = {}
    for entry in entries:
        if not isinstance(entry, Mapping) or not _is_int(entry.get("code")):
            raise AnalysisInputError(f"codebook {where}: every code needs an integer 'code' (got {entry!r})")
        code = int(entry["code"])
        if code in labels:
            raise AnalysisInputError(f"codebook {where}: code {code} appears twice")
        codes.append(code)
        labels[code] = _texts(entry.get(key, entry.get("label", {})), where)
    return tuple(codes), labels


def _texts(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str | int | float):
        return {"en": str(value)}
    if not isinstance(value, Mapping):
        raise AnalysisInputError(f"codebook {where}: a text must be a string or a {{kk, ru, en}} mapping")
    unknown = [lang for lang in value if lang not in LANGUAGES]
    if unknown:
        raise AnalysisInputError(f"codebook {where}: unknown language {unknown[0]!r} (use kk, ru, en)")
    return {str(lang): str(text) for lang, text in value.items() if text is not None and text != ""}


def _is_int(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | np.integer):
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isfinite(value)) and float(value).is_integer()
    return False


# ---------------------------------------------------------------------------------------------
# Margins (population targets for raking)

MARGINS_SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml")


class MarginsError(AnalysisInputError):
    """Margins that cannot be read: every problem found, each a sentence in the requested language."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = [str(m) for m in messages]
        super().__init__(" ".join(self.messages))


def margins_from_rows(rows: Iterable[Sequence[Any]], *, lang: str = "en") -> dict[str, dict[int, float]]:
    """Margins from table rows: a header naming `variable`, `code` and `target` (any case, any order), then
    one row per answer code. Codes are whole numbers, targets numbers >= 0 (`0,48` and `1 234` are read).

    Targets are population totals (e.g. employees by sector from official statistics) or shares summing to
    1 or 100 per variable. Every problem is collected (MarginsError), each with its line.
    """
    rows = [list(r) for r in rows if any(str("" if c is None else c).strip() for c in r)]
    if not rows:
        raise MarginsError([gettext(lang, "The margins file is empty.")])
    header = [str("" if c is None else c).strip().lower() for c in rows[0]]
    if not {"variable", "code", "target"} <= set(header):
        raise MarginsError([gettext(lang, "The first row must name the columns variable, code and target.")])
    iv, ic, it = header.index("variable"), header.index("code"), header.index("target")
    margins: dict[str, dict[int, float]] = {}
    errors: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        cells = ["" if c is None else c for c in row] + [""] * (max(iv, ic, it) + 1 - len(row))
        variable = str(cells[iv]).strip()
        code = parse_number(cells[ic])
        target = parse_number(cells[it])
        if not variable:
            errors.append(gettext(lang, "Line %(line)s: the variable is empty.") % {"line": line})
            continue
        if code is None or not code.is_integer():
            errors.append(gettext(lang, "Line %(line)s: the code “%(value)s” is not a whole number.") % {
                "line": line, "value": cells[ic]})
            continue
        if target is None or target < 0:
            errors.append(gettext(lang, "Line %(line)s: the target “%(value)s” is not a number of 0 or more.") % {
                "line": line, "value": cells[it]})
            continue
        codes = margins.setdefault(variable, {})
        if int(code) in codes:
            errors.append(gettext(lang, "Line %(line)s: %(variable)s code %(code)s appears twice.") % {
                "line": line, "variable": variable, "code": int(code)})
            continue
        codes[int(code)] = target
    if errors:
        raise MarginsError(errors)
    return margins


def margins_from_yaml(text: str, *, lang: str = "en") -> dict[str, dict[int, float]]:
    """Margins from YAML: `{variable: {code: target}}`, optionally under a top-level `margins` key."""
    try:
        document = _yaml_load(text)
    except Exception:  # yaml.YAMLError and its many subclasses
        raise MarginsError([gettext(lang, "The file cannot be read as YAML.")]) from None
    if isinstance(document, Mapping) and isinstance(document.get("margins"), Mapping):
        document = document["margins"]
    if not isinstance(document, Mapping) or not document:
        raise MarginsError([gettext(
            lang, "The YAML file must map each question code to its targets, e.g. gender: {1: 0.48, 2: 0.52}.")])
    rows: list[list[Any]] = [["variable", "code", "target"]]
    for variable, targets in document.items():
        if not isinstance(targets, Mapping):
            raise MarginsError([gettext(lang, "The targets of “%(code)s” must map answer codes to numbers.")
                                % {"code": variable}])
        rows.extend([str(variable), code, target] for code, target in targets.items())
    return margins_from_rows(rows, lang=lang)


def margins_from_text(variable: str, text: str, *, lang: str = "en") -> dict[str, dict[int, float]]:
    """Margins of one variable typed as lines "code = target" (or "code; target", "code: target",
    "code<tab>target", "code target")."""
    rows: list[list[Any]] = [["variable", "code", "target"]]
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        for sep in ("=", ";", "\t", ":"):
            if sep in line:
                code, _sep, target = line.partition(sep)
                break
        else:
            code, _sep, target = line.partition(" ")
        rows.append([variable, code.strip(), target.strip()])
    if len(rows) == 1:
        raise MarginsError([gettext(lang, "Type one line per answer code: code = target.")])
    return margins_from_rows(rows, lang=lang)


def margins_from_bytes(name: str, content: bytes, *, lang: str = "en") -> dict[str, dict[int, float]]:
    """Margins from a file's content, by the file name's suffix: CSV or XLSX (columns variable, code, target)
    or YAML (`{variable: {code: target}}`)."""
    suffix = Path(name).suffix.lower()
    if suffix in (".yaml", ".yml"):
        try:
            text = decode_text(content)
        except TextEncodingError:
            raise MarginsError([gettext(lang, "The file cannot be read as YAML.")]) from None
        return margins_from_yaml(text, lang=lang)
    if suffix == ".csv":
        try:
            text = decode_text(content)
        except TextEncodingError:
            raise MarginsError([gettext(lang, "The file is not UTF-8 text.")]) from None
        return margins_from_rows(csv_rows_of_text(text), lang=lang)
    if suffix == ".xlsx":
        try:
            rows = list(xlsx_rows(content))
        except UnreadableTableError:
            raise MarginsError([gettext(lang, "The file cannot be read as an Excel workbook (.xlsx).")]) from None
        return margins_from_rows(rows, lang=lang)
    raise MarginsError([gettext(lang, "Upload the margins as .csv, .xlsx or .yaml.")])


def load_margins(source: str | Path, *, lang: str = "en") -> dict[str, dict[int, float]]:
    """Population margins for raking from a CSV, XLSX or YAML file (see `margins_from_bytes`)."""
    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"margins file not found: {path}")
    try:
        margins = margins_from_bytes(path.name, path.read_bytes(), lang=lang)
    except MarginsError as exc:
        raise MarginsError([f"margins file {path}: {' '.join(exc.messages)}"]) from None
    if not margins:
        raise AnalysisInputError(f"margins file {path} has no rows")
    return margins


# ---------------------------------------------------------------------------------------------
# The paper's data set


def paper_codebook() -> Codebook:
    """The codebook of the shipped reproduction of the 2025 paper (Appendix 1, in kk/ru/en)."""
    return load_codebook(PAPER_DIR / "codebook.yaml")


def load_paper_dataset() -> Dataset:
    """The shipped 346-respondent reproduction of the paper's survey, coded against its codebook.

    `id`, `recruiter_id` and `network_size` are numeric columns; `recruiter_id` and `network_size`
    are synthetic (see data/paper2025/README.md).
    """
    return read_dataset(
        PAPER_DIR / "responses.csv",
        numeric=("id", "recruiter_id", "network_size"),
        codebook=paper_codebook(),
    )
