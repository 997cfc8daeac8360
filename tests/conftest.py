"""Shared fixtures: users with roles (personas) for the permission tests, and an API client."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    """Create a user, optionally with a role over a scope: make_user("ann", role="editor", organisation=org)."""
    from tripartite.core.models import Role, RoleAssignment, ScopeType, User

    def make(
        username: str,
        *,
        role: str | None = None,
        organisation: Any = None,
        commission: Any = None,
        password: str = PASSWORD,
    ) -> Any:
        user = User.objects.create_user(username=username, password=password)
        if role is not None:
            if organisation is not None:
                scope_type, scope_id = ScopeType.ORGANISATION, organisation.pk
            elif commission is not None:
                scope_type, scope_id = ScopeType.COMMISSION, commission.pk
            else:
                scope_type, scope_id = ScopeType.PLATFORM, None
            RoleAssignment.objects.create(user=user, role=Role(role), scope_type=scope_type, scope_id=scope_id)
        return user

    return make


@dataclass(frozen=True)
class Personas:
    """The three people every permission is tested with (as healthchecks' tests do).

    `owner` holds the role that runs the record, scoped to the record's organisation or commission; `member`
    belongs to the same organisation or commission with a role that only reads; `outsider` holds the owner's
    role over another organisation or commission, so that a scope mistake shows up as a leak.
    """

    owner: Any
    member: Any
    outsider: Any


@pytest.fixture
def make_personas(make_user: Callable[..., Any]) -> Callable[..., Personas]:
    """`make_personas(role="editor", organisation=org, elsewhere=other_org)` (or `commission=`, for a commission)."""

    def make(*, role: str, elsewhere: Any, organisation: Any = None, commission: Any = None,
             member_role: str = "analyst", prefix: str = "") -> Personas:
        scope = {"organisation": organisation} if organisation is not None else {"commission": commission}
        other = {"organisation" if organisation is not None else "commission": elsewhere}
        return Personas(
            owner=make_user(f"{prefix}owner", role=role, **scope),
            member=make_user(f"{prefix}member", role=member_role, **scope),
            outsider=make_user(f"{prefix}outsider", role=role, **other),
        )

    return make


@pytest.fixture
def admin_user(make_user: Callable[..., Any]) -> Any:
    return make_user("platform-admin", role="admin")


@pytest.fixture
def anonymous() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


class ApiClient:
    """Calls /api/v1 with a bearer token (or anonymously) and returns (status, parsed JSON)."""

    def __init__(self, client: Any, token: str | None = None) -> None:
        self.client = client
        self.token = token

    def _headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def call(self, method: str, path: str, body: Any = None, *, raw: str | None = None) -> tuple[int, Any]:
        url = path if path.startswith("/") else f"/api/v1/{path}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs: dict[str, Any] = {"content_type": "application/json", **self._headers()}
        if data is not None:
            kwargs["data"] = data
        response = getattr(self.client, method.lower())(url, **kwargs)
        try:
            payload = response.json() if response.content else None
        except ValueError:
            payload = response.content.decode()
        return response.status_code, payload

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        from urllib.parse import urlencode

        query = f"?{urlencode(params, doseq=True)}" if params else ""
        return self.call("get", path + query)

    def post(self, path: str, body: Any = None, **kw: Any) -> tuple[int, Any]:
        return self.call("post", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> tuple[int, Any]:
        return self.call("put", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> tuple[int, Any]:
        return self.call("patch", path, body, **kw)

    def delete(self, path: str) -> tuple[int, Any]:
        return self.call("delete", path)


@pytest.fixture
def api(client: Any) -> Callable[[Any], ApiClient]:
    """api(user) → a client authenticated with a fresh token of `user`; api(None) → anonymous."""
    from tripartite.core.services import api_token_create

    def for_user(user: Any = None) -> ApiClient:
        if user is None:
            return ApiClient(client)
        _token, raw = api_token_create(user=user, name="test")
        return ApiClient(client, raw)

    return for_user


@pytest.fixture(scope="session")
def spark() -> Any:
    """ONE SparkSession (local[*], the machine's JVM) for every Spark test of the run; the command line's
    own getOrCreate() finds it, so no test pays the JVM's start twice."""
    import os
    import shutil

    pytest.importorskip("pyspark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime (.ci/run installs default-jre-headless)")
    from tripartite.analysis.engines import spark_session

    session = spark_session()
    yield session
    session.stop()


@pytest.fixture(scope="session", autouse=True)
def clause_models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The clause-topic model files of the run go to a directory of its own, never to the installation's var/
    (the SQLite and PostgreSQL runs go side by side, and a live server may train a model on its first suggestion);
    tests/agreements/coding gives each of its tests a fresh one."""
    from django.conf import settings

    settings.CLAUSE_MODEL_DIR = tmp_path_factory.mktemp("clause-models")
    return settings.CLAUSE_MODEL_DIR
