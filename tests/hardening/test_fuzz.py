"""Schemathesis against a live server with the demo data finds nothing, anonymous and as a superuser.

By default a quick run (fuzzing.QUICK: one example per operation, fixed seed) on pytest-django's live server and
the session's test database, so it runs in every `make test` on SQLite and PostgreSQL alike. With
TRIPARTITE_FUZZ=1 the long run (fuzzing.LONG, as `make fuzz`) against gunicorn on a freshly migrated database.
The superuser's runs skip `/api/v1/auth/tokens/`, which could revoke the token they use.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hardening.fuzzing import (
    LONG,
    QUICK,
    UNLIMITED,
    FuzzFigures,
    LiveServer,
    Profile,
    live_server,
    run_schemathesis,
)

pytestmark = pytest.mark.fuzz
LONG_RUN = os.environ.get("TRIPARTITE_FUZZ") == "1"


@pytest.fixture
def demo_server(live_server: Any, settings: Any, tmp_path: Path) -> Iterator[LiveServer]:
    """The demo loaded into the test database, served in-process, with a superuser's token.

    The test's transaction is real (the server's threads must see the demo) and the flush after it would take the
    migrations' reference data with it: serialized_rollback puts that back for the tests that follow."""
    from tripartite.core.models import User
    from tripartite.core.services import api_token_create
    from tripartite.demo.services import load_demo

    settings.MEDIA_ROOT = str(tmp_path / "media")
    for name, value in UNLIMITED.items():
        setattr(settings, name, value)
    assert load_demo().loaded
    admin = User.objects.create_superuser(username="fuzz-admin", password="fuzz-admin-not-secret")
    yield LiveServer(url=live_server.url, token=api_token_create(user=admin, name="fuzz")[1])


def _runs(server: LiveServer, profile: Profile) -> list[FuzzFigures]:
    figures = []
    for label, authenticated in (("anonymous", False), ("superuser", True)):
        started = time.monotonic()
        found = run_schemathesis(server, label=label, authenticated=authenticated, profile=profile, seed=20)
        print(found.report(), f"({time.monotonic() - started:.0f} s)")
        figures.append(found)
    return figures


def _assert_clean(figures: list[FuzzFigures]) -> None:
    for found in figures:
        assert found.operations > 100, found.output[-3000:]
        assert found.cases > found.operations, found.summary()
        assert not found.failures, found.report()


@pytest.mark.skipif(LONG_RUN, reason="TRIPARTITE_FUZZ=1 runs the long profile instead")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_quick_schemathesis_run_finds_nothing(demo_server: LiveServer) -> None:
    _assert_clean(_runs(demo_server, QUICK))


@pytest.mark.skipif(not LONG_RUN, reason="the long run: set TRIPARTITE_FUZZ=1 (or `make fuzz`)")
def test_a_long_schemathesis_run_against_gunicorn_finds_nothing() -> None:
    with live_server() as server:
        _assert_clean(_runs(server, LONG))
