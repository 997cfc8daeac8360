"""The indicators API: list, values with numerator/denominator/sources, status codes, statistics and import."""

from __future__ import annotations

import pytest

from tests.indicators.test_import import BAD, GOOD
from tripartite.indicators.models import StatisticValue

pytestmark = pytest.mark.django_db


def test_the_list_names_every_indicator_with_its_addresses(api):
    status, body = api(None).get("indicators")
    assert status == 200
    codes = [i["code"] for i in body]
    assert {"union_density", "mw_median_ratio", "mw_average_ratio", "commission_decisions_on_time"} <= set(codes)
    density = next(i for i in body if i["code"] == "union_density")
    assert density["page_url"] == "/indicators/union_density/" and density["api_url"] == "/api/v1/indicators/union_density"


def test_values_carry_numerator_denominator_sources_and_records(api):
    status, body = api(None).get("indicators/mw_median_ratio", period="2025-Q1")
    assert status == 200
    assert body["methodology"]["formula"] and body["methodology"]["caveats"]
    [value] = body["values"]
    assert (value["numerator"], value["denominator"], value["value"]) == (85000, 300307, 28.3)
    assert value["status"] == "ok" and value["region"] is None and value["sector"] is None
    assert {s["label"] for s in value["sources"]} >= {"Bureau of National Statistics (as reported by the press)"}
    assert all(r["url"].startswith("/indicators/statistics/") for r in value["records"])


def test_a_missing_denominator_is_a_null_value_with_a_reason(api):
    status, body = api(None).get("indicators/mw_median_ratio", period="2025-Q1", region="790000000")
    assert status == 200
    [value] = body["values"]
    assert value["value"] is None and value["status"] == "no_denominator" and value["message"]


def test_an_unknown_indicator_is_404(api):
    status, body = api(None).get("indicators/cb_coverage_typo")
    assert status == 404 and body["detail"]


@pytest.mark.parametrize(("params", "field"), [
    ({"period": "2025-Q7"}, "period"),
    ({"region": "123"}, "region"),
    ({"sector": "ZZ"}, "sector"),
])
def test_bad_filters_are_422_with_the_field(api, params, field):
    status, body = api(None).get("indicators/union_density", **params)
    assert status == 422
    assert [e["field"] for e in body["errors"]] == [field]


def test_the_path_to_a_target_share(api):
    status, body = api(None).get("indicators/mw_median_ratio/path", target="50", years="5")
    assert status == 200
    assert body["yearly_increase_percent"] == 12.05 and len(body["steps"]) == 5
    status, body = api(None).get("indicators/mw_median_ratio/path", years="50")
    assert status == 422 and body["errors"][0]["field"] == "years"
    assert api(None).get("indicators/union_density/path")[0] == 404


def test_the_path_in_russian(client):
    response = client.get("/api/v1/indicators/mw_median_ratio/path", {"years": "0"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert "лет" in response.json()["errors"][0]["message"]


def test_statistics_are_listed_with_their_sources(api):
    status, body = api(None).get("indicators/statistics", series="minimum_wage", region="national")
    assert status == 200 and body["count"] == 9
    first = body["items"][0]
    assert (first["period"], first["value"], first["confirmed"]) == ("2018", 28284, False)
    status, body = api(None).get("indicators/statistics", series="salary")
    assert status == 422 and body["errors"][0]["field"] == "series"
    one = body_id = StatisticValue.objects.filter(series="median_wage").first().pk
    status, body = api(None).get(f"indicators/statistics/{one}")
    assert status == 200 and body["id"] == body_id
    assert api(None).get("indicators/statistics/999999")[0] == 404


def _upload(client, token, text, name="figures.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post("/api/v1/indicators/statistics/import",
                       {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")}, **headers)


def _token(user):
    from tripartite.core.services import api_token_create

    return api_token_create(user=user, name="t")[1]


def test_import_through_the_api(client, analyst, make_user):
    assert _upload(client, None, GOOD).status_code == 401
    assert _upload(client, _token(make_user("editor", role="editor")), GOOD).status_code == 403
    response = _upload(client, _token(analyst), BAD)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert "rows.2.region" in fields and "rows.6.period" in fields
    response = _upload(client, _token(analyst), GOOD)
    assert response.status_code == 201 and response.json()["created"] == 4
