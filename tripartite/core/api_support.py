"""What every API router shares: authentication, the one error body, permission checks, pagination."""

from __future__ import annotations

from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf
from pydantic import create_model

from tripartite.core.errors import DomainError
from tripartite.core.i18n import in_languages
from tripartite.core.policy import Action, can
from tripartite.core.services import api_token_authenticate

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class ErrorItem(Schema):
    field: str | None
    message: str


class ErrorBody(Schema):
    detail: str
    errors: list[ErrorItem] = []


class Ref(Schema):
    """A record referred to by another: its id and its name in the reader's language."""

    id: int
    name: str


class CodeRef(Schema):
    """A reference entry known by its code (a topic, a kind): the code and its name in the reader's language."""

    code: str
    name: str


class RegionRef(Schema):
    kato: str
    name: str


class SectorRef(Schema):
    code: str
    name: str


# What any endpoint may answer besides its success, documented in the OpenAPI contract. Reads: not signed in
# where that matters, refused, not found, invalid query. Writes add a refused rule (400) and a conflict (409).
READ_ERRORS: dict[int, Any] = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}
WRITE_ERRORS: dict[int, Any] = {400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody,
                                422: ErrorBody}


_COLUMN_TYPES: dict[str, tuple[Any, Any]] = {
    "in": (str, ""),  # may be left out: empty
    "patch": (str | None, None),  # may be left out: not changed
    "out": (str, ...),  # always given
}


def trilingual_schema(name: str, *fields: str, kind: Literal["in", "patch", "out"] = "in") -> type[Schema]:
    """A schema fragment with each field's three columns (`name_kk`, `name_ru`, `name_en`) as text.

    Input, patch and output schemas inherit it:
    `class CommissionIn(trilingual_schema("CommissionInNames", "name")): ...` (mypy: `# type: ignore[misc]`,
    as for any base class made at run time). The fragment's own name never appears in the OpenAPI document.
    """
    columns = {column: _COLUMN_TYPES[kind] for column in in_languages(*fields)}
    return create_model(name, __base__=Schema, **columns)  # type: ignore[call-overload, no-any-return]


class PlatformAuth(AuthBase):
    """Bearer token, else the browser session (CSRF-checked for writes), else an anonymous visitor.

    Anonymous visitors get through authentication and see published records only; every write
    asks the policy, which refuses them.
    """

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _sep, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                raise AuthenticationError()
            user = api_token_authenticate(raw.strip())
            if user is None:
                raise AuthenticationError()
            request.user = user
            return user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method in UNSAFE_METHODS and check_csrf(request) is not None:
                raise HttpError(403, _("CSRF check failed: reload the page or use an API token."))
            return user
        if request.method in UNSAFE_METHODS:
            # Refuse before the body is validated: an anonymous write is a 401 whatever it sends.
            raise AuthenticationError()
        request.user = AnonymousUser()
        return request.user


def current_user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None) or getattr(request, "user", None) or AnonymousUser()


def require(request: HttpRequest, action: Action | str, target: models.Model | None, *, kind: Any = None) -> None:
    """Raise 401 for an anonymous caller and 403 for a signed-in one when the policy refuses."""
    user = current_user(request)
    if can(user, action, target, kind=kind):
        return
    if not user.is_authenticated:
        raise HttpError(401, _("Sign in or send an API token to do this."))
    raise HttpError(403, _("You do not have permission to do this."))


def get_or_404(queryset: models.QuerySet[Any], **lookup: Any) -> Any:
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def _error(api: NinjaAPI, request: HttpRequest, status: int, detail: str, errors: list[dict[str, Any]] | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


_PYDANTIC_MESSAGES = {
    "missing": lambda: _("This field is required."),
    "int_parsing": lambda: _("Enter a whole number."),
    "int_type": lambda: _("Enter a whole number."),
    "float_parsing": lambda: _("Enter a number."),
    "bool_parsing": lambda: _("Enter true or false."),
    "date_from_datetime_parsing": lambda: _("Enter a valid date (YYYY-MM-DD)."),
    "date_parsing": lambda: _("Enter a valid date (YYYY-MM-DD)."),
    "datetime_parsing": lambda: _("Enter a valid date and time."),
    "string_too_long": lambda: _("This value is too long."),
    "string_type": lambda: _("Enter text."),
    "enum": lambda: _("Choose one of the allowed values."),
    "literal_error": lambda: _("Choose one of the allowed values."),
    "greater_than_equal": lambda: _("This value is too small."),
    "less_than_equal": lambda: _("This value is too large."),
    "list_type": lambda: _("Enter a list."),
    "json_invalid": lambda: _("The request body is not valid JSON."),
    "model_attributes_type": lambda: _("The request body must be a JSON object."),
    "dict_type": lambda: _("The request body must be a JSON object."),
}


def _field_of(loc: Any) -> str | None:
    parts = [str(p) for p in (loc or []) if p not in ("body", "query", "path", "payload", "form", "filters")]
    return ".".join(parts) or None


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error, whatever raised it, answers with `{"detail": ..., "errors": [{"field", "message"}]}`."""

    @api.exception_handler(NinjaValidationError)
    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        items = []
        for err in exc.errors:
            make = _PYDANTIC_MESSAGES.get(str(err.get("type", "")))
            items.append({"field": _field_of(err.get("loc")), "message": make() if make else str(err.get("msg", ""))})
        return _error(api, request, 422, _("The request has invalid fields."), items)

    @api.exception_handler(DjangoValidationError)
    def on_model_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        items: list[dict[str, Any]] = []
        if hasattr(exc, "error_dict"):
            for field, errs in exc.message_dict.items():
                for message in errs:
                    items.append({"field": None if field == "__all__" else field, "message": message})
        else:
            items = [{"field": None, "message": m} for m in exc.messages]
        return _error(api, request, 422, _("The request has invalid fields."), items)

    @api.exception_handler(DomainError)
    def on_domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        message = str(exc)
        items = [{"field": exc.field, "message": message}] if exc.field else []
        return _error(api, request, exc.status, message, items)

    @api.exception_handler(Http404)
    def on_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _error(api, request, 404, _("Not found."))

    @api.exception_handler(PermissionDenied)
    def on_403(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _error(api, request, 403, _("You do not have permission to do this."))

    @api.exception_handler(AuthenticationError)
    def on_401(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _error(api, request, 401, _("The API token is missing, wrong or revoked."))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _error(api, request, exc.status_code, str(exc))
