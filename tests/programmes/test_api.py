"""The programmes API: reads for everyone on published programmes, writes by role, and JSON refusals that store
nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from tripartite.programmes.models import IndicatorTarget, Measure, ProgressReport, State

from .conftest import PDF, make_measure


def _measure_body(world: Any, **fields: Any) -> dict[str, Any]:
    return {"title_en": "Hold a national forum", "responsible_side": "workers", "responsible": [world.union.pk],
            "start_date": "2026-03-01", "due_date": "2026-09-30", "evidence": "event", **fields}


def test_anyone_reads_a_published_programme_with_its_areas_and_scorecard(api: Any, world: Any) -> None:
    make_measure(world)
    status, body = api(None).get("programmes")
    assert status == 200 and body["count"] == 1
    status, body = api(None).get(f"programmes/{world.programme.pk}")
    assert status == 200
    assert [a["code"] for a in body["areas"]][:2] == ["safe_work", "social_dialogue"]
    assert body["areas"][1]["measures"][0]["status"] in ("not_started", "late")
    assert body["scorecard"]["measures"] == 1
    status, cards = api(None).get(f"programmes/{world.programme.pk}/scorecard")
    assert status == 200 and len(cards["areas"]) == 5 and cards["organisations"][0]["measures"] == 1


def test_the_secretary_adds_a_measure_and_a_date_before_the_programme_is_refused(api: Any, world: Any) -> None:
    client = api(world.secretary)
    status, body = client.post(f"programmes/areas/{world.area.pk}/measures",
                               _measure_body(world, start_date="2025-01-01", due_date="2025-06-30"))
    assert status == 422
    assert body["errors"][0]["field"] == "due_date"
    assert not Measure.objects.exists()
    status, body = client.post(f"programmes/areas/{world.area.pk}/measures", _measure_body(world))
    assert status == 201 and body["status"] in ("not_started", "late")


def test_writes_follow_the_role_rules(api: Any, world: Any) -> None:
    path = f"programmes/areas/{world.area.pk}/measures"
    assert api(None).post(path, _measure_body(world))[0] == 401
    assert api(world.outsider).post(path, _measure_body(world))[0] == 403
    assert api(world.union_editor).post(path, _measure_body(world))[0] == 403
    assert api(world.analyst).post(path, _measure_body(world))[0] == 403
    assert not Measure.objects.exists()


def test_a_report_by_a_responsible_organisation_turns_the_measure_done(client: Any, api: Any, world: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tripartite.core.services import api_token_create

    measure = make_measure(world)
    _token, raw = api_token_create(user=world.union_editor, name="test")
    response = client.post(f"/api/v1/programmes/measures/{measure.pk}/reports", {
        "organisation": world.union.pk, "reported_on": "2026-05-20", "text_en": "Done.", "new_state": "done",
        "evidence": SimpleUploadedFile("minutes.pdf", PDF, "application/pdf")}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201, response.content
    assert response.json()["evidence_name"] == "minutes.pdf"
    assert Measure.objects.get(pk=measure.pk).state == State.DONE
    status, reports = api(None).get(f"programmes/measures/{measure.pk}/reports")
    assert status == 200 and reports[0]["new_state"] == "done"


def test_refused_reports_answer_json_and_store_nothing(client: Any, world: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tripartite.core.services import api_token_create

    measure = make_measure(world)
    _token, employers = api_token_create(user=world.employers_editor, name="test")
    response = client.post(f"/api/v1/programmes/measures/{measure.pk}/reports", {
        "organisation": world.employers.pk, "reported_on": "2026-05-20", "text_en": "Done."},
        HTTP_AUTHORIZATION=f"Bearer {employers}")
    assert response.status_code == 403 and response.json()["errors"][0]["field"] == "organisation"
    _token, union = api_token_create(user=world.union_editor, name="test2")
    response = client.post(f"/api/v1/programmes/measures/{measure.pk}/reports", {
        "organisation": world.union.pk, "reported_on": "2026-05-20", "text_en": "Done.", "new_state": "done",
        "evidence": SimpleUploadedFile("minutes.pdf", b"GIF89a...", "application/pdf")},
        HTTP_AUTHORIZATION=f"Bearer {union}")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "evidence_file"
    assert not ProgressReport.objects.exists()


def test_a_target_on_the_wrong_side_of_the_baseline_is_refused(api: Any, world: Any) -> None:
    area = world.programme.areas.get(order=3)
    body = {"indicator_code": "mw_median_ratio", "baseline_value": "28.3", "baseline_year": 2025,
            "baseline_source": "BNS", "target_value": "20", "target_year": 2030}
    status, answer = api(world.secretary).post(f"programmes/areas/{area.pk}/targets", body)
    assert status == 422 and answer["errors"][0]["field"] == "target_value"
    assert not IndicatorTarget.objects.exists()
    body.update(target_value="50", milestones=[{"year": 2027, "value": "36"}])
    status, answer = api(world.secretary).post(f"programmes/areas/{area.pk}/targets", body)
    assert status == 201
    assert answer["better"] == "higher" and answer["milestones"][0]["year"] == 2027
    assert answer["assessment"]["track"] in ("on_track", "at_risk", "off_track", "no_data")
    status, targets = api(None).get(f"programmes/{world.programme.pk}/targets")
    assert status == 200 and len(targets) == 1


def test_a_programme_from_the_template_and_unknown_references(api: Any, world: Any) -> None:
    client = api(world.secretary)
    status, body = client.post("programmes", {"template": "decent_work_roadmap", "coordinator": world.ministry.pk,
                                              "period_start": "2026-01-01", "period_end": "2030-12-31"})
    assert status == 201 and len(body["areas"]) == 5 and body["kind"] == "decent_work"
    status, body = client.post("programmes", {"template": "no_such", "coordinator": world.ministry.pk,
                                              "period_start": "2026-01-01", "period_end": "2030-12-31"})
    assert status == 400 and body["errors"][0]["field"] == "template"
    status, body = client.post("programmes", {"kind": "national", "title_en": "X", "coordinator": 99999,
                                              "period_start": "2026-01-01", "period_end": "2030-12-31"})
    assert status == 422 and body["errors"][0]["field"] == "coordinator"


def test_the_report_downloads(api: Any, client: Any, world: Any) -> None:
    response = client.get(f"/api/v1/programmes/{world.programme.pk}/report.docx?lang=en&year={date.today().year}")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    response = client.get(f"/api/v1/programmes/{world.programme.pk}/annex.xlsx?lang=kk")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert client.get(f"/api/v1/programmes/{world.programme.pk}/report.docx?year=1999").status_code == 404
