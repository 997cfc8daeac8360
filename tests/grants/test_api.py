"""The grants API (still at /api/v1/civic): status codes, permission checks, the error body, pseudonymised scores."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.grants.conftest import apply, published_call
from tripartite.grants.models import Application, Call

pytestmark = pytest.mark.django_db


def _call_body(ministry, **extra):
    today = timezone.localdate()
    body = {"issuer": ministry.pk, "kind": "grant", "topic": "youth", "title_en": "API call", "budget": 1_000_000,
            "regions": ["750000000"], "opens_on": today.isoformat(), "deadline": today.isoformat(),
            "results_on": today.isoformat(), "required_documents": []}
    body.update(extra)
    return body


def test_a_secretary_creates_and_publishes_a_call_through_the_api(api, secretary, ministry, topic, ngo_editor):
    client = api(secretary)
    status, body = client.post("civic/calls", _call_body(ministry))
    assert status == 201, body
    assert body["status"] == "draft" and body["regions"][0]["code"] == "750000000"
    call_id = body["id"]
    status, body = client.post(f"civic/calls/{call_id}/publish")
    assert status == 422 and body["errors"][0]["field"] == "criteria"
    assert client.post(f"civic/calls/{call_id}/criteria", {"name_en": "All", "weight": 100})[0] == 201
    status, body = client.post(f"civic/calls/{call_id}/publish")
    assert status == 200 and body["phase"] == "open"
    assert api(None).get("civic/calls")[1]["count"] == 1
    assert api(ngo_editor).post("civic/calls", _call_body(ministry))[0] == 403
    assert api(None).post("civic/calls", _call_body(ministry))[0] == 401


def test_bad_input_gets_a_422_with_the_field(api, secretary, ministry, topic):
    status, body = api(secretary).post("civic/calls", _call_body(ministry, topic="nope", budget="lots"))
    assert status == 422 and {e["field"] for e in body["errors"]} == {"budget"}
    status, body = api(secretary).post("civic/calls", _call_body(ministry, topic="nope"))
    # The API answers in the platform's default language (Russian) when the client asks for none.
    assert status == 422 and body["errors"] == [{"field": "topic", "message": "Нет тематического направления с кодом nope."}]
    status, body = api(secretary).post("civic/calls", _call_body(ministry, regions=["999"]))
    assert status == 422 and body["errors"][0]["field"] == "regions"
    assert Call.objects.count() == 0


def test_an_ngo_applies_and_sees_why_it_cannot_submit(api, secretary, ministry, topic, ngo, ngo_editor, other_editor):
    today = timezone.localdate()
    call = published_call(secretary, ministry, topic, opens_on=today, deadline=today, results_on=today)
    body = {"applicant": ngo.pk, "project_title": "Clean rivers", "requested_amount": 5_000_000, "regions": ["750000000"],
            "settlement_type": "rural", "registered_on": "2010-05-01", "budget_lines": [{"item": "Staff", "amount": 4_000_000}]}
    status, created = api(ngo_editor).post(f"civic/calls/{call.pk}/applications", body)
    assert status == 201 and [r["code"] for r in created["eligibility"]] == ["budget", "documents"]
    status, refused = api(ngo_editor).post(f"civic/applications/{created['id']}/submit")
    assert status == 422 and {e["field"] for e in refused["errors"]} == {"budget_lines", "documents"}
    assert Application.objects.get().status == "draft"
    assert api(other_editor).get(f"civic/applications/{created['id']}")[0] == 404
    assert api(None).get(f"civic/applications/{created['id']}")[0] == 404
    assert api(other_editor).post(f"civic/calls/{call.pk}/applications", body)[0] == 403


def test_scores_and_the_ranking_are_permission_checked(api, secretary, ministry, topic, ngo, ngo_editor, evaluators, almaty):
    from datetime import timedelta

    today = timezone.localdate()
    opens, deadline = today - timedelta(days=20), today - timedelta(days=1)
    call = published_call(secretary, ministry, topic, evaluators[:2], opens_on=opens, deadline=deadline, results_on=today)
    application = apply(ngo_editor, call, ngo, [almaty], on=opens)
    first, second = (c.pk for c in call.criteria.order_by("id"))
    assert api(None).get(f"civic/calls/{call.pk}/ranking")[0] == 403
    status, body = api(evaluators[0]).put(f"civic/applications/{application.pk}/score", {"marks": {str(first): 5, str(second): 5}})
    assert status == 403 and body["detail"] == "Перед оценкой задекларируйте конфликт интересов по этому конкурсу."
    for ev in evaluators[:2]:
        assert api(ev).post(f"civic/calls/{call.pk}/declaration", {"organisations": []})[0] == 200
    status, body = api(evaluators[0]).put(f"civic/applications/{application.pk}/score", {"marks": {str(first): 11}})
    assert status == 422
    status, body = api(evaluators[0]).put(f"civic/applications/{application.pk}/score", {"marks": {str(first): 9, str(second): 6}})
    assert status == 200 and body["total"] == 78 and body["evaluator"] == "Эксперт A"
    assert [s["total"] for s in api(evaluators[0]).get(f"civic/calls/{call.pk}/scores")[1]] == [78]
    assert api(evaluators[1]).get(f"civic/calls/{call.pk}/scores") == (200, [])
    assert api(ngo_editor).put(f"civic/applications/{application.pk}/score", {"marks": {}})[0] == 403
    assert api(None).put(f"civic/applications/{application.pk}/score", {"marks": {}})[0] == 401
    assert api(secretary).post(f"civic/calls/{call.pk}/close")[0] == 409
    api(evaluators[1]).put(f"civic/applications/{application.pk}/score", {"marks": {str(first): 8, str(second): 8}})
    assert api(secretary).post(f"civic/calls/{call.pk}/close")[0] == 200
    status, ranking = api(None).get(f"civic/calls/{call.pk}/ranking")
    assert status == 200 and [s["evaluator"] for s in ranking[0]["scores"]] == ["Эксперт A", "Эксперт B"]
    assert "(eva)" not in str(ranking) and "(evb)" not in str(ranking)
