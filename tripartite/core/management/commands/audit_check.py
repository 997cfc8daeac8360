"""`tripartite audit-check`: prove that no row of the audit trail was removed, changed or added outside the platform."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tripartite.core.audit import audit_check


class Command(BaseCommand):
    help = ("Walk the audit trail's hash chain: one line OK with the chain's head (keep it, to compare later), or "
            "the first row removed, changed or added outside the platform and a non-zero exit status.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_check()
        if not report.ok:
            raise CommandError(f"audit trail broken: {report.problem}")
        self.stdout.write(f"audit trail OK: {report.rows} rows in {report.tables} history tables; "
                          f"head #{report.head_seq} {report.head_chain}")
