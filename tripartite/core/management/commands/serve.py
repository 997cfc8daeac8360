"""Prepare the embedded database (migrate, demo data into an empty register) and serve with gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load the demo data into an empty register, collect static files and serve with gunicorn."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--workers", default=os.environ.get("WEB_CONCURRENCY", "2"))
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demonstration data.")

    def handle(self, *args: Any, **options: Any) -> None:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"]:
            call_command("load_demo", verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(self.style.SUCCESS(f"Tripartite is at http://{address}/  (API: http://{address}/api/v1/docs)"))
        os.execv(
            sys.executable,
            [sys.executable, "-m", "gunicorn", "tripartite.wsgi:application", "--bind", address, "--workers", str(options["workers"]),
             # Import Django once in the master, before forking: a restarted server answers within seconds rather
             # than after every worker has imported it on its own. Safe: nothing opens a database connection at
             # import time, and connections are opened lazily in each worker.
             "--preload", "--access-logfile", "-"],
        )
