"""What every app's form pages share: refusing access, and putting a service's refusal back onto the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse

from tripartite.core.errors import DomainError


def deny(request: HttpRequest) -> HttpResponse:
    """Send an anonymous visitor to the login page; refuse a signed-in user (403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def add_errors(form: forms.BaseForm, exc: Exception) -> None:
    """Show a service's refusal on the form: on its field when the form has it, else above the form."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc)
    elif isinstance(exc, DomainError):
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[dict[str, Any]], Any],
    *,
    on_error: Callable[[forms.BaseForm, Exception], None] = add_errors,
) -> Any:
    """Run `call` with the form's data if the form is valid; a refusal goes back onto the form (None returned)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return call(dict(form.cleaned_data))
    except (ValidationError, DomainError) as exc:
        on_error(form, exc)
        return None
