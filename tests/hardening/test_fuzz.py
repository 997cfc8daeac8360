"""Schemathesis against a live server with the demo data finds nothing, anonymous and as a superuser.

A short bounded run (few examples per operation, fixed seed) so it fits in `make test`; `make fuzz` runs longer.
The superuser's run skips `DELETE /api/v1/auth/tokens/{token_id}`, which could revoke its own token.
"""

from __future__ import annotations

import os

import pytest

from tests.hardening.fuzzing import live_server, run_schemathesis

# Opt-in until a full superuser run has been seen to pass (see the branch's report): TRIPARTITE_FUZZ=1.
pytestmark = [pytest.mark.fuzz, pytest.mark.skipif(os.environ.get("TRIPARTITE_FUZZ") != "1",
                                                   reason="set TRIPARTITE_FUZZ=1 to run schemathesis")]


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with live_server() as running:
        yield running


@pytest.mark.parametrize("label, authenticated", [("anonymous", False), ("superuser", True)])
def test_schemathesis_finds_nothing(server, label: str, authenticated: bool) -> None:  # type: ignore[no-untyped-def]
    figures = run_schemathesis(server, label=label, authenticated=authenticated, max_examples=3, seed=20,
                               phases="examples,coverage,fuzzing,stateful", max_time=100)
    print(figures.report())
    assert figures.operations > 100, figures.output[-3000:]
    assert not figures.failures, figures.report()
