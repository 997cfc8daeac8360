"""The one error of agreement coding: a file or text that cannot be read or coded, with a stable code."""

from __future__ import annotations

from typing import Any

from tripartite.core.errors import DomainError


class CodingError(DomainError):
    """The file or text cannot be coded; ``code`` is stable (not_supported, encrypted, no_text, empty, too_long...)."""

    status = 422

    def __init__(self, code: str, message: Any, *, field: str | None = None,
                 params: dict[str, Any] | None = None) -> None:
        self.code = code
        super().__init__(message, field=field, params=params)
