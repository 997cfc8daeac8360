"""Trade union density (ILO): union members who are employees ÷ employees."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tripartite.core.policy import visible
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
from tripartite.partners.models import Kind, MembershipReport, Organisation


def _union_reports(query: Query, period: Period) -> list[MembershipReport]:
    """The latest report in `period` of each trade union in scope that the user may see."""
    unions = visible(query.user, Organisation.objects.filter(kind=Kind.TRADE_UNION))
    if query.region is not None:
        # A union's members can be placed in a region only when it is attached to that region alone.
        unions = unions.annotate(n_regions=Count("regions", distinct=True)).filter(n_regions=1, regions=query.region)
    if query.sector is not None:
        unions = unions.annotate(n_sectors=Count("sectors", distinct=True)).filter(n_sectors=1, sectors=query.sector)
    reports = (
        MembershipReport.objects.filter(organisation__in=unions.values("pk"), as_of__gte=period.start,
                                        as_of__lte=period.end)
        .select_related("organisation__parent")
        .order_by("organisation_id", "-as_of")
    )
    latest: dict[int, MembershipReport] = {}
    for report in reports:
        latest.setdefault(report.organisation_id, report)
    return list(latest.values())


def _without_double_counting(reports: list[MembershipReport]) -> tuple[list[MembershipReport], list[MembershipReport]]:
    """Drop a report when a report of one of the organisation's ancestors is also counted: a federation's
    figure includes the members of its affiliates. Returns (counted, dropped)."""
    reporting = {r.organisation_id for r in reports}
    counted: list[MembershipReport] = []
    dropped: list[MembershipReport] = []
    for report in reports:
        ancestors = {a.pk for a in report.organisation.ancestors()}
        (dropped if ancestors & reporting else counted).append(report)
    return counted, dropped


def _report_ref(report: MembershipReport) -> RecordRef:
    return RecordRef(
        "membership_report", report.pk,
        _("%(organisation)s, report of %(date)s") % {"organisation": report.organisation.name,
                                                     "date": report.as_of.isoformat()},
        reverse("partners:detail", args=[report.organisation_id]) + "#reports",
    )


def _periods(query: Query) -> list[Period]:
    if query.period is not None:
        return [query.period]
    periods = periods_with_employees(query)
    years = MembershipReport.objects.filter(organisation__kind=Kind.TRADE_UNION).dates("as_of", "year")
    periods |= {Period(d.year) for d in years}
    return sorted(periods, key=lambda p: p.sort_key)


def compute(query: Query) -> list[IndicatorValue]:
    found = []
    for period in _periods(query):
        counted, dropped = _without_double_counting(_union_reports(query, period))
        with_employees = [r for r in counted if r.employee_members is not None]
        without = [r for r in counted if r.employee_members is None]
        numerator = sum(r.employee_members or 0 for r in with_employees) if with_employees else None
        notes: list[str] = []
        if without:
            notes.append(ngettext(
                "%(count)s union report gives no number of members who are employees and is not counted.",
                "%(count)s union reports give no number of members who are employees and are not counted.",
                len(without)) % {"count": len(without)})
        if dropped:
            notes.append(ngettext(
                "%(count)s report of an affiliated union is not counted: its federation's report includes it.",
                "%(count)s reports of affiliated unions are not counted: their federations' reports include them.",
                len(dropped)) % {"count": len(dropped)})
        found.append(share_of_employees(
            period, query, numerator,
            no_numerator=_("No numerator: no trade union reported its members who are employees for %(period)s.") % {
                "period": period},
            records=[_report_ref(r) for r in with_employees],
            source=_membership_source() if with_employees else None,
            notes=notes,
        ))
    return found


def _membership_source() -> SourceRef:
    return SourceRef(str(_("Membership reports in the social partners register")), reverse("partners:list"))


DENSITY = register(Indicator(
    code="union_density",
    title=_("Trade union density"),
    short=_("Trade union members who are employees, as a percentage of all employees."),
    unit=Unit.PERCENT,
    numerator_label=_("Union members who are employees"),
    denominator_label=_("Employees"),
    methodology=Methodology(
        definition=_("The number of trade union members who are employees, as a percentage of the total number "
                         "of employees (ILO definition; ILOSTAT industrial relations data)."),
        formula=_("100 × union members who are employees ÷ employees"),
        numerator=_("The sum of “members who are employees” in the latest membership report dated within the "
                        "period of each trade union in the social partners register. For a region, only unions "
                        "attached to that region alone are counted; for a sector, only unions attached to that "
                        "sector alone. A report is left out when a report of one of the union's parent "
                        "organisations (its federation) is counted, because the federation's figure includes it."),
        denominator=EMPLOYEES_DENOMINATOR,
        sources=(_("Membership reports of the trade unions (social partners register)."), EMPLOYEES_SOURCE),
        caveats=(
            _("Only members who are employees are counted, as the ILO defines density: a report that gives only "
                  "the total membership (which may include pensioners, students or the self-employed) is left out "
                  "and the page says how many were left out."),
            _("A worker who belongs to two unions that are not affiliated to one another is counted twice; the "
                  "register cannot tell."),
            _("The figure is only as complete as the register: unions that have not reported are missing, so "
                  "the density is a lower bound unless every union has reported."),
            _("The organisations' own “employees in scope” are not used as the denominator: they measure a "
                  "union's reach within its own scope, not the country's or region's employees."),
            _("Membership reports are counted only where the reader may see them: published organisations for "
                  "the public."),
        ),
        reference="https://ilostat.ilo.org/methods/concepts-and-definitions/description-industrial-relations-data/",
    ),
    compute=compute,
))
