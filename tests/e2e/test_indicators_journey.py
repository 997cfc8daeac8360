"""A reader opens the social dialogue dashboard and switches between Kazakh, Russian and English with the form in
the header; each time the heading is translated and the coverage figure is shown."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.e2e.navigation import switch_language

pytestmark = pytest.mark.e2e


@pytest.fixture
def coverage_register(transactional_db: Any) -> None:
    """One employer whose collective agreement covers 750 of the country's 10,000 employees in 2025: 7.5%."""
    from tripartite.agreements import services
    from tripartite.core.models import Region, Sector, User
    from tripartite.indicators.models import StatisticValue
    from tripartite.partners.models import Kind, Organisation

    admin = User.objects.create_superuser(username="indicators-admin", password="not-used-2026")
    employer = Organisation.objects.create(kind=Kind.EMPLOYER, name_en="Builder", name_ru="Строитель")
    employer.sectors.set([Sector.objects.get(code="F")])
    employer.regions.set([Region.objects.get(kato="750000000")])
    services.agreement_create(by=admin, owner=employer, kind="collective", employer=employer, title_en="Builder CA",
                              signed_on=date(2025, 1, 10), effective_from=date(2025, 1, 15),
                              effective_to=date(2027, 12, 31), covered_employees=750)
    StatisticValue.objects.create(series="employees", period="2025", value=10_000, source="Test statistics office",
                                  published_on=date(2025, 3, 1))




def test_the_dashboard_in_three_languages(live_server: Any, browser: Any, coverage_register: None) -> None:
    from selenium.webdriver.common.by import By

    path = "/indicators/dashboard/"
    browser.get(live_server.url + path)
    for code, heading, coverage, figure in (
        ("kk", "Әлеуметтік диалог көрсеткіштерінің тақтасы", "Ұжымдық шарттармен қамту", "7,50 %"),
        ("ru", "Панель показателей социального диалога", "Охват коллективными договорами", "7,50 %"),
        ("en", "Social dialogue dashboard", "Collective bargaining coverage", "7.50 %"),
    ):
        switch_language(browser, code)
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == code
        assert browser.current_url.endswith(path)  # the language form brings the reader back to the dashboard
        assert browser.find_element(By.ID, "dashboard-title").text == heading
        row = browser.find_element(By.ID, "figure-cb_coverage")
        assert coverage in row.text and figure in row.text
        assert row.find_element(By.CSS_SELECTOR, "figure.sparkline, span.help")  # the trend cell is there
