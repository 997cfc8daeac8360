"""The demonstration data tag clauses, commitments, decisions and survey questions through the services."""

from __future__ import annotations

from typing import Any

from tripartite.demo.services import load_demo
from tripartite.principles import queries, taggables
from tripartite.principles.models import Tag


def test_the_demo_tags_records_of_every_kind_and_overrides_one_clause(db: Any, anonymous: Any) -> None:
    load_demo()
    kinds = {f"{t.content_type.app_label}.{t.content_type.model}" for t in Tag.objects.select_related("content_type")}
    assert {"agreements.clause", "agreements.commitment", "commissions.decision", "surveys.question"} <= kinds
    assert all(t.created_by is not None for t in Tag.objects.all())
    override = Tag.objects.get(applies=False)
    clause = override.target
    assert override.principle.code == "P07" and "hot shops" in clause.text_en
    assert [p.code for p in queries.principles_of(taggables.kind("agreements.clause"), clause)] == ["P04", "P05"]
    p06 = queries.principle_coverage(queries.principles().get(code="P06"), anonymous)
    assert p06.carried_out > 3 and not p06.nothing_measures
