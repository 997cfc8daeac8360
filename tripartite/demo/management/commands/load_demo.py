"""`manage.py load_demo`: fill an empty register with the demonstration data and print the demo accounts."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand

from tripartite.demo.services import load_demo


class Command(BaseCommand):
    help = "Load the demonstration data into an empty register (it adds nothing otherwise) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo()
        if result.loaded:
            self.stdout.write(self.style.SUCCESS(
                f"Demonstration data loaded: {result.organisations} organisations, {result.commissions} commissions "
                "(marked as demonstration data on their pages)."
            ))
            for line in result.extras:
                self.stdout.write(line)
        else:
            self.stdout.write("The register already holds organisations: no demonstration data was loaded.")
        if not result.accounts:
            return
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"Open http://127.0.0.1:{port}/ and log in (/accounts/login/) with a demo account:")
        width = max(len(a.username) for a in result.accounts)
        self.stdout.write(f"  {'username'.ljust(width)}  {'password'.ljust(22)}  may")
        for account in result.accounts:
            self.stdout.write(f"  {account.username.ljust(width)}  {account.password.ljust(22)}  {account.description}")
