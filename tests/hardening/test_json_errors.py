"""Every answer under /api/ that is not a success is the one JSON error body, whoever made it (ninja or Django)."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"code", "message", "detail", "errors"}


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["message"] == body["detail"] and body["message"]
    return body


def test_a_path_matching_no_route_is_a_json_404(client: Any) -> None:
    assert _error(client.get("/api/v1/no-such-register/"), 404)["code"] == "not_found"
    assert _error(client.get("/api/v2/"), 404)["code"] == "not_found"


def test_a_malformed_id_in_the_path_is_a_json_404(client: Any) -> None:
    assert _error(client.get("/api/v1/agreements/null"), 404)["code"] == "not_found"
    assert _error(client.delete("/api/v1/auth/tokens/null"), 404)["code"] == "not_found"


def test_an_id_beyond_64_bits_is_a_json_404_not_an_overflow(client: Any) -> None:
    assert _error(client.get("/api/v1/agreements/" + "9" * 40), 404)["code"] == "not_found"
    assert _error(client.get("/api/v1/agreements/9223372036854775808"), 404)["code"] == "not_found"


def test_a_method_the_path_does_not_take_is_a_json_405_with_allow(client: Any) -> None:
    response = client.put("/api/v1/agreements/coverage", data="{}", content_type="application/json")
    assert _error(response, 405)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_a_disallowed_host_is_a_json_400(client: Any) -> None:
    assert _error(client.get("/api/v1/auth/me", HTTP_HOST="attacker.example"), 400)["code"] == "bad_request"


def test_a_body_over_the_upload_limit_is_a_json_413(client: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"username": "x" * 5000, "password": "y"})
    assert _error(client.post("/api/v1/auth/token", data=body, content_type="application/json"), 413)["code"] == \
        "request_too_large"


def test_a_json_endpoint_refuses_another_media_type_with_415(client: Any) -> None:
    body = json.dumps({"username": "x", "password": "y"})
    response = client.post("/api/v1/auth/token", data=body, content_type="text/plain")
    assert _error(response, 415)["code"] == "unsupported_media_type"


def test_a_body_that_is_not_json_is_a_json_400(client: Any) -> None:
    response = client.post("/api/v1/auth/token", data="{not json", content_type="application/json")
    assert _error(response, 400)["code"] == "invalid_json"


def test_an_unexpected_error_is_a_logged_json_500(client: Any, monkeypatch: Any, caplog: Any) -> None:
    def broken(user: Any) -> set[str]:
        raise RuntimeError("a bug")

    monkeypatch.setattr("tripartite.core.api.roles_of", broken)
    with caplog.at_level(logging.ERROR, logger="tripartite.api"):
        body = _error(client.get("/api/v1/auth/me"), 500)
    assert body["code"] == "server_error"
    assert "a bug" not in json.dumps(body)
    assert any("a bug" in (record.exc_text or "") for record in caplog.records)


def test_an_unreachable_database_is_a_json_503_with_retry_after(client: Any, monkeypatch: Any) -> None:
    def down(user: Any) -> set[str]:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("tripartite.core.api.roles_of", down)
    response = client.get("/api/v1/auth/me")
    assert _error(response, 503)["code"] == "unavailable"
    assert int(response["Retry-After"]) > 0


def test_the_message_is_in_the_language_of_the_request(client: Any) -> None:
    english = _error(client.get("/api/v1/no-such-register/", HTTP_ACCEPT_LANGUAGE="en"), 404)
    russian = _error(client.get("/api/v1/no-such-register/", HTTP_ACCEPT_LANGUAGE="ru"), 404)
    kazakh = _error(client.get("/api/v1/no-such-register/", HTTP_ACCEPT_LANGUAGE="kk"), 404)
    assert english["code"] == russian["code"] == kazakh["code"] == "not_found"
    assert len({english["message"], russian["message"], kazakh["message"]}) == 3


def test_pages_outside_the_api_keep_their_html_error_pages(client: Any) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_every_operation_documents_its_error_statuses_with_the_one_body() -> None:
    from tripartite.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    operations = [(path, method, op) for path, item in schema["paths"].items() for method, op in item.items()]
    assert len(operations) > 100
    for path, method, op in operations:
        statuses = {int(s) for s in op["responses"]}
        assert {400, 500, 503} <= statuses, (method, path)
        if "requestBody" in op:
            assert {413, 415, 422} <= statuses, (method, path)
        if any(p["in"] == "path" for p in op.get("parameters", [])):
            assert {404, 422} <= statuses, (method, path)
        if op.get("security"):
            assert 401 in statuses, (method, path)
        for status, answer in op["responses"].items():
            if int(status) >= 400:
                answer = schema["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]] if "$ref" in answer else answer
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
                assert {"code", "message", "detail"} <= set(body["required"]), (method, path, status)


@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=é"])
def test_a_multipart_body_without_a_usable_boundary_is_a_json_400(client: Any, admin_user: Any,
                                                                   content_type: str) -> None:
    from tripartite.core.services import api_token_create

    _token, raw = api_token_create(user=admin_user, name="test")
    response = client.post("/api/v1/agreements/1/document", data=b"--x\r\nbody\r\n--x--\r\n",
                           content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert _error(response, 400)["code"] == "bad_request"


def test_a_web_form_without_a_boundary_is_a_400_not_a_server_error(client: Any) -> None:
    response = client.post("/accounts/login/", data=b"--x\r\nbody\r\n--x--\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
