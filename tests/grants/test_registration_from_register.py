"""The applicant's date of state registration comes from the partners register unless the applicant declares another."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.grants.conftest import published_call
from tripartite.grants import services
from tripartite.grants.models import Application

pytestmark = pytest.mark.django_db

REGISTERED = date(2011, 4, 5)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def open_call(secretary, ministry, topic):
    today = timezone.localdate()
    return published_call(secretary, ministry, topic, opens_on=today - timedelta(days=1),
                          deadline=today + timedelta(days=5), results_on=today + timedelta(days=30))


@pytest.fixture
def registered_ngo(ngo):
    ngo.registered_on = REGISTERED
    ngo.save()
    return ngo


def _create(by, call, applicant, regions, **fields):
    return services.application_create(by=by, call=call, applicant=applicant, regions=regions,
                                       lines=[("Staff", 1_000_000)], project_title="Clean rivers",
                                       requested_amount=1_000_000, settlement_type="rural", **fields)


def test_an_application_without_a_date_takes_the_register_s(ngo_editor, open_call, registered_ngo, almaty):
    application = _create(ngo_editor, open_call, registered_ngo, [almaty])
    assert application.registered_on == REGISTERED


def test_a_declared_date_is_kept_even_when_the_register_says_otherwise(ngo_editor, open_call, registered_ngo, almaty):
    application = _create(ngo_editor, open_call, registered_ngo, [almaty], registered_on=date(2012, 1, 1))
    assert Application.objects.get(pk=application.pk).registered_on == date(2012, 1, 1)
    assert registered_ngo.registered_on == REGISTERED


def test_without_a_date_in_the_application_or_the_register_nothing_is_saved(ngo_editor, open_call, ngo, almaty):
    with pytest.raises(ValidationError) as err:
        _create(ngo_editor, open_call, ngo, [almaty])
    assert err.value.message_dict == {
        "registered_on": ["Give the date of state registration: the register has no date for Green Steppe PA."]}
    assert not Application.objects.exists()


def test_clearing_the_date_when_editing_takes_the_register_s_again(ngo_editor, open_call, registered_ngo, almaty):
    application = _create(ngo_editor, open_call, registered_ngo, [almaty], registered_on=date(2012, 1, 1))
    services.application_update(by=ngo_editor, application=application, data={"registered_on": None})
    assert Application.objects.get(pk=application.pk).registered_on == REGISTERED


def test_the_api_defaults_to_the_register_and_shows_both_dates(api, ngo_editor, open_call, registered_ngo, ngo):
    body = {"applicant": registered_ngo.pk, "project_title": "Clean rivers", "requested_amount": 1_000_000,
            "regions": ["750000000"], "settlement_type": "rural", "budget_lines": [{"item": "Staff", "amount": 1_000_000}]}
    status, created = api(ngo_editor).post(f"civic/calls/{open_call.pk}/applications", body)
    assert status == 201, created
    assert created["registered_on"] == created["registered_on_in_register"] == "2011-04-05"
    status, fetched = api(ngo_editor).get(f"civic/applications/{created['id']}")
    assert fetched["registered_on_in_register"] == "2011-04-05"


def test_the_api_gives_422_when_neither_has_a_date(api, ngo_editor, open_call, ngo):
    body = {"applicant": ngo.pk, "project_title": "Clean rivers", "requested_amount": 1_000_000,
            "regions": ["750000000"], "settlement_type": "rural", "budget_lines": [{"item": "Staff", "amount": 1_000_000}]}
    status, refused = api(ngo_editor).post(f"civic/calls/{open_call.pk}/applications", body)
    assert status == 422 and refused["errors"] == [{
        "field": "registered_on",
        "message": "Укажите дату государственной регистрации: в реестре нет даты для «Green Steppe PA».",
    }]
    assert not Application.objects.exists()


def test_the_form_starts_with_the_register_s_date(client, ngo_editor, open_call, registered_ngo):
    client.force_login(ngo_editor)
    page = client.get(f"/grants/calls/{open_call.pk}/apply/", **EN).content.decode()
    assert 'name="registered_on" value="2011-04-05"' in page
    assert "Left empty, the date in the register of social partners is taken." in page


def test_the_form_chooses_the_applicant_from_the_address(client, make_user, open_call, registered_ngo, other_ngo):
    from tripartite.core.models import Role, ScopeType
    from tripartite.core.services import role_grant

    both = make_user("both", role="editor", organisation=other_ngo)
    role_grant(by=None, user=both, role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=registered_ngo.pk)
    client.force_login(both)
    plain = client.get(f"/grants/calls/{open_call.pk}/apply/").content.decode()
    assert 'value="2011-04-05"' not in plain  # two applicants, none chosen: no date to fill in
    chosen = client.get(f"/grants/calls/{open_call.pk}/apply/", {"applicant": registered_ngo.pk}).content.decode()
    assert 'name="registered_on" value="2011-04-05"' in chosen
    assert f'<option value="{registered_ngo.pk}" selected>' in chosen


def test_the_application_page_notes_a_date_that_differs_from_the_register(client, ngo_editor, open_call,
                                                                        registered_ngo, almaty):
    client.force_login(ngo_editor)
    response = client.post(f"/grants/calls/{open_call.pk}/apply/", {
        "applicant": registered_ngo.pk, "project_title": "Clean rivers", "requested_amount": "1000000",
        "regions": [almaty.pk], "settlement_type": "rural", "registered_on": "2012-01-01",
        "budget_lines": "Staff | 1000000",
    })
    application = Application.objects.get()
    assert response.status_code == 302 and application.registered_on == date(2012, 1, 1)
    ru = client.get(f"/grants/applications/{application.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'id="registration-differs"' in ru and "В реестре социальных партнёров датой государственной" in ru
    services.application_update(by=ngo_editor, application=application, data={"registered_on": REGISTERED})
    same = client.get(f"/grants/applications/{application.pk}/", **EN).content.decode()
    assert 'id="registration-differs"' not in same


def test_an_empty_date_in_the_form_takes_the_register_s(client, ngo_editor, open_call, registered_ngo, almaty):
    client.force_login(ngo_editor)
    response = client.post(f"/grants/calls/{open_call.pk}/apply/", {
        "applicant": registered_ngo.pk, "project_title": "Clean rivers", "requested_amount": "1000000",
        "regions": [almaty.pk], "settlement_type": "rural", "registered_on": "", "budget_lines": "Staff | 1000000",
    })
    assert response.status_code == 302 and Application.objects.get().registered_on == REGISTERED
