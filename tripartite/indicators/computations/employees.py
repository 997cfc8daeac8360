"""The indicators measured against the number of employees (union density, bargaining coverage): one denominator,
read from the official series "employees" for the value's period, region and sector, and described once."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from tripartite.indicators import queries
from tripartite.indicators.models import Series
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import IndicatorValue, Query, RecordRef, SourceRef, ratio_value

#: The methodology's denominator and source, the same for every indicator measured against employees.
EMPLOYEES_DENOMINATOR = _("The number of employees in the same period, region and sector from the official "
                          "statistics series “employees”.")
EMPLOYEES_SOURCE = _("Official statistics: number of employees (imported series).")


def periods_with_employees(query: Query) -> set[Period]:
    """The periods for which the official series gives the number of employees in the query's region and sector."""
    return set(queries.periods_of(Series.EMPLOYEES, query.region, query.sector))


def share_of_employees(
    period: Period, query: Query, numerator: int | Decimal | None, *, no_numerator: Any,
    records: Iterable[RecordRef], source: SourceRef | None, notes: Iterable[str],
) -> IndicatorValue:
    """`numerator` as a percentage of the employees in `period` (and the query's region and sector).

    The official figure of employees comes first among the value's records and sources, then the `records` and the
    register `source` the numerator was counted from; without that figure the value says there is no denominator.
    """
    employees = queries.figure(Series.EMPLOYEES, period, query.region, query.sector)
    return ratio_value(
        period, query, numerator, employees.value if employees else None,
        no_denominator=_("No denominator: no official figure of employees for %(period)s here.") % {
            "period": period},
        no_numerator=no_numerator,
        sources=((queries.source_of(employees),) if employees else ()) + ((source,) if source else ()),
        records=((queries.record_of(employees),) if employees else ()) + tuple(records),
        notes=tuple(notes),
    )
