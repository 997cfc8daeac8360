"""A worker answers a snowball survey on the public link in Russian and gets a referral link; the owning union's
editor then opens the results and builds the paper's Table 4 (sector × the employer's involvement)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.e2e.navigation import click_and_wait

pytestmark = pytest.mark.e2e

PASSWORD = "journey-editor-2026"
SLUG = "journey-2026"
# The respondent's answers: 31-40, female, health and social services, employer "sufficiently active".
ANSWERS = {"age_group": 3, "gender": 2, "sector": 4, "gov": 3, "employer": 2, "self": 1}


@pytest.fixture
def owner(transactional_db: Any) -> Any:
    from django.utils import timezone

    from tripartite.core.models import Role, RoleAssignment, ScopeType, User
    from tripartite.partners.models import Kind, Organisation, Subkind
    from tripartite.surveys.collect import services
    from tripartite.surveys.demo import load_paper_answers

    union = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.SECTORAL_UNION,
                                        name_ru="Профсоюз работников образования", name_en="Education workers' union")
    user = User.objects.create_user(username="union-editor", password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=union.pk)
    today = timezone.localdate()
    campaign = services.campaign_create(
        by=user, owner=union, version=services.ensure_builtin_template(), slug=SLUG,
        title_ru="Участие в социальном диалоге", title_en="Participation in social dialogue",
        opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=30), mode="snowball",
    )
    load_paper_answers(campaign)  # the 346 answers of the 2025 study, as if collected already
    return user




def _expected_cell(sector: int, employer: int) -> int:
    from tripartite.analysis.readers import load_paper_dataset

    data = load_paper_dataset()
    pairs = zip(data.codes["sector"], data.codes["employer_involvement"], strict=True)
    paper = sum(1 for s, e in pairs if int(s) == sector and int(e) == employer)
    return paper + (1 if (ANSWERS["sector"], ANSWERS["employer"]) == (sector, employer) else 0)


def test_worker_answers_in_russian_and_the_owner_builds_table_4(live_server: Any, browser: Any, owner: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from tripartite.surveys.models import Response

    # The worker opens the public link in Russian, on a phone-sized screen: nothing scrolls sideways.
    browser.set_window_size(360, 740)
    browser.get(f"{live_server.url}/surveys/r/{SLUG}/?lang=ru")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= browser.execute_script(
        "return window.innerWidth")
    choice = browser.find_element(By.CSS_SELECTOR, "label[for='q_gov-1']")
    assert choice.size["height"] >= 44  # a big tap target
    assert browser.find_element(By.TAG_NAME, "h1").text == "Участие в социальном диалоге"
    assert "Укажите ваш возраст" in browser.find_element(By.ID, "question-age_group").text
    # Sending without answers: messages in Russian, nothing stored.
    click_and_wait(browser, "survey-submit")
    assert "Пожалуйста, ответьте на этот вопрос." in browser.find_element(By.ID, "question-gov").text
    assert Response.objects.count() == 346
    for code, value in ANSWERS.items():
        browser.find_element(By.CSS_SELECTOR, f"label[for='q_{code}-{value}']").click()
    browser.find_element(By.ID, "q_network_size").send_keys("40")
    click_and_wait(browser, "survey-submit")
    assert "Спасибо за ваши ответы!" in browser.find_element(By.TAG_NAME, "h1").text
    link = browser.find_element(By.ID, "referral-link").get_attribute("href")
    stored = Response.objects.get(source="form")
    assert link == f"{live_server.url}/surveys/r/{SLUG}/?ref={stored.referral_code}"
    assert stored.language == "ru" and stored.answers == {**ANSWERS, "network_size": 40}

    # The referral link opens the form with the referral carried along.
    browser.get(link)
    assert browser.find_element(By.NAME, "ref").get_attribute("value") == stored.referral_code

    # The union's editor signs in and opens the results.
    browser.set_window_size(1280, 1024)
    browser.get(f"{live_server.url}/accounts/login/?next=/surveys/campaigns/{SLUG}/")
    browser.find_element(By.ID, "id_username").send_keys(owner.username)
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")
    assert browser.find_element(By.ID, "response-count").text == "347"
    click_and_wait(browser, "results-link")
    assert "347" in browser.find_element(By.ID, "results-total").text

    # Table 4: sector × the employer's involvement, from the crosstab builder (a plain GET form).
    click_and_wait(browser, "crosstab-link")
    Select(browser.find_element(By.ID, "id_rows")).select_by_value("sector")
    Select(browser.find_element(By.ID, "id_cols")).select_by_value("employer")
    click_and_wait(browser, "crosstab-submit")
    assert "rows=sector" in browser.current_url and "cols=employer" in browser.current_url
    grid = browser.find_element(By.CSS_SELECTOR, "table.crosstab-grid")
    body_rows = grid.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(body_rows) == 11
    health = body_rows[3].find_elements(By.CSS_SELECTOR, "td")
    assert int(health[1].text.split()[0]) == _expected_cell(4, 2)
    assert grid.find_elements(By.CSS_SELECTOR, "tfoot td")[-1].text == "347"
    assert browser.find_elements(By.CSS_SELECTOR, "ul.statistics li")
