"""`tripartite audit-export --from DATE --to DATE [--format csv|json] FILE`: the audit trail of a date range."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tripartite.core.audit import audit_rows, write_export


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = ("Export the audit trail's rows written from --from to --to (whole days, Asia/Almaty time) with their "
            "seals, as CSV or JSON, to FILE ('-' for standard output).")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("file", help="the file to write, or - for standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError(f"--to {end} is before --from {start}")
        rows = audit_rows(start, end)
        if options["file"] == "-":
            write_export(rows, sys.stdout, options["format"], start=start, end=end)
            return
        path = Path(options["file"])
        if not path.parent.is_dir():
            raise CommandError(f"the directory {path.parent} does not exist")
        partial = path.with_name(f".{path.name}.partial")
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = write_export(rows, out, options["format"], start=start, end=end)
        partial.replace(path)
        self.stdout.write(f"{count} audit rows from {start} to {end} written to {path}")
