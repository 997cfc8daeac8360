"""Calls and applications: who may publish and apply, eligibility with its reasons, immutability after the deadline."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.grants.conftest import AFTER, PDF, TODAY, apply, draft_call, published_call
from tripartite.core.errors import Conflict, NotAllowed
from tripartite.grants import rules, services
from tripartite.grants.models import Application, ApplicationDocument, Call

pytestmark = pytest.mark.django_db


def test_a_secretary_of_the_state_body_drafts_and_publishes_a_call(secretary, ministry, topic, almaty):
    call = draft_call(secretary, ministry, topic, regions=[almaty])
    assert call.status == Call.Status.DRAFT and not call.published
    with pytest.raises(ValidationError) as exc:
        services.call_publish(by=secretary, call=call, today=TODAY)
    assert "add up to 0" in str(exc.value)
    services.criterion_add(by=secretary, call=call, weight=70, name_en="Relevance")
    with pytest.raises(ValidationError):
        services.criterion_add(by=secretary, call=call, weight=40, name_en="Too much")
    services.criterion_add(by=secretary, call=call, weight=30, name_en="Feasibility")
    call = services.call_publish(by=secretary, call=call, today=TODAY)
    assert call.published and call.phase_on(TODAY) == Call.Phase.OPEN
    with pytest.raises(Conflict):
        services.call_update(by=secretary, call=call, data={"budget": 1})


def test_only_state_bodies_announce_calls_and_only_their_staff(ngo_editor, ngo, ministry, topic, make_user):
    with pytest.raises(NotAllowed):
        draft_call(ngo_editor, ministry, topic)
    admin = make_user("root", role="admin")
    with pytest.raises(ValidationError) as exc:
        draft_call(admin, ngo, topic)
    assert "Only a state body can announce a call." in str(exc.value)


def test_an_ngo_editor_applies_and_an_outsider_cannot(secretary, ministry, topic, ngo, ngo_editor, other_editor, almaty):
    call = published_call(secretary, ministry, topic)
    application = apply(ngo_editor, call, ngo, [almaty])
    assert application.status == Application.Status.SUBMITTED
    with pytest.raises(NotAllowed):
        apply(other_editor, call, ngo, [almaty])
    with pytest.raises(Conflict):
        apply(ngo_editor, call, ngo, [almaty])


def test_eligibility_gives_every_reason(secretary, ministry, topic, ngo, ngo_editor, almaty, astana):
    call = published_call(secretary, ministry, topic, regions=[almaty])
    application = services.application_create(
        by=ngo_editor, call=call, applicant=ngo, regions=[astana], lines=[("Staff", 100)], today=TODAY,
        project_title="Too big", requested_amount=25_000_000, settlement_type="rural", registered_on=date(2025, 1, 1),
    )
    codes = {r.code for r in rules.eligibility_reasons(application)}
    assert codes == {"regions", "registration", "amount", "budget", "documents"}
    with pytest.raises(services.IneligibleApplication) as exc:
        services.application_submit(by=ngo_editor, application=application, today=TODAY)
    text = str(exc.value)
    assert "The budget lines add up to 100 tenge, but the application requests 25,000,000 tenge." in text
    assert "at least 2 years since state registration" in text and "Attach the required documents: Charter." in text
    assert Application.objects.get(pk=application.pk).status == Application.Status.DRAFT


def test_a_trade_union_is_not_eligible_for_an_ngo_call(secretary, ministry, topic, almaty, make_user):
    from tests.grants.conftest import make_org

    union = make_org("Union", kind="trade_union")
    editor = make_user("union-ed", role="editor", organisation=union)
    call = published_call(secretary, ministry, topic)
    application = apply(editor, call, union, [almaty], submit=False)
    [reason] = rules.eligibility_reasons(application)
    assert reason.message == "Trade union organisations may not apply to this call; it is open to: Non-governmental organisation."


def test_applications_are_immutable_after_the_deadline(secretary, ministry, topic, ngo, ngo_editor, almaty):
    call = published_call(secretary, ministry, topic)
    application = apply(ngo_editor, call, ngo, [almaty], submit=False)
    message = f"The deadline of this call was {call.deadline.isoformat()}: applications can no longer be created or changed."
    for attempt in (
        lambda: services.application_update(by=ngo_editor, application=application, data={"project_title": "Late"}, today=AFTER),
        lambda: services.application_submit(by=ngo_editor, application=application, today=AFTER),
        lambda: services.document_add(by=ngo_editor, application=application, kind="other", name="x.pdf", content=PDF, today=AFTER),
        lambda: services.document_remove(by=ngo_editor, document=application.documents.get(), today=AFTER),
    ):
        with pytest.raises(Conflict) as exc:
            attempt()
        assert str(exc.value) == message
    application.refresh_from_db()
    assert application.project_title != "Late" and application.documents.count() == 1


def test_documents_are_checked_for_type_size_and_content(secretary, ministry, topic, ngo, ngo_editor, almaty):
    call = published_call(secretary, ministry, topic)
    application = apply(ngo_editor, call, ngo, [almaty], submit=False)

    def upload(name: str, content: bytes) -> str:
        with pytest.raises(ValidationError) as exc:
            services.document_add(by=ngo_editor, application=application, kind="other", name=name, content=content, today=TODAY)
        return " ".join(exc.value.messages)

    assert "Upload a PDF" in upload("virus.exe", b"MZ")
    assert upload("empty.pdf", b"") == "The file is empty."
    assert upload("fake.pdf", b"<html>") == "The content of the file does not match its extension .pdf."
    assert "larger than 10 MB" in upload("big.pdf", b"%PDF-" + b"0" * rules.MAX_DOCUMENT_BYTES)
    assert ApplicationDocument.objects.count() == 1
    ok = services.document_add(by=ngo_editor, application=application, kind="budget", name="../../budget.xlsx",
                               content=b"PK\x03\x04rest", today=TODAY)
    assert ok.original_name == "budget.xlsx" and ok.size == 8
