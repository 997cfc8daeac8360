"""Kazakhstan: agreements' typed clause parameters and the statutory floors they are checked against (issue 5).

Rules defined here are added to ``kz.RULES``; parameters go to ``JurisdictionPack.clause_parameters``.
"""

from __future__ import annotations

from typing import Any

from .base import Rule

RULES: tuple[Rule, ...] = ()
CLAUSE_PARAMETERS: tuple[Any, ...] = ()
