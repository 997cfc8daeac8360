"""What keeps hostile input away from views and the database: limits, the API's JSON parser, the middleware.

Three layers, each for what only it can see:
- `ApiErrorMiddleware` sees every request: it refuses a NUL character in the path, the query string, a header or
  a form field (PostgreSQL refuses NUL in text, so it would otherwise surface as a 500; the public survey form's
  referral code, invitation token and thanks page are reached this way), and under /api/ turns every error
  Django answers itself (a path matching no route, a malformed id, 405, a disallowed host, an oversized body)
  into the one JSON error body.
- `PlatformParser` reads request bodies for ninja: JSON only with a JSON media type (415 otherwise), no NUL in
  any string or key, no nesting deeper than `MAX_JSON_DEPTH` (Python's recursion would otherwise fail first);
  form fields and file names without NUL.
- `refuse_unbounded_int` and friends bound what services convert themselves (answers typed as text).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.parser import Parser

API_PREFIX = "/api/"
# Deeper than any body the API documents (a questionnaire's question with its options is 4 levels).
MAX_JSON_DEPTH = 32
# Python refuses to convert longer digit strings to int (sys.int_info.default_max_str_digits); far longer than
# any count, code or amount the platform stores.
MAX_DIGITS = 4300
# Headers whose value is copied from Django's own error answer to the JSON one.
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


# The one error body's machine codes by HTTP status; a more specific code (`nul_character`, a domain error's)
# may replace them. Clients branch on `code`, show `message` (translated) and mark `errors` on their fields.
ERROR_CODES: dict[int, str] = {
    400: "bad_request", 401: "not_authenticated", 403: "permission_denied", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "request_too_large", 415: "unsupported_media_type",
    422: "invalid", 429: "too_many_requests", 500: "server_error", 503: "unavailable",
}


def error_body(status: int, message: str, *, code: str | None = None,
               errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """`{code, message, detail, errors}`: `detail` repeats `message` for the clients written before it."""
    return {"code": code or ERROR_CODES.get(status, "error"), "message": message, "detail": message,
            "errors": errors or []}


class RequestRefused(Exception):
    """The request is malformed in a way no field validation can report (NUL, nesting, media type)."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None,
                 summary: str | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.summary = summary or message
        super().__init__(message)

    def body(self) -> dict[str, Any]:
        errors = [{"field": self.field, "message": self.message}] if self.field else []
        return error_body(self.status, self.summary, code=self.code, errors=errors)


def nul_refused(where: str) -> RequestRefused:
    return RequestRefused(400, "nul_character", _("The request contains a NUL character, which is not allowed."),
                          field=where)


def _has_nul(value: str) -> bool:
    return "\x00" in value


def check_json_value(data: Any) -> None:
    """Refuse NUL in any string or key (422 naming the field, as any invalid field) and nesting deeper than
    MAX_JSON_DEPTH (400), without recursion."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if _has_nul(value):
                raise nul_in_field(path)
        elif isinstance(value, dict | list):
            if len(path) >= MAX_JSON_DEPTH:
                raise too_deep()
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and _has_nul(key):
                    raise nul_in_field(path)
                if isinstance(item, str | dict | list):
                    stack.append((item, (*path, str(key))))


def nul_in_field(path: tuple[str, ...]) -> RequestRefused:
    field = ".".join(path)[:100] or None
    return RequestRefused(422, "nul_character", _("The text contains a NUL character, which is not allowed."),
                          field=field, summary=_("The request has invalid fields."))


def too_deep() -> RequestRefused:
    return RequestRefused(400, "too_deeply_nested", _("The request body is nested more than %(depth)s levels deep.")
                          % {"depth": MAX_JSON_DEPTH})


def is_json_media_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class PlatformParser(Parser):
    """Ninja's parser, refusing what would reach a service or the database as a 500."""

    def parse_body(self, request: HttpRequest) -> Any:
        if not is_json_media_type(request.content_type or request.META.get("CONTENT_TYPE", "")):
            raise RequestRefused(415, "unsupported_media_type",
                                 _("Send the request body as JSON, with the header Content-Type: application/json."))
        try:
            data = json.loads(request.body)
        except RecursionError:
            raise too_deep() from None
        except (ValueError, UnicodeDecodeError):
            raise RequestRefused(400, "invalid_json", _("The request body is not valid JSON.")) from None
        check_json_value(data)
        return data

    def parse_querydict(self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest) -> Any:
        for key, values in data.lists():
            if _has_nul(key) or any(_has_nul(str(getattr(v, "name", v))) for v in values):
                raise nul_refused(key.replace("\x00", ""))
        return super().parse_querydict(data, list_fields, request)


def _refusal_of_request_line(request: HttpRequest) -> RequestRefused | None:
    if _has_nul(request.path_info) or _has_nul(request.path):
        return nul_refused("path")
    query = request.META.get("QUERY_STRING", "")
    if _has_nul(query) or b"\x00" in unquote_to_bytes(query):
        return nul_refused("query")
    for name, value in request.META.items():
        if name.startswith("HTTP_") and isinstance(value, str) and _has_nul(value):
            return nul_refused(name[5:].replace("_", "-").title())
    return None


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _refusal_of_form(request: HttpRequest) -> RequestRefused | None:
    if request.method != "POST" or (request.content_type or "") not in _FORM_TYPES:
        return None
    try:
        fields, files = request.POST, request.FILES
    except RequestDataTooBig:
        return RequestRefused(413, "request_too_large", _("The request body is too large."))
    except (SuspiciousOperation, MultiPartParserError):
        return RequestRefused(400, "bad_request", _("The request is malformed."))
    for key, values in fields.lists():
        if _has_nul(key) or any(_has_nul(v) for v in values):
            return nul_refused(key.replace("\x00", "")[:100])
    for key, uploads in files.lists():
        if _has_nul(key) or any(_has_nul(u.name or "") for u in uploads):
            return nul_refused(key.replace("\x00", "")[:100])
    return None


_MAX_ID = str(2**63 - 1)


def names_no_record(path: str) -> bool:
    """A path segment of digits beyond a 64-bit integer cannot be the id of anything stored (SQLite would fail
    to even compare it)."""
    for segment in path.split("/"):
        if segment.isascii() and segment.isdigit():
            digits = segment.lstrip("0")
            if len(digits) > len(_MAX_ID) or (len(digits) == len(_MAX_ID) and digits > _MAX_ID):
                return True
    return False


_DJANGO_ERROR_MESSAGES: dict[int, Callable[[], str]] = {
    400: lambda: _("The request is malformed."),
    403: lambda: _("You do not have permission to do this."),
    404: lambda: _("Not found."),
    405: lambda: _("This method is not allowed on this address."),
    413: lambda: _("The request body is too large."),
    500: lambda: _("Something went wrong on the server. The error has been logged."),
}


def _message_for(status: int) -> str:
    make = _DJANGO_ERROR_MESSAGES.get(status)
    if make is not None:
        return make()
    return _("The request was refused (HTTP %(status)s %(reason)s).") % {
        "status": status, "reason": HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""}


def is_json_response(response: HttpResponse) -> bool:
    return is_json_media_type(response.get("Content-Type", ""))


class ApiErrorMiddleware:
    """Refuse NUL in the request line, headers and form fields (JSON under /api/, plain text elsewhere); under
    /api/, answer every error Django makes as JSON.

    Listed first in MIDDLEWARE, so it also sees the errors of the middleware after it (a disallowed host is
    refused by CommonMiddleware with an HTML 400).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        in_api = request.path_info.startswith(API_PREFIX)
        with translation.override(translation.get_language_from_request(request)):
            # The API's form fields are checked by PlatformParser: reading a multipart body here would consume
            # the stream that ninja reads.
            refusal = _refusal_of_request_line(request) or (None if in_api else _refusal_of_form(request))
            if refusal is not None:
                if in_api:
                    return JsonResponse(refusal.body(), status=refusal.status)
                return HttpResponseBadRequest(refusal.message, content_type="text/plain; charset=utf-8",
                                              status=refusal.status)
        if not in_api:
            return self.get_response(request)
        if names_no_record(request.path_info):
            with translation.override(translation.get_language_from_request(request)):
                return JsonResponse(error_body(404, _("Not found.")), status=404)
        response = self.get_response(request)
        if response.status_code < 400 or is_json_response(response):
            return response
        with translation.override(translation.get_language_from_request(request)):
            answer = JsonResponse(error_body(response.status_code, _message_for(response.status_code)),
                                  status=response.status_code)
        for header in _KEPT_HEADERS:
            if header in response:
                answer[header] = response[header]
        return answer
