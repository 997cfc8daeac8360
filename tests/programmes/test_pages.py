"""The programme pages: the list, the programme with its scorecard, the measure with its reports, the forms, the
public page and the annual report in each language."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tripartite.programmes import services
from tripartite.programmes.models import Measure, Programme, ProgressReport, State

from .conftest import PDF, make_measure


def _login(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def test_the_list_and_the_programme_page_show_the_areas_and_the_scorecard(client: Any, world: Any) -> None:
    make_measure(world, due=date(2026, 3, 31))  # late by now
    response = client.get(reverse("programmes:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Roadmap for Promoting Decent Work" in response.content.decode()
    page = client.get(reverse("programmes:detail", args=[world.programme.pk])).content.decode()
    assert "Social dialogue and freedom of association" in page or "Развитие социального диалога" in page
    assert "Train union negotiators" in page


def test_a_visitor_cannot_open_the_forms_and_an_outsider_is_refused(client: Any, world: Any) -> None:
    url = reverse("programmes:measure_add", args=[world.area.pk])
    assert client.get(url).status_code == 302
    assert _login(client, world.outsider).get(url).status_code == 403
    assert _login(client, world.union_editor).get(url).status_code == 403


def test_the_secretary_adds_a_measure_and_a_date_before_the_programme_is_shown_on_the_form(client: Any,
                                                                                          world: Any) -> None:
    _login(client, world.secretary)
    url = reverse("programmes:measure_add", args=[world.area.pk])
    data = {"title_en": "Hold a national forum", "responsible_side": "workers", "responsible": [world.union.pk],
            "start_date": "2025-06-01", "due_date": "2025-12-01", "evidence": "event"}
    response = client.post(url, data)
    assert response.status_code == 422
    assert "before the programme starts" in response.content.decode() or "до начала" in response.content.decode()
    assert not Measure.objects.exists()
    data.update(start_date="2026-06-01", due_date="2026-12-01")
    response = client.post(url, data)
    assert response.status_code == 302
    assert Measure.objects.get().title_en == "Hold a national forum"


def test_the_union_files_a_report_with_evidence_and_the_measure_turns_done(client: Any, world: Any) -> None:
    measure = make_measure(world)
    _login(client, world.union_editor)
    page = client.get(reverse("programmes:measure", args=[measure.pk])).content.decode()
    assert 'id="file-report"' in page
    response = client.post(reverse("programmes:report_add", args=[measure.pk]), {
        "organisation": world.union.pk, "reported_on": "2026-05-20", "text_en": "Trained 40 negotiators.",
        "new_state": "done", "evidence_file": SimpleUploadedFile("minutes.pdf", PDF, "application/pdf")})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.state == State.DONE
    report = ProgressReport.objects.get()
    download = client.get(reverse("programmes:report_evidence", args=[report.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_file_that_is_not_a_document_goes_back_onto_the_form(client: Any, world: Any) -> None:
    measure = make_measure(world)
    _login(client, world.union_editor)
    response = client.post(reverse("programmes:report_add", args=[measure.pk]), {
        "organisation": world.union.pk, "reported_on": "2026-05-20", "text_en": "Done.", "new_state": "done",
        "evidence_file": SimpleUploadedFile("minutes.pdf", b"<html>not a pdf</html>", "application/pdf")})
    assert response.status_code == 422
    assert not ProgressReport.objects.exists()
    assert Measure.objects.get(pk=measure.pk).state == State.NOT_STARTED


def test_an_organisation_not_responsible_has_no_report_form(client: Any, world: Any) -> None:
    measure = make_measure(world)
    _login(client, world.employers_editor)
    assert 'id="file-report"' not in client.get(reverse("programmes:measure", args=[measure.pk])).content.decode()
    assert client.get(reverse("programmes:report_add", args=[measure.pk])).status_code == 403


def test_an_unpublished_programme_is_hidden_from_visitors(client: Any, world: Any) -> None:
    Programme.objects.filter(pk=world.programme.pk).update(published=False)
    assert client.get(reverse("programmes:detail", args=[world.programme.pk])).status_code == 404
    assert client.get(reverse("programmes:public", args=[world.programme.pk])).status_code == 404
    assert _login(client, world.analyst).get(reverse("programmes:detail", args=[world.programme.pk])).status_code == 200


def test_the_public_page_has_no_edit_links(client: Any, world: Any) -> None:
    make_measure(world)
    page = client.get(reverse("programmes:public", args=[world.programme.pk])).content.decode()
    assert "Train union negotiators" in page
    assert "/edit/" not in page and "/measures/" not in page


@pytest.mark.parametrize("lang,heading", [("en", "Annual implementation report"),
                                          ("ru", "Ежегодный отчёт о реализации"),
                                          ("kk", "Іске асыру туралы жылдық есеп")])
def test_the_annual_report_opens_in_each_language_and_names_the_measures(client: Any, world: Any, lang: str,
                                                                        heading: str) -> None:
    import docx
    from openpyxl import load_workbook

    measure = make_measure(world, title_en="Train union negotiators", title_ru="Обучить переговорщиков",
                           title_kk="Келіссөз жүргізушілерді оқыту")
    services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                         reported_on=date(2026, 5, 20), new_state="done", text_en="Trained.", evidence=PDF,
                         evidence_name="a.pdf")
    response = client.get(reverse("programmes:report_docx", args=[world.programme.pk]) + f"?lang={lang}&year=2026")
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert heading in text
    assert {"en": "Train union negotiators", "ru": "Обучить переговорщиков",
            "kk": "Келіссөз жүргізушілерді оқыту"}[lang] in text
    annex = client.get(reverse("programmes:report_xlsx", args=[world.programme.pk]) + f"?lang={lang}")
    book = load_workbook(io.BytesIO(annex.content))
    assert len(book.sheetnames) == 3
    assert any(row[1] and "негіз" not in str(row[1]) for row in book.worksheets[0].iter_rows(min_row=2, values_only=True))


def test_a_report_year_outside_the_programme_is_not_found(client: Any, world: Any) -> None:
    url = reverse("programmes:report_docx", args=[world.programme.pk])
    assert client.get(url + "?year=2019").status_code == 404
    assert client.get(url + "?lang=fr").status_code == 404


def test_a_new_programme_from_the_template(client: Any, world: Any) -> None:
    _login(client, world.secretary)
    response = client.post(reverse("programmes:create"), {
        "template": "decent_work_roadmap", "coordinator": world.ministry.pk, "period_start": "2026-01-01",
        "period_end": "2030-12-31", "published": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Programme.objects.exclude(pk=world.programme.pk).get()
    assert created.areas.count() == 5 and created.kind == "decent_work"
