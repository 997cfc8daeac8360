"""Copy the jurisdiction pack's principles, conventions and SDG targets into the database, idempotently.

Run by the data migration (with the migration's historical models) and by ``manage.py sync_principles`` after a
pack changes. Rows are found by code and updated; nothing is deleted, so tags on a principle a pack no longer
lists are kept (the command reports such principles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tripartite.jurisdictions.principles import PrincipleTaxonomy
from tripartite.jurisdictions.texts import LegalSource
from tripartite.languages import LANGUAGES


@dataclass(frozen=True)
class SyncResult:
    principles: int
    conventions: int
    sdg_targets: int
    not_in_pack: tuple[str, ...]


def _columns(field: str, value: Any) -> dict[str, str]:
    if value is None:
        return {f"{field}_{lang}": "" for lang in LANGUAGES}
    if isinstance(value, str):
        return {f"{field}_{lang}": value for lang in LANGUAGES}
    return {f"{field}_{lang}": value.get(lang, "") for lang in LANGUAGES}


def _source(source: LegalSource | None) -> dict[str, Any]:
    if source is None:
        return {**_columns("source_title", None), "source_url": "", "source_note": ""}
    titles = {lang: source.cite(lang) for lang in LANGUAGES}
    return {**_columns("source_title", titles), "source_url": source.url or "", "source_note": source.note or ""}


def sync_taxonomy(taxonomy: PrincipleTaxonomy, *, principle_model: Any, convention_model: Any,
                  sdg_model: Any) -> SyncResult:
    """Create or update every row of ``taxonomy``; the models may be a migration's historical ones."""
    targets = {}
    for t in taxonomy.sdg_targets:
        targets[t.code], _created = sdg_model.objects.update_or_create(code=t.code, defaults=_columns("title", t.title))
    conventions = {}
    for c in taxonomy.conventions:
        r = c.ratification
        conventions[c.code], _created = convention_model.objects.update_or_create(code=c.code, defaults={
            "number": c.number, **_columns("title", c.title), "ratified": str(r.status), "ratified_on": r.on,
            "ratified_year": r.year, **_columns("ratification_act", r.act), "ratification_verified": r.verified,
            **_source(r.source),
        })
    for p in taxonomy.principles:
        row, _created = principle_model.objects.update_or_create(code=p.code, defaults={
            "number": p.number, **_columns("name", p.name), **_columns("summary", p.summary), "article": p.article,
            "related_articles": list(p.related_articles), "article_verified": p.verified, **_source(p.source),
            "clause_topics": list(p.clause_topics), "indicators": list(p.indicators),
        })
        row.conventions.set([conventions[code] for code in p.conventions])
        row.sdg_targets.set([targets[code] for code in p.sdg_targets])
    listed = {p.code for p in taxonomy.principles}
    stray = tuple(principle_model.objects.exclude(code__in=listed).values_list("code", flat=True))
    return SyncResult(len(taxonomy.principles), len(taxonomy.conventions), len(taxonomy.sdg_targets), stray)


def pack_taxonomy() -> PrincipleTaxonomy | None:
    """The installation's pack's taxonomy (``settings.TRIPARTITE_JURISDICTION``), or None if it brings none."""
    from django.conf import settings

    from tripartite.jurisdictions import get_pack

    return get_pack(settings.TRIPARTITE_JURISDICTION).principles
