"""Representativeness on the organisation page and in the API: facts from the register, verdicts from the pack."""

from __future__ import annotations

from datetime import date

import pytest

from tripartite.partners import queries
from tripartite.partners.models import Kind, MembershipReport, Subkind

pytestmark = pytest.mark.django_db


def test_a_sectoral_union_without_a_report_cannot_be_judged_on_its_share_of_employees(client, org_factory, regions):
    union = org_factory("Education union", subkind=Subkind.SECTORAL_UNION, regions=[regions["71"]])
    result = queries.representativeness(union)
    share = next(c for c in result.criteria if c.key == "sectoral_union_sector_share")
    assert share.met is None and share.code == "missing_fact"
    html = client.get(f"/partners/{union.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Cannot tell" in html
    assert "unverified" in html


def test_regions_of_the_organisations_under_a_union_count_towards_its_presence(org_factory, regions):
    codes = list(regions)
    union = org_factory("Education union", subkind=Subkind.SECTORAL_UNION, regions=[regions[c] for c in codes[:5]])
    for n, code in enumerate(codes[5:11]):
        org_factory(f"Branch {n}", subkind=Subkind.LOCAL_UNION, parent=union, regions=[regions[code]])
    result = queries.representativeness(union)
    assert result.fact("regions_covered") == 11 and result.fact("total_regions") == 20
    presence = next(c for c in result.criteria if c.key == "sectoral_union_regional_presence")
    assert presence.met is True and presence.verified is False


def test_a_union_present_in_half_of_the_regions_or_fewer_does_not_meet_the_criterion(org_factory, regions):
    union = org_factory("Small union", subkind=Subkind.SECTORAL_UNION, regions=list(regions.values())[:10])
    MembershipReport.objects.create(organisation=union, as_of=date(2024, 1, 1), members=500, employees_in_scope=1000)
    result = queries.representativeness(union)
    assert result.meets is False
    presence = next(c for c in result.criteria if c.key == "sectoral_union_regional_presence")
    assert presence.met is False


def test_the_latest_report_supplies_members_and_employees(org_factory):
    union = org_factory("Union", subkind=Subkind.SECTORAL_UNION)
    MembershipReport.objects.create(organisation=union, as_of=date(2023, 1, 1), members=10, employees_in_scope=1000)
    MembershipReport.objects.create(organisation=union, as_of=date(2024, 1, 1), members=150, employees_in_scope=1000)
    result = queries.representativeness(union)
    share = next(c for c in result.criteria if c.key == "sectoral_union_sector_share")
    assert result.fact("members") == 150 and share.met is True


def test_an_employers_association_is_reported_as_unconfirmed(client, org_factory):
    chamber = org_factory("Chamber", kind=Kind.EMPLOYERS_ASSOCIATION, subkind=Subkind.REPUBLICAN_EMPLOYERS)
    result = queries.representativeness(chamber)
    assert result.meets is None
    html = client.get(f"/partners/{chamber.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Cannot tell" in html


def test_api_returns_each_criterion_with_its_status(api, org_factory):
    union = org_factory("Union", subkind=Subkind.SECTORAL_UNION)
    status, body = api(None).get(f"partners/organisations/{union.pk}/representativeness")
    assert status == 200
    assert body["kind"] == "union_sectoral" and body["meets"] is False and body["verified"] is False
    assert {c["key"] for c in body["criteria"]} == {"sectoral_union_regional_presence", "sectoral_union_sector_share"}
    assert all(c["sources"] for c in body["criteria"])
