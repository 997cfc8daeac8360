"""API endpoints of the core app: obtaining, listing and revoking API tokens; who am I."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from tripartite.core import services
from tripartite.core.api_support import ErrorBody, current_user
from tripartite.core.models import ApiToken
from tripartite.core.policy import roles_of

router = Router(tags=["auth"])


class TokenRequest(Schema):
    username: str
    password: str
    name: str = "api"


class TokenCreated(Schema):
    id: int
    name: str
    token: str
    prefix: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewToken(Schema):
    name: str


class MeOut(Schema):
    username: str | None
    authenticated: bool
    roles: list[str]


def _signed_in(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = current_user(request)
    if not user.is_authenticated:
        raise HttpError(401, _("Sign in or send an API token to do this."))
    return user


@router.post("/token", response={201: TokenCreated, 401: ErrorBody, 422: ErrorBody, 429: ErrorBody}, auth=None)
def obtain_token(request: HttpRequest, payload: TokenRequest):  # type: ignore[no-untyped-def]
    """Exchange a username and password for a new token; send it as `Authorization: Bearer <token>`."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        refusal = getattr(request, "login_refusal", None)
        if refusal is not None:
            raise HttpError(429, refusal.message())
        raise HttpError(401, _("Wrong username or password."))
    token, raw = services.api_token_create(user=user, name=payload.name)
    return Status(201, {"id": token.pk, "name": token.name, "token": raw, "prefix": token.prefix})


@router.get("/tokens", response={200: list[TokenOut], 401: ErrorBody})
def list_tokens(request: HttpRequest):  # type: ignore[no-untyped-def]
    return ApiToken.objects.filter(user=_signed_in(request))


@router.post("/tokens", response={201: TokenCreated, 401: ErrorBody, 422: ErrorBody})
def create_token(request: HttpRequest, payload: NewToken):  # type: ignore[no-untyped-def]
    token, raw = services.api_token_create(user=_signed_in(request), name=payload.name)
    return Status(201, {"id": token.pk, "name": token.name, "token": raw, "prefix": token.prefix})


@router.delete("/tokens/{int:token_id}", response={204: None, 400: ErrorBody, 401: ErrorBody})
def revoke_token(request: HttpRequest, token_id: int):  # type: ignore[no-untyped-def]
    services.api_token_revoke(user=_signed_in(request), token_id=token_id)
    return Status(204, None)


@router.get("/me", response=MeOut)
def me(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = current_user(request)
    return {
        "username": user.get_username() if user.is_authenticated else None,
        "authenticated": bool(user.is_authenticated),
        "roles": sorted(roles_of(user)),
    }
