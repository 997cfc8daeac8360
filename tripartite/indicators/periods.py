"""Statistical periods: a calendar year ("2024") or a quarter ("2024-Q2"), with their first and last days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*-?\s*[QqКк]([1-4]))?\s*$")

#: Years outside this range are refused as typing mistakes (official series start well after 1990).
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True, order=True)
class Period:
    """A year (``quarter`` None) or one quarter of a year; ``str()`` gives the canonical code."""

    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, raw: object) -> Period:
        """Read "2024", "2024-Q2", "2024Q2" (also a Cyrillic К); raise ValueError otherwise."""
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)
        if isinstance(raw, float) and raw.is_integer():
            raw = str(int(raw))
        match = _PATTERN.match(str(raw or ""))
        if match is None:
            raise ValueError(raw)
        year = int(match.group(1))
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(raw)
        quarter = int(match.group(2)) if match.group(2) else None
        return cls(year, quarter)

    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        first_of_next = date(self.year, 3 * self.quarter + 1, 1)
        return date.fromordinal(first_of_next.toordinal() - 1)

    @property
    def annual(self) -> Period:
        """The year this period belongs to."""
        return Period(self.year)

    def __str__(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}-Q{self.quarter}"

    @property
    def sort_key(self) -> tuple[int, int]:
        # A year sorts after its own quarters: it is the figure for the whole of it.
        return (self.year, 5 if self.quarter is None else self.quarter)
