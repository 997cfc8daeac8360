"""What touches a principle, a convention or an agreement, and where nothing does (the gaps)."""

from __future__ import annotations

from typing import Any

from tests.principles.conftest import convention, principle
from tripartite.agreements.models import Agreement
from tripartite.principles import queries, services
from tripartite.principles.queries import How


def test_a_principle_lists_clauses_by_topic_and_records_by_tag(pay_clause: Any, commitment: Any, decision: Any,
                                                               admin_user: Any, anonymous: Any) -> None:
    services.tag_add(by=admin_user, target=commitment, principle=principle("P06"))
    services.tag_add(by=admin_user, target=decision, principle=principle("P06"))
    coverage = queries.principle_coverage(principle("P06"), anonymous)
    assert [(i.obj, i.how) for i in coverage.items["agreements.clause"]] == [(pay_clause, How.TOPIC)]
    assert [(i.obj, i.how) for i in coverage.items["agreements.commitment"]] == [(commitment, How.TAG)]
    assert [i.obj for i in coverage.items["commissions.decision"]] == [decision]
    assert coverage.carried_out == 3 and not coverage.nothing_carries
    # The minimum wage principle is measured by the pack's minimum-wage indicators.
    assert [r.code for r in coverage.indicators] == ["mw_median_ratio", "mw_average_ratio"]
    assert not coverage.nothing_measures


def test_a_principle_nothing_touches_is_a_gap_on_both_sides(pay_clause: Any, anonymous: Any) -> None:
    coverage = queries.principle_coverage(principle("P01"), anonymous)
    assert coverage.nothing_carries and coverage.nothing_measures


def test_a_tagged_survey_question_measures_a_principle(admin_user: Any, anonymous: Any) -> None:
    from tripartite.surveys.collect.services import ensure_builtin_template

    question = ensure_builtin_template().questions.get(code="gov")
    services.tag_add(by=admin_user, target=question, principle=principle("P01"))
    coverage = queries.principle_coverage(principle("P01"), anonymous)
    assert [i.obj for i in coverage.items["surveys.question"]] == [question]
    assert not coverage.nothing_measures and coverage.nothing_carries


def test_a_convention_is_touched_through_its_principles_and_by_its_own_tags(pay_clause: Any, decision: Any,
                                                                           admin_user: Any, anonymous: Any) -> None:
    services.tag_add(by=admin_user, target=decision, convention=convention("C131"))
    coverage = queries.convention_coverage(convention("C131"), anonymous)
    clause_items = coverage.items["agreements.clause"]
    assert [(i.obj, i.how, [p.code for p in i.via]) for i in clause_items] == [(pay_clause, How.PRINCIPLE, ["P06"])]
    assert [(i.obj, i.how) for i in coverage.items["commissions.decision"]] == [(decision, How.TAG)]


def test_an_agreement_shows_which_principles_its_clauses_cover(pay_clause: Any, hours_clause: Any,
                                                              commitment: Any, admin_user: Any,
                                                              agreement: Any) -> None:
    services.tag_add(by=admin_user, target=commitment, principle=principle("P09"))
    rows = {r.principle.code: r for r in queries.agreement_coverage(agreement)}
    assert rows["P06"].clauses == (pay_clause,) and rows["P07"].clauses == (hours_clause,)
    assert rows["P09"].commitments == (commitment,)
    assert not rows["P01"].covered and sum(r.covered for r in rows.values()) == 3


def test_clauses_of_an_unpublished_agreement_are_not_shown_to_the_public(pay_clause: Any, anonymous: Any,
                                                                        personas: Any, agreement: Any) -> None:
    Agreement.objects.filter(pk=agreement.pk).update(published=False)
    assert queries.principle_coverage(principle("P06"), anonymous).items["agreements.clause"] == []
    assert len(queries.principle_coverage(principle("P06"), personas.member).items["agreements.clause"]) == 1
