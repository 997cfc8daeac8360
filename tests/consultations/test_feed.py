"""The Atom feed of a commission's consultations carries only what the commission published."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from tests.consultations.conftest import make_draft, refer
from tripartite.consultations import services

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client, commission):
    response = client.get(f"/consultations/commission/{commission.pk}/feed.atom", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_the_feed_lists_published_consultations_only_newest_first(client, world):
    first, second, unpublished = make_draft(world), make_draft(world), make_draft(world)
    services.draft_update(draft=second, by=world.secretary, data={"kind": "law", "title_en": "On working time"})
    services.referral_publish(referral=refer(world, first, date(2026, 3, 2)), by=world.secretary,
                              published_on=date(2026, 3, 3))
    services.referral_publish(referral=refer(world, second, date(2026, 4, 1)), by=world.secretary,
                              published_on=date(2026, 4, 2))
    refer(world, unpublished, date(2026, 5, 4))
    feed, entries = _entries(client, world.commission)
    assert "Republican Commission" in feed.find(f"{ATOM}title").text
    assert [e.find(f"{ATOM}title").text for e in entries] == ["On working time", "On the minimum wage"]
    assert "/consultations/referrals/" in entries[0].find(f"{ATOM}link").get("href")
    assert "Positions due by" in entries[0].find(f"{ATOM}summary").text


def test_a_signed_in_member_gets_the_public_feed_too(client, world, referral):
    client.force_login(world.secretary)
    _feed, entries = _entries(client, world.commission)
    assert entries == []  # the referral is not published yet


def test_an_unknown_commission_has_no_feed(client, world):
    assert client.get("/consultations/commission/999999/feed.atom").status_code == 404
