"""Each schema in the published OpenAPI document is the one its operations answer with.

Ninja files schemas under their class names; two apps' `DeadlineOut` (and `DocumentOut`, `VersionOut`) left one
app's answers described by another's schema, which the fuzzer reported as response-schema mismatches.
"""

from __future__ import annotations

from datetime import date

import pytest
from ninja import Router, Schema
from ninja.errors import ConfigError

from tripartite.api import api
from tripartite.core.api_support import PlatformAPI


def test_two_different_schemas_under_one_name_are_refused() -> None:
    first, second = Router(), Router()

    class DeadlineOut(Schema):
        due: date

    @first.get("/a", response=DeadlineOut)
    def a(request):  # type: ignore[no-untyped-def]
        return {"due": date(2026, 1, 1)}

    class DeadlineOut(Schema):  # type: ignore[no-redef]
        rule: str

    @second.get("/b", response=DeadlineOut)
    def b(request):  # type: ignore[no-untyped-def]
        return {"rule": "x"}

    clashing = PlatformAPI(urls_namespace="clash-test")
    clashing.add_router("/first", first)
    clashing.add_router("/second", second)
    with pytest.raises(ConfigError, match="DeadlineOut"):
        clashing.get_openapi_schema(path_prefix="/")


def test_one_schema_used_by_several_operations_is_fine() -> None:
    router = Router()

    class Shared(Schema):
        name: str

    @router.get("/a", response=Shared)
    def a(request):  # type: ignore[no-untyped-def]
        return {"name": "a"}

    @router.get("/b", response=list[Shared])
    def b(request):  # type: ignore[no-untyped-def]
        return []

    sharing = PlatformAPI(urls_namespace="share-test")
    sharing.add_router("/", router)
    assert "Shared" in sharing.get_openapi_schema(path_prefix="/")["components"]["schemas"]


def test_the_disputes_deadlines_and_documents_have_their_own_schemas() -> None:
    schemas = api.get_openapi_schema(path_prefix="/api/v1/")["components"]["schemas"]
    assert {"rule", "party", "status"} <= set(schemas["DisputeDeadlineOut"]["properties"])
    assert {"source_url", "set_by_secretariat"} <= set(schemas["DeadlineOut"]["properties"])
    assert {"file_url", "stage"} <= set(schemas["DisputeDocumentOut"]["properties"])
    assert {"sha256", "kind"} <= set(schemas["DocumentOut"]["properties"])
    assert "questions" in schemas["VersionOut"]["properties"]
    assert "articles" in schemas["DraftVersionOut"]["properties"]


def test_the_document_is_built_once_not_on_every_request(monkeypatch: pytest.MonkeyPatch) -> None:
    # Building it takes seconds; a client asking for it in a loop must not cost the server those seconds each time.
    from tripartite.core import api_support

    router = Router()

    @router.get("/a")
    def a(request):  # type: ignore[no-untyped-def]
        return {}

    built = []
    monkeypatch.setattr(api_support, "document_errors", lambda schema: built.append(schema))
    cached = PlatformAPI(urls_namespace="cache-test")
    cached.add_router("/", router)
    first = cached.get_openapi_schema(path_prefix="/")
    assert cached.get_openapi_schema(path_prefix="/") is first
    assert len(built) == 1
