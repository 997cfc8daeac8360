"""`tripartite backup FILE`: one archive of the database and the uploaded files, with a manifest and checksums."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from tripartite.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write one archive of the database and the uploaded files (MEDIA_ROOT), with a manifest and checksums."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="the archive to write (a tar file), e.g. tripartite-2026-12-07.tar")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_create(Path(options["file"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"database error: {str(error).strip().splitlines()[0]}") from error
        self.stdout.write(f"backup written to {summary.path}: {summary.tables} tables, {summary.rows} rows, "
                          f"{summary.files} files, {summary.size} bytes")
