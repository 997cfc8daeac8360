"""Who may announce and manage calls, award, apply and keep the PPP register: each right allowed to its owner and
refused to a reading member of the same organisation and to the owner's role elsewhere (tests/conftest.py personas)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.grants.conftest import apply, draft_call, make_org, published_call
from tripartite.core.errors import NotAllowed
from tripartite.core.policy import Action, can
from tripartite.grants import queries, services
from tripartite.grants.models import Application, Award

pytestmark = pytest.mark.django_db


@pytest.fixture
def body_staff(make_personas, ministry):
    """The ministry's secretary (owner), its analyst (member) and an akimat's secretary (outsider)."""
    return make_personas(role="secretary", organisation=ministry, prefix="body-",
                         elsewhere=make_org("Akimat", kind="state_body", subkind="akimat"))


@pytest.fixture
def ngo_staff(make_personas, ngo, other_ngo):
    """The NGO's editor (owner), its analyst (member) and another NGO's editor (outsider)."""
    return make_personas(role="editor", organisation=ngo, elsewhere=other_ngo, prefix="ngo-")


@pytest.fixture
def submitted(secretary, ngo_editor, ministry, topic, ngo, almaty):
    return apply(ngo_editor, published_call(secretary, ministry, topic), ngo, [almaty])


def test_a_call_is_announced_by_the_state_body_s_secretary_only(body_staff, ministry, topic):
    assert draft_call(body_staff.owner, ministry, topic).issuer == ministry
    for refused in (body_staff.member, body_staff.outsider):
        with pytest.raises(NotAllowed):
            draft_call(refused, ministry, topic)


def test_a_draft_call_is_changed_by_the_state_body_s_secretary_only(body_staff, ministry, topic):
    call = draft_call(body_staff.owner, ministry, topic)
    services.call_update(by=body_staff.owner, call=call, data={"budget": 60_000_000})
    for refused in (body_staff.member, body_staff.outsider):
        with pytest.raises(NotAllowed):
            services.call_update(by=refused, call=call, data={"budget": 1})
    call.refresh_from_db()
    assert call.budget == 60_000_000


def test_contracts_of_a_call_are_awarded_by_the_state_body_s_secretary_only(body_staff, ministry, topic):
    call = published_call(body_staff.owner, ministry, topic)
    assert can(body_staff.owner, Action.CREATE, call, kind=Award)
    assert not can(body_staff.member, Action.CREATE, call, kind=Award)
    assert not can(body_staff.outsider, Action.CREATE, call, kind=Award)


def test_the_ppp_register_is_kept_by_the_state_partner_s_secretary_only(body_staff, ministry, almaty):
    from tripartite.core.models import Sector

    data = {"private_partner": "Build LLP", "sector": Sector.objects.get(code="P"), "region": almaty,
            "object_en": "A school", "value": 1_000_000, "term_years": 10, "status": "planned"}
    assert services.ppp_create(by=body_staff.owner, state_partner=ministry, data=data).state_partner == ministry
    for refused in (body_staff.member, body_staff.outsider):
        with pytest.raises(NotAllowed):
            services.ppp_create(by=refused, state_partner=ministry, data=data)


def test_an_ngo_applies_through_its_editor_only(ngo_staff, secretary, ministry, topic, ngo, almaty):
    call = published_call(secretary, ministry, topic)
    assert apply(ngo_staff.owner, call, ngo, [almaty], submit=False).applicant == ngo
    for refused in (ngo_staff.member, ngo_staff.outsider):
        with pytest.raises(NotAllowed):
            apply(refused, call, ngo, [almaty], submit=False)


def test_an_application_is_changed_by_the_ngo_s_editor_only(ngo_staff, secretary, ministry, topic, ngo, almaty):
    application = apply(ngo_staff.owner, published_call(secretary, ministry, topic), ngo, [almaty], submit=False)
    assert can(ngo_staff.owner, Action.CHANGE, application)
    assert not can(ngo_staff.member, Action.CHANGE, application)
    assert not can(ngo_staff.outsider, Action.CHANGE, application)


def test_a_submitted_application_is_read_by_the_ngo_and_the_call_s_managers_not_by_outsiders(
    ngo_staff, body_staff, submitted
):
    assert queries.may_view_application(ngo_staff.member, submitted)
    assert queries.may_view_application(body_staff.owner, submitted)
    assert not queries.may_view_application(body_staff.member, submitted)
    assert not queries.may_view_application(ngo_staff.outsider, submitted)
    assert not queries.may_view_application(body_staff.outsider, submitted)


def test_anonymous_visitors_may_do_nothing_but_read_published_calls(anonymous, submitted, ministry, ngo):
    assert can(anonymous, Action.VIEW, submitted.call)
    assert not can(anonymous, Action.CREATE, ministry, kind=Application)
    assert not can(anonymous, Action.CHANGE, submitted.call)
    assert not queries.may_view_application(anonymous, submitted)


def test_the_platform_administrator_may_run_calls_and_applications(admin_user, submitted, ministry, ngo):
    assert can(admin_user, Action.CHANGE, submitted.call)
    assert can(admin_user, Action.CREATE, submitted.call, kind=Award)
    assert can(admin_user, Action.CREATE, ngo, kind=Application)
    assert queries.may_view_application(admin_user, submitted)


def test_a_draft_application_is_hidden_from_the_call_managers(secretary, ngo_editor, ministry, topic, ngo, almaty):
    draft = apply(ngo_editor, published_call(secretary, ministry, topic), ngo, [almaty], submit=False)
    assert not queries.may_view_application(secretary, draft)
    assert queries.may_view_application(ngo_editor, draft)


def test_the_edit_page_of_a_call_is_for_its_managers_only(client, body_staff, ministry, topic):
    call = draft_call(body_staff.owner, ministry, topic, opens_on=timezone.localdate() + timedelta(days=1),
                      deadline=timezone.localdate() + timedelta(days=5), results_on=timezone.localdate() + timedelta(days=9))
    call.published = True
    call.save()
    url = f"/grants/calls/{call.pk}/edit/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(body_staff.owner)
    assert client.get(url).status_code == 200
    for refused in (body_staff.member, body_staff.outsider):
        client.force_login(refused)
        assert client.get(url).status_code == 403
