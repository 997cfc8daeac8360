"""Write the weighted data sets that `svychisq.R` tests with (run once; the CSV files are committed).

    python tests/analysis/reference/make_datasets.py

Columns: row, col (codes; empty = missing answer), w (weight), stratum, cluster.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _codes(rng: np.random.Generator, n: int, probs: list[float]) -> np.ndarray:
    return rng.choice(len(probs), size=n, p=probs) + 1


def _write(name: str, row: np.ndarray, col: np.ndarray, w: np.ndarray, stratum: np.ndarray,
           cluster: np.ndarray) -> None:
    lines = ["row,col,w,stratum,cluster"]
    for values in zip(row, col, w, stratum, cluster, strict=True):
        r, c, wt, s, k = values
        lines.append(f"{'' if np.isnan(r) else int(r)},{'' if np.isnan(c) else int(c)},{wt:.6f},{s},{k}")
    (HERE / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    rng = np.random.default_rng(20261207)
    # A 3×4 table with an association, raked-like lognormal weights, 4 strata of 6 clusters each.
    n = 360
    stratum = np.repeat(np.arange(1, 5), n // 4)
    cluster = np.concatenate([rng.integers(1, 7, size=n // 4) for _ in range(4)])
    row = _codes(rng, n, [0.3, 0.45, 0.25]).astype(float)
    shift = (row - 2) * 0.08
    col = np.array([_codes(rng, 1, [0.25 - s, 0.25, 0.25, 0.25 + s])[0] for s in shift], dtype=float)
    w = np.round(np.exp(rng.normal(0.0, 0.5, size=n)) * (1 + 0.3 * (stratum - 1)), 6)
    _write("weighted_3x4.csv", row, col, w, stratum, cluster)
    # The same kind of sample with missing answers (a domain of the sample).
    row_m, col_m = row.copy(), col.copy()
    row_m[rng.choice(n, 14, replace=False)] = np.nan
    col_m[rng.choice(n, 11, replace=False)] = np.nan
    _write("weighted_3x4_missing.csv", row_m, col_m, w, stratum, cluster)
    # A small 2×2 table: 3 strata of 5 clusters.
    n = 150
    stratum = np.repeat(np.arange(1, 4), n // 3)
    cluster = np.concatenate([rng.integers(1, 6, size=n // 3) for _ in range(3)])
    row = _codes(rng, n, [0.4, 0.6]).astype(float)
    col = np.where(rng.random(n) < np.where(row == 1, 0.45, 0.3), 1, 2).astype(float)
    w = np.round(rng.uniform(0.4, 3.0, size=n), 6)
    _write("weighted_2x2.csv", row, col, w, stratum, cluster)


if __name__ == "__main__":
    main()
