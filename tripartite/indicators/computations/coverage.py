"""Collective bargaining coverage (ILO): employees covered by at least one agreement in force ÷ employees.

The numerator is computed here rather than with ``tripartite.agreements.queries.covered_employees`` for
three reasons, all explained in the methodology:

- that function reads the whole register, while a published figure must be computed from the records its
  reader may see (the public sees published agreements only) and must link to them;
- it adds up every collective agreement, so an employer with two overlapping collective agreements (the
  agreement services refuse this, but records imported or kept before that rule can have it) would be counted
  twice; here each employer counts once, with the largest number of covered employees among its agreements;
- it places an employer with several sectors or regions in each of them; here, as for union density, an
  employer is placed in a region (or sector) only when it is attached to that one region (or sector) alone.

For a reader who sees the whole register and a national figure, both give the same number (tested).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tripartite.agreements import queries as agreement_queries
from tripartite.agreements.models import Agreement
from tripartite.agreements.rules import Kind
from tripartite.indicators.computations.employees import (
    EMPLOYEES_DENOMINATOR,
    EMPLOYEES_SOURCE,
    periods_with_employees,
    share_of_employees,
)
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import (
    Indicator,
    IndicatorValue,
    Methodology,
    Query,
    RecordRef,
    SourceRef,
    Unit,
    register,
)


def reference_day(period: Period, today: date) -> date:
    """Coverage is a stock: it is measured on the last day of the period, or today for a period not yet over."""
    return min(period.end, today)


def _in_force(query: Query, on: date) -> list[Agreement]:
    """Collective agreements in force on ``on`` that the reader may see, with an employer in the query's scope."""
    agreements = agreement_queries.visible_agreements(query.user).filter(kind=Kind.COLLECTIVE).filter(
        Agreement.in_force_q(on)).exclude(employer=None)
    if query.region is not None:
        agreements = agreements.annotate(n_regions=Count("employer__regions", distinct=True)).filter(
            n_regions=1, employer__regions=query.region)
    if query.sector is not None:
        agreements = agreements.annotate(n_sectors=Count("employer__sectors", distinct=True)).filter(
            n_sectors=1, employer__sectors=query.sector)
    return list(agreements.order_by("employer_id", "id"))


def covered_once(agreements: list[Agreement]) -> tuple[list[Agreement], list[Agreement], list[Agreement]]:
    """Each employer's workers once: (counted, left out because the employer has another agreement counted,
    left out because no number of covered employees was given)."""
    best: dict[int, Agreement] = {}
    without: list[Agreement] = []
    for agreement in agreements:
        if agreement.covered_employees is None:
            without.append(agreement)
            continue
        current = best.get(agreement.employer_id)  # type: ignore[arg-type]
        if current is None or agreement.covered_employees > (current.covered_employees or 0):
            best[agreement.employer_id] = agreement  # type: ignore[index]
    counted = list(best.values())
    doubles = [a for a in agreements if a.covered_employees is not None and a not in counted]
    return counted, doubles, without


def _other_levels_in_force(query: Query, on: date) -> int:
    return agreement_queries.visible_agreements(query.user).filter(Agreement.in_force_q(on)).exclude(
        kind=Kind.COLLECTIVE).count()


def _periods(query: Query, today: date) -> list[Period]:
    if query.period is not None:
        return [query.period]
    periods = periods_with_employees(query)
    for start, end, terminated in Agreement.objects.filter(kind=Kind.COLLECTIVE).exclude(effective_from=None)\
            .values_list("effective_from", "effective_to", "terminated_on"):
        assert start is not None  # excluded above
        last = min(d for d in (end, terminated, today) if d is not None)
        periods |= {Period(y) for y in range(start.year, last.year + 1)}
    return sorted((p for p in periods if p.start <= today), key=lambda p: p.sort_key)


def _agreement_ref(agreement: Agreement) -> RecordRef:
    return RecordRef(
        "agreement", agreement.pk,
        _("%(title)s: %(count)s employees covered") % {"title": agreement.title,
                                                       "count": agreement.covered_employees},
        reverse("agreements:detail", args=[agreement.pk]),
    )


def _register_source() -> SourceRef:
    return SourceRef(str(_("Agreements register: collective agreements in force")), reverse("agreements:list"))


def compute(query: Query) -> list[IndicatorValue]:
    today = query.today or timezone.localdate()
    found = []
    for period in _periods(query, today):
        on = reference_day(period, today)
        counted, doubles, without = covered_once(_in_force(query, on))
        numerator = sum(a.covered_employees or 0 for a in counted) if counted else None
        notes: list[str] = [str(_("Agreements in force on %(date)s.") % {"date": on.isoformat()})]
        if doubles:
            notes.append(ngettext(
                "%(count)s agreement is not counted: its employer has another agreement in force that is counted.",
                "%(count)s agreements are not counted: their employers have another agreement in force that is "
                "counted.", len(doubles)) % {"count": len(doubles)})
        if without:
            notes.append(ngettext(
                "%(count)s collective agreement in force gives no number of covered employees and is not counted.",
                "%(count)s collective agreements in force give no number of covered employees and are not counted.",
                len(without)) % {"count": len(without)})
        others = _other_levels_in_force(query, on) if counted or without else 0
        if others:
            notes.append(ngettext(
                "%(count)s general, sectoral or regional agreement in force is not added: its workers are counted "
                "through their employers' collective agreements.",
                "%(count)s general, sectoral or regional agreements in force are not added: their workers are "
                "counted through their employers' collective agreements.", others) % {"count": others})
        found.append(share_of_employees(
            period, query, numerator,
            no_numerator=_("No numerator: no collective agreement with a number of covered employees was in "
                           "force on %(date)s.") % {"date": on.isoformat()},
            records=[_agreement_ref(a) for a in counted],
            source=_register_source() if counted else None,
            notes=notes,
        ))
    return found


COVERAGE = register(Indicator(
    code="cb_coverage",
    title=_("Collective bargaining coverage"),
    short=_("Employees covered by at least one collective agreement in force, as a percentage of all employees."),
    unit=Unit.PERCENT,
    numerator_label=_("Employees covered"),
    denominator_label=_("Employees"),
    methodology=Methodology(
        definition=_("The number of employees whose pay or conditions of work are set by at least one "
                     "collective agreement in force, as a percentage of the total number of employees, each "
                     "worker counted once (ILO definition; ILOSTAT industrial relations data)."),
        formula=_("100 × employees covered by at least one agreement in force ÷ employees"),
        numerator=_("The employees covered, as reported in each collective agreement in force on the last day of "
                    "the period (today for the current period) in the agreements register. Each employer counts "
                    "once: if it has more than one agreement in force, the one covering most employees is taken. "
                    "General, sectoral and regional agreements are not added, because the workers they reach are "
                    "the workers of employers who also appear here through their own collective agreements, and "
                    "the register cannot tell which workers are the same. For a region, only employers attached "
                    "to that region alone are counted; for a sector, only employers attached to that sector "
                    "alone."),
        denominator=EMPLOYEES_DENOMINATOR,
        sources=(_("Agreements register: collective agreements, their dates and employees covered."),
                 EMPLOYEES_SOURCE),
        caveats=(
            _("Workers reached only by a sectoral, regional or general agreement, at an employer without a "
              "collective agreement of its own, are not counted, so the figure is a lower bound of coverage in "
              "the ILO sense."),
            _("The number of covered employees is the one written in the agreement's record; it is not checked "
              "against the employer's staff."),
            _("An agreement that has expired or was terminated before the reference day is not counted."),
            _("Agreements are counted only where the reader may see them: published agreements for the public."),
            _("Collective agreements without a number of covered employees are left out, and the page says how "
              "many."),
        ),
        reference="https://ilostat.ilo.org/methods/concepts-and-definitions/description-industrial-relations-data/",
    ),
    compute=compute,
))
