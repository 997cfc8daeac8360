"""Rules that span rows: the parent must make sense, no loops, one report per date, audit, all-or-nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tripartite.partners import services
from tripartite.partners.errors import OrganisationInUse
from tripartite.partners.models import Kind, MembershipReport, Organisation, Subkind

pytestmark = pytest.mark.django_db


def union(by, name, subkind, parent=None, **extra):
    data = {"kind": Kind.TRADE_UNION, "subkind": subkind, "name_en": name, "parent": parent, **extra}
    return services.organisation_create(by=by, data=data)


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as err, translation.override("en"):
        call()
    return err.value.message_dict


def test_a_primary_organisation_sits_under_a_trade_union(admin_user):
    sectoral = union(admin_user, "Education union", Subkind.SECTORAL_UNION)
    primary = union(admin_user, "School 5", Subkind.PRIMARY_UNION, parent=sectoral)
    assert primary.parent == sectoral


def test_a_primary_organisation_cannot_sit_under_an_employer(admin_user):
    employer = services.organisation_create(by=admin_user, data={"kind": Kind.EMPLOYER, "name_en": "Steel plant"})
    errors = errors_of(lambda: union(admin_user, "Plant union", Subkind.PRIMARY_UNION, parent=employer))
    assert "cannot be the parent" in errors["parent"][0]
    assert not Organisation.objects.filter(name_en="Plant union").exists()


def test_a_sectoral_union_cannot_sit_under_a_primary_organisation(admin_user):
    primary = union(admin_user, "School 5", Subkind.PRIMARY_UNION)
    errors = errors_of(lambda: union(admin_user, "Education union", Subkind.SECTORAL_UNION, parent=primary))
    assert "higher in the hierarchy" in errors["parent"][0]


def test_the_hierarchy_cannot_become_a_loop(admin_user):
    top = union(admin_user, "Federation", "")
    middle = union(admin_user, "Middle", "", parent=top)
    bottom = union(admin_user, "Bottom", "", parent=middle)
    errors = errors_of(lambda: services.organisation_update(by=admin_user, organisation=top, data={"parent": bottom}))
    assert "loop" in errors["parent"][0]
    top.refresh_from_db()
    assert top.parent is None


def test_changing_the_kind_is_refused_while_children_would_no_longer_fit(admin_user):
    sectoral = union(admin_user, "Education union", Subkind.SECTORAL_UNION)
    union(admin_user, "School 5", Subkind.PRIMARY_UNION, parent=sectoral)
    errors = errors_of(lambda: services.organisation_update(
        by=admin_user, organisation=sectoral, data={"kind": Kind.EMPLOYER, "subkind": ""}
    ))
    assert "School 5" in errors["kind"][0]


def test_a_name_in_at_least_one_language_is_required(admin_user):
    errors = errors_of(lambda: services.organisation_create(by=admin_user, data={"kind": Kind.NGO}))
    assert errors["name_ru"]


def test_a_type_must_belong_to_the_kind(admin_user):
    errors = errors_of(lambda: services.organisation_create(
        by=admin_user, data={"kind": Kind.EMPLOYER, "subkind": Subkind.MINISTRY, "name_en": "X"}
    ))
    assert errors["subkind"]


def test_every_problem_is_reported_at_once(admin_user):
    errors = errors_of(lambda: services.organisation_create(
        by=admin_user, data={"kind": "nonsense", "name_en": "X", "bin": "123", "website": "not a url"}
    ))
    assert {"kind", "bin", "website"} <= set(errors)


def test_history_records_the_user_and_the_regions_in_one_row(admin_user, regions, sectors):
    org = services.organisation_create(by=admin_user, data={
        "kind": Kind.TRADE_UNION, "name_en": "Union", "regions": [regions["71"], regions["75"]], "sectors": [sectors["P"]],
    })
    [row] = org.history.all()
    assert row.history_type == "+" and row.history_user == admin_user
    assert sorted(r.region.kato for r in row.regions.all()) == ["710000000", "750000000"]

    services.organisation_update(by=admin_user, organisation=org, data={"regions": [regions["71"]]})
    latest = org.history.first()
    assert latest.history_type == "~" and latest.history_user == admin_user
    assert [r.region.kato for r in latest.regions.all()] == ["710000000"]
    assert org.history.count() == 2


def test_a_failed_update_leaves_the_organisation_and_its_regions_untouched(admin_user, regions):
    org = services.organisation_create(by=admin_user, data={
        "kind": Kind.TRADE_UNION, "name_en": "Union", "regions": [regions["71"]],
    })
    with pytest.raises(ValidationError):
        services.organisation_update(by=admin_user, organisation=org, data={
            "name_en": "Renamed", "bin": "123", "regions": [regions["75"]],
        })
    org.refresh_from_db()
    assert org.name_en == "Union"
    assert [r.kato for r in org.regions.all()] == ["710000000"]
    assert org.history.count() == 1


def test_an_organisation_with_children_cannot_be_deleted(admin_user):
    parent = union(admin_user, "Federation", "")
    union(admin_user, "Member", "", parent=parent)
    with pytest.raises(OrganisationInUse) as err, translation.override("en"):
        services.organisation_delete(by=admin_user, organisation=parent)
    assert "organisations registered under it: 1" in str(err.value)
    assert Organisation.objects.filter(pk=parent.pk).exists()


def test_a_second_report_on_the_same_date_is_refused_with_a_clear_message(admin_user):
    org = union(admin_user, "Union", "")
    services.membership_report_create(by=admin_user, organisation=org, data={"as_of": date(2024, 1, 1), "members": 10})
    errors = errors_of(lambda: services.membership_report_create(
        by=admin_user, organisation=org, data={"as_of": date(2024, 1, 1), "members": 12}
    ))
    assert "2024-01-01" in errors["as_of"][0]
    assert MembershipReport.objects.get().members == 10


def test_members_who_are_employees_cannot_exceed_members(admin_user):
    org = union(admin_user, "Union", "")
    errors = errors_of(lambda: services.membership_report_create(
        by=admin_user, organisation=org, data={"as_of": date(2024, 1, 1), "members": 10, "employee_members": 11}
    ))
    assert errors["employee_members"]


def test_report_changes_are_audited_with_the_user(admin_user):
    org = union(admin_user, "Union", "")
    report = services.membership_report_create(
        by=admin_user, organisation=org, data={"as_of": date(2024, 1, 1), "members": 10}
    )
    services.membership_report_update(by=admin_user, report=report, data={"members": 11})
    assert [(h.history_type, h.history_user, h.members) for h in report.history.all()] == [
        ("~", admin_user, 11), ("+", admin_user, 10),
    ]
