"""Benchmark of the analysis engine on 10 million respondents (prints figures; asserts nothing).

    python bench/analysis.py            # 10,000,000 rows
    python bench/analysis.py --rows 100000 --runs 3

Everything runs in one process on the same data: our crosstab with all statistics, our weighted
crosstab (with Rao–Scott), pandas.crosstab on the same two columns, a plain np.bincount on a
combined uint8 code (the floor for any bincount-based method), and raking to three margins.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tripartite.analysis import crosstab, crosstab_counts, rake  # noqa: E402

# Six int8-coded columns shaped like a labour survey.
COLUMNS = {
    "involvement": (1, 4),  # four-point scale
    "sector": (1, 11),
    "sex": (1, 2),
    "age_group": (1, 5),
    "region": (1, 17),
    "union_member": (1, 3),
}


def make_data(rows: int, seed: int = 2024) -> tuple[dict[str, np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    data = {}
    for name, (lo, hi) in COLUMNS.items():
        data[name] = rng.integers(lo, hi + 1, size=rows, dtype=np.int8)
    weights = rng.uniform(0.5, 2.0, size=rows)
    return data, weights


def median_ms(func: Callable[[], object], runs: int) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def peak_extra_mb(func: Callable[[], object]) -> float:
    """Peak memory allocated by `func` above what was live before (tracemalloc sees numpy buffers)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - before) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rake-runs", type=int, default=5)
    args = parser.parse_args()

    data, weights = make_data(args.rows)
    rows, cols = data["involvement"], data["sector"]
    data_mb = (sum(a.nbytes for a in data.values()) + weights.nbytes) / 1e6
    print(f"{args.rows:,} respondents x {len(data)} int8 columns + float64 weight = {data_mb:.0f} MB; "
          f"median of {args.runs} runs")

    ours_ms, table = median_ms(lambda: crosstab(rows, cols, row_name="involvement", col_name="sector"), args.runs)
    weighted_ms, wtable = median_ms(
        lambda: crosstab(rows, cols, weights=weights, row_name="involvement", col_name="sector"), args.runs)
    counted = crosstab_counts(rows, cols, row_name="involvement", col_name="sector")
    counts_ms, _ = median_ms(lambda: crosstab_counts(rows, cols, row_name="involvement", col_name="sector"), args.runs)
    # Everything after counting (statistics, percentages, findings) on the small table, many times over.
    stats_ms, _ = median_ms(lambda: [crosstab(counted) for _ in range(100)], args.runs)
    stats_ms /= 100
    frame = pd.DataFrame({"involvement": rows, "sector": cols})
    pandas_ms, ptable = median_ms(lambda: pd.crosstab(frame["involvement"], frame["sector"]), max(3, args.runs // 2))

    def plain_bincount() -> np.ndarray:
        code = (rows.view(np.uint8) - np.uint8(1)) * np.uint8(11) + (cols.view(np.uint8) - np.uint8(1))
        return np.bincount(code, minlength=44)

    bincount_ms, _ = median_ms(plain_bincount, args.runs)
    margins = {
        "sex": {1: 0.48, 2: 0.52},
        "age_group": {1: 0.15, 2: 0.25, 3: 0.25, 4: 0.2, 5: 0.15},
        "region": {c: 1 / 17 for c in range(1, 18)},
    }
    rake_ms, raked = median_ms(lambda: rake({k: data[k] for k in margins}, margins), args.rake_runs)

    assert np.array_equal(np.asarray(ptable.to_numpy()), table.counts), "pandas and ours disagree"
    print()
    print(f"{'task':<44}{'median ms':>12}")
    print("-" * 56)
    for label, ms in (
        ("crosstab, all statistics (ours)", ours_ms),
        ("  of which counting (ours)", counts_ms),
        ("  of which the rest, on the counted table", stats_ms),
        ("weighted crosstab + Rao-Scott (ours)", weighted_ms),
        ("pandas.crosstab, counts only", pandas_ms),
        ("np.bincount on combined uint8 code", bincount_ms),
        ("raking to 3 margins (ours)", rake_ms),
    ):
        print(f"{label:<44}{ms:>12.1f}")
    print("-" * 56)
    print(f"pandas.crosstab / ours: {pandas_ms / ours_ms:.1f}x   "
          f"raking: {raked.iterations} iterations, converged={raked.converged}, "
          f"max error {raked.max_abs_error:.3g}")
    print(f"weighted: Rao-Scott chi2 {wtable.rao_scott.chi2:.2f} (mean deff {wtable.rao_scott.mean_deff:.3f}), "
          f"Kish deff {wtable.design.design_effect:.3f}")

    extra_unweighted = peak_extra_mb(lambda: crosstab(rows, cols))
    extra_weighted = peak_extra_mb(lambda: crosstab(rows, cols, weights=weights))
    extra_rake = peak_extra_mb(lambda: rake({k: data[k] for k in margins}, margins))
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print()
    print(f"peak extra memory (tracemalloc): crosstab {extra_unweighted:.1f} MB, weighted {extra_weighted:.1f} MB, "
          f"raking {extra_rake:.1f} MB (its output weights alone are {weights.nbytes / 1e6:.0f} MB); "
          f"data {data_mb:.0f} MB")
    print(f"process max RSS {maxrss_mb:.0f} MB (includes pandas' own copies and the interpreter)")


if __name__ == "__main__":
    main()
