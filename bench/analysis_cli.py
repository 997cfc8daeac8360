"""End-to-end time of `tripartite analyze crosstab` on a 1,000,000-row CSV, and where the time goes.

Not a test: prints figures. Target (issue 3): under 1 s end to end on the 2-core reference machine.

    .venv/bin/python bench/analysis_cli.py [--rows 1000000] [--runs 3]

The CSV (id plus six int-coded columns, like the paper's questionnaire) is generated once into the
temporary directory. End to end is a fresh `python -m tripartite.analysis.cli` process, as a user
runs it (interpreter start, imports, read, count, statistics, render); the median of the runs is
reported. The in-process breakdown then times each stage with the modules already imported.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def make_csv(rows: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"tripartite_bench_{rows}.csv"
    if path.is_file():
        return path
    rng = np.random.default_rng(2025)
    columns = {
        "id": np.arange(1, rows + 1),
        "age_group": rng.integers(1, 7, rows),
        "gender": rng.integers(1, 3, rows),
        "sector": rng.integers(1, 12, rows),
        "state_involvement": rng.integers(1, 5, rows),
        "employer_involvement": rng.integers(1, 5, rows),
        "self_involvement": rng.integers(1, 5, rows),
    }
    header = ",".join(columns)
    table = np.column_stack(list(columns.values()))
    np.savetxt(path, table, fmt="%d", delimiter=",", header=header, comments="")
    return path


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = make_csv(args.rows)
    print(f"data: {path} ({args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB)")

    python = sys.executable
    cli = [python, "-m", "tripartite.analysis.cli", "crosstab", str(path), "--rows", "sector",
           "--cols", "employer_involvement"]
    timed(cli)  # warm the page cache and the .pyc files
    end_to_end = [timed(cli) for _ in range(args.runs)]
    startup = [timed([python, "-c", "import tripartite.analysis.cli"]) for _ in range(args.runs)]
    bare = [timed([python, "-c", "pass"]) for _ in range(args.runs)]
    # Anchors in the same run: the same table with pandas in a fresh process (read_csv of the two
    # columns, then crosstab), and with GNU PSPP (DATA LIST + CROSSTABS with chi-square) when installed.
    pandas_script = (f"import pandas as pd; f = pd.read_csv({str(path)!r}, usecols=['sector', 'employer_involvement']); "
                     "print(pd.crosstab(f['sector'], f['employer_involvement']))")
    anchors = {"pandas read_csv + crosstab": [timed([python, "-c", pandas_script]) for _ in range(args.runs)]}
    pspp = shutil.which("pspp")
    if pspp:
        syntax = Path(tempfile.gettempdir()) / f"tripartite_bench_{args.rows}.sps"
        syntax.write_text(
            f"DATA LIST LIST(',') FILE='{path}' SKIP=1 /id age_group gender sector state_involvement "
            "employer_involvement self_involvement.\n"
            "CROSSTABS /TABLES=sector BY employer_involvement /STATISTICS=CHISQ PHI CC.\n")
        anchors["GNU PSPP DATA LIST + CROSSTABS"] = [timed([pspp, "-o", os.devnull, str(syntax)])
                                                     for _ in range(args.runs)]
    ours = statistics.median(end_to_end)
    print(f"end to end (median of {args.runs}): {ours:.3f} s   target < 1 s")
    for name, times in anchors.items():
        print(f"  anchor {name:<34} {statistics.median(times):.3f} s   = {statistics.median(times) / ours:.1f}x ours")
    if not pspp:
        print("  (GNU PSPP is not installed here: no PSPP anchor)")
    print(f"  of which interpreter start:            {statistics.median(bare):.3f} s")
    print(f"  of which importing the CLI module:     {statistics.median(startup) - statistics.median(bare):.3f} s")

    # In-process breakdown, modules already imported.
    sys.path.insert(0, str(ROOT))
    from tripartite.analysis.counting import crosstab_counts
    from tripartite.analysis.outputs import render_text
    from tripartite.analysis.readers import read_dataset
    from tripartite.analysis.tables import crosstab

    stages: dict[str, list[float]] = {"read": [], "count": [], "count + statistics": [], "render": []}
    for _ in range(args.runs):
        t0 = time.perf_counter()
        data = read_dataset(path, coded=["sector", "employer_involvement"])
        t1 = time.perf_counter()
        rows, cols = data.array("sector"), data.array("employer_involvement")
        crosstab_counts(rows, cols, row_variable=data.codebook["sector"],
                        col_variable=data.codebook["employer_involvement"])
        t2 = time.perf_counter()
        result = crosstab(rows, cols, codebook=data.codebook, row_name="sector", col_name="employer_involvement")
        t3 = time.perf_counter()
        render_text(result.to_dict())
        t4 = time.perf_counter()
        stages["read"].append(t1 - t0)
        stages["count"].append(t2 - t1)
        stages["count + statistics"].append(t3 - t2)
        stages["render"].append(t4 - t3)
    print("in-process breakdown (median):")
    for name, values in stages.items():
        print(f"  {name:<20} {1000 * statistics.median(values):8.1f} ms")


if __name__ == "__main__":
    main()
