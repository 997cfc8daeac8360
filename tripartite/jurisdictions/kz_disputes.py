"""Kazakhstan: the collective labour dispute procedure as data (issue 6).

Rules defined here are added to ``kz.RULES``; the procedure goes to ``JurisdictionPack.dispute_procedure``.
"""

from __future__ import annotations

from typing import Any

from .base import Rule

RULES: tuple[Rule, ...] = ()
PROCEDURE: Any = None
