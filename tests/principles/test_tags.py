"""Tagging records with principles and conventions: the default topic mapping, overriding it, who may tag."""

from __future__ import annotations

from typing import Any

import pytest

from tests.principles.conftest import convention, principle
from tripartite.core.errors import Conflict, NotAllowed
from tripartite.principles import queries, services, taggables
from tripartite.principles.models import Tag

CLAUSE = taggables.kind("agreements.clause")


def codes(items: Any) -> list[str]:
    return [p.code for p in items]


def test_a_pay_clause_touches_the_minimum_wage_principle_without_any_tag(pay_clause: Any) -> None:
    assert codes(queries.principles_of(CLAUSE, pay_clause)) == ["P06"]
    assert not Tag.objects.exists()


def test_a_tag_adds_a_principle_to_the_topic_default(pay_clause: Any, personas: Any) -> None:
    services.tag_add(by=personas.owner, target=pay_clause, principle=principle("P08"))
    assert codes(queries.principles_of(CLAUSE, pay_clause)) == ["P06", "P08"]


def test_overriding_the_default_takes_a_principle_off_one_clause_only(hours_clause: Any, admin_user: Any,
                                                                      agreement: Any, personas: Any) -> None:
    from tripartite.agreements import services as agreements

    other = agreements.clause_add(by=admin_user, agreement=agreement, number="3", topic="working_time",
                                  text_en="Eight-hour shifts.")
    services.tags_set(by=personas.owner, target=hours_clause, principles=[principle("P05")], conventions=[])
    assert codes(queries.principles_of(CLAUSE, hours_clause)) == ["P05"]
    assert codes(queries.principles_of(CLAUSE, other)) == ["P07"]
    off = Tag.objects.get(principle__code="P07")
    assert off.applies is False and off.object_id == hours_clause.pk
    covered = queries.principle_coverage(principle("P07"), personas.owner).items["agreements.clause"]
    assert [i.obj for i in covered] == [other]


def test_ticking_the_default_again_removes_the_override(hours_clause: Any, personas: Any) -> None:
    services.tags_set(by=personas.owner, target=hours_clause, principles=[], conventions=[])
    services.tags_set(by=personas.owner, target=hours_clause, principles=[principle("P07")],
                      conventions=[convention("C132")])
    assert codes(queries.principles_of(CLAUSE, hours_clause)) == ["P07"]
    assert list(Tag.objects.values_list("principle__code", "convention__code")) == [(None, "C132")]


def test_the_agreements_editor_may_tag_its_clauses_and_others_may_not(pay_clause: Any, personas: Any) -> None:
    services.tag_add(by=personas.owner, target=pay_clause, convention=convention("C131"))
    for user in (personas.member, personas.outsider):
        with pytest.raises(NotAllowed):
            services.tag_add(by=user, target=pay_clause, principle=principle("P08"))
        with pytest.raises(NotAllowed):
            services.tags_set(by=user, target=pay_clause, principles=[], conventions=[])
    assert Tag.objects.count() == 1


def test_a_decision_is_tagged_by_the_commissions_secretary_not_by_an_employers_editor(
        decision: Any, make_user: Any, ministry: Any, personas: Any) -> None:
    secretary = make_user("secretary", role="secretary", organisation=ministry)
    services.tag_add(by=secretary, target=decision, principle=principle("P10"))
    with pytest.raises(NotAllowed):
        services.tag_add(by=personas.owner, target=decision, principle=principle("P09"))
    assert [t.principle.code for t in Tag.objects.all()] == ["P10"]


def test_removing_a_tag_needs_the_same_right(pay_clause: Any, personas: Any) -> None:
    tag = services.tag_add(by=personas.owner, target=pay_clause, principle=principle("P08"))
    with pytest.raises(NotAllowed):
        services.tag_remove(by=personas.outsider, tag=tag)
    services.tag_remove(by=personas.owner, tag=tag)
    assert not Tag.objects.exists()


def test_a_second_identical_tag_is_a_conflict(pay_clause: Any, personas: Any) -> None:
    services.tag_add(by=personas.owner, target=pay_clause, principle=principle("P08"))
    with pytest.raises(Conflict):
        services.tag_add(by=personas.owner, target=pay_clause, principle=principle("P08"))


def test_a_tag_names_exactly_one_principle_or_convention(pay_clause: Any, personas: Any) -> None:
    with pytest.raises(services.TagError):
        services.tag_add(by=personas.owner, target=pay_clause)
    with pytest.raises(services.TagError):
        services.tag_add(by=personas.owner, target=pay_clause, principle=principle("P06"),
                         convention=convention("C131"))
    with pytest.raises(services.TagError):
        services.tag_add(by=personas.owner, target=pay_clause, convention=convention("C131"), applies=False)
    assert not Tag.objects.exists()


def test_a_record_of_a_kind_that_is_not_taggable_is_refused(agreement: Any, personas: Any) -> None:
    with pytest.raises(services.TagError):
        services.tag_add(by=personas.owner, target=agreement, principle=principle("P06"))


def test_every_change_to_a_tag_is_in_the_history_with_its_author(pay_clause: Any, personas: Any) -> None:
    tag = services.tag_add(by=personas.owner, target=pay_clause, principle=principle("P08"))
    tag_id = tag.pk
    services.tag_remove(by=personas.owner, tag=tag)
    rows = Tag.history.filter(id=tag_id).order_by("history_date")
    assert [(r.history_type, r.history_user) for r in rows] == [("+", personas.owner), ("-", personas.owner)]


def test_the_tags_of_a_deleted_clause_are_not_shown_and_sync_removes_them(pay_clause: Any, hours_clause: Any,
                                                                         admin_user: Any, anonymous: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from tripartite.agreements import services as agreements

    services.tag_add(by=admin_user, target=pay_clause, principle=principle("P08"))
    services.tag_add(by=admin_user, target=hours_clause, principle=principle("P08"))
    agreements.clause_delete(by=admin_user, clause=pay_clause)
    covered = queries.principle_coverage(principle("P08"), anonymous).items["agreements.clause"]
    assert [i.obj for i in covered] == [hours_clause]
    out = StringIO()
    call_command("sync_principles", stdout=out)
    assert "Tags of records that no longer exist, removed: 1." in out.getvalue()
    assert [t.object_id for t in Tag.objects.all()] == [hours_clause.pk]
