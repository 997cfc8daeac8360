"""Counting a data file on another engine: streamed in bounded memory (pyarrow) or on Apache Spark.

Every statistic is computed from a count table, so an engine only has to count.  Both engines here
run the same ``GROUP BY`` as the SQL back-end (`counting.group_counts_sql`) over the file's columns
— per group ``COUNT(*)`` and, weighted, ``COUNT(w)``, ``SUM(w)``, ``SUM(w·w)`` (and ``MIN(w)`` to
refuse negative weights) — and the few group rows come back here, where their values are read with
the same rules as the in-memory reader (`readers`): integer codes, empty cells, the pandas missing
markers (``NA``, ``NULL`` …), decimal commas.  The groups then fold into the `CountTable` or
`CodeCounts` of the numpy back-end, so a table counted by Spark is the numpy engine's table.

A survey design adds the stratum and the cluster to the group keys: the design-based variance
needs only Σw per cluster and cell (and Σw² per stratum and cell without clusters), which the groups
hold (`design_moments_from_groups`, the counterpart of `design.design_moments`).

* ``stream``: pyarrow reads the file batch by batch (`STREAM_BATCH_ROWS` rows), counts each batch
  with its hash ``group_by`` and adds the groups up: memory is one batch plus the groups, whatever
  the file's size.  CSV cells are read as text and parsed here.
* ``spark``: a SparkSession (``local[*]`` by default, or the master URL given) reads the Parquet or
  CSV (any path Spark can read: ``hdfs://``, ``s3a://`` …) and runs the ``groupBy().agg()``; only the
  group rows travel back to Python.
"""

from __future__ import annotations

import math
import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .codebook import Codebook, Variable
from .counting import (
    CodeCounts,
    CountingError,
    CountTable,
    _codes_from_joint,
    _joint_from_groups,
    _table_from_joint,
)
from .design import DesignError, DesignMoments
from .readers import AnalysisInputError, _csv_layout, _numbers_of_cells, _unknown_column_message, parse_number

ENGINES = ("numpy", "stream", "spark")
#: Files larger than this are streamed by `tripartite analyze` unless an engine is named.
STREAM_THRESHOLD_BYTES = 512 * 1024 * 1024
#: Rows per batch of the streaming counter (measured on 10M rows: 74 MB peak at 2¹⁸, 141 MB at 2²⁰).
STREAM_BATCH_ROWS = 1 << 18
#: How long to wait for a Spark master's port before saying it does not answer.
MASTER_TIMEOUT_S = 10.0
#: Codes are held as 64-bit integers; beyond ±2⁵³ a float is no longer an exact whole number.
MAX_CODE = 2**53
#: The cells pandas reads as "no value" (its default `na_values`): the same cells count as empty here.
NA_TEXT = frozenset({"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
                     "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"})
PARQUET_SUFFIXES = (".parquet", ".pq")


class EngineError(AnalysisInputError):
    """An engine that cannot be used (Spark master not answering, Spark not installed, a bad URL).

    It keeps its English `template` and `params` so that the command line can say it in kk/ru/en.
    """

    def __init__(self, template: str, **params: Any) -> None:
        super().__init__(template % params)
        self.template = template
        self.params = params


def is_parquet(path: str | Path) -> bool:
    """A Parquet file, or a directory of them (partitioned Parquet, as Spark and `export-parquet` write)."""
    p = Path(path)
    return p.suffix.lower() in PARQUET_SUFFIXES or p.is_dir()


def _is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def _check_readable(path: str) -> None:
    if _is_remote(path):
        return  # only Spark reads hdfs://, s3a:// …; it reports a missing path itself
    p = Path(path)
    if not p.exists():
        raise AnalysisInputError(f"file not found: {path}")
    if not (p.is_dir() or p.suffix.lower() in (*PARQUET_SUFFIXES, ".csv")):
        raise AnalysisInputError(f"this engine reads .csv and .parquet files (or a directory of Parquet): {path}")


# ----------------------------------------------------------------------------------------------
# Group rows: (key values..., COUNT(*)[, COUNT(w), SUM(w), SUM(w*w), MIN(w)])


def _merge(into: dict[tuple[Any, ...], list[Any]], key: tuple[Any, ...], aggregates: Sequence[Any]) -> None:
    key = tuple(None if isinstance(v, float) and math.isnan(v) else v for v in key)
    seen = into.get(key)
    if seen is None:
        into[key] = [0 if a is None else a for a in aggregates]
        if len(aggregates) == 5:
            into[key][4] = aggregates[4]
        return
    for i in range(min(4, len(aggregates))):
        seen[i] += aggregates[i] or 0
    if len(aggregates) == 5 and aggregates[4] is not None:
        seen[4] = aggregates[4] if seen[4] is None else min(seen[4], aggregates[4])


def stream_groups(path: str | Path, keys: Sequence[str], weight: str | None = None, *,
                  batch_rows: int = STREAM_BATCH_ROWS, use_duckdb: bool = True) -> list[tuple[Any, ...]]:
    """The counting groups of a CSV or Parquet file, read in batches of `batch_rows` (bounded memory).

    Parquet with numeric weights is counted by DuckDB when it is installed (measured on 100M rows:
    4.9 s and 120 MB against 24 s and 500 MB for pyarrow batches, bench/analysis_scale.py); CSV, and
    Parquet without DuckDB, by pyarrow batches.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds

    source = str(path)
    _check_readable(source)
    columns = list(dict.fromkeys([*keys, *([weight] if weight else [])]))
    csv = not is_parquet(source)
    try:
        if csv:
            import pyarrow.csv as pacsv

            layout = _csv_layout(Path(source))
            _check_columns(columns, layout.header, source)
            encoding = "utf8" if layout.encoding.replace("-", "").lower().startswith("utf8") else layout.encoding
            # ~16 MB blocks: about a million rows of a few short columns per batch.
            reader = pacsv.open_csv(
                source,
                read_options=pacsv.ReadOptions(column_names=layout.header, skip_rows=1, encoding=encoding,
                                               block_size=max(1 << 16, batch_rows * 16)),
                parse_options=pacsv.ParseOptions(delimiter=layout.delimiter),
                convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in columns},
                                                     include_columns=columns, strings_can_be_null=True,
                                                     null_values=sorted(NA_TEXT)))
            batches: Iterable[Any] = reader
        else:
            dataset = ds.dataset(source, format="parquet")
            _check_columns(columns, dataset.schema.names, source)
            if use_duckdb and _duckdb_can_count(dataset.schema, weight):
                return _duckdb_parquet_groups(list(dataset.files), keys, weight, source)
            # One batch in flight, and no pre-buffering of whole files: pyarrow would otherwise read
            # ahead 16 batches of 4 files and hold every column chunk of a file (measured: 115 MB of
            # Arrow memory for a 92 MB file, 44 MB without).
            batches = dataset.to_batches(columns=columns, batch_size=batch_rows, batch_readahead=0,
                                         fragment_readahead=0,
                                         fragment_scan_options=ds.ParquetFragmentScanOptions(pre_buffer=False))
        groups: dict[tuple[Any, ...], list[Any]] = {}
        names = [f"g{i}" for i in range(len(keys))]
        rows_before = 0
        for batch in batches:
            arrays = {n: _plain(batch.column(k)) for n, k in zip(names, keys, strict=True)}
            aggregates: list[Any] = [([], "count_all")]
            if weight:
                w = _weights_of_batch(batch.column(weight), weight, source, rows_before)
                arrays["w"] = pa.array(w, from_pandas=True)  # NaN (no weight) becomes null
                arrays["w2"] = pa.array(w * w, from_pandas=True)
                aggregates += [("w", "count"), ("w", "sum"), ("w2", "sum"), ("w", "min")]
            rows_before += batch.num_rows
            table = pa.table(arrays)
            grouped = table.group_by(names, use_threads=False).aggregate(aggregates)
            out = grouped.to_pydict()
            key_columns = [out[n] for n in names]
            agg_names = ["count_all"] + (["w_count", "w_sum", "w2_sum", "w_min"] if weight else [])
            agg_columns = [out[n] for n in agg_names]
            for i in range(grouped.num_rows):
                _merge(groups, tuple(c[i] for c in key_columns), [c[i] for c in agg_columns])
    except AnalysisInputError:
        raise
    except (OSError, pa.ArrowException) as exc:
        raise AnalysisInputError(f"cannot read {source}: {_first_line(exc)}") from None
    if not groups:
        raise AnalysisInputError(f"no data: {source} has no rows")
    return [(*key, *aggregates) for key, aggregates in groups.items()]


#: DuckDB's memory for one count: it spills to disk beyond this rather than grow.
DUCKDB_MEMORY_LIMIT = "512MB"


def _duckdb_can_count(schema: Any, weight: str | None) -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    if weight is None:
        return True
    import pyarrow as pa

    kind = schema.field(weight).type
    return bool(pa.types.is_integer(kind) or pa.types.is_floating(kind))


def _duckdb_parquet_groups(files: list[str], keys: Sequence[str], weight: str | None, source: str
                           ) -> list[tuple[Any, ...]]:
    """The same GROUP BY as `counting.group_counts_sql`, plus MIN(w), on DuckDB's Parquet reader."""
    import duckdb

    from .counting import quote_identifier

    def literal(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    columns = ", ".join(f"{quote_identifier(k)} AS g{i}" for i, k in enumerate(keys))
    aggregates = "COUNT(*)"
    if weight:
        # NaN is "no weight", as in the numpy engine: NULL for COUNT/SUM/MIN.
        w = f"(CASE WHEN isnan({quote_identifier(weight)}::DOUBLE) THEN NULL ELSE {quote_identifier(weight)}::DOUBLE END)"
        aggregates += f", COUNT({w}), SUM({w}), SUM({w} * {w}), MIN({w})"
    group = ", ".join(str(i + 1) for i in range(len(keys)))
    sql = (f"SELECT {columns}, {aggregates} FROM read_parquet([{', '.join(literal(f) for f in files)}]) "
           f"GROUP BY {group}")
    connection = duckdb.connect(config={"memory_limit": DUCKDB_MEMORY_LIMIT})
    try:
        rows = connection.execute(sql).fetchall()
    except duckdb.Error as exc:
        raise AnalysisInputError(f"cannot read {source}: {_first_line(exc)}") from None
    finally:
        connection.close()
    if not rows:
        raise AnalysisInputError(f"no data: {source} has no rows")
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for row in rows:
        _merge(groups, tuple(row[:len(keys)]), row[len(keys):])
    return [(*key, *aggregates) for key, aggregates in groups.items()]


def _plain(column: Any) -> Any:
    """A dictionary-encoded Parquet column as plain values (hash grouping wants the values)."""
    import pyarrow as pa

    return column.dictionary_decode() if pa.types.is_dictionary(column.type) else column


def _weights_of_batch(column: Any, name: str, source: str, rows_before: int) -> np.ndarray:
    import pyarrow as pa

    column = _plain(column)
    if pa.types.is_integer(column.type) or pa.types.is_floating(column.type) or pa.types.is_boolean(column.type):
        return np.asarray(column.cast(pa.float64()).to_numpy(zero_copy_only=False), dtype=np.float64)
    series = column.to_pandas()
    out, row = _numbers_of_cells(series)
    if row is not None:
        raise AnalysisInputError(f"column '{name}' in {source} has a non-numeric value {str(series.iloc[row])!r} "
                                 f"at data row {rows_before + row + 1}")
    return out


def _check_columns(columns: Iterable[str], available: Sequence[str], source: str) -> None:
    for name in columns:
        if name not in available:
            raise AnalysisInputError(_unknown_column_message(name, available, source))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].strip() if text else type(exc).__name__


# ----------------------------------------------------------------------------------------------
# Spark


def check_master(master: str | None, *, timeout: float = MASTER_TIMEOUT_S) -> None:
    """Refuse a standalone master (``spark://host:port``) whose port does not answer within `timeout`.

    Spark itself would retry for a minute or more; the command must answer within 30 s.
    """
    if not master or not master.startswith("spark://"):
        return
    last = master
    for hostport in master[len("spark://"):].split(","):
        parsed = urlparse(f"spark://{hostport}")
        host, port = parsed.hostname, parsed.port or 7077
        if not host:
            raise EngineError("not a Spark master URL: %(master)s", master=master)
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            last = f"{host}:{port} ({reason})"
    raise EngineError("the Spark master %(master)s does not answer: %(reason)s", master=master, reason=last)


def spark_session(master: str | None = None) -> Any:
    """A SparkSession on `master` (default ``local[*]``), quiet on the terminal."""
    check_master(master)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError("the Spark engine needs pyspark: %(command)s", command="pip install 'tripartite[spark]'") from None
    builder = (SparkSession.builder.appName("tripartite analyze")
               .config("spark.ui.showConsoleProgress", "false"))
    # Under spark-submit the master (and the rest of the cluster's settings) come from spark-submit.
    if master or not os.environ.get("PYSPARK_GATEWAY_PORT"):
        builder = builder.master(master or "local[*]").config("spark.ui.enabled", "false")
    if not master or master.startswith("local"):
        builder = builder.config("spark.sql.shuffle.partitions", str(max(2, os.cpu_count() or 2)))
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # a JVM that cannot start, a master URL Spark cannot parse
        raise EngineError("cannot start Spark on %(master)s: %(reason)s", master=master or "local[*]",
                          reason=_first_line(exc)) from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def spark_groups(path: str | Path, keys: Sequence[str], weight: str | None = None, *,
                 master: str | None = None, session: Any = None) -> list[tuple[Any, ...]]:
    """The counting groups of a CSV or Parquet file (or directory, or any URL Spark reads), on Spark."""
    source = str(path)
    _check_readable(source)
    spark = session if session is not None else spark_session(master)
    from pyspark.sql import functions as F

    def col(name: str) -> Any:
        return F.col("`" + name.replace("`", "``") + "`")

    columns = list(dict.fromkeys([*keys, *([weight] if weight else [])]))
    try:
        if is_parquet(source) or _is_remote(source) and not source.lower().endswith(".csv"):
            frame = spark.read.parquet(source)
        else:
            layout = _csv_layout(Path(source))
            encoding = "UTF-8" if layout.encoding.replace("-", "").lower().startswith("utf8") else layout.encoding
            frame = (spark.read.option("header", "true").option("sep", layout.delimiter)
                     .option("encoding", encoding).option("inferSchema", "false").csv(source))
            frame = frame.toDF(*layout.header)  # the names as the in-memory reader has them (stripped)
        _check_columns(columns, frame.columns, source)
        frame = frame.select(*(col(c) for c in columns))
        aggregates = [F.count(F.lit(1))]
        bad = None
        if weight:
            w, bad = _spark_weight(frame, weight, col)
            aggregates += [F.count(w), F.sum(w), F.sum(w * w), F.min(w)]
            if bad is not None:
                aggregates.append(F.count(F.when(bad, F.lit(1))))
        rows = frame.groupBy(*(col(k).alias(f"g{i}") for i, k in enumerate(keys))).agg(*aggregates).collect()
        if bad is not None:
            if sum(row[-1] for row in rows):
                first = frame.filter(bad).select(col(str(weight))).first()
                raise AnalysisInputError(f"column '{weight}' in {source} has a non-numeric value "
                                         f"{first[0] if first else '?'!r}")
            rows = [row[:-1] for row in rows]
    except AnalysisInputError:
        raise
    except Exception as exc:  # Spark's AnalysisException, Py4JJavaError …: one line, not a Java stack
        raise AnalysisInputError(f"cannot read {source}: {_spark_message(exc)}") from None
    if not rows:
        raise AnalysisInputError(f"no data: {source} has no rows")
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for row in rows:
        values = tuple(row)
        _merge(groups, values[:len(keys)], values[len(keys):])
    return [(*key, *aggregates) for key, aggregates in groups.items()]


def _spark_message(exc: BaseException) -> str:
    text = str(getattr(exc, "desc", None) or exc)
    for line in text.strip().splitlines():
        line = line.strip()
        if line and not line.startswith(("at ", "JVM stacktrace", "Traceback")):
            return line[:300]
    return type(exc).__name__


def _spark_weight(frame: Any, name: str, col: Any) -> tuple[Any, Any]:
    """The weight as a Spark double (null where empty or NaN), and for text (CSV) the test of a bad cell.

    Text is read like `readers.parse_number`: digit groups (spaces, apostrophes) dropped, a lone comma
    taken as the decimal comma.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    field = frame.schema[name]
    if isinstance(field.dataType, T.NumericType | T.BooleanType):
        w = col(name).cast("double")
        return F.when(F.isnan(w), F.lit(None)).otherwise(w), None
    raw = F.trim(col(name))
    text = F.regexp_replace(raw, "[\\s\u00a0\u202f\u2009']", "")
    text = F.when(text.contains(",") & ~text.contains("."), F.regexp_replace(text, ",", ".")).otherwise(text)
    number = text.try_cast("double")
    empty = raw.isNull() | raw.isin(*NA_TEXT)
    bad = ~empty & (number.isNull() | F.isnan(number))
    return F.when(empty | bad, F.lit(None)).otherwise(number), bad


# ----------------------------------------------------------------------------------------------
# From group rows to the engine's tables


def code_of(value: Any, name: str, source: str) -> int | None:
    """A group's value as an integer code (None when empty), refused like the in-memory reader refuses it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | np.integer):
        number = float(value)
    elif isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        number = float(value)
    else:
        text = str(value).strip()
        if text in NA_TEXT:
            return None
        parsed = parse_number(text)
        if parsed is None:
            raise AnalysisInputError(f"column '{name}' in {source} has a non-numeric code {str(value)!r}; "
                                     "codes must be integers")
        number = parsed
    if abs(number) > MAX_CODE:
        raise AnalysisInputError(f"column '{name}' has a code too large to be a category ({number:.6g}); "
                                 f"codes must lie within ±{MAX_CODE}")
    if not number.is_integer():
        raise AnalysisInputError(f"column '{name}' in {source} has a non-integer code {number:g}; "
                                 "codes must be integers")
    return int(value) if isinstance(value, int | np.integer) else int(number)


def id_of(value: Any) -> str | None:
    """A stratum or cluster id as written (`7`, `007`, `A`), None when empty — as `cli._design_ids` reads it."""
    if value is None or isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    text = str(value).strip()
    return None if text in NA_TEXT else text


@dataclass(frozen=True)
class CountedGroups:
    """The groups of one count, their values read: codes of the table's variables, then design ids."""

    rows: list[tuple[Any, ...]]
    n_codes: int  # how many leading keys are codes (the rest are stratum/cluster ids)
    weighted: bool
    source: str

    @classmethod
    def of(cls, groups: Sequence[Sequence[Any]], coded: Sequence[str], ids: Sequence[str], *, weighted: bool,
           source: str, id_kinds: Sequence[str] = ()) -> CountedGroups:
        """Read the raw groups; `id_kinds` names what each id column is ("stratum", "cluster") for errors."""
        kinds = list(id_kinds) or ["stratum"] * len(ids)
        rows = []
        minimum: float | None = None
        for group in groups:
            codes = tuple(code_of(v, name, source) for v, name in zip(group, coded, strict=False))
            design = tuple(id_of(v) for v in group[len(coded):len(coded) + len(ids)])
            for value, name, kind in zip(design, ids, kinds, strict=True):
                if value is None:
                    raise AnalysisInputError(f"column '{name}' is empty in some rows: every respondent needs a {kind}")
            aggregates = tuple(group[len(coded) + len(ids):])
            if weighted:
                count, with_weight, sum_w, sum_w2 = aggregates[:4]
                low = aggregates[4] if len(aggregates) > 4 else None
                if low is not None:
                    minimum = low if minimum is None else min(minimum, low)
                if with_weight and not (math.isfinite(sum_w or 0.0) and math.isfinite(sum_w2 or 0.0)):
                    raise CountingError("weights must be finite")
                aggregates = (count, with_weight, float(sum_w or 0.0), float(sum_w2 or 0.0))
            rows.append((*codes, *design, *aggregates))
        if minimum is not None and minimum < 0:
            raise CountingError("weights must not be negative")
        return cls(rows, len(coded), weighted, source)

    def observed(self, position: int) -> tuple[int, ...]:
        return tuple(sorted({r[position] for r in self.rows if r[position] is not None}))

    def table_groups(self, n_keys: int) -> list[tuple[Any, ...]]:
        """The groups summed over the design ids: (codes of the first `n_keys` keys..., aggregates)."""
        out: dict[tuple[Any, ...], list[Any]] = {}
        start = self.n_codes + self.n_ids
        for r in self.rows:
            _merge(out, r[:n_keys], r[start:])
        return [(*k, *v) for k, v in out.items()]

    @property
    def n_ids(self) -> int:
        return len(self.rows[0]) - self.n_codes - (4 if self.weighted else 1) if self.rows else 0


def variables_for(groups: CountedGroups, names: Sequence[str], codebook: Codebook | None) -> list[Variable]:
    """The codebook's variables, or — for a column it does not describe — the codes observed, as `Dataset` does."""
    out = []
    for i, name in enumerate(names):
        variable = codebook.get(name) if codebook is not None else None
        out.append(variable if variable is not None else Variable(name=name, codes=groups.observed(i)))
    return out


def codebook_with(codebook: Codebook | None, variables: Sequence[Variable]) -> Codebook:
    merged = dict(codebook.variables) if codebook is not None else {}
    for v in variables:
        merged.setdefault(v.name, v)
    return Codebook(merged)


def count_table(groups: CountedGroups, variables: Sequence[Variable]) -> CountTable:
    """The `CountTable` of rows × cols (× layer) from the groups, as the numpy back-end counts it."""
    layered = len(variables) == 3
    joint = _joint_from_groups(groups.table_groups(len(variables)), variables, groups.weighted)
    return _table_from_joint(joint, layered=layered)


def code_counts(groups: CountedGroups, variable: Variable) -> CodeCounts:
    return _codes_from_joint(_joint_from_groups(groups.table_groups(1), [variable], groups.weighted))


def design_moments_from_groups(
    groups: CountedGroups, *, row_codes: tuple[int, ...], col_codes: tuple[int, ...],
    stratified: bool, clustered: bool, layer_code: int | None = None,
) -> DesignMoments:
    """`design.design_moments` of the table, from groups keyed (row, col[, layer], [stratum], [cluster]).

    Same sample, same domain, same strata and PSU numbering rules as the per-respondent version;
    `layer_code` restricts the table to one layer (the layer is the third code key).
    """
    n_codes = groups.n_codes
    s_pos = n_codes if stratified else None
    c_pos = n_codes + (1 if stratified else 0) if clustered else None
    agg = n_codes + groups.n_ids
    k = len(row_codes) * len(col_codes)
    r_index = {c: i for i, c in enumerate(row_codes)}
    c_index = {c: i for i, c in enumerate(col_codes)}
    strata_ids = sorted({r[s_pos] for r in groups.rows}) if s_pos is not None else [""]
    stratum_of = {s: i for i, s in enumerate(strata_ids)}
    in_sample = [r for r in groups.rows if r[agg + 1] > 0]
    strata_count = max((stratum_of[r[s_pos]] if s_pos is not None else 0) for r in in_sample) + 1 if in_sample else 0
    totals = np.zeros((strata_count, k))
    moments = np.zeros((strata_count, k, k))
    psus = np.zeros(strata_count, dtype=np.int64)
    psu_cells: dict[tuple[int, str], np.ndarray] = {}
    for r in in_sample:
        h = stratum_of[r[s_pos]] if s_pos is not None else 0
        if c_pos is None:
            psus[h] += int(r[agg + 1])
        else:
            psu_cells.setdefault((h, r[c_pos]), np.zeros(k))
        ri, ci = r_index.get(r[0]), c_index.get(r[1])
        if ri is None or ci is None or (layer_code is not None and r[2] != layer_code):
            continue
        cell = ri * len(col_codes) + ci
        totals[h, cell] += r[agg + 2]
        if c_pos is None:
            moments[h, cell, cell] += r[agg + 3]
        else:
            psu_cells[(h, r[c_pos])][cell] += r[agg + 2]
    for (h, _cluster), t in psu_cells.items():
        psus[h] += 1
        moments[h] += np.outer(t, t)
    lonely = [h for h in range(strata_count) if psus[h] == 1]
    if lonely:
        raise DesignError(f"{len(lonely)} stratum(s) have a single PSU: its variance cannot be estimated "
                          "(merge it with a neighbouring stratum)")
    return DesignMoments(moments, totals, psus, int(psus.sum()) - strata_count,
                         stratified=stratified, clustered=clustered)


# ----------------------------------------------------------------------------------------------
# The whole count of one table, on one engine


def groups_on(engine: str, path: str | Path, keys: Sequence[str], weight: str | None, *,
              master: str | None = None, session: Any = None, batch_rows: int = STREAM_BATCH_ROWS
              ) -> list[tuple[Any, ...]]:
    """The counting groups of `keys` in the file, on the ``stream`` or ``spark`` engine."""
    if engine == "spark":
        return spark_groups(path, keys, weight, master=master, session=session)
    if engine == "stream":
        return stream_groups(path, keys, weight, batch_rows=batch_rows)
    if engine == "arrow":  # the pyarrow batches alone, also for Parquet (bench/analysis_scale.py)
        return stream_groups(path, keys, weight, batch_rows=batch_rows, use_duckdb=False)
    raise EngineError("unknown engine %(engine)s (use one of %(engines)s)", engine=engine, engines=", ".join(ENGINES))


@dataclass(frozen=True)
class CountedCrosstab:
    """What `tables.crosstab` needs from an engine: the table, its codebook and the design moments."""

    table: CountTable
    codebook: Codebook
    moments: dict[int | None, DesignMoments] | None


def count_crosstab(
    engine: str, path: str | Path, *, rows: str, cols: str, layer: str | None = None, weight: str | None = None,
    strata: str | None = None, cluster: str | None = None, codebook: Codebook | None = None,
    master: str | None = None, session: Any = None, batch_rows: int = STREAM_BATCH_ROWS,
    max_categories: int | None = None,
) -> CountedCrosstab:
    """Count rows × cols (× layer), with the design's totals when strata or clusters are given."""
    coded = [rows, cols, *([layer] if layer else [])]
    ids = [c for c in (strata, cluster) if c]
    raw = groups_on(engine, path, [*coded, *ids], weight, master=master, session=session, batch_rows=batch_rows)
    kinds = [kind for kind, c in (("stratum", strata), ("cluster", cluster)) if c]
    groups = CountedGroups.of(raw, coded, ids, weighted=weight is not None, source=str(path), id_kinds=kinds)
    variables = variables_for(groups, coded, codebook)
    if max_categories is not None:
        for v in variables:
            if len(v.codes) > max_categories:
                raise AnalysisInputError(
                    f"column {v.name} has {len(v.codes)} distinct values: a crosstab needs a coded column "
                    f"(at most {max_categories} categories)")
    table = count_table(groups, variables)
    moments: dict[int | None, DesignMoments] | None = None
    if ids:
        options: dict[str, Any] = {"row_codes": table.row_codes, "col_codes": table.col_codes,
                   "stratified": strata is not None, "clustered": cluster is not None}
        moments = {None: design_moments_from_groups(groups, **options)}
        for i, code in enumerate(table.layer_codes or ()):
            moments[i] = design_moments_from_groups(groups, layer_code=code, **options)
    return CountedCrosstab(table, codebook_with(codebook, variables), moments)


def count_frequencies(
    engine: str, path: str | Path, *, var: str, weight: str | None = None, codebook: Codebook | None = None,
    master: str | None = None, session: Any = None, batch_rows: int = STREAM_BATCH_ROWS,
) -> tuple[CodeCounts, Codebook]:
    """Count one variable's codes on the engine."""
    raw = groups_on(engine, path, [var], weight, master=master, session=session, batch_rows=batch_rows)
    groups = CountedGroups.of(raw, [var], [], weighted=weight is not None, source=str(path))
    (variable,) = variables_for(groups, [var], codebook)
    return code_counts(groups, variable), codebook_with(codebook, [variable])
