"""Domain errors: a translatable message, optionally tied to a field; the web, API and CLI show them."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A business rule refused the request. `status` is the HTTP status the API answers with."""

    status = 400

    def __init__(self, message: Any, *, field: str | None = None, params: dict[str, Any] | None = None) -> None:
        self.message = message
        self.field = field
        self.params = params or {}
        super().__init__(str(message))

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


class NotAllowed(DomainError):
    """The policy refused the action."""

    status = 403


class Conflict(DomainError):
    """The request clashes with what is stored (a duplicate, a state that does not allow it)."""

    status = 409
