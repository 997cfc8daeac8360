"""The disputes API: the same rules and permissions as the pages, one error body, timelines and summary as JSON."""

from __future__ import annotations

import pytest

from .conftest import make_dispute

pytestmark = pytest.mark.django_db


def _payload(world, **overrides):
    body = {
        "subject": "Shift pay", "employer": world.employer.pk, "union": world.union.pk, "employees_involved": 120,
        "region": "470000000", "sector": "B", "demands_received_on": "2025-03-19",
        "demands": [{"topic": "wages", "text": "Pay night shifts at 150%"}],
    }
    body.update(overrides)
    return body


def test_a_party_registers_and_advances_a_dispute(world, api):
    client = api(world.union_editor)
    status, body = client.post("disputes/", _payload(world))
    assert status == 201, body
    assert body["stage"] == "demands" and body["allowed_moves"] == ["conciliation", "settled", "withdrawn"]
    dispute_id = body["id"]
    status, file = client.get(f"disputes/{dispute_id}")
    reply = next(d for d in file["deadlines"] if d["rule"] == "employer_reply_to_demands")
    assert reply["due"] == "2025-03-27" and reply["unit"] == "working" and reply["verified"] is True
    status, body = client.post(f"disputes/{dispute_id}/advance", {"to_stage": "conciliation", "on": "2025-03-27"})
    assert status == 200 and body["stage"] == "conciliation"
    status, step = client.post(f"disputes/{dispute_id}/steps", {"step": "conciliation_formed", "on": "2025-03-28"})
    assert status == 201
    status, body = client.post(f"disputes/{dispute_id}/advance", {
        "to_stage": "settled", "on": "2025-04-03", "demand_statuses": {str(body["demands"][0]["id"]): "partly"}})
    assert status == 200 and body["closed"] and body["settled_stage"] == "conciliation"
    assert body["demands"][0]["status"] == "partly" and body["demands"][0]["settled_at_stage"] == "conciliation"
    status, timeline = client.get(f"disputes/{dispute_id}/timeline")
    assert status == 200 and [t["on"] for t in timeline] == sorted(t["on"] for t in timeline)
    assert any(t["kind"] == "deadline" for t in timeline) and any(t["kind"] == "event" for t in timeline)


def test_a_forbidden_move_is_a_409_with_the_procedures_explanation(world, api):
    dispute = make_dispute(world)
    status, body = api(world.inspector).post(f"disputes/{dispute.pk}/advance", {"to_stage": "strike", "on": "2025-03-27"})
    assert status == 409
    assert body["errors"][0]["field"] == "to_stage" and "не допускает" in body["detail"]


def test_bad_input_is_a_422_and_stores_nothing(world, api):
    from tripartite.disputes.models import Dispute

    client = api(world.union_editor)
    status, body = client.post("disputes/", _payload(world, demands=[], employees_involved=0))
    assert status == 422 and {e["field"] for e in body["errors"]} >= {"demands", "employees_involved"}
    status, body = client.post("disputes/", _payload(world, region="999999999"))
    assert status == 422 and body["errors"][0]["field"] == "region"
    status, body = client.post("disputes/", _payload(world, demands_received_on="2999-01-01"))
    assert status == 422
    status, body = client.post("disputes/", raw="{not json")
    assert status == 400 and body["detail"]
    assert Dispute.objects.count() == 0


def test_permissions_on_writes(world, api):
    dispute = make_dispute(world)
    assert api(None).post("disputes/", _payload(world))[0] == 401
    assert api(world.other_editor).post("disputes/", _payload(world))[0] == 403
    assert api(world.conciliator).post(f"disputes/{dispute.pk}/advance", {"to_stage": "settled", "on": "2025-03-20"})[0] == 404
    status, body = api(world.union_editor).post(f"disputes/{dispute.pk}/conciliators?user_id={world.conciliator.pk}")
    assert status == 403
    status, body = api(world.inspector).post(f"disputes/{dispute.pk}/conciliators?user_id={world.conciliator.pk}")
    assert status == 200
    assert api(world.conciliator).get(f"disputes/{dispute.pk}")[0] == 200


def test_the_summary_and_procedure_are_public_json(world, api):
    dispute = make_dispute(world)
    api(world.inspector).post(f"disputes/{dispute.pk}/advance", {"to_stage": "settled", "on": "2025-03-20"})
    status, body = api(None).get("disputes/summary")
    assert status == 200
    year = body["years"][0]
    assert year == {**year, "year": 2025, "disputes": 1, "settled": 1, "share_settled_without_strike": 1.0,
                    "settled_at": {"demands": 1}}
    status, procedure = api(None).get("disputes/procedure")
    assert status == 200 and procedure["stages"][0]["code"] == "demands"
    assert {d["rule"]: d["days"] for d in procedure["deadlines"]}["strike_notice"] is None


def test_the_deadline_list_needs_a_sign_in_and_shows_only_readable_disputes(world, api):
    make_dispute(world)
    make_dispute(world, other=True, subject="Bus drivers pay")
    assert api(None).get("disputes/deadlines")[0] == 401
    status, rows = api(world.other_editor).get("disputes/deadlines")
    assert status == 200 and {r["dispute"]["name"] for r in rows} == {"Bus drivers pay"}


def test_strikes_are_recorded_through_the_api(world, api):
    dispute = make_dispute(world)
    client = api(world.inspector)
    client.post(f"disputes/{dispute.pk}/advance", {"to_stage": "conciliation", "on": "2025-03-27"})
    client.post(f"disputes/{dispute.pk}/advance", {"to_stage": "strike", "on": "2025-04-10"})
    strike = dispute.strikes.get()
    status, body = client.patch(f"disputes/strikes/{strike.pk}", {"started_on": "2025-04-15", "participants": 200})
    assert status == 200 and body["participants"] == 200
    status, body = client.patch(f"disputes/strikes/{strike.pk}", {"ended_on": "2025-04-14"})
    assert status == 422 and body["errors"][0]["field"] == "ended_on"
