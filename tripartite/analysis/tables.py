"""Frequency tables and two-way crosstabs with their statistics, warnings and findings.

`frequencies` and `crosstab` accept integer-coded arrays (counted here with the numpy back-end) or
the result of a counting back-end (`CodeCounts`, `CountTable`, e.g. from SQL), and return frozen
result objects whose `to_dict()` is plain JSON (floats, ints, None for undefined, never NaN).

Codes and empty categories: without a codebook the categories are the codes observed; with a
codebook every code of the variable is shown, also when nobody chose it (a zero row or column),
but the statistics are computed on the non-empty rows and columns only — an empty category
carries no information and would otherwise give E = 0 cells and a wrong number of degrees of
freedom (SPSS does the same).

Weighted tables: counts and percentages are sums of weights.  The test statistics are computed
on the weighted table rescaled to the number of respondents n (so χ² is on the scale of the
sample, not of the population), and significance is judged by the Rao–Scott corrected χ²
(`weighting.rao_scott`); the design effect and effective n (Kish) are reported.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tripartite.languages import LANGUAGES

from . import i18n
from .codebook import Codebook, Variable
from .counting import CodeCounts, CountTable, Exclusion, _as_column, crosstab_counts, frequency_counts
from .design import (
    DesignError,
    DesignMoments,
    DesignTests,
    RaoScott,
    design_moments,
    design_tests,
    moments_from_cell_sums,
)
from .disclosure import DEFAULT_K, suppress
from .findings import ALPHA, N_, Finding, strength_code
from .statistics import (
    ChiSquareTest,
    TableStatistics,
    adjusted_residuals,
    marked_residual_cells,
    table_statistics,
    wilson_interval,
)
from .weighting import KishDesignEffect, kish_from_sums


def _f(value: Any) -> float | None:
    """A JSON-safe float: None for NaN/inf/None."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _grid(array: np.ndarray | None, hide: np.ndarray | None = None) -> list[list[float | None]] | None:
    if array is None:
        return None
    out = []
    for i, row in enumerate(np.asarray(array, dtype=float)):
        out.append([None if (hide is not None and hide[i, j]) else _f(v) for j, v in enumerate(row)])
    return out


def _num(value: Any) -> int | float | None:
    """Counts as int when they are whole (unweighted), else float."""
    v = _f(value)
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def _percent(num: np.ndarray, den: Any) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(den) > 0, 100.0 * num / den, np.nan)


@dataclass(frozen=True)
class Axis:
    """One dimension of a table: the variable name, its codes and labels in each language."""

    name: str
    codes: tuple[int, ...]
    labels: dict[str, tuple[str, ...]]  # language -> one label per code
    title: dict[str, str] = field(default_factory=dict)
    ordinal: bool = False

    def label(self, index: int, lang: str = "en") -> str:
        return self.labels.get(lang, self.labels["en"])[index]

    def titled(self, lang: str = "en") -> str:
        return self.title.get(lang) or self.title.get("en") or self.name

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.titled(lang),
            "codes": list(self.codes),
            "labels": list(self.labels.get(lang, self.labels["en"])),
        }

    @classmethod
    def of(cls, name: str, codes: Sequence[int], variable: Variable | None) -> Axis:
        codes = tuple(int(c) for c in codes)
        if variable is None:
            labels = {lang: tuple(str(c) for c in codes) for lang in LANGUAGES}
            return cls(name, codes, labels)
        labels = {lang: tuple(variable.label(c, lang) for c in codes) for lang in LANGUAGES}
        title = {lang: variable.text(lang) for lang in LANGUAGES}
        return cls(name, codes, labels, title, variable.ordinal)


def _lookup(codebook: Codebook | None, name: str | None) -> Variable | None:
    if codebook is None or name is None:
        return None
    return codebook.get(name)


def _conflict_warnings(*variables: Variable | None) -> list[Finding]:
    """A warning per variable whose codebook lists a code both as a value label and as missing."""
    return [Finding("warning.code_both_valid_and_missing", {
        "codes": ", ".join(str(c) for c in v.conflicts), "variable": v.name})
        for v in variables if v is not None and v.conflicts]


def _exclusion_warnings(exclusions: Sequence[Exclusion], null_weights: int) -> list[Finding]:
    out = []
    for e in exclusions:
        if e.total:
            out.append(Finding("warning.missing_excluded", {
                "count": e.total, "variable": e.variable, "null": e.null,
                "declared_missing": e.declared_missing, "unknown": e.unknown,
                "unknown_codes": list(e.unknown_codes)}))
    if null_weights:
        out.append(Finding("warning.null_weights", {"count": null_weights}))
    return out


# ----------------------------------------------------------------------------------------------
# Frequencies


@dataclass(frozen=True)
class Frequencies:
    """A one-way distribution: counts, % of all cases, valid %, cumulative %, Wilson 95% intervals."""

    variable: Axis
    counts: np.ndarray  # per code (sums of weights when weighted)
    n_cases: np.ndarray  # unweighted respondents per code
    percent: np.ndarray  # of all cases, missing included (SPSS "Percent")
    valid_percent: np.ndarray
    cumulative_percent: np.ndarray
    ci_low: np.ndarray  # Wilson 95% interval of the valid proportion, in percent
    ci_high: np.ndarray
    n_valid: float
    n_total: float
    weighted: bool
    exclusion: Exclusion | None
    design: KishDesignEffect | None
    warnings: tuple[Finding, ...]
    suppressed: np.ndarray | None = None
    lang: str = "en"

    @property
    def n_missing(self) -> float:
        return self.n_total - self.n_valid

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = lang or self.lang
        hide = self.suppressed
        rows = []
        for i, code in enumerate(self.variable.codes):
            hidden = bool(hide is not None and hide[i])
            rows.append({
                "code": code,
                "label": self.variable.label(i, lang),
                "count": None if hidden else _num(self.counts[i]),
                "percent": None if hidden else _f(self.percent[i]),
                "valid_percent": None if hidden else _f(self.valid_percent[i]),
                "cumulative_percent": None if hidden else _f(self.cumulative_percent[i]),
                "ci95": None if hidden else [_f(self.ci_low[i]), _f(self.ci_high[i])],
                "suppressed": hidden,
            })
        e = self.exclusion
        return {
            "variable": self.variable.to_dict(lang),
            "n": int(round(float(self.n_cases.sum()))),
            "n_valid": _num(self.n_valid),
            "n_missing": _num(self.n_missing),
            "n_total": _num(self.n_total),
            "weighted": self.weighted,
            "categories": rows,
            "missing": e.to_dict() if e else None,
            "design_effect": _f(self.design.design_effect) if self.design else None,
            "effective_n": _f(self.design.effective_n) if self.design else None,
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }


def frequencies(
    values: Any,
    *,
    weights: Any | None = None,
    variable: Variable | None = None,
    codebook: Codebook | None = None,
    name: str | None = None,
    lang: str = "en",
    public: bool = False,
    k: int = DEFAULT_K,
) -> Frequencies:
    """The distribution of one coded variable (array of codes, or a back-end's `CodeCounts`).

    Percent is of all cases (missing included); valid percent and cumulative percent of valid
    cases; the Wilson interval uses the effective sample size when weighted.
    """
    if name is None and not isinstance(values, CodeCounts) and isinstance(getattr(values, "name", None), str):
        name = values.name  # a pandas Series names itself
    if variable is None:
        variable = _lookup(codebook, name)
    if isinstance(values, CodeCounts):
        cc = values
    else:
        cc = frequency_counts(values, weights=weights, variable=variable, name=name)
    axis_name = name or (variable.name if variable else cc.name)
    axis = Axis.of(axis_name, cc.codes, variable)
    counts = np.asarray(cc.counts, dtype=float)
    cases = np.asarray(cc.cases, dtype=float)
    excluded_cases = cc.exclusion.total if cc.exclusion else 0
    n_valid = float(counts.sum())
    if cc.weighted:
        # SPSS: "Percent" is of the weighted count of all cases, Σw over everyone with a weight
        # (missing answers included), never an imputed mean weight.
        n_total = n_valid + (cc.excluded_weight if cc.excluded_weight is not None else 0.0)
        design = kish_from_sums(n=int(cases.sum()), sum_w=n_valid, sum_w2=float(np.sum(cc.sum_w2)) if cc.sum_w2 is not None else 0.0)
        n_for_ci = design.effective_n or 0.0
    else:
        n_total = n_valid + excluded_cases
        design = None
        n_for_ci = n_valid
    valid_pct = _percent(counts, n_valid)
    lows, highs = [], []
    for c in counts:
        share = c / n_valid if n_valid else 0.0
        interval = wilson_interval(share * n_for_ci, n_for_ci)
        lows.append(np.nan if interval.low is None else 100 * interval.low)
        highs.append(np.nan if interval.high is None else 100 * interval.high)
    warnings = _conflict_warnings(variable) + _exclusion_warnings(
        [cc.exclusion] if cc.exclusion else [], cc.null_weights)
    hide = suppress(cases, k=k).cells if public else None
    if hide is not None and hide.any():
        warnings.append(Finding("warning.suppressed", {"count": int(hide.sum()), "k": k}))
    return Frequencies(
        variable=axis,
        counts=counts if cc.weighted else np.asarray(cc.counts),
        n_cases=cases,
        percent=_percent(counts, n_total),
        valid_percent=valid_pct,
        cumulative_percent=np.cumsum(np.nan_to_num(valid_pct)),
        ci_low=np.asarray(lows),
        ci_high=np.asarray(highs),
        n_valid=n_valid,
        n_total=n_total,
        weighted=cc.weighted,
        exclusion=cc.exclusion,
        design=design,
        warnings=tuple(warnings),
        suppressed=hide,
        lang=lang,
    )


# ----------------------------------------------------------------------------------------------
# Crosstabs


@dataclass(frozen=True)
class Crosstab:
    """A two-way table with percentages, expected counts, residuals, statistics and findings."""

    rows: Axis
    cols: Axis
    counts: np.ndarray  # R×C (sums of weights when weighted)
    n_cases: np.ndarray  # R×C unweighted respondents
    expected: np.ndarray
    row_pct: np.ndarray
    col_pct: np.ndarray
    total_pct: np.ndarray
    adjusted_residuals: np.ndarray  # NaN in empty rows/columns
    statistics: TableStatistics
    weighted: bool
    rao_scott: RaoScott | None
    design: KishDesignEffect | None
    warnings: tuple[Finding, ...]
    findings: tuple[Finding, ...]
    exclusions: tuple[Exclusion, ...] = ()
    suppressed: np.ndarray | None = None
    k: int = DEFAULT_K
    layer: Axis | None = None  # set on a layer's sub-table: the layer variable
    layer_index: int | None = None  # which of the layer's codes this sub-table is
    layers: tuple[Crosstab, ...] = ()  # one sub-table per layer code (on the total table)
    lang: str = "en"

    @property
    def n(self) -> int:
        """Respondents in the table (unweighted)."""
        return int(round(float(self.n_cases.sum())))

    @property
    def row_totals(self) -> np.ndarray:
        return self.counts.sum(axis=1)

    @property
    def col_totals(self) -> np.ndarray:
        return self.counts.sum(axis=0)

    @property
    def total(self) -> float:
        return float(self.counts.sum())

    def significant(self, alpha: float = ALPHA) -> bool | None:
        """The verdict the findings use: Rao–Scott second order when weighted, Fisher on a small 2×2."""
        stats = self.statistics
        if self.rao_scott is not None:
            second = self.rao_scott.second_order
            p = None if second is None else second.p
        elif stats.fisher is not None and stats.expected_warning.cells:
            p = stats.fisher.p
        else:
            p = stats.pearson.p
        return None if p is None else p < alpha

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = lang or self.lang
        hide = self.suppressed
        stats = self.statistics.to_dict()
        fisher = self.statistics.fisher
        residual_cells = []
        for cell in self.statistics.residual_cells:
            if hide is not None and hide[cell.row, cell.col]:
                continue
            residual_cells.append({
                "row": cell.row, "col": cell.col,
                "row_code": self.rows.codes[cell.row], "col_code": self.cols.codes[cell.col],
                "residual": _f(cell.residual), "p": _f(cell.p), "p_bonferroni": _f(cell.p_bonferroni),
                "significant_bonferroni": cell.significant_bonferroni,
            })
        out: dict[str, Any] = {
            "n": self.n,
            "weighted": self.weighted,
            "rows": self.rows.to_dict(lang),
            "cols": self.cols.to_dict(lang),
            "counts": [[None if (hide is not None and hide[i, j]) else _num(v) for j, v in enumerate(row)]
                       for i, row in enumerate(self.counts)],
            "expected": _grid(self.expected),
            "row_pct": _grid(self.row_pct, hide),
            "col_pct": _grid(self.col_pct, hide),
            "total_pct": _grid(self.total_pct, hide),
            "adjusted_residuals": _grid(self.adjusted_residuals, hide),
            "row_totals": [_num(v) for v in self.row_totals],
            "col_totals": [_num(v) for v in self.col_totals],
            "total": _num(self.total),
            "statistics": stats,
            "fisher": fisher.to_dict() if fisher is not None else None,
            "residual_cells": residual_cells,
            "expected_below_5": {
                "cells": self.statistics.expected_warning.cells,
                "percent": _f(self.statistics.expected_warning.percent),
                "min_expected": _f(self.statistics.expected_warning.min_expected),
            },
            "rao_scott": self.rao_scott.to_dict() if self.rao_scott is not None else None,
            "design_effect": _f(self.design.design_effect) if self.design else None,
            "effective_n": _f(self.design.effective_n) if self.design else None,
            "missing": [e.to_dict() for e in self.exclusions],
            "suppressed": None if hide is None else [[bool(x) for x in row] for row in hide],
            "warnings": [w.to_dict(lang) for w in self.warnings],
            "findings": [f.to_dict(lang) for f in self.findings],
        }
        if self.layer is not None and self.layer_index is not None:
            out["layer"] = {"name": self.layer.name, "code": self.layer.codes[self.layer_index],
                            "label": self.layer.label(self.layer_index, lang)}
        if self.layers:
            out["layers"] = [t.to_dict(lang) for t in self.layers]
        return out


def _label_params(axis: Axis, index: int) -> dict[str, str]:
    return {lang: axis.label(index, lang) for lang in LANGUAGES}


def _title_params(axis: Axis) -> dict[str, str]:
    return {lang: axis.titled(lang) for lang in LANGUAGES}


def _test_name(message: str) -> dict[str, str]:
    return {lang: i18n.gettext(lang, message) for lang in LANGUAGES}


#: Names of the trend tests, as the findings quote them (msgids of the analysis catalogues).
LINEAR_TEST = N_("linear-by-linear association test")
LINEAR_TEST_DESIGN = N_("design-corrected linear-by-linear association test")


def _findings(
    rows: Axis, cols: Axis, stats: TableStatistics, tests: DesignTests | None,
    hide: np.ndarray | None, correlation: float | None,
) -> list[Finding]:
    """What the table supports, judged by the test that fits it (see `findings` for the rules)."""
    names = {"rows": _title_params(rows), "cols": _title_params(cols)}
    out: list[Finding] = []
    test = stats.pearson
    fisher = stats.fisher
    small = stats.expected_warning
    if test.p is None:
        return [Finding("association.untestable", names)]
    if tests is not None:
        rs = tests.rao_scott
        second = rs.second_order
        if second is None or second.p is None:
            return [Finding("association.untestable", names)]
        significant = second.p < ALPHA
        verdict = "significant" if significant else "not_significant"
        out.append(Finding(f"association.{verdict}_rao_scott", {
            **names, "f": second.f, "ndf": second.ndf, "ddf": second.ddf, "p": second.p,
            "deff": rs.mean_deff}))
    elif fisher is not None and small.cells:
        # Expected counts below 5 make χ² unreliable: the exact test decides (Cochran 1954).
        significant = fisher.p < ALPHA
        verdict = "significant" if significant else "not_significant"
        out.append(Finding(f"association.{verdict}_fisher", {
            **names, "p": fisher.p, "min_expected": small.min_expected}))
    else:
        significant = test.p < ALPHA
        verdict = "significant" if significant else "not_significant"
        out.append(Finding(f"association.{verdict}", {**names, "chi2": test.chi2, "df": test.df, "p": test.p}))
        if fisher is not None:
            fv = "significant" if fisher.p < ALPHA else "not_significant"
            out.append(Finding(f"fisher.{fv}", {"p": fisher.p}))
    if significant and stats.cramers_v is not None:
        out.append(Finding(strength_code(stats.cramers_v), {"v": stats.cramers_v}))
    lbl = stats.linear_by_linear
    rows_n = len(rows.codes)
    cols_n = len(cols.codes)
    trend_ok = (rows.ordinal and cols.ordinal) or (rows.ordinal and cols_n == 2) or (cols.ordinal and rows_n == 2)
    if trend_ok and lbl is not None and lbl.p is not None:
        if lbl.p < ALPHA and correlation is not None:
            code = "trend.positive" if correlation > 0 else "trend.negative"
        else:
            code = "trend.none"
        name = LINEAR_TEST if tests is None else LINEAR_TEST_DESIGN
        out.append(Finding(code, {**names, "test": _test_name(name), "chi2": lbl.chi2, "p": lbl.p}))
    if significant:
        for cell in stats.residual_cells:
            if hide is not None and hide[cell.row, cell.col]:
                continue
            direction = cell.direction
            code = f"residual.{direction}" if cell.significant_bonferroni else f"residual.{direction}_uncorrected"
            out.append(Finding(code, {
                "row": _label_params(rows, cell.row), "col": _label_params(cols, cell.col),
                "residual": cell.residual, "p_adj": cell.p_bonferroni}))
    return out


def _correlation(table: np.ndarray, row_scores: np.ndarray, col_scores: np.ndarray) -> float | None:
    n = table.sum()
    if n <= 0:
        return None
    r_tot, c_tot = table.sum(axis=1), table.sum(axis=0)
    mu, mv = r_tot @ row_scores / n, c_tot @ col_scores / n
    suu, svv = r_tot @ (row_scores - mu) ** 2, c_tot @ (col_scores - mv) ** 2
    if suu <= 0 or svv <= 0:
        return None
    return float((row_scores - mu) @ table @ (col_scores - mv) / math.sqrt(suu * svv))


#: How each test of a weighted table was made (the `method` of its JSON).
PEARSON_WEIGHTED = "weighted table rescaled to n, not corrected for the design: read rao_scott"
LR_DESIGN = "Rao-Scott first-order: G2 of the weighted table rescaled to n, divided by mean_deff"
LINEAR_DESIGN = "design-corrected: M2 of the weighted table rescaled to n, divided by the design effect of the score covariance"


def _weighted_statistics(stats: TableStatistics, tests: DesignTests | None) -> TableStatistics:
    """The statistics of a weighted table, every test corrected for the design or marked as not."""
    if tests is None:
        return dataclasses.replace(stats, fisher=None)
    lr_stat, lr_df, lr_p = tests.likelihood_ratio
    lbl = None
    if tests.linear_by_linear is not None:
        lbl_stat, lbl_p, _ = tests.linear_by_linear
        lbl = ChiSquareTest(lbl_stat, 1, lbl_p, LINEAR_DESIGN)
    return dataclasses.replace(
        stats,
        pearson=dataclasses.replace(stats.pearson, method=PEARSON_WEIGHTED),
        likelihood_ratio=ChiSquareTest(lr_stat, lr_df, lr_p, LR_DESIGN),
        linear_by_linear=lbl,
        # Fisher's exact test conditions on integer margins: undefined for weighted counts.
        fisher=None,
        residual_cells=marked_residual_cells(tests.residuals),
    )


def _build(
    ct: CountTable, rows: Axis, cols: Axis, *, lang: str, public: bool, k: int,
    layer: Axis | None = None, layer_index: int | None = None, layers: tuple[Crosstab, ...] = (),
    with_exclusions: bool = True, forced_hidden: np.ndarray | None = None,
    moments: DesignMoments | None = None, sample_rows: int | None = None,
    variables: Sequence[Variable | None] = (),
) -> Crosstab:
    counts = np.asarray(ct.counts, dtype=float)
    cases = np.asarray(ct.cases, dtype=float)
    n = float(cases.sum())
    weighted = ct.weighted
    total_w = counts.sum()
    # Tests on a weighted table use it rescaled to the n respondents (see the module docstring).
    test_table = counts * (n / total_w) if weighted and total_w > 0 else counts
    row_scores = np.asarray(rows.codes, dtype=float)
    col_scores = np.asarray(cols.codes, dtype=float)
    stats = table_statistics(test_table, row_scores=row_scores, col_scores=col_scores)
    tests: DesignTests | None = None
    residuals = adjusted_residuals(test_table)
    if weighted:
        if moments is None and ct.sum_w2 is not None:
            moments = moments_from_cell_sums(counts, ct.sum_w2, sample_rows=int(sample_rows or n))
        if moments is not None:
            lbl = stats.linear_by_linear
            tests = design_tests(
                counts, moments, n=n, row_scores=row_scores, col_scores=col_scores,
                pearson_weighted=stats.pearson.chi2, likelihood_weighted=stats.likelihood_ratio.chi2,
                linear_weighted=None if lbl is None else lbl.chi2)
        stats = _weighted_statistics(stats, tests)
        if tests is not None:
            residuals = tests.residuals
    rs = tests.rao_scott if tests is not None else None
    design = (kish_from_sums(n=int(n), sum_w=float(total_w), sum_w2=float(np.sum(ct.sum_w2)))
              if weighted and ct.sum_w2 is not None else None)
    r_tot = counts.sum(axis=1, keepdims=True)
    c_tot = counts.sum(axis=0, keepdims=True)
    expected = (r_tot * c_tot / total_w) if total_w > 0 else np.zeros_like(counts)
    hide = suppress(cases, k=k, forced=forced_hidden).cells if public else None
    warnings: list[Finding] = []
    if with_exclusions:
        warnings += _conflict_warnings(*variables) + _exclusion_warnings(ct.exclusions, ct.null_weights)
    ew = stats.expected_warning
    if ew.cells and stats.pearson.p is not None:
        warnings.append(Finding("warning.expected_small", {
            "cells": ew.cells, "percent": ew.percent, "min_expected": ew.min_expected}))
    if weighted:
        warnings.append(Finding("warning.weighted_statistics", {"n": int(n)}))
    if hide is not None and hide.any():
        warnings.append(Finding("warning.suppressed", {"count": int(hide.sum()), "k": k}))
    correlation = _correlation(test_table, row_scores, col_scores)
    return Crosstab(
        rows=rows,
        cols=cols,
        counts=counts if weighted else np.asarray(ct.counts),
        n_cases=cases,
        expected=expected,
        row_pct=_percent(counts, r_tot),
        col_pct=_percent(counts, c_tot),
        total_pct=_percent(counts, total_w),
        adjusted_residuals=residuals,
        statistics=stats,
        weighted=weighted,
        rao_scott=rs,
        design=design,
        warnings=tuple(warnings),
        findings=tuple(_findings(rows, cols, stats, tests, hide, correlation)),
        exclusions=ct.exclusions if with_exclusions else (),
        suppressed=hide,
        k=k,
        layer=layer,
        layer_index=layer_index,
        layers=layers,
        lang=lang,
    )


def _sample_rows(ct: CountTable) -> int:
    """Respondents with a weight in the whole sample: the table's, plus those it leaves out."""
    return int(round(float(np.sum(ct.cases)))) + ct.excluded_rows - ct.null_weights


def crosstab(
    rows: Any,
    cols: Any | None = None,
    *,
    weights: Any | None = None,
    layer: Any | None = None,
    strata: Any | None = None,
    clusters: Any | None = None,
    codebook: Codebook | None = None,
    row_name: str | None = None,
    col_name: str | None = None,
    layer_name: str | None = None,
    lang: str = "en",
    public: bool = False,
    k: int = DEFAULT_K,
    moments: Mapping[int | None, DesignMoments] | None = None,
) -> Crosstab:
    """A two-way table of `rows` by `cols` (integer-coded arrays), or of a back-end's `CountTable`.

    With `layer`, `Crosstab.layers` holds one sub-table per layer code; the returned table is
    their total.  `public=True` hides cells of fewer than `k` respondents (and complementary
    cells) in `to_dict()` and in the findings.  A weighted table is tested under its sampling
    design: `strata` and `clusters` (one id per respondent; clusters nested in strata) join the
    weights; without them every respondent is its own PSU (a weights-only design).  A `CountTable`
    carries the weights-only design (its Σw²); strata and clusters need the respondents' arrays, or
    the design's `moments` counted with the table (`engines.design_moments_from_groups`): key None for
    the table (its total when layered), i for the i-th layer.
    """
    if moments is not None and not isinstance(rows, CountTable):
        raise TypeError("design moments go with a counted table (a CountTable)")
    if isinstance(rows, CountTable):
        if strata is not None or clusters is not None:
            raise DesignError("strata and clusters need the respondents' codes, not a counted table")
        ct = rows
        row_name = row_name or ct.row_name
        col_name = col_name or ct.col_name
        layer_name = layer_name or ct.layer_name
    else:
        if cols is None:
            raise TypeError("crosstab needs `cols` unless `rows` is a CountTable")
        if (strata is not None or clusters is not None) and weights is None:
            raise DesignError("strata and clusters are part of a weighted design: give the weights too")
        row_name = row_name or getattr(rows, "name", None) or "rows"
        col_name = col_name or getattr(cols, "name", None) or "cols"
        if layer is not None:
            layer_name = layer_name or getattr(layer, "name", None) or "layer"
        ct = crosstab_counts(
            rows, cols, layer=layer, weights=weights,
            row_variable=_lookup(codebook, row_name), col_variable=_lookup(codebook, col_name),
            layer_variable=_lookup(codebook, layer_name),
            row_name=row_name, col_name=col_name, layer_name=layer_name,
        )
    row_axis = Axis.of(str(row_name), ct.row_codes, _lookup(codebook, row_name))
    col_axis = Axis.of(str(col_name), ct.col_codes, _lookup(codebook, col_name))
    sample_rows = _sample_rows(ct)
    variables = (_lookup(codebook, row_name), _lookup(codebook, col_name), _lookup(codebook, layer_name))

    def moments_of(domain: np.ndarray | None, index: int | None = None) -> DesignMoments | None:
        if moments is not None:
            return moments[index]
        if strata is None and clusters is None:
            return None
        return design_moments(_as_column(rows, str(row_name)), _as_column(cols, str(col_name)),
                              row_codes=ct.row_codes, col_codes=ct.col_codes,
                              weights=_as_weights(weights), strata=strata, clusters=clusters, domain=domain)

    if ct.layer_codes is None:
        return _build(ct, row_axis, col_axis, lang=lang, public=public, k=k, moments=moments_of(None),
                      sample_rows=sample_rows, variables=variables)
    layer_axis = Axis.of(str(layer_name), ct.layer_codes, _lookup(codebook, layer_name))
    layer_values = None if layer is None or isinstance(rows, CountTable) else _as_column(layer, str(layer_name))
    subtables = tuple(
        _build(ct.layer(i), row_axis, col_axis, lang=lang, public=public, k=k,
               layer=layer_axis, layer_index=i, with_exclusions=False,
               moments=(moments_of(None, i) if moments is not None else
                        None if layer_values is None else moments_of(layer_values == code)),
               sample_rows=sample_rows)
        for i, code in enumerate(ct.layer_codes)
    )
    # A cell hidden in one layer must be hidden in the total too, or total − other layers reveals it.
    forced = None
    if public:
        forced = np.zeros(ct.counts.shape[1:], dtype=bool)
        for sub in subtables:
            assert sub.suppressed is not None
            forced |= sub.suppressed
    return _build(ct.total(), row_axis, col_axis, lang=lang, public=public, k=k, layers=subtables,
                  forced_hidden=forced, moments=moments_of(None), sample_rows=sample_rows, variables=variables)


def _as_weights(weights: Any) -> np.ndarray:
    if hasattr(weights, "to_numpy") and not isinstance(weights, np.ndarray):
        return np.asarray(weights.to_numpy(dtype="float64", na_value=np.nan))
    return np.asarray(weights, dtype=np.float64)
