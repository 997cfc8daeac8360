"""Independent scoring: declarations, conflicts of interest, N evaluators, outliers, pseudonymised ranking, audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.grants.conftest import AFTER, DEADLINE, TODAY, apply, make_org, marks_for, published_call
from tripartite.core.errors import Conflict, NotAllowed
from tripartite.core.models import Role, RoleAssignment, ScopeType
from tripartite.grants import queries, services
from tripartite.grants.models import Call, Score

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(secretary, ministry, topic, ngo, other_ngo, ngo_editor, other_editor, evaluators, almaty):
    call = published_call(secretary, ministry, topic, evaluators[:2])
    a = apply(ngo_editor, call, ngo, [almaty])
    b = apply(other_editor, call, other_ngo, [almaty], settlement="rural")
    for user in evaluators[:2]:
        services.conflicts_declare(by=user, call=call, today=AFTER)
    return {"call": call, "a": a, "b": b}


def test_scores_are_given_after_the_deadline_by_declared_evaluators_only(world, evaluators, secretary, ministry, topic):
    call, a = world["call"], world["a"]
    with pytest.raises(Conflict, match="scored after the deadline"):
        services.score_record(by=evaluators[0], application=a, marks=marks_for(call, 5, 5), today=TODAY)
    with pytest.raises(NotAllowed, match="Only the evaluators recorded on this call"):
        services.score_record(by=evaluators[2], application=a, marks=marks_for(call, 5, 5), today=AFTER)
    services.evaluator_add(by=secretary, call=call, user=evaluators[2])
    with pytest.raises(NotAllowed, match="Declare your conflicts of interest"):
        services.score_record(by=evaluators[2], application=a, marks=marks_for(call, 5, 5), today=AFTER)
    score = services.score_record(by=evaluators[0], application=a, marks=marks_for(call, 8, 5), today=AFTER)
    assert score.total() == 68


def test_marks_must_be_whole_numbers_from_0_to_10_for_every_criterion(world, evaluators):
    call, a = world["call"], world["a"]
    first, second = (c.pk for c in call.criteria.order_by("id"))
    with pytest.raises(ValidationError) as exc:
        services.score_record(by=evaluators[0], application=a, marks={first: 11, second: True}, today=AFTER)
    assert set(exc.value.message_dict) == {f"mark_{first}", f"mark_{second}"}
    assert not Score.objects.exists()


def test_an_evaluator_with_a_role_in_the_applicant_is_refused_with_the_reason(world, evaluators, ngo):
    RoleAssignment.objects.create(user=evaluators[0], role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=ngo.pk)
    with pytest.raises(NotAllowed) as exc:
        services.score_record(by=evaluators[0], application=world["a"], marks=marks_for(world["call"], 5, 5), today=AFTER)
    assert str(exc.value) == "You cannot score this application: You hold a role in Green Steppe PA, the applicant."
    # The same evaluator may still score the other applicant.
    services.score_record(by=evaluators[0], application=world["b"], marks=marks_for(world["call"], 5, 5), today=AFTER)


def test_parent_and_member_organisations_in_the_register_count_as_links(world, evaluators, ngo, other_ngo):
    parent = make_org("Network of NGOs")
    ngo.parent = parent
    ngo.save()
    member = make_org("Local chapter", parent=other_ngo)
    RoleAssignment.objects.create(user=evaluators[0], role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=parent.pk)
    RoleAssignment.objects.create(user=evaluators[1], role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=member.pk)
    with pytest.raises(NotAllowed, match="Network of NGOs, a parent organisation of the applicant Green Steppe PA"):
        services.score_record(by=evaluators[0], application=world["a"], marks=marks_for(world["call"], 5, 5), today=AFTER)
    with pytest.raises(NotAllowed, match="Local chapter, a member organisation of the applicant Rural Voices PF"):
        services.score_record(by=evaluators[1], application=world["b"], marks=marks_for(world["call"], 5, 5), today=AFTER)


def test_a_declared_tie_blocks_scoring(world, evaluators, other_ngo):
    services.conflicts_declare(by=evaluators[1], call=world["call"], ties=[(other_ngo, "Board member")], today=AFTER)
    with pytest.raises(NotAllowed, match="You declared a tie with the applicant Rural Voices PF."):
        services.score_record(by=evaluators[1], application=world["b"], marks=marks_for(world["call"], 5, 5), today=AFTER)


def test_the_call_closes_only_when_every_application_has_n_scores(world, evaluators, secretary, make_user):
    call, a, b = world["call"], world["a"], world["b"]
    with pytest.raises(Conflict, match="can be closed after that"):
        services.call_close(by=secretary, call=call, today=DEADLINE)
    services.score_record(by=evaluators[0], application=a, marks=marks_for(call, 8, 8), today=AFTER)
    with pytest.raises(Conflict) as exc:
        services.call_close(by=secretary, call=call, today=AFTER)
    assert "Green Steppe PA has 1 of 2 scores." in str(exc.value) and "Rural Voices PF has 0 of 2 scores." in str(exc.value)
    with pytest.raises(NotAllowed):
        services.call_close(by=evaluators[0], call=call, today=AFTER)
    services.score_record(by=evaluators[1], application=a, marks=marks_for(call, 7, 9), today=AFTER)
    for ev in evaluators[:2]:
        services.score_record(by=ev, application=b, marks=marks_for(call, 9, 9), today=AFTER)
    services.call_close(by=secretary, call=call, today=AFTER)
    assert Call.objects.get(pk=call.pk).status == Call.Status.CLOSED
    with pytest.raises(Conflict, match="results are published"):
        services.score_record(by=evaluators[0], application=a, marks=marks_for(call, 1, 1), today=AFTER)


def test_the_ranking_is_pseudonymised_and_flags_outliers(world, evaluators, secretary, make_user, anonymous):
    call, a, b = world["call"], world["a"], world["b"]
    services.score_record(by=evaluators[0], application=a, marks=marks_for(call, 10, 10), today=AFTER)
    services.score_record(by=evaluators[1], application=a, marks=marks_for(call, 2, 2), today=AFTER)
    services.score_record(by=evaluators[0], application=b, marks=marks_for(call, 9, 9), today=AFTER)
    services.score_record(by=evaluators[1], application=b, marks=marks_for(call, 8, 8), today=AFTER)
    assert not queries.may_see_scores(anonymous, call) and queries.may_see_scores(secretary, call)
    services.call_close(by=secretary, call=call, today=AFTER)
    call.refresh_from_db()
    rows = queries.ranking(call)
    assert [(r.rank, r.application.pk, r.mean) for r in rows] == [(1, b.pk, 85.0), (2, a.pk, 60.0)]
    assert [c.evaluator_label for c in rows[1].scores] == ["Evaluator A", "Evaluator B"]
    assert all(c.outlier for c in rows[1].scores) and not rows[0].has_outlier
    assert queries.may_see_scores(anonymous, call) and not queries.may_see_evaluator_names(anonymous, call)


def test_every_score_change_is_in_the_history(world, evaluators):
    call, a = world["call"], world["a"]
    score = services.score_record(by=evaluators[0], application=a, marks=marks_for(call, 5, 5), today=AFTER)
    services.score_record(by=evaluators[0], application=a, marks=marks_for(call, 6, 5), comment="Rechecked",
                          today=AFTER + timedelta(days=1))
    history = list(score.history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[0].marks != history[1].marks and history[1].history_user == evaluators[0]


def test_awards_stay_within_the_request_and_the_budget(world, evaluators, secretary):
    call, a, b = world["call"], world["a"], world["b"]
    for ev in evaluators[:2]:
        for application in (a, b):
            services.score_record(by=ev, application=application, marks=marks_for(call, 8, 8), today=AFTER)
    with pytest.raises(Conflict, match="after the call is closed"):
        services.award_create(by=secretary, application=a, amount=1, signed_on=AFTER)
    services.call_close(by=secretary, call=call, today=AFTER)
    with pytest.raises(ValidationError, match="cannot exceed the amount requested"):
        services.award_create(by=secretary, application=a, amount=a.requested_amount + 1, signed_on=AFTER + timedelta(days=400))
    from django.utils import timezone

    award = services.award_create(by=secretary, application=a, amount=a.requested_amount, signed_on=timezone.localdate())
    assert award.amount == 10_000_000
    with pytest.raises(NotAllowed):
        services.award_create(by=evaluators[0], application=b, amount=1, signed_on=timezone.localdate())
