"""Reads shared by the principles pages and API: what a record touches, and what touches a principle or convention.

A record touches a principle when it is tagged with it, or when its clause topic maps to it by default (the pack's
``clause_topics``) and no tag on that record says otherwise. A record touches a convention when it is tagged with
it, or through a principle it touches that the crosswalk links to the convention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from tripartite.indicators import registry as indicator_registry

from . import taggables
from .models import Convention, Principle, Tag
from .taggables import Role, TaggableKind


class How:
    """Why a record is listed under a principle or convention."""

    TAG = "tag"
    TOPIC = "topic"
    PRINCIPLE = "principle"


@dataclass(frozen=True)
class Item:
    """A record that touches a principle or convention, as pages and the API list it."""

    kind: TaggableKind
    obj: Any
    how: str
    via: tuple[Principle, ...] = ()

    @property
    def label(self) -> str:
        return self.kind.describe(self.obj)

    @property
    def url(self) -> str:
        return self.kind.url(self.obj)

    @property
    def context(self) -> str:
        return self.kind.context(self.obj)


@dataclass(frozen=True)
class IndicatorRef:
    code: str
    title: str
    registered: bool


@dataclass
class Coverage:
    """What touches one principle or convention, kind by kind, and where nothing does."""

    items: dict[str, list[Item]] = field(default_factory=dict)
    indicators: list[IndicatorRef] = field(default_factory=list)

    def count(self, role: Role) -> int:
        return sum(len(items) for key, items in self.items.items() if taggables.role_of(key) == role)

    @property
    def carried_out(self) -> int:
        return self.count(Role.CARRIES)

    @property
    def measured(self) -> int:
        return self.count(Role.MEASURES) + len(self.indicators)

    @property
    def nothing_carries(self) -> bool:
        return self.carried_out == 0

    @property
    def nothing_measures(self) -> bool:
        return self.measured == 0


def principles() -> QuerySet[Principle]:
    return Principle.objects.prefetch_related("conventions", "sdg_targets")


def conventions() -> QuerySet[Convention]:
    return Convention.objects.prefetch_related("principles")


def _content_type(kind: TaggableKind) -> ContentType:
    return ContentType.objects.get_for_model(kind.model)


def default_principles(kind: TaggableKind, obj: Model) -> list[Principle]:
    """The principles ``obj``'s clause topic maps to (none for a kind without a topic)."""
    if kind.topic_field is None:
        return []
    topic = getattr(obj, kind.topic_field)
    return [p for p in Principle.objects.all() if topic in (p.clause_topics or [])]


def tags_of(obj: Model) -> QuerySet[Tag]:
    return Tag.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk).select_related(
        "principle", "convention")


def principles_of(kind: TaggableKind, obj: Model) -> list[Principle]:
    """The principles ``obj`` touches: its topic's defaults and its tags, less the tags that say it does not."""
    tags = list(tags_of(obj))
    chosen = {p.pk: p for p in default_principles(kind, obj)}
    for tag in tags:
        if tag.principle_id is None:
            continue
        if tag.applies:
            chosen[tag.principle_id] = tag.principle  # type: ignore[assignment]
        else:
            chosen.pop(tag.principle_id, None)
    return sorted(chosen.values(), key=lambda p: p.number)


def conventions_of(obj: Model) -> list[Convention]:
    return [t.convention for t in tags_of(obj) if t.convention_id is not None]  # type: ignore[misc]


def _records_touching(kind: TaggableKind, user: Any, principle: Principle) -> tuple[QuerySet[Any], set[int]]:
    """The records of ``kind`` the user sees that touch ``principle``, and the ids of those tagged with it."""
    tags = Tag.objects.filter(content_type=_content_type(kind), principle=principle)
    tagged = tags.filter(applies=True).values("object_id")
    wanted = Q(pk__in=tagged)
    topics = list(principle.clause_topics or [])
    if kind.topic_field is not None and topics:
        wanted |= Q(**{f"{kind.topic_field}__in": topics})
    records = kind.visible(user).filter(wanted).exclude(pk__in=tags.filter(applies=False).values("object_id"))
    return records.order_by("pk"), set(tags.filter(applies=True).values_list("object_id", flat=True))


def indicators_of(principle: Principle) -> list[IndicatorRef]:
    refs = []
    for code in principle.indicators or []:
        indicator = indicator_registry.get(code)
        refs.append(IndicatorRef(code, str(indicator.title) if indicator else code, indicator is not None))
    return refs


def principle_coverage(principle: Principle, user: Any, *, limit: int | None = None) -> Coverage:
    coverage = Coverage(indicators=indicators_of(principle))
    for kind in taggables.kinds():
        records, tagged = _records_touching(kind, user, principle)
        coverage.items[kind.key] = [Item(kind, obj, How.TAG if obj.pk in tagged else How.TOPIC)
                                    for obj in (records[:limit] if limit else records)]
    return coverage


def principle_counts(principle: Principle, user: Any) -> dict[str, int]:
    """How many records of each kind touch ``principle`` (the list page's figures, one count query per kind)."""
    return {kind.key: _records_touching(kind, user, principle)[0].count() for kind in taggables.kinds()}


def convention_coverage(convention: Convention, user: Any) -> Coverage:
    coverage = Coverage()
    linked = list(convention.principles.all())
    for kind in taggables.kinds():
        content_type = _content_type(kind)
        direct = set(Tag.objects.filter(content_type=content_type, convention=convention)
                     .values_list("object_id", flat=True))
        via: dict[int, list[Principle]] = {}
        for principle in linked:
            records, _tagged = _records_touching(kind, user, principle)
            for pk in records.values_list("pk", flat=True):
                via.setdefault(pk, []).append(principle)
        records = kind.visible(user).filter(pk__in=direct | set(via)).order_by("pk")
        coverage.items[kind.key] = [
            Item(kind, obj, How.TAG if obj.pk in direct else How.PRINCIPLE, tuple(via.get(obj.pk, ())))
            for obj in records
        ]
    for principle in linked:
        for ref in indicators_of(principle):
            if ref not in coverage.indicators:
                coverage.indicators.append(ref)
    return coverage


@dataclass(frozen=True)
class AgreementPrinciple:
    principle: Principle
    clauses: tuple[Any, ...]
    commitments: tuple[Any, ...]

    @property
    def covered(self) -> bool:
        return bool(self.clauses or self.commitments)


def agreement_coverage(agreement: Any) -> list[AgreementPrinciple]:
    """For each principle, the clauses and commitments of ``agreement`` that touch it (empty: not covered)."""
    clause_kind = taggables.kind("agreements.clause")
    commitment_kind = taggables.kind("agreements.commitment")
    assert clause_kind is not None and commitment_kind is not None
    rows = []
    clauses = list(agreement.clauses.all())
    commitments = list(agreement.commitments.all())
    by_clause = {c.pk: {p.pk for p in principles_of(clause_kind, c)} for c in clauses}
    by_commitment = {c.pk: {p.pk for p in principles_of(commitment_kind, c)} for c in commitments}
    for principle in principles():
        rows.append(AgreementPrinciple(
            principle,
            tuple(c for c in clauses if principle.pk in by_clause[c.pk]),
            tuple(c for c in commitments if principle.pk in by_commitment[c.pk]),
        ))
    return rows


def taggable_records(user: Any, *, per_kind: int = 200) -> list[tuple[TaggableKind, list[Any]]]:
    """The records the user may tag, kind by kind (the first ``per_kind`` of each), for the tag form's choices."""
    found = []
    for kind in taggables.kinds():
        records = [obj for obj in kind.visible(user).order_by("-pk")[: per_kind * 2] if kind.may_tag(user, obj)]
        if records:
            found.append((kind, records[:per_kind]))
    return found


def record_for(user: Any, kind_key: str, pk: int) -> tuple[TaggableKind, Any] | None:
    """The record ``kind_key`` #``pk`` if it exists and the user may see it, else None."""
    kind = taggables.kind(kind_key)
    if kind is None:
        return None
    obj = kind.visible(user).filter(pk=pk).first()
    return (kind, obj) if obj is not None else None
