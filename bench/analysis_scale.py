"""Counting a weighted two-way table from a Parquet file: time and peak memory per engine (prints; asserts parity).

    python bench/analysis_scale.py                      # 1M and 10M rows: numpy, stream, DuckDB, Spark local
    python bench/analysis_scale.py --rows 100000000 --engines stream,arrow,duckdb
    python bench/analysis_scale.py --rows 1000000 --runs 3

One Parquet file per size (two int8 codes — a 4-point scale with a declared missing code 9, 11
sectors — and a float64 weight, 10 bytes a row before compression) is generated in chunks.  Each
engine counts it in its own fresh process, so that its peak memory is its own:

* numpy — the file read whole (pyarrow → numpy) and counted by `counting.crosstab_counts`;
* stream — `engines.stream_groups`, the ``--engine stream`` of the command line: on Parquet, DuckDB's
  ``GROUP BY`` with a memory limit;
* arrow — the same streaming engine with pyarrow batches of 2¹⁸ rows (what it uses for CSV, or
  without DuckDB);
* duckdb — the anchor: the SQL back-end's own `counting.group_counts_sql` on a plain DuckDB
  connection and ``read_parquet``;
* spark — `engines.spark_groups` on ``local[*]``; its start-up (the JVM) is shown apart from the count.

Time is the median of `--runs` counts in that process after a first, untimed one (it warms the
imports, the caches and Spark's JIT; its time is printed too);
memory is the process's peak resident size over all the counts (VmHWM, reset once the libraries are
imported) above its size at that point — for Spark the JVM's, since the counting happens there.  Every engine's table is
checked against numpy's: counts equal, sums of weights within 1e-12.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHUNK = 1_000_000
ENGINES = ("numpy", "stream", "arrow", "duckdb", "spark")


def generate(path: Path, rows: int, seed: int = 2026) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    schema = pa.schema([("opinion", pa.int8()), ("sector", pa.int8()), ("weight", pa.float64())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            opinion = rng.choice(np.array([1, 2, 3, 4, 9], dtype=np.int8), n)
            sector = rng.integers(1, 12, n, dtype=np.int8)
            writer.write_table(pa.table({"opinion": opinion, "sector": sector,
                                         "weight": rng.uniform(0.5, 2.0, n)}), row_group_size=CHUNK)


def _status_mb(field: str, pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak(pid: int | str = "self") -> None:
    """Start the peak resident size (VmHWM) afresh from the current size (Linux ≥ 4.0)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass


def child(engine: str, path: str, runs: int) -> dict[str, object]:
    """Count in this process; print time, memory and the table (run by the parent, one engine each)."""
    from tripartite.analysis import engines
    from tripartite.analysis.codebook import Variable
    from tripartite.analysis.counting import crosstab_counts, group_counts_sql

    variables = [Variable("opinion", codes=(1, 2, 3, 4), missing=(9,)), Variable("sector", codes=tuple(range(1, 12)))]
    extra: dict[str, object] = {}
    if engine == "numpy":
        import pyarrow.parquet as pq  # noqa: F401  (imported before the baseline, like every engine's library)

        from tripartite.analysis.readers import read_parquet

        def count() -> object:
            frame = read_parquet(Path(path), ["opinion", "sector", "weight"])
            return crosstab_counts(frame["opinion"].to_numpy(), frame["sector"].to_numpy(),
                                   weights=frame["weight"].to_numpy(), row_variable=variables[0],
                                   col_variable=variables[1])
    elif engine == "duckdb":
        import duckdb

        connection = duckdb.connect()
        source = "read_parquet('" + path.replace("'", "''") + "')"

        def count() -> object:
            groups = group_counts_sql(connection, source=source, keys=["opinion", "sector"], weight="weight")
            return engines.count_table(engines.CountedGroups.of(groups, ["opinion", "sector"], [], weighted=True,
                                                                source=path), variables)
    else:
        session = None
        if engine == "spark":
            started = time.perf_counter()
            session = engines.spark_session(os.environ.get("BENCH_SPARK_MASTER"))
            extra["startup_s"] = time.perf_counter() - started
            extra["jvm_pid"] = int(session.sparkContext._jvm.ProcessHandle.current().pid())

        def count() -> object:
            groups = engines.groups_on(engine, path, ["opinion", "sector"], "weight", session=session)
            return engines.count_table(engines.CountedGroups.of(groups, ["opinion", "sector"], [], weighted=True,
                                                                source=path), variables)
    pid = int(extra["jvm_pid"]) if engine == "spark" else "self"  # type: ignore[call-overload]
    baseline = _status_mb("VmRSS", pid)
    _reset_peak(pid)
    started = time.perf_counter()
    count()  # the first count loads lazy imports, kernels and Spark's JIT: timed apart
    first = time.perf_counter() - started
    times = []
    table = None
    for _ in range(max(1, runs - 1)):
        started = time.perf_counter()
        table = count()
        times.append(time.perf_counter() - started)
    memory = _status_mb("VmHWM", pid) - baseline
    return {"engine": engine, "median_s": statistics.median(times), "first_s": first, "times": times, "peak_mb": memory,
            "n_cases": table.n_cases.tolist(), "counts": table.counts.tolist(), **extra}  # type: ignore[attr-defined]


def measure(engine: str, path: Path, runs: int) -> dict[str, object]:
    result = subprocess.run([sys.executable, __file__, "--child", engine, str(path), "--runs", str(runs)],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        return {"engine": engine, "error": (result.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, from " + ", ".join(ENGINES))
    parser.add_argument("--runs", type=int, default=4, help="counts per engine; the first is not timed")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.runs)))
        return
    chosen = [e for e in args.engines.split(",") if e]
    print(f"weighted 4x11 table from Parquet (int8, int8, float64 weight); median of {args.runs - 1} counts "
          f"after one untimed, "
          f"{os.cpu_count()} cores; each engine in its own process")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"survey-{rows}.parquet"
            started = time.perf_counter()
            generate(path, rows)
            size_mb = path.stat().st_size / 1e6
            print(f"\n{rows:,} rows: file {size_mb:.0f} MB on disk, {rows * 10 / 1e6:.0f} MB as arrays "
                  f"(generated in {time.perf_counter() - started:.1f} s)")
            print(f"{'engine':<10}{'count s':>10}{'× numpy':>10}{'peak MB':>10}{'× numpy':>10}  note")
            reference = None
            results = [measure(engine, path, args.runs) for engine in chosen]
            for r in results:
                if r["engine"] == "numpy" and "error" not in r:
                    reference = r
            for r in results:
                if "error" in r:
                    print(f"{r['engine']:<10}{'—':>10}{'':>10}{'—':>10}{'':>10}  {r['error']}")
                    continue
                note = [f"first {r['first_s']:.2f} s"]
                if reference is not None:
                    assert r["n_cases"] == reference["n_cases"], f"{r['engine']} counts differ from numpy"
                    np.testing.assert_allclose(r["counts"], reference["counts"], rtol=1e-12)
                    note.append("table = numpy")
                if "startup_s" in r:
                    note.append(f"JVM start {r['startup_s']:.1f} s; memory is the JVM's")
                t_ratio = f"{r['median_s'] / reference['median_s']:.2f}" if reference else "—"
                m_ratio = (f"{r['peak_mb'] / reference['peak_mb']:.2f}" if reference and reference["peak_mb"] > 0
                           else "—")
                print(f"{r['engine']:<10}{r['median_s']:>10.3f}{t_ratio:>10}{r['peak_mb']:>10.0f}{m_ratio:>10}  "
                      + "; ".join(note))
            path.unlink()


if __name__ == "__main__":
    main()
