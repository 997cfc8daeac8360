"""A trade union files a progress report with its evidence on a measure of the Decent Work roadmap: the measure
turns done, the area's scorecard counts it, and the annual report (Word) names it."""

from __future__ import annotations

import io
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.navigation import click_and_wait

pytestmark = pytest.mark.e2e

PASSWORD = "journey-programmes-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def roadmap(transactional_db: Any, settings: Any, tmp_path: Path) -> dict[str, Any]:
    from django.utils import timezone

    from tripartite.core.models import Role, RoleAssignment, ScopeType, User
    from tripartite.partners.models import Kind, Organisation, Subkind
    from tripartite.programmes import services

    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    ministry = Organisation.objects.create(kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY, name_en="Ministry of Labour")
    union = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION,
                                        name_en="Federation of Trade Unions")
    users = {name: User.objects.create_user(username=name, password=PASSWORD) for name in ("secretary", "union")}
    RoleAssignment.objects.create(user=users["secretary"], role=Role.SECRETARY, scope_type=ScopeType.ORGANISATION,
                                  scope_id=ministry.pk)
    RoleAssignment.objects.create(user=users["union"], role=Role.EDITOR, scope_type=ScopeType.ORGANISATION,
                                  scope_id=union.pk)
    programme = services.programme_create(
        by=users["secretary"], coordinator=ministry, template="decent_work_roadmap",
        period_start=today - timedelta(days=200), period_end=today + timedelta(days=4 * 365),
        signatories=[ministry, union])
    area = programme.areas.get(code="social_dialogue")
    measure = services.measure_create(
        by=users["secretary"], area=area, responsible=[union], responsible_side="workers",
        start_date=today - timedelta(days=100), due_date=today + timedelta(days=30), evidence="event",
        title_en="Train union negotiators in every region")
    evidence = tmp_path / "participants.pdf"
    evidence.write_bytes(PDF)
    return {"programme": programme, "area": area, "measure": measure, "evidence": evidence}


def _fill(browser: Any, element_id: str, value: str) -> None:
    element = browser.find_element("id", element_id)
    element.clear()
    element.send_keys(value)


def _log_in(browser: Any, base: str, username: str, next_url: str) -> None:
    browser.delete_all_cookies()
    browser.get(f"{base}/accounts/login/?next={next_url}")
    browser.find_element("id", "id_username").send_keys(username)
    browser.find_element("id", "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")


def _area_cell(browser: Any, area_title: str, css_class: str) -> str:
    row = browser.find_element("xpath", f"//div[@id='scorecard-areas']//tr[th[contains(., \"{area_title}\")]]")
    return row.find_element("css selector", f"td.{css_class}").text


def test_the_union_reports_a_measure_done_and_the_scorecard_and_report_show_it(
        live_server: Any, browser: Any, roadmap: dict[str, Any]) -> None:
    import docx
    from selenium.webdriver.support.ui import Select

    from tripartite.programmes.models import State

    base = live_server.url
    programme, area, measure = roadmap["programme"], roadmap["area"], roadmap["measure"]
    browser.get(base + "/")
    Select(browser.find_element("id", "language-select")).select_by_value("en")
    click_and_wait(browser, "language-submit")

    _log_in(browser, base, "union", f"/programmes/{programme.pk}/")
    assert _area_cell(browser, "Social dialogue", "done-on-time") == "0"

    browser.find_element("link text", "Train union negotiators in every region").click()
    click_and_wait(browser, "file-report")
    _fill(browser, "id_text_en", "Seminars held in all 17 regions; 412 negotiators trained.")
    Select(browser.find_element("id", "id_new_state")).select_by_value("done")
    browser.find_element("id", "id_evidence_file").send_keys(str(roadmap["evidence"]))
    click_and_wait(browser, "form-submit")

    assert browser.find_element("id", "measure-status").text.startswith("Done")
    assert "participants.pdf" in browser.find_element("id", "reports").text
    measure.refresh_from_db()
    assert measure.state == State.DONE

    browser.get(f"{base}/programmes/{programme.pk}/")
    assert _area_cell(browser, "Social dialogue", "done-on-time") == "1"

    href = browser.find_element("id", "report-docx-en").get_attribute("href")
    with urllib.request.urlopen(href) as response:  # noqa: S310 - the live test server
        assert response.status == 200
        document = docx.Document(io.BytesIO(response.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Train union negotiators in every region" in text
    assert "Seminars held in all 17 regions" in text
    assert area.title_en in text
