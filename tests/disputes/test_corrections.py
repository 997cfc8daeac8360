"""Correcting a dispute's file: demands, documents (and their file), participants and sessions edited or removed
on the pages and through the API, by those who may act on the dispute, never once the dispute is closed; every
correction is on the timeline and in the history, and a removed file disappears only once the removal is committed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from tripartite.core.services import api_token_create
from tripartite.disputes import services
from tripartite.disputes.models import Demand, Document, Event, Participant, Session

from .conftest import START, make_dispute

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% the demands of the employees\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english_by_default(settings: Any) -> None:
    """The timeline's notes are written in the language of the request; these tests read them in English."""
    settings.LANGUAGE_CODE = "en"


def _stored(media: Path) -> set[str]:
    return {p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()} if media.exists() else set()


def _bearer(user: Any) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _two_demands(world: Any) -> Any:
    return make_dispute(world, demands=[{"topic": "wages", "text": "Index wages by 10%."},
                                        {"topic": "safety", "text": "Vantilation in shaft 3."}])


def _notes(dispute: Any, kind: str) -> list[str]:
    return list(Event.objects.filter(dispute=dispute, kind=kind).order_by("id").values_list("note", flat=True))


def _close(world: Any, dispute: Any) -> None:
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="settled", on=date(2025, 3, 20))


# Demands -----------------------------------------------------------------------------------------------------


def test_a_union_officer_fixes_a_typo_in_a_demand_and_the_timeline_and_history_say_so(world, client):
    dispute = _two_demands(world)
    demand = dispute.demands.get(number=2)
    client.force_login(world.union_editor)
    page = client.get(f"/disputes/{dispute.pk}/").content.decode()
    assert f"/disputes/demands/{demand.pk}/edit/" in page and f"/disputes/demands/{demand.pk}/delete/" in page
    form = client.get(f"/disputes/demands/{demand.pk}/edit/")
    assert form.status_code == 200 and "Vantilation in shaft 3." in form.content.decode()

    response = client.post(f"/disputes/demands/{demand.pk}/edit/", {"topic": "safety", "text": "Ventilation in shaft 3."})
    assert response.status_code == 302 and response["Location"] == f"/disputes/{dispute.pk}/#demands"
    demand.refresh_from_db()
    assert demand.text == "Ventilation in shaft 3." and demand.number == 2 and demand.status == "pending"
    assert _notes(dispute, Event.Kind.DEMAND) == ["Demand 2 corrected: Ventilation in shaft 3."]
    latest = demand.history.first()
    assert latest.history_type == "~" and latest.history_user == world.union_editor
    assert latest.prev_record.text == "Vantilation in shaft 3."


def test_a_demand_is_removed_after_confirmation_but_never_the_last_one(world, client):
    dispute = _two_demands(world)
    first, second = dispute.demands.order_by("number")
    client.force_login(world.employer_editor)
    confirm = client.get(f"/disputes/demands/{second.pk}/delete/")
    assert confirm.status_code == 200 and 'name="csrfmiddlewaretoken"' in confirm.content.decode()
    assert Demand.objects.filter(pk=second.pk).exists()  # showing the confirmation removes nothing

    assert client.post(f"/disputes/demands/{second.pk}/delete/").status_code == 302
    assert list(dispute.demands.values_list("number", flat=True)) == [1]
    assert _notes(dispute, Event.Kind.DEMAND) == ["Demand 2 removed: Vantilation in shaft 3."]
    deleted = Demand.history.filter(id=second.pk, history_type="-").get()
    assert deleted.history_user == world.employer_editor

    events = Event.objects.count()
    refused = client.post(f"/disputes/demands/{first.pk}/delete/", HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 409
    assert "Это единственное требование спора" in refused.content.decode()
    assert dispute.demands.count() == 1 and Event.objects.count() == events


def test_removing_a_demand_needs_the_csrf_token(world):
    dispute = _two_demands(world)
    demand = dispute.demands.get(number=2)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.union_editor)
    assert client.post(f"/disputes/demands/{demand.pk}/delete/").status_code == 403
    assert Demand.objects.filter(pk=demand.pk).exists()


# Documents and their file -------------------------------------------------------------------------------------


def test_a_document_is_corrected_and_its_file_replaced_the_old_file_goes_after_commit(
        world, client, media, django_capture_on_commit_callbacks):
    dispute = make_dispute(world)
    document = services.document_add(dispute=dispute, by=world.union_editor, code="demands_letter", dated=START,
                                     reference="12", file_name="letter.pdf", content=PDF)
    old = document.file.name
    client.force_login(world.union_editor)
    form = client.get(f"/disputes/documents/{document.pk}/edit/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert 'value="12"' in form and 'name="remove_file"' in form and "Файлды ауыстыру" in form

    data = {"code": "demands_letter", "title": "", "dated": "2025-03-20", "reference": "12/1", "note": "",
            "file": SimpleUploadedFile("scan.png", PNG)}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"/disputes/documents/{document.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:1500]
    document.refresh_from_db()
    assert (document.dated, document.reference, document.file_name) == (date(2025, 3, 20), "12/1", "scan.png")
    assert _stored(media) == {old, document.file.name}  # the old file is still there until the commit
    for callback in callbacks:
        callback()
    assert _stored(media) == {document.file.name}
    assert _notes(dispute, Event.Kind.DOCUMENT)[-1].startswith("Document corrected:")


def test_a_refused_replacement_changes_nothing(world, client, media):
    dispute = make_dispute(world)
    document = services.document_add(dispute=dispute, by=world.union_editor, code="demands_letter", dated=START,
                                     file_name="letter.pdf", content=PDF)
    client.force_login(world.union_editor)
    data = {"code": "demands_letter", "dated": "2025-03-20", "file": SimpleUploadedFile("scan.pdf", PNG)}
    response = client.post(f"/disputes/documents/{document.pk}/edit/", data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert "Содержимое файла не соответствует его расширению .pdf." in response.content.decode()
    document.refresh_from_db()
    assert document.dated == START and _stored(media) == {document.file.name}


def test_the_file_is_removed_and_the_document_kept(world, client, media, django_capture_on_commit_callbacks):
    dispute = make_dispute(world)
    document = services.document_add(dispute=dispute, by=world.union_editor, code="demands_letter", dated=START,
                                     file_name="letter.pdf", content=PDF)
    client.force_login(world.union_editor)
    data = {"code": "demands_letter", "dated": START.isoformat(), "remove_file": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/disputes/documents/{document.pk}/edit/", data).status_code == 302
    document.refresh_from_db()
    assert not document.file and document.file_name == "" and document.file_size is None
    assert _stored(media) == set()


def test_removing_a_document_deletes_its_file_only_after_commit(world, media, django_capture_on_commit_callbacks):
    dispute = make_dispute(world)
    kept = services.document_add(dispute=dispute, by=world.inspector, code="demands_letter", dated=START,
                                 file_name="kept.pdf", content=PDF)
    # A removal that is rolled back keeps the row and its file.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            services.document_remove(document=kept, by=world.inspector)
            raise RuntimeError("something later in the same transaction failed")
    assert Document.objects.filter(pk=kept.pk).exists() and _stored(media) == {kept.file.name}

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.document_remove(document=kept, by=world.union_editor)
    assert not Document.objects.filter(pk=kept.pk).exists()
    assert _stored(media) == {kept.file.name}  # not yet committed: the file is still there
    for callback in callbacks:
        callback()
    assert _stored(media) == set()
    assert Document.history.filter(id=kept.pk, history_type="-").get().history_user == world.union_editor
    assert _notes(dispute, Event.Kind.DOCUMENT)[-1].startswith("Document removed:")


# Participants and sessions ------------------------------------------------------------------------------------


def test_a_participant_is_corrected_and_removed_on_the_pages(world, client):
    dispute = make_dispute(world)
    participant = services.participant_add(dispute=dispute, by=world.inspector, side="workers",
                                           person_name="A. Nurlanov")
    client.force_login(world.union_editor)
    url = f"/disputes/participants/{participant.pk}/"
    refused = client.post(url + "edit/", {"side": "employer", "role": "mediator", "person_name": "A. Nurlanov"},
                          HTTP_ACCEPT_LANGUAGE="ru")
    assert refused.status_code == 422 and "Медиатор или арбитр не зависит от сторон." in refused.content.decode()
    assert client.post(url + "edit/", {"side": "workers", "role": "chair", "person_name": "A. Nurlanova",
                                       "organisation_name": "Mine One union"}).status_code == 302
    participant.refresh_from_db()
    assert (participant.role, participant.person_name) == ("chair", "A. Nurlanova")
    assert client.post(url + "delete/").status_code == 302
    assert not Participant.objects.exists()
    notes = _notes(dispute, Event.Kind.PARTICIPANT)
    assert notes[1].startswith("Participant corrected: A. Nurlanova") and notes[2].startswith("Participant removed:")
    assert [h.history_type for h in Participant.history.filter(id=participant.pk).order_by("history_id")] == \
        ["+", "~", "-"]


def test_a_postponed_session_is_moved_to_the_day_it_was_held(world, client):
    dispute = make_dispute(world)
    session = services.session_add(dispute=dispute, by=world.inspector, held_on=date(2025, 3, 20))
    client.force_login(world.union_editor)
    url = f"/disputes/sessions/{session.pk}/edit/"
    too_early = client.post(url, {"held_on": "2025-03-01", "quorum": "on"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert too_early.status_code == 422 and "Бұл күн 2025-03-19 күнінен бұрын." in too_early.content.decode()
    assert client.post(url, {"held_on": "2025-03-26", "minutes": "Postponed: no quorum on 20 March."}).status_code == 302
    session.refresh_from_db()
    assert session.held_on == date(2025, 3, 26) and session.quorum is False
    assert _notes(dispute, Event.Kind.SESSION)[-1] == "Session of 2025-03-20 moved to 2025-03-26"
    page = client.get(f"/disputes/{dispute.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Session of 2025-03-20 moved to 2025-03-26" in page
    assert client.post(f"/disputes/sessions/{session.pk}/delete/").status_code == 302
    assert not Session.objects.exists()
    assert _notes(dispute, Event.Kind.SESSION)[-1] == "Session of 2025-03-26 removed"


# Who may correct, and when --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("union_editor", 200), ("inspector", 200), ("analyst", 404),
                                             ("other_editor", 404), ("conciliator", 404), (None, 404)])
def test_only_those_who_may_act_on_the_dispute_reach_the_correction_pages(world, client, who, status):
    dispute = _two_demands(world)
    demand = dispute.demands.get(number=2)
    session = services.session_add(dispute=dispute, by=world.inspector, held_on=date(2025, 3, 20))
    if who:
        client.force_login(getattr(world, who))
    assert client.get(f"/disputes/demands/{demand.pk}/edit/").status_code == status
    assert client.get(f"/disputes/sessions/{session.pk}/delete/").status_code == status
    assert client.post(f"/disputes/demands/{demand.pk}/delete/").status_code == (302 if status == 200 else 404)
    assert Demand.objects.filter(pk=demand.pk).exists() == (status != 200)


def test_a_closed_dispute_cannot_be_corrected(world, client, api):
    dispute = _two_demands(world)
    demand = dispute.demands.get(number=2)
    document = services.document_add(dispute=dispute, by=world.inspector, code="demands_letter", dated=START)
    _close(world, dispute)
    client.force_login(world.union_editor)
    page = client.get(f"/disputes/{dispute.pk}/").content.decode()
    assert f"/disputes/demands/{demand.pk}/edit/" not in page and "/delete/" not in page
    events = Event.objects.count()

    edit = client.post(f"/disputes/demands/{demand.pk}/edit/", {"topic": "wages", "text": "x"},
                       HTTP_ACCEPT_LANGUAGE="ru")
    assert edit.status_code == 409 and "Спор закрыт" in edit.content.decode()
    remove = client.post(f"/disputes/documents/{document.pk}/delete/", HTTP_ACCEPT_LANGUAGE="kk")
    assert remove.status_code == 409 and "Дау жабылды" in remove.content.decode()

    client.logout()
    union = api(world.union_editor)
    status, body = union.patch(f"disputes/{dispute.pk}/demands/{demand.pk}", {"text": "x"})
    assert status == 409 and body["detail"].startswith("The dispute is closed")
    assert union.delete(f"disputes/{dispute.pk}/documents/{document.pk}")[0] == 409
    assert union.post(f"disputes/{dispute.pk}/participants", {"side": "workers", "person_name": "B"})[0] == 409
    demand.refresh_from_db()
    assert demand.text == "Vantilation in shaft 3." and Document.objects.filter(pk=document.pk).exists()
    assert Event.objects.count() == events


# The API ---------------------------------------------------------------------------------------------------------


def test_the_api_lists_adds_corrects_and_removes_participants_and_sessions(world, api):
    dispute = make_dispute(world)
    client = api(world.union_editor)
    base = f"disputes/{dispute.pk}"
    status, added = client.post(f"{base}/participants", {"side": "independent", "role": "mediator",
                                                         "person_name": "G. Abenova"})
    assert status == 201 and added["stage"] == "demands" and added["organisation_name"] == ""
    status, body = client.patch(f"{base}/participants/{added['id']}", {"role": "expert"})
    assert status == 200 and body["role"] == "expert" and body["person_name"] == "G. Abenova"
    status, body = client.patch(f"{base}/participants/{added['id']}", {"side": "employer", "role": "arbitrator"})
    assert status == 422 and body["errors"][0]["field"] == "side"
    assert client.get(f"{base}/participants") == (200, [{**added, "role": "expert"}])

    status, session = client.post(f"{base}/sessions", {"held_on": "2025-03-20", "quorum": False})
    assert status == 201 and session["quorum"] is False
    status, body = client.patch(f"{base}/sessions/{session['id']}", {"held_on": "2025-03-26", "quorum": True})
    assert status == 200 and (body["held_on"], body["quorum"]) == ("2025-03-26", True)
    status, body = client.patch(f"{base}/sessions/{session['id']}", {"held_on": "2999-01-01"})
    assert status == 422 and body["errors"] == [{"field": "held_on", "message": "This date is in the future."}]
    status, body = client.patch(f"{base}/sessions/{session['id']}", {"held_on": None})
    assert status == 422 and body["errors"][0]["field"] == "held_on"
    assert [s["held_on"] for s in client.get(f"{base}/sessions")[1]] == ["2025-03-26"]

    assert client.delete(f"{base}/participants/{added['id']}") == (204, None)
    assert client.delete(f"{base}/sessions/{session['id']}") == (204, None)
    assert client.get(f"{base}/participants") == (200, []) and client.get(f"{base}/sessions") == (200, [])
    assert client.delete(f"{base}/sessions/{session['id']}")[0] == 404


def test_the_api_corrects_and_removes_demands(world, api):
    dispute = _two_demands(world)
    first, second = dispute.demands.order_by("number")
    client = api(world.employer_editor)
    base = f"disputes/{dispute.pk}/demands"
    status, body = client.patch(f"{base}/{second.pk}", {"text": "Ventilation in shaft 3."})
    assert status == 200 and (body["text"], body["topic"], body["number"]) == ("Ventilation in shaft 3.", "safety", 2)
    status, body = client.patch(f"{base}/{second.pk}", {"topic": "pay"})
    assert status == 422 and body["errors"] == [{"field": "topic", "message": "Choose one of the allowed values."}]
    status, body = client.patch(f"{base}/{second.pk}", {"text": "  "})
    assert status == 422 and body["errors"][0]["field"] == "text"
    assert client.delete(f"{base}/{second.pk}") == (204, None)
    status, body = client.delete(f"{base}/{first.pk}")
    assert status == 409 and "only demand" in body["detail"]
    # A demand of another dispute is not found through this one.
    other = make_dispute(world, other=True)
    assert api(world.inspector).patch(f"disputes/{other.pk}/demands/{first.pk}", {"text": "x"})[0] == 404


def test_the_api_corrects_a_document_and_replaces_and_removes_its_file(
        world, client, api, media, django_capture_on_commit_callbacks):
    dispute = make_dispute(world)
    document = services.document_add(dispute=dispute, by=world.inspector, code="demands_letter", dated=START,
                                     file_name="letter.pdf", content=PDF)
    old = document.file.name
    union = api(world.union_editor)
    base = f"disputes/{dispute.pk}/documents/{document.pk}"
    status, body = union.patch(base, {"reference": "12/1", "code": "other"})
    assert status == 422 and body["errors"][0]["field"] == "title"
    status, body = union.patch(base, {"reference": "12/1", "dated": "2025-03-20"})
    assert status == 200 and (body["reference"], body["dated"], body["file_name"]) == ("12/1", "2025-03-20", "letter.pdf")

    headers = _bearer(world.union_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/{base}/file", {"file": SimpleUploadedFile("scan.png", PNG)}, **headers)
    assert response.status_code == 200 and response.json()["file_name"] == "scan.png"
    document.refresh_from_db()
    assert _stored(media) == {document.file.name} and document.file.name != old

    with django_capture_on_commit_callbacks(execute=True):
        status, body = union.delete(f"{base}/file")
    assert status == 200 and body["file_url"] is None and _stored(media) == set()
    assert union.delete(f"{base}/file")[0] == 404
    assert union.delete(base) == (204, None) and not Document.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("union_editor", 200), ("analyst", 404), ("other_editor", 404),
                                             (None, 401)])
def test_api_corrections_follow_who_may_act_on_the_dispute(world, api, who, status):
    dispute = make_dispute(world)
    participant = services.participant_add(dispute=dispute, by=world.inspector, side="workers", person_name="A")
    caller = api(getattr(world, who) if who else None)
    base = f"disputes/{dispute.pk}/participants"
    assert caller.patch(f"{base}/{participant.pk}", {"person_name": "B"})[0] == status
    assert caller.get(base)[0] == status
    participant.refresh_from_db()
    assert participant.person_name == ("B" if status == 200 else "A")
