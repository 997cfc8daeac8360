"""Survey weights: raking to population margins, Kish design effect, Rao–Scott corrected χ² (weights only).

References
----------
- Deming, W. E. & Stephan, F. F. (1940). On a least squares adjustment of a sampled frequency
  table when the expected marginal totals are known. Ann. Math. Statist. 11, 427-444.  (raking)
- Kish, L. (1965). *Survey Sampling*. Wiley, §11.7.  (deff = 1 + CV² of the weights)
- Rao, J. N. K. & Scott, A. J. (1984). On chi-squared tests for multiway contingency tables with
  cell proportions estimated from survey data. Ann. Statist. 12, 46-60.
- Lohr, S. L. (2010). *Sampling: Design and Analysis*, 2nd ed., §10.3.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .design import RaoScott, design_tests, moments_from_cell_sums

#: Rows per chunk when raking (temporaries stay in cache).
_CHUNK = 1 << 16


class RakingError(ValueError):
    """Margins that cannot be reached (a code with no respondents, rows with no code, bad totals)."""


@dataclass(frozen=True)
class KishDesignEffect:
    """Kish's design effect of unequal weights, deff = n Σw² / (Σw)² = 1 + CV², and n_eff = n / deff."""

    n: int
    design_effect: float | None
    effective_n: float | None


@dataclass(frozen=True)
class RakingResult:
    """Raked weights and how well they reach the margins (and, when trimmed, the bounds)."""

    weights: np.ndarray
    iterations: int
    converged: bool  # margins reached within tol, and (when trimming) every weight inside the bounds
    max_abs_error: float  # largest |weighted total − target| over all margins, in target units
    trimmed: int = 0  # weights clipped, summed over all trimming rounds
    trimming_rounds: int = 0  # rounds of clipping and re-raking that were run
    within_bounds: bool | None = None  # None without trimming
    outside_bounds: int = 0  # final weights outside the trimming bounds
    bounds: tuple[float, float] | None = None  # the trimming bounds in weight units (low·mean, high·mean)

    def report(self) -> dict[str, Any]:
        return {
            "iterations": self.iterations,
            "converged": self.converged,
            "max_abs_error": self.max_abs_error,
            "trimmed": self.trimmed,
            "trimming_rounds": self.trimming_rounds,
            "within_bounds": self.within_bounds,
            "outside_bounds": self.outside_bounds,
            "bounds": None if self.bounds is None else list(self.bounds),
        }


def _clean(value: float | None) -> float | None:
    if value is None or not math.isfinite(float(value)):
        return None
    return float(value)


def kish_design_effect(weights: Any) -> KishDesignEffect:
    """Kish (1965) design effect 1 + CV² = n Σw²/(Σw)² and effective sample size (Σw)²/Σw².

    NaN weights are ignored.
    """
    w = np.asarray(weights, dtype=np.float64)
    w = w[~np.isnan(w)]
    return kish_from_sums(n=int(w.size), sum_w=float(w.sum()), sum_w2=float(w @ w))


def kish_from_sums(*, n: int, sum_w: float, sum_w2: float) -> KishDesignEffect:
    """The Kish design effect from n, Σw and Σw² (what a weighted count table carries)."""
    if n == 0 or sum_w2 <= 0:
        return KishDesignEffect(n, None, None)
    n_eff = sum_w * sum_w / sum_w2
    return KishDesignEffect(n, n / n_eff, n_eff)


def rao_scott(weighted_counts: Any, sum_w2: Any, *, n: float, sample_rows: int | None = None) -> RaoScott:
    """Rao–Scott first- and second-order tests of a weighted R×C table under a weights-only design.

    Inputs per cell: the sum of weights W_ij and the sum of squared weights S_ij; `n` respondents in
    the table and `sample_rows` in the whole sample (default `n`; more when the table leaves out
    missing answers).  Every respondent is a PSU, so the design covariance of the cell proportions
    needs only these sums (`design.moments_from_cell_sums`); the tests are those of
    `design.design_tests` and equal R survey's ``svychisq`` on ``svydesign(ids=~1, weights=~w)``.
    """
    from .statistics import pearson_chi2

    wc = np.asarray(weighted_counts, dtype=np.float64)
    moments = moments_from_cell_sums(wc, sum_w2, sample_rows=int(n if sample_rows is None else sample_rows))
    total = wc.sum()
    scaled = wc * (n / total) if total > 0 else wc
    tests = design_tests(wc, moments, n=n, pearson_weighted=pearson_chi2(scaled).chi2,
                         likelihood_weighted=float("nan"), linear_weighted=None)
    if tests is None:
        rows = int((wc.sum(axis=1) > 0).sum())
        cols = int((wc.sum(axis=0) > 0).sum())
        return RaoScott(float("nan"), max(rows - 1, 0) * max(cols - 1, 0), None, float("nan"), float("nan"))
    return tests.rao_scott


# ----------------------------------------------------------------------------------------------
# Raking


@dataclass(frozen=True)
class _RakeColumn:
    name: str
    index: np.ndarray  # per-row bin (raw byte for int8/uint8 columns, else a slot)
    bins: int
    bin_of_code: dict[int, int]
    target: np.ndarray  # target total per bin (0 for bins with no target)
    has_target: np.ndarray  # bool per bin


def _rake_column(name: str, values: Any, targets: Mapping[int, float], total: float) -> _RakeColumn:
    array = np.asarray(values)
    if array.ndim != 1:
        raise RakingError(f"column {name!r} must be one-dimensional")
    if array.dtype.kind in "iu" and array.dtype.itemsize == 1:
        # Index the raw bytes directly: no per-row copy of the column is needed.
        index = array.view(np.uint8)
        bins = 256
        bin_of_code = {int(c): int(c) & 0xFF for c in targets}
    else:
        if array.dtype.kind == "f" and np.isnan(array).any():
            raise RakingError(f"column {name!r} has empty values; every respondent needs a code to be raked")
        codes = sorted(int(c) for c in targets)
        bin_of_code = {c: i for i, c in enumerate(codes)}
        index = np.full(array.shape[0], len(codes), dtype=np.uint16 if len(codes) < 65535 else np.int64)
        for c, i in bin_of_code.items():
            index[array == c] = i
        bins = len(codes) + 1
    target = np.zeros(bins)
    has = np.zeros(bins, dtype=bool)
    values_sum = float(sum(targets.values()))
    if values_sum <= 0:
        raise RakingError(f"margin {name!r} has no positive total")
    # Shares (summing to 1, or to 100 as percentages) are scaled to the total of the base weights.
    scale = total / values_sum if values_sum <= 1.0 + 1e-9 or abs(values_sum - 100.0) < 1e-6 else 1.0
    for c, t in targets.items():
        if t < 0:
            raise RakingError(f"margin {name!r}: target for code {c} is negative")
        target[bin_of_code[int(c)]] = float(t) * scale
        has[bin_of_code[int(c)]] = True
    return _RakeColumn(name, index, bins, bin_of_code, target, has)


def _weighted_totals(column: _RakeColumn, w: np.ndarray | None) -> np.ndarray:
    """Σ w per bin (respondents per bin when `w` is None), chunk by chunk."""
    out = np.zeros(column.bins)
    n = column.index.shape[0]
    for start in range(0, n, _CHUNK):
        stop = start + _CHUNK
        chunk_w = None if w is None else w[start:stop]
        out += np.bincount(column.index[start:stop], weights=chunk_w, minlength=column.bins)
    return out


def _apply(column: _RakeColumn, w: np.ndarray, factor: np.ndarray) -> None:
    for start in range(0, w.shape[0], _CHUNK):
        stop = start + _CHUNK
        w[start:stop] *= factor[column.index[start:stop]]


def _rake_once(columns: list[_RakeColumn], w: np.ndarray, *, max_iter: int, tol: float) -> tuple[int, bool, float]:
    total = float(sum(c.target.sum() for c in columns)) / len(columns)
    err = math.inf
    for iteration in range(1, max_iter + 1):
        err = 0.0
        for column in columns:
            achieved = _weighted_totals(column, w)
            err = max(err, float(np.max(np.abs(achieved - column.target)[column.has_target])))
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = np.where(column.has_target & (achieved > 0), column.target / achieved, 1.0)
            _apply(column, w, factor)
        if err <= tol * total:
            return iteration, True, err
    return max_iter, False, err


def rake(
    columns: Mapping[str, Any],
    margins: Mapping[str, Mapping[int, float]],
    *,
    weights: Any | None = None,
    max_iter: int = 100,
    tol: float = 1e-6,
    trim: tuple[float, float] | None = None,
    max_trim_rounds: int = 20,
) -> RakingResult:
    """Rake weights to population margins by iterative proportional fitting (Deming & Stephan 1940).

    `columns` maps each raking variable to its per-respondent codes; `margins` maps the same names to
    {code: population total} or {code: share} (shares summing to 1 or 100 are scaled to the total of
    the base weights).  Every respondent needs a code that has a target in every margin.
    Convergence: the largest absolute difference between a weighted margin and its target, measured
    before each adjustment, is at most `tol` × total.  `trim` = (low, high) bounds the weights
    relative to their mean (e.g. (0.3, 3.0)); trimmed weights are re-raked, repeatedly, until every
    weight lies inside the bounds after re-raking or `max_trim_rounds` rounds have run.  The result says
    which: `within_bounds`, `outside_bounds` (how many are still outside) and `trimming_rounds`;
    `converged` is true only when the margins are met and every weight is inside the bounds.
    """
    if not margins:
        raise RakingError("no margins to rake to")
    names = list(margins)
    missing = [n for n in names if n not in columns]
    if missing:
        raise RakingError(f"no column for margin(s): {', '.join(missing)}")
    n = len(np.asarray(columns[names[0]]))
    w = np.ones(n) if weights is None else np.array(weights, dtype=np.float64, copy=True)
    if w.shape != (n,) or not np.isfinite(w).all() or (w < 0).any():
        raise RakingError("base weights must be one finite, non-negative value per respondent")
    base_total = float(w.sum())
    prepared = [_rake_column(name, columns[name], margins[name], base_total) for name in names]
    totals = [c.target.sum() for c in prepared]
    if max(totals) - min(totals) > 1e-6 * max(totals):
        raise RakingError("the margins do not add up to the same population total: "
                          + ", ".join(f"{c.name}={t:g}" for c, t in zip(prepared, totals, strict=True)))
    for column in prepared:
        counts = _weighted_totals(column, None)
        without = counts[~column.has_target].sum()
        if without:
            raise RakingError(f"{int(without)} respondents have a {column.name!r} code with no target in the margins")
        empty = [c for c, b in column.bin_of_code.items() if column.target[b] > 0 and counts[b] == 0]
        if empty:
            raise RakingError(f"margin {column.name!r}: no respondents with code(s) {empty}, target cannot be met")
    iterations, converged, err = _rake_once(prepared, w, max_iter=max_iter, tol=tol)
    if trim is None:
        return RakingResult(w, iterations, converged, err)
    low, high = trim
    # Raking keeps the total, hence the mean weight: the bounds are fixed by the margins.
    mean = float(w.mean())
    lo, hi = low * mean, high * mean
    slack = 1e-9 * hi

    def outside() -> np.ndarray:
        return (w < lo - slack) | (w > hi + slack)

    trimmed = rounds = 0
    while rounds < max_trim_rounds and outside().any():
        rounds += 1
        trimmed += int(outside().sum())
        np.clip(w, lo, hi, out=w)
        more, converged, err = _rake_once(prepared, w, max_iter=max_iter, tol=tol)
        iterations += more
    left = int(outside().sum())
    # "Converged" means both: the margins are met and no weight is outside the bounds.
    return RakingResult(w, iterations, converged and left == 0, err, trimmed, rounds,
                        within_bounds=left == 0, outside_bounds=left, bounds=(lo, hi))
