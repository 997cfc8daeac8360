"""The date of state registration (form, page, filters, API, audit) and the delete page with its refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation

from tripartite.commissions.models import Commission, CommissionMember
from tripartite.partners import services
from tripartite.partners.errors import OrganisationInUse
from tripartite.partners.models import Kind, MembershipReport, Organisation, Subkind

pytestmark = pytest.mark.django_db

BASE = "partners/organisations"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def commission_of(secretariat: Organisation, member: Organisation) -> Commission:
    """A commission run by `secretariat` with one seat held by `member`: two records that protect them."""
    commission = Commission.objects.create(secretariat=secretariat, level="republican", name_en="Tripartite commission")
    CommissionMember.objects.create(commission=commission, side="workers", role="member", person_name="A. Member",
                                    organisation=member)
    return commission


# Date of state registration ---------------------------------------------------------------------------------------


def test_the_date_of_state_registration_is_saved_audited_and_may_predate_independence(admin_user):
    org = services.organisation_create(by=admin_user, data={
        "kind": Kind.TRADE_UNION, "name_en": "Old union", "registered_on": date(1990, 5, 4)})
    assert Organisation.objects.get(pk=org.pk).registered_on == date(1990, 5, 4)
    services.organisation_update(by=admin_user, organisation=org, data={"registered_on": date(1992, 1, 10)})
    assert [h.registered_on for h in org.history.order_by("history_id")] == [date(1990, 5, 4), date(1992, 1, 10)]


@pytest.mark.parametrize(("language", "message"), [
    ("en", "The date of state registration cannot be in the future."),
    ("ru", "Дата государственной регистрации не может быть в будущем."),
    ("kk", "Мемлекеттік тіркеу күні болашақта болуы мүмкін емес."),
])
def test_a_registration_date_in_the_future_is_refused_in_every_language(admin_user, language, message):
    with pytest.raises(ValidationError) as err, translation.override(language):
        services.organisation_create(by=admin_user, data={
            "kind": Kind.TRADE_UNION, "name_en": "Union", "registered_on": tomorrow()})
    assert err.value.message_dict == {"registered_on": [message]}
    assert not Organisation.objects.exists()


def test_the_form_saves_the_date_and_the_page_shows_it(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/partners/new/", {
        "kind": Kind.NGO, "name_en": "Green Steppe", "registered_on": "2011-04-05", "published": "on"})
    org = Organisation.objects.get()
    assert response.status_code == 302 and org.registered_on == date(2011, 4, 5)
    page = client.get(f"/partners/{org.pk}/", **EN).content.decode()
    assert "Date of state registration" in page and 'id="registered-on">' in page
    assert "2011" in page.split('id="registered-on">')[1].split("</dd>")[0]
    edit = client.get(f"/partners/{org.pk}/edit/").content.decode()
    assert 'type="date" name="registered_on" value="2011-04-05"' in edit


def test_the_form_refuses_a_future_date_in_russian_and_saves_nothing(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/partners/new/", {
        "kind": Kind.NGO, "name_en": "Green Steppe", "registered_on": tomorrow().isoformat()},
        HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert "Дата государственной регистрации не может быть в будущем." in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_list_filters_by_the_registration_date_and_ignores_a_bad_one(client, org_factory):
    org_factory("Old", registered_on=date(1995, 1, 1))
    org_factory("New", registered_on=date(2020, 1, 1))
    org_factory("Unknown")

    def names(**params):
        return sorted(o.name_en for o in client.get("/partners/", params).context["page_obj"].object_list)

    assert names(registered_to="2000-12-31") == ["Old"]
    assert names(registered_from="2000-01-01") == ["New"]
    assert names(registered_from="1990-01-01", registered_to="2021-01-01") == ["New", "Old"]
    assert names(registered_to="not a date") == ["New", "Old", "Unknown"]


def test_the_api_reads_writes_clears_and_filters_the_registration_date(api, admin_user):
    admin = api(admin_user)
    status, created = admin.post(BASE, {"kind": "ngo", "name_en": "Green Steppe", "registered_on": "2011-04-05"})
    assert status == 201 and created["registered_on"] == "2011-04-05"
    status, other = admin.post(BASE, {"kind": "ngo", "name_en": "No date"})
    assert status == 201 and other["registered_on"] is None
    status, page = admin.get(f"{BASE}?registered_from=2010-01-01&registered_to=2012-01-01")
    assert status == 200 and [o["id"] for o in page["items"]] == [created["id"]]
    status, patched = admin.patch(f"{BASE}/{created['id']}", {"registered_on": None})
    assert status == 200 and patched["registered_on"] is None


def test_the_api_refuses_a_future_or_malformed_date_with_422(api, admin_user):
    admin = api(admin_user)
    status, body = admin.post(BASE, {"kind": "ngo", "name_en": "X", "registered_on": tomorrow().isoformat()})
    assert status == 422  # in the API's default language, Russian, when the client asks for none
    assert body["errors"] == [{"field": "registered_on",
                               "message": "Дата государственной регистрации не может быть в будущем."}]
    status, body = admin.post(BASE, {"kind": "ngo", "name_en": "X", "registered_on": "05.04.2011"})
    assert status == 422 and body["errors"][0]["field"].endswith("registered_on")
    assert admin.get(f"{BASE}?registered_to=yesterday")[0] == 422
    assert not Organisation.objects.exists()


# Delete page ------------------------------------------------------------------------------------------------------


def test_an_administrator_deletes_an_unreferenced_organisation_after_confirming(client, admin_user, org_factory):
    parent = org_factory("Federation", subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION)
    org = org_factory("Union", subkind=Subkind.SECTORAL_UNION, parent=parent)
    MembershipReport.objects.create(organisation=org, as_of=date(2025, 1, 1), members=10)
    client.force_login(admin_user)
    detail = client.get(f"/partners/{org.pk}/", **EN).content.decode()
    assert f'href="/partners/{org.pk}/delete/"' in detail
    confirm = client.get(f"/partners/{org.pk}/delete/", **EN)
    page = confirm.content.decode()
    assert confirm.status_code == 200 and 'id="confirm-delete"' in page and "csrfmiddlewaretoken" in page
    assert "Its 1 membership report is deleted with it." in page
    assert Organisation.objects.filter(pk=org.pk).exists()  # looking at the page deletes nothing

    response = client.post(f"/partners/{org.pk}/delete/", **EN)
    assert response.status_code == 302 and response["Location"] == f"/partners/{parent.pk}/"
    assert not Organisation.objects.filter(pk=org.pk).exists() and not MembershipReport.objects.exists()
    assert "Union was deleted." in client.get(response["Location"], **EN).content.decode()
    assert org.history.latest().history_type == "-" and org.history.latest().history_user == admin_user


def test_a_referenced_organisation_is_refused_with_each_kind_and_count(client, admin_user, org_factory):
    ministry = org_factory("Ministry", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY)
    org_factory("Inspectorate A", kind=Kind.STATE_BODY, subkind=Subkind.LABOUR_INSPECTORATE, parent=ministry)
    org_factory("Inspectorate B", kind=Kind.STATE_BODY, subkind=Subkind.LABOUR_INSPECTORATE, parent=ministry)
    commission_of(ministry, ministry)
    client.force_login(admin_user)

    confirm = client.get(f"/partners/{ministry.pk}/delete/", **EN).content.decode()
    assert 'id="confirm-delete"' not in confirm
    refs = confirm.split('id="references"')[1].split("</section>")[0]
    assert "<li>Organisations registered under it: 2</li>" in refs
    assert "<li>Commissions: 1</li>" in refs and "<li>Commission members: 1</li>" in refs

    response = client.post(f"/partners/{ministry.pk}/delete/", **EN)
    page = response.content.decode()
    assert response.status_code == 409
    assert ("Ministry cannot be deleted while other records refer to it: organisations registered under it: 2; "
            "commission members: 1; commissions: 1. Move or remove those records first; nothing was deleted.") in page
    assert Organisation.objects.count() == 3 and Commission.objects.count() == 1


def test_the_refusal_is_translated(client, admin_user, org_factory):
    ministry = org_factory("Ministry", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY, name_ru="Министерство")
    org_factory("Inspectorate", kind=Kind.STATE_BODY, subkind=Subkind.LABOUR_INSPECTORATE, parent=ministry)
    client.force_login(admin_user)
    ru = client.post(f"/partners/{ministry.pk}/delete/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert ("Организацию «Министерство» нельзя удалить, пока на неё ссылаются другие записи: "
            "организации в её составе: 1.") in ru
    kk = client.get(f"/partners/{ministry.pk}/delete/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Бұл ұйымды әзірге жою мүмкін емес" in kk
    assert Organisation.objects.count() == 2


def test_the_api_delete_gives_the_same_409_message_as_the_page(api, client, admin_user, org_factory):
    ministry = org_factory("Ministry", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY)
    union = org_factory("Union", kind=Kind.TRADE_UNION, name_ru="Профсоюз")
    commission_of(ministry, union)
    status, body = api(admin_user).delete(f"{BASE}/{union.pk}")
    assert status == 409
    expected = ("Организацию «Профсоюз» нельзя удалить, пока на неё ссылаются другие записи: члены комиссии: 1. "
                "Сначала перенесите или удалите эти записи; ничего не удалено.")
    assert body["detail"] == expected
    with translation.override("ru"), pytest.raises(OrganisationInUse) as err:
        services.organisation_delete(by=admin_user, organisation=union)
    assert str(err.value) == expected
    client.force_login(admin_user)
    page = client.post(f"/partners/{union.pk}/delete/", HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 409 and expected in page.content.decode()
    assert Organisation.objects.filter(pk=union.pk).exists()


def test_only_those_allowed_see_the_link_and_the_page(client, make_user, org_factory):
    org = org_factory("Union")
    editor = make_user("ed", role="editor", organisation=org)
    assert client.get(f"/partners/{org.pk}/delete/")["Location"].startswith("/accounts/login/")
    assert client.post(f"/partners/{org.pk}/delete/").status_code == 302
    client.force_login(editor)
    assert 'id="delete-organisation"' not in client.get(f"/partners/{org.pk}/").content.decode()
    assert client.get(f"/partners/{org.pk}/delete/").status_code == 403
    assert client.post(f"/partners/{org.pk}/delete/").status_code == 403
    assert Organisation.objects.filter(pk=org.pk).exists()


def test_the_delete_needs_a_csrf_token_and_a_visible_organisation(admin_user, org_factory):
    org = org_factory("Union")
    hidden = org_factory("Hidden", published=False)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(f"/partners/{org.pk}/delete/").status_code == 403
    assert Organisation.objects.filter(pk=org.pk).exists()
    lenient = Client()  # the test client's default: CSRF not enforced, so the method check answers
    lenient.force_login(admin_user)
    assert lenient.put(f"/partners/{org.pk}/delete/").status_code == 405
    assert lenient.get("/partners/424242/delete/").status_code == 404
    assert Client().get(f"/partners/{hidden.pk}/delete/").status_code == 404  # anonymous: not even its existence
    assert Organisation.objects.count() == 2


def test_the_demo_content_dates_only_fictional_organisations_and_each_date_is_accepted(admin_user):
    from tripartite.demo import content

    dated = [org for org in content.ORGANISATIONS if org.registered_on is not None]
    assert dated and all("(demo)" in org.en for org in dated)  # no real body is given an invented date
    for org in dated:
        created = services.organisation_create(by=admin_user, data={
            "kind": org.kind, "name_en": org.en, "registered_on": org.registered_on})
        assert created.registered_on == org.registered_on <= timezone.localdate()
