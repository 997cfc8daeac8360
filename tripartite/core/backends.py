"""Authentication back-end: a platform administrator (by role) holds every Django permission, for the admin site;
every password check first asks the sign-in throttle (tripartite/core/throttle.py explains why it sits here)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from tripartite.core import throttle
from tripartite.core.policy import is_platform_admin


class PlatformRoleBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        """Refuse (PermissionDenied: `authenticate()` stops, the password is not checked) while the username or the
        client's address has too many recent failures; a password that checks out clears the username's failures.
        Failures are recorded by throttle's `user_login_failed` receiver."""
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username:
            refusal = throttle.login_refusal(username, throttle.client_address(request))
            if refusal is not None:
                if request is not None:
                    request.login_refusal = refusal  # type: ignore[attr-defined]
                raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and username:
            throttle.clear_failures(username)
        return user

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return is_platform_admin(user_obj) or super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return is_platform_admin(user_obj) or super().has_module_perms(user_obj, app_label)
