"""`manage.py import_responses SLUG FILE [--only-valid] [--rejected PATH]`: import answers into a campaign."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tripartite.surveys.importing import ImportFileError, import_responses
from tripartite.surveys.models import Campaign


class Command(BaseCommand):
    help = ("Import answers from a .csv, .xlsx or .sav file into the campaign SLUG. Nothing is imported unless "
            "every row is valid, or --only-valid is given; rejected rows are listed (and written to --rejected).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the campaign's address (slug)")
        parser.add_argument("file", help="a .csv, .xlsx or .sav file with one column per question code")
        parser.add_argument("--only-valid", action="store_true", help="import the valid rows and reject the others")
        parser.add_argument("--rejected", metavar="PATH", help="write the rejected rows with their reasons to this CSV")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.select_related("version").filter(slug=options["slug"]).first()
        if campaign is None:
            raise CommandError(f"no campaign with the address {options['slug']!r}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        try:
            report = import_responses(campaign=campaign, path=path, by=None, only_valid=options["only_valid"],
                                      operator=True)
        except ImportFileError as exc:
            raise CommandError(f"{path}: {exc}") from None
        if options["rejected"] and report.rejected_csv:
            Path(options["rejected"]).write_text(report.rejected_csv, encoding="utf-8")
        for row in report.rejected[:20]:
            self.stderr.write(f"line {row.line}: {'; '.join(row.reasons)}")
        if report.n_rejected > 20:
            self.stderr.write(f"... and {report.n_rejected - 20} more rejected rows")
        if not report.clean and not options["only_valid"]:
            raise CommandError(f"{path}: {report.n_rejected} of {report.rows} rows are invalid; nothing was imported "
                               "(fix them, or use --only-valid)")
        self.stdout.write(f"imported {report.imported} of {report.rows} rows into {campaign.slug}"
                          + (f"; {report.n_rejected} rejected" if report.n_rejected else "")
                          + (f"; {report.linked} linked to their recruiter" if report.linked else "")
                          + (f"; {report.unlinked} name a recruiter not imported with them (left unlinked)"
                             if report.unlinked else ""))
