"""The packs' errors: each carries a stable code and named parameters, so the web layer can translate it.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from typing import Any


class JurisdictionError(Exception):
    """Base error of the jurisdiction packs."""

    code: str = "jurisdiction_error"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.params: dict[str, Any] = params


class UnknownJurisdiction(JurisdictionError, LookupError):
    code = "unknown_jurisdiction"


class RuleNotFound(JurisdictionError, LookupError):
    """No version of the rule exists, or none is in force on the date asked."""

    code = "rule_not_found"


class RuleNotSet(JurisdictionError):
    """The rule exists but has no value (unconfirmed law): it must be configured before use."""

    code = "rule_not_set"


class InvalidOverride(JurisdictionError, ValueError):
    code = "invalid_override"


class LevelNotFound(JurisdictionError, LookupError):
    code = "level_not_found"


