"""Audit trail read from django-simple-history: who changed what, when, for any register record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.defaultfilters import yesno
from django.utils.translation import gettext_lazy as _

_KIND = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    changes: tuple[FieldChange, ...]
    reason: str


def _display(model: Any, field_name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    # A model whose codes are named elsewhere (a dispute's stage is named by the jurisdiction pack) says how
    # to show them: {"field": callable(value) -> text in the current language}.
    shown = getattr(model, "history_display", {}).get(field_name)
    if shown is not None:
        return str(shown(value))
    if isinstance(value, bool):
        return str(yesno(value))  # Django's own translated "yes"/"no", not "True"/"False"
    try:
        field = model._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 - history may name fields the model no longer has
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _verbose(model: Any, field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name)
    except Exception:  # noqa: BLE001
        return field_name


def _m2m_names(model: Any, field_name: str, value: Any) -> Any:
    """History stores many-to-many changes as through-rows; show the names of the related records."""
    if not isinstance(value, list):
        return value
    try:
        field = model._meta.get_field(field_name)
        target = field.m2m_reverse_field_name()
        ids = [row[target] if isinstance(row, dict) else row for row in value]
        objs = field.related_model._default_manager.in_bulk(ids)
        return [str(objs.get(i, i)) for i in ids]
    except Exception:  # noqa: BLE001 - a field removed since the change was recorded
        return [str(item) for item in value]


def history_of(obj: Any, *, limit: int = 200) -> list[HistoryEntry]:
    """The record's changes, newest first, each with the fields that changed and their old and new values."""
    model = type(obj)
    rows = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries: list[HistoryEntry] = []
    for index, row in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes: list[FieldChange] = []
        if previous is not None and row.history_type == "~":
            delta = row.diff_against(previous)
            for change in delta.changes:
                old = _m2m_names(model, change.field, change.old)
                new = _m2m_names(model, change.field, change.new)
                changes.append(
                    FieldChange(_verbose(model, change.field), _display(model, change.field, old), _display(model, change.field, new))
                )
        user = row.history_user
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=str(user) if user else str(_("system")),
                kind=str(_KIND.get(row.history_type, row.history_type)),
                changes=tuple(changes),
                reason=row.history_change_reason or "",
            )
        )
    return entries
