"""``manage.py sync_principles``: copy the jurisdiction pack's principles and crosswalk into the database again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tripartite.principles.models import Convention, Principle, SdgTarget
from tripartite.principles.services import orphan_tags_remove
from tripartite.principles.sync import pack_taxonomy, sync_taxonomy


class Command(BaseCommand):
    help = ("Copy the jurisdiction pack's Labour Code principles, ILO conventions and SDG targets into the database, "
            "and remove the tags of records that no longer exist.")

    def handle(self, *args: Any, **options: Any) -> None:
        taxonomy = pack_taxonomy()
        if taxonomy is None:
            self.stdout.write("The jurisdiction pack brings no principles.")
            return
        with transaction.atomic():
            result = sync_taxonomy(taxonomy, principle_model=Principle, convention_model=Convention,
                                   sdg_model=SdgTarget)
        self.stdout.write(f"{result.principles} principles, {result.conventions} conventions, "
                          f"{result.sdg_targets} SDG targets.")
        removed = orphan_tags_remove()
        if removed:
            self.stdout.write(f"Tags of records that no longer exist, removed: {removed}.")
        if result.not_in_pack:
            self.stdout.write("Kept, no longer in the pack: " + ", ".join(result.not_in_pack))
