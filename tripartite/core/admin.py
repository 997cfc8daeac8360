"""Django admin for the core app (platform administrators only)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model
from simple_history.admin import SimpleHistoryAdmin

from tripartite.core.models import ApiToken, Region, RoleAssignment, Sector, User
from tripartite.core.throttle import AdminLoginForm


def inline(model: type[Model], **options: Any) -> type[admin.TabularInline]:
    """The table of `model`'s rows on its parent's admin page, without empty extra rows; `options` are the inline's
    other attributes (fields, readonly_fields, raw_id_fields)."""
    return type(f"{model.__name__}Inline", (admin.TabularInline,), {"model": model, "extra": 0, **options})


@admin.register(User)
class PlatformUserAdmin(UserAdmin):
    inlines = [inline(RoleAssignment)]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "scope_type", "scope_id", "granted_at"]
    list_filter = ["role", "scope_type"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash", "prefix"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["kato", "kind", "name_kk", "name_ru", "name_en"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "name_en"]


def _platform_admin_only(request) -> bool:  # type: ignore[no-untyped-def]
    from tripartite.core.policy import is_platform_admin

    return is_platform_admin(request.user)


admin.site.has_permission = _platform_admin_only  # type: ignore[method-assign]
# The same people may sign in, and they are told when to try again once sign-ins are throttled.
admin.site.login_form = AdminLoginForm
