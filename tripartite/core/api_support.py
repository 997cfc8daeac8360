"""What every API router shares: authentication, the one error body, permission checks, pagination."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError, models
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, ConfigError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security.base import AuthBase
from ninja.utils import check_csrf
from pydantic import Field, create_model

from tripartite.core.api_guard import ERROR_CODES, PlatformParser, RequestRefused, error_body
from tripartite.core.errors import DomainError
from tripartite.core.i18n import in_languages
from tripartite.core.policy import Action, can
from tripartite.core.services import api_token_authenticate

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
logger = logging.getLogger("tripartite.api")
# The last page number a list accepts: far past any register's end (an empty page), and far below the integers
# a database refuses (the issue's `?page=1.2e36` was a 500).
MAX_PAGE = 1_000_000
# Seconds a client is asked to wait when the database cannot be reached (a restart takes a few).
RETRY_AFTER_SECONDS = 5
# An error body lists at most this many field errors and cuts each text at this many characters: the input that
# caused them may be huge (a megabyte of unknown question codes) and must not be echoed back whole.
MAX_ERROR_ITEMS = 20
MAX_ERROR_TEXT = 200


class ErrorItem(Schema):
    field: str | None = Field(description="The field the message is about (dotted for nested ones), or null")
    message: str = Field(description="What is wrong, in the request's language")


class ErrorBody(Schema):
    """The one error body of every answer under /api/ that is not a success."""

    code: str = Field(description="Stable machine code: " + ", ".join(sorted(set(ERROR_CODES.values())))
                      + ", or a more specific one such as nul_character, too_deeply_nested, invalid_json")
    message: str = Field(description="What went wrong and what to do, in the request's language")
    detail: str = Field(description="The same text as message (kept for clients written before message)")
    errors: list[ErrorItem] = Field([], description=f"Field errors, at most {MAX_ERROR_ITEMS} and a last one counting the rest")


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


def cut(text: Any, limit: int = MAX_ERROR_TEXT) -> str:
    """A text from the request, shortened so an error body never echoes unbounded input."""
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _bounded(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = [{"field": None if e.get("field") is None else cut(e["field"], 100), "message": cut(e["message"])}
             for e in errors[:MAX_ERROR_ITEMS]]
    if len(errors) > MAX_ERROR_ITEMS:
        more = len(errors) - MAX_ERROR_ITEMS
        items.append({"field": None, "message": ngettext("… and %(count)s more error.", "… and %(count)s more errors.",
                                                         more) % {"count": more}})
    return items


def _error(api: NinjaAPI, request: HttpRequest, status: int, detail: str, errors: list[dict[str, Any]] | None = None,
           *, code: str | None = None) -> HttpResponse:
    body = error_body(status, cut(detail, 1000), code=code, errors=_bounded(errors or []))
    return api.create_response(request, body, status=status)


_PYDANTIC_MESSAGES = {
    "missing": lambda: _("This field is required."),
    "int_parsing": lambda: _("Enter a whole number."),
    "int_parsing_size": lambda: _("This number has too many digits."),
    "int_from_float": lambda: _("Enter a whole number."),
    "less_than": lambda: _("This value is too large."),
    "greater_than": lambda: _("This value is too small."),
    "string_too_short": lambda: _("This value is too short."),
    "too_long": lambda: _("This list is too long."),
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
    """Every error, whatever raised it, answers with the one error body (ErrorBody): `{code, message, detail,
    errors: [{field, message}]}`. What Django answers outside ninja is made JSON by api_guard.ApiErrorMiddleware."""

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
        return _error(api, request, exc.status, message, items, code=getattr(exc, "code", None))

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
        # Ninja wraps whatever the body parser raised in a 400 "Cannot parse request body": answer the cause.
        if isinstance(exc.__cause__, RequestRefused):
            return on_refused(request, exc.__cause__)
        return _error(api, request, exc.status_code, str(exc))

    @api.exception_handler(RequestRefused)
    def on_refused(request: HttpRequest, exc: RequestRefused) -> HttpResponse:
        return api.create_response(request, exc.body(), status=exc.status)

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return _error(api, request, 413, _("The request body is too large."))

    @api.exception_handler(SuspiciousOperation)
    def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        logging.getLogger("django.security").warning("Refused a suspicious API request: %s", exc)
        return _error(api, request, 400, _("The request is malformed."))

    @api.exception_handler(MultiPartParserError)
    def on_bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        # A multipart body without a usable boundary (or cut short): the client's request, not the server, is wrong.
        return _error(api, request, 400, _("The request is malformed."))

    @api.exception_handler(OverflowError)
    def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        # SQLite cannot hold an integer beyond 64 bits; PostgreSQL compares it and finds nothing. Either way the
        # number cannot name anything stored.
        return _error(api, request, 422, _("A number in the request is out of range."), code="out_of_range")

    @api.exception_handler(OperationalError)
    def on_database_down(request: HttpRequest, exc: OperationalError | InterfaceError) -> HttpResponse:
        logger.error("Database unavailable on %s %s: %s", request.method, request.path, exc)
        response = _error(api, request, 503, _("The service is briefly unavailable. Try again in a few seconds."))
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    api.add_exception_handler(InterfaceError, on_database_down)  # type: ignore[arg-type]

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error on %s %s", request.method, request.path)
        return _error(api, request, 500, _("Something went wrong on the server. The error has been logged."))


class UniquelyNamedSchema(OpenAPISchema):
    """Ninja's OpenAPI document, refusing two different schemas under one name.

    Ninja files every schema under its class name and lets the last one win: two apps' `DeadlineOut` left the
    disputes' deadlines described by the consultations' schema, and every answer failed its own contract.
    """

    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            if self.schemas.get(name, definition) != definition:
                raise ConfigError(f"Two API schemas are named {name!r}: give one of the classes another name.")
        super().add_schema_definitions(definitions)


class PlatformAPI(NinjaAPI):
    """The NinjaAPI with the platform's parser, error handlers and every error status documented."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("parser", PlatformParser())
        super().__init__(**kwargs)
        self._openapi_documents: dict[str, Any] = {}
        install_error_handlers(self)

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        # Built once per address: it takes seconds (170 operations), does not change while the server runs, and
        # does not depend on the reader's language; without the cache every request for it cost those seconds.
        # Callers share the one document: read it, never change it.
        if path_prefix not in self._openapi_documents:
            schema = UniquelyNamedSchema(self, path_prefix)
            document_errors(schema)
            self._openapi_documents[path_prefix] = schema
        return self._openapi_documents[path_prefix]


# What can answer an error whatever the operation: a malformed request (NUL, bad JSON), the server, the database.
_ANY_OPERATION = (400, 500, 503)


def errors_of(operation: dict[str, Any], method: str) -> set[int]:
    """The error statuses an operation can answer, read from what it takes (its OpenAPI description)."""
    statuses = set(_ANY_OPERATION)
    if operation.get("security"):
        statuses |= {401, 403}
    places = {p.get("in") for p in operation.get("parameters", [])}
    if "path" in places:
        statuses |= {404, 422}
    if places - {"path"}:
        statuses.add(422)
    if "requestBody" in operation:
        statuses |= {413, 415, 422}
    return statuses


def document_errors(schema: Any) -> None:
    """Add to each operation of an OpenAPI document every error status it can answer, with the one error body.

    One rule here instead of the same statuses repeated on each of ~170 operations: each added status refers to
    a shared response (`#/components/responses/Error400`, ...); the statuses an operation declares itself
    (`response={...: ErrorBody}`) stay as they are.
    """
    error_ref = {"$ref": "#/components/schemas/ErrorBody"}
    retry = {"Retry-After": {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}}
    shared = schema.setdefault("components", {}).setdefault("responses", {})
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(errors_of(operation, method)):
                if status in responses or str(status) in responses:
                    continue
                name = f"Error{status}"
                if name not in shared:
                    shared[name] = {"description": HTTPStatus(status).phrase,
                                    "content": {"application/json": {"schema": error_ref}}}
                    if status in (429, 503):
                        shared[name]["headers"] = retry
                responses[status] = {"$ref": f"#/components/responses/{name}"}
            if 429 in responses and "$ref" not in responses[429]:
                responses[429].setdefault("headers", retry)
