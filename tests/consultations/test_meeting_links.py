"""A referral points to the commission's agenda item that considered the draft and to the decision that records the
commission's view of it; items and decisions of another commission are refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tripartite.commissions.models import AgendaItem, Decision, Meeting
from tripartite.consultations import services
from tripartite.core.errors import NotAllowed


def _meeting(commission):
    meeting = Meeting.objects.create(commission=commission, date="2026-03-20", status="held", place="Astana")
    item = AgendaItem.objects.create(meeting=meeting, number=1, title_en="Draft law on the minimum wage")
    decision = Decision.objects.create(meeting=meeting, agenda_item=item, text_en="Support the draft as amended",
                                       responsible_side="state")
    return item, decision


def test_the_secretariat_records_the_agenda_item_and_the_decision_on_the_draft(client, world, referral):
    item, decision = _meeting(world.commission)
    client.force_login(world.secretary)
    response = client.post(reverse("consultations:referral_meeting", args=[referral.pk]), {
        "agenda_item": item.pk, "decision": decision.pk, "commission_stance": "supports_amended"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.agenda_item, referral.decision, referral.commission_stance) == (item, decision,
                                                                                     "supports_amended")
    page = client.get(reverse("consultations:referral", args=[referral.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The commission supports the draft with the amendments in the table" in page
    assert "Draft law on the minimum wage" in page


def test_an_item_or_decision_of_another_commission_and_a_decision_without_a_stance_are_refused(world, referral):
    item, decision = _meeting(world.other_commission)
    with pytest.raises(ValidationError) as caught:
        services.referral_link_meeting(referral=referral, by=world.secretary, agenda_item=item, decision=decision,
                                       commission_stance="supports")
    assert {"agenda_item", "decision"} <= set(caught.value.message_dict)
    own_item, own_decision = _meeting(world.commission)
    with pytest.raises(ValidationError) as caught:
        services.referral_link_meeting(referral=referral, by=world.secretary, decision=own_decision)
    assert "commission_stance" in caught.value.message_dict
    referral.refresh_from_db()
    assert referral.decision is None


def test_only_the_commissions_secretariat_records_it(world, referral):
    item, _decision = _meeting(world.commission)
    with pytest.raises(NotAllowed):
        services.referral_link_meeting(referral=referral, by=world.workers_coordinator, agenda_item=item)


def test_the_meeting_page_lists_the_consultation_under_its_agenda_item_only_for_who_may_see_the_draft(
        client, world, referral):
    from tripartite.consultations.models import DraftAct

    item, decision = _meeting(world.commission)
    services.referral_link_meeting(referral=referral, by=world.secretary, agenda_item=item)
    url = reverse("commissions:meeting", args=[item.meeting_id])
    link = reverse("consultations:referral", args=[referral.pk])
    client.force_login(world.secretary)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    agenda_item = page.split(f'id="agenda-item-{item.pk}"')[1].split("</li>\n")[0]
    assert f'Consultation: <a href="{link}">{referral.draft}</a>' in agenda_item
    ru = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Консультация: <a" in ru
    client.logout()  # a visitor sees the published draft's consultation under the item, and not an unpublished one
    DraftAct.objects.filter(pk=referral.draft_id).update(published=True)
    public = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert public.status_code == 200 and link in public.content.decode()
    DraftAct.objects.filter(pk=referral.draft_id).update(published=False)
    hidden = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert hidden.status_code == 200 and link not in hidden.content.decode()
