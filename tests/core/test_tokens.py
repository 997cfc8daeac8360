"""API tokens: obtained with a password, stored hashed, sent as a bearer header, revocable."""

from __future__ import annotations

import hashlib

import pytest

from tests.conftest import PASSWORD
from tripartite.core.models import ApiToken

pytestmark = pytest.mark.django_db


def test_token_is_obtained_with_username_and_password(client, make_user):
    make_user("ann")
    response = client.post(
        "/api/v1/auth/token", {"username": "ann", "password": PASSWORD, "name": "script"}, content_type="application/json"
    )
    assert response.status_code == 201
    raw = response.json()["token"]
    stored = ApiToken.objects.get()
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in (stored.key_hash, stored.prefix)


def test_wrong_password_gets_401_with_the_error_body(client, make_user):
    make_user("ann")
    response = client.post(
        "/api/v1/auth/token", {"username": "ann", "password": "nope"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response.json()["errors"] == []


def test_missing_password_gets_422_naming_the_field(client):
    response = client.post("/api/v1/auth/token", {"username": "ann"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "password"


def test_malformed_json_is_a_client_error_not_a_500(client):
    response = client.post("/api/v1/auth/token", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_bearer_token_identifies_the_user(api, make_user):
    user = make_user("ann", role="analyst")
    status, body = api(user).get("auth/me")
    assert status == 200
    assert body == {"username": "ann", "authenticated": True, "roles": ["analyst"]}


def test_anonymous_caller_is_not_authenticated(api):
    status, body = api(None).get("auth/me")
    assert status == 200
    assert body["authenticated"] is False


def test_a_wrong_token_gets_401(client):
    response = client.get("/api/v1/auth/me", HTTP_AUTHORIZATION="Bearer tp_wrong")
    assert response.status_code == 401


def test_a_revoked_token_stops_working(api, make_user):
    user = make_user("ann")
    caller = api(user)
    token_id = ApiToken.objects.get(user=user).pk
    assert caller.delete(f"auth/tokens/{token_id}")[0] == 204
    assert caller.get("auth/me")[0] == 401


def test_tokens_are_listed_without_their_secret(api, make_user):
    user = make_user("ann")
    status, body = api(user).get("auth/tokens")
    assert status == 200
    assert len(body) == 1
    assert "token" not in body[0] and "key_hash" not in body[0]


def test_a_user_cannot_revoke_someone_elses_token(api, make_user):
    owner = make_user("ann")
    api(owner)
    other = make_user("bob")
    token_id = ApiToken.objects.get(user=owner).pk
    status, body = api(other).delete(f"auth/tokens/{token_id}")
    assert status == 400
    assert ApiToken.objects.get(pk=token_id).revoked_at is None


def test_tokens_page_creates_a_token_and_shows_it_once(client, make_user):
    make_user("ann")
    client.login(username="ann", password=PASSWORD)
    response = client.post("/accounts/tokens/", {"name": "laptop"})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("tp_")
    assert raw not in client.get("/accounts/tokens/").content.decode()


def test_tokens_page_refuses_an_empty_name(client, make_user):
    make_user("ann")
    client.login(username="ann", password=PASSWORD)
    response = client.post("/accounts/tokens/", {"name": "  "})
    assert response.context["error"]
    assert ApiToken.objects.count() == 0
