"""Writes of the indicators app: importing official statistics (whole file or nothing), reference figures."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tripartite.core import writes
from tripartite.core.errors import DomainError, NotAllowed
from tripartite.core.jurisdiction import current_pack
from tripartite.core.policy import Action, can
from tripartite.indicators import importing, reference
from tripartite.indicators.importing import RowError
from tripartite.indicators.models import StatisticsImport, StatisticValue


class ImportRejected(DomainError):
    """The file has problems; `errors` lists every one of them and nothing was written."""

    status = 422

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(_("The file was not imported: correct the problems listed and upload it again."))


def may_import(user: Any) -> bool:
    return can(user, Action.CREATE, None, kind=StatisticValue)


def statistics_import(*, by: Any, file_name: str, content: bytes, is_demo: bool = False) -> StatisticsImport:
    """Check the whole file, then store all its figures in one transaction; a figure already stored for the
    same series, period, region and sector is replaced (the old value stays in its history).

    Raises NotAllowed, or ImportRejected listing every problem (row, column, reason) when any row is wrong.
    """
    if not may_import(by):
        raise NotAllowed(_("Only an analyst or an administrator can import official statistics."))
    try:
        parsed = importing.check_rows(importing.read_table(file_name, content))
    except importing.UnreadableFile as exc:
        raise ImportRejected([RowError(None, None, exc.message)]) from None
    if parsed.errors:
        raise ImportRejected(parsed.errors)
    with transaction.atomic():
        batch = StatisticsImport.objects.create(file_name=file_name[:255], imported_by=by)
        created = updated = 0
        for row in parsed.rows:
            # order_by("pk") drops the default ordering's join on region/sector, which FOR UPDATE cannot lock.
            existing = StatisticValue.objects.select_for_update().filter(
                series=row.series, period=str(row.period), region=row.region, sector=row.sector
            ).order_by("pk").first()
            value = existing or StatisticValue(series=row.series, period=str(row.period), region=row.region,
                                               sector=row.sector)
            value.value = row.value
            value.source = row.source
            value.source_url = row.source_url
            value.published_on = row.published_on
            value.note = row.note
            value.confirmed = True
            value.statistics_import = batch
            value.is_demo = is_demo
            writes.save(value, by, validate=False)  # every row was checked by importing.check_rows
            if existing is None:
                created += 1
            else:
                updated += 1
        batch.created, batch.updated = created, updated
        batch.save(update_fields=["created", "updated"])
    return batch


@transaction.atomic
def reference_figures_load() -> tuple[int, int]:
    """Load (or refresh) the national reference figures of the jurisdiction pack; safe to repeat."""
    return reference.load_reference_figures(StatisticValue, current_pack())
