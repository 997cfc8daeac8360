"""Writes of the results half: the tables pinned to a campaign's results page and the population margins its
tables are raked to. Each write is checked by the policy (the campaign's owner changes its results settings),
runs in a transaction and is audited.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.analysis import readers
from tripartite.core.i18n import current_language
from tripartite.core.policy import Action
from tripartite.core.writes import delete, require, save
from tripartite.languages import LANGUAGES
from tripartite.surveys.models import Campaign, Margins, Question, ResultTable
from tripartite.surveys.results.queries import (
    DESIGN_KINDS,
    CrosstabSpec,
    campaign_margins,
    check_spec,
    default_titles,
    question_map,
)

#: Largest margins file accepted (a margins table has a few dozen rows).
MAX_MARGINS_BYTES = 1_000_000


# ---------------------------------------------------------------------------------------------
# Pinned tables


@transaction.atomic
def result_table_pin(*, campaign: Campaign, spec: CrosstabSpec, by: Any, titles: Mapping[str, str] | None = None,
                     chart: bool = True) -> ResultTable:
    """Pin a crosstab to the campaign's results page (checked again here); `titles` by language, else the
    questions' texts ("rows × columns")."""
    require(by, Action.CHANGE, campaign)
    spec = check_spec(campaign, rows=spec.rows, cols=spec.cols, layer=spec.layer, weight=spec.weight)
    titles = dict(titles or {})
    if not any((titles.get(lang) or "").strip() for lang in LANGUAGES):
        titles = default_titles(campaign, spec)
    last = campaign.result_tables.order_by("-position").values_list("position", flat=True).first()
    table = ResultTable(
        campaign=campaign, position=(last or 0) + 1, rows=spec.rows, cols=spec.cols, layer=spec.layer,
        weight=spec.weight, chart=chart,
        **{f"title_{lang}": (titles.get(lang) or "").strip()[:300] for lang in LANGUAGES},
    )
    save(table, by)
    return table


@transaction.atomic
def result_table_unpin(*, table: ResultTable, by: Any) -> None:
    require(by, Action.CHANGE, table.campaign)
    delete(table, by)


# ---------------------------------------------------------------------------------------------
# Population margins for raking


def _share_kind(targets: Mapping[int, float]) -> str:
    total = sum(targets.values())
    return "share" if abs(total - 1.0) <= 1e-6 or abs(total - 100.0) <= 1e-4 else "count"


def check_margins(campaign: Campaign, margins: Mapping[str, Mapping[int, float]], *, replacing: Iterable[str] = ()
                  ) -> dict[str, dict[int, float]]:
    """Margins the raking can use, else ValidationError listing every problem.

    Each variable is a single-choice question of the campaign; every option has a target (a respondent
    whose answer has none could not be weighted); targets are numbers ≥ 0 with a positive total; all of
    a campaign's margins are shares (summing to 1 or 100) or all are counts of the same population.
    """
    questions = question_map(campaign)
    errors: list[str] = []
    clean: dict[str, dict[int, float]] = {}
    if not margins:
        raise ValidationError(_("The margins are empty: give at least one question with its targets."))
    for variable, targets in margins.items():
        question = questions.get(variable)
        if question is None:
            errors.append(_("“%(code)s” is not a question of this questionnaire.") % {"code": variable})
            continue
        if question.kind != Question.Kind.SINGLE:
            errors.append(_("“%(code)s” is not a single-choice question: margins are given for single-choice questions.")
                          % {"code": variable})
            continue
        codes = {o.code for o in question.options.all()}
        unknown = sorted(set(targets) - codes)
        if unknown:
            errors.append(_("“%(code)s” has no answer code %(codes)s.") % {
                "code": variable, "codes": ", ".join(str(c) for c in unknown)})
        missing = sorted(codes - set(targets))
        if missing:
            errors.append(_("“%(code)s”: give a target for every answer code (missing: %(codes)s).") % {
                "code": variable, "codes": ", ".join(str(c) for c in missing)})
        bad = [c for c, t in targets.items() if not (isinstance(t, int | float) and math.isfinite(t) and t >= 0)]
        if bad:
            errors.append(_("“%(code)s”: targets must be numbers of 0 or more (code %(codes)s).") % {
                "code": variable, "codes": ", ".join(str(c) for c in bad)})
        elif sum(targets.values()) <= 0:
            errors.append(_("“%(code)s”: the targets add up to 0.") % {"code": variable})
        clean[variable] = {int(c): float(t) for c, t in targets.items()}
    if not errors:
        replaced = set(replacing) | set(clean)
        combined = {**{k: v for k, v in campaign_margins(campaign).items() if k not in replaced}, **clean}
        kinds = {name: _share_kind(t) for name, t in combined.items()}
        if len(set(kinds.values())) > 1:
            errors.append(_("Give every question's margins the same way: all as shares (summing to 1 or 100) "
                            "or all as counts of the same population."))
        elif set(kinds.values()) == {"count"}:
            totals = {name: sum(t.values()) for name, t in combined.items()}
            if max(totals.values()) - min(totals.values()) > 1e-6 * max(totals.values()):
                errors.append(_("The margins describe populations of different sizes (%(totals)s): "
                                "counts must add up to the same total for every question.") % {
                    "totals": ", ".join(f"{n} = {t:g}" for n, t in totals.items())})
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def margins_save(*, campaign: Campaign, margins: Mapping[str, Mapping[int, float]], source: str, by: Any
                 ) -> list[Margins]:
    """Store (or replace) the raking targets of one or more questions."""
    require(by, Action.CHANGE, campaign)
    clean = check_margins(campaign, margins)
    saved = []
    for variable, targets in clean.items():
        row = Margins.objects.filter(campaign=campaign, variable=variable).first() or Margins(
            campaign=campaign, variable=variable)
        row.targets = {str(c): t for c, t in sorted(targets.items())}
        row.source = source.strip()
        row.uploaded_by = by
        row.uploaded_at = timezone.now()
        save(row, by)
        saved.append(row)
    return saved


@transaction.atomic
def margins_delete(*, margins: Margins, by: Any) -> None:
    require(by, Action.CHANGE, margins.campaign)
    delete(margins, by)


# ---------------------------------------------------------------------------------------------
# The sampling design


@transaction.atomic
def design_save(*, campaign: Campaign, strata: str, cluster: str, by: Any) -> Campaign:
    """Set the questions naming each respondent's stratum and cluster (blank: none), checked against the
    questionnaire; weighted tables of the campaign are then tested under that design."""
    require(by, Action.CHANGE, campaign)
    questions = question_map(campaign)
    strata, cluster = (strata or "").strip(), (cluster or "").strip()
    errors: dict[str, list[str]] = {}
    for field, code in (("strata", strata), ("cluster", cluster)):
        if not code:
            continue
        question = questions.get(code)
        if question is None:
            errors[field] = [_("“%(code)s” is not a question of this questionnaire.") % {"code": code}]
        elif question.kind not in DESIGN_KINDS:
            errors[field] = [_("“%(code)s” cannot name a stratum or a cluster: choose a single-choice or a number "
                               "question.") % {"code": code}]
    if strata and strata == cluster:
        errors.setdefault("cluster", []).append(_("The stratum and the cluster must be different questions."))
    if errors:
        raise ValidationError(errors)
    campaign.design_strata, campaign.design_cluster = strata, cluster
    save(campaign, by)
    return campaign


def parse_margins_file(name: str, content: bytes) -> dict[str, dict[int, float]]:
    """Margins from an uploaded CSV, XLSX (columns variable, code, target) or YAML ({variable: {code: target}}).

    Every problem is reported with its line, in the user's language (ValidationError).
    """
    if len(content) > MAX_MARGINS_BYTES:
        raise ValidationError(_("The margins file is too large (at most 1 MB)."))
    try:
        return readers.margins_from_bytes(name, content, lang=current_language())
    except readers.MarginsError as exc:
        raise ValidationError(exc.messages) from None


def parse_margins_text(variable: str, text: str) -> dict[str, dict[int, float]]:
    """Margins of one question typed as lines "code = target" (or "code; target", "code target")."""
    try:
        return readers.margins_from_text(variable, text, lang=current_language())
    except readers.MarginsError as exc:
        raise ValidationError(exc.messages) from None
