"""The partners API: CRUD, filters, pagination, and a 4xx (never a 500) for every kind of bad input."""

from __future__ import annotations

import pytest

from tripartite.partners.models import Kind, MembershipReport, Organisation, Subkind

pytestmark = pytest.mark.django_db

BASE = "partners/organisations"


@pytest.fixture
def admin_api(api, admin_user):
    return api(admin_user)


def test_an_administrator_creates_reads_changes_and_deletes_an_organisation(admin_api):
    status, created = admin_api.post(BASE, {
        "kind": "trade_union", "subkind": "sectoral_union", "name_ru": "Профсоюз образования", "name_en": "Education union",
        "short_name": "EDU", "regions": ["710000000", "75"], "sectors": ["p"],
    })
    assert status == 201
    assert created["regions"] == ["710000000", "750000000"] and created["sectors"] == ["P"]
    org_id = created["id"]

    assert admin_api.get(f"{BASE}/{org_id}")[1]["short_name"] == "EDU"
    status, patched = admin_api.patch(f"{BASE}/{org_id}", {"short_name": "EDUC", "regions": ["71"]})
    assert status == 200 and patched["short_name"] == "EDUC" and patched["regions"] == ["710000000"]
    assert patched["name_en"] == "Education union"

    status, replaced = admin_api.put(f"{BASE}/{org_id}", {"kind": "trade_union", "name_en": "Union"})
    assert status == 200 and replaced["name_ru"] == "" and replaced["regions"] == []

    assert admin_api.delete(f"{BASE}/{org_id}")[0] == 204
    assert admin_api.get(f"{BASE}/{org_id}")[0] == 404


def test_list_filters_by_kind_region_sector_parent_and_search(admin_api, org_factory, regions, sectors):
    federation = org_factory("Federation of trade unions", subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION)
    org_factory("Education union", subkind=Subkind.SECTORAL_UNION, parent=federation,
                regions=[regions["71"]], sectors=[sectors["P"]], short_name="EDU", bin="181140012341")
    org_factory("Chamber of entrepreneurs", kind=Kind.EMPLOYERS_ASSOCIATION, regions=[regions["75"]])

    def names(**params):
        status, body = admin_api.get(BASE, **params)
        assert status == 200
        return [item["name_en"] for item in body["items"]]

    assert names(kind="employers_association") == ["Chamber of entrepreneurs"]
    assert names(subkind="sectoral_union") == ["Education union"]
    assert names(region="710000000") == ["Education union"]
    assert names(sector="P") == ["Education union"]
    assert names(parent=federation.pk) == ["Education union"]
    assert names(q="edu") == ["Education union"]
    assert names(q="18114") == ["Education union"]
    assert names() == ["Chamber of entrepreneurs", "Education union", "Federation of trade unions"]


def test_list_is_paginated(admin_api, org_factory):
    for n in range(5):
        org_factory(f"Union {n}")
    status, body = admin_api.get(BASE, page=2, page_size=2)
    assert status == 200
    assert body["count"] == 5 and body["page"] == 2 and body["pages"] == 3
    assert [i["name_en"] for i in body["items"]] == ["Union 2", "Union 3"]


def test_anonymous_callers_see_published_organisations_only(api, org_factory):
    org_factory("Public union")
    hidden = org_factory("Hidden union", published=False)
    status, body = api(None).get(BASE)
    assert [i["name_en"] for i in body["items"]] == ["Public union"]
    assert api(None).get(f"{BASE}/{hidden.pk}")[0] == 404


@pytest.mark.parametrize(("body", "field"), [
    ({"name_en": "No kind"}, "kind"),
    ({"kind": "trade_union"}, "name_ru"),
    ({"kind": "guild", "name_en": "X"}, "kind"),
    ({"kind": "trade_union", "name_en": "X", "regions": ["999999999"]}, "regions"),
    ({"kind": "trade_union", "name_en": "X", "sectors": ["Z"]}, "sectors"),
    ({"kind": "trade_union", "name_en": "X", "parent": 999999}, "parent"),
    ({"kind": "trade_union", "name_en": "X", "website": "not a url"}, "website"),
    ({"kind": "trade_union", "name_en": "X" * 301}, "name_en"),
    ({"kind": "trade_union", "name_en": "X\x00Y"}, "name_en"),
    ({"kind": 5, "name_en": "X"}, "kind"),
    ({"kind": "trade_union", "name_en": "X", "regions": "71"}, "regions"),
])
def test_invalid_fields_get_422_naming_the_field(admin_api, body, field):
    status, answer = admin_api.post(BASE, body)
    assert status == 422, answer
    assert field in [e["field"] for e in answer["errors"]]
    assert set(answer) == {"code", "message", "detail", "errors"}
    assert not Organisation.objects.exists()


def test_an_unknown_region_filter_gets_422(admin_api):
    status, body = admin_api.get(BASE, region="123")
    assert status == 422 and body["errors"][0]["field"] == "region"


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"', ""])
def test_a_malformed_body_gets_a_4xx_not_a_500(admin_api, raw):
    status, _body = admin_api.post(BASE, raw=raw)
    assert status in (400, 422)


def test_unknown_ids_get_404(admin_api):
    assert admin_api.get(f"{BASE}/424242")[0] == 404
    assert admin_api.patch(f"{BASE}/424242", {"name_en": "X"})[0] == 404
    assert admin_api.delete(f"{BASE}/424242")[0] == 404
    assert admin_api.get(f"{BASE}/424242/reports")[0] == 404
    assert admin_api.get("partners/reports/424242")[0] == 404
    assert admin_api.get(f"{BASE}/424242/representativeness")[0] == 404


def test_anonymous_writes_get_401(api, org_factory):
    org = org_factory("Union")
    anonymous = api(None)
    assert anonymous.post(BASE, {"kind": "trade_union", "name_en": "X"})[0] == 401
    assert anonymous.patch(f"{BASE}/{org.pk}", {"name_en": "Y"})[0] == 401
    assert anonymous.delete(f"{BASE}/{org.pk}")[0] == 401
    assert anonymous.post(f"{BASE}/{org.pk}/reports", {"as_of": "2024-01-01", "members": 1})[0] == 401


def test_a_signed_in_user_without_the_right_gets_403(api, make_user, org_factory):
    org = org_factory("Union")
    analyst = api(make_user("analyst", role="analyst"))
    assert analyst.post(BASE, {"kind": "trade_union", "name_en": "X"})[0] == 403
    assert analyst.patch(f"{BASE}/{org.pk}", {"name_en": "Y"})[0] == 403
    assert analyst.delete(f"{BASE}/{org.pk}")[0] == 403
    org.refresh_from_db()
    assert org.name_en == "Union"


def test_an_editor_adds_an_organisation_under_their_own(api, make_user, org_factory):
    own = org_factory("Education union", subkind=Subkind.SECTORAL_UNION)
    editor = api(make_user("ed", role="editor", organisation=own))
    status, body = editor.post(BASE, {"kind": "trade_union", "subkind": "primary_union", "name_en": "School 5", "parent": own.pk})
    assert status == 201 and body["parent"] == own.pk
    assert editor.post(BASE, {"kind": "trade_union", "name_en": "Elsewhere"})[0] == 403


def test_deleting_an_organisation_with_children_gets_409(admin_api, org_factory):
    parent = org_factory("Federation")
    org_factory("Member", parent=parent)
    status, body = admin_api.delete(f"{BASE}/{parent.pk}")
    assert status == 409
    assert "Member" not in body["detail"] and body["detail"]
    assert Organisation.objects.filter(pk=parent.pk).exists()


def test_patch_refuses_null_for_a_required_field(admin_api, org_factory):
    org = org_factory("Union")
    status, body = admin_api.patch(f"{BASE}/{org.pk}", {"kind": None})
    assert status == 422 and body["errors"][0]["field"] == "kind"


def test_membership_reports_crud(admin_api, org_factory):
    org = org_factory("Union")
    status, report = admin_api.post(f"{BASE}/{org.pk}/reports", {"as_of": "2024-01-01", "members": 1200, "employees_in_scope": 9000})
    assert status == 201 and report["organisation"] == org.pk
    assert admin_api.get(f"{BASE}/{org.pk}/reports")[1][0]["members"] == 1200
    status, changed = admin_api.put(f"partners/reports/{report['id']}", {"as_of": "2024-01-01", "members": 1300})
    assert status == 200 and changed["members"] == 1300 and changed["employees_in_scope"] is None
    assert admin_api.delete(f"partners/reports/{report['id']}")[0] == 204
    assert not MembershipReport.objects.exists()


@pytest.mark.parametrize(("body", "field"), [
    ({"members": 1}, "as_of"),
    ({"as_of": "2024-13-01", "members": 1}, "as_of"),
    ({"as_of": "2024-01-01", "members": -5}, "members"),
    ({"as_of": "2024-01-01", "members": "many"}, "members"),
    ({"as_of": "2024-01-01", "members": 10**12}, "members"),
    ({"as_of": "2024-01-01", "members": 5, "employee_members": 6}, "employee_members"),
])
def test_invalid_reports_get_422(admin_api, org_factory, body, field):
    org = org_factory("Union")
    status, answer = admin_api.post(f"{BASE}/{org.pk}/reports", body)
    assert status == 422, answer
    assert field in [e["field"] for e in answer["errors"]]


def test_a_duplicate_report_date_gets_422_on_as_of(admin_api, org_factory):
    org = org_factory("Union")
    admin_api.post(f"{BASE}/{org.pk}/reports", {"as_of": "2024-01-01", "members": 1})
    status, body = admin_api.post(f"{BASE}/{org.pk}/reports", {"as_of": "2024-01-01", "members": 2})
    assert status == 422 and body["errors"][0]["field"] == "as_of"


def test_api_errors_are_in_the_callers_language(api, admin_user):
    client = api(admin_user)
    client.client.cookies["django_language"] = "ru"
    status, body = client.post(BASE, {"kind": "trade_union", "name_en": "X", "bin": "18114001234"})
    assert status == 422
    assert "12 цифр" in body["errors"][0]["message"]
