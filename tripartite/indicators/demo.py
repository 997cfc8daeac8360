"""Demonstration statistics: fictional employee counts, so that the indicator pages have denominators to show.

The national wage and minimum-wage figures are real reference data (loaded by migration), not demo data.
The employee counts below are invented round numbers in the demo regions and sectors, marked as demo
data with the source "Demonstration data (not official statistics)".
"""

from __future__ import annotations

from datetime import date

from tripartite.core.models import User
from tripartite.indicators import services
from tripartite.partners.models import Organisation

SOURCE = "Demonstration data (not official statistics)"

# (region KATO or "", sector or "", employees): whole country, three demo regions, two demo sectors.
EMPLOYEES: tuple[tuple[str, str, int], ...] = (
    ("", "", 6_900_000),
    ("630000000", "", 420_000),
    ("750000000", "", 880_000),
    ("470000000", "", 230_000),
    ("", "B", 250_000),
    ("", "C", 560_000),
    ("", "Q", 480_000),
)


def load(*, by: User, users: dict[str, User], orgs: dict[str, Organisation], today: date) -> str:
    lines = ["series,period,region,sector,value,source,published_on"]
    published = date(today.year, 1, 1).isoformat()
    for year in (today.year - 1, today.year):
        for region, sector, employees in EMPLOYEES:
            lines.append(f"employees,{year},{region},{sector},{employees},{SOURCE},{published}")
    batch = services.statistics_import(by=by, file_name="demo-statistics.csv",
                                       content="\n".join(lines).encode("utf-8"), is_demo=True)
    return f"Indicators: {batch.created} demonstration figures of employees ({today.year - 1}–{today.year})."
