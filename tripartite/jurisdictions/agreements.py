"""Typed clause parameters of agreements: what a clause may quantify and which statutory floor checks it.

Pure data (no Django): a country's pack lists its parameters (``JurisdictionPack.clause_parameters``);
the agreements app stores values under these keys and compares them with the floors and with
higher-level agreements.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from .texts import Text


class Direction(StrEnum):
    """Which way is better for the worker: a higher value (pay, leave) or a lower one (weekly hours)."""

    MIN = "min"  # the value is a minimum guarantee: higher is more favourable
    MAX = "max"  # the value is a maximum burden: lower is more favourable


@dataclass(frozen=True)
class ClauseParameter:
    """A quantity a clause may set, its unit and its trilingual label.

    ``floor_rule`` names the pack rule holding the statutory floor (for ``min``) or ceiling (for
    ``max``) the value is checked against, or None when the law sets no number for it.
    """

    key: str
    unit: str
    label: Text
    direction: Literal["min", "max"]
    floor_rule: str | None = None
    integer: bool = True

    def __post_init__(self) -> None:
        if self.direction not in (Direction.MIN, Direction.MAX):
            raise ValueError(f"Clause parameter {self.key}: direction must be 'min' or 'max'")

    def shortfall(self, value: Decimal, reference: Decimal) -> Decimal:
        """How much less favourable ``value`` is than ``reference`` (0 when it is as good or better)."""
        gap = reference - value if self.direction == Direction.MIN else value - reference
        return gap if gap > 0 else Decimal(0)

    def more_favourable(self, a: Decimal, b: Decimal) -> Decimal:
        """The more favourable of two values for the worker."""
        return max(a, b) if self.direction == Direction.MIN else min(a, b)


def parameter_by_key(parameters: tuple[ClauseParameter, ...], key: str) -> ClauseParameter | None:
    """The parameter named ``key`` among ``parameters``, or None."""
    for p in parameters:
        if p.key == key:
            return p
    return None
