"""The agreements API: same validation and permissions as the pages, findings, coverage, commitments, uploads."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.agreements.conftest import ALMATY, PDF, make_agreement
from tripartite.agreements.models import Agreement


def _collective(builder: Any, **extra: Any) -> dict[str, Any]:
    return {"kind": "collective", "title_en": "Builders CA", "owner": builder.pk, "employer": builder.pk,
            "signed_on": "2026-01-10", "effective_from": "2026-01-15", "effective_to": "2028-12-31", **extra}


def test_editor_creates_reads_and_patches_own_agreement(db: Any, api: Any, builder: Any, editor: Any) -> None:
    client = api(editor)
    status, body = client.post("agreements/", _collective(builder))
    assert status == 201, body
    assert body["level"] == "organisation" and body["status"] == "in_force"
    status, body = client.patch(f"agreements/{body['id']}", {"covered_employees": 120})
    assert status == 200 and body["covered_employees"] == 120


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_readers_and_other_employers_editors_get_403(db: Any, api: Any, builder: Any, personas: Any,
                                                      who: str) -> None:
    ca = make_agreement(personas.owner, builder, "collective", employer=builder)
    assert api(getattr(personas, who)).patch(f"agreements/{ca.pk}", {"covered_employees": 1})[0] == 403
    assert api(getattr(personas, who)).post("agreements/", _collective(builder))[0] == 403


def test_anonymous_writes_get_401(db: Any, api: Any, builder: Any, editor: Any) -> None:
    ca = make_agreement(editor, builder, "collective", employer=builder)
    assert api(None).patch(f"agreements/{ca.pk}", {"covered_employees": 1})[0] == 401


def test_second_collective_agreement_in_force_is_refused_with_409(db: Any, api: Any, builder: Any,
                                                                   editor: Any) -> None:
    client = api(editor)
    assert client.post("agreements/", _collective(builder))[0] == 201
    status, body = client.post("agreements/", _collective(builder, title_en="Second", effective_from="2027-01-01"))
    assert status == 409
    assert "already has a collective agreement in force" in body["detail"]
    assert body["errors"][0]["field"] == "effective_from"
    assert Agreement.objects.count() == 1


def test_next_collective_agreement_after_the_first_ends_is_accepted(db: Any, api: Any, builder: Any,
                                                                     editor: Any) -> None:
    client = api(editor)
    assert client.post("agreements/", _collective(builder))[0] == 201
    assert client.post("agreements/", _collective(builder, title_en="Next", signed_on="2028-12-01",
                                                  effective_from="2029-01-01", effective_to=None))[0] == 201


def test_invalid_input_gives_422_with_field_errors(db: Any, api: Any, builder: Any, editor: Any) -> None:
    client = api(editor)
    status, body = client.post("agreements/", _collective(builder, employer=None))
    assert status == 422 and any(e["field"] == "employer" for e in body["errors"])
    status, body = client.post("agreements/", {"kind": "sectoral", "title_en": "S", "owner": builder.pk,
                                               "sectors": ["ZZ"]})
    assert status == 422 and body["errors"][0]["field"] == "sectors"
    status, body = client.post("agreements/", _collective(builder, effective_to="2020-01-01"))
    assert status == 422 and any(e["field"] == "effective_to" for e in body["errors"])
    assert Agreement.objects.count() == 0


def test_clause_with_parameters_and_findings(db: Any, api: Any, admin: Any, ministry: Any, builder: Any,
                                             editor: Any) -> None:
    make_agreement(admin, ministry, "sectoral", title="Construction", sectors=("F",),
                   params={"minimum_monthly_pay": 120000})
    client = api(editor)
    _status, ca = client.post("agreements/", _collective(builder))
    status, clause = client.post(f"agreements/{ca['id']}/clauses", {
        "number": "2.1", "topic": "pay", "text_en": "Minimum pay", "parameters": {"minimum_monthly_pay": 100000}})
    assert status == 201 and clause["parameters"] == {"minimum_monthly_pay": "100000.00"}
    status, found = client.get(f"agreements/{ca['id']}/findings")
    assert status == 200
    [finding] = found
    assert finding["against"] == "agreement" and finding["shortfall"] == "20000.00"
    assert finding["legal_basis"].startswith("Labour Code") and finding["verified"] is False
    status, body = client.post(f"agreements/{ca['id']}/clauses", {
        "number": "3", "topic": "pay", "text_en": "x", "parameters": {"no_such_thing": 1}})
    assert status == 422 and body["errors"][0]["field"] == "parameters"


def test_clause_amendment_keeps_the_previous_version(db: Any, api: Any, builder: Any, editor: Any) -> None:
    client = api(editor)
    _s, ca = client.post("agreements/", _collective(builder))
    _s, clause = client.post(f"agreements/{ca['id']}/clauses", {"number": "1", "topic": "pay", "text_en": "Old"})
    status, body = client.patch(f"agreements/clauses/{clause['id']}", {"text_en": "New", "reason": "Amendment 1"})
    assert status == 200 and body["text_en"] == "New"
    from tripartite.agreements.models import Clause

    versions = list(Clause.history.filter(id=clause["id"]).order_by("history_date"))
    assert [v.text_en for v in versions] == ["Old", "New"]
    assert versions[-1].history_change_reason == "Amendment 1"


def test_not_a_pdf_upload_is_refused_and_nothing_stored(db: Any, client: Any, builder: Any, editor: Any,
                                                        settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tripartite.core.services import api_token_create

    ca = make_agreement(editor, builder, "collective", employer=builder)
    _t, token = api_token_create(user=editor, name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    response = client.post(f"/api/v1/agreements/{ca.pk}/document",
                           {"file": SimpleUploadedFile("x.pdf", b"GIF89a not a pdf")}, **headers)
    assert response.status_code == 422
    assert "not a PDF" in response.json()["errors"][0]["message"]
    assert list(tmp_path.rglob("*.pdf")) == []
    from tripartite.agreements import services

    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (services.MAX_DOCUMENT_BYTES + 1))
    response = client.post(f"/api/v1/agreements/{ca.pk}/document", {"file": big}, **headers)
    assert response.status_code == 422 and "too large" in response.json()["errors"][0]["message"]
    ca.refresh_from_db()
    assert not ca.document and list(tmp_path.rglob("*.pdf")) == []
    response = client.post(f"/api/v1/agreements/{ca.pk}/document", {"file": SimpleUploadedFile("a.pdf", PDF)},
                           **headers)
    assert response.status_code == 200 and len(response.json()["document_sha256"]) == 64


def test_filing_via_api_lists_what_is_missing(db: Any, api: Any, builder: Any, editor: Any) -> None:
    ca = make_agreement(editor, builder, "collective", employer=builder)
    status, body = api(editor).post(f"agreements/{ca.pk}/file")
    assert status == 400
    assert "The signed document (PDF)." in body["missing"]


def test_commitments_fulfilment_and_overdue(db: Any, api: Any, admin: Any, ministry: Any) -> None:
    ga = make_agreement(admin, ministry, "general", title="General")
    client = api(admin)
    _s, c1 = client.post(f"agreements/{ga.pk}/commitments", {"text_en": "Raise wages", "responsible_side": "state",
                                                             "due_date": "2025-01-01"})
    _s, c2 = client.post(f"agreements/{ga.pk}/commitments", {"text_en": "Train inspectors",
                                                             "responsible_side": "employers",
                                                             "due_date": "2025-06-01"})
    assert client.post(f"agreements/commitments/{c1['id']}/fulfil", {"done_on": "2024-12-20",
                                                                     "evidence": "Decree 12"})[0] == 200
    assert client.post(f"agreements/commitments/{c1['id']}/fulfil", {"done_on": "2024-12-21"})[0] == 409
    status, body = client.get(f"agreements/{ga.pk}/commitments")
    assert body["fulfilment"]["due"] == 2 and body["fulfilment"]["percent"] == 50
    assert {s["key"]: s["percent"] for s in body["by_side"]} == {"state": 100, "employers": 0}
    status, overdue = client.get("agreements/commitments/overdue")
    assert [c["id"] for c in overdue] == [c2["id"]]
    status, body = client.post(f"agreements/{ga.pk}/commitments", {"text_en": "Nobody"})
    assert status == 422


def test_dispute_procedure_may_only_shorten_statutory_deadlines(db: Any, api: Any, builder: Any,
                                                                editor: Any) -> None:
    ca = make_agreement(editor, builder, "collective", employer=builder)
    client = api(editor)
    status, body = client.put(f"agreements/{ca.pk}/dispute-procedure", {
        "deadline_days": {"conciliation_commission_consideration": 5}, "conciliators": ["A. Conciliator"],
        "mediator": "B. Mediator"})
    assert status == 200 and body["deadline_days"] == {"conciliation_commission_consideration": 5}
    status, body = client.put(f"agreements/{ca.pk}/dispute-procedure",
                              {"deadline_days": {"conciliation_commission_consideration": 9}})
    assert status == 422 and "only shorten" in body["errors"][0]["message"]
    status, body = client.put(f"agreements/{ca.pk}/dispute-procedure",
                              {"deadline_days": {"employer_reply_to_demands": 0}})
    assert status == 422
    # an unset statutory value (labour arbitration, unconfirmed) may be set by the agreement
    status, body = client.put(f"agreements/{ca.pk}/dispute-procedure",
                              {"deadline_days": {"labour_arbitration_consideration": 10}})
    assert status == 200


def test_coverage_endpoint(db: Any, api: Any, admin: Any, ministry: Any, builder: Any) -> None:
    make_agreement(admin, ministry, "general", title="General", params={"annual_paid_leave_days": 24})
    make_agreement(admin, ministry, "regional", title="Almaty", regions=(ALMATY,),
                   params={"annual_paid_leave_days": 28})
    status, body = api(None).get("agreements/coverage", organisation=builder.pk, on=date(2026, 6, 15).isoformat())
    assert status == 200
    [guarantee] = body["guarantees"]
    assert guarantee["value"] == "28.00" and guarantee["parameter"] == "annual_paid_leave_days"
    assert api(None).get("agreements/coverage")[0] == 422


def test_anonymous_list_shows_published_only(db: Any, api: Any, admin: Any, ministry: Any) -> None:
    make_agreement(admin, ministry, "general", title="Public")
    make_agreement(admin, ministry, "general", title="Private", published=False, signed=None, start=None, end=None)
    status, body = api(None).get("agreements/")
    assert status == 200 and [a["title"] for a in body["items"]] == ["Public"]


def test_delete_an_unfiled_agreement_but_not_a_filed_one(db: Any, api: Any, builder: Any, editor: Any,
                                                         outsider: Any) -> None:
    draft = make_agreement(editor, builder, "collective", employer=builder, signed=None, start=None, end=None)
    filed = make_agreement(editor, builder, "collective", title="Filed", employer=builder)
    Agreement.objects.filter(pk=filed.pk).update(registration_number="CA-2024-000001")
    assert api(outsider).delete(f"agreements/{draft.pk}")[0] == 403
    assert api(editor).delete(f"agreements/{draft.pk}")[0] == 204
    status, body = api(editor).delete(f"agreements/{filed.pk}")
    assert status == 409 and "CA-2024-000001" in body["detail"]
    assert list(Agreement.objects.values_list("pk", flat=True)) == [filed.pk]
