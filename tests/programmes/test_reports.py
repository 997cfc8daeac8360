"""Progress reports: who may file one, the evidence it carries, and the status it moves the measure to."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tripartite.core.errors import NotAllowed
from tripartite.programmes import services
from tripartite.programmes.models import Measure, ProgressReport, State

from .conftest import PDF, make_measure


def _stored(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_the_responsible_organisation_reports_the_measure_done_with_its_evidence(world: Any, media: Path) -> None:
    measure = make_measure(world)
    report = services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                                  reported_on=date(2026, 5, 20), new_state="done", text_en="Trained 40 negotiators.",
                                  evidence=PDF, evidence_name="list of participants.pdf")
    measure.refresh_from_db()
    assert measure.state == State.DONE and measure.done_on == date(2026, 5, 20)
    assert report.evidence_name == "list_of_participants.pdf"
    assert report.evidence_file.read() == PDF
    assert report.submitted_by == world.union_editor


def test_an_organisation_not_responsible_for_the_measure_cannot_report(world: Any, media: Path) -> None:
    measure = make_measure(world)
    with pytest.raises(NotAllowed) as caught:
        services.report_file(by=world.employers_editor, measure=measure, organisation=world.employers,
                             reported_on=date(2026, 5, 20), new_state="done", text_en="We did it.", evidence=PDF,
                             evidence_name="a.pdf")
    assert "is not responsible for this measure" in str(caught.value)
    assert not ProgressReport.objects.exists()
    assert Measure.objects.get(pk=measure.pk).state == State.NOT_STARTED
    assert _stored(media) == []


def test_an_editor_cannot_report_in_the_name_of_another_organisation(world: Any) -> None:
    measure = make_measure(world, responsible=[world.union, world.employers])
    with pytest.raises(NotAllowed):
        services.report_file(by=world.union_editor, measure=measure, organisation=world.employers,
                             reported_on=date(2026, 5, 20), text_en="Progress.")


def test_an_evidence_file_that_is_not_a_document_is_refused_and_nothing_is_stored(world: Any, media: Path) -> None:
    measure = make_measure(world)
    with pytest.raises(ValidationError) as caught:
        services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                             reported_on=date(2026, 5, 20), new_state="done", text_en="Done.",
                             evidence=b"MZ\x90\x00 not a pdf at all", evidence_name="minutes.pdf")
    assert "does not match its extension" in caught.value.message_dict["evidence_file"][0]
    with pytest.raises(ValidationError) as caught:
        services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                             reported_on=date(2026, 5, 20), text_en="Done.", evidence=b"#!/bin/sh",
                             evidence_name="run.sh")
    assert "evidence_file" in caught.value.message_dict
    assert not ProgressReport.objects.exists()
    assert Measure.objects.get(pk=measure.pk).state == State.NOT_STARTED
    assert _stored(media) == []


def test_a_measure_is_not_reported_done_without_evidence(world: Any) -> None:
    measure = make_measure(world)
    with pytest.raises(ValidationError) as caught:
        services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                             reported_on=date(2026, 5, 20), new_state="done", text_en="Done.")
    assert "evidence_file" in caught.value.message_dict
    assert Measure.objects.get(pk=measure.pk).state == State.NOT_STARTED


def test_a_report_in_progress_then_done_and_nothing_after_done(world: Any, media: Path) -> None:
    measure = make_measure(world)
    services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                         reported_on=date(2026, 3, 1), new_state="in_progress", text_en="Started.")
    assert Measure.objects.get(pk=measure.pk).state == State.IN_PROGRESS
    services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                         reported_on=date(2026, 4, 1), new_state="done", text_en="Finished.", evidence=PDF,
                         evidence_name="report.pdf")
    from tripartite.programmes.services import MeasureClosed

    with pytest.raises(MeasureClosed):
        services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                             reported_on=date(2026, 4, 2), new_state="dropped", text_en="Dropped.")
    # A report without a change of status is still accepted (a follow-up).
    services.report_file(by=world.union_editor, measure=measure, organisation=world.union,
                         reported_on=date(2026, 4, 3), text_en="Follow-up.")
    assert ProgressReport.objects.filter(measure=measure).count() == 3


def test_a_report_dated_in_the_future_or_before_the_measure_starts_is_refused(world: Any) -> None:
    measure = make_measure(world, start=date(2026, 2, 1))
    for day in (date(2099, 1, 1), date(2026, 1, 20)):
        with pytest.raises(ValidationError) as caught:
            services.report_file(by=world.union_editor, measure=measure, organisation=world.union, reported_on=day,
                                 text_en="x")
        assert "reported_on" in caught.value.message_dict
    assert not ProgressReport.objects.exists()
