"""The drafting body's replies to amendments and objections, and the table of comments they make."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from tripartite.consultations import exports, services
from tripartite.consultations.models import Reply
from tripartite.core.errors import Conflict, NotAllowed

from .test_positions import oppose


def test_the_drafter_rejects_with_a_reason(world, referral):
    position = oppose(world, referral)
    reply = services.reply_save(position=position, by=world.secretary, verdict="rejected",
                                reason_ru="Гарантии сохранены статьёй 5.")
    assert reply.verdict == "rejected" and reply.replied_by == world.secretary


@pytest.mark.parametrize("verdict", ["rejected", "partly"])
def test_a_rejection_without_a_reason_is_refused(world, referral, verdict):
    with pytest.raises(ValidationError):
        services.reply_save(position=oppose(world, referral), by=world.secretary, verdict=verdict)
    assert Reply.objects.count() == 0


def test_an_acceptance_needs_no_reason_and_a_new_reply_replaces_the_old_in_the_history(world, referral):
    position = oppose(world, referral)
    services.reply_save(position=position, by=world.secretary, verdict="accepted")
    services.reply_save(position=position, by=world.secretary, verdict="partly", reason_en="Only the first part.")
    assert Reply.objects.get().verdict == "partly"
    assert Reply.history.count() == 2


def test_nobody_but_the_drafting_body_replies(world, referral):
    position = oppose(world, referral)
    for someone in (world.outsider_secretary, world.workers_coordinator, world.employers_coordinator):
        with pytest.raises(NotAllowed):
            services.reply_save(position=position, by=someone, verdict="accepted")


def test_support_and_withdrawn_positions_are_not_answered(world, referral):
    support = services.position_add(referral=referral, by=world.workers_coordinator, organisation=world.union,
                                    side="workers", stance="support")
    with pytest.raises(Conflict):
        services.reply_save(position=support, by=world.secretary, verdict="accepted")
    withdrawn = services.position_withdraw(position=oppose(world, referral), by=world.workers_coordinator)
    with pytest.raises(Conflict):
        services.reply_save(position=withdrawn, by=world.secretary, verdict="accepted")


def _fill(world, referral):
    objection = oppose(world, referral)
    services.reply_save(position=objection, by=world.secretary, verdict="rejected", reason_ru="Не принимается.",
                        reason_en="Not taken.")
    services.position_add(referral=referral, by=world.employers_coordinator, organisation=world.employers,
                          side="employers", for_side=True, stance="amend",
                          article=referral.version.articles.get(key="1"), wording_en="New wording of article 1.",
                          reasons_en="Clearer.")
    services.position_add(referral=referral, by=world.workers_coordinator, organisation=world.union,
                          side="workers", stance="support")  # not in the table of disagreements
    return list(referral.positions.select_related("article", "organisation"))


def test_the_word_table_is_landscape_and_has_a_row_per_amendment_or_objection(world, referral):
    data = exports.table_docx(referral, _fill(world, referral), "ru")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert len(table.rows) == 3  # header + two rows
    assert table.rows[0].cells[1].text == "Статья"
    texts = [[c.text for c in row.cells] for row in table.rows[1:]]
    objection = next(row for row in texts if "Снижает гарантии" in row[7])
    assert objection[1].startswith("Статья 2") and "Не принимается." in objection[8]
    assert "Отклонено" in objection[8] or "Отклонен" in objection[8]


def test_the_excel_table_in_english_falls_back_to_the_language_a_text_was_given_in(world, referral):
    data = exports.table_xlsx(referral, _fill(world, referral), "en")
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert sheet.cell(row=3, column=2).value == "Article"
    assert any(r[3] == "New wording of article 1." and r[4] == "Employers" for r in rows) or any(
        r[3] == "New wording of article 1." for r in rows)
    objection = next(r for r in rows if r[7] == "Снижает гарантии работников.")
    assert objection[8] == "Rejected: Not taken."
