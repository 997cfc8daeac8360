"""`tripartite restore FILE`: restore a backup into an empty installation, after verifying all of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from tripartite.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Restore an archive written by `tripartite backup` into an empty installation (a new database and an "
            "empty MEDIA_ROOT). The archive is verified first; a damaged or mismatched archive changes nothing.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="the archive written by `tripartite backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_restore(Path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"database error: {str(error).strip().splitlines()[0]}") from error
        self.stdout.write(f"restored {summary.tables} tables, {summary.rows} rows and {summary.files} files; "
                          f"checksums and row counts verified")
        if summary.pending_migrations:
            self.stdout.write(f"this code has {summary.pending_migrations} migrations the backup predates: "
                              f"run `tripartite manage migrate`")
