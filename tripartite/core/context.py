"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from tripartite.core.policy import is_platform_admin, roles_of


def platform(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "user_roles": sorted(roles_of(user)) if user is not None else [],
        "user_is_admin": is_platform_admin(user) if user is not None else False,
        "demo_banner": settings.TRIPARTITE_DEMO_BANNER,
    }
