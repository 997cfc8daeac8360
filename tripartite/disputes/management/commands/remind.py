"""`manage.py remind`: e-mail reminders of dispute deadlines due soon or overdue (no duplicates when repeated)."""

from __future__ import annotations

import importlib
import importlib.util
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tripartite.disputes.reminders import send_reminders

# Other apps' reminders sent by the same command, each a module with `send_reminders(*, today, lead_days,
# base_url, dry_run)` returning a report with `sent`, `already_sent` and `without_address`.
OTHER_REMINDERS = (
    ("consultations on draft acts", "tripartite.consultations.reminders"),
)


class Command(BaseCommand):
    help = (
        "Send e-mail reminders of collective-dispute deadlines due within --days working days or overdue, to "
        "the parties' editors, the assigned conciliators and the commission's secretaries. Each reminder is "
        "sent once: safe to run from cron as often as you like. Also tells the sides of a commission that a draft "
        "act was referred to them and, --days working days before its deadline, those who have not answered."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", default=None, help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--days", type=int, default=2, help="Remind this many working days ahead (default 2).")
        parser.add_argument("--base-url", default="", help="Address of the platform, for links in the e-mails.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be sent; send nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"invalid date {options['today']!r}: use YYYY-MM-DD") from None
        if options["days"] < 0:
            raise CommandError("--days must not be negative")
        report = send_reminders(today=today, lead_days=options["days"], base_url=options["base_url"].rstrip("/"),
                                dry_run=options["dry_run"])
        verb = "would send" if options["dry_run"] else "sent"
        self.stdout.write(f"{verb} {report.sent} reminder(s); {report.already_sent} already sent; "
                          f"{report.without_address} recipient(s) without an e-mail address")
        for what, module in OTHER_REMINDERS:
            if importlib.util.find_spec(module) is None:
                continue
            other = importlib.import_module(module).send_reminders(
                today=today, lead_days=options["days"], base_url=options["base_url"].rstrip("/"),
                dry_run=options["dry_run"])
            self.stdout.write(f"{what}: {verb} {other.sent} reminder(s); {other.already_sent} already sent; "
                              f"{other.without_address} recipient(s) without an e-mail address")
