"""Records of other modules that refer to a record, for its page: a commission's agenda item lists the draft acts
referred to it for consultation, without the commissions module knowing that consultations exist.

Each app registers, from its `AppConfig.ready`, a function for the kind of record it refers to:
``provider(user, records) -> {record pk: [RecordLink, ...]}`` that returns only what the reader may see.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Model


@dataclass(frozen=True)
class RecordLink:
    """A link to a record of another module: what kind it is, its title, its page."""

    kind: str
    title: str
    url: str


LinkProvider = Callable[[Any, Sequence[Model]], dict[int, list[RecordLink]]]
_PROVIDERS: dict[str, list[LinkProvider]] = {}


def register_links(model_label: str, provider: LinkProvider) -> None:
    """Add `provider` for records of `model_label` ("app_label.model_name")."""
    providers = _PROVIDERS.setdefault(model_label.lower(), [])
    if provider not in providers:
        providers.append(provider)


def links_for(user: Any, records: Sequence[Model]) -> dict[int, list[RecordLink]]:
    """The links to each of `records` (all of one model) from every module, in the order registered."""
    records = list(records)
    if not records:
        return {}
    found: dict[int, list[RecordLink]] = {}
    for provider in _PROVIDERS.get(records[0]._meta.label_lower, []):
        for pk, links in provider(user, records).items():
            found.setdefault(pk, []).extend(links)
    return found


def with_links(user: Any, records: Sequence[Model]) -> list[tuple[Model, list[RecordLink]]]:
    """`records` paired with their links, for a template to loop over."""
    records = list(records)
    links = links_for(user, records)
    return [(record, links.get(record.pk, [])) for record in records]
