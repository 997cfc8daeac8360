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


def test_a_programme_measure_is_tagged_by_its_programme_coordinator_and_counts_for_the_principle(
        db: Any, anonymous: Any) -> None:
    from tripartite.core.models import User
    from tripartite.principles import services
    from tripartite.programmes.models import Measure

    load_demo()
    kind = taggables.kind("programmes.measure")
    assert kind is not None and kind.role == taggables.Role.CARRIES
    measure = Measure.objects.select_related("area__programme").filter(area__programme__published=True).first()
    assert measure is not None
    admin = User.objects.get(username="admin")
    principle = queries.principles().get(code="P06")
    before = queries.principle_coverage(principle, anonymous).carried_out
    services.tag_add(by=admin, target=measure, principle=principle)
    assert kind.may_tag(admin, measure) and not kind.may_tag(anonymous, measure)
    assert [p.code for p in queries.principles_of(kind, measure) if p.code == "P06"] == ["P06"]
    assert queries.principle_coverage(principle, anonymous).carried_out == before + 1
