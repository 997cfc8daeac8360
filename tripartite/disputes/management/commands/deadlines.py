"""`manage.py deadlines DATE`: every statutory deadline that an event on DATE starts (the event day not counted)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tripartite.jurisdictions import JurisdictionError, available_packs, get_pack
from tripartite.jurisdictions.disputes import NOT_SET, unit_word


class Command(BaseCommand):
    help = (
        "Print every statutory deadline of the collective-dispute procedure that an event on DATE starts: the "
        "rule, the due date, the number of days and their unit, the legal source and whether the rule is "
        "verified. The day of the event does not count. JSON: a list of {rule, due, days, unit, source, verified}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("date", help="The day of the event, YYYY-MM-DD.")
        parser.add_argument("--jurisdiction", default=None,
                            help=f"Jurisdiction pack code (default: the installation's, {settings.TRIPARTITE_JURISDICTION}).")
        parser.add_argument("--format", default="text", choices=["text", "json"], help="text (default) or json.")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options["date"]
        try:
            start = date.fromisoformat(raw)
        except ValueError:
            raise CommandError(f"invalid date {raw!r}: use YYYY-MM-DD, e.g. 2025-03-19") from None
        code = (options["jurisdiction"] or settings.TRIPARTITE_JURISDICTION).lower()
        if code not in available_packs():
            raise CommandError(f"unknown jurisdiction {code!r}: available: {', '.join(available_packs())}")
        overrides = settings.TRIPARTITE_RULE_OVERRIDES if code == settings.TRIPARTITE_JURISDICTION.lower() else None
        try:
            pack = get_pack(code, overrides=overrides or None)
            procedure = pack.dispute_procedure
            if procedure is None:
                raise CommandError(f"the {code} pack has no collective-dispute procedure")
            computed = procedure.deadlines_started_on(pack, start)
        except JurisdictionError as exc:
            raise CommandError(str(exc)) from None
        rows = []
        for c in computed:
            rule = pack.rule(c.spec.rule, start)
            rows.append({
                "rule": c.spec.rule,
                "due": c.due.isoformat() if c.due else None,
                "days": c.deadline.days if c.deadline else None,
                "unit": unit_word(rule.unit),
                "source": rule.source.cite("en") + (f" ({rule.source.url})" if rule.source.url else ""),
                "verified": c.verified,
            })
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Deadlines started by an event on {start.isoformat()} ({code}; the event day does not count):")
        width = max(len(r["rule"]) for r in rows) if rows else 10
        for r in rows:
            if r["due"] is None:
                when = NOT_SET["en"]
            else:
                when = f"{r['due']}  {r['days']} {r['unit']} day{'s' if r['days'] != 1 else ''}"
            status = "verified" if r["verified"] else "UNVERIFIED"
            self.stdout.write(f"  {r['rule']:<{width}}  {when}  [{status}]  {r['source']}")
