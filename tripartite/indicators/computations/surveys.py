"""Survey-based indicators: the share of workers who see the state, their employer, or themselves as very or
sufficiently active in issues of their workplace and workers' interests (codes 1–2 of the four-point scale of questions ``gov``,
``employer`` and ``self`` of the built-in questionnaire “social-dialogue-appendix-1”, any version).

Nothing is counted or weighted here: the counts come from the surveys app's database counting
(``tripartite.surveys.counting``), the RDS-II weights of a snowball campaign from the same functions its results
page uses (1 / network size, normalised as in ``tripartite.surveys.results``), and the distribution, Kish design
effect and Wilson interval from the analysis engine (``tripartite.analysis.frequencies`` and
``wilson_interval``). A campaign counts only when the reader may see its results (published public results for
the public), and on a public page no share is given from fewer respondents than the campaign's suppression
threshold.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tripartite.analysis import frequencies
from tripartite.analysis.counting import CodeCounts
from tripartite.analysis.statistics import wilson_interval
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import (
    Indicator,
    IndicatorValue,
    Methodology,
    Query,
    RecordRef,
    SourceRef,
    Status,
    Unit,
    ratio_value,
    register,
    share,
)
from tripartite.surveys.models import Campaign, Question
from tripartite.surveys.results import counting
from tripartite.surveys.results import queries as results
from tripartite.surveys.template_questionnaire import TEMPLATE_CODE

#: Codes of the four-point scale counted as "active": 1 very active, 2 sufficiently active.
ACTIVE = (1, 2)


def reference_day(campaign: Campaign, today: date) -> date:
    """A campaign belongs to the year of its last day of answering (today while it is still open)."""
    return min(campaign.closes_on or today, today)


def _campaigns(query: Query, today: date) -> list[tuple[Campaign, str]]:
    """Campaigns of the built-in questionnaire whose results the reader may see, with "full" or "public"."""
    found = []
    campaigns = Campaign.objects.filter(version__questionnaire__code=TEMPLATE_CODE, opens_on__lte=today)\
        .select_related("version__questionnaire", "owner").order_by("opens_on", "slug")
    for campaign in campaigns:
        access = results.results_access(query.user, campaign)
        if access is not None:
            found.append((campaign, access))
    return found


@dataclasses.dataclass(frozen=True)
class Measure:
    """One campaign's answers to one question: respondents (unweighted) and the share, weighted where possible."""

    campaign: Campaign
    public: bool
    active: int  # respondents answering 1 or 2
    answered: int  # respondents with a valid answer
    missing: int  # respondents without a valid answer
    percent: float | None  # weighted share when weighted, else active / answered
    low: float | None
    high: float | None
    weighted: bool
    unweighted_out: int = 0  # respondents left out of the weighted share (no usable network size)


def _interval(result: Any, part: float, whole: float) -> tuple[float | None, float | None]:
    """The engine's Wilson 95% interval for a share part/whole, on the effective sample size when weighted."""
    n = result.design.effective_n if result.weighted and result.design is not None else result.n_valid
    if not whole or not n:
        return None, None
    interval = wilson_interval(part / whole * n, n)
    return (None if interval.low is None else 100 * interval.low,
            None if interval.high is None else 100 * interval.high)


def _active_sum(result: Any) -> float:
    codes = list(result.variable.codes)
    return float(sum(result.counts[codes.index(c)] for c in ACTIVE if c in codes))


def measure(campaign: Campaign, code: str, *, public: bool) -> Measure | None:
    """The campaign's counts and share for question ``code``; None when its version has no such scale."""
    question = results.question_map(campaign).get(code)
    if question is None or question.kind != Question.Kind.SINGLE:
        return None
    variable = results.codebook_of(campaign)[code]
    if not set(ACTIVE) <= set(variable.codes):
        return None
    plain = frequencies(counting.frequency_counts_db(campaign.pk, variable), variable=variable)
    active, answered = int(round(_active_sum(plain))), int(round(plain.n_valid))
    missing = int(round(plain.n_total - plain.n_valid))
    if not answered:
        return Measure(campaign, public, 0, 0, missing, None, None, None, False)
    if campaign.is_snowball and results.rds_available(campaign):
        # The RDS-II table as the results page counts it (question × itself, weights 1 / network size,
        # scaled so that they sum to the respondents weighted); its diagonal is the weighted distribution.
        # One pass gives the table and the campaign's totals of the weights.
        table, totals = counting.inverse_weighted_crosstab_db(campaign.pk, variable, variable,
                                                              code=results.NETWORK_SIZE)
        total, valid, inverse_sum = totals.respondents, totals.valid, totals.inverse_sum
        if valid:
            scale = valid / inverse_sum
            assert table.sum_w2 is not None and table.n_cases is not None
            weighted = CodeCounts(
                name=variable.name, codes=table.row_codes, counts=np.diag(table.counts) * scale, weighted=True,
                n_cases=np.diag(table.n_cases), sum_w2=np.diag(table.sum_w2) * scale * scale,
            )
            result = frequencies(weighted, variable=variable)
            if result.n_valid:
                part = _active_sum(result)
                low, high = _interval(result, part, result.n_valid)
                return Measure(campaign, public, active, answered, missing, 100 * part / result.n_valid, low, high,
                               True, total - valid)
    low, high = _interval(plain, active, answered)
    return Measure(campaign, public, active, answered, missing, 100 * active / answered, low, high, False)


def _campaign_ref(campaign: Campaign) -> RecordRef:
    return RecordRef("survey_campaign", campaign.pk, str(campaign.title),
                     reverse("surveys:results", args=[campaign.slug]))


def _fmt(number: float) -> str:
    return f"{number:.1f}"


def _value(period: Period, query: Query, m: Measure, others: list[Campaign], today: date) -> IndicatorValue:
    campaign = m.campaign
    k = campaign.suppression_k
    source = SourceRef(str(_("Survey “%(title)s”: results") % {"title": campaign.title}),
                       reverse("surveys:results", args=[campaign.slug]))
    records: tuple[RecordRef, ...] = (_campaign_ref(campaign),)
    notes: list[str] = [str(_("Campaign “%(title)s”, answers from %(start)s to %(end)s.") % {
        "title": campaign.title, "start": campaign.opens_on.isoformat(),
        "end": reference_day(campaign, today).isoformat()})]
    if campaign.is_open(timezone.now()):
        notes.append(str(_("The campaign is still open: the figure will change as answers come in.")))
    if campaign.mode == Campaign.Mode.SNOWBALL:
        notes.append(str(_("Snowball sample: respondents recruited one another; the figure describes them, not "
                           "all workers.")))
    if m.missing:
        notes.append(ngettext("%(count)s respondent gave no answer to this question and is not counted.",
                              "%(count)s respondents gave no answer to this question and are not counted.",
                              m.missing) % {"count": m.missing})
    if others:
        notes.append(str(_("Other campaigns this year, not added (their samples differ): %(titles)s.") % {
            "titles": ", ".join(str(c.title) for c in others)}))
        records = records + tuple(_campaign_ref(c) for c in others)
    extra: dict[str, Any] = {"sources": (source,), "records": records}
    if m.public and m.answered and (m.answered < k or 0 < m.active < k or 0 < m.answered - m.active < k):
        return IndicatorValue(
            period, query.region, query.sector, None, m.answered, None, Status.NO_NUMERATOR,
            str(_("Not shown: fewer than %(k)s respondents (the campaign's threshold for public results).") % {
                "k": k}), notes=tuple(notes), **extra)
    if not m.answered or m.percent is None:
        return ratio_value(period, query, m.active, m.answered, notes=tuple(notes), **extra)
    plain = 100 * m.active / m.answered
    if m.weighted:
        notes.append(str(_("RDS-II weighted (each respondent weighs 1 ÷ network size); unweighted: "
                           "%(active)s of %(answered)s = %(percent)s%%.") % {
            "active": m.active, "answered": m.answered, "percent": _fmt(plain)}))
        if m.unweighted_out:
            notes.append(ngettext(
                "%(count)s respondent gave no usable network size and is left out of the weighted share.",
                "%(count)s respondents gave no usable network size and are left out of the weighted share.",
                m.unweighted_out) % {"count": m.unweighted_out})
    else:
        notes.append(str(_("Unweighted: %(active)s of %(answered)s respondents.") % {
            "active": m.active, "answered": m.answered}))
    if m.low is not None and m.high is not None:
        notes.append(str(_("95%% confidence interval (Wilson%(design)s): %(low)s–%(high)s%%.") % {
            "low": _fmt(m.low), "high": _fmt(m.high),
            "design": _(", effective sample size") if m.weighted else ""}))
    value = (Decimal(repr(m.percent)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if m.weighted
             else share(m.active, m.answered))
    return IndicatorValue(period, query.region, query.sector, m.active, m.answered, value, Status.OK,
                          notes=tuple(notes), **extra)


def _compute(code: str, query: Query) -> list[IndicatorValue]:
    today = query.today or timezone.localdate()
    by_period: dict[Period, list[Measure]] = {}
    for campaign, access in _campaigns(query, today):
        day = reference_day(campaign, today)
        if query.period is not None and not query.period.start <= day <= query.period.end:
            continue
        m = measure(campaign, code, public=access != "full")
        if m is not None:
            by_period.setdefault(query.period or Period(day.year), []).append(m)
    found = []
    for period, measures in by_period.items():
        # Samples of different campaigns are not pooled: the campaign with most answers stands for the year.
        best = max(measures, key=lambda m: (m.answered, m.campaign.opens_on, m.campaign.pk))
        others = [m.campaign for m in measures if m is not best]
        found.append(_value(period, query, best, others, today))
    return found


def _methodology(subject: Any) -> Methodology:
    return Methodology(
        definition=subject,
        formula=_("100 × respondents answering “very active” or “sufficiently active” ÷ respondents who answered "
                  "the question; for a snowball campaign with network sizes, the same share with RDS-II weights"),
        numerator=_("Respondents who chose code 1 (very active) or 2 (sufficiently active) of the four-point "
                    "scale. The number shown is a count of respondents, unweighted."),
        denominator=_("Respondents who answered the question (those who skipped it are left out, and the page "
                      "says how many)."),
        sources=(
            _("Survey campaigns of the built-in questionnaire “Participation in social dialogue” "
              "(social-dialogue-appendix-1, any version) whose results the reader may see: published public "
              "results for the public."),
        ),
        caveats=(
            _("Survey answers are opinions of the respondents, not a measurement of the parties' activity."),
            _("Snowball (respondent-driven) samples are not representative of all workers: respondents recruit "
              "people they know. RDS-II weights (1 ÷ network size) correct only for the chance of being "
              "recruited, and only when the self-reported network sizes are right; the figure remains an "
              "estimate for the network reached."),
            _("Open-link and invitation campaigns are not weighted: the share describes the respondents only."),
            _("The confidence interval (95 per cent level) is Wilson's, on the effective sample size (Kish) when weighted; it "
              "reflects sampling error only, not how the sample was recruited."),
            _("Campaigns are not pooled: when several campaigns end in the same year, the one with most answers "
              "is shown and the others are listed."),
            _("On public pages no share is given from fewer respondents than the campaign's threshold for "
              "small cells, nor when fewer than that many respondents chose (or did not choose) the answers "
              "counted."),
        ),
        reference="",
    )


def _register(code: str, question: str, title: Any, short: Any, definition: Any, label: Any) -> Indicator:
    return register(Indicator(
        code=code, title=title, short=short, unit=Unit.PERCENT,
        numerator_label=label, denominator_label=_("Respondents who answered"),
        methodology=_methodology(definition),
        compute=lambda query: _compute(question, query),
        by_region=False, by_sector=False, quarterly=False,
        extras={"survey_question": question},
    ))


STATE = _register(
    "survey_state_active", "gov",
    _("Workers who see the state as active"),
    _("Share of surveyed workers who see the state as very or sufficiently active in issues related to their "
      "workplace."),
    _("The share of survey respondents who rate how actively the state participates in issues related to their "
      "workplace as very active or sufficiently active (question “gov”), weighted where weights exist."),
    _("Respondents: state very or sufficiently active"),
)
EMPLOYER = _register(
    "survey_employer_active", "employer",
    _("Workers who see their employer as active"),
    _("Share of surveyed workers who see their employer as very or sufficiently active in issues related to "
      "workers' interests."),
    _("The share of survey respondents who rate their employer's involvement in issues related to workers' "
      "interests as very active or sufficiently active (question “employer”), weighted where weights exist."),
    _("Respondents: employer very or sufficiently active"),
)
SELF = _register(
    "survey_self_active", "self",
    _("Workers who see themselves as active"),
    _("Share of surveyed workers who see themselves as very or sufficiently active in issues related to their "
      "workplace."),
    _("The share of survey respondents who rate their personal activity in issues related to their workplace "
      "as very active or sufficiently active (question “self”), weighted where weights exist."),
    _("Respondents: themselves very or sufficiently active"),
)
