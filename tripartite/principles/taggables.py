"""Which kinds of record can carry principles and conventions, who may tag them, and how pages name them.

The one registry of taggable kinds: the agreements' clauses and commitments, the commissions' decisions, the
articles of drafts under consultation and the surveys' questions are registered here; an app built on top (a
programme's measures) calls ``register()`` from its own ``AppConfig.ready()``. Tagging a record is allowed to
whoever may change the record it belongs to (``owner``), by the policy of that record's app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tripartite.core.policy import Action, can, may_see_unpublished


class Role(StrEnum):
    """What a tagged record does for a principle: carries it out (a clause, a decision) or measures it."""

    CARRIES = "carries"
    MEASURES = "measures"


@dataclass(frozen=True)
class TaggableKind:
    """A kind of record that can be tagged; ``key`` is ``app_label.model_name``."""

    key: str
    label: Any
    plural: Any
    role: Role
    visible: Callable[[Any], QuerySet[Any]]
    owner: Callable[[Any], Model]
    describe: Callable[[Any], str]
    url: Callable[[Any], str]
    context: Callable[[Any], str]
    topic_field: str | None = None  # the field holding a clause topic that maps to principles by default

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.key)

    def may_tag(self, user: Any, obj: Any) -> bool:
        return can(user, Action.CHANGE, self.owner(obj))


_KINDS: dict[str, TaggableKind] = {}


def register(kind: TaggableKind) -> None:
    if kind.key in _KINDS:
        raise ValueError(f"taggable kind {kind.key} is already registered")
    _KINDS[kind.key] = kind


def kinds() -> tuple[TaggableKind, ...]:
    return tuple(_KINDS.values())


def kind(key: str) -> TaggableKind | None:
    return _KINDS.get(key)


def role_of(key: str) -> Role:
    """What records of the registered kind ``key`` do for a principle."""
    return _KINDS[key].role


def kind_of(obj: Model) -> TaggableKind | None:
    return _KINDS.get(f"{obj._meta.app_label}.{obj._meta.model_name}")


def _short(text: str) -> str:
    return Truncator(text).chars(120)


def _published_or_all(user: Any, queryset: QuerySet[Any], published: str) -> QuerySet[Any]:
    return queryset if may_see_unpublished(user) else queryset.filter(**{published: True})


def register_builtin() -> None:
    """Register the kinds of the apps below this one (called once, from the app's ready())."""
    if "agreements.clause" in _KINDS:
        return
    from tripartite.agreements.models import Clause, Commitment
    from tripartite.commissions.models import Decision
    from tripartite.consultations.models import Article
    from tripartite.surveys.models import Question

    register(TaggableKind(
        "agreements.clause", _("Agreement clause"), _("Agreement clauses"), Role.CARRIES,
        lambda user: _published_or_all(user, Clause.objects.select_related("agreement"), "agreement__published"),
        lambda clause: clause,
        lambda clause: f"{clause}: {_short(clause.text)}",
        lambda clause: reverse("agreements:detail", args=[clause.agreement_id]),
        lambda clause: clause.agreement.title,
        topic_field="topic",
    ))
    register(TaggableKind(
        "agreements.commitment", _("Agreement commitment"), _("Agreement commitments"), Role.CARRIES,
        lambda user: _published_or_all(user, Commitment.objects.select_related("agreement"), "agreement__published"),
        lambda commitment: commitment,
        lambda commitment: _short(commitment.text),
        lambda commitment: reverse("agreements:detail", args=[commitment.agreement_id]),
        lambda commitment: commitment.agreement.title,
    ))
    register(TaggableKind(
        "commissions.decision", _("Commission decision"), _("Commission decisions"), Role.CARRIES,
        lambda user: _published_or_all(user, Decision.objects.select_related("meeting__commission"),
                                       "meeting__commission__published"),
        lambda decision: decision,
        lambda decision: _short(decision.text),
        lambda decision: reverse("commissions:meeting", args=[decision.meeting_id]),
        lambda decision: decision.meeting.commission.name,
    ))
    register(TaggableKind(
        "consultations.article", _("Article of a draft act"), _("Articles of draft acts"), Role.CARRIES,
        lambda user: _published_or_all(user, Article.objects.select_related("version__draft"),
                                       "version__draft__published"),
        lambda article: article.version,
        lambda article: article.title_line,
        lambda article: reverse("consultations:draft", args=[article.version.draft_id]),
        lambda article: article.version.draft.title,
    ))
    register(TaggableKind(
        "surveys.question", _("Survey question"), _("Survey questions"), Role.MEASURES,
        lambda user: _published_or_all(user, Question.objects.select_related("version__questionnaire"),
                                       "version__questionnaire__is_template"),
        lambda question: question,
        lambda question: f"{question.code}: {_short(question.text)}",
        lambda question: reverse("surveys:version", args=[question.version.questionnaire.code,
                                                          question.version.number]),
        lambda question: question.version.questionnaire.title,
    ))
