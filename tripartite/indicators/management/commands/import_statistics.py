"""Import a CSV or XLSX file of official statistics: the whole file or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tripartite.core.errors import NotAllowed
from tripartite.core.models import User
from tripartite.indicators import services


class Command(BaseCommand):
    help = "Import official statistics (employees, average, median and minimum wage) from a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV (UTF-8) or XLSX file; see docs/indicators.md for the columns")
        parser.add_argument("--user", required=True,
                            help="username of the analyst or administrator the import is recorded under")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(_("No active user %(username)s.") % {"username": options["user"]})
        try:
            batch = services.statistics_import(by=user, file_name=path.name, content=path.read_bytes())
        except services.ImportRejected as exc:
            for error in exc.errors:
                where = _("row %(row)s") % {"row": error.row} if error.row else _("file")
                self.stderr.write(f"{where}, {error.column or '—'}: {error.message}")
            raise CommandError(str(exc)) from None
        except NotAllowed as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("Imported %(file)s: %(created)s figures added, %(updated)s replaced.") % {
            "file": batch.file_name, "created": batch.created, "updated": batch.updated})
