"""Who may change a commission's records, on the pages and in the API: the secretariat's secretary (owner) may;
its analyst (member, who only reads) and the secretary of another ministry (outsider) are refused."""

from __future__ import annotations

from datetime import date

import pytest

from tests.commissions.conftest import make_decision, make_meeting
from tripartite.commissions import services
from tripartite.commissions.models import CommissionMember, Decision
from tripartite.core.errors import NotAllowed

pytestmark = pytest.mark.django_db

REFUSED = ["member", "outsider"]


@pytest.fixture
def decision(commission):
    return make_decision(make_meeting(commission), due=date(2026, 3, 1))


def test_the_secretary_opens_the_commissions_edit_page(client, personas, commission):
    client.force_login(personas.owner)
    assert client.get(f"/commissions/{commission.pk}/edit/").status_code == 200


@pytest.mark.parametrize("who", REFUSED)
def test_readers_and_secretaries_elsewhere_are_refused_the_edit_page(client, personas, commission, who):
    client.force_login(getattr(personas, who))
    assert client.get(f"/commissions/{commission.pk}/edit/").status_code == 403


@pytest.mark.parametrize("who", REFUSED)
def test_readers_and_secretaries_elsewhere_cannot_seat_a_member(client, personas, commission, who):
    client.force_login(getattr(personas, who))
    response = client.post(f"/commissions/{commission.pk}/members/new/", {"side": "state", "person_name": "X"})
    assert response.status_code == 403
    assert not CommissionMember.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_before_registering_a_commission(client):
    response = client.get("/commissions/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_secretary_deletes_a_decision_after_confirming(client, personas, decision):
    client.force_login(personas.owner)
    page = client.get(f"/commissions/decisions/{decision.pk}/delete/")
    assert page.status_code == 200 and 'id="confirm-delete"' in page.content.decode()
    assert client.post(f"/commissions/decisions/{decision.pk}/delete/").status_code == 302
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", REFUSED)
def test_readers_and_secretaries_elsewhere_cannot_delete_a_decision(client, personas, decision, who):
    client.force_login(getattr(personas, who))
    assert client.post(f"/commissions/decisions/{decision.pk}/delete/").status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_a_meeting_with_decisions_is_not_deleted_and_the_page_says_why(client, personas, decision):
    client.force_login(personas.owner)
    response = client.post(f"/commissions/meetings/{decision.meeting_id}/delete/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert 'id="refusal"' in response.content.decode() and "delete them first" in response.content.decode()
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_the_secretary_corrects_a_decision_through_the_api(api, personas, decision):
    status, data = api(personas.owner).patch(f"commissions/decisions/{decision.pk}", {"text_en": "Corrected"})
    assert status == 200 and data["text_en"] == "Corrected"


@pytest.mark.parametrize("who", REFUSED)
def test_readers_and_secretaries_elsewhere_get_403_from_the_api(api, personas, decision, who):
    status, data = api(getattr(personas, who)).patch(f"commissions/decisions/{decision.pk}", {"text_en": "No"})
    assert status == 403 and data["detail"]
    decision.refresh_from_db()
    assert decision.text_en == "Prepare a report"


def test_anonymous_writes_to_the_api_are_401(api, commission, ministry):
    assert api(None).post("commissions", {"level": "republican", "secretariat": ministry.pk})[0] == 401
    assert api(None).delete(f"commissions/{commission.pk}")[0] == 401


@pytest.mark.parametrize("who", REFUSED)
def test_the_services_refuse_marking_a_decision_done_to_readers_and_outsiders(personas, decision, who):
    with pytest.raises(NotAllowed):
        services.decision_mark_done(decision=decision, by=getattr(personas, who), done_on=date(2026, 2, 1))
    decision.refresh_from_db()
    assert decision.done_on is None
