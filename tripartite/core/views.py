"""Pages of the core app: home, API tokens, the history page helper."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.core import services
from tripartite.core.errors import DomainError
from tripartite.core.history import history_of
from tripartite.core.home import sections as home_sections
from tripartite.core.models import ApiToken, User
from tripartite.core.policy import Action, can


def home(request: HttpRequest) -> HttpResponse:
    from tripartite.core.deadlines import deadlines_for

    today = timezone.localdate()
    return render(request, "core/home.html", {
        "sections": home_sections(request.user, today), "my_deadlines": deadlines_for(request.user, today)})


def _signed_in(request: HttpRequest) -> User:
    """The user of a view behind ``login_required``."""
    assert isinstance(request.user, User)
    return request.user


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    new_token = None
    error = None
    if request.method == "POST":
        try:
            _token, new_token = services.api_token_create(user=_signed_in(request), name=request.POST.get("name", ""))
        except DomainError as exc:
            error = str(exc)
    rows = ApiToken.objects.filter(user=_signed_in(request))
    return render(request, "core/tokens.html", {"tokens": rows, "new_token": new_token, "error": error})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        services.api_token_revoke(user=_signed_in(request), token_id=token_id)
        messages.success(request, _("The token was revoked."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("tokens")


def paginate(request: HttpRequest, queryset: Any, per_page: int | None = None) -> Page:
    """The requested page of a list (an out-of-range or malformed page number gives the nearest page)."""
    from django.conf import settings

    paginator = Paginator(queryset, per_page or settings.TRIPARTITE_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def history_page(request: HttpRequest, obj: Any, *, back_url: str) -> HttpResponse:
    """Render the audit trail of any register record, if the user may see it."""
    if not can(request.user, Action.VIEW_HISTORY, obj):
        raise Http404
    return render(
        request,
        "core/history.html",
        {"object": obj, "entries": history_of(obj), "back_url": back_url},
    )
