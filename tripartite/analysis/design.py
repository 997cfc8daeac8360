"""Design-based tests of a weighted two-way table: Rao–Scott first- and second-order χ², residuals, trends.

The variance of the cell proportions p̂ of a weighted table is estimated by linearization, as R's
``survey`` package does (Lumley 2010, ch. 2 and 6): a design is weights, optional strata and optional
clusters (primary sampling units, PSUs, taken with replacement within each stratum).  Respondent k in
PSU j of stratum h contributes the score z_k = w_k (y_k − p̂) / W, with y_k the indicator vector of
k's cell (zero for a respondent outside the table: a missing answer or another layer) and W = Σ w;
PSU totals Z_j = Σ_{k∈j} z_k give

    V = Σ_h n_h/(n_h − 1) Σ_{j∈h} (Z_j − Z̄_h)(Z_j − Z̄_h)ᵀ,

n_h counting every PSU of stratum h in the sample (also those with no respondent in the table: the
table is a domain of the sample, as ``svymean(..., na.rm=TRUE)`` treats it).  Without clusters every
respondent is a PSU.  All of this needs, per stratum, only the cell-by-cell moments
M_h = Σ_j T_j T_jᵀ (T_j: Σw of PSU j per cell), the totals t_h = Σ_j T_j and n_h (`DesignMoments`):
small matrices, whatever the number of respondents.  Without clusters M_h is diagonal (Σw² per cell),
which is why a weights-only table counted in SQL can be tested exactly too.

References
----------
- Rao, J. N. K. & Scott, A. J. (1981). The analysis of categorical data from complex sample surveys:
  chi-squared tests for goodness of fit and independence in two-way tables. JASA 76, 221-230.
- Rao, J. N. K. & Scott, A. J. (1984). On chi-squared tests for multiway contingency tables with cell
  proportions estimated from survey data. Ann. Statist. 12, 46-60.
- Lumley, T. (2010). *Complex Surveys: A Guide to Analysis Using R*. Wiley; R package ``survey``,
  function ``svychisq`` (statistic = "Chisq" and "F").
- Haberman, S. J. (1973). The analysis of residuals in cross-classified tables. Biometrics 29, 205-220.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import special


class DesignError(ValueError):
    """A sampling design the variance cannot be estimated from (a stratum with a single PSU, bad ids)."""


@dataclass(frozen=True)
class DesignMoments:
    """Per-stratum sufficient statistics of the linearization variance of one table's cell totals.

    Cells are the R×C cells of the table in row-major order (K = R·C).
    """

    moments: np.ndarray  # (H, K, K): M_h = Σ_j T_j T_jᵀ
    totals: np.ndarray  # (H, K): t_h = Σ_j T_j
    psus: np.ndarray  # (H,): n_h, PSUs of stratum h in the whole sample
    design_df: int  # PSUs − strata of the whole sample (R survey's `nu`)
    stratified: bool = False
    clustered: bool = False

    def covariance(self) -> np.ndarray:
        """V, the K×K linearization covariance of the estimated cell proportions p̂."""
        grand = float(self.totals.sum())
        k = self.totals.shape[1]
        if grand <= 0:
            return np.full((k, k), np.nan)
        p = self.totals.sum(axis=0) / grand
        v = np.zeros((k, k))
        for m, t, n_h in zip(self.moments, self.totals, self.psus, strict=True):
            if n_h < 2:
                continue  # a stratum with one PSU was refused when the moments were built
            m_row = m.sum(axis=1)  # Σ_j T_j w_j
            s = float(m_row.sum())  # Σ_j w_j²
            w_h = float(t.sum())
            within = m - np.outer(m_row, p) - np.outer(p, m_row) + s * np.outer(p, p)
            centre = t - w_h * p
            v += n_h / (n_h - 1) * (within - np.outer(centre, centre) / n_h)
        return v / (grand * grand)

    def to_dict(self) -> dict[str, Any]:
        return {"strata": int(self.psus.size) if self.stratified else None,
                "psus": int(self.psus.sum()), "clustered": self.clustered, "design_df": self.design_df}


def moments_from_cell_sums(sum_w: Any, sum_w2: Any, *, sample_rows: int) -> DesignMoments:
    """The moments of a weights-only design (every respondent a PSU, no strata) from Σw and Σw² per cell.

    `sample_rows` is the number of respondents with a weight in the whole sample (n of n/(n−1)).
    """
    w = np.asarray(sum_w, dtype=np.float64).ravel()
    w2 = np.asarray(sum_w2, dtype=np.float64).ravel()
    return DesignMoments(np.diag(w2)[None], w[None], np.array([sample_rows]), max(sample_rows - 1, 0))


def _index_of(values: np.ndarray, codes: tuple[int, ...]) -> np.ndarray:
    """Position of each value among `codes`, or −1 when it is not one of them (NaN included)."""
    table = np.asarray(codes, dtype=np.float64)
    if table.size == 0:
        return np.full(values.shape[0], -1, dtype=np.intp)
    order = np.argsort(table)
    sorted_codes = table[order]
    with np.errstate(invalid="ignore"):
        pos = np.clip(np.searchsorted(sorted_codes, values.astype(np.float64)), 0, table.size - 1)
        hit = sorted_codes[pos] == values
    return np.where(hit, order[pos], -1).astype(np.intp)


def _group_ids(values: Any, name: str, n: int) -> np.ndarray:
    """Dense ids 0..G−1 of a stratum or cluster column (any hashable ids, as written)."""
    array = np.asarray(values)
    if array.ndim != 1 or array.shape[0] != n:
        raise DesignError(f"the {name} column must have one value per respondent")
    if array.dtype.kind == "f" and np.isnan(array).any():
        raise DesignError(f"{int(np.isnan(array).sum())} respondents have no {name}; every respondent needs one")
    if array.dtype.kind == "O" and any(v is None or (isinstance(v, float) and math.isnan(v)) for v in array):
        raise DesignError(f"some respondents have no {name}; every respondent needs one")
    _, ids = np.unique(array.astype(str) if array.dtype.kind == "O" else array, return_inverse=True)
    return ids.ravel().astype(np.intp)


def design_moments(
    rows: Any,
    cols: Any,
    *,
    row_codes: tuple[int, ...],
    col_codes: tuple[int, ...],
    weights: Any,
    strata: Any | None = None,
    clusters: Any | None = None,
    domain: np.ndarray | None = None,
) -> DesignMoments:
    """The design moments of the table of `rows` × `cols` over `row_codes` × `col_codes`.

    Rows whose weight is empty are not in the sample (as in the counting).  Respondents whose codes
    are not in the table, or outside `domain` (a boolean mask, e.g. one layer), stay in the sample
    with a zero score.  Clusters are taken as nested within strata (R: ``svydesign(nest=TRUE)``).
    """
    w = np.asarray(weights, dtype=np.float64)
    n = w.shape[0]
    in_sample = ~np.isnan(w)
    r = _index_of(np.asarray(rows), row_codes)
    c = _index_of(np.asarray(cols), col_codes)
    k = len(row_codes) * len(col_codes)
    in_table = in_sample & (r >= 0) & (c >= 0)
    if domain is not None:
        in_table &= np.asarray(domain, dtype=bool)
    cell = np.where(in_table, r * len(col_codes) + c, 0)
    wt = np.where(in_table, w, 0.0)
    stratum = np.zeros(n, dtype=np.intp) if strata is None else _group_ids(strata, "stratum", n)
    stratum, wt, cell, sel = stratum[in_sample], wt[in_sample], cell[in_sample], in_table[in_sample]
    strata_count = int(stratum.max()) + 1 if stratum.size else 0
    if clusters is None:
        psus = np.bincount(stratum, minlength=strata_count)
        flat = stratum * k + cell
        w2 = np.bincount(flat[sel], weights=wt[sel] ** 2, minlength=strata_count * k).reshape(strata_count, k)
        moments = np.zeros((strata_count, k, k))
        idx = np.arange(k)
        moments[:, idx, idx] = w2
    else:
        cluster = _group_ids(clusters, "cluster", n)[in_sample]
        # Clusters nested in strata: the PSU is the (stratum, cluster) pair.
        pair = stratum.astype(np.int64) * (int(cluster.max()) + 1 if cluster.size else 1) + cluster
        uniq, psu = np.unique(pair, return_inverse=True)
        psu = psu.ravel()
        psu_stratum = np.zeros(uniq.size, dtype=np.intp)
        psu_stratum[psu] = stratum
        psus = np.bincount(psu_stratum, minlength=strata_count)
        t_psu = np.bincount(psu[sel] * k + cell[sel], weights=wt[sel], minlength=uniq.size * k).reshape(uniq.size, k)
        moments = np.zeros((strata_count, k, k))
        for h in range(strata_count):
            block = t_psu[psu_stratum == h]
            moments[h] = block.T @ block
    lonely = [h for h in range(strata_count) if psus[h] == 1]
    if lonely:
        raise DesignError(f"{len(lonely)} stratum(s) have a single PSU: its variance cannot be estimated "
                          "(merge it with a neighbouring stratum)")
    flat = stratum * k + cell
    totals = np.bincount(flat[sel], weights=wt[sel], minlength=strata_count * k).reshape(strata_count, k)
    return DesignMoments(moments, totals, psus, int(psus.sum()) - strata_count,
                         stratified=strata is not None, clustered=clusters is not None)


# ----------------------------------------------------------------------------------------------
# Tests


@dataclass(frozen=True)
class SecondOrder:
    """Rao–Scott second-order test: F = X²/tr(Δ) on Satterthwaite df (R svychisq, statistic="F")."""

    f: float
    ndf: float  # d = (tr Δ)² / tr Δ²
    ddf: float  # d · ν, ν the design df
    p: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"f": _clean(self.f), "ndf": _clean(self.ndf), "ddf": _clean(self.ddf), "p": _clean(self.p)}


@dataclass(frozen=True)
class RaoScott:
    """Rao–Scott corrected Pearson χ² of a weighted table: first order, and second order beside it."""

    chi2: float  # X²_RS = X²_w / δ̄
    df: int
    p: float | None
    pearson_weighted: float  # X²_w, Pearson's statistic of the weighted table rescaled to n
    mean_deff: float  # δ̄ = tr(Δ)/df, the mean generalized design effect (eigenvalues of Δ)
    second_order: SecondOrder | None = None
    design: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "chi2": _clean(self.chi2),
            "df": self.df,
            "p": _clean(self.p),
            "pearson_weighted": _clean(self.pearson_weighted),
            "mean_deff": _clean(self.mean_deff),
            "second_order": self.second_order.to_dict() if self.second_order else None,
            "design": self.design,
            "method": "Rao & Scott (1981, 1984), design-based linearization covariance, as R survey svychisq",
        }


@dataclass(frozen=True)
class DesignTests:
    """Everything design-based about one weighted table (computed on its non-empty rows and columns)."""

    rao_scott: RaoScott
    likelihood_ratio: tuple[float, int, float | None]  # G²_w / δ̄, df, p
    linear_by_linear: tuple[float, float | None, float] | None  # M²_w / d, p, d
    residuals: np.ndarray  # design-based adjusted residuals, full table shape (NaN in empty lines)
    cell_deff: np.ndarray  # design effect of each cell's residual p̂_ij − p̂_i+ p̂_+j


def _clean(value: float | None) -> float | None:
    if value is None or not math.isfinite(float(value)):
        return None
    return float(value)


def _interaction_basis(r: int, c: int) -> np.ndarray:
    """K × (r−1)(c−1) basis of the cell contrasts orthogonal to both sets of main effects."""

    def helmert(m: int) -> np.ndarray:
        basis = np.zeros((m, m - 1))
        for j in range(1, m):
            basis[:j, j - 1] = 1.0
            basis[j, j - 1] = -float(j)
        return basis

    return np.kron(helmert(r), helmert(c))


def _chi2_sf(stat: float, df: float) -> float | None:
    if not (df > 0 and math.isfinite(stat)):
        return None
    return float(special.chdtrc(df, stat))


def design_tests(
    weighted_counts: Any,
    moments: DesignMoments,
    *,
    n: float,
    row_scores: Any | None = None,
    col_scores: Any | None = None,
    pearson_weighted: float,
    likelihood_weighted: float,
    linear_weighted: float | None,
) -> DesignTests | None:
    """Rao–Scott tests, design-based residuals and corrected LR / linear-by-linear of a weighted table.

    With p̂ the K cell proportions, D = diag(p̂), V their design covariance (`DesignMoments.covariance`)
    and C a basis of the interaction contrasts, the generalized design-effect matrix is
    Δ = n (Cᵀ D⁻¹ C)⁻¹ (Cᵀ D⁻¹ V D⁻¹ C) (Rao & Scott 1984; R ``svychisq``).  Then

    - first order: δ̄ = tr(Δ)/df, X²_RS = X²_w/δ̄ on df = (R−1)(C−1);
    - second order: F = X²_w / tr(Δ) on ndf = (tr Δ)²/tr(Δ²) and ddf = ndf · ν (ν = design df);
    - likelihood ratio: G²_w/δ̄ on df (the first-order correction applies to G² alike, Rao & Scott 1984);
    - linear-by-linear: M²_w / d, d = hᵀVh / hᵀV₀h the design effect of the score covariance
      Σ p̂_ij (u_i − ū)(v_j − v̄), h = (u − ū) ⊗ (v − v̄), V₀ = (D − p̂p̂ᵀ)/n (a 1-df test: its one
      eigenvalue is exactly this d);
    - adjusted residuals: Haberman's residual of the rescaled table divided by √d_ij, d_ij = gᵀVg / gᵀV₀g
      the design effect of p̂_ij − p̂_i+ p̂_+j (g its gradient).

    Returns None when the table has fewer than two non-empty rows or columns.
    """
    wc = np.asarray(weighted_counts, dtype=np.float64)
    full_r, full_c = wc.shape
    keep_r = wc.sum(axis=1) > 0
    keep_c = wc.sum(axis=0) > 0
    r, c = int(keep_r.sum()), int(keep_c.sum())
    df = (r - 1) * (c - 1)
    total = wc.sum()
    if df <= 0 or total <= 0 or n <= 0:
        return None
    keep = np.outer(keep_r, keep_c).ravel()
    v = moments.covariance()[np.ix_(keep, keep)]
    table = wc[keep_r][:, keep_c]
    p = (table / total).ravel()
    pr, pc = table.sum(axis=1) / total, table.sum(axis=0) / total
    d_inv = np.where(p > 0, 1.0 / np.where(p > 0, p, 1.0), 0.0)
    basis = _interaction_basis(r, c)
    scaled = basis * d_inv[:, None]  # D⁻¹ C
    denom = basis.T @ scaled / n
    numer = scaled.T @ v @ scaled
    delta = np.linalg.solve(denom, numer)
    trace = float(np.trace(delta))
    trace2 = float(np.trace(delta @ delta))
    mean_deff = trace / df
    design = moments.to_dict()
    if not (mean_deff > 0 and trace2 > 0):
        rs = RaoScott(float("nan"), df, None, pearson_weighted, mean_deff, None, design)
    else:
        stat = pearson_weighted / mean_deff
        ndf = trace * trace / trace2
        ddf = ndf * moments.design_df
        f = pearson_weighted / trace
        p_f = float(special.fdtrc(ndf, ddf, f)) if ddf > 0 else None
        rs = RaoScott(stat, df, _chi2_sf(stat, df), pearson_weighted, mean_deff,
                      SecondOrder(f, ndf, ddf, p_f), design)
    lr_stat = likelihood_weighted / mean_deff if mean_deff > 0 else float("nan")
    lr = (lr_stat, df, _chi2_sf(lr_stat, df))
    v0 = (np.diag(p) - np.outer(p, p)) / n
    lbl = None
    if linear_weighted is not None and row_scores is not None and col_scores is not None:
        u = np.asarray(row_scores, dtype=float)[keep_r]
        s = np.asarray(col_scores, dtype=float)[keep_c]
        h = np.kron(u - pr @ u, s - pc @ s)
        ratio = float(h @ v @ h) / float(h @ v0 @ h) if float(h @ v0 @ h) > 0 else float("nan")
        if ratio > 0:
            stat = linear_weighted / ratio
            lbl = (stat, _chi2_sf(stat, 1), ratio)
    # Gradient of p̂_ij − p̂_i+ p̂_+j with respect to every cell proportion, one row per cell.
    ri, ci = np.divmod(np.arange(r * c), c)
    grad = (np.eye(r * c) - (ri[:, None] == ri[None, :]) * pc[ci][:, None]
            - (ci[:, None] == ci[None, :]) * pr[ri][:, None])
    var_design = np.einsum("ij,jk,ik->i", grad, v, grad)
    var_srs = np.einsum("ij,jk,ik->i", grad, v0, grad)
    with np.errstate(divide="ignore", invalid="ignore"):
        cell_deff = np.where(var_srs > 0, var_design / var_srs, np.nan)
    scaled_table = table * (n / total)
    expected = np.outer(scaled_table.sum(axis=1), scaled_table.sum(axis=0)) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        haberman = (scaled_table - expected) / np.sqrt(
            expected * (1 - pr[:, None]) * (1 - pc[None, :]))
        res = haberman.ravel() / np.sqrt(cell_deff)
    res = np.where(np.isfinite(res), res, np.nan)
    residuals = np.full((full_r, full_c), np.nan)
    deffs = np.full((full_r, full_c), np.nan)
    residuals[np.ix_(keep_r, keep_c)] = res.reshape(r, c)
    deffs[np.ix_(keep_r, keep_c)] = cell_deff.reshape(r, c)
    return DesignTests(rs, lr, lbl, residuals, deffs)
