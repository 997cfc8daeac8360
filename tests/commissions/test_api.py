"""The commissions API: what it returns, and the status codes for bad input (never a 500)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.commissions.conftest import make_commission, make_decision, make_meeting, seat
from tripartite.commissions.models import Commission, CommissionMember

pytestmark = pytest.mark.django_db


def body(ministry, **extra):
    return {"level": "republican", "name_en": "Republican Tripartite Commission", "secretariat": ministry.pk, **extra}


def test_a_secretary_registers_a_commission_and_gets_its_parity_and_execution(api, secretary, ministry):
    status, data = api(secretary).post("commissions", body(ministry))
    assert status == 201
    assert data["level"] == "republican" and data["secretariat"]["id"] == ministry.pk
    assert data["parity"]["ok"] is False and data["parity"]["code"] == "empty"
    assert data["execution"] == {**data["execution"], "due": 0, "rate": None, "rate_on_time": None}


def test_a_regional_commission_takes_its_region_by_kato_code(api, secretary, ministry, region):
    status, data = api(secretary).post("commissions", body(ministry, level="regional_oblast", region=region.kato))
    assert status == 201 and data["region"]["kato"] == region.kato


@pytest.mark.parametrize("extra, field", [
    ({"level": "galactic"}, "level"),
    ({"level": "regional"}, "level"),  # a parent level, not one a commission sits at
    ({"level": "regional_oblast"}, "region"),
    ({"level": "regional_oblast", "region": "999999999"}, "region"),
    ({"level": "sectoral"}, "sector"),
    ({"level": "sectoral", "sector": "ZZ"}, "sector"),
    ({"secretariat": 999999}, "secretariat"),
    ({"name_en": ""}, "name_ru"),
    ({"established": "yesterday"}, "established"),
])
def test_bad_commission_input_is_a_422_on_the_field(api, secretary, ministry, extra, field):
    status, data = api(secretary).post("commissions", body(ministry, **extra))
    assert status == 422
    assert field in [e["field"] for e in data["errors"]]
    assert Commission.objects.count() == 0


@pytest.mark.parametrize("raw", ["{not json", "[]", "null", '"text"', '{"level": 5}'])
def test_malformed_bodies_are_refused_without_a_500(api, secretary, raw):
    status, data = api(secretary).post("commissions", raw=raw)
    assert 400 <= status < 500
    assert "detail" in data


@pytest.mark.parametrize("path", [
    "commissions/999999", "commissions/999999/members", "commissions/999999/meetings", "commissions/members/999999",
    "commissions/meetings/999999", "commissions/meetings/999999/decisions", "commissions/decisions/999999",
    "commissions/decisions?commission=999999",
])
def test_unknown_ids_are_404(api, admin_user, path):
    status, data = api(admin_user).get(path)
    assert status == 404 and data["detail"]


def test_unpublished_commissions_are_404_for_anonymous_visitors(api, ministry):
    hidden = make_commission(ministry, published=False)
    assert api(None).get(f"commissions/{hidden.pk}")[0] == 404
    assert api(None).get("commissions")[1]["count"] == 0


def test_list_filters_and_pagination(api, admin_user, ministry, sector):
    national = make_commission(ministry, name="National")
    mining = make_commission(ministry, name="Mining", level="sectoral", sector=sector)
    client = api(admin_user)
    assert [c["id"] for c in client.get("commissions", level="sectoral")[1]["items"]] == [mining.pk]
    assert [c["id"] for c in client.get("commissions", sector="b")[1]["items"]] == [mining.pk]
    assert [c["id"] for c in client.get("commissions", q="nation")[1]["items"]] == [national.pk]
    status, page = client.get("commissions", page_size=1, page=2)
    assert status == 200 and page["count"] == 2 and len(page["items"]) == 1
    assert client.get("commissions", page_size=1000)[0] == 422
    assert client.get("commissions", parity="maybe")[0] == 422


def test_members_crud_and_parity_in_the_output(api, secretary, ministry, union):
    commission = make_commission(ministry)
    client = api(secretary)
    for side in ("state", "employers", "workers"):
        status, _member = client.post(f"commissions/{commission.pk}/members", {"side": side, "person_name": f"{side} rep"})
        assert status == 201
    status, extra = client.post(
        f"commissions/{commission.pk}/members", {"side": "workers", "person_name": "Second", "organisation": union.pk}
    )
    assert status == 201 and extra["organisation"]["id"] == union.pk
    parity = client.get(f"commissions/{commission.pk}")[1]["parity"]
    assert parity["ok"] is False and parity["counts"] == {"state": 1, "employers": 1, "workers": 2}
    status, _ = client.put(f"commissions/members/{extra['id']}", {"side": "workers", "person_name": "Second", "role": "secretary"})
    assert status == 200
    assert client.get(f"commissions/{commission.pk}")[1]["parity"]["ok"] is True
    assert client.delete(f"commissions/members/{extra['id']}")[0] == 204
    assert CommissionMember.objects.count() == 3


@pytest.mark.parametrize("payload, field", [
    ({"side": "aliens", "person_name": "X"}, "side"),
    ({"side": "state", "person_name": "X", "role": "emperor"}, "role"),
    ({"side": "state", "person_name": ""}, "person_name"),
    ({"side": "state", "person_name": "X", "organisation": 999999}, "organisation"),
    ({"side": "state", "person_name": "X", "term_start": "2026-05-01", "term_end": "2026-01-01"}, "term_end"),
])
def test_bad_member_input_is_a_422_on_the_field(api, secretary, ministry, payload, field):
    commission = make_commission(ministry)
    status, data = api(secretary).post(f"commissions/{commission.pk}/members", payload)
    assert status == 422 and field in [e["field"] for e in data["errors"]]


def test_meetings_agenda_and_decisions(api, secretary, ministry):
    commission = make_commission(ministry)
    client = api(secretary)
    status, meeting = client.post(f"commissions/{commission.pk}/meetings", {"date": "2026-01-20", "status": "held"})
    assert status == 201
    status, item = client.post(f"commissions/meetings/{meeting['id']}/agenda", {"title_en": "Wages"})
    assert status == 201 and item["number"] == 1
    assert client.post(f"commissions/meetings/{meeting['id']}/agenda", {"title_en": "Again", "number": 1})[0] == 422
    status, decision = client.post(
        f"commissions/meetings/{meeting['id']}/decisions",
        {"text_en": "Report", "due_date": "2026-02-01", "agenda_item": item["id"], "responsible_side": "state"},
    )
    assert status == 201 and decision["status"] == "overdue"
    assert client.get("commissions/decisions", status="overdue")[1]["count"] == 1
    status, done = client.post(f"commissions/decisions/{decision['id']}/done", {"done_on": "2026-01-30"})
    assert status == 200 and done["status"] == "done"
    assert client.post(f"commissions/decisions/{decision['id']}/done", {"done_on": "2026-01-30"})[0] == 409
    status, patched = client.patch(f"commissions/decisions/{decision['id']}", {"execution_note": "Published"})
    assert status == 200 and patched["execution_note"] == "Published"
    execution = client.get(f"commissions/{commission.pk}")[1]["execution"]
    assert execution["due"] == 1 and execution["rate"] == 1.0 and execution["rate_on_time"] == 1.0
    assert client.delete(f"commissions/{commission.pk}")[0] == 409
    assert client.delete(f"commissions/meetings/{meeting['id']}")[0] == 409


@pytest.mark.parametrize("payload, field", [
    ({"text_en": ""}, "text_ru"),
    ({"text_en": "X", "due_date": "2025-01-01"}, "due_date"),
    ({"text_en": "X", "agenda_item": 999999}, "agenda_item"),
    ({"text_en": "X", "responsible_side": "aliens"}, "responsible_side"),
    ({"text_en": "X", "due_date": "not a date"}, "due_date"),
])
def test_bad_decision_input_is_a_422_on_the_field(api, secretary, ministry, payload, field):
    meeting = make_meeting(make_commission(ministry))
    status, data = api(secretary).post(f"commissions/meetings/{meeting.pk}/decisions", payload)
    assert status == 422 and field in [e["field"] for e in data["errors"]]


def test_an_agenda_item_of_another_meeting_is_refused(api, secretary, ministry):
    commission = make_commission(ministry)
    first, second = make_meeting(commission), make_meeting(commission, on=date(2026, 2, 20))
    item = first.agenda_items.create(number=1, title_en="Wages")
    status, data = api(secretary).post(
        f"commissions/meetings/{second.pk}/decisions", {"text_en": "X", "agenda_item": item.pk}
    )
    assert status == 422 and [e["field"] for e in data["errors"]] == ["agenda_item"]


def test_errors_are_translated(api, secretary, ministry, client):
    status, data = api(secretary).call("post", "commissions", body(ministry, level="regional_oblast"))
    assert status == 422
    response = client.post(
        "/api/v1/commissions", data=body(ministry, level="regional_oblast"), content_type="application/json",
        HTTP_AUTHORIZATION=api(secretary)._headers()["HTTP_AUTHORIZATION"], HTTP_ACCEPT_LANGUAGE="kk",
    )
    assert "Өңірлік комиссия үшін өңірді көрсетіңіз." in [e["message"] for e in response.json()["errors"]]


def test_the_decisions_list_is_paginated_and_filtered(api, admin_user, ministry):
    meeting = make_meeting(make_commission(ministry))
    for due in (date(2026, 2, 1), date(2026, 3, 1), date(2030, 1, 1)):
        make_decision(meeting, due=due)
    seat(meeting.commission, "state")
    client = api(admin_user)
    assert client.get("commissions/decisions", status="pending")[1]["count"] == 1
    assert client.get("commissions/decisions", status="bogus")[0] == 422
    status, page = client.get("commissions/decisions", page_size=2)
    assert status == 200 and page["count"] == 3 and len(page["items"]) == 2
