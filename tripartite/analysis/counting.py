"""Counting back-ends: turn coded answers into small count tables, in memory (numpy) or in the database (SQL).

Both back-ends return the same objects (`CountTable` for two-way tables with an optional layer,
`CodeCounts` for one variable), so every statistic downstream is computed the same way wherever
the data lives.  Values that are not valid codes are never counted silently: NULL/NaN, declared
missing codes and codes outside the variable's valid codes are excluded and reported per
variable in `Exclusion` records.

How the numpy back-end stays fast on millions of rows: an integer column with a short code range
becomes code − min by plain unsigned arithmetic on its raw bytes (no lookup, no widening of int8
data); the columns' indices are scaled and added into one combined code in the smallest unsigned
dtype (uint8 for a 4 × 11 table with its missing-value slots), and one `np.bincount` per chunk of
rows counts everything.  Only then is the small table of raw codes folded into valid codes and the
three kinds of exclusion.  Chunks keep the temporaries in cache and the peak memory small
(bincount converts its input to intp).  Floats with NaN and very wide code ranges go through a
lookup table per chunk instead.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .codebook import Variable

#: Rows per chunk in the numpy back-end (chosen by measurement: temporaries stay in L2 cache).
CHUNK_ROWS = 1 << 16
WEIGHTED_CHUNK_ROWS = 1 << 14
#: Largest code span mapped through a direct lookup table; beyond it codes are factorised.
MAX_LUT_SPAN = 1 << 20

# Extra slots after the k valid codes of a variable, in this order.
_MISSING, _UNKNOWN, _NULL = 0, 1, 2
_EXTRA = 3


class CountingError(ValueError):
    """Input that cannot be counted (non-numeric codes, negative weights, mismatched lengths)."""


@dataclass(frozen=True)
class Exclusion:
    """Rows of one variable left out of a count, by reason (unweighted numbers of rows)."""

    variable: str
    null: int  # NULL, NaN or empty
    declared_missing: int  # a code the codebook declares missing (e.g. 9 "don't know")
    unknown: int  # a code that is neither valid nor declared missing
    unknown_codes: tuple[int, ...] = ()  # which unknown codes were seen (up to 20)

    @property
    def total(self) -> int:
        return self.null + self.declared_missing + self.unknown

    def to_dict(self) -> dict[str, object]:
        return {
            "variable": self.variable,
            "null": self.null,
            "declared_missing": self.declared_missing,
            "unknown": self.unknown,
            "unknown_codes": list(self.unknown_codes),
        }


@dataclass(frozen=True)
class CodeCounts:
    """Counts of one variable's valid codes."""

    name: str
    codes: tuple[int, ...]
    counts: np.ndarray  # int64, or float64 (sum of weights) when weighted
    weighted: bool = False
    n_cases: np.ndarray | None = None  # unweighted counts per code (weighted only)
    sum_w2: np.ndarray | None = None  # Σ w² per code (weighted only)
    exclusion: Exclusion | None = None
    null_weights: int = 0  # rows left out because their weight was NULL/NaN
    excluded_weight: float | None = None  # Σw of the rows with a weight but no valid code (weighted only)

    @property
    def cases(self) -> np.ndarray:
        """Unweighted counts per code."""
        return self.counts if self.n_cases is None else self.n_cases


@dataclass(frozen=True)
class CountTable:
    """A two-way count table (optionally one per layer), as returned by every counting back-end.

    `counts` has shape (R, C), or (L, R, C) when there is a layer.  For a weighted table `counts`
    holds sums of weights, `n_cases` the unweighted counts and `sum_w2` the sums of squared weights
    per cell (what the design-effect and Rao–Scott corrections need).
    """

    row_codes: tuple[int, ...]
    col_codes: tuple[int, ...]
    layer_codes: tuple[int, ...] | None
    counts: np.ndarray
    weighted: bool = False
    n_cases: np.ndarray | None = None
    sum_w2: np.ndarray | None = None
    row_name: str = "rows"
    col_name: str = "cols"
    layer_name: str | None = None
    exclusions: tuple[Exclusion, ...] = ()
    excluded_rows: int = 0  # rows left out for any reason (a row may fail on several variables)
    null_weights: int = 0

    @property
    def cases(self) -> np.ndarray:
        """Unweighted counts per cell."""
        return self.counts if self.n_cases is None else self.n_cases

    def total(self) -> CountTable:
        """The table summed over layers (itself when there is no layer)."""
        if self.layer_codes is None:
            return self
        return CountTable(
            row_codes=self.row_codes,
            col_codes=self.col_codes,
            layer_codes=None,
            counts=self.counts.sum(axis=0),
            weighted=self.weighted,
            n_cases=None if self.n_cases is None else self.n_cases.sum(axis=0),
            sum_w2=None if self.sum_w2 is None else self.sum_w2.sum(axis=0),
            row_name=self.row_name,
            col_name=self.col_name,
            layer_name=None,
            exclusions=self.exclusions,
            excluded_rows=self.excluded_rows,
            null_weights=self.null_weights,
        )

    def layer(self, index: int) -> CountTable:
        """The sub-table of the `index`-th layer code."""
        if self.layer_codes is None:
            raise IndexError("this table has no layer")
        return CountTable(
            row_codes=self.row_codes,
            col_codes=self.col_codes,
            layer_codes=None,
            counts=self.counts[index],
            weighted=self.weighted,
            n_cases=None if self.n_cases is None else self.n_cases[index],
            sum_w2=None if self.sum_w2 is None else self.sum_w2[index],
            row_name=self.row_name,
            col_name=self.col_name,
        )


# ----------------------------------------------------------------------------------------------
# Shared: slots, and assembling a joint slot table into the public result objects.


@dataclass(frozen=True)
class _Dim:
    name: str
    codes: tuple[int, ...]  # codes of the valid slots
    observed_only: bool  # no codebook: drop valid slots nobody answered


@dataclass(frozen=True)
class _Joint:
    dims: tuple[_Dim, ...]
    counts: np.ndarray  # shape (k1+3, k2+3, ...): valid slots, then missing, unknown, null
    n_cases: np.ndarray | None
    sum_w2: np.ndarray | None
    unknown_codes: tuple[tuple[int, ...], ...]
    null_weights: int


def _variable(name: str, variable: Variable | None) -> Variable:
    return variable if variable is not None else Variable(name=name, codes=())


def _finish(joint: _Joint) -> tuple[list[tuple[int, ...]], np.ndarray, np.ndarray | None, np.ndarray | None,
                                     tuple[Exclusion, ...], int]:
    """Split a joint slot table into the valid block and the exclusion reports."""
    cases = joint.counts if joint.n_cases is None else joint.n_cases
    ndim = cases.ndim
    exclusions = []
    for axis, dim in enumerate(joint.dims):
        other = tuple(a for a in range(ndim) if a != axis)
        margin = cases.sum(axis=other) if other else cases
        k = len(dim.codes)
        exclusions.append(
            Exclusion(
                variable=dim.name,
                null=int(margin[k + _NULL]),
                declared_missing=int(margin[k + _MISSING]),
                unknown=int(margin[k + _UNKNOWN]),
                unknown_codes=joint.unknown_codes[axis],
            )
        )
    valid = tuple(slice(0, len(d.codes)) for d in joint.dims)
    counts = joint.counts[valid]
    n_cases = None if joint.n_cases is None else joint.n_cases[valid]
    sum_w2 = None if joint.sum_w2 is None else joint.sum_w2[valid]
    excluded_rows = int(round(float(cases.sum() - cases[valid].sum())))
    codes: list[tuple[int, ...]] = []
    # Without a codebook the valid codes are those observed in the column (in any row).
    for axis, dim in enumerate(joint.dims):
        if not dim.observed_only:
            codes.append(dim.codes)
            continue
        other = tuple(a for a in range(ndim) if a != axis)
        margin = cases.sum(axis=other) if other else cases
        keep = np.nonzero(margin[: len(dim.codes)] > 0)[0]
        codes.append(tuple(dim.codes[i] for i in keep))
        counts = np.take(counts, keep, axis=axis)
        n_cases = None if n_cases is None else np.take(n_cases, keep, axis=axis)
        sum_w2 = None if sum_w2 is None else np.take(sum_w2, keep, axis=axis)
    return codes, counts, n_cases, sum_w2, tuple(exclusions), excluded_rows + joint.null_weights


def _table_from_joint(joint: _Joint, layered: bool) -> CountTable:
    codes, counts, n_cases, sum_w2, exclusions, excluded_rows = _finish(joint)
    if layered:
        # Internally the layer is the last dimension; the public shape is (L, R, C).
        counts = np.moveaxis(counts, 2, 0)
        n_cases = None if n_cases is None else np.moveaxis(n_cases, 2, 0)
        sum_w2 = None if sum_w2 is None else np.moveaxis(sum_w2, 2, 0)
    return CountTable(
        row_codes=codes[0],
        col_codes=codes[1],
        layer_codes=codes[2] if layered else None,
        counts=np.ascontiguousarray(counts),
        weighted=joint.n_cases is not None,
        n_cases=None if n_cases is None else np.ascontiguousarray(n_cases),
        sum_w2=None if sum_w2 is None else np.ascontiguousarray(sum_w2),
        row_name=joint.dims[0].name,
        col_name=joint.dims[1].name,
        layer_name=joint.dims[2].name if layered else None,
        exclusions=exclusions,
        excluded_rows=excluded_rows,
        null_weights=joint.null_weights,
    )


def _codes_from_joint(joint: _Joint) -> CodeCounts:
    codes, counts, n_cases, sum_w2, exclusions, _ = _finish(joint)
    weighted = joint.n_cases is not None
    return CodeCounts(
        excluded_weight=float(joint.counts.sum() - counts.sum()) if weighted else None,
        name=joint.dims[0].name,
        codes=codes[0],
        counts=counts,
        weighted=joint.n_cases is not None,
        n_cases=n_cases,
        sum_w2=sum_w2,
        exclusion=exclusions[0],
        null_weights=joint.null_weights,
    )


# ----------------------------------------------------------------------------------------------
# numpy back-end


def _as_column(values: Any, name: str) -> np.ndarray:
    """A 1-D numpy array of codes; pandas nullable/categorical values become float with NaN."""
    if hasattr(values, "to_numpy") and not isinstance(values, np.ndarray):
        dtype = getattr(values, "dtype", None)
        if dtype is not None and getattr(dtype, "kind", "O") in "iub" and not hasattr(dtype, "na_value"):
            values = values.to_numpy()
        else:
            try:
                values = values.to_numpy(dtype="float64", na_value=np.nan)
            except (TypeError, ValueError) as exc:
                raise CountingError(f"column {name!r} holds values that are not numeric codes") from exc
    if isinstance(values, np.ma.MaskedArray):
        values = np.ma.filled(values.astype(np.float64), np.nan)
    array = np.asarray(values)
    if array.ndim != 1:
        raise CountingError(f"column {name!r} must be one-dimensional")
    if array.dtype.kind == "b":
        array = array.view(np.uint8)
    if array.dtype.kind == "O":
        try:
            array = np.array([np.nan if v is None else v for v in array], dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise CountingError(f"column {name!r} holds values that are not numeric codes") from exc
    if array.dtype.kind not in "iuf":
        raise CountingError(f"column {name!r} holds values that are not numeric codes (dtype {array.dtype})")
    return array


def _code_range(array: np.ndarray) -> tuple[int, int] | None:
    """Smallest and largest integral code in the column (None if it has none)."""
    if array.size == 0:
        return None
    if array.dtype.kind in "iu":
        return int(array.min()), int(array.max())
    finite = array[np.isfinite(array)]
    finite = finite[finite == np.floor(finite)]
    if finite.size == 0:
        return None
    return int(finite.min()), int(finite.max())


@dataclass(frozen=True)
class _Encoder:
    """How one column becomes a small index per row.

    Integer columns with a short code range are encoded *raw* (code − min, plain unsigned
    arithmetic on the chunk, no lookup) and mapped to slots after counting, on the tiny table;
    other columns (floats with NaN, very wide code ranges) are mapped to slots row by row.
    """

    dim: _Dim
    span: int  # number of distinct indices this column produces
    slot_map: np.ndarray  # index -> slot (identity for slot-encoded columns)
    raw_min: int | None  # set for raw-encoded integer columns
    lut: np.ndarray | None  # code - lut_offset -> slot, for slot-encoded columns
    lut_offset: int
    fallback: np.ndarray | None  # per-row slots when the code range is too wide for a lookup table


#: Widest code range of an integer column encoded raw (wider ranges go through a lookup table).
MAX_RAW_SPAN = 4096
#: Largest joint table of raw codes before falling back to slot encoding for every column.
MAX_RAW_BINS = 1 << 22


def _dim_and_slots(array: np.ndarray, variable: Variable, rng: tuple[int, int] | None) -> tuple[_Dim, dict[int, int]]:
    declared = set(int(c) for c in variable.missing)
    if variable.codes:
        valid = tuple(int(c) for c in variable.codes)
        observed_only = False
    else:
        lo, hi = rng if rng is not None else (0, -1)
        if hi - lo + 1 > MAX_LUT_SPAN:
            values = array[np.isfinite(array)] if array.dtype.kind == "f" else array
            valid = tuple(int(c) for c in np.unique(values) if float(c).is_integer() and int(c) not in declared)
        else:
            valid = tuple(c for c in range(lo, hi + 1) if c not in declared)
        observed_only = True
    k = len(valid)
    slot_of = {c: i for i, c in enumerate(valid)}
    for c in declared:
        slot_of.setdefault(c, k + _MISSING)
    return _Dim(variable.name, valid, observed_only), slot_of


def _encoder(array: np.ndarray, variable: Variable, *, raw: bool) -> _Encoder:
    rng = _code_range(array)
    dim, slot_of = _dim_and_slots(array, variable, rng)
    k = len(dim.codes)
    unknown = k + _UNKNOWN
    if raw and array.dtype.kind in "iu" and rng is not None and rng[1] - rng[0] + 1 <= MAX_RAW_SPAN:
        lo, hi = rng
        slot_map = np.array([slot_of.get(c, unknown) for c in range(lo, hi + 1)], dtype=np.intp)
        return _Encoder(dim, hi - lo + 1, slot_map, lo, None, 0, None)
    identity = np.arange(k + _EXTRA, dtype=np.intp)
    if rng is not None and rng[1] - rng[0] + 1 <= MAX_LUT_SPAN:
        lo, hi = rng
        lut = np.full(hi - lo + 1, unknown, dtype=np.intp)
        for code, slot in slot_of.items():
            if lo <= code <= hi:
                lut[code - lo] = slot
        return _Encoder(dim, k + _EXTRA, identity, None, lut, lo, None)
    if rng is None:
        lut = np.empty(0, dtype=np.intp)
        return _Encoder(dim, k + _EXTRA, identity, None, lut, 0, None)
    # Rare: codes spread too widely for a table (e.g. 1..5 plus 9999999): map row by row.
    slots = np.full(array.shape[0], unknown, dtype=np.intp)
    for code, slot in slot_of.items():
        slots[array == code] = slot
    if array.dtype.kind == "f":
        slots[np.isnan(array)] = k + _NULL
    return _Encoder(dim, k + _EXTRA, identity, None, None, 0, slots)


def _encode_chunk(array: np.ndarray, enc: _Encoder, start: int, stop: int, dtype: type) -> np.ndarray:
    """Indices of rows [start, stop) in `dtype` (a fresh array the caller may modify)."""
    chunk = array[start:stop]
    if enc.raw_min is not None:
        if chunk.dtype.itemsize == 1 and dtype is np.uint8:
            # int8/uint8 codes: modular uint8 arithmetic gives code - min exactly, with no widening.
            return chunk.view(np.uint8) - np.uint8(enc.raw_min & 0xFF)
        out: np.ndarray = chunk.astype(dtype, casting="unsafe")
        out -= dtype(enc.raw_min % (1 << (8 * np.dtype(dtype).itemsize)))
        return out
    if enc.fallback is not None:
        return enc.fallback[start:stop].astype(dtype)
    assert enc.lut is not None
    k = len(enc.dim.codes)
    out = np.full(chunk.shape[0], k + _UNKNOWN, dtype=dtype)
    if chunk.dtype.kind == "f":
        null = np.isnan(chunk)
        out[null] = k + _NULL
        safe = np.where(null, np.inf, chunk)
        inside = (safe == np.floor(safe)) & (safe >= enc.lut_offset) & (safe < enc.lut_offset + len(enc.lut))
        out[inside] = enc.lut[(chunk[inside] - enc.lut_offset).astype(np.intp)]
        return out
    inside = (chunk >= enc.lut_offset) & (chunk < enc.lut_offset + len(enc.lut))
    out[inside] = enc.lut[(chunk[inside] - enc.lut_offset).astype(np.intp)]
    return out


def _unknown_codes(array: np.ndarray, dim: _Dim, declared: Iterable[int], limit: int = 20) -> tuple[int, ...]:
    known = np.asarray(sorted(set(dim.codes) | set(declared)), dtype=np.float64)
    values = array[np.isfinite(array)] if array.dtype.kind == "f" else array
    seen = np.unique(values[~np.isin(values, known)])
    out: list[int] = [int(v) for v in seen if float(v).is_integer()]
    return tuple(out[:limit])


def _weights_array(weights: Any, n: int) -> np.ndarray:
    if hasattr(weights, "to_numpy") and not isinstance(weights, np.ndarray):
        weights = weights.to_numpy(dtype="float64", na_value=np.nan)
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != 1 or w.shape[0] != n:
        raise CountingError("weights must be one value per row")
    return w


def _to_slots(raw: np.ndarray, encoders: Sequence[_Encoder]) -> np.ndarray:
    """Fold a table over raw indices into a table over slots, one axis at a time."""
    out = raw
    for axis, enc in enumerate(encoders):
        if enc.raw_min is None:
            continue
        shape = list(out.shape)
        shape[axis] = len(enc.dim.codes) + _EXTRA
        folded = np.zeros(shape, dtype=out.dtype)
        index: tuple[Any, ...] = (slice(None),) * axis + (enc.slot_map,)
        np.add.at(folded, index, out)
        out = folded
    return out


def _count_numpy(columns: Sequence[Any], variables: Sequence[Variable], weights: Any | None) -> _Joint:
    arrays = [_as_column(c, v.name) for c, v in zip(columns, variables, strict=True)]
    n = arrays[0].shape[0]
    if any(a.shape[0] != n for a in arrays):
        raise CountingError("all columns must have the same number of rows")
    encoders = [_encoder(a, v, raw=True) for a, v in zip(arrays, variables, strict=True)]
    if math.prod(e.span for e in encoders) > MAX_RAW_BINS:
        encoders = [_encoder(a, v, raw=False) for a, v in zip(arrays, variables, strict=True)]
    shape = tuple(e.span for e in encoders)
    nbins = math.prod(shape)
    dtype: type = (np.uint8 if nbins <= 1 << 8 else np.uint16 if nbins <= 1 << 16
                   else np.uint32 if nbins <= 1 << 32 else np.uint64)
    strides = [math.prod(shape[i + 1:]) for i in range(len(shape))]
    w = None if weights is None else _weights_array(weights, n)
    counts = np.zeros(nbins, dtype=np.int64 if w is None else np.float64)
    n_cases = None if w is None else np.zeros(nbins, dtype=np.int64)
    sum_w2 = None if w is None else np.zeros(nbins, dtype=np.float64)
    null_weights = 0
    # Weighted counting makes three passes over each chunk: smaller chunks stay in L1/L2.
    chunk_rows = CHUNK_ROWS if w is None else WEIGHTED_CHUNK_ROWS
    square = np.empty(min(chunk_rows, n), dtype=np.float64) if w is not None else None
    wide = np.empty(min(chunk_rows, n), dtype=np.intp) if w is not None else None
    for start in range(0, n, chunk_rows):
        stop = min(start + chunk_rows, n)
        code = _encode_chunk(arrays[0], encoders[0], start, stop, dtype)
        if strides[0] != 1:
            code *= dtype(strides[0])
        for a, e, s in zip(arrays[1:], encoders[1:], strides[1:], strict=True):
            part = _encode_chunk(a, e, start, stop, dtype)
            if s != 1:
                part *= dtype(s)
            code += part
        if w is None:
            counts += np.bincount(code, minlength=nbins)
            continue
        wc = w[start:stop]
        # Validating on the cache-hot chunk costs far less than boolean masks over all rows.
        lowest = wc.min() if wc.size else 0.0
        if np.isnan(lowest):
            bad = np.isnan(wc)
            null_weights += int(bad.sum())
            code, wc = code[~bad], wc[~bad]
            lowest = wc.min() if wc.size else 0.0
        if lowest < 0:
            raise CountingError("weights must not be negative")
        m = code.shape[0]
        # Widen the index once: the three bincounts below then need no conversion of their own.
        idx = wide[:m]  # type: ignore[index]
        idx[...] = code
        counts += np.bincount(idx, weights=wc, minlength=nbins)
        sum_w2 += np.bincount(idx, weights=np.multiply(wc, wc, out=square[:m]),  # type: ignore[index,operator]
                              minlength=nbins)
        n_cases += np.bincount(idx, minlength=nbins)  # type: ignore[operator]
    if w is not None and not np.isfinite(counts).all():
        raise CountingError("weights must be finite")
    counts = _to_slots(counts.reshape(shape), encoders)
    n_cases = None if n_cases is None else _to_slots(n_cases.reshape(shape), encoders)
    sum_w2 = None if sum_w2 is None else _to_slots(sum_w2.reshape(shape), encoders)
    cases = counts if n_cases is None else n_cases
    unknown: list[tuple[int, ...]] = []
    for axis, (a, e, v) in enumerate(zip(arrays, encoders, variables, strict=True)):
        other = tuple(i for i in range(cases.ndim) if i != axis)
        margin = cases.sum(axis=other) if other else cases
        unknown.append(_unknown_codes(a, e.dim, v.missing) if margin[len(e.dim.codes) + _UNKNOWN] else ())
    return _Joint(
        dims=tuple(e.dim for e in encoders),
        counts=counts,
        n_cases=n_cases,
        sum_w2=sum_w2,
        unknown_codes=tuple(unknown),
        null_weights=null_weights,
    )


def crosstab_counts(
    rows: Any,
    cols: Any,
    *,
    layer: Any | None = None,
    weights: Any | None = None,
    row_variable: Variable | None = None,
    col_variable: Variable | None = None,
    layer_variable: Variable | None = None,
    row_name: str | None = None,
    col_name: str | None = None,
    layer_name: str | None = None,
) -> CountTable:
    """Count a two-way table (optionally by layer) from integer-coded arrays with numpy.

    A variable with codes fixes the rows/columns (and declares its missing codes); without one
    the codes are those observed.  Float arrays may carry NaN for "no answer".
    """
    rv = _variable(row_name or (row_variable.name if row_variable else "rows"), row_variable)
    cv = _variable(col_name or (col_variable.name if col_variable else "cols"), col_variable)
    columns: list[Any] = [rows, cols]
    variables = [rv, cv]
    if layer is not None:
        columns.append(layer)
        variables.append(_variable(layer_name or (layer_variable.name if layer_variable else "layer"),
                                   layer_variable))
    joint = _count_numpy(columns, variables, weights)
    return _table_from_joint(joint, layered=layer is not None)


def frequency_counts(
    values: Any, *, weights: Any | None = None, variable: Variable | None = None, name: str | None = None
) -> CodeCounts:
    """Count one integer-coded array with numpy (see `crosstab_counts` for codes and missing values)."""
    var = _variable(name or (variable.name if variable else "values"), variable)
    return _codes_from_joint(_count_numpy([values], [var], weights))


# ----------------------------------------------------------------------------------------------
# SQL back-end


def quote_identifier(name: str) -> str:
    """A column or table name quoted for SQLite and PostgreSQL ("like ""this"" one")."""
    return '"' + name.replace('"', '""') + '"'


def _slot(value: Any, dim: _Dim, declared: set[int]) -> tuple[int, int | None]:
    """Slot of one value coming back from the database, and the integer code when it has one."""
    k = len(dim.codes)
    if value is None:
        return k + _NULL, None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return k + _UNKNOWN, None
    if math.isnan(number):
        return k + _NULL, None
    if not number.is_integer():
        return k + _UNKNOWN, None
    code = int(number)
    if code in declared:
        return k + _MISSING, code
    try:
        return dim.codes.index(code), code
    except ValueError:
        return k + _UNKNOWN, code


def group_counts_sql(
    connection: Any,
    *,
    source: str,
    keys: Sequence[str],
    weight: str | None = None,
    where: str | None = None,
    params: Sequence[Any] | dict[str, Any] = (),
) -> list[tuple[Any, ...]]:
    """Run the counting ``GROUP BY`` over the SQL expressions `keys` and return its rows as they come.

    Each row holds the keys' values, then ``COUNT(*)``; with a `weight` expression, ``COUNT(*)``,
    ``COUNT(w)``, ``SUM(w)`` and ``SUM(w * w)``.  Every group is returned, also those whose values
    are not valid codes, so a caller can total what a table leaves out; `crosstab_counts_from_groups`
    folds the rows into the table.  SQL text as in `crosstab_counts_sql`.
    """
    columns = ", ".join(f"{expr} AS g{i}" for i, expr in enumerate(keys))
    group = ", ".join(str(i + 1) for i in range(len(keys)))
    aggregates = "COUNT(*)"
    if weight is not None:
        # COUNT(w) counts rows with a weight; NULL weights are reported, not counted.
        aggregates += f", COUNT({weight}), SUM({weight}), SUM(({weight}) * ({weight}))"
    sql = f"SELECT {columns}, {aggregates} FROM {source}"
    if where:
        sql += f" WHERE {where}"
    sql += f" GROUP BY {group}"
    cursor = connection.cursor()
    try:
        cursor.execute(sql, params) if params else cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


def _joint_from_groups(groups: Sequence[Sequence[Any]], variables: Sequence[Variable], weighted: bool) -> _Joint:
    m = len(variables)
    dims = []
    for i, var in enumerate(variables):
        declared = set(int(c) for c in var.missing)
        if var.codes:
            dims.append(_Dim(var.name, tuple(int(c) for c in var.codes), False))
            continue
        observed = set()
        for group_row in groups:
            value = group_row[i]
            try:
                number = float(value)
            except (TypeError, ValueError):
                continue
            if number.is_integer() and int(number) not in declared:
                observed.add(int(number))
        dims.append(_Dim(var.name, tuple(sorted(observed)), True))
    shape = tuple(len(d.codes) + _EXTRA for d in dims)
    counts = np.zeros(shape, dtype=np.float64 if weighted else np.int64)
    n_cases = np.zeros(shape, dtype=np.int64) if weighted else None
    sum_w2 = np.zeros(shape, dtype=np.float64) if weighted else None
    unknown: list[set[int]] = [set() for _ in range(m)]
    null_weights = 0
    declared_sets = [set(int(c) for c in v.missing) for v in variables]
    for group_row in groups:
        index = []
        for i, dim in enumerate(dims):
            slot, code = _slot(group_row[i], dim, declared_sets[i])
            index.append(slot)
            if slot == len(dim.codes) + _UNKNOWN and code is not None:
                unknown[i].add(code)
        idx = tuple(index)
        if not weighted:
            counts[idx] += int(group_row[m])
            continue
        total, with_weight, sw, sw2 = group_row[m:m + 4]
        null_weights += int(total) - int(with_weight)
        counts[idx] += float(sw or 0.0)
        n_cases[idx] += int(with_weight)  # type: ignore[index]
        sum_w2[idx] += float(sw2 or 0.0)  # type: ignore[index]
    return _Joint(
        dims=tuple(dims),
        counts=counts,
        n_cases=n_cases,
        sum_w2=sum_w2,
        unknown_codes=tuple(tuple(sorted(u))[:20] for u in unknown),
        null_weights=null_weights,
    )


def _table_variables(
    rows: Variable | None, cols: Variable | None, layer: Variable | None, layered: bool,
    row_name: str | None, col_name: str | None, layer_name: str | None,
) -> list[Variable]:
    variables = [_variable(row_name or (rows.name if rows else "rows"), rows),
                 _variable(col_name or (cols.name if cols else "cols"), cols)]
    if layered:
        variables.append(_variable(layer_name or (layer.name if layer else "layer"), layer))
    return variables


def crosstab_counts_sql(
    connection: Any,
    *,
    source: str,
    rows: str,
    cols: str,
    layer: str | None = None,
    weight: str | None = None,
    where: str | None = None,
    params: Sequence[Any] | dict[str, Any] = (),
    row_variable: Variable | None = None,
    col_variable: Variable | None = None,
    layer_variable: Variable | None = None,
    row_name: str | None = None,
    col_name: str | None = None,
    layer_name: str | None = None,
) -> CountTable:
    """Count a two-way table in the database with ONE ``GROUP BY`` (SQLite, PostgreSQL, any DB-API).

    `source` is a table name or a parenthesised subquery with an alias; `rows`, `cols`, `layer`
    and `weight` are SQL expressions (use `quote_identifier` for column names).  These are SQL
    text and must come from the program, never from a user; values go in `params`, written in
    the driver's own paramstyle inside `where` (``?`` for sqlite3, ``%s`` for psycopg).
    """
    keys = [rows, cols] if layer is None else [rows, cols, layer]
    groups = group_counts_sql(connection, source=source, keys=keys, weight=weight, where=where, params=params)
    return crosstab_counts_from_groups(
        groups, weighted=weight is not None, layered=layer is not None,
        row_variable=row_variable, col_variable=col_variable, layer_variable=layer_variable,
        row_name=row_name, col_name=col_name, layer_name=layer_name,
    )


def crosstab_counts_from_groups(
    groups: Sequence[Sequence[Any]],
    *,
    weighted: bool = False,
    layered: bool = False,
    row_variable: Variable | None = None,
    col_variable: Variable | None = None,
    layer_variable: Variable | None = None,
    row_name: str | None = None,
    col_name: str | None = None,
    layer_name: str | None = None,
) -> CountTable:
    """The table of the rows of a counting ``GROUP BY`` (`group_counts_sql`), as `crosstab_counts_sql` returns it.

    Each row: the row, column (and layer) values, then the aggregates `group_counts_sql` describes.
    """
    variables = _table_variables(row_variable, col_variable, layer_variable, layered, row_name, col_name, layer_name)
    return _table_from_joint(_joint_from_groups(groups, variables, weighted), layered=layered)


def frequency_counts_sql(
    connection: Any,
    *,
    source: str,
    column: str,
    weight: str | None = None,
    where: str | None = None,
    params: Sequence[Any] | dict[str, Any] = (),
    variable: Variable | None = None,
    name: str | None = None,
) -> CodeCounts:
    """Count one variable in the database with one ``GROUP BY`` (see `crosstab_counts_sql`)."""
    var = _variable(name or (variable.name if variable else "values"), variable)
    groups = group_counts_sql(connection, source=source, keys=[column], weight=weight, where=where, params=params)
    return _codes_from_joint(_joint_from_groups(groups, [var], weight is not None))


def paramstyle_of(connection: Any) -> str:
    """The DB-API paramstyle of a connection's driver ("qmark" for sqlite3, "pyformat" for psycopg)."""
    module = type(connection).__module__.split(".")[0]
    return str(getattr(importlib.import_module(module), "paramstyle", "qmark"))
