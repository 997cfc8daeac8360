"""Findings and warnings: structured statements that say only what the statistics support.

A `Finding` is a code plus named parameters (numbers, and labels given per language), so it can be
stored as JSON and rendered later in Kazakh, Russian or English with ``finding.text(lang)``.
The English text below is the gettext source; translations live in
``locale/{kk,ru}/LC_MESSAGES/analysis.po``.

Conventions (documented in docs/analysis-engine.md):
- significance level α = 0.05; a weighted table is judged by its Rao–Scott second-order test (F on
  Satterthwaite df, R survey's default); an unweighted 2×2 table with an expected count below 5 by
  Fisher's exact test; any other table by Pearson's χ²; a non-significant result says "no
  significant ..." and names its test;
- strength words only for a significant association, by Cramér's V: < 0.1 negligible, < 0.3 weak, < 0.5 moderate, otherwise strong
  (Cohen's conventions for df* = 1, used for every table so that wordings stay comparable);
- a linear trend is reported only when both variables are ordinal (or one is ordinal and the
  other has two categories), using the linear-by-linear association test (design-corrected when
  weighted);
- cells are singled out when their adjusted standardized residual lies beyond ±1.96, with the
  Bonferroni-adjusted p saying whether the cell survives correction for the number of cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import i18n

ALPHA = 0.05


def N_(message: str) -> str:
    """Mark a message for extraction without translating it now."""
    return message


#: code -> English source text (singular, plural or None) and the parameter giving the count.
MESSAGES: dict[str, tuple[str, str | None, str | None]] = {
    "association.significant": (N_(
        "Significant association between %(rows)s and %(cols)s "
        "(Pearson's chi-square test: χ² = %(chi2)s, df = %(df)s, p %(p)s)."), None, None),
    "association.not_significant": (N_(
        "No significant association between %(rows)s and %(cols)s "
        "(Pearson's chi-square test: χ² = %(chi2)s, df = %(df)s, p %(p)s)."), None, None),
    "association.significant_fisher": (N_(
        "Significant association between %(rows)s and %(cols)s (Fisher's exact test, used because "
        "expected counts fall below 5, minimum %(min_expected)s: p %(p)s)."), None, None),
    "association.not_significant_fisher": (N_(
        "No significant association between %(rows)s and %(cols)s (Fisher's exact test, used because "
        "expected counts fall below 5, minimum %(min_expected)s: p %(p)s)."), None, None),
    "association.significant_rao_scott": (N_(
        "Significant association between %(rows)s and %(cols)s (Rao–Scott second-order test for the "
        "sampling design: F = %(f)s, df = %(ndf)s and %(ddf)s, p %(p)s; mean generalized design "
        "effect %(deff)s)."), None, None),
    "association.not_significant_rao_scott": (N_(
        "No significant association between %(rows)s and %(cols)s (Rao–Scott second-order test for the "
        "sampling design: F = %(f)s, df = %(ndf)s and %(ddf)s, p %(p)s; mean generalized design "
        "effect %(deff)s)."), None, None),
    "association.untestable": (N_(
        "Association between %(rows)s and %(cols)s cannot be tested: the table needs at least two "
        "non-empty rows and two non-empty columns."), None, None),
    "fisher.significant": (N_(
        "Fisher's exact test: significant association (p %(p)s)."), None, None),
    "fisher.not_significant": (N_(
        "Fisher's exact test: no significant association (p %(p)s)."), None, None),
    "strength.negligible": (N_("Strength of the association: negligible (Cramér's V = %(v)s)."), None, None),
    "strength.weak": (N_("Strength of the association: weak (Cramér's V = %(v)s)."), None, None),
    "strength.moderate": (N_("Strength of the association: moderate (Cramér's V = %(v)s)."), None, None),
    "strength.strong": (N_("Strength of the association: strong (Cramér's V = %(v)s)."), None, None),
    "trend.positive": (N_(
        "Significant linear trend: higher %(rows)s goes with higher %(cols)s "
        "(%(test)s: χ² = %(chi2)s, df = 1, p %(p)s)."), None, None),
    "trend.negative": (N_(
        "Significant linear trend: higher %(rows)s goes with lower %(cols)s "
        "(%(test)s: χ² = %(chi2)s, df = 1, p %(p)s)."), None, None),
    "trend.none": (N_(
        "No significant linear trend between %(rows)s and %(cols)s "
        "(%(test)s: χ² = %(chi2)s, df = 1, p %(p)s)."), None, None),
    "residual.above": (N_(
        "%(row)s: '%(col)s' above expectation, adjusted residual %(residual)s "
        "(Bonferroni-adjusted p %(p_adj)s: holds after correction for the number of cells)."), None, None),
    "residual.below": (N_(
        "%(row)s: '%(col)s' below expectation, adjusted residual %(residual)s "
        "(Bonferroni-adjusted p %(p_adj)s: holds after correction for the number of cells)."), None, None),
    "residual.above_uncorrected": (N_(
        "%(row)s: '%(col)s' above expectation, adjusted residual %(residual)s "
        "(Bonferroni-adjusted p %(p_adj)s: does not hold after correction for the number of cells)."),
        None, None),
    "residual.below_uncorrected": (N_(
        "%(row)s: '%(col)s' below expectation, adjusted residual %(residual)s "
        "(Bonferroni-adjusted p %(p_adj)s: does not hold after correction for the number of cells)."),
        None, None),
    # Warnings.
    "warning.expected_small": (
        N_("%(cells)d cell (%(percent)s%%) has expected count less than 5. "
           "The minimum expected count is %(min_expected)s."),
        N_("%(cells)d cells (%(percent)s%%) have expected count less than 5. "
           "The minimum expected count is %(min_expected)s."),
        "cells"),
    "warning.missing_excluded": (
        N_("%(count)d case without a valid value of %(variable)s was excluded "
           "(empty: %(null)d, declared missing: %(declared_missing)d, unknown codes: %(unknown)d)."),
        N_("%(count)d cases without a valid value of %(variable)s were excluded "
           "(empty: %(null)d, declared missing: %(declared_missing)d, unknown codes: %(unknown)d)."),
        "count"),
    "warning.null_weights": (
        N_("%(count)d case without a weight was excluded."),
        N_("%(count)d cases without a weight were excluded."),
        "count"),
    "warning.suppressed": (
        N_("%(count)d cell is hidden to protect respondents (cells with fewer than %(k)d cases, "
           "and cells that would reveal them)."),
        N_("%(count)d cells are hidden to protect respondents (cells with fewer than %(k)d cases, "
           "and cells that would reveal them)."),
        "count"),
    "warning.weighted_statistics": (N_(
        "Weighted table: percentages use the weights. Significance is judged by the Rao–Scott "
        "second-order test with the design-based variance; the likelihood-ratio and linear-by-linear "
        "tests and the adjusted residuals are corrected for the design; χ² and Cramér's V describe the "
        "weighted table rescaled to the %(n)d respondents."), None, None),
    "warning.code_both_valid_and_missing": (N_(
        "Code %(codes)s of %(variable)s has a value label and is also declared missing: it is treated "
        "as missing, as SPSS does."), None, None),
}

_DECIMALS = {"chi2": 2, "f": 2, "ndf": 2, "ddf": 1, "v": 3, "deff": 2, "min_expected": 2, "percent": 1}


def format_number(value: Any, *, decimals: int, lang: str) -> str:
    """A number with a fixed number of decimals in the language's notation."""
    text = f"{float(value):.{decimals}f}"
    return text.replace(".", i18n.decimal_separator(lang))


def format_p(p: float | None, lang: str) -> str:
    """p with its relation sign, as journals print it: '= 0.023', or '< 0.001' below that."""
    if p is None:
        return "= —"
    if p < 0.001:
        return "< " + format_number(0.001, decimals=3, lang=lang)
    return "= " + format_number(p, decimals=3, lang=lang)


def _render_param(name: str, value: Any, lang: str) -> Any:
    if isinstance(value, Mapping):
        # Labels are stored in every language; pick ours, then English, then any.
        for candidate in (lang, "en", *value.keys()):
            if value.get(candidate):
                return value[candidate]
        return ""
    if value is None:
        return "—"
    if name in ("p", "p_adj"):
        return format_p(float(value), lang)
    if name == "residual":
        sign = "+" if value > 0 else "−"
        return sign + format_number(abs(value), decimals=1, lang=lang)
    if name in _DECIMALS:
        return format_number(value, decimals=_DECIMALS[name], lang=lang)
    return value


@dataclass(frozen=True)
class Finding:
    """One statement (or warning) as a code with named parameters; `text(lang)` renders it."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_warning(self) -> bool:
        return self.code.startswith("warning.")

    def text(self, lang: str = "en") -> str:
        singular, plural, count_param = MESSAGES[self.code]
        rendered = {k: _render_param(k, v, lang) for k, v in self.params.items()}
        if plural is not None and count_param is not None:
            template = i18n.ngettext(lang, singular, plural, int(self.params[count_param]))
        else:
            template = i18n.gettext(lang, singular)
        return template % rendered

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "text": self.text(lang)}


def strength_code(v: float) -> str:
    """Verbal strength of Cramér's V (see the module docstring for the thresholds)."""
    if v < 0.1:
        return "strength.negligible"
    if v < 0.3:
        return "strength.weak"
    if v < 0.5:
        return "strength.moderate"
    return "strength.strong"
