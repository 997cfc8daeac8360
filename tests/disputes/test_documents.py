"""Documents of a dispute with their file: uploaded on the page or through the API, checked by the one shared
upload check (core.uploads), stored under the dispute with a random name, downloaded only by those who may
read the dispute, and never left behind when recording the document fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError

from tripartite.core.services import api_token_create
from tripartite.core.uploads import MAX_DOCUMENT_BYTES
from tripartite.disputes import services
from tripartite.disputes.models import Document, Event

from .conftest import START, make_dispute

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% the demands of the employees\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _stored(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def _form(upload: SimpleUploadedFile | None = None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"code": "demands_letter", "title": "", "dated": START.isoformat(), "reference": "12",
                            "note": ""}
    if upload is not None:
        data["file"] = upload
    data.update(overrides)
    return data


def _bearer(user: Any) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_union_officer_attaches_the_demands_letter_and_a_conciliator_downloads_it(world, client, media):
    dispute = make_dispute(world)
    services.conciliator_assign(dispute=dispute, by=world.inspector, user=world.conciliator)
    client.force_login(world.union_editor)
    response = client.post(f"/disputes/{dispute.pk}/documents/new/",
                           _form(SimpleUploadedFile("Требования профсоюза.pdf", PDF, "application/pdf")))
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert document.file_name == "Требования_профсоюза.pdf" and document.file_size == len(PDF)
    # Stored under the dispute with a random name, never the name the user gave.
    assert document.file.name.startswith(f"disputes/{dispute.pk}/") and document.file.name.endswith(".pdf")
    assert "Требования" not in document.file.name
    assert [p.read_bytes() for p in _stored(media)] == [PDF]

    client.force_login(world.conciliator)
    page = client.get(f"/disputes/{dispute.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    link = f"/disputes/documents/{document.pk}/file/"
    assert link in page and "Скачать Требования_профсоюза.pdf" in page
    download = client.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%D0%A2%D1%80%D0%B5%D0%B1" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_document_without_a_file_is_still_recorded_and_offers_no_download(world, client, media):
    dispute = make_dispute(world)
    client.force_login(world.union_editor)
    form = client.get(f"/disputes/{dispute.pk}/documents/new/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert 'enctype="multipart/form-data"' in form and "Міндетті емес: құжаттың өзі" in form
    assert client.post(f"/disputes/{dispute.pk}/documents/new/", _form()).status_code == 302
    document = Document.objects.get()
    assert not document.file and document.file_name == "" and document.file_size is None
    assert _stored(media) == []
    assert "/file/" not in client.get(f"/disputes/{dispute.pk}/").content.decode()
    assert client.get(f"/disputes/documents/{document.pk}/file/").status_code == 404


REFUSED = [
    ("letter.exe", b"MZ\x90\x00", "ru", "Загрузите файл PDF, Word (.docx)"),
    ("letter.pdf", b"", "kk", "Файл бос."),
    ("letter.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES, "ru", "Файл больше 10 МБ."),
    ("letter.pdf", b"\x89PNG\r\n\x1a\n....", "kk", "Файлдың мазмұны оның .pdf кеңейтіміне сәйкес келмейді."),
    ("letter.docx", PDF, "ru", "Содержимое файла не соответствует его расширению .docx."),
]


@pytest.mark.parametrize(("name", "content", "language", "message"), REFUSED,
                         ids=["type", "empty", "too-big", "png-as-pdf", "pdf-as-docx"])
def test_a_refused_file_is_explained_in_the_users_language_and_nothing_is_stored(
        world, client, media, name, content, language, message):
    dispute = make_dispute(world)
    client.force_login(world.union_editor)
    events = Event.objects.count()
    response = client.post(f"/disputes/{dispute.pk}/documents/new/", _form(SimpleUploadedFile(name, content)),
                           HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Document.objects.count() == 0 and Event.objects.count() == events
    assert _stored(media) == []


@pytest.mark.parametrize("who", ["other_editor", "analyst", "anonymous"])
def test_anyone_who_may_not_read_the_dispute_gets_a_404_for_its_file(world, client, who):
    dispute = make_dispute(world)
    document = services.document_add(dispute=dispute, by=world.inspector, code="demands_letter", dated=START,
                                     file_name="letter.pdf", content=PDF)
    if who != "anonymous":
        client.force_login(getattr(world, who))
    assert client.get(f"/disputes/documents/{document.pk}/file/").status_code == 404
    api_url = f"/api/v1/disputes/{dispute.pk}/documents/{document.pk}/file"
    headers = _bearer(getattr(world, who)) if who != "anonymous" else {}
    assert client.get(api_url, **headers).status_code == (401 if who == "anonymous" else 404)


def test_the_stored_file_is_removed_when_recording_the_document_fails(world, media, monkeypatch):
    dispute = make_dispute(world)
    real_event = services._event

    def failing_event(*args: Any, **kwargs: Any) -> Event:
        if kwargs.get("kind") == Event.Kind.DOCUMENT:
            raise DatabaseError("the database went away")
        return real_event(*args, **kwargs)

    monkeypatch.setattr(services, "_event", failing_event)
    with pytest.raises(DatabaseError):
        services.document_add(dispute=dispute, by=world.inspector, code="demands_letter", dated=START,
                              file_name="letter.pdf", content=PDF)
    assert Document.objects.count() == 0
    assert _stored(media) == []


def test_the_same_name_twice_is_stored_twice_under_different_paths(world, media):
    dispute = make_dispute(world)
    first, second = (services.document_add(dispute=dispute, by=world.inspector, code="demands_letter", dated=START,
                                           file_name="../../etc/letter.pdf", content=PDF) for _ in range(2))
    assert first.file.name != second.file.name and first.file_name == second.file_name == "letter.pdf"
    assert len(_stored(media)) == 2 and all(p.is_relative_to(media / "disputes") for p in _stored(media))


def test_the_api_records_a_document_with_its_file_and_serves_it_to_the_parties(world, client, media):
    dispute = make_dispute(world)
    url = f"/api/v1/disputes/{dispute.pk}/documents"
    response = client.post(url, {"code": "demands_letter", "dated": START.isoformat(), "reference": "7",
                                 "file": SimpleUploadedFile("letter.pdf", PDF)}, **_bearer(world.union_editor))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["file_name"] == "letter.pdf" and body["file_size"] == len(PDF) and body["reference"] == "7"
    assert body["file_url"] == f"/api/v1/disputes/{dispute.pk}/documents/{body['id']}/file"

    employer = _bearer(world.employer_editor)
    file = client.get(f"/api/v1/disputes/{dispute.pk}", **employer).json()
    assert [d["file_url"] for d in file["documents"]] == [body["file_url"]]
    download = client.get(body["file_url"], **employer)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert 'filename="letter.pdf"' in download["Content-Disposition"]
    # A document of another dispute is not found through this one.
    other = make_dispute(world, other=True)
    assert client.get(f"/api/v1/disputes/{other.pk}/documents/{body['id']}/file",
                      **_bearer(world.inspector)).status_code == 404


def test_the_api_records_a_document_without_a_file_and_refuses_a_bad_one_in_kazakh(world, client, media):
    dispute = make_dispute(world)
    url = f"/api/v1/disputes/{dispute.pk}/documents"
    headers = _bearer(world.union_editor)
    response = client.post(url, {"code": "other", "title": "Letter to the akimat", "dated": START.isoformat()},
                           **headers)
    assert response.status_code == 201 and response.json()["file_url"] is None
    response = client.post(url, {"code": "demands_letter", "dated": START.isoformat(),
                                 "file": SimpleUploadedFile("letter.pdf", b"")}, HTTP_ACCEPT_LANGUAGE="kk", **headers)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "file", "message": "Файл бос."}]
    missing = client.post(url, {"dated": START.isoformat()}, **headers)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "code"
    assert Document.objects.count() == 1 and _stored(media) == []
