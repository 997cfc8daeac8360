"""`manage.py export_parquet SLUG DIR [--rows-per-file N]`: a campaign's answers as partitioned Parquet."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tripartite.surveys.models import Campaign
from tripartite.surveys.results.parquet import (
    CODEBOOK_NAME,
    ROWS_PER_FILE,
    ParquetExportError,
    export_parquet,
)


class Command(BaseCommand):
    help = ("Write the answers of the campaign SLUG into DIR (new or empty) as Parquet files of at most "
            f"--rows-per-file rows, with the codebook as {CODEBOOK_NAME}; count them with "
            "`tripartite analyze crosstab DIR --engine spark` (or --engine stream).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the campaign's address (slug)")
        parser.add_argument("directory", help="where to write the Parquet files (created; must be empty)")
        parser.add_argument("--rows-per-file", type=int, default=ROWS_PER_FILE, metavar="N",
                            help=f"rows per Parquet file (default {ROWS_PER_FILE:,})")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.select_related("version").filter(slug=options["slug"]).first()
        if campaign is None:
            raise CommandError(f"no campaign with the address {options['slug']!r}")
        try:
            export = export_parquet(campaign, options["directory"], rows_per_file=options["rows_per_file"])
        except ParquetExportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"wrote {export.rows} responses of {campaign.slug} into {len(export.files)} Parquet "
                          f"file(s) in {export.directory}")
