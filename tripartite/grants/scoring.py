"""Pure arithmetic of the scoring and monitoring: weighted totals, outliers, pseudonyms, shares (no Django here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

MARK_MIN = 0
MARK_MAX = 10
#: A total further than this from the median total of the same application is flagged as an outlier.
OUTLIER_POINTS = 25.0


def pseudonym_letters(number: int) -> str:
    """1 → A, 2 → B, …, 26 → Z, 27 → AA (spreadsheet column style), so that every evaluator keeps a stable name."""
    if number < 1:
        raise ValueError("evaluator numbers start at 1")
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def weighted_total(weights: Mapping[int, int], marks: Mapping[int, int | float]) -> float:
    """Σ weight × mark / 10 over the criteria: marks are 0–10 and the weights add up to 100, so the total is 0–100.

    A criterion with no mark counts as 0.
    """
    return round(sum(w * float(marks.get(cid, 0)) / MARK_MAX for cid, w in weights.items()), 2)


@dataclass(frozen=True)
class Outlier:
    index: int
    total: float
    median: float
    distance: float


def outliers(totals: Sequence[float], *, points: float = OUTLIER_POINTS) -> list[Outlier]:
    """Totals further than `points` from the median of all totals of the same application.

    With two evaluators the median is their mean, so both are flagged when they differ by more than
    2 × `points`; with one evaluator nothing can be compared and nothing is flagged.
    """
    if len(totals) < 2:
        return []
    mid = float(median(totals))
    return [
        Outlier(i, t, mid, round(abs(t - mid), 2)) for i, t in enumerate(totals) if abs(t - mid) > points
    ]


def mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def split_evenly(amount: int, parts: int) -> list[int]:
    """Split whole tenge into `parts` shares that differ by at most one tenge and add up to `amount`."""
    if parts < 1:
        return []
    base, rest = divmod(amount, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def share(part: int | float, whole: int | float) -> float | None:
    """part / whole as a fraction, or None when the whole is zero."""
    return None if not whole else part / whole
