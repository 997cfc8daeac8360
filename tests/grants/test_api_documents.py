"""Application documents through the API: upload (the page's checks), list, download, removal; 401/403/404/409/422."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.grants.conftest import PDF, apply, published_call
from tripartite.core.services import api_token_create
from tripartite.grants import services
from tripartite.grants.models import ApplicationDocument

pytestmark = pytest.mark.django_db


def _bearer(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"} if user else {}


def _upload(client: Any, user: Any, application_id: int, name: str = "budget.pdf", content: bytes = PDF,
            kind: str | None = "budget", **extra: Any) -> tuple[int, Any]:
    data: dict[str, Any] = {}
    if kind is not None:
        data["kind"] = kind
    if name:
        data["file"] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = client.post(f"/api/v1/civic/applications/{application_id}/documents", data, **_bearer(user), **extra)
    return response.status_code, response.json()


def _stored_files(settings: Any) -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.fixture
def open_application(secretary, ministry, topic, ngo, ngo_editor, almaty, evaluators):
    today = timezone.localdate()
    call = published_call(secretary, ministry, topic, evaluators[:2], opens_on=today - timedelta(days=5),
                          deadline=today + timedelta(days=5), results_on=today + timedelta(days=20))
    return apply(ngo_editor, call, ngo, [almaty], submit=False, on=today)  # with its charter attached


@pytest.fixture
def closed_application(secretary, ministry, topic, ngo, ngo_editor, almaty):
    today = timezone.localdate()
    opens = today - timedelta(days=20)
    call = published_call(secretary, ministry, topic, opens_on=opens, deadline=today - timedelta(days=1),
                          results_on=today + timedelta(days=5))
    return apply(ngo_editor, call, ngo, [almaty], on=opens)


def test_the_applicant_uploads_lists_and_downloads_a_document(client, api, settings, open_application, ngo_editor):
    status, body = _upload(client, ngo_editor, open_application.pk, name="../plan budget.pdf")
    assert status == 201, body
    document = ApplicationDocument.objects.get(pk=body["id"])
    assert body == {"id": document.pk, "kind": "budget", "name": "plan_budget.pdf", "size": len(PDF),
                    "sha256": document.sha256}
    assert document.application_id == open_application.pk and document.file.read() == PDF
    assert document.history.first().history_user == ngo_editor
    status, listed = api(ngo_editor).get(f"civic/applications/{open_application.pk}/documents")
    assert status == 200 and [d["kind"] for d in listed] == ["budget", "charter"]
    assert api(ngo_editor).get(f"civic/applications/{open_application.pk}")[1]["documents"] == listed
    download = client.get(f"/api/v1/civic/applications/{open_application.pk}/documents/{document.pk}/file",
                          **_bearer(ngo_editor))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert 'filename="plan_budget.pdf"' in download["Content-Disposition"]


def test_who_may_see_and_who_may_attach(client, api, open_application, ngo_editor, secretary, other_editor, evaluators):
    path = f"civic/applications/{open_application.pk}/documents"
    assert api(secretary).get(path)[0] == 404  # a draft is the applicant's own
    services.application_submit(by=ngo_editor, application=open_application)
    assert api(None).get(path)[0] == 404
    assert api(other_editor).get(path)[0] == 404
    assert api(secretary).get(path)[0] == 200  # the call's managers and evaluators see submitted applications
    assert api(evaluators[0]).get(path)[0] == 200
    assert _upload(client, evaluators[0], open_application.pk)[0] == 403
    assert _upload(client, None, open_application.pk)[0] == 401
    assert _upload(client, other_editor, open_application.pk)[0] == 404
    status, body = _upload(client, secretary, open_application.pk)
    assert status == 403 and body["detail"] == "У вас нет прав на это действие."
    charter = open_application.documents.get()
    assert client.get(f"/api/v1/{path}/{charter.pk}/file", **_bearer(other_editor)).status_code == 404
    assert api(secretary).delete(f"{path}/{charter.pk}")[0] == 403
    assert api(other_editor).delete(f"{path}/{charter.pk}")[0] == 404
    assert api(None).delete(f"{path}/{charter.pk}")[0] == 401
    assert open_application.documents.count() == 1
    assert api(None).get("civic/applications/999999/documents")[0] == 404


@pytest.mark.parametrize(("name", "content", "kind", "field"), [
    ("virus.exe", b"MZ", "budget", "file"),
    ("fake.pdf", b"<html>", "budget", "file"),
    ("empty.pdf", b"", "budget", "file"),
    ("plan.pdf", PDF, "passport", "kind"),
    ("", b"", "budget", "file"),  # no file sent
    ("plan.pdf", PDF, None, "kind"),  # no kind sent
])
def test_a_refused_upload_is_a_422_with_the_field_and_stores_nothing(client, settings, open_application, ngo_editor,
                                                                     name, content, kind, field):
    files_before = _stored_files(settings)
    status, body = _upload(client, ngo_editor, open_application.pk, name=name, content=content, kind=kind)
    assert status == 422, body
    assert [e["field"] for e in body["errors"]] == [field]
    assert open_application.documents.count() == 1
    assert _stored_files(settings) == files_before


def test_the_refusal_is_translated(client, open_application, ngo_editor):
    response = client.post(f"/api/v1/civic/applications/{open_application.pk}/documents",
                           {"kind": "budget", "file": SimpleUploadedFile("fake.pdf", b"<html>")},
                           HTTP_ACCEPT_LANGUAGE="kk", **_bearer(ngo_editor))
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == "Файлдың мазмұны оның .pdf кеңейтіміне сәйкес келмейді."


def test_the_applicant_removes_a_document_until_the_deadline(client, api, open_application, ngo_editor,
                                                             django_capture_on_commit_callbacks):
    status, body = _upload(client, ngo_editor, open_application.pk)
    stored = Path(ApplicationDocument.objects.get(pk=body["id"]).file.path)
    path = f"civic/applications/{open_application.pk}/documents/{body['id']}"
    with django_capture_on_commit_callbacks(execute=True):
        assert api(ngo_editor).delete(path) == (204, None)
    assert not ApplicationDocument.objects.filter(pk=body["id"]).exists() and not stored.exists()
    assert api(ngo_editor).delete(path)[0] == 404


def test_a_document_of_another_application_is_not_found_through_this_one(api, open_application, closed_application,
                                                                        ngo_editor):
    other = closed_application.documents.get()
    assert api(ngo_editor).delete(f"civic/applications/{open_application.pk}/documents/{other.pk}")[0] == 404
    assert ApplicationDocument.objects.filter(pk=other.pk).exists()


def test_after_the_deadline_documents_can_no_longer_change(client, api, closed_application, ngo_editor):
    status, body = _upload(client, ngo_editor, closed_application.pk, HTTP_ACCEPT_LANGUAGE="en")
    assert status == 409 and "applications can no longer be created or changed" in body["detail"]
    charter = closed_application.documents.get()
    assert api(ngo_editor).delete(f"civic/applications/{closed_application.pk}/documents/{charter.pk}")[0] == 409
    assert closed_application.documents.count() == 1
    assert api(ngo_editor).get(f"civic/applications/{closed_application.pk}/documents")[0] == 200


def test_a_submitted_application_keeps_its_required_documents(api, open_application, ngo_editor):
    services.application_submit(by=ngo_editor, application=open_application)
    charter = open_application.documents.get()
    status, body = api(ngo_editor).delete(f"civic/applications/{open_application.pk}/documents/{charter.pk}")
    assert status == 422 and [e["field"] for e in body["errors"]] == ["documents"]
    assert open_application.documents.count() == 1

