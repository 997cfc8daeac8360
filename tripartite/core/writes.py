"""What every app's services share: the permission check, applying the fields a use case may change, and saving
or deleting a record with its author in the audit trail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from tripartite.core.errors import NotAllowed
from tripartite.core.models import audit_as
from tripartite.core.policy import Action, can


def require(by: Any, action: Action | str, target: Model | None, *, kind: type[Model] | str | None = None) -> None:
    """Refuse (NotAllowed, 403) unless the policy lets `by` take `action` on `target` (see `policy.can`)."""
    if not can(by, action, target, kind=kind):
        raise NotAllowed(_("You do not have permission to do this."))


def require_move(by: Any, obj: Model, field: str, data: Mapping[str, Any]) -> None:
    """Handing a record to another owner (`data[field]` is not its current one) needs the right to create one there
    too: a secretariat cannot move its commission into a body it does not serve."""
    new = data.get(field)
    if new is not None and new.pk != getattr(obj, f"{field}_id"):
        require(by, Action.CREATE, new, kind=type(obj))


def apply_changes(obj: Model, data: Mapping[str, Any], allowed: Iterable[str], *, required: Iterable[str] = ()) -> list[str]:
    """Set the fields given in `data` on `obj` and return those whose value changed.

    Only the fields in `allowed` may be given (anything else is a programming error, not a user's). Text is
    stripped, and `None` for a text field means empty; a field in `required` given as `None` is refused.
    """
    allowed = set(allowed)
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"Fields that cannot be changed here: {sorted(unknown)}")
    required = set(required)
    changed = []
    for field, value in data.items():
        if value is None and field in required:
            raise ValidationError({field: _("This field is required.")})
        if isinstance(value, str) or (value is None and isinstance(getattr(obj, field, None), str)):
            value = (value or "").strip()
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed.append(field)
    return changed


def save(obj: Model, by: Any, *, validate: bool = True) -> None:
    """Validate the record (`full_clean`) and save it, with `by` as the author of the history row."""
    if validate:
        obj.full_clean()
    audit_as(obj, by)
    obj.save()


def delete(obj: Model, by: Any) -> None:
    """Delete the record, with `by` as the author of the history row that keeps it."""
    audit_as(obj, by)
    obj.delete()
