"""Authentication back-end: a platform administrator (by role) holds every Django permission, for the admin site."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from tripartite.core.policy import is_platform_admin


class PlatformRoleBackend(ModelBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return is_platform_admin(user_obj) or super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return is_platform_admin(user_obj) or super().has_module_perms(user_obj, app_label)
