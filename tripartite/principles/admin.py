"""Admin of the principles app: the taxonomy is read-only here (it comes from the pack: ``sync_principles``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Convention, Principle, SdgTarget, Tag


class FromPack(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Principle)
class PrincipleAdmin(FromPack):
    list_display = ("number", "code", "name", "article", "article_verified")


@admin.register(Convention)
class ConventionAdmin(FromPack):
    list_display = ("code", "title", "ratified", "ratified_on", "ratified_year", "ratification_verified")


@admin.register(SdgTarget)
class SdgTargetAdmin(FromPack):
    list_display = ("code", "title")


@admin.register(Tag)
class TagAdmin(FromPack):
    list_display = ("content_type", "object_id", "principle", "convention", "applies", "created_by", "created_at")
