"""Reads of the results half: who may see a campaign's results, crosstabs and distributions counted in the
database, weights (raking to uploaded margins, RDS-II), the pinned tables computed now, counts by day and wave.

Counting goes to the database (`results/counting.py`); only the small tables come back, and the analysis
engine computes every statistic on them.  A weighted table needs per-respondent weights, which
depend on the answers to a few questions only (the raking questions, or the network size): the
database groups the responses by those answers and the table's own questions, the weights are
computed once per group, and the groups are expanded back into arrays for the engine's numpy
counting.  The result is exactly what weighting every respondent would give, without fetching them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.analysis import (
    Codebook,
    Crosstab,
    RakingResult,
    crosstab,
    frequencies,
    rake,
)
from tripartite.analysis.charts import distribution_chart, render_svg, row_percent_chart
from tripartite.analysis.counting import CountingError, crosstab_counts
from tripartite.analysis.design import DesignError
from tripartite.analysis.weighting import RakingError
from tripartite.core.errors import DomainError
from tripartite.core.i18n import current_language
from tripartite.languages import LANGUAGES
from tripartite.surveys.collect import queries as collect_queries
from tripartite.surveys.models import Campaign, Question, ResultTable
from tripartite.surveys.results import counting

ALMATY = ZoneInfo("Asia/Almaty")
#: The number question whose answer is the respondent's network size (degree) for RDS-II weights.
NETWORK_SIZE = "network_size"
WEIGHTS = ("", "raking", "rds")


class ResultsError(DomainError):
    """A results request that cannot be answered as asked (unknown question, wrong kind, no margins)."""

    status = 422


# ---------------------------------------------------------------------------------------------
# Who sees what


def results_access(user: Any, campaign: Campaign) -> str | None:
    """"full" for the owner, analysts and admins (no suppression, crosstab builder, exports); "public" when the
    results are published; else None. Changing the results settings and importing answers is the owner's
    (`Action.CHANGE` on the campaign)."""
    if collect_queries.may_see_full_results(user, campaign):
        return "full"
    if campaign.results_public and campaign.published:
        return "public"
    return None


# ---------------------------------------------------------------------------------------------
# Questions and codebook


def questions_of(campaign: Campaign) -> list[Question]:
    return campaign.version.ordered_questions()


def codebook_of(campaign: Campaign) -> Codebook:
    """The campaign's codebook (single-choice questions), built once per request."""
    cached = getattr(campaign, "_results_codebook", None)
    if cached is None:
        cached = collect_queries.campaign_codebook(campaign)
        campaign._results_codebook = cached  # type: ignore[attr-defined]
    return cached


def question_map(campaign: Campaign) -> dict[str, Question]:
    """The campaign's questions by code, built once per request."""
    cached = getattr(campaign, "_results_questions", None)
    if cached is None:
        cached = {q.code: q for q in questions_of(campaign)}
        campaign._results_questions = cached  # type: ignore[attr-defined]
    return cached


def crosstab_questions(campaign: Campaign) -> list[Question]:
    """Questions that can be rows, columns or layer of a crosstab: the single-choice ones."""
    return [q for q in questions_of(campaign) if q.kind == Question.Kind.SINGLE]


#: Question kinds whose answer can name a stratum or a cluster (a choice, or a number such as an enterprise id).
DESIGN_KINDS = (Question.Kind.SINGLE, Question.Kind.NUMBER)


def design_questions(campaign: Campaign) -> list[Question]:
    """Questions that can name a respondent's stratum or cluster in the sampling design."""
    return [q for q in questions_of(campaign) if q.kind in DESIGN_KINDS]


def rds_available(campaign: Campaign) -> bool:
    question = question_map(campaign).get(NETWORK_SIZE)
    return question is not None and question.kind == Question.Kind.NUMBER


def raking_available(campaign: Campaign) -> bool:
    return campaign.margins.exists()


# ---------------------------------------------------------------------------------------------
# A crosstab request, checked


@dataclass(frozen=True)
class CrosstabSpec:
    rows: str
    cols: str
    layer: str = ""
    weight: str = ""


def _single_choice(campaign: Campaign, code: str, field_name: str) -> str:
    question = question_map(campaign).get(code)
    if question is None:
        raise ResultsError(_("This questionnaire has no question with the code “%(code)s”."), field=field_name,
                           params={"code": code})
    if question.kind != Question.Kind.SINGLE:
        raise ResultsError(
            _("“%(code)s” is a %(kind)s question: only single-choice questions can be rows, columns or layer."),
            field=field_name, params={"code": code, "kind": question.get_kind_display().lower()})
    return code


def check_spec(campaign: Campaign, *, rows: str, cols: str, layer: str = "", weight: str = "") -> CrosstabSpec:
    """The crosstab request if it can be answered, else ResultsError naming the field to correct."""
    rows, cols, layer = (rows or "").strip(), (cols or "").strip(), (layer or "").strip()
    weight = (weight or "").strip().lower()
    if weight == "none":
        weight = ""
    if not rows:
        raise ResultsError(_("Choose the question for the rows."), field="rows")
    if not cols:
        raise ResultsError(_("Choose the question for the columns."), field="cols")
    _single_choice(campaign, rows, "rows")
    _single_choice(campaign, cols, "cols")
    if layer:
        _single_choice(campaign, layer, "layer")
    if rows == cols or (layer and layer in (rows, cols)):
        raise ResultsError(_("Choose a different question for each of rows, columns and layer."),
                           field="cols" if rows == cols else "layer")
    if weight not in WEIGHTS:
        raise ResultsError(_("Unknown weight “%(weight)s”: choose none, raking or rds."), field="weight",
                           params={"weight": weight})
    if weight == "rds" and not rds_available(campaign):
        raise ResultsError(
            _("RDS-II weights need a number question with the code network_size in the questionnaire."),
            field="weight")
    if weight == "raking" and not raking_available(campaign):
        raise ResultsError(_("Raking needs population margins: the owner uploads them on the margins page."),
                           field="weight")
    return CrosstabSpec(rows, cols, layer, weight)


# ---------------------------------------------------------------------------------------------
# Weights


@dataclass(frozen=True)
class WeightReport:
    """How a weighted table was weighted: the scheme and what could not be weighted."""

    kind: str  # "raking" or "rds"
    respondents: int
    unweighted: int  # respondents left out for want of a weight (a missing raking answer or degree)
    iterations: int | None = None
    converged: bool | None = None
    variables: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kind == "rds":
            text = _("RDS-II weights (Volz–Heckathorn): each respondent weighs 1 / network size.")
        else:
            text = _("Raked to the uploaded margins of %(variables)s (%(iterations)s iterations).") % {
                "variables": ", ".join(self.variables), "iterations": self.iterations}
            if not self.converged:
                text += " " + _("The raking did not converge: treat the weights with caution.")
        if self.unweighted:
            text += " " + ngettext("%(count)s respondent without a usable answer for the weights is left out.",
                                   "%(count)s respondents without a usable answer for the weights are left out.",
                                   self.unweighted) % {"count": self.unweighted}
        return text


@dataclass(frozen=True)
class _Groups:
    """Responses grouped by their answers: one row per distinct combination, with its count."""

    codes: tuple[str, ...]
    values: dict[str, np.ndarray]  # per group, float with NaN for "no usable number"
    counts: np.ndarray  # respondents per group

    def expand(self, code: str) -> np.ndarray:
        return np.repeat(self.values[code], self.counts)


def _groups(campaign: Campaign, codes: Sequence[str], *, asked: Sequence[str] = ()) -> _Groups:
    unique = tuple(dict.fromkeys(codes))
    rows = counting.grouped_answers_db(campaign.pk, unique, asked=asked)
    values: dict[str, np.ndarray] = {}
    for i, code in enumerate(unique):
        column = [counting.as_number(r[i]) for r in rows]
        values[code] = np.array([np.nan if v is None else v for v in column], dtype=np.float64)
    counts = np.array([int(r[-1]) for r in rows], dtype=np.int64)
    return _Groups(unique, values, counts)


def campaign_margins(campaign: Campaign) -> dict[str, dict[int, float]]:
    return {m.variable: {int(k): float(v) for k, v in m.targets.items()} for m in campaign.margins.all()}


def _raking_group_weights(campaign: Campaign, groups: _Groups, margins: Mapping[str, Mapping[int, float]]
                          ) -> tuple[np.ndarray, WeightReport]:
    """Per-respondent raking weight of each group.

    Raking depends only on how many respondents fall in each combination of the raking answers, so
    the groups are raked with their sizes as base weights; a group's weight per respondent is its
    raked total over its size.  Respondents without a code that has a target get no weight.
    """
    names = list(margins)
    usable = groups.counts > 0
    for name in names:
        codes = np.array(sorted(margins[name]), dtype=np.float64)
        usable &= np.isin(groups.values[name], codes)
    if not usable.any():
        raise ResultsError(_("No respondent answered every question that has margins: the table cannot be raked."),
                           field="weight")
    for name in names:
        present = {int(c) for c in groups.values[name][usable]}
        empty = sorted(c for c, t in margins[name].items() if t > 0 and c not in present)
        if empty:
            raise ResultsError(
                _("No respondent chose %(codes)s in “%(question)s”, which the margins need: the table cannot be raked."),
                field="weight", params={"codes": ", ".join(str(c) for c in empty), "question": name})
    columns = {name: groups.values[name][usable].astype(np.int64) for name in names}
    try:
        raked: RakingResult = rake(columns, margins, weights=groups.counts[usable].astype(np.float64))
    except RakingError as exc:
        raise ResultsError(_("The margins cannot be used for raking: %(reason)s"), field="weight",
                           params={"reason": str(exc)}) from None
    per_group = np.full(groups.counts.shape[0], np.nan)
    per_group[usable] = raked.weights / groups.counts[usable]
    report = WeightReport("raking", int(groups.counts.sum()), int(groups.counts[~usable].sum()),
                          iterations=raked.iterations, converged=raked.converged, variables=tuple(names))
    return per_group, report


# ---------------------------------------------------------------------------------------------
# Crosstabs and distributions


def conditional(campaign: Campaign, codes: Iterable[str]) -> list[str]:
    """The questions among `codes` asked only under a condition: their tables count those who were asked."""
    questions = question_map(campaign)
    return [code for code in codes if code and code in questions and questions[code].relevance]


@dataclass(frozen=True)
class AskedBase:
    """The base of a table whose questions are asked only under a condition: who was asked, who was not."""

    codes: tuple[str, ...]
    not_asked: int

    def warning(self) -> dict[str, Any]:
        names = ", ".join(self.codes)
        text = ngettext(
            "Base: the respondents who were asked %(questions)s; %(count)s respondent who was not asked is left "
            "out (not asked is not the same as no answer).",
            "Base: the respondents who were asked %(questions)s; %(count)s respondents who were not asked are left "
            "out (not asked is not the same as no answer).", self.not_asked) % {
            "questions": names, "count": self.not_asked}
        return {"code": "base.asked", "params": {"questions": list(self.codes), "not_asked": self.not_asked},
                "text": text}


def asked_base(campaign: Campaign, codes: Sequence[str]) -> AskedBase | None:
    """The asked base of a table of `codes`, or None when every respondent was asked all of them."""
    if not codes:
        return None
    return AskedBase(tuple(codes), counting.not_asked_count_db(campaign.pk, codes))


@dataclass(frozen=True)
class CrosstabResult:
    table: Crosstab
    spec: CrosstabSpec
    weights: WeightReport | None = None
    base: AskedBase | None = None

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        data = self.table.to_dict(lang)
        if self.base is not None:
            data["base"] = self.base.warning()["params"]
            data["warnings"] = [self.base.warning(), *(data.get("warnings") or [])]
        return data


def crosstab_for(campaign: Campaign, spec: CrosstabSpec, *, public: bool, lang: str | None = None) -> CrosstabResult:
    """The crosstab of a checked request, counted in the database; `public` hides small cells."""
    lang = lang or current_language()
    result = _crosstab_for(campaign, spec, public=public, lang=lang)
    asked = conditional(campaign, (spec.rows, spec.cols, spec.layer))
    return dataclasses.replace(result, base=asked_base(campaign, asked)) if asked else result


def _crosstab_for(campaign: Campaign, spec: CrosstabSpec, *, public: bool, lang: str) -> CrosstabResult:
    codebook = codebook_of(campaign)
    rows, cols = codebook[spec.rows], codebook[spec.cols]
    layer = codebook[spec.layer] if spec.layer else None
    k = campaign.suppression_k
    asked = conditional(campaign, (spec.rows, spec.cols, spec.layer))
    if not spec.weight:
        counts = counting.crosstab_counts_db(campaign.pk, rows, cols, layer, asked=asked)
        return CrosstabResult(crosstab(counts, codebook=codebook, lang=lang, public=public, k=k), spec)
    design = design_codes(campaign)
    if spec.weight == "rds" and not design:
        return _rds_crosstab(campaign, spec, codebook, public=public, lang=lang, asked=asked)
    table_codes = [spec.rows, spec.cols] + ([spec.layer] if spec.layer else [])
    if spec.weight == "rds":
        groups = _groups(campaign, [*table_codes, *design.values(), NETWORK_SIZE], asked=asked)
        per_group, report = _rds_group_weights(groups)
    else:
        margins = campaign_margins(campaign)
        groups = _groups(campaign, [*table_codes, *design.values(), *margins], asked=asked)
        per_group, report = _raking_group_weights(campaign, groups, margins)
    weights = np.repeat(per_group, groups.counts)
    if not design:
        try:
            counts = crosstab_counts(
                groups.expand(spec.rows), groups.expand(spec.cols),
                layer=groups.expand(spec.layer) if spec.layer else None, weights=weights,
                row_variable=rows, col_variable=cols, layer_variable=layer,
            )
        except CountingError as exc:
            raise ResultsError(_("The weights cannot be used: %(reason)s"), field="weight",
                               params={"reason": str(exc)}) from None
        return CrosstabResult(crosstab(counts, codebook=codebook, lang=lang, public=public, k=k), spec, report)
    ids = {part: _design_ids(groups, code, weights, part) for part, code in design.items()}
    try:
        table = crosstab(
            groups.expand(spec.rows), groups.expand(spec.cols),
            layer=groups.expand(spec.layer) if spec.layer else None, weights=weights,
            strata=ids.get("strata"), clusters=ids.get("cluster"),
            codebook=codebook, row_name=spec.rows, col_name=spec.cols, layer_name=spec.layer or None,
            lang=lang, public=public, k=k,
        )
    except CountingError as exc:
        raise ResultsError(_("The weights cannot be used: %(reason)s"), field="weight",
                           params={"reason": str(exc)}) from None
    except DesignError:
        raise ResultsError(_("A stratum has a single cluster, so the variance of this table cannot be estimated: "
                             "merge it with a neighbouring stratum in the design's questions."),
                           field="weight") from None
    return CrosstabResult(table, spec, report)


def design_codes(campaign: Campaign) -> dict[str, str]:
    """The questions of the campaign's sampling design that are set: ``{"strata": code, "cluster": code}``."""
    return {part: code for part, code in (("strata", campaign.design_strata), ("cluster", campaign.design_cluster))
            if code}


def _design_ids(groups: _Groups, code: str, weights: np.ndarray, part: str) -> np.ndarray:
    """Per respondent, the stratum or cluster id; every weighted respondent must have one (the others are out of
    the sample and get a filler id the design leaves out)."""
    ids = groups.expand(code)
    missing = np.isnan(ids) & ~np.isnan(weights)
    if missing.any():
        message = (_("%(count)s weighted respondents did not answer “%(code)s”, the question naming the stratum.")
                   if part == "strata" else
                   _("%(count)s weighted respondents did not answer “%(code)s”, the question naming the cluster."))
        raise ResultsError(message, field="weight", params={"count": int(missing.sum()), "code": code})
    return np.where(np.isnan(ids), -1.0, ids)


def _rds_group_weights(groups: _Groups) -> tuple[np.ndarray, WeightReport]:
    """Per-respondent RDS-II weight of each group, 1/d scaled so that the valid weights sum to their number
    (`analysis.rds.rds_weights`); respondents without a usable network size get none."""
    degree = groups.values[NETWORK_SIZE]
    valid = np.isfinite(degree) & (degree > 0)
    if not valid.any():
        raise ResultsError(_("No respondent gave a usable network size: RDS-II weights cannot be computed."),
                           field="weight")
    inverse = np.where(valid, 1.0 / np.where(valid, degree, 1.0), np.nan)
    n_valid = int(groups.counts[valid].sum())
    per_group = inverse * n_valid / float((inverse[valid] * groups.counts[valid]).sum())
    respondents = int(groups.counts.sum())
    return per_group, WeightReport("rds", respondents, respondents - n_valid)


def _rds_crosstab(campaign: Campaign, spec: CrosstabSpec, codebook: Codebook, *, public: bool, lang: str,
                  asked: Sequence[str] = ()) -> CrosstabResult:
    """An RDS-II weighted crosstab counted in the database.

    RDS-II weighs each respondent 1 / network size, normalised so that the weights of the respondents
    with a usable network size sum to their number (`analysis.rds.rds_weights`).  One GROUP BY sums 1/d
    and 1/d² per cell (`counting.inverse_weighted_crosstab_db`), and its groups, which include the
    respondents the table leaves out, give the normalising constant c = n / Σ 1/d over the campaign,
    which scales the sums by c and c².  Respondents without a usable network size have no weight and
    are left out (reported).
    """
    counts, totals = counting.inverse_weighted_crosstab_db(
        campaign.pk, codebook[spec.rows], codebook[spec.cols], codebook[spec.layer] if spec.layer else None,
        code=NETWORK_SIZE, asked=asked)
    if not totals.valid:
        raise ResultsError(_("No respondent gave a usable network size: RDS-II weights cannot be computed."),
                           field="weight")
    scale = totals.valid / totals.inverse_sum
    assert counts.sum_w2 is not None
    counts = dataclasses.replace(counts, counts=counts.counts * scale, sum_w2=counts.sum_w2 * scale * scale)
    table = crosstab(counts, codebook=codebook, lang=lang, public=public, k=campaign.suppression_k)
    return CrosstabResult(table, spec, WeightReport("rds", totals.respondents, totals.respondents - totals.valid))


def frequencies_for(campaign: Campaign, code: str, *, public: bool, lang: str | None = None) -> dict[str, Any]:
    """The distribution of one choice question as JSON (the engine's frequencies shape).

    Single choice: the engine's frequencies with percentages and Wilson intervals.  Multiple choice:
    respondents choosing each option, as a percentage of those who answered the question.
    """
    lang = lang or current_language()
    question = question_map(campaign).get((code or "").strip())
    if question is None:
        raise ResultsError(_("This questionnaire has no question with the code “%(code)s”."), field="var",
                           params={"code": code})
    asked = conditional(campaign, [question.code])
    if question.kind == Question.Kind.SINGLE:
        variable = codebook_of(campaign)[question.code]
        counts = counting.frequency_counts_db(campaign.pk, variable, asked=asked)
        result = frequencies(counts, variable=variable, lang=lang, public=public, k=campaign.suppression_k).to_dict(lang)
        result["kind"] = question.kind
        return _with_base(result, asked_base(campaign, asked))
    if question.kind == Question.Kind.MULTIPLE:
        return _with_base(_choices(campaign, question, public=public, lang=lang, asked=asked),
                          asked_base(campaign, asked))
    raise ResultsError(
        _("“%(code)s” is a %(kind)s question: distributions are shown for choice questions only."),
        field="var", params={"code": question.code, "kind": question.get_kind_display().lower()})


def _with_base(result: dict[str, Any], base: AskedBase | None) -> dict[str, Any]:
    """The distribution saying its base when the question is asked only under a condition."""
    if base is not None:
        result["base"] = base.warning()["params"]
        result["warnings"] = [base.warning(), *(result.get("warnings") or [])]
    return result


def _choices(campaign: Campaign, question: Question, *, public: bool, lang: str,
             asked: Sequence[str] = ()) -> dict[str, Any]:
    chosen, answered, total = counting.choice_counts_db(campaign.pk, question.code, asked=asked)
    options = question.sorted_options()
    k = campaign.suppression_k
    categories = []
    hidden = 0
    for option in options:
        n = chosen.get(option.code, 0)
        # Options are not exclusive: both who chose an option and who did not are counts of people.
        small = public and (0 < n < k or 0 < answered - n < k)
        hidden += int(small)
        categories.append({
            "code": option.code,
            "label": option.labels().get(lang) or option.label,
            "count": None if small else n,
            "percent": None if small or not total else 100.0 * n / total,
            "valid_percent": None if small or not answered else 100.0 * n / answered,
            "suppressed": small,
        })
    warnings = []
    if hidden:
        warnings.append({"code": "warning.suppressed", "params": {"count": hidden, "k": k},
                         "text": ngettext("%(count)s option chosen (or not chosen) by fewer than %(k)s respondents is hidden.",
                                          "%(count)s options chosen (or not chosen) by fewer than %(k)s respondents are hidden.",
                                          hidden) % {"count": hidden, "k": k}})
    return {
        "variable": {"name": question.code, "title": question.texts().get(lang) or question.text,
                     "codes": [o.code for o in options], "labels": [c["label"] for c in categories]},
        "kind": question.kind,
        "n": answered,
        "n_valid": answered,
        "n_missing": total - answered,
        "n_total": total,
        "weighted": False,
        "categories": categories,
        "missing": None,
        "design_effect": None,
        "effective_n": None,
        "warnings": warnings,
    }


@dataclass(frozen=True)
class Distribution:
    question: Question
    result: dict[str, Any]
    chart: str  # inline SVG


def distributions(campaign: Campaign, *, public: bool, lang: str | None = None) -> list[Distribution]:
    """The distribution of every choice question, with its chart."""
    lang = lang or current_language()
    out = []
    for question in questions_of(campaign):
        if question.kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            continue
        result = frequencies_for(campaign, question.code, public=public, lang=lang)
        out.append(Distribution(question, result, chart_svg(distribution_chart(result, lang=lang))))
    return out


def crosstab_chart(result: Mapping[str, Any], *, lang: str) -> str:
    return chart_svg(row_percent_chart(result, lang=lang))


def chart_svg(spec: Mapping[str, Any]) -> str:
    """The chart as SVG, cached by its spec (the data are in the spec, so a new answer makes a new key)."""
    key = "surveys:svg:" + hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = render_svg(spec)
        cache.set(key, svg, 60 * 60)
    return str(svg)


# ---------------------------------------------------------------------------------------------
# Counts over time and by wave


def counts_by_day(campaign: Campaign) -> list[tuple[date, int]]:
    """Responses per day (Almaty dates)."""
    rows = (campaign.responses.annotate(day=TruncDate("submitted_at", tzinfo=ALMATY))
            .values("day").annotate(n=Count("id")).order_by("day"))
    return [(r["day"], int(r["n"])) for r in rows]


def counts_by_wave(campaign: Campaign) -> list[tuple[int, int]]:
    """Responses per referral wave (0 = seeds and respondents who came without a referral link)."""
    rows = campaign.responses.order_by().values("wave").annotate(n=Count("id")).order_by("wave")
    return [(int(r["wave"]), int(r["n"])) for r in rows]


# ---------------------------------------------------------------------------------------------
# Pinned tables


@dataclass(frozen=True)
class PinnedResult:
    table: ResultTable
    result: CrosstabResult | None
    data: dict[str, Any] | None
    chart: str
    error: str = ""


def pinned_results(campaign: Campaign, *, public: bool, lang: str | None = None,
                   only: Iterable[int] | None = None, charts: bool = True) -> list[PinnedResult]:
    """The campaign's pinned tables computed now; a table that can no longer be computed says why."""
    lang = lang or current_language()
    tables = campaign.result_tables.order_by("position", "id")
    if only is not None:
        tables = tables.filter(pk__in=list(only))
    out = []
    for table in tables:
        try:
            spec = check_spec(campaign, rows=table.rows, cols=table.cols, layer=table.layer, weight=table.weight)
            result = crosstab_for(campaign, spec, public=public, lang=lang)
        except ResultsError as exc:
            out.append(PinnedResult(table, None, None, "", str(exc)))
            continue
        data = result.to_dict(lang)
        chart = crosstab_chart(data, lang=lang) if charts and table.chart else ""
        out.append(PinnedResult(table, result, data, chart))
    return out


def default_titles(campaign: Campaign, spec: CrosstabSpec) -> dict[str, str]:
    """The title of a crosstab nobody named, in each language: "rows question × columns question"."""
    codebook = codebook_of(campaign)
    rows, cols = codebook[spec.rows], codebook[spec.cols]
    return {lang: f"{rows.text(lang)} × {cols.text(lang)}"[:300] for lang in LANGUAGES}


def adhoc_result(campaign: Campaign, spec: CrosstabSpec, *, lang: str) -> PinnedResult:
    """A crosstab that is not pinned, shaped like a pinned one (for a report of the builder's table)."""
    titles = default_titles(campaign, spec)
    table = ResultTable(campaign=campaign, rows=spec.rows, cols=spec.cols, layer=spec.layer, weight=spec.weight,
                        chart=True, **{f"title_{lang}": titles[lang] for lang in LANGUAGES})
    result = crosstab_for(campaign, spec, public=False, lang=lang)
    return PinnedResult(table, result, result.to_dict(lang), "")
