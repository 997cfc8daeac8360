"""Writes of the principles app: tagging a record with principles and conventions, and taking tags off."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from tripartite.core import writes
from tripartite.core.errors import Conflict, DomainError, NotAllowed
from tripartite.core.policy import is_platform_admin

from . import queries, taggables
from .models import Convention, Principle, Tag


class TagError(DomainError):
    """A tag that cannot be made: an unknown principle or convention, a record that cannot be tagged."""

    status = 400


def _kind_for(target: Model) -> taggables.TaggableKind:
    kind = taggables.kind_of(target)
    if kind is None:
        raise TagError(_("This kind of record cannot be tagged with principles."))
    return kind


def _require_may_tag(by: Any, target: Model | None) -> None:
    if target is None:
        # The record is gone: only the platform administrator clears what is left of its tags.
        if not is_platform_admin(by):
            raise NotAllowed(_("You do not have permission to do this."))
        return
    if not _kind_for(target).may_tag(by, target):
        raise NotAllowed(_("You do not have permission to do this."))


@transaction.atomic
def tag_add(*, by: Any, target: Model, principle: Principle | None = None, convention: Convention | None = None,
            applies: bool = True) -> Tag:
    """Tag ``target`` with one principle or one convention; ``applies=False`` (principles only) records that the
    record does not touch a principle its clause topic maps to."""
    _kind_for(target)
    _require_may_tag(by, target)
    if (principle is None) == (convention is None):
        raise TagError(_("Name one principle or one convention."), field="principle")
    if convention is not None and not applies:
        raise TagError(_("A convention can only be tagged as touched."), field="applies")
    content_type = ContentType.objects.get_for_model(target)
    existing = Tag.objects.filter(content_type=content_type, object_id=target.pk)
    if principle is not None and existing.filter(principle=principle).exists():
        raise Conflict(_("This record is already tagged with this principle."), field="principle")
    if convention is not None and existing.filter(convention=convention).exists():
        raise Conflict(_("This record is already tagged with this convention."), field="convention")
    tag = Tag(content_type=content_type, object_id=target.pk, principle=principle, convention=convention,
              applies=applies, created_by=by if getattr(by, "is_authenticated", False) else None)
    writes.save(tag, by)
    return tag


@transaction.atomic
def tag_remove(*, by: Any, tag: Tag) -> None:
    _require_may_tag(by, tag.target)
    writes.delete(tag, by)


@transaction.atomic
def tags_set(*, by: Any, target: Model, principles: Iterable[Principle], conventions: Iterable[Convention]) -> Model:
    """Make ``target`` touch exactly ``principles`` and ``conventions``: a principle its topic maps to by default
    needs no tag (and gets an ``applies=False`` tag when left out), any other chosen one gets a tag."""
    kind = _kind_for(target)
    _require_may_tag(by, target)
    defaults = {p.pk for p in queries.default_principles(kind, target)}
    chosen = {p.pk for p in principles}
    content_type = ContentType.objects.get_for_model(target)
    current = {t.principle_id: t for t in Tag.objects.filter(content_type=content_type, object_id=target.pk,
                                                             principle__isnull=False)}
    for principle in Principle.objects.all():
        wanted: bool | None = None  # None: no tag needed
        if principle.pk in chosen and principle.pk not in defaults:
            wanted = True
        elif principle.pk not in chosen and principle.pk in defaults:
            wanted = False
        tag = current.get(principle.pk)
        if wanted is None and tag is not None:
            writes.delete(tag, by)
        elif wanted is not None and tag is None:
            writes.save(Tag(content_type=content_type, object_id=target.pk, principle=principle, applies=wanted,
                            created_by=by), by)
        elif wanted is not None and tag is not None and tag.applies != wanted:
            tag.applies = wanted
            writes.save(tag, by)
    tagged = {t.convention_id: t for t in Tag.objects.filter(content_type=content_type, object_id=target.pk,
                                                             convention__isnull=False)}
    wanted_conventions = {c.pk: c for c in conventions}
    for pk, tag in tagged.items():
        if pk not in wanted_conventions:
            writes.delete(tag, by)
    for pk, convention in wanted_conventions.items():
        if pk not in tagged:
            writes.save(Tag(content_type=content_type, object_id=target.pk, convention=convention, created_by=by), by)
    return target


@transaction.atomic
def orphan_tags_remove(*, by: Any = None) -> int:
    """Remove the tags of records that no longer exist (a generic link is not cascaded by the database); run by
    ``manage.py sync_principles``. Returns how many were removed; each removal is in the tags' history."""
    removed = 0
    for content_type in ContentType.objects.filter(pk__in=Tag.objects.values("content_type")):
        model = content_type.model_class()
        tags = Tag.objects.filter(content_type=content_type)
        if model is not None:
            tags = tags.exclude(object_id__in=model._default_manager.values("pk"))
        for tag in tags:
            writes.delete(tag, by)
            removed += 1
    return removed
