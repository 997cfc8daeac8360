"""Statistics of a two-way contingency table and of a proportion: pure functions over small arrays.

Every function takes the (already counted) table as a 2-D array of non-negative numbers, rows by
columns, and returns a frozen dataclass.  Counting happens elsewhere (`counting.py`), so these
functions cost microseconds whatever the sample size.

References
----------
- Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed. Wiley.  [A]
- Agresti, A. (2007). *An Introduction to Categorical Data Analysis*, 2nd ed. Wiley.  [A07]
- Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
  JASA 22, 209-212.
- Cramér, H. (1946). *Mathematical Methods of Statistics*. Princeton.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special

#: Two-sided critical value used to mark adjusted residuals (α = 0.05).
RESIDUAL_CRITICAL = 1.96
#: Expected count below which a cell makes the χ² approximation doubtful (Cochran's rule).
SMALL_EXPECTED = 5.0


@dataclass(frozen=True)
class ChiSquareTest:
    """A χ²-distributed statistic with its degrees of freedom and upper-tail p-value."""

    chi2: float
    df: int
    p: float | None
    method: str | None = None  # how a weighted table's test was corrected for the design (None: plain)

    def to_dict(self) -> dict[str, float | int | str | None]:
        out: dict[str, float | int | str | None] = {"chi2": _clean(self.chi2), "df": self.df, "p": _clean(self.p)}
        if self.method is not None:
            out["method"] = self.method
        return out


@dataclass(frozen=True)
class FisherExact:
    """Fisher's exact test for a 2×2 table: the sample odds ratio and two-sided p-value."""

    odds_ratio: float | None
    p: float

    def to_dict(self) -> dict[str, float | None]:
        return {"odds_ratio": _clean(self.odds_ratio), "p": _clean(self.p)}


@dataclass(frozen=True)
class ResidualCell:
    """A cell whose adjusted standardized residual lies beyond ±1.96."""

    row: int  # index into the table passed in
    col: int
    residual: float
    p: float  # two-sided normal p-value of this one cell
    p_bonferroni: float  # p × number of cells, capped at 1
    significant_bonferroni: bool  # p_bonferroni < α

    @property
    def direction(self) -> str:
        return "above" if self.residual > 0 else "below"


@dataclass(frozen=True)
class ExpectedCountWarning:
    """Cells with expected count < 5 (SPSS footnote "n cells (x%) have expected count less than 5")."""

    cells: int
    total_cells: int
    percent: float
    min_expected: float


@dataclass(frozen=True)
class ProportionInterval:
    """Wilson score interval for a binomial proportion."""

    proportion: float | None
    low: float | None
    high: float | None
    confidence: float = 0.95


@dataclass(frozen=True)
class TableStatistics:
    """Everything we report for one two-way table (computed on its non-empty rows and columns)."""

    n: float
    pearson: ChiSquareTest
    likelihood_ratio: ChiSquareTest
    linear_by_linear: ChiSquareTest | None
    fisher: FisherExact | None
    phi: float | None
    cramers_v: float | None
    contingency_coefficient: float | None
    expected_warning: ExpectedCountWarning
    residual_cells: tuple[ResidualCell, ...]

    def to_dict(self) -> dict[str, object]:
        lbl = self.linear_by_linear
        return {
            "pearson": self.pearson.to_dict(),
            "likelihood_ratio": self.likelihood_ratio.to_dict(),
            "linear_by_linear": lbl.to_dict() if lbl else {"chi2": None, "df": 1, "p": None},
            "cramers_v": _clean(self.cramers_v),
            "phi": _clean(self.phi),
            "contingency_coefficient": _clean(self.contingency_coefficient),
        }


def _clean(value: float | None) -> float | None:
    """Plain float for JSON, None for undefined (never NaN or inf)."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _table(observed: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
    table = np.asarray(observed, dtype=np.float64)
    if table.ndim != 2:
        raise ValueError("a contingency table must be two-dimensional")
    if (table < 0).any() or not np.isfinite(table).all():
        raise ValueError("a contingency table must hold finite, non-negative counts")
    return table


def expected_counts(observed: np.ndarray) -> np.ndarray:
    """E_ij = r_i c_j / N, the counts expected under independence [A, §3.2.1]."""
    return _expected(_table(observed))


def _expected(table: np.ndarray) -> np.ndarray:
    n = table.sum()
    if n == 0:
        return np.zeros_like(table)
    return np.outer(table.sum(axis=1), table.sum(axis=0)) / n


def degrees_of_freedom(observed: np.ndarray) -> int:
    """(R−1)(C−1), R and C counting only non-empty rows and columns."""
    return _df(_table(observed))


def _df(table: np.ndarray) -> int:
    rows = int((table.sum(axis=1) > 0).sum())
    cols = int((table.sum(axis=0) > 0).sum())
    return max(rows - 1, 0) * max(cols - 1, 0)


def _chi2_sf(stat: float, df: int) -> float | None:
    if df <= 0 or not math.isfinite(stat):
        return None
    return float(special.chdtrc(df, stat))


def pearson_chi2(observed: np.ndarray) -> ChiSquareTest:
    """Pearson's X² = Σ (O−E)²/E, df = (R−1)(C−1), p from χ²(df) [A, §3.2.1].

    Agrees with ``scipy.stats.chi2_contingency(observed, correction=False)``.
    """
    table = _squeeze(_table(observed))
    return _pearson(table, _expected(table), _df(table))


def _pearson(table: np.ndarray, expected: np.ndarray, df: int) -> ChiSquareTest:
    """`pearson_chi2` of a checked, squeezed table whose expected counts and df are known."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(expected > 0, (table - expected) ** 2 / expected, 0.0)
    stat = float(terms.sum())
    return ChiSquareTest(stat, df, _chi2_sf(stat, df))


def likelihood_ratio_chi2(observed: np.ndarray) -> ChiSquareTest:
    """Likelihood-ratio G² = 2 Σ O ln(O/E), zero cells contributing 0 [A, §3.2.1].

    Agrees with ``scipy.stats.chi2_contingency(observed, correction=False, lambda_="log-likelihood")``.
    """
    table = _squeeze(_table(observed))
    return _likelihood_ratio(table, _expected(table), _df(table))


def _likelihood_ratio(table: np.ndarray, expected: np.ndarray, df: int) -> ChiSquareTest:
    positive = table > 0
    stat = float(2.0 * np.sum(table[positive] * np.log(table[positive] / expected[positive])))
    return ChiSquareTest(stat, df, _chi2_sf(stat, df))


def linear_by_linear(
    observed: np.ndarray, *, row_scores: Sequence[float] | np.ndarray | None = None, col_scores: Sequence[float] | np.ndarray | None = None
) -> ChiSquareTest:
    """Linear-by-linear association M² = (N−1) r², df = 1 [A, §3.4.1; A07, §2.5.1].

    r is Pearson's correlation between the row and column scores (by default the category codes,
    as SPSS does) weighted by the cell counts.  Equal to the square of the z of
    ``statsmodels...Table(observed).test_ordinal_association(row_scores, col_scores)``.
    """
    table = _table(observed)
    rows, cols = table.shape
    u = np.arange(1, rows + 1, dtype=float) if row_scores is None else np.asarray(row_scores, dtype=float)
    v = np.arange(1, cols + 1, dtype=float) if col_scores is None else np.asarray(col_scores, dtype=float)
    n = table.sum()
    if n <= 1:
        return ChiSquareTest(float("nan"), 1, None)
    r_tot = table.sum(axis=1)
    c_tot = table.sum(axis=0)
    mu = r_tot @ u / n
    mv = c_tot @ v / n
    suu = r_tot @ (u - mu) ** 2
    svv = c_tot @ (v - mv) ** 2
    if suu <= 0 or svv <= 0:
        return ChiSquareTest(float("nan"), 1, None)
    suv = (u - mu) @ table @ (v - mv)
    r = suv / math.sqrt(suu * svv)
    stat = float((n - 1) * r * r)
    return ChiSquareTest(stat, 1, _chi2_sf(stat, 1))


def fisher_exact_2x2(observed: np.ndarray) -> FisherExact | None:
    """Fisher's exact test (two-sided, conditional on both margins) for a 2×2 table of counts."""
    table = _table(observed)
    if table.shape != (2, 2):
        return None
    counts = np.rint(table).astype(np.int64)
    # Imported here: scipy.stats costs ~0.5 s to import and only Fisher's test needs it.
    from scipy import stats as sps

    result = sps.fisher_exact(counts, alternative="two-sided")
    return FisherExact(_clean(result.statistic), float(result.pvalue))


def phi_coefficient(observed: np.ndarray) -> float | None:
    """φ = sqrt(X²/N) (unsigned, as SPSS prints it for any table) [A, §3.2]."""
    table = _squeeze(_table(observed))
    return _phi(table, pearson_chi2(table))


def _phi(table: np.ndarray, pearson: ChiSquareTest) -> float | None:
    n = table.sum()
    if n == 0 or pearson.df == 0:
        return None
    return math.sqrt(pearson.chi2 / n)


def cramers_v(observed: np.ndarray) -> float | None:
    """Cramér's V = sqrt(X² / (N (min(R, C) − 1))) [Cramér 1946, §21.9].

    Agrees with ``scipy.stats.contingency.association(observed, method="cramer")``.
    """
    table = _squeeze(_table(observed))
    return _cramers_v(table, pearson_chi2(table))


def _cramers_v(table: np.ndarray, pearson: ChiSquareTest) -> float | None:
    n = table.sum()
    k = min(table.shape)
    if n == 0 or k < 2:
        return None
    return math.sqrt(pearson.chi2 / (n * (k - 1)))


def contingency_coefficient(observed: np.ndarray) -> float | None:
    """Pearson's contingency coefficient C = sqrt(X² / (X² + N)).

    Agrees with ``scipy.stats.contingency.association(observed, method="pearson")``.
    """
    table = _squeeze(_table(observed))
    return _contingency(table, pearson_chi2(table))


def _contingency(table: np.ndarray, pearson: ChiSquareTest) -> float | None:
    n = table.sum()
    if n == 0 or pearson.df == 0:
        return None
    chi2 = pearson.chi2
    return math.sqrt(chi2 / (chi2 + n))


def adjusted_residuals(observed: np.ndarray) -> np.ndarray:
    """Adjusted standardized residuals (O−E)/sqrt(E (1−r_i/N)(1−c_j/N)) [A, §3.3.1].

    Under independence each is approximately N(0, 1).  Cells in an empty row or column give NaN.
    Agrees with ``statsmodels.stats.contingency_tables.Table(observed).standardized_resids``.
    """
    return _adjusted_residuals(_table(observed))


def _adjusted_residuals(table: np.ndarray) -> np.ndarray:
    n = table.sum()
    if n == 0:
        return np.full_like(table, np.nan)
    r = table.sum(axis=1, keepdims=True)
    c = table.sum(axis=0, keepdims=True)
    expected = r * c / n
    with np.errstate(divide="ignore", invalid="ignore"):
        var = expected * (1 - r / n) * (1 - c / n)
        res = (table - expected) / np.sqrt(var)
    return np.where(var > 0, res, np.nan)


def pearson_residuals(observed: np.ndarray) -> np.ndarray:
    """Pearson residuals (O−E)/sqrt(E); = statsmodels ``Table.resid_pearson``."""
    table = _table(observed)
    expected = expected_counts(table)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(expected > 0, (table - expected) / np.sqrt(expected), np.nan)


def marked_residual_cells(
    residuals: np.ndarray, *, critical: float = RESIDUAL_CRITICAL, alpha: float = 0.05
) -> tuple[ResidualCell, ...]:
    """Cells with |adjusted residual| > `critical`, with two-sided p and Bonferroni-adjusted p.

    The Bonferroni factor is the number of cells with a defined residual (every cell is a test
    one could have looked at), so p_adj = min(1, p × m).
    """
    res = np.asarray(residuals, dtype=float)
    defined = np.isfinite(res)
    m = int(defined.sum())
    cells: list[ResidualCell] = []
    for i, j in zip(*np.nonzero(defined & (np.abs(np.nan_to_num(res)) > critical)), strict=True):
        z = float(res[i, j])
        p = float(2.0 * special.ndtr(-abs(z)))
        p_adj = min(1.0, p * m)
        cells.append(ResidualCell(int(i), int(j), z, p, p_adj, p_adj < alpha))
    return tuple(cells)


def expected_count_warning(observed: np.ndarray) -> ExpectedCountWarning:
    """How many cells have E < 5 (over the non-empty rows and columns)."""
    return _expected_warning(_expected(_squeeze(_table(observed))))


def _expected_warning(expected: np.ndarray) -> ExpectedCountWarning:
    small = int((expected < SMALL_EXPECTED).sum())
    total = int(expected.size)
    return ExpectedCountWarning(
        cells=small,
        total_cells=total,
        percent=100.0 * small / total if total else 0.0,
        min_expected=float(expected.min()) if total else 0.0,
    )


def wilson_interval(successes: float, n: float, *, confidence: float = 0.95) -> ProportionInterval:
    """Wilson score interval [Wilson 1927]:

    (p̂ + z²/2n ± z sqrt(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),  z = Φ⁻¹(1 − α/2).

    Agrees with ``statsmodels.stats.proportion.proportion_confint(..., method="wilson")``.
    `n` may be an effective sample size (weighted data), hence floats.
    """
    if n <= 0:
        return ProportionInterval(None, None, None, confidence)
    z = float(special.ndtri(1 - (1 - confidence) / 2))
    p = successes / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return ProportionInterval(float(p), max(0.0, centre - half), min(1.0, centre + half), confidence)


def _squeeze(table: np.ndarray) -> np.ndarray:
    """Drop empty rows and columns: they carry no information and would break E > 0."""
    return table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]


def table_statistics(
    observed: np.ndarray,
    *,
    row_scores: Sequence[float] | np.ndarray | None = None,
    col_scores: Sequence[float] | np.ndarray | None = None,
) -> TableStatistics:
    """All statistics of a two-way table, computed on its non-empty rows and columns.

    `row_scores`/`col_scores` (one per row/column of `observed`) are used by the linear-by-linear
    test; by default the positions 1..R and 1..C.  Residual cells index into `observed` itself.
    """
    full = _table(observed)
    keep_r = full.sum(axis=1) > 0
    keep_c = full.sum(axis=0) > 0
    table = full[keep_r][:, keep_c]
    n = float(table.sum())
    rs = np.arange(1, full.shape[0] + 1, dtype=float) if row_scores is None else np.asarray(row_scores, float)
    cs = np.arange(1, full.shape[1] + 1, dtype=float) if col_scores is None else np.asarray(col_scores, float)
    lbl = linear_by_linear(table, row_scores=rs[keep_r], col_scores=cs[keep_c]) if table.size else None
    if lbl is not None and lbl.p is None:
        lbl = None
    residuals = _adjusted_residuals(full)
    # The table is checked, squeezed and its expected counts computed once; each statistic below is
    # the same arithmetic as its public function (which checks and squeezes its own argument).
    expected = _expected(table)
    df = _df(table)
    pearson = _pearson(table, expected, df)
    return TableStatistics(
        n=n,
        pearson=pearson,
        likelihood_ratio=_likelihood_ratio(table, expected, df),
        linear_by_linear=lbl,
        fisher=fisher_exact_2x2(table) if table.shape == (2, 2) else None,
        phi=_phi(table, pearson),
        cramers_v=_cramers_v(table, pearson) if table.size else None,
        contingency_coefficient=_contingency(table, pearson),
        expected_warning=_expected_warning(expected),
        residual_cells=marked_residual_cells(residuals),
    )
