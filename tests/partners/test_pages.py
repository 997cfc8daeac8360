"""The register's pages: list with search and filters, detail, forms, history, reports, and who sees what."""

from __future__ import annotations

from datetime import date

import pytest

from tripartite.partners import services
from tripartite.partners.models import Kind, MembershipReport, Organisation, Subkind

pytestmark = pytest.mark.django_db


def page_names(response) -> list[str]:
    return [org.name_en for org in response.context["page_obj"].object_list]


def test_list_searches_names_in_any_language_and_the_abbreviation(client, org_factory):
    org_factory("Education union", name_ru="Профсоюз образования", short_name="EDU")
    org_factory("Miners", name_kk="Кеншілер")
    assert page_names(client.get("/partners/", {"q": "образования"})) == ["Education union"]
    assert page_names(client.get("/partners/", {"q": "Кеншілер"})) == ["Miners"]
    assert page_names(client.get("/partners/", {"q": "EDU"})) == ["Education union"]


def test_list_filters_by_kind_type_region_and_sector(client, org_factory, regions, sectors):
    org_factory("Education union", subkind=Subkind.SECTORAL_UNION, regions=[regions["71"]], sectors=[sectors["P"]])
    org_factory("Chamber", kind=Kind.EMPLOYERS_ASSOCIATION, regions=[regions["75"]])
    assert page_names(client.get("/partners/", {"kind": Kind.EMPLOYERS_ASSOCIATION})) == ["Chamber"]
    assert page_names(client.get("/partners/", {"subkind": Subkind.SECTORAL_UNION})) == ["Education union"]
    assert page_names(client.get("/partners/", {"region": "750000000"})) == ["Chamber"]
    assert page_names(client.get("/partners/", {"sector": "P"})) == ["Education union"]


def test_list_ignores_a_bad_filter_value_instead_of_failing(client, org_factory):
    org_factory("Union")
    response = client.get("/partners/", {"kind": "guild", "region": "nowhere", "page": "x", "parent": "y"})
    assert response.status_code == 200
    assert page_names(response) == ["Union"]


def test_list_is_ordered_by_the_name_in_the_current_language(client, org_factory):
    org_factory("Alpha", name_ru="Яблоко")
    org_factory("Omega", name_ru="Арбуз")
    assert page_names(client.get("/partners/", HTTP_ACCEPT_LANGUAGE="en")) == ["Alpha", "Omega"]
    assert page_names(client.get("/partners/", HTTP_ACCEPT_LANGUAGE="ru")) == ["Omega", "Alpha"]


def test_list_is_paginated(client, org_factory, settings):
    settings.TRIPARTITE_PAGE_SIZE = 2
    for n in range(3):
        org_factory(f"Union {n}")
    response = client.get("/partners/", {"page": 2, "kind": Kind.TRADE_UNION})
    assert page_names(response) == ["Union 2"]
    assert 'rel="prev"' in response.content.decode()


def test_anonymous_visitors_do_not_see_unpublished_organisations(client, org_factory):
    org_factory("Public")
    hidden = org_factory("Hidden", published=False)
    assert page_names(client.get("/partners/")) == ["Public"]
    assert client.get(f"/partners/{hidden.pk}/").status_code == 404


def test_detail_shows_hierarchy_reports_and_demo_badge(client, org_factory):
    parent = org_factory("Federation")
    org = org_factory("Education union", parent=parent, is_demo=True)
    org_factory("School 5", parent=org)
    MembershipReport.objects.create(organisation=org, as_of=date(2024, 1, 1), members=1234)
    html = client.get(f"/partners/{org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Federation" in html and "School 5" in html and "1234" in html
    assert "Demonstration data" in html


@pytest.fixture
def personas(make_personas, org_factory):
    """The union's editor (owner), an analyst of the union (member) and the editor of another union (outsider)."""
    org = org_factory("Union")
    return org, make_personas(role="editor", organisation=org, elsewhere=org_factory("Other union"))


def test_the_owner_sees_the_edit_and_history_links(client, personas):
    org, people = personas
    client.force_login(people.owner)
    html = client.get(f"/partners/{org.pk}/").content.decode()
    assert f"/partners/{org.pk}/edit/" in html and f"/partners/{org.pk}/history/" in html


@pytest.mark.parametrize("persona", ["member", "outsider", "anonymous"])
def test_others_do_not_see_the_edit_link(client, personas, persona):
    org, people = personas
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    assert f"/partners/{org.pk}/edit/" not in client.get(f"/partners/{org.pk}/").content.decode()


def test_the_edit_page_sends_anonymous_visitors_to_log_in(client, org_factory):
    org = org_factory("Union")
    response = client.get(f"/partners/{org.pk}/edit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_the_edit_page_is_forbidden_to_others_and_changes_nothing(client, personas, persona):
    org, people = personas
    client.force_login(getattr(people, persona))
    assert client.get(f"/partners/{org.pk}/edit/").status_code == 403
    assert client.post(f"/partners/{org.pk}/edit/", {"kind": Kind.NGO, "name_en": "Hacked"}).status_code == 403
    org.refresh_from_db()
    assert org.name_en == "Union"


def test_create_page_is_forbidden_to_users_who_cannot_register_anything(client, make_user):
    assert client.get("/partners/new/").status_code == 302
    client.force_login(make_user("sec", role="secretary"))
    assert client.get("/partners/new/").status_code == 403


def test_an_editor_edits_their_organisation_through_the_form(client, make_user, org_factory, regions, sectors):
    org = org_factory("Union", subkind=Subkind.SECTORAL_UNION)
    client.force_login(make_user("ed", role="editor", organisation=org))
    response = client.post(f"/partners/{org.pk}/edit/", {
        "kind": Kind.TRADE_UNION, "subkind": Subkind.SECTORAL_UNION, "name_kk": "Кәсіподақ", "name_ru": "Профсоюз",
        "name_en": "Union", "regions": [regions["71"].pk, regions["75"].pk], "sectors": [sectors["P"].pk],
        "published": "on",
    })
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name_kk == "Кәсіподақ"
    assert sorted(r.kato for r in org.regions.all()) == ["710000000", "750000000"]


def test_the_form_shows_field_errors_in_the_users_language(client, admin_user):
    client.force_login(admin_user)
    client.cookies["django_language"] = "ru"
    response = client.post("/partners/new/", {"kind": Kind.TRADE_UNION, "bin": "123"})
    errors = response.context["form"].errors
    assert "12 цифр" in errors["bin"][0]
    assert "хотя бы на одном языке" in errors["name_ru"][0]


def test_history_page_shows_who_changed_what(client, admin_user, org_factory):
    org = services.organisation_create(by=admin_user, data={"kind": Kind.TRADE_UNION, "name_en": "Union"})
    services.organisation_update(by=admin_user, organisation=org, data={"short_name": "UNI"})
    client.force_login(admin_user)
    html = client.get(f"/partners/{org.pk}/history/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "platform-admin" in html
    assert "abbreviation" in html and "UNI" in html


def test_history_page_is_hidden_from_anonymous_visitors(client, org_factory):
    org = org_factory("Union")
    assert client.get(f"/partners/{org.pk}/history/").status_code == 404


def test_an_editor_adds_changes_and_deletes_a_membership_report(client, make_user, org_factory):
    org = org_factory("Union")
    client.force_login(make_user("ed", role="editor", organisation=org))
    response = client.post(f"/partners/{org.pk}/reports/new/", {"as_of": "2024-01-01", "members": "500"})
    assert response.status_code == 302
    report = MembershipReport.objects.get()
    client.post(f"/partners/reports/{report.pk}/edit/", {"as_of": "2024-01-01", "members": "550"})
    report.refresh_from_db()
    assert report.members == 550
    assert client.get(f"/partners/reports/{report.pk}/delete/").status_code == 405
    client.post(f"/partners/reports/{report.pk}/delete/")
    assert not MembershipReport.objects.exists()


def test_a_duplicate_report_date_is_shown_on_the_form(client, admin_user, org_factory):
    org = org_factory("Union")
    MembershipReport.objects.create(organisation=org, as_of=date(2024, 1, 1), members=1)
    client.force_login(admin_user)
    response = client.post(f"/partners/{org.pk}/reports/new/", {"as_of": "2024-01-01", "members": "5"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "already a report dated 2024-01-01" in response.context["form"].errors["as_of"][0]


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_others_cannot_delete_a_report(client, personas, persona):
    org, people = personas
    report = MembershipReport.objects.create(organisation=org, as_of=date(2024, 1, 1), members=1)
    client.force_login(getattr(people, persona))
    assert client.post(f"/partners/reports/{report.pk}/delete/").status_code == 403
    assert MembershipReport.objects.filter(pk=report.pk).exists()


def test_the_owner_deletes_a_report(client, personas):
    org, people = personas
    report = MembershipReport.objects.create(organisation=org, as_of=date(2024, 1, 1), members=1)
    client.force_login(people.owner)
    assert client.post(f"/partners/reports/{report.pk}/delete/").status_code == 302
    assert not MembershipReport.objects.filter(pk=report.pk).exists()


def test_a_page_in_kazakh_shows_kazakh_strings(client, org_factory):
    org = org_factory("Union", name_kk="Білім қызметкерлерінің кәсіподағы")
    client.cookies["django_language"] = "kk"
    list_html = client.get("/partners/").content.decode()
    assert 'lang="kk"' in list_html
    assert "Әлеуметтік әріптестер" in list_html
    detail_html = client.get(f"/partners/{org.pk}/").content.decode()
    assert "Білім қызметкерлерінің кәсіподағы" in detail_html
    assert "Мүшелік туралы есептер" in detail_html


def test_an_organisation_registered_through_the_form_lands_under_its_parent(client, make_user, org_factory):
    parent = org_factory("Education union", subkind=Subkind.SECTORAL_UNION)
    client.force_login(make_user("ed", role="editor", organisation=parent))
    form_html = client.get(f"/partners/new/?parent={parent.pk}").content.decode()
    assert f'<option value="{parent.pk}" selected>' in form_html
    response = client.post("/partners/new/", {
        "kind": Kind.TRADE_UNION, "subkind": Subkind.PRIMARY_UNION, "parent": parent.pk, "name_en": "School 5",
    })
    assert response.status_code == 302
    assert Organisation.objects.get(name_en="School 5").parent == parent
