"""Page-to-page navigation for the browser journeys, in one place.

Waiting for the old ``<html>`` element to go stale is not enough with Chromium: while a navigation is under way,
asking about the old node can fail with "Node with given id does not belong to the document" instead of the
stale-element error Selenium's ``staleness_of`` expects. So the old document is marked before the click, and the
wait is for a fully loaded document without the mark, with any error raised mid-navigation retried."""

from __future__ import annotations

from typing import Any

LEAVING = "document.documentElement.dataset.tripartiteLeaving = '1';"
ARRIVED = "return document.readyState === 'complete' && !document.documentElement.dataset.tripartiteLeaving;"


def click_and_wait(browser: Any, selector: str, by: str = "id", timeout: float = 15) -> None:
    """Click a link or button that loads a new page and return once the new page has loaded."""
    from selenium.common.exceptions import WebDriverException

    browser.execute_script(LEAVING)
    try:
        browser.find_element(by, selector).click()
    except WebDriverException as exc:
        # The click may already have started the navigation that removed the node Chromium was reporting on.
        if "does not belong to the document" not in str(exc):
            raise
    wait_for_new_page(browser, timeout)


def wait_for_new_page(browser: Any, timeout: float = 15) -> None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script(ARRIVED))


def switch_language(browser: Any, code: str) -> None:
    """Choose a language in the header's switcher and wait for the page to come back in it."""
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "language-select")).select_by_value(code)
    click_and_wait(browser, "language-submit")
