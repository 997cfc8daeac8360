"""The audit trail's hash chain: every history row is sealed; `tripartite audit-check` names the first row
removed, changed or added behind the platform's back; `tripartite audit-export` writes a date range."""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from tests.operations.conftest import on_postgresql
from tripartite.core.audit import audit_check, seal_existing
from tripartite.core.models import AuditHead, AuditSeal, Role, RoleAssignment, ScopeType


def _sql(query: str, params: tuple[Any, ...] = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(query, params)


@pytest.fixture
def trail(make_user: Callable[..., Any]) -> list[Any]:
    """A few audited changes: three users given roles, one role changed, one removed; an organisation with regions."""
    from tripartite.core.models import Region
    from tripartite.partners.models import Kind, Organisation

    people = [make_user(name, role="analyst") for name in ("aigerim", "bolat", "dana")]
    role = RoleAssignment.objects.get(user=people[0])
    role.role = Role.EDITOR
    role.save()
    RoleAssignment.objects.get(user=people[1]).delete()
    org = Organisation.objects.create(kind=Kind.TRADE_UNION, name_en="Miners' union")
    org.regions.set(Region.objects.order_by("kato")[:2])
    return people


def _check_fails() -> str:
    report = audit_check()
    assert not report.ok
    with pytest.raises(CommandError) as raised:
        call_command("audit_check")
    assert str(raised.value) == f"audit trail broken: {report.problem}"
    return str(report.problem)


def test_every_history_row_is_sealed_in_one_unbroken_chain(trail: list[Any]) -> None:
    report = audit_check()
    assert report.ok, report.problem
    seals = list(AuditSeal.objects.order_by("seq").values_list("seq", flat=True))
    history_rows = sum(model.objects.count() for model in (RoleAssignment.history.model,)) + 2  # 1 org row + m2m
    assert report.rows == len(seals) >= history_rows
    assert seals == list(range(1, len(seals) + 1))
    head = AuditHead.objects.get()
    assert (head.seq, head.chain) == (len(seals), AuditSeal.objects.get(seq=len(seals)).chain)
    out = io.StringIO()
    call_command("audit_check", stdout=out)
    assert out.getvalue().startswith(f"audit trail OK: {len(seals)} rows in ")
    assert head.chain in out.getvalue()


def test_a_row_changed_with_sql_is_named(trail: list[Any]) -> None:
    row = RoleAssignment.history.filter(user=trail[0]).order_by("history_id").first()
    seal = AuditSeal.objects.get(table="core.historicalroleassignment", row_id=row.history_id)
    _sql("UPDATE core_historicalroleassignment SET role = 'admin' WHERE history_id = %s", (row.history_id,))
    assert _check_fails() == (f"core.historicalroleassignment row {row.history_id} (link #{seal.seq}) "
                              f"was changed after it was recorded")


def test_a_removed_row_is_named(trail: list[Any]) -> None:
    row = RoleAssignment.history.filter(user=trail[1]).order_by("history_id").first()
    _sql("DELETE FROM core_historicalroleassignment WHERE history_id = %s", (row.history_id,))
    assert _check_fails().endswith(f"row {row.history_id} (link "
                                   f"#{AuditSeal.objects.get(table='core.historicalroleassignment', row_id=row.history_id).seq}) was removed")


def test_a_row_removed_with_its_seal_breaks_the_chain(trail: list[Any]) -> None:
    seal = AuditSeal.objects.order_by("seq")[2]
    _sql("DELETE FROM core_historicalroleassignment WHERE history_id = %s", (seal.row_id,))
    _sql("DELETE FROM core_auditseal WHERE seq = %s", (seal.seq,))
    assert _check_fails() == f"link #{seal.seq} is missing: a row of the audit trail and its seal were removed"


def test_the_last_rows_removed_with_their_seals_are_caught_by_the_head(trail: list[Any]) -> None:
    last = AuditSeal.objects.order_by("-seq").first()
    _sql("DELETE FROM core_auditseal WHERE seq = %s", (last.seq,))
    assert _check_fails() == (f"the chain ends at link #{last.seq - 1} but its head says #{last.seq}: the last rows "
                              f"of the audit trail were removed")


def test_a_seal_rewritten_to_match_a_changed_row_breaks_the_chain(trail: list[Any]) -> None:
    seal = AuditSeal.objects.order_by("seq")[1]
    _sql("UPDATE core_auditseal SET content = %s WHERE seq = %s", ("f" * 64, seal.seq))
    assert _check_fails() == f"{seal.table} row {seal.row_id} (link #{seal.seq}): its seal was changed"


def test_a_row_added_with_sql_has_no_seal(trail: list[Any]) -> None:
    columns = "id, role, scope_type, scope_id, granted_at, user_id, history_date, history_change_reason, history_type"
    _sql(f"INSERT INTO core_historicalroleassignment ({columns}, history_user_id) "  # noqa: S608
         f"SELECT {columns}, history_user_id FROM core_historicalroleassignment WHERE history_id = "
         f"(SELECT MIN(history_id) FROM core_historicalroleassignment)")
    newest = RoleAssignment.history.order_by("-history_id").first()
    assert _check_fails() == (f"core.historicalroleassignment row {newest.history_id} has no seal: it was added "
                              f"outside the platform")


def test_a_changed_many_to_many_row_is_named_by_its_history_row(trail: list[Any]) -> None:
    from tripartite.core.models import Region
    from tripartite.partners.models import Organisation

    org = Organisation.objects.get(name_en="Miners' union")
    from django.apps import apps

    from tripartite.core.audit import audit_tables

    m2m = dict(audit_tables(apps)["partners.historicalorganisation"].m2m)
    table = next(model._meta.db_table for label, model in m2m.items() if label.endswith("_regions"))
    other = Region.objects.order_by("-kato").first()
    _sql(f"UPDATE {table} SET region_id = %s WHERE history_id = "  # noqa: S608
         f"(SELECT MAX(history_id) FROM partners_historicalorganisation WHERE id = %s)", (other.pk, org.pk))
    problem = _check_fails()
    assert problem.startswith("partners.historicalorganisation row ")
    assert problem.endswith("was changed after it was recorded")


def test_a_deleted_user_leaves_the_trail_intact_but_a_changed_author_does_not(
        trail: list[Any], make_user: Callable[..., Any]) -> None:
    from tripartite.core.models import audit_as

    author = make_user("secretary-ann")
    role = RoleAssignment.objects.get(user=trail[2])
    audit_as(role, author)
    role.scope_type, role.scope_id = ScopeType.PLATFORM, None
    role.role = Role.ANALYST
    role.save()
    authored = RoleAssignment.history.filter(history_user=author).get()
    author.delete()  # history_user becomes NULL (SET_NULL): not tampering
    assert audit_check().ok
    _sql("UPDATE core_historicalroleassignment SET history_user_id = %s WHERE history_id = %s",
         (trail[0].pk, authored.history_id))
    assert _check_fails().endswith("its author was changed after it was recorded")


def test_the_migration_seals_rows_written_before_the_chain(trail: list[Any]) -> None:
    from django.apps import apps

    before = audit_check()
    AuditSeal.objects.all().delete()
    AuditHead.objects.all().delete()
    assert not audit_check().ok  # rows without seals
    assert seal_existing(apps) == before.rows
    after = audit_check()
    assert after.ok, after.problem
    assert after.rows == before.rows


def test_the_cli_prints_one_line_and_exits_non_zero_on_a_broken_trail(trail: list[Any], capsys: Any) -> None:
    from tripartite.cli import main

    assert main(["audit-check"]) == 0
    assert capsys.readouterr().out.startswith("audit trail OK")
    _sql("UPDATE core_historicalroleassignment SET role = 'admin'")
    assert main(["audit-check"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("tripartite audit-check: audit trail broken: core.historicalroleassignment row ")


def test_the_export_writes_the_rows_of_a_date_range_with_their_seals(trail: list[Any], tmp_path: Any) -> None:
    today = timezone.localdate()
    old = RoleAssignment.history.order_by("history_id").first()
    RoleAssignment.history.filter(history_id=old.history_id).update(history_date=timezone.now() - timedelta(days=40))
    path = tmp_path / "audit.csv"
    call_command("audit_export", "--from", today.isoformat(), "--to", today.isoformat(), str(path), stdout=io.StringIO())
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rows and old.history_id not in {int(r["history_id"]) for r in rows if r["table"] == "core.historicalroleassignment"}
    sealed = {(s.table, s.row_id): s for s in AuditSeal.objects.all()}
    for row in rows:
        seal = sealed[(row["table"], int(row["history_id"]))]
        assert (int(row["seq"]), row["content_sha256"], row["chain_sha256"]) == (seal.seq, seal.content, seal.chain)
    assert {r["action"] for r in rows} >= {"created", "changed", "deleted"}
    assert [int(r["seq"]) for r in rows] == sorted(int(r["seq"]) for r in rows)
    out = tmp_path / "audit.json"
    call_command("audit_export", "--from", today.isoformat(), "--to", today.isoformat(), "--format", "json", str(out),
                 stdout=io.StringIO())
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["from"] == today.isoformat() and len(document["rows"]) == len(rows)
    assert document["rows"][0]["data"]["role"] in {"analyst", "editor"}
    with pytest.raises(CommandError, match="is before --from"):
        call_command("audit_export", "--from", "2026-02-01", "--to", "2026-01-01", str(out))
    with pytest.raises(CommandError, match="is not a date"):
        call_command("audit_export", "--from", "yesterday", "--to", "2026-01-01", str(out))


def test_the_trail_cannot_be_edited_through_the_admin_or_the_api() -> None:
    from django.contrib import admin

    from tripartite.api import api

    registered = {model._meta.label_lower for model in admin.site._registry}
    assert not {label for label in registered if ".historical" in label or label.startswith("core.audit")}
    for route in api.urls[0]:
        assert "history" not in str(route.pattern) and "audit" not in str(route.pattern)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not on_postgresql(), reason="SQLite runs one writer at a time; the race exists on PostgreSQL")
def test_two_writers_at_once_never_fork_the_chain(make_user: Callable[..., Any]) -> None:
    from django.db import connections

    users = [make_user(f"writer{n}") for n in range(2)]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def write(user: Any) -> None:
        try:
            start.wait()
            for n in range(15):
                RoleAssignment.objects.create(user=user, role=Role.EDITOR, scope_type=ScopeType.ORGANISATION,
                                              scope_id=n + 1)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    report = audit_check()
    assert report.ok, report.problem
    assert report.rows == RoleAssignment.history.count() == 30
