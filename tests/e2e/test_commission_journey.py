"""A commission secretary, in Kazakh, registers a commission, sees its parity broken, fixes it, finds it listed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.navigation import click_and_wait

pytestmark = pytest.mark.e2e

PASSWORD = "journey-secretary-2026"
COMMISSION = "Сынақ үшжақты комиссиясы"

# Kazakh texts the journey expects to see (from the commissions catalogue).
PARITY_BROKEN = "Тепе-теңдік бұзылған"
PARITY_KEPT = "Тепе-теңдік сақталған"


@pytest.fixture
def secretary(transactional_db: Any) -> Any:
    from tripartite.core.models import Role, RoleAssignment, ScopeType, User
    from tripartite.partners.models import Kind, Organisation, Subkind

    ministry = Organisation.objects.create(
        kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY, name_kk="Еңбек министрлігі", name_en="Ministry of Labour"
    )
    user = User.objects.create_user(username="hatshy", password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.SECRETARY, scope_type=ScopeType.ORGANISATION, scope_id=ministry.pk)
    return user




def _select(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, element_id)).select_by_value(value)


def _add_member(browser: Any, side: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    click_and_wait(browser, "add-member")
    _select(browser, "id_side", side)
    browser.find_element(By.ID, "id_person_name").send_keys(name)
    click_and_wait(browser, "form-submit")


def _parity_text(browser: Any) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.ID, "parity-status").text


def test_secretary_fixes_a_commission_that_breaks_parity_in_kazakh(live_server: Any, browser: Any, secretary: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + "/")
    _select(browser, "language-select", "kk")
    click_and_wait(browser, "language-submit")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "kk"

    browser.get(live_server.url + "/accounts/login/?next=/commissions/")
    browser.find_element(By.ID, "id_username").send_keys(secretary.username)
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")
    assert "Үшжақты комиссиялар" in browser.find_element(By.TAG_NAME, "h1").text

    click_and_wait(browser, "new-commission")
    _select(browser, "id_level", "republican")
    browser.find_element(By.ID, "id_name_kk").send_keys(COMMISSION)
    click_and_wait(browser, "form-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == COMMISSION
    assert "Комиссия тіркелді." in browser.page_source

    _add_member(browser, "state", "Төраға (сынақ)")
    _add_member(browser, "state", "Мемлекет өкілі (сынақ)")
    _add_member(browser, "employers", "Жұмыс берушілер өкілі (сынақ)")
    _add_member(browser, "workers", "Кәсіподақ өкілі (сынақ)")
    warning = _parity_text(browser)
    assert PARITY_BROKEN in warning
    assert "Тараптардың мүшелер саны әртүрлі." in warning
    assert "Мемлекет (атқарушы органдар): 2 мүше" in warning

    _add_member(browser, "employers", "Екінші жұмыс берушілер өкілі (сынақ)")
    _add_member(browser, "workers", "Екінші кәсіподақ өкілі (сынақ)")
    status = _parity_text(browser)
    assert PARITY_BROKEN not in status
    assert PARITY_KEPT in status
    assert "Әр тарапта 2 мүше." in status

    browser.get(live_server.url + "/commissions/")
    table = browser.find_element(By.ID, "commission-table").text
    assert COMMISSION in table
    assert PARITY_KEPT in table
