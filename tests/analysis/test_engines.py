"""The counting engines agree: numpy = SQL (SQLite, PostgreSQL) = streaming (pyarrow) = Apache Spark.

One generated survey — weights with gaps, a layer, declared missing codes, unknown codes, empty
cells, strata and clusters — is written as CSV and as Parquet, and every engine's tables are compared
with the numpy engine's: counts equal, every statistic within 1e-12 (relative to its size when above 1).
Spark runs in ``local[*]`` mode on the machine's JVM, one session for the whole file (``-m spark``).
"""

from __future__ import annotations

import json
import math
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tripartite.analysis import engines, outputs
from tripartite.analysis.cli import main
from tripartite.analysis.counting import crosstab_counts, group_counts_sql, quote_identifier
from tripartite.analysis.readers import load_codebook
from tripartite.analysis.tables import crosstab, frequencies

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[2]
N = 20_000
CODEBOOK = {"variables": [
    {"name": "sector", "text": {"en": "Sector", "ru": "Отрасль", "kk": "Сала"}, "missing": [9],
     "codes": [{"code": c, "label": {"en": f"Sector {c}", "ru": f"Отрасль {c}", "kk": f"Сала {c}"}} for c in (1, 2, 3, 4)]},
    {"name": "opinion", "ordinal": True, "missing": [8],
     "codes": [{"code": c, "label": f"Opinion {c}"} for c in (1, 2, 3)]},
    {"name": "region", "codes": [{"code": 1, "label": "North"}, {"code": 2, "label": "South"}]},
]}


def generate(n: int = N, seed: int = 23) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sector = rng.choice([1, 2, 3, 4, 9], size=n, p=[0.3, 0.3, 0.2, 0.17, 0.03]).astype(float)
    opinion = (rng.integers(1, 4, size=n) + (sector == 2)).clip(1, 3).astype(float)
    opinion[rng.random(n) < 0.01] = 7  # a code the codebook does not know
    opinion[rng.random(n) < 0.02] = 8  # declared missing
    region = rng.integers(1, 3, size=n).astype(float)
    for column, share in ((sector, 0.02), (opinion, 0.01), (region, 0.01)):
        column[rng.random(n) < share] = np.nan  # empty cells
    weight = rng.lognormal(0.0, 0.5, size=n)
    weight[rng.random(n) < 0.01] = np.nan
    stratum = rng.integers(0, 4, size=n)
    cluster = rng.integers(0, 6, size=n)  # nested: cluster 3 of S1 is not cluster 3 of S2
    return pd.DataFrame({
        "sector": sector, "opinion": opinion, "region": region, "weight": weight,
        "stratum": [f"S{s}" for s in stratum], "cluster": [f"c{c:02d}" for c in cluster],
    })


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("engines")
    frame = generate()
    csv = root / "survey.csv"
    frame.to_csv(csv, index=False, na_rep="")  # floats are written as repr: they read back exactly
    table = pa.Table.from_pandas(frame.astype({c: "Int64" for c in ("sector", "opinion", "region")}),
                                 preserve_index=False)
    parquet = root / "survey.parquet"
    pq.write_table(table, parquet, row_group_size=4096)
    codebook = root / "codebook.json"
    codebook.write_text(json.dumps(CODEBOOK), encoding="utf-8")
    return {"frame": frame, "csv": csv, "parquet": parquet, "codebook": codebook}


CASES = {
    "freq": ["freq", "--var", "sector"],
    "freq-weighted": ["freq", "--var", "opinion", "--weight", "weight"],
    "crosstab-layered": ["crosstab", "--rows", "sector", "--cols", "opinion", "--layer", "region"],
    "crosstab-weighted-layered": ["crosstab", "--rows", "sector", "--cols", "opinion", "--layer", "region",
                                  "--weight", "weight"],
    "crosstab-design": ["crosstab", "--rows", "sector", "--cols", "opinion", "--layer", "region", "--weight",
                        "weight", "--strata", "stratum", "--cluster", "cluster"],
    "crosstab-strata": ["crosstab", "--rows", "opinion", "--cols", "sector", "--weight", "weight",
                        "--strata", "stratum"],
}


def run_json(capsys: pytest.CaptureFixture[str], data: Path, case: list[str], *extra: str,
             codebook: Path | None = None) -> dict[str, Any]:
    command, options = case[0], case[1:]
    argv = [command, str(data), *options, *(["--codebook", str(codebook)] if codebook else []), "--format", "json",
            *extra]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def assert_same(expected: Any, got: Any, where: str = "") -> None:
    """Equal structure, equal integers and texts, floats within 1e-12 (relative above 1)."""
    if isinstance(expected, dict):
        assert isinstance(got, dict) and expected.keys() == got.keys(), where
        for key in expected:
            assert_same(expected[key], got[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(expected) == len(got), where
        for i, (a, b) in enumerate(zip(expected, got, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    elif isinstance(expected, float) and isinstance(got, int | float):
        assert math.isclose(expected, got, rel_tol=1e-12, abs_tol=1e-12), (where, expected, got)
    else:
        assert expected == got, (where, expected, got)


def reference(capsys: pytest.CaptureFixture[str], survey: dict[str, Any], case: str, with_codebook: bool = True
              ) -> dict[str, Any]:
    return run_json(capsys, survey["csv"], CASES[case], "--engine", "numpy",
                    codebook=survey["codebook"] if with_codebook else None)


def test_generated_survey_exercises_every_kind_of_exclusion(capsys, survey):
    table = reference(capsys, survey, "crosstab-weighted-layered")
    reasons = {e["variable"]: e for e in table["missing"]}
    assert all(reasons[v]["null"] > 0 for v in ("sector", "opinion", "region"))
    assert reasons["sector"]["declared_missing"] > 0 and reasons["opinion"]["declared_missing"] > 0
    assert reasons["opinion"]["unknown_codes"] == [7]
    assert table["weighted"] is True and len(table["layers"]) == 2


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("case", list(CASES))
def test_streaming_engine_gives_the_numpy_tables(capsys, survey, fmt, case):
    expected = reference(capsys, survey, case)
    got = run_json(capsys, survey[fmt], CASES[case], "--engine", "stream", codebook=survey["codebook"])
    assert_same(expected, got)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_numpy_engine_reads_parquet_like_csv(capsys, survey, fmt):
    for case in ("freq-weighted", "crosstab-design"):
        assert_same(reference(capsys, survey, case),
                    run_json(capsys, survey[fmt], CASES[case], "--engine", "numpy", codebook=survey["codebook"]))


def test_streaming_without_a_codebook_takes_the_observed_codes(capsys, survey):
    for case in ("freq", "crosstab-weighted-layered"):
        expected = reference(capsys, survey, case, with_codebook=False)
        got = run_json(capsys, survey["parquet"], CASES[case], "--engine", "stream")
        assert_same(expected, got)


def test_pyarrow_batches_on_parquet_count_what_duckdb_counts(survey):
    whole = engines.count_crosstab("stream", survey["parquet"], rows="sector", cols="opinion", weight="weight",
                                   codebook=load_codebook(survey["codebook"]))
    batched = engines.count_crosstab("arrow", survey["parquet"], rows="sector", cols="opinion", weight="weight",
                                     codebook=load_codebook(survey["codebook"]), batch_rows=1000)
    np.testing.assert_array_equal(whole.table.n_cases, batched.table.n_cases)
    np.testing.assert_allclose(whole.table.counts, batched.table.counts, rtol=1e-13)
    assert whole.table.exclusions == batched.table.exclusions


def test_auto_engine_streams_a_file_above_the_threshold(capsys, survey, monkeypatch):
    calls = []
    real = engines.stream_groups

    def recording(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(engines, "stream_groups", recording)
    expected = reference(capsys, survey, "crosstab-weighted-layered")
    assert calls == []
    monkeypatch.setattr(engines, "STREAM_THRESHOLD_BYTES", 1000)
    got = run_json(capsys, survey["csv"], CASES["crosstab-weighted-layered"], codebook=survey["codebook"])
    assert calls == [str(survey["csv"])]
    assert_same(expected, got)


# ----------------------------------------------------------------------------------------------
# SQL: the same groups from a database


def _sql_result(conn: Any, frame: pd.DataFrame, case: str, codebook_path: Path, placeholder: str) -> dict[str, Any]:
    cursor = conn.cursor()
    cursor.execute("DROP TABLE IF EXISTS engine_survey")
    cursor.execute("CREATE TABLE engine_survey (sector INTEGER, opinion INTEGER, region INTEGER, "
                   "weight DOUBLE PRECISION, stratum TEXT, cluster TEXT)")
    rows = [tuple(None if isinstance(v, float) and math.isnan(v) else (int(v) if i < 3 else v)
                  for i, v in enumerate(r)) for r in frame.itertuples(index=False)]
    cursor.executemany(f"INSERT INTO engine_survey VALUES ({', '.join([placeholder] * 6)})", rows)
    cursor.close()
    options = dict(zip(CASES[case][1::2], CASES[case][2::2], strict=True))
    codebook = load_codebook(codebook_path)
    if CASES[case][0] == "freq":
        keys, ids = [options["--var"]], []
    else:
        keys = [options["--rows"], options["--cols"], *([options["--layer"]] if "--layer" in options else [])]
        ids = [options[o] for o in ("--strata", "--cluster") if o in options]
    weight = options.get("--weight")
    raw = group_counts_sql(conn, source="engine_survey", keys=[quote_identifier(k) for k in [*keys, *ids]],
                           weight=quote_identifier(weight) if weight else None)
    kinds = [k for k, o in (("stratum", "--strata"), ("cluster", "--cluster")) if o in options]
    groups = engines.CountedGroups.of(raw, keys, ids, weighted=weight is not None, source="engine_survey",
                                      id_kinds=kinds)
    variables = engines.variables_for(groups, keys, codebook)
    if CASES[case][0] == "freq":
        result = frequencies(engines.code_counts(groups, variables[0]), codebook=codebook, name=keys[0])
    else:
        table = engines.count_table(groups, variables)
        moments = None
        if ids:
            spec = {"row_codes": table.row_codes, "col_codes": table.col_codes,
                    "stratified": "--strata" in options, "clustered": "--cluster" in options}
            moments = {None: engines.design_moments_from_groups(groups, **spec)}
            for i, code in enumerate(table.layer_codes or ()):
                moments[i] = engines.design_moments_from_groups(groups, layer_code=code, **spec)
        result = crosstab(table, codebook=codebook, row_name=keys[0], col_name=keys[1],
                          layer_name=keys[2] if len(keys) == 3 else None, moments=moments)
    return json.loads(outputs.render(result.to_dict(), "json", lang="en"))


def _assert_sql_parity(capsys, survey, conn, placeholder):
    for case in CASES:
        assert_same(reference(capsys, survey, case),
                    _sql_result(conn, survey["frame"], case, survey["codebook"], placeholder))


def test_sqlite_groups_give_the_numpy_tables_with_the_design(capsys, survey):
    _assert_sql_parity(capsys, survey, sqlite3.connect(":memory:"), "?")


def test_postgresql_groups_give_the_numpy_tables_with_the_design(capsys, survey):
    dsn = os.environ.get("TRIPARTITE_TEST_PG_DSN")
    if not dsn:
        pytest.skip("set TRIPARTITE_TEST_PG_DSN (scripts/with-postgres.sh does) to test on PostgreSQL")
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(dsn) as conn:
        try:
            _assert_sql_parity(capsys, survey, conn, "%s")
        finally:
            conn.rollback()


# ----------------------------------------------------------------------------------------------
# Apache Spark, local[*], a real JVM


@pytest.mark.spark
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_spark_gives_the_numpy_tables(capsys, survey, spark, fmt):
    # On CSV the layered cases are covered by the design case (weighted, layered, strata and clusters):
    # each Spark count of a CSV costs seconds on this machine, and the file must stay under two minutes.
    cases = list(CASES) if fmt == "parquet" else ["freq", "freq-weighted", "crosstab-design", "crosstab-strata"]
    for case in cases:
        expected = reference(capsys, survey, case)
        got = run_json(capsys, survey[fmt], CASES[case], "--engine", "spark", codebook=survey["codebook"])
        assert_same(expected, got)


@pytest.mark.spark
def test_spark_without_a_codebook_and_on_a_partitioned_directory(capsys, survey, spark, tmp_path):
    directory = tmp_path / "parts"
    frame = survey["frame"]
    directory.mkdir()
    for i, start in enumerate(range(0, len(frame), 7000)):
        part = frame.iloc[start:start + 7000].astype({c: "Int64" for c in ("sector", "opinion", "region")})
        pq.write_table(pa.Table.from_pandas(part, preserve_index=False), directory / f"part-{i:05d}.parquet")
    for case in ("freq-weighted", "crosstab-design"):
        expected = reference(capsys, survey, case, with_codebook=False)
        assert_same(expected, run_json(capsys, directory, CASES[case], "--engine", "spark"))
        assert_same(expected, run_json(capsys, directory, CASES[case], "--engine", "stream"))


@pytest.mark.spark
def test_spark_bad_input_is_one_line(capsys, survey, spark, tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not a parquet file")
    code = main(["freq", str(broken), "--var", "sector", "--engine", "spark"])
    assert_one_line_error(code, capsys.readouterr().err, "cannot read")
    code = main(["crosstab", str(survey["parquet"]), "--rows", "sector", "--cols", "nope", "--engine", "spark"])
    assert_one_line_error(code, capsys.readouterr().err, "unknown column 'nope'")


def assert_one_line_error(code: int, err: str, text: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(("error: ", "ошибка: ", "қате: ")) and text in lines[0], err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_spark_master_that_does_not_answer_is_one_line_within_30_s(capsys, survey):
    master = f"spark://127.0.0.1:{_free_port()}"
    started = time.monotonic()
    code = main(["freq", str(survey["parquet"]), "--var", "sector", "--spark-master", master])
    assert time.monotonic() - started < 30
    assert_one_line_error(code, capsys.readouterr().err, f"the Spark master {master} does not answer")
    code = main(["freq", str(survey["parquet"]), "--var", "sector", "--engine", "spark", "--spark-master", master,
                 "--lang", "ru"])
    assert_one_line_error(code, capsys.readouterr().err, f"Spark-мастер {master} не отвечает")


@pytest.mark.parametrize("engine", ["numpy", "stream"])
def test_unreadable_parquet_and_missing_column_are_one_line(capsys, survey, tmp_path, engine):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not a parquet file")
    code = main(["freq", str(broken), "--var", "sector", "--engine", engine])
    assert_one_line_error(code, capsys.readouterr().err, "cannot read")
    for data in (survey["csv"], survey["parquet"]):
        code = main(["crosstab", str(data), "--rows", "sector", "--cols", "nope", "--engine", engine])
        assert_one_line_error(code, capsys.readouterr().err, "unknown column 'nope'")


def test_text_codes_and_negative_weights_are_refused_by_the_streaming_engine(capsys, tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text("q,w\n1,1.5\nyes,2\n", encoding="utf-8")
    code = main(["freq", str(data), "--var", "q", "--engine", "stream"])
    assert_one_line_error(code, capsys.readouterr().err, "non-numeric code 'yes'")
    data.write_text("q,w\n1,1.5\n2,-2\n", encoding="utf-8")
    code = main(["freq", str(data), "--var", "q", "--weight", "w", "--engine", "stream"])
    assert_one_line_error(code, capsys.readouterr().err, "weights must not be negative")


# ----------------------------------------------------------------------------------------------
# Bounded memory


ROWS_BIG = 8_000_000
CHUNK = 1_000_000
MEMORY_BOUND_MB = 100  # measured 22 MB (DuckDB) and 45 MB (pyarrow); the columns alone are 80 MB, numpy holds ~190 MB

COUNT_SCRIPT = """
import json, resource, sys
from tripartite.analysis import engines
from tripartite.analysis.codebook import Variable
import duckdb, pyarrow, pyarrow.dataset  # imported before the baseline, as any reader would
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
v = [Variable("a", codes=tuple(range(1, 5))), Variable("b", codes=tuple(range(1, 6)), missing=(9,))]
raw = engines.stream_groups(sys.argv[1], ["a", "b"], "w", use_duckdb=sys.argv[2] == "duckdb")
groups = engines.CountedGroups.of(raw, ["a", "b"], [], weighted=True, source=sys.argv[1])
table = engines.count_table(groups, v)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grown_mb": (after - before) / 1024, "n_cases": table.n_cases.tolist(),
                  "counts": table.counts.tolist(), "excluded": table.excluded_rows}))
"""


@pytest.mark.parametrize("reader", ["duckdb", "arrow"])
def test_streaming_counts_a_large_file_in_bounded_memory(tmp_path, reader):
    path = tmp_path / "big.parquet"
    rng = np.random.default_rng(5)
    from tripartite.analysis.codebook import Variable

    variables = [Variable("a", codes=tuple(range(1, 5))), Variable("b", codes=tuple(range(1, 6)), missing=(9,))]
    expected_cases = expected_counts = None
    excluded = 0
    with pq.ParquetWriter(path, pa.schema([("a", pa.int8()), ("b", pa.int8()), ("w", pa.float64())])) as writer:
        for _ in range(ROWS_BIG // CHUNK):
            a = rng.integers(1, 5, CHUNK, dtype=np.int8)
            b = rng.choice(np.array([1, 2, 3, 4, 5, 9], dtype=np.int8), CHUNK)
            w = rng.uniform(0.5, 2.0, CHUNK)
            writer.write_table(pa.table({"a": a, "b": b, "w": w}), row_group_size=1 << 18)
            ct = crosstab_counts(a, b, weights=w, row_variable=variables[0], col_variable=variables[1])
            expected_cases = ct.n_cases if expected_cases is None else expected_cases + ct.n_cases
            expected_counts = ct.counts if expected_counts is None else expected_counts + ct.counts
            excluded += ct.excluded_rows
    result = subprocess.run([sys.executable, "-c", COUNT_SCRIPT, str(path), reader], capture_output=True, text=True,
                            cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["grown_mb"] < MEMORY_BOUND_MB, report["grown_mb"]
    assert report["n_cases"] == expected_cases.tolist()
    assert report["excluded"] == excluded
    np.testing.assert_allclose(report["counts"], expected_counts, rtol=1e-12)


EXCEL_CSV = "q;w\n1;1,5\n2;0,25\n2;\n1;2\n3;1 000,5\n;3\n"


@pytest.mark.spark
def test_spark_reads_a_semicolon_csv_with_decimal_commas_like_numpy(capsys, spark, tmp_path):
    data = tmp_path / "excel.csv"
    data.write_text(EXCEL_CSV, encoding="cp1251")
    case = ["freq", "--var", "q", "--weight", "w"]
    expected = run_json(capsys, data, case, "--engine", "numpy")
    assert expected["n_valid"] == 1.5 + 0.25 + 2 + 1000.5
    assert_same(expected, run_json(capsys, data, case, "--engine", "spark"))
    assert_same(expected, run_json(capsys, data, case, "--engine", "stream"))
    data.write_text("q,w\n1,1.5\n2,abc\n", encoding="utf-8")
    code = main(["freq", str(data), "--var", "q", "--weight", "w", "--engine", "spark"])
    assert_one_line_error(code, capsys.readouterr().err, "non-numeric value 'abc'")
