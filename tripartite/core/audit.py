"""The audit trail's hash chain: every history row is sealed when it is written, and a check proves none was
removed, changed or slipped in since.

The audit trail is django-simple-history's tables (one per register model, plus one per audited many-to-many
field). Each history row gets one seal (``core.AuditSeal``): the SHA-256 of the row's content (its columns, and its
many-to-many rows, in a canonical JSON form) and the chain hash, the SHA-256 of the previous seal's chain hash
with this seal's number, table, row, author and content hash. Changing, removing or adding a row — or a seal —
breaks the chain at that row, and the head (``core.AuditHead``: the number and hash of the last seal) catches
the removal of the last rows. Someone who can rewrite the database can rewrite the whole chain too, which is why
`tripartite audit-check` prints the head: keep it outside the database (the operations log, the backup report),
and a later check that does not reach the same head shows the rewrite.

Concurrency: appending locks the head row (SELECT ... FOR UPDATE) until the writer's transaction commits, so two
writers never chain to the same link (the second waits, then reads the first one's committed head — PostgreSQL
re-reads a row it waited for in READ COMMITTED). An advisory lock would serialise the same way; the head row does
it on SQLite and PostgreSQL alike, and SQLite serialises writers anyway. The cost is that audited writes commit
one after the other; the survey answers, which are not audited rows, do not take the lock.

The author is not hashed with the row: a user's deletion sets ``history_user`` to NULL on their rows (Django's
SET_NULL), which is not tampering. The seal keeps the author's id instead and the check accepts a row whose
author is NULL only when that user no longer exists.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import IO, Any
from uuid import UUID

from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import transaction
from django.utils import timezone

GENESIS = "0" * 64
_CHUNK = 2000


@dataclass(frozen=True)
class AuditTable:
    """One history table and the many-to-many history tables whose rows belong to its rows."""

    label: str
    model: Any
    m2m: tuple[tuple[str, Any], ...]

    def layout(self) -> dict[str, Any]:
        fields = sorted(f.attname for f in self.model._meta.concrete_fields if f.attname != "history_user_id")
        m2m = {label: sorted(f.attname for f in model._meta.concrete_fields
                             if f.attname not in ("m2m_history_id", "history_id"))
               for label, model in self.m2m}
        return {"fields": fields, "m2m": m2m}


def audit_tables(apps: Any) -> dict[str, AuditTable]:
    """Every history table in `apps` (the running apps or a migration's state), by model label."""
    historical: dict[str, Any] = {}
    m2m: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if {"history_id", "history_date", "history_type", "history_change_reason"} <= names:
            historical[model._meta.label_lower] = model
        elif {"m2m_history_id", "history"} <= names:
            target = model._meta.get_field("history").related_model
            m2m[target._meta.label_lower].append((model._meta.label_lower, model))
    return {label: AuditTable(label, model, tuple(sorted(m2m.get(label, []), key=lambda item: item[0])))
            for label, model in sorted(historical.items())}


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, Decimal):
        return {"decimal": str(value.normalize())}
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return {"seconds": str(value.total_seconds())}
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return {"hex": bytes(value).hex()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    return str(value)


def _sha256_json(document: Any) -> str:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def layout_key(label: str, layout: dict[str, Any]) -> str:
    return _sha256_json({"table": label, "layout": layout})


def link_hash(previous: str, seq: int, label: str, row_id: int, user_id: int | None, key: str, content: str) -> str:
    text = f"{previous}|{seq}|{label}|{row_id}|{'' if user_id is None else user_id}|{key}|{content}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class LayoutGone(Exception):
    """A column the seals cover is no longer in the table (a migration removed or renamed it)."""


def read_contents(table: AuditTable, layout: dict[str, Any], ids: Iterable[int], using: str
                  ) -> dict[int, tuple[str, int | None]]:
    """(content hash, author id) of the rows `ids` of `table`, hashing the columns `layout` names."""
    ids = list(ids)
    try:
        rows = {row["history_id"]: row for row in table.model._default_manager.using(using)
                .filter(history_id__in=ids).values("history_id", "history_user_id", *layout["fields"])}
        related: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for label, model in table.m2m:
            names = layout["m2m"].get(label)
            if names is None:
                continue
            for row in model._default_manager.using(using).filter(history_id__in=ids).values("history_id", *names):
                owner = row.pop("history_id")
                related[owner][label].append(json.dumps(_canonical(row), sort_keys=True))
    except (FieldError, FieldDoesNotExist) as error:
        raise LayoutGone(str(error)) from error
    contents: dict[int, tuple[str, int | None]] = {}
    for history_id, row in rows.items():
        user_id = row.pop("history_user_id")
        m2m = {label: sorted(related[history_id].get(label, [])) for label in sorted(layout["m2m"])}
        contents[history_id] = (_sha256_json({"table": table.label, "row": _canonical(row), "m2m": m2m}), user_id)
    return contents


def _models(apps: Any) -> tuple[Any, Any, Any]:
    return apps.get_model("core", "AuditHead"), apps.get_model("core", "AuditLayout"), apps.get_model("core", "AuditSeal")


def _layout_row(apps: Any, table: AuditTable, using: str) -> tuple[Any, dict[str, Any]]:
    _head, Layout, _seal = _models(apps)
    layout = table.layout()
    key = layout_key(table.label, layout)
    row = Layout.objects.using(using).filter(key=key).first()
    if row is None:
        row = Layout.objects.using(using).create(key=key, table=table.label, fields=layout)
    return row, layout


def seal_rows(apps: Any, rows: list[tuple[str, int]], using: str = "default") -> None:
    """Append a seal for each (table label, history id), in that order, to the chain."""
    Head, _layout, Seal = _models(apps)
    tables = audit_tables(apps)
    with transaction.atomic(using=using):
        head = Head.objects.using(using).select_for_update().filter(pk=1).first()
        if head is None:  # the migration creates it; a flushed database (tests) has none, and two writers may race
            Head.objects.using(using).bulk_create([Head(pk=1, seq=0, chain=GENESIS)], ignore_conflicts=True)
            head = Head.objects.using(using).select_for_update().get(pk=1)
        by_table: dict[str, list[int]] = defaultdict(list)
        for label, row_id in rows:
            by_table[label].append(row_id)
        contents: dict[tuple[str, int], tuple[str, int | None]] = {}
        layouts: dict[str, Any] = {}
        for label, ids in by_table.items():
            layouts[label], layout = _layout_row(apps, tables[label], using)
            for row_id, found in read_contents(tables[label], layout, ids, using).items():
                contents[(label, row_id)] = found
        seq, chain = head.seq, head.chain
        seals = []
        for label, row_id in rows:
            content, user_id = contents[(label, row_id)]
            seq += 1
            chain = link_hash(chain, seq, label, row_id, user_id, layouts[label].key, content)
            seals.append(Seal(seq=seq, table=label, row_id=row_id, user_id=user_id, layout=layouts[label],
                              content=content, chain=chain))
        Seal.objects.using(using).bulk_create(seals, batch_size=500)
        head.seq, head.chain = seq, chain
        head.save(using=using, update_fields=["seq", "chain"])


def seal_history_row(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    """simple_history's post_create_historical_record receiver: seal the row just written (and its m2m rows)."""
    from django.apps import apps

    using = history_instance._state.db or "default"
    seal_rows(apps, [(sender._meta.label_lower, history_instance.pk)], using)


def seal_existing(apps: Any, using: str = "default") -> int:
    """Seal every history row that has no seal, oldest first (the migration that adds the chain calls this)."""
    _head, _layout, Seal = _models(apps)
    pending: list[tuple[Any, str, int]] = []
    for label, table in audit_tables(apps).items():
        sealed = Seal.objects.using(using).filter(table=label).values("row_id")
        for row_id, when in (table.model._default_manager.using(using).exclude(history_id__in=sealed)
                             .values_list("history_id", "history_date")):
            pending.append((when, label, row_id))
    pending.sort()
    for start in range(0, len(pending), _CHUNK):
        seal_rows(apps, [(label, row_id) for _when, label, row_id in pending[start:start + _CHUNK]], using)
    return len(pending)


# --- the check --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditReport:
    rows: int
    tables: int
    head_seq: int
    head_chain: str
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _seal_chunks(Seal: Any, using: str) -> Iterator[list[Any]]:
    last = 0
    while True:
        chunk = list(Seal.objects.using(using).select_related("layout").filter(seq__gt=last).order_by("seq")[:_CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].seq


def _content_problems(apps: Any, tables: dict[str, AuditTable], chunk: list[Any], using: str) -> dict[int, str]:
    User = apps.get_model("core", "User")
    problems: dict[int, str] = {}
    groups: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for seal in chunk:
        groups[(seal.table, seal.layout_id)].append(seal)
    for (label, _layout_id), seals in groups.items():
        table = tables.get(label)
        if table is None:
            for seal in seals:
                problems[seal.seq] = f"{label} row {seal.row_id} (link #{seal.seq}): the table no longer exists"
            continue
        layout = seals[0].layout
        if layout.table != label or layout_key(label, layout.fields) != layout.key:
            for seal in seals:
                problems[seal.seq] = f"{label} row {seal.row_id} (link #{seal.seq}): its layout was changed"
            continue
        try:
            found = read_contents(table, layout.fields, [s.row_id for s in seals], using)
        except LayoutGone as error:
            for seal in seals:
                problems[seal.seq] = (f"{label} row {seal.row_id} (link #{seal.seq}): a sealed column is gone "
                                      f"({error})")
            continue
        gone_users = set(seal.user_id for seal in seals if seal.user_id is not None) - set(
            User.objects.using(using).filter(pk__in=[s.user_id for s in seals if s.user_id is not None])
            .values_list("pk", flat=True))
        for seal in seals:
            where = f"{label} row {seal.row_id} (link #{seal.seq})"
            if seal.row_id not in found:
                problems[seal.seq] = f"{where} was removed"
                continue
            content, user_id = found[seal.row_id]
            if content != seal.content:
                problems[seal.seq] = f"{where} was changed after it was recorded"
            elif user_id != seal.user_id and not (user_id is None and seal.user_id in gone_users):
                problems[seal.seq] = f"{where}: its author was changed after it was recorded"
    return problems


def audit_check(apps: Any = None, using: str = "default") -> AuditReport:
    """Walk the chain from its first link: the first row removed, changed or added, or None."""
    if apps is None:
        from django.apps import apps
    Head, _layout, Seal = _models(apps)
    tables = audit_tables(apps)
    head = Head.objects.using(using).filter(pk=1).first()
    head_seq, head_chain = (head.seq, head.chain) if head is not None else (0, GENESIS)

    def report(problem: str | None, rows: int) -> AuditReport:
        return AuditReport(rows=rows, tables=len(tables), head_seq=head_seq, head_chain=head_chain, problem=problem)

    previous, expected = GENESIS, 1
    for chunk in _seal_chunks(Seal, using):
        problems = _content_problems(apps, tables, chunk, using)
        for seal in chunk:
            if seal.seq != expected:
                return report(f"link #{expected} is missing: a row of the audit trail and its seal were removed",
                              expected - 1)
            if link_hash(previous, seal.seq, seal.table, seal.row_id, seal.user_id, seal.layout.key,
                         seal.content) != seal.chain:
                return report(f"{seal.table} row {seal.row_id} (link #{seal.seq}): its seal was changed",
                              expected - 1)
            if seal.seq in problems:
                return report(problems[seal.seq], expected - 1)
            previous, expected = seal.chain, expected + 1
    count = expected - 1
    if (head_seq, head_chain) != (count, previous):
        return report(f"the chain ends at link #{count} but its head says #{head_seq}: the last rows of the audit "
                      f"trail were removed", count)
    for label, table in tables.items():
        sealed = Seal.objects.using(using).filter(table=label).values("row_id")
        stray = (table.model._default_manager.using(using).exclude(history_id__in=sealed)
                 .order_by("history_id").values_list("history_id", flat=True).first())
        if stray is not None:
            return report(f"{label} row {stray} has no seal: it was added outside the platform", count)
    return report(None, count)


# --- the export -------------------------------------------------------------------------------------------------

EXPORT_COLUMNS = ["seq", "when", "table", "object_id", "history_id", "action", "user_id", "user", "reason",
                  "content_sha256", "chain_sha256", "data"]
_ACTION = {"+": "created", "~": "changed", "-": "deleted"}


def audit_rows(start: date, end: date, using: str = "default") -> Iterator[dict[str, Any]]:
    """The history rows written from `start` to `end` (whole days in the platform's time zone), oldest first,
    each with its seal."""
    from django.apps import apps

    Head, _layout, Seal = _models(apps)
    User = apps.get_model("core", "User")
    zone = timezone.get_default_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    found: list[tuple[datetime, int, dict[str, Any]]] = []
    for label, table in audit_tables(apps).items():
        model = table.model
        object_field = getattr(getattr(model, "instance_type", None), "_meta", None)
        object_attname = object_field.pk.attname if object_field is not None else "id"
        rows = list(model._default_manager.using(using).filter(history_date__gte=since, history_date__lt=until)
                    .order_by("history_date", "history_id").values())
        seals = {s.row_id: s for s in Seal.objects.using(using).filter(table=label, row_id__in=[r["history_id"]
                                                                                                 for r in rows])}
        for row in rows:
            seal = seals.get(row["history_id"])
            found.append((row["history_date"], seal.seq if seal else 0, {
                "seq": seal.seq if seal else None,
                "when": row["history_date"].astimezone(UTC).isoformat(),
                "table": label,
                "object_id": row.get(object_attname),
                "history_id": row["history_id"],
                "action": _ACTION.get(row["history_type"], row["history_type"]),
                "user_id": row["history_user_id"] if row["history_user_id"] is not None else (seal.user_id if seal else None),
                "user": "",
                "reason": row["history_change_reason"] or "",
                "content_sha256": seal.content if seal else "",
                "chain_sha256": seal.chain if seal else "",
                "data": {k: _canonical(v) for k, v in row.items() if not k.startswith("history_")},
            }))
    found.sort(key=lambda item: (item[0], item[1]))
    names = dict(User.objects.using(using).filter(pk__in={r["user_id"] for _w, _s, r in found if r["user_id"]})
                 .values_list("pk", "username"))
    for _when, _seq, row in found:
        row["user"] = names.get(row["user_id"], "") if row["user_id"] else ""
        yield row


def write_export(rows: Iterable[dict[str, Any]], out: IO[str], fmt: str, *, start: date, end: date) -> int:
    """Write the rows as CSV (one line per row, `data` as JSON) or as one JSON document; the number written."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "data": json.dumps(row["data"], ensure_ascii=False, sort_keys=True)})
            count += 1
        return count
    items = list(rows)
    json.dump({"from": start.isoformat(), "to": end.isoformat(), "rows": items}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)
