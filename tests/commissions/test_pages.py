"""The commission pages: list with filters, detail, forms with errors in the user's language, history."""

from __future__ import annotations

import pytest

from tests.commissions.conftest import PASSWORD, make_commission, make_decision, make_meeting, seat
from tripartite.commissions.models import Commission, CommissionMember

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_list_searches_and_filters(client, ministry, sector):
    make_commission(ministry, name="National commission")
    make_commission(ministry, name="Mining commission", level="sectoral", sector=sector)
    page = client.get("/commissions/", {"q": "mining"}, **EN).content.decode()
    assert "Mining commission" in page and "National commission" not in page
    page = client.get("/commissions/", {"level": "republican"}, **EN).content.decode()
    assert "National commission" in page and "Mining commission" not in page
    page = client.get("/commissions/", {"sector": "B", "region": "not-a-region", "page": "x"}, **EN)
    assert page.status_code == 200 and "Mining commission" in page.content.decode()


def test_the_detail_page_shows_sides_meetings_decisions_and_execution(client, commission):
    seat(commission, "workers", 1)
    meeting = make_meeting(commission)
    from datetime import date

    make_decision(meeting, due=date(2026, 2, 1), text="Publish the wage report")
    page = client.get(f"/commissions/{commission.pk}/", **EN).content.decode()
    assert "workers member 1" in page
    assert "Publish the wage report" in page and "Overdue" in page
    assert "0 of 1 decision due carried out (0%)" in page
    assert "History" not in page  # anonymous visitors see no history link


def test_a_secretary_creates_a_commission_with_the_form(client, secretary, ministry):
    client.force_login(secretary)
    response = client.post("/commissions/new/", {"level": "republican", "name_kk": "Комиссия", "secretariat": ministry.pk,
                                                  "published": "on"})
    commission = Commission.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/commissions/{commission.pk}/"


def test_form_errors_are_shown_on_the_field_in_the_users_language(client, secretary, ministry):
    client.force_login(secretary)
    response = client.post("/commissions/new/", {"level": "regional_oblast", "name_ru": "Комиссия", "secretariat": ministry.pk},
                           HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 422
    assert "Өңірлік комиссия үшін өңірді көрсетіңіз." in response.content.decode()
    response = client.post("/commissions/new/", {"level": "republican", "secretariat": ministry.pk}, HTTP_ACCEPT_LANGUAGE="ru")
    assert "Укажите название хотя бы на одном языке." in response.content.decode()
    assert Commission.objects.count() == 0


def test_members_are_added_edited_and_removed_through_pages(client, secretary, commission):
    client.force_login(secretary)
    response = client.post(f"/commissions/{commission.pk}/members/new/", {"side": "workers", "role": "member", "person_name": "A"})
    assert response.status_code == 302
    member = CommissionMember.objects.get()
    response = client.post(f"/commissions/members/{member.pk}/edit/", {"side": "employers", "role": "member", "person_name": "B"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.side, member.person_name) == ("employers", "B")
    assert client.post(f"/commissions/members/{member.pk}/remove/").status_code == 302
    assert not CommissionMember.objects.exists()


def test_an_unpublished_commission_is_not_found_for_anonymous_visitors(client, ministry):
    hidden = make_commission(ministry, published=False)
    assert client.get(f"/commissions/{hidden.pk}/").status_code == 404


def test_the_history_page_shows_who_changed_what(client, secretary, commission):
    client.login(username=secretary.username, password=PASSWORD)
    client.post(f"/commissions/{commission.pk}/edit/", {"level": "republican", "name_en": "Renamed commission",
                                                        "secretariat": commission.secretariat_id, "published": "on"})
    page = client.get(f"/commissions/{commission.pk}/history/", **EN).content.decode()
    assert secretary.username in page and "Renamed commission" in page
    meeting = make_meeting(commission)
    decision = make_decision(meeting, due=None)
    assert client.get(f"/commissions/meetings/{meeting.pk}/history/").status_code == 200
    assert client.get(f"/commissions/decisions/{decision.pk}/history/").status_code == 200


def test_the_decisions_page_lists_across_commissions_with_a_status_filter(client, commission):
    from datetime import date

    meeting = make_meeting(commission)
    make_decision(meeting, due=date(2026, 2, 1), text="Late one")
    make_decision(meeting, due=date(2026, 2, 1), done=date(2026, 1, 25), text="Finished one")
    page = client.get("/commissions/decisions/", {"status": "overdue"}, **EN).content.decode()
    assert "Late one" in page and "Finished one" not in page
