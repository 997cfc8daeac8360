"""Browser journeys: Debian's Chromium, headless, driven by Selenium through chromedriver."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Every journey gets the migrations' reference data back (regions, sectors, the built-in questionnaire,
    reference statistics): the live server needs real transactions, and the flush after one journey would
    otherwise leave the next one without them."""
    for item in items:
        if Path(str(item.fspath)).resolve().parent == E2E_DIR:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = os.environ.get("CHROMIUM") or _binary("chromium", "chromium-browser", "google-chrome")
    driver_path = os.environ.get("CHROMEDRIVER") or _binary("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("Chromium and chromedriver are needed for the browser tests (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="tripartite-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1024", f"--user-data-dir={profile}", "--lang=en-US",
    ):
        options.add_argument(flag)
    # The console is read after the journey: Chromium reports every Content-Security-Policy violation there.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.implicitly_wait(3)
    try:
        yield driver
        violations = csp_violations(driver)
        assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def csp_violations(driver: Any) -> list[str]:
    """The console messages since the last call in which Chromium refused something under the page's CSP."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
