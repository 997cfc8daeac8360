"""Concentration figures of the awards, and the PPP register with its summaries and open data."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.utils import timezone

from tests.grants.conftest import AFTER, apply, marks_for, published_call
from tripartite.core.errors import NotAllowed
from tripartite.core.models import Sector
from tripartite.grants import queries, services
from tripartite.grants.models import PPPContract

pytestmark = pytest.mark.django_db


def _close_with_scores(call, applications, evaluators, secretary):
    for user in evaluators:
        services.conflicts_declare(by=user, call=call, today=AFTER)
        for application in applications:
            services.score_record(by=user, application=application, marks=marks_for(call, 7, 7), today=AFTER)
    services.call_close(by=secretary, call=call, today=AFTER)


def test_concentration_counts_money_by_region_topic_settlement_and_repeat_winners(
    secretary, ministry, topic, ngo, other_ngo, ngo_editor, other_editor, evaluators, almaty, astana
):
    first = published_call(secretary, ministry, topic, evaluators[:2], title_en="First")
    a = apply(ngo_editor, first, ngo, [almaty, astana], amount=10_000_001)
    b = apply(other_editor, first, other_ngo, [almaty], amount=4_000_000, settlement="rural")
    second = published_call(secretary, ministry, topic, evaluators[:2], title_en="Second")
    c = apply(ngo_editor, second, ngo, [astana], amount=6_000_000)
    _close_with_scores(first, [a, b], evaluators[:2], secretary)
    _close_with_scores(second, [c], evaluators[:2], secretary)
    today = timezone.localdate()
    for application in (a, b, c):
        services.award_create(by=secretary, application=application, amount=application.requested_amount, signed_on=today)
    figures = queries.concentration(AFTER)
    assert figures.awards == 3 and figures.amount == 20_000_001
    assert figures.calls_past_deadline == 2 and figures.calls_single_applicant == 1 and figures.single_applicant_share == 0.5
    by_region = {s.key: s.amount for s in figures.by_region}
    assert by_region == {"750000000": 5_000_000 + 4_000_000, "710000000": 5_000_001 + 6_000_000}  # the odd tenge goes to the first KATO code
    assert {s.key: s.amount for s in figures.by_settlement} == {"urban": 16_000_001, "rural": 4_000_000}
    assert [(w.organisation, w.awards, w.amount) for w in figures.repeat_winners] == [(ngo, 2, 16_000_001)]
    assert figures.top3_share == 1.0


def _contract(by, partner, sector, region, value, **extra):
    data = {"private_partner": "Partner LLP", "sector": sector, "region": region, "object_en": "Kindergarten",
            "value": value, "signed_on": timezone.localdate(), "term_years": 10, "status": "operating"}
    data.update(extra)
    return services.ppp_create(by=by, state_partner=partner, data=data)


def test_ppp_contracts_are_summarised_by_sector_and_region(secretary, ministry, almaty, astana):
    education, health = Sector.objects.get(code="P"), Sector.objects.get(code="Q")
    _contract(secretary, ministry, education, almaty, 300)
    _contract(secretary, ministry, education, astana, 100)
    _contract(secretary, ministry, health, almaty, 600)
    summary = queries.ppp_summary(PPPContract.objects.all())
    assert (summary.count, summary.value) == (3, 1000)
    [edu, hea] = summary.by_sector
    assert (edu.key, edu.count, edu.value, round(edu.count_share, 3), edu.value_share) == ("P", 2, 400, 0.667, 0.4)
    assert (hea.key, hea.value_share) == ("Q", 0.6)
    assert [(r.key, r.count) for r in summary.by_region] == [("750000000", 2), ("710000000", 1)]


def test_only_the_state_partners_staff_keep_the_ppp_register(secretary, ngo_editor, ministry, almaty):
    education = Sector.objects.get(code="P")
    with pytest.raises(NotAllowed):
        _contract(ngo_editor, ministry, education, almaty, 100)
    contract = _contract(secretary, ministry, education, almaty, 100)
    with pytest.raises(Exception, match="A signed contract needs its signing date."):
        services.ppp_update(by=secretary, contract=contract, data={"signed_on": None})


def test_open_data_lists_only_published_contracts_in_csv_and_json(client, secretary, ministry, almaty):
    education = Sector.objects.get(code="P")
    _contract(secretary, ministry, education, almaty, 1500, object_ru="Детский сад")
    _contract(secretary, ministry, education, almaty, 99, published=False, object_en="Hidden")
    response = client.get("/grants/ppp/data.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["object_ru"], r["value_tenge"], r["sector"], r["region_kato"]) for r in rows] == [("Детский сад", "1500", "P", "750000000")]
    data = json.loads(client.get("/grants/ppp/data.json").content)
    assert data["count"] == 1 and data["items"][0]["value_tenge"] == 1500 and data["items"][0]["is_demo"] is False


def test_the_api_serves_the_same_open_data_and_refuses_bad_writes(api, secretary, ngo_editor, ministry, almaty):
    education = Sector.objects.get(code="P")
    _contract(secretary, ministry, education, almaty, 1500, object_ru="Детский сад")
    status, data = api(None).get("civic/ppp/open-data.json")
    assert status == 200 and data["count"] == 1 and data["items"][0]["sector"] == "P"
    response = api(None).client.get("/api/v1/civic/ppp/open-data.csv")
    assert response.status_code == 200 and "Детский сад" in response.content.decode("utf-8-sig")
    body = {"state_partner": ministry.pk, "private_partner": "X LLP", "sector": "P", "region": "750000000",
            "object_en": "School", "value": 10, "term_years": 5, "signed_on": "2024-01-01"}
    assert api(ngo_editor).post("civic/ppp", body)[0] == 403
    status, error = api(secretary).post("civic/ppp", {**body, "sector": "ZZ"})
    assert status == 422 and error["errors"][0]["field"] == "sector"
    status, created = api(secretary).post("civic/ppp", body)
    assert status == 201 and created["region"]["code"] == "750000000"
    status, summary = api(None).get("civic/ppp/summary")
    assert status == 200 and summary["count"] == 2 and summary["by_sector"][0]["key"] == "P"
