"""The principles API: the taxonomy with its crosswalk, coverage, and the tag write operations with their refusals."""

from __future__ import annotations

from typing import Any

from tests.principles.conftest import principle
from tripartite.principles import services
from tripartite.principles.models import Tag


def test_the_principles_come_with_conventions_ratification_and_sdg_targets(db: Any, api: Any) -> None:
    status, body = api().get("principles")
    assert status == 200 and [p["code"] for p in body][:3] == ["P01", "P02", "P03"]
    p06 = next(p for p in body if p["code"] == "P06")
    assert p06["article_verified"] is False and p06["article"] == "4(6)"
    assert p06["clause_topics"] == [{"code": "pay", "name": "Pay"}]
    c131 = next(c for c in p06["conventions"] if c["code"] == "C131")
    assert c131["ratified"] == "ratified" and c131["ratified_on"] == "2025-10-20" and c131["ratification_verified"]
    assert [t["code"] for t in p06["sdg_targets"]] == ["8.5"]
    status, conventions = api().get("principles/conventions")
    c144 = next(c for c in conventions if c["code"] == "C144")
    assert c144["ratified"] == "unknown" and c144["ratification_verified"] is False


def test_the_items_of_a_principle_list_clauses_by_topic_and_gaps(pay_clause: Any, api: Any) -> None:
    status, body = api().get("principles/P06/items")
    assert status == 200
    assert [(i["kind"], i["id"], i["how"]) for i in body["carries"]] == [("agreements.clause", pay_clause.pk, "topic")]
    status, body = api().get("principles/P01/items")
    assert body["nothing_carries"] and body["nothing_measures"]


def test_the_owner_tags_a_record_and_reads_its_tags(pay_clause: Any, api: Any, personas: Any) -> None:
    status, tag = api(personas.owner).post("principles/tags", {"kind": "agreements.clause", "id": pay_clause.pk,
                                                                "convention": "C131"})
    assert status == 201 and tag["convention"] == "C131" and tag["record"] == pay_clause.pk
    status, record = api().get("principles/tags", kind="agreements.clause", id=pay_clause.pk)
    assert status == 200 and record["principles"] == ["P06"] and record["conventions"] == ["C131"]
    assert record["defaults"] == ["P06"]
    status, _body = api(personas.owner).delete(f"principles/tags/{tag['id']}")
    assert status == 204 and not Tag.objects.exists()


def test_an_override_through_the_api_takes_the_default_off(hours_clause: Any, api: Any, personas: Any) -> None:
    status, _tag = api(personas.owner).post("principles/tags", {"kind": "agreements.clause", "id": hours_clause.pk,
                                                                 "principle": "P07", "applies": False})
    assert status == 201
    _status, record = api().get("principles/tags", kind="agreements.clause", id=hours_clause.pk)
    assert record["principles"] == [] and record["defaults"] == ["P07"]


def test_a_tag_that_does_not_exist_is_refused_with_a_json_4xx(pay_clause: Any, api: Any, personas: Any) -> None:
    client = api(personas.owner)
    status, body = client.post("principles/tags", {"kind": "agreements.clause", "id": pay_clause.pk,
                                                    "principle": "P99"})
    assert status == 400 and body["errors"] == [{"field": "principle", "message": "No principle has this code."}]
    status, body = client.post("principles/tags", {"kind": "agreements.clause", "id": pay_clause.pk,
                                                    "convention": "C999"})
    assert status == 400 and body["errors"][0]["field"] == "convention"
    status, body = client.post("principles/tags", {"kind": "agreements.agreement", "id": 1, "principle": "P06"})
    assert status == 400 and "cannot be tagged" in body["detail"]
    status, body = client.post("principles/tags", {"kind": "agreements.clause", "id": 999999, "principle": "P06"})
    assert status == 404 and body["detail"]
    status, body = client.post("principles/tags", {"kind": "agreements.clause", "id": pay_clause.pk})
    assert status == 400 and body["errors"][0]["field"] == "principle"
    status, body = client.delete("principles/tags/999999")
    assert status == 404
    status, body = client.get("principles/P99")
    assert status == 404 and body["code"] == "not_found" and body["detail"] == "Not found." and body["errors"] == []
    assert not Tag.objects.exists()


def test_a_duplicate_tag_is_a_409(pay_clause: Any, api: Any, personas: Any) -> None:
    body = {"kind": "agreements.clause", "id": pay_clause.pk, "principle": "P08"}
    assert api(personas.owner).post("principles/tags", body)[0] == 201
    status, error = api(personas.owner).post("principles/tags", body)
    assert status == 409 and error["errors"][0]["field"] == "principle"


def test_tagging_follows_the_role_rules_of_the_records_owner(pay_clause: Any, api: Any, personas: Any) -> None:
    body = {"kind": "agreements.clause", "id": pay_clause.pk, "principle": "P08"}
    assert api().post("principles/tags", body)[0] == 401
    assert api(personas.member).post("principles/tags", body)[0] == 403
    assert api(personas.outsider).post("principles/tags", body)[0] == 403
    tag = services.tag_add(by=personas.owner, target=pay_clause, principle=principle("P08"))
    assert api(personas.outsider).delete(f"principles/tags/{tag.pk}")[0] == 403
    assert Tag.objects.count() == 1


def test_an_agreements_principles_through_the_api(pay_clause: Any, agreement: Any, api: Any) -> None:
    status, body = api().get(f"principles/agreements/{agreement.pk}")
    assert status == 200
    covered = {row["principle"]: row for row in body["principles"] if row["covered"]}
    assert list(covered) == ["P06"] and covered["P06"]["clauses"][0]["id"] == pay_clause.pk
