"""What every app's pages share: the permission check naming its action, the form page, the confirm page and the
delete page, and putting a service's refusal back onto the form."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from tripartite.core.errors import DomainError
from tripartite.core.policy import Action, can


class SignInRequired(Exception):
    """An anonymous visitor asked for something only a signed-in user may do: the middleware sends them to sign in."""


class SignInRequiredMiddleware:
    """Turns `SignInRequired` raised by a view into the login page, with the way back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SignInRequired):
            return redirect_to_login(request.get_full_path())
        return None


def deny(request: HttpRequest) -> HttpResponse:
    """Send an anonymous visitor to the login page; refuse a signed-in user (403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def permit(request: HttpRequest, action: Action | str, target: Model | None, *,
           kind: type[Model] | str | None = None) -> None:
    """Go on only if the policy lets the user take `action` on `target`: an anonymous visitor is sent to sign in,
    a signed-in user is refused (403). For CREATE, `target` is the parent record and `kind` the new record's model."""
    if can(request.user, action, target, kind=kind):
        return
    if not request.user.is_authenticated:
        raise SignInRequired
    raise PermissionDenied


def record_paths(views: ModuleType, record: str, *, delete: bool = True) -> list[URLPattern]:
    """The addresses of a register's main record, the same in every app: the list (""), a new record ("new/") and
    the record's page, edit form, delete page and history ("<int:pk>/", ".../edit/", ".../delete/", ".../history/"),
    named list, create, detail, edit, delete and history and served by the module's `<record>_list`,
    `<record>_create`, `<record>_detail`, `<record>_edit`, `<record>_delete` and `<record>_history`. A register
    whose records are never deleted passes `delete=False`."""
    pages = [("", "list"), ("new/", "create"), ("<int:pk>/", "detail"), ("<int:pk>/edit/", "edit"),
             ("<int:pk>/delete/", "delete"), ("<int:pk>/history/", "history")]
    return [path(route, getattr(views, f"{record}_{name}"), name=name)
            for route, name in pages if delete or name != "delete"]


class DateInput(forms.DateInput):
    """The browser's date picker, its value written as ISO dates (YYYY-MM-DD) whatever the page's language."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


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


def refusal_text(exc: Exception) -> str:
    """A service's refusal as one line for a message or a confirm page."""
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    return str(exc)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    title: str,
    back_url: str,
    submit: str,
    intro: Any = "",
    context: dict[str, Any] | None = None,
    template: str = "core/form.html",
) -> HttpResponse:
    """A page with one form, `intro` (if any) under its title; answered 422 when a posted form has errors, so that
    scripts and tests can tell."""
    status = 422 if request.method == "POST" and form.errors else 200
    return render(
        request, template,
        {"form": form, "title": title, "back_url": back_url, "submit_label": submit, "intro": intro,
         **(context or {})},
        status=status,
    )


def save_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], Any],
    *,
    done_url: Any,
    done: Any = None,
    on_error: Callable[[forms.BaseForm, Exception], None] = add_errors,
    **page: Any,
) -> HttpResponse:
    """A whole form page: the form, and on a valid POST `save(data)`; when it returns the record, the message `done`
    ("The changes were saved." unless given) and on to `done_url`, each either a value or a function of the saved
    record; a refusal goes back onto the form (`on_error`) and the page is shown again with it (422). `page` is what
    `form_page` takes: title, back_url, submit, intro, context, template."""
    saved = submit(request, form, save, on_error=on_error)
    if saved is None:
        return form_page(request, form, **page)
    if done is None:
        done = _("The changes were saved.")
    messages.success(request, done(saved) if callable(done) else done)
    return redirect(done_url(saved) if callable(done_url) else done_url)


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    back_url: str,
    obj: Any = None,
    what: str = "",
    note: str = "",
    submit_label: str = "",
    error: str = "",
) -> HttpResponse:
    """Ask before an irreversible step (by default: deleting `obj`); with `error`, say why it cannot be done (409)."""
    return render(
        request, "core/confirm.html",
        {"object": obj, "title": title, "back_url": back_url, "what": what, "note": note,
         "submit_label": submit_label, "error": error},
        status=409 if error else 200,
    )


def delete_page(
    request: HttpRequest,
    *,
    obj: Any,
    delete: Callable[[], Any],
    title: str,
    back_url: str,
    done_url: str,
    done: str,
    what: str = "",
    note: str = "",
    submit_label: str = "",
) -> HttpResponse:
    """Confirm, then delete: GET asks, POST calls `delete()` and goes to `done_url` with the message `done`.

    A refusal of the service (the record is still referred to, the procedure relies on it) is shown on the
    confirm page with 409 and nothing is deleted. The caller checks the permission first (`permit`).
    """
    if request.method == "POST":
        try:
            delete()
        except (ValidationError, DomainError) as exc:
            return confirm_page(request, title=title, back_url=back_url, obj=obj, what=what, note=note,
                                submit_label=submit_label, error=refusal_text(exc))
        messages.success(request, done)
        return redirect(done_url)
    return confirm_page(request, title=title, back_url=back_url, obj=obj, what=what, note=note,
                        submit_label=submit_label)
