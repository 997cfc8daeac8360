"""Sign-in throttling, and the salted address hash it shares with the surveys' rate limit.

Where it plugs in, and why there: every password check in the platform goes through
``django.contrib.auth.authenticate()`` — the sign-in page, the administration's sign-in page and the API's
``POST /api/v1/auth/token``. A form alone would guard only the pages that use it, so the refusal sits in the
authentication back-end and the bookkeeping on Django's own signal:

- ``core.backends.PlatformRoleBackend.authenticate`` first asks :func:`login_refusal`. When the username, or the
  client's address, has too many recent failures it raises ``PermissionDenied``: ``authenticate()`` stops there
  and the password is not even checked, so the right password is refused too, whichever page or endpoint asked.
  The refusal is noted on the request (``request.login_refusal``) for the page to say when to try again.
- ``authenticate()`` sends ``user_login_failed`` when it found no user; :func:`_record_failed_login` stores one
  :class:`~tripartite.core.models.LoginFailure` (not for an attempt refused unchecked: that guessed nothing).
- A password that checks out clears that username's failures (in the back-end, so an API token request counts).
- :class:`LoginForm` / :class:`AdminLoginForm` turn the refusal into a translated message with the time, and
  :class:`LoginView` / :func:`admin_login` answer 429 with ``Retry-After``.

Neither a username nor an address is stored: a failure keeps an HMAC of the username (keyed with SECRET_KEY) and
a hash of the address salted with a salt of the day (:func:`address_hash`, derived from SECRET_KEY, never stored).
Rows older than the window are deleted whenever a new failure is recorded. Two workers may both let through one
attempt past the limit at the same instant; the limit is about thousands of guesses, not one.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tripartite.core.models import LoginFailure
from tripartite.core.policy import is_platform_admin

DEFAULT_FAILURES_ALLOWED = 5
DEFAULT_FAILURES_ALLOWED_PER_ADDRESS = 50
DEFAULT_WINDOW_MINUTES = 15
PURPOSE = "login-throttle"


# Salted hashes -------------------------------------------------------------------------------------------------


def daily_salt(day: date, *, purpose: str) -> bytes:
    """A salt that changes every day, derived from the secret key and a purpose; never stored anywhere."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{day.isoformat()}".encode(), hashlib.sha256).digest()


def address_hash(address: str, day: date, *, purpose: str) -> str:
    """``sha256(salt of the day + address)``: counts one address for a day without keeping it."""
    return hashlib.sha256(daily_salt(day, purpose=purpose) + (address or "").encode()).hexdigest()


def client_address(request: HttpRequest | None) -> str:
    """The client's address: the connection's, or — behind ``TRIPARTITE_TRUSTED_PROXIES`` reverse proxies that
    append to ``X-Forwarded-For`` — the entry the outermost trusted proxy added (entries further left are
    whatever the client sent, so they are not believed)."""
    if request is None:
        return ""
    proxies = int(getattr(settings, "TRIPARTITE_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "") or ""


def username_key(username: str) -> str:
    """An HMAC of the username as typed (NFKC, case-folded): lets failures be counted without storing names."""
    normal = unicodedata.normalize("NFKC", username or "").casefold()
    return hmac.new(settings.SECRET_KEY.encode(), f"{PURPOSE}-user:{normal}".encode(), hashlib.sha256).hexdigest()


# Limits --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    per_username: int
    per_address: int
    window: timedelta

    @property
    def on(self) -> bool:
        return self.per_username > 0 and self.window > timedelta(0)


def limits() -> Limits:
    """LOGIN_FAILURES_ALLOWED (per username), LOGIN_FAILURES_ALLOWED_PER_ADDRESS, LOGIN_FAILURE_WINDOW_MINUTES.

    0 failures allowed or a 0-minute window turns the throttling off; 0 per address turns only that limit off."""
    return Limits(
        per_username=max(0, int(getattr(settings, "LOGIN_FAILURES_ALLOWED", DEFAULT_FAILURES_ALLOWED))),
        per_address=max(0, int(getattr(settings, "LOGIN_FAILURES_ALLOWED_PER_ADDRESS", DEFAULT_FAILURES_ALLOWED_PER_ADDRESS))),
        window=timedelta(minutes=max(0, int(getattr(settings, "LOGIN_FAILURE_WINDOW_MINUTES", DEFAULT_WINDOW_MINUTES)))),
    )


def _address_keys(address: str, now: datetime, window: timedelta) -> set[str]:
    """The address's hashes for every Almaty day the window touches (the salt changes at midnight)."""
    days = {timezone.localdate(now), timezone.localdate(now - window)}
    return {address_hash(address, day, purpose=PURPOSE) for day in days}


@dataclass(frozen=True)
class Refusal:
    """Sign-in refused until `until`, because of the username's failures or (by_address) the address's."""

    until: datetime
    by_address: bool = False

    def message(self) -> str:
        local = timezone.localtime(self.until)
        if local.date() == timezone.localdate():
            when = local.strftime("%H:%M")
        else:
            when = formats.date_format(local, "SHORT_DATETIME_FORMAT")
        if self.by_address:
            return _("Too many failed sign-in attempts from your network. Try again after %(time)s.") % {"time": when}
        return _("Too many failed sign-in attempts for this account. Try again after %(time)s.") % {"time": when}

    def retry_after(self, now: datetime | None = None) -> int:
        """Whole seconds until the refusal ends (at least 1), for the Retry-After header."""
        return max(1, math.ceil((self.until - (now or timezone.now())).total_seconds()))


def _nth_latest(queryset: Any, n: int) -> datetime | None:
    return next(iter(queryset.order_by("-at").values_list("at", flat=True)[n - 1 : n]), None)


def login_refusal(username: str, address: str = "", *, now: datetime | None = None) -> Refusal | None:
    """Whether a sign-in as `username` from `address` is refused now, and until when.

    Refused while the username has LOGIN_FAILURES_ALLOWED failures (or the address has the per-address number)
    within the window; it ends when the oldest of those leaves the window."""
    conf = limits()
    if not conf.on or not username:
        return None
    moment = now or timezone.now()
    recent = LoginFailure.objects.filter(at__gt=moment - conf.window)
    nth = _nth_latest(recent.filter(username_key=username_key(username)), conf.per_username)
    if nth is not None:
        return Refusal(until=nth + conf.window)
    if address and conf.per_address:
        nth = _nth_latest(recent.filter(address_key__in=_address_keys(address, moment, conf.window)), conf.per_address)
        if nth is not None:
            return Refusal(until=nth + conf.window, by_address=True)
    return None


def record_failure(username: str, address: str = "", *, now: datetime | None = None) -> None:
    """Store one failed sign-in (hashed), deleting the failures that have left the window."""
    conf = limits()
    if not conf.on or not username:
        return
    moment = now or timezone.now()
    LoginFailure.objects.filter(at__lte=moment - conf.window).delete()
    LoginFailure.objects.create(
        username_key=username_key(username),
        address_key=address_hash(address, timezone.localdate(moment), purpose=PURPOSE) if address else "",
        at=moment,
    )


def clear_failures(username: str) -> None:
    """A successful sign-in forgets that username's failures."""
    if username:
        LoginFailure.objects.filter(username_key=username_key(username)).delete()


@receiver(user_login_failed, dispatch_uid="tripartite.core.throttle.record_failed_login")
def _record_failed_login(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    if request is not None and getattr(request, "login_refusal", None) is not None:
        return  # refused before the password was checked: not a guess
    username = credentials.get("username")
    if isinstance(username, str) and username:
        record_failure(username, client_address(request))


# Pages ---------------------------------------------------------------------------------------------------------


class _ThrottleMessage:
    request: HttpRequest | None

    def get_invalid_login_error(self) -> ValidationError:
        refusal = getattr(self.request, "login_refusal", None)
        if refusal is None:
            return super().get_invalid_login_error()  # type: ignore[misc]
        return ValidationError(refusal.message(), code="throttled")


class LoginForm(_ThrottleMessage, AuthenticationForm):
    """The sign-in form; says when to try again once sign-ins are refused."""


class AdminLoginForm(_ThrottleMessage, AdminAuthenticationForm):
    """The administration's sign-in form, with the same message. It lets in whom the administration lets in
    (platform administrators, see core/admin.py), not Django's `is_staff` flag, which the platform does not use."""

    def confirm_login_allowed(self, user: Any) -> None:
        AuthenticationForm.confirm_login_allowed(self, user)
        if not is_platform_admin(user):
            raise ValidationError(
                self.error_messages["invalid_login"], code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


def _with_status(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    refusal = getattr(request, "login_refusal", None)
    if refusal is not None:
        response.status_code = 429
        response["Retry-After"] = str(refusal.retry_after())
    return response


class LoginView(auth_views.LoginView):
    """Django's sign-in page, answering 429 (with Retry-After) while sign-ins are refused."""

    authentication_form = LoginForm

    def form_invalid(self, form: Any) -> HttpResponse:
        return _with_status(self.request, super().form_invalid(form))


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The administration's sign-in page (``admin.site.login``, with ``admin.site.login_form = AdminLoginForm``),
    answering 429 while sign-ins are refused."""
    return _with_status(request, admin.site.login(request, extra_context))
