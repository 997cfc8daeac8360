"""A state body publishes a grant call, an NGO applies, two evaluators score (one blocked by a declared tie),
and the ranking is published."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.navigation import click_and_wait

pytestmark = pytest.mark.e2e

PASSWORD = "journey-grants-2026"


@pytest.fixture
def people(transactional_db: Any, settings: Any, tmp_path: Path) -> dict[str, Any]:
    from tripartite.core.models import Role, RoleAssignment, ScopeType, User
    from tripartite.grants.models import TopicArea
    from tripartite.partners.models import Kind, Organisation, Subkind

    settings.MEDIA_ROOT = tmp_path / "media"
    ministry = Organisation.objects.create(kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY, name_en="Ministry of Information")
    ngo = Organisation.objects.create(kind=Kind.NGO, name_en="Green Steppe PA")
    TopicArea.objects.create(code="ecology", name_en="Ecology", name_ru="Экология", name_kk="Экология")
    users = {name: User.objects.create_user(username=name, password=PASSWORD) for name in ("official", "ngo", "alma", "bolat")}
    RoleAssignment.objects.create(user=users["official"], role=Role.SECRETARY, scope_type=ScopeType.ORGANISATION,
                                  scope_id=ministry.pk)
    RoleAssignment.objects.create(user=users["ngo"], role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=ngo.pk)
    return {"users": users, "ngo": ngo}




def _fill(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    element = browser.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(value)


def _set_date(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    browser.execute_script("arguments[0].value = arguments[1];", browser.find_element(By.ID, element_id), value)


def _select(browser: Any, element_id: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, element_id)).select_by_visible_text(text)


def _log_in(browser: Any, base: str, username: str, next_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(f"{base}/accounts/login/?next={next_url}")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")


def _text(browser: Any) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.TAG_NAME, "main").text


def test_a_call_from_publication_to_the_ranking(live_server: Any, browser: Any, people: dict[str, Any], tmp_path: Path) -> None:
    from django.utils import timezone
    from selenium.webdriver.common.by import By

    from tripartite.grants.models import Application, Call

    base = live_server.url
    today = timezone.localdate()
    browser.get(base + "/")
    _select(browser, "language-select", "English")
    click_and_wait(browser, "language-submit")

    # The ministry's secretary drafts the call, sets its criteria and evaluators, and publishes it.
    _log_in(browser, base, "official", "/grants/")
    click_and_wait(browser, "new-call")
    _select(browser, "id_kind", "State grant")
    _select(browser, "id_topic", "Ecology")
    _fill(browser, "id_title_en", "Clean rivers grants")
    _fill(browser, "id_budget", "20000000")
    _fill(browser, "id_min_evaluators", "1")
    browser.find_element(By.CSS_SELECTOR, "input[name=required_documents][value=charter]").click()
    _set_date(browser, "id_opens_on", today.isoformat())
    _set_date(browser, "id_deadline", (today + timedelta(days=7)).isoformat())
    _set_date(browser, "id_results_on", (today + timedelta(days=30)).isoformat())
    click_and_wait(browser, "form-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Clean rivers grants"
    for name, weight in (("Relevance", "60"), ("Feasibility", "40")):
        click_and_wait(browser, "add-criterion")
        _fill(browser, "id_name_en", name)
        _fill(browser, "id_weight", weight)
        click_and_wait(browser, "form-submit")
    for username in ("alma", "bolat"):
        click_and_wait(browser, "add-evaluator")
        _fill(browser, "id_username", username)
        click_and_wait(browser, "form-submit")
    click_and_wait(browser, "publish-call")
    assert "The call is published." in _text(browser)
    assert browser.find_element(By.ID, "call-phase").text == "Accepting applications"
    call = Call.objects.get()

    # The NGO applies, attaches its charter and submits.
    _log_in(browser, base, "ngo", f"/grants/calls/{call.pk}/")
    click_and_wait(browser, "apply")
    _fill(browser, "id_project_title", "River clean-up in Almaty")
    _fill(browser, "id_requested_amount", "5000000")
    _select(browser, "id_regions", "Almaty")
    _select(browser, "id_settlement_type", "Urban")
    _set_date(browser, "id_registered_on", "2012-03-01")
    _fill(browser, "id_budget_lines", "Volunteers' equipment | 3000000\nTransport | 2000000")
    click_and_wait(browser, "form-submit")
    assert "Attach the required documents: Charter." in browser.find_element(By.ID, "eligibility-reasons").text
    charter = tmp_path / "charter.pdf"
    charter.write_bytes(b"%PDF-1.4\n% charter\n%%EOF\n")
    click_and_wait(browser, "add-document")
    _select(browser, "id_kind", "Charter")
    browser.find_element(By.ID, "id_file").send_keys(str(charter))
    click_and_wait(browser, "form-submit")
    assert "The application meets every rule of the call." in _text(browser)
    click_and_wait(browser, "submit-application")
    assert browser.find_element(By.ID, "application-status").text == "Submitted"
    application = Application.objects.get()

    # The deadline passes (the dates are moved back, as if a week had gone by).
    Call.objects.filter(pk=call.pk).update(opens_on=today - timedelta(days=8), deadline=today - timedelta(days=1))

    # Evaluator B declares a tie with the applicant and is refused; evaluator A declares none and scores.
    _log_in(browser, base, "bolat", f"/grants/calls/{call.pk}/")
    click_and_wait(browser, "declare")
    browser.find_element(By.CSS_SELECTOR, f"input[name=organisations][value='{people['ngo'].pk}']").click()
    _fill(browser, "id_note", "I sit on its board")
    browser.find_element(By.ID, "id_confirm").click()
    click_and_wait(browser, "form-submit")
    browser.get(f"{base}/grants/applications/{application.pk}/")
    assert "You cannot score this application: You declared a tie with the applicant Green Steppe PA." in _text(browser)
    assert not browser.find_elements(By.ID, "score")

    _log_in(browser, base, "alma", f"/grants/calls/{call.pk}/")
    click_and_wait(browser, "declare")
    browser.find_element(By.ID, "id_confirm").click()
    click_and_wait(browser, "form-submit")
    browser.get(f"{base}/grants/applications/{application.pk}/")
    click_and_wait(browser, "score")
    criteria = list(call.criteria.order_by("id"))
    _fill(browser, f"id_mark_{criteria[0].pk}", "9")
    _fill(browser, f"id_mark_{criteria[1].pk}", "7")
    click_and_wait(browser, "form-submit")
    assert "Your score is recorded: 82.0 of 100." in _text(browser)

    # The secretary closes the call; the ranking is public, with the evaluator pseudonymised.
    _log_in(browser, base, "official", f"/grants/calls/{call.pk}/")
    click_and_wait(browser, "close-call")
    assert "The call is closed; the ranking and the scores are published." in _text(browser)
    browser.delete_all_cookies()
    browser.get(f"{base}/grants/calls/{call.pk}/")
    ranking = browser.find_element(By.ID, "ranking-table").text
    assert "Green Steppe PA" in ranking and "Evaluator A: 82.0" in ranking
    assert "alma" not in ranking
