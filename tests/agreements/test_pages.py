"""Agreement pages: register, detail with findings, forms, uploads, filing, coverage, comparison, exports."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.agreements.conftest import ALMATY, PDF, make_agreement, region, sector
from tests.conftest import PASSWORD
from tripartite.agreements import services
from tripartite.agreements.models import Agreement


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_every_page_renders_for_an_editor(db: Any, admin: Any, ministry: Any, builder: Any, editor: Any) -> None:
    sectoral = make_agreement(admin, ministry, "sectoral", title="Construction sectoral", sectors=("F",),
                              params={"minimum_monthly_pay": 120000})
    services.commitment_add(by=admin, agreement=sectoral, text_en="Publish wage tables", responsible_side="employers",
                            due_date=date(2025, 1, 1))
    ca = make_agreement(editor, builder, "collective", title="Builders CA", employer=builder,
                        params={"minimum_monthly_pay": 100000}, proposal_date=date(2023, 11, 1),
                        negotiations_started_on=date(2023, 11, 8))
    client = _client(editor)
    for url in [
        reverse("agreements:list"), reverse("agreements:detail", args=[ca.pk]), reverse("agreements:create"),
        reverse("agreements:edit", args=[ca.pk]), reverse("agreements:clause_add", args=[ca.pk]),
        reverse("agreements:party_add", args=[ca.pk]), reverse("agreements:member_add", args=[ca.pk]),
        reverse("agreements:commitment_add", args=[ca.pk]), reverse("agreements:procedure", args=[ca.pk]),
        reverse("agreements:document", args=[ca.pk]), reverse("agreements:file", args=[ca.pk]),
        reverse("agreements:findings"), reverse("agreements:overdue"), reverse("agreements:follow_up"),
        reverse("agreements:coverage") + f"?organisation={builder.pk}",
        reverse("agreements:compare") + "?parameter=minimum_monthly_pay&sector=F",
        reverse("agreements:history", args=[ca.pk]),
        reverse("agreements:detail", args=[ca.pk]) + "?as_of=2020-01-01",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("agreements:detail", args=[ca.pk])).content.decode()
    assert "Construction sectoral" in page  # the finding names the sectoral agreement it falls below
    assert "the deadline was kept" in page
    assert "Publish wage tables" in client.get(reverse("agreements:overdue")).content.decode()
    chart = client.get(reverse("agreements:compare") + "?parameter=minimum_monthly_pay&sector=F").content.decode()
    assert "<svg" in chart and "Builders CA" in chart


def test_anonymous_sees_published_agreements_only(db: Any, client: Client, admin: Any, ministry: Any) -> None:
    shown = make_agreement(admin, ministry, "general", title="Published general")
    hidden = make_agreement(admin, ministry, "general", title="Hidden draft", published=False, signed=None,
                            start=None, end=None)
    page = client.get(reverse("agreements:list")).content.decode()
    assert "Published general" in page and "Hidden draft" not in page
    assert client.get(reverse("agreements:detail", args=[shown.pk])).status_code == 200
    assert client.get(reverse("agreements:detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("agreements:create")).status_code == 302


def test_the_owners_editor_opens_the_edit_page(db: Any, builder: Any, personas: Any) -> None:
    ca = make_agreement(personas.owner, builder, "collective", employer=builder)
    assert _client(personas.owner).get(reverse("agreements:edit", args=[ca.pk])).status_code == 200


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_readers_and_other_employers_editors_are_refused_the_edit_page(db: Any, builder: Any, personas: Any,
                                                                       who: str) -> None:
    ca = make_agreement(personas.owner, builder, "collective", employer=builder)
    assert _client(getattr(personas, who)).get(reverse("agreements:edit", args=[ca.pk])).status_code == 403


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_readers_and_other_employers_editors_cannot_remove_a_clause(db: Any, builder: Any, personas: Any,
                                                                    who: str) -> None:
    ca = make_agreement(personas.owner, builder, "collective", employer=builder, params={"weekly_hours": 40})
    clause = ca.clauses.get()
    response = _client(getattr(personas, who)).post(reverse("agreements:clause_delete", args=[clause.pk]))
    assert response.status_code == 403
    assert ca.clauses.exists()


def test_the_owners_editor_removes_a_clause_at_once(db: Any, builder: Any, personas: Any) -> None:
    ca = make_agreement(personas.owner, builder, "collective", employer=builder, params={"weekly_hours": 40})
    clause = ca.clauses.get()
    response = _client(personas.owner).post(reverse("agreements:clause_delete", args=[clause.pk]))
    assert response.status_code == 302 and response["Location"].endswith("#clauses")
    assert not ca.clauses.exists()


def test_a_filed_agreement_is_not_deleted_and_the_page_says_why(db: Any, builder: Any, editor: Any) -> None:
    ca = make_agreement(editor, builder, "collective", employer=builder)
    Agreement.objects.filter(pk=ca.pk).update(registration_number="CA-2024-000001")
    response = _client(editor).post(reverse("agreements:delete", args=[ca.pk]))
    assert response.status_code == 409 and 'id="refusal"' in response.content.decode()
    assert Agreement.objects.filter(pk=ca.pk).exists()


def test_editor_records_a_collective_agreement_through_the_form(db: Any, builder: Any, editor: Any) -> None:
    client = _client(editor)
    response = client.post(reverse("agreements:create"), {
        "kind": "collective", "title_en": "New CA", "owner": builder.pk, "employer": builder.pk,
        "signed_on": "2026-01-10", "effective_from": "2026-01-15", "effective_to": "2028-12-31", "published": "on",
    })
    assert response.status_code == 302
    agreement = Agreement.objects.get(title_en="New CA")
    assert agreement.level == "organisation"
    response = client.post(reverse("agreements:clause_add", args=[agreement.pk]), {
        "number": "1", "topic": "pay", "text_en": "Minimum pay", "param_minimum_monthly_pay": "80000",
    })
    assert response.status_code == 302
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "less favourable than the statutory" in page


def test_second_collective_agreement_in_force_is_refused_on_the_form(db: Any, builder: Any, editor: Any) -> None:
    make_agreement(editor, builder, "collective", title="First", employer=builder)
    response = _client(editor).post(reverse("agreements:create"), {
        "kind": "collective", "title_en": "Second", "owner": builder.pk, "employer": builder.pk,
        "signed_on": "2025-01-10", "effective_from": "2025-02-01", "published": "on",
    })
    assert response.status_code == 422
    assert "already has a collective agreement in force" in response.content.decode()
    assert not Agreement.objects.filter(title_en="Second").exists()


def test_not_a_pdf_is_refused_with_a_message_and_nothing_stored(db: Any, builder: Any, editor: Any) -> None:
    ca = make_agreement(editor, builder, "collective", employer=builder)
    upload = SimpleUploadedFile("agreement.pdf", b"PK\x03\x04 this is a zip", content_type="application/pdf")
    response = _client(editor).post(reverse("agreements:document", args=[ca.pk]), {"file": upload})
    assert response.status_code == 422
    assert "not a PDF" in response.content.decode()
    ca.refresh_from_db()
    assert not ca.document and ca.document_sha256 == ""


def test_pdf_upload_stores_its_checksum(db: Any, builder: Any, editor: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    ca = make_agreement(editor, builder, "collective", employer=builder)
    upload = SimpleUploadedFile("agreement.pdf", PDF, content_type="application/pdf")
    response = _client(editor).post(reverse("agreements:document", args=[ca.pk]), {"file": upload})
    assert response.status_code == 302
    ca.refresh_from_db()
    import hashlib

    assert ca.document_sha256 == hashlib.sha256(PDF).hexdigest()
    download = _client(editor).get(reverse("agreements:download", args=[ca.pk, "original"]))
    assert b"".join(download.streaming_content) == PDF


def test_filing_lists_what_is_missing_then_files(db: Any, builder: Any, union: Any, editor: Any, settings: Any,
                                                 tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    ca = make_agreement(editor, builder, "collective", employer=builder)
    client = _client(editor)
    response = client.post(reverse("agreements:file", args=[ca.pk]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The signed document (PDF)." in page and "The number of employees covered." in page
    services.party_add(by=editor, agreement=ca, side="employers", organisation=builder, signatory_name="A. Director",
                       authority="Charter")
    services.party_add(by=editor, agreement=ca, side="workers", organisation=union, signatory_name="B. Chair",
                       authority="Decision of the union committee")
    services.agreement_update(agreement=ca, by=editor, data={"covered_employees": 250})
    services.document_upload(agreement=ca, by=editor, upload=SimpleUploadedFile("a.pdf", PDF))
    for topic in ("pay", "working_time", "rest_leave", "safety", "social"):
        services.clause_add(by=editor, agreement=ca, number=topic, topic=topic, text_en=topic)
    assert client.post(reverse("agreements:file", args=[ca.pk])).status_code == 302
    ca.refresh_from_db()
    assert ca.registration_number == f"CA-{ca.filed_on.year}-{ca.pk:06d}"
    party = ca.parties.first()
    assert ca.registration_number in client.get(reverse("agreements:receipt", args=[party.pk])).content.decode()


def test_exports_give_the_register_as_open_data(db: Any, client: Client, admin: Any, ministry: Any) -> None:
    make_agreement(admin, ministry, "regional", title="Almaty regional", regions=(ALMATY,))
    csv_text = client.get(reverse("agreements:export", args=["csv"])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("id,registration_number,kind")
    assert "Almaty regional" in csv_text
    data = client.get(reverse("agreements:export", args=["json"])).json()
    assert data["agreements"][0]["regions"] == ALMATY


def test_search_finds_clause_text_and_filters_by_sector(db: Any, client: Client, admin: Any, ministry: Any) -> None:
    a = make_agreement(admin, ministry, "sectoral", title="Mining", sectors=("B",))
    services.clause_add(by=admin, agreement=a, number="1", topic="safety", text_en="Protective helmets for miners")
    make_agreement(admin, ministry, "sectoral", title="Builders pact", sectors=("F",))
    page = client.get(reverse("agreements:list") + "?q=helmets").content.decode()
    assert ">Mining<" in page and "Builders pact" not in page
    page = client.get(reverse("agreements:list") + "?sector=F").content.decode()
    assert "Builders pact" in page and ">Mining<" not in page
    assert region(ALMATY) and sector("F")


def test_pages_are_translated(db: Any, client: Client, admin: Any, ministry: Any) -> None:
    make_agreement(admin, ministry, "general", title="General")
    assert "Соглашения" in client.get(reverse("agreements:list"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Келісімдер" in client.get(reverse("agreements:list"), HTTP_ACCEPT_LANGUAGE="kk").content.decode()


def test_refusal_messages_are_translated(db: Any, api: Any, builder: Any, editor: Any, client: Client) -> None:
    make_agreement(editor, builder, "collective", employer=builder)
    body = {"kind": "collective", "title_en": "Second", "owner": builder.pk, "employer": builder.pk,
            "signed_on": "2025-01-10", "effective_from": "2025-02-01"}
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    status, payload = api(editor).post("agreements/", body)
    assert status == 409 and "уже есть коллективный договор" in payload["detail"]
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "kk"
    status, payload = api(editor).post("agreements/", body)
    assert status == 409 and "ұжымдық шарт бар" in payload["detail"]


def test_commission_secretary_records_the_commissions_general_agreement(db: Any, make_user: Any,
                                                                        ministry: Any) -> None:
    from tripartite.commissions.models import Commission

    commission = Commission(secretariat=ministry, level="republican", name_en="RTC")
    commission.full_clean()
    commission.save()
    secretary = make_user("rtc-secretary", role="secretary", commission=commission)
    client = _client(secretary)
    assert client.get(reverse("agreements:create")).status_code == 200
    response = client.post(reverse("agreements:create"), {
        "kind": "general", "title_en": "General Agreement", "owner": ministry.pk, "commission": commission.pk,
        "signed_on": "2026-01-10", "effective_from": "2026-01-15", "published": "on",
    })
    assert response.status_code == 302
    response = client.post(reverse("agreements:create"), {
        "kind": "general", "title_en": "Without the commission", "owner": ministry.pk, "published": "on",
    })
    assert response.status_code == 422 and "permission" in response.content.decode()
