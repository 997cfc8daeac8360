"""Load or refresh the national reference figures (minimum wage from the jurisdiction pack, §5.3 wages)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tripartite.indicators import services


class Command(BaseCommand):
    help = ("Load or refresh the reference figures shipped with the platform (safe to repeat; figures replaced "
            "by an import are left alone). Run it after the jurisdiction pack gains a new minimum wage.")

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = services.reference_figures_load()
        self.stdout.write(f"Reference figures: {created} added, {updated} refreshed.")
