"""Two gunicorn workers writing to one SQLite file: a transaction that reads then writes waits its turn.

The fuzzer's superuser run answered 503s ("database is locked") on PATCH and DELETE: SQLite ignores
select_for_update, so a service's transaction began as a reader and failed at once when it came to write after
another worker had written, whatever the busy timeout. Transactions that begin IMMEDIATE take the write lock first
and wait for it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connections, transaction


def _use_file(alias: str, path: Path) -> None:
    """This thread's connection `alias`: the default database's settings, on the file `path`."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    settings_dict = {**connections.settings["default"], "NAME": str(path)}
    connections[alias] = DatabaseWrapper(settings_dict, alias)


def test_a_read_then_write_transaction_waits_for_another_writer(tmp_path: Path, django_db_blocker: Any) -> None:
    if connections.settings["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite's locking")
    with django_db_blocker.unblock():  # a file of its own, not the test database
        _two_workers(tmp_path / "shared.sqlite3")


def _two_workers(path: Path) -> None:
    _use_file("setup", path)
    with connections["setup"].cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    connections["setup"].close()

    reader_has_read, other_started = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def read_then_write() -> None:
        try:
            _use_file("reader", path)
            with transaction.atomic(using="reader"), connections["reader"].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                n = cursor.fetchone()[0]
                reader_has_read.set()
                other_started.wait(5)
                # Give the other worker the time to write, if it can while this transaction is open.
                threading.Event().wait(0.5)
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except BaseException as exc:  # noqa: BLE001 — reported below, from the test's thread
            errors.append(exc)
        finally:
            connections["reader"].close()

    def write() -> None:
        try:
            _use_file("writer", path)
            reader_has_read.wait(5)
            other_started.set()
            with transaction.atomic(using="writer"), connections["writer"].cursor() as cursor:
                cursor.execute("UPDATE counter SET n = n + 1")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections["writer"].close()

    threads = [threading.Thread(target=read_then_write), threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    _use_file("check", path)
    with connections["check"].cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone()[0] == 2
    connections["check"].close()


def test_the_sqlite_settings_wait_for_the_write_lock() -> None:
    options: dict[str, Any] = connections.settings["default"].get("OPTIONS", {})
    if connections.settings["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite's settings")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
