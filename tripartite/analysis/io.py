"""Reading survey data (CSV, XLSX, SPSS .sav, arrays) into integer-coded columns, and codebook loaders.

A `Dataset` holds each coded column as the smallest signed integer array that fits, a mask of the
cells that count (a valid code of the variable), and a report of every cell that does not count:
empty cells, declared missing codes and codes the codebook does not know. Those cells are never
counted silently; the report says what was left out and why.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from tripartite.analysis.codebook import LANGUAGES, Codebook, Variable

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
    if not path.is_file():
        raise AnalysisInputError(f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise AnalysisInputError(f"unsupported file type {suffix or '(none)'}: use .csv, .xlsx or .sav ({path})")
    header = read_header(path)
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
        frame = _read_csv(path, usecols)
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
            return _csv_header(path)
        import pandas as pd

        return [str(c) for c in pd.read_excel(path, nrows=0, engine="openpyxl").columns]
    except AnalysisInputError:
        raise
    except Exception as exc:  # pandas/pyreadstat raise many types for an unreadable file
        if "No columns to parse" in str(exc):
            raise AnalysisInputError(f"no data: {path} is empty") from None
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None


def read_table(source: str | Path) -> tuple[pd.DataFrame, Codebook | None]:
    """The whole file as a DataFrame (for commands that write the data back with a new column)."""
    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise AnalysisInputError(f"unsupported file type {suffix or '(none)'}: use .csv, .xlsx or .sav ({path})")
    header = read_header(path)
    if suffix == ".sav":
        return _read_sav(path, header)
    if suffix == ".xlsx":
        return _read_xlsx(path, header), None
    import pandas as pd

    try:
        return pd.read_csv(path, low_memory=False, sep=_csv_dialect(path)[1]), None
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
        converted = pd.to_numeric(series, errors="coerce")
        text = series.astype("string").str.strip()
        bad = converted.isna() & text.notna() & (text != "")
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise AnalysisInputError(
                f"column '{name}' in {source} has a non-numeric code {str(series.iloc[row])!r} "
                f"at data row {row + 1}; codes must be integers"
            )
        out = converted.to_numpy(dtype=np.float64)
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
    converted = pd.to_numeric(series, errors="coerce")
    text = series.astype("string").str.strip()
    bad = converted.isna() & text.notna() & (text != "")
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise AnalysisInputError(
            f"column '{name}' in {source} has a non-numeric value {str(series.iloc[row])!r} at data row {row + 1}"
        )
    return converted.to_numpy(dtype=np.float64)


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


def _read_csv(path: Path, usecols: list[str]) -> Mapping[str, Any]:
    """The asked-for columns of a CSV file: numpy's C parser for plain integers, else pandas.

    Most survey exports are plain integer codes; `numpy.loadtxt` reads those as fast as pandas
    does and spares the command line the ~0.4 s of importing pandas. Anything else (an empty
    cell, a quoted or text value, a decimal point) falls back to pandas, whose result is then
    checked cell by cell so that the message can name the offending value.
    """
    header, delimiter = _csv_dialect(path)
    # In a one-column file an empty cell is an empty line, which both parsers would skip: such
    # files go to pandas with blank lines kept, so that the empty cell is reported.
    single = len(header) == 1
    if usecols and not single and len(set(header)) == len(header):
        try:
            # A path (not an open handle) lets numpy read in large blocks: measured 0.16 s against
            # 0.25 s for 1,000,000 rows.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # "input contained no data": reported below
                table = np.loadtxt(
                    path, delimiter=delimiter, dtype=np.int64, usecols=[header.index(c) for c in usecols],
                    skiprows=1, ndmin=2, encoding="utf-8",
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
        return pd.read_csv(path, usecols=usecols, sep=delimiter, engine="c", low_memory=False,
                           skip_blank_lines=not single)
    except pd.errors.EmptyDataError:
        raise AnalysisInputError(f"no data: {path} is empty") from None
    except Exception as exc:
        raise AnalysisInputError(f"cannot read {path}: {_first_line(exc)}") from None


def _csv_header(path: Path) -> list[str]:
    return _csv_dialect(path)[0]


def _csv_dialect(path: Path) -> tuple[list[str], str]:
    """Column names and delimiter: `,` by default; `;` or tab when the header line uses them instead
    (spreadsheets set to Russian or Kazakh locales write `;`, the decimal comma taking `,`)."""
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            first = handle.readline()
        except UnicodeDecodeError:
            raise AnalysisInputError(f"cannot read {path}: not UTF-8 text") from None
    if not first.strip():
        raise AnalysisInputError(f"no data: {path} is empty")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    names = next(csv.reader([first], delimiter=delimiter))
    return [c.strip() for c in names], delimiter


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


def load_margins(source: str | Path) -> dict[str, dict[int, float]]:
    """Population margins for raking from a CSV with the columns `variable,code,target`.

    Targets are population totals (e.g. employees by sector from official statistics) or shares
    summing to 1 or 100 per variable; every variable's targets describe the same population.
    """
    import csv

    path = Path(source)
    if not path.is_file():
        raise AnalysisInputError(f"margins file not found: {path}")
    margins: dict[str, dict[int, float]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = [f.strip() for f in reader.fieldnames or []]
        if not {"variable", "code", "target"} <= set(fields):
            raise AnalysisInputError(
                f"margins file {path} needs the columns variable,code,target (found: {','.join(fields) or 'none'})"
            )
        for line, row in enumerate(reader, start=2):
            row = {str(k).strip(): (v or "").strip() for k, v in row.items() if k is not None}
            variable, code, target = row.get("variable", ""), row.get("code", ""), row.get("target", "")
            if not variable:
                raise AnalysisInputError(f"margins file {path}, line {line}: empty variable name")
            try:
                code_value = int(code)
            except ValueError:
                raise AnalysisInputError(
                    f"margins file {path}, line {line}: code {code!r} is not an integer"
                ) from None
            try:
                target_value = float(target)
            except ValueError:
                raise AnalysisInputError(
                    f"margins file {path}, line {line}: target {target!r} is not a number"
                ) from None
            if not np.isfinite(target_value) or target_value < 0:
                raise AnalysisInputError(f"margins file {path}, line {line}: target must be a number >= 0")
            codes = margins.setdefault(variable, {})
            if code_value in codes:
                raise AnalysisInputError(
                    f"margins file {path}, line {line}: {variable} code {code_value} appears twice"
                )
            codes[code_value] = target_value
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
