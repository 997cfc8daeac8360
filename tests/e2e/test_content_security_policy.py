"""The Content-Security-Policy breaks nothing: a visitor walks every register in the main menu, with the demo
data, and the API documentation, and Chromium refuses nothing (every journey's browser fixture checks the same)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import csp_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db: Any, settings: Any, tmp_path: Any) -> None:
    from tripartite.demo.services import load_demo

    settings.MEDIA_ROOT = str(tmp_path / "media")
    assert load_demo().loaded


def test_every_register_and_the_api_documentation_load_within_the_policy(live_server: Any, browser: Any,
                                                                         demo: None) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(live_server.url + "/")
    registers = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "header.site nav a")]
    assert len(registers) >= 8
    seen = []
    for url in registers:
        browser.get(url)
        # The first record of each register, where there is one: detail pages carry the charts and tables.
        first = browser.find_elements(By.CSS_SELECTOR, "main table tbody a, main ul a")
        if first:
            seen.append(first[0].get_attribute("href"))
    for url in seen:
        browser.get(url)
    # Swagger UI, served from ninja's static files, draws the operations with its scripts.
    browser.get(live_server.url + "/api/v1/docs")
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".opblock")))
    assert csp_violations(browser) == []


def test_a_violation_would_be_seen(live_server: Any, browser: Any) -> None:
    browser.get(live_server.url + "/")
    browser.execute_script("const s = document.createElement('style'); s.textContent = 'body {}';"
                           "document.head.appendChild(s);")
    assert any("style-src" in message for message in csp_violations(browser))
