"""An editor records a collective agreement with a clause below the sectoral minimum and sees the finding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.navigation import click_and_wait

pytestmark = pytest.mark.e2e

PASSWORD = "journey-editor-2026"


@pytest.fixture
def setting(transactional_db: Any) -> dict[str, Any]:
    from tripartite.agreements import services
    from tripartite.core.models import Region, Role, RoleAssignment, ScopeType, Sector, User
    from tripartite.partners.models import Kind, Organisation, Subkind

    admin = User.objects.create_superuser(username="root", password=PASSWORD)
    ministry = Organisation.objects.create(kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY, name_en="Ministry")
    builder = Organisation.objects.create(kind=Kind.EMPLOYER, name_en="Almaty Builders LLP")
    builder.sectors.set(Sector.objects.filter(code="F"))
    builder.regions.set(Region.objects.filter(kato="750000000"))
    sectoral = services.agreement_create(
        by=admin, owner=ministry, kind="sectoral", title_en="Construction sectoral agreement",
        sectors=list(Sector.objects.filter(code="F")), signed_on=date(2025, 12, 20),
        effective_from=date(2026, 1, 1), effective_to=date(2028, 12, 31),
    )
    services.clause_add(by=admin, agreement=sectoral, number="3.1", topic="pay", text_en="Minimum pay 120,000",
                        parameters={"minimum_monthly_pay": Decimal(120000)})
    editor = User.objects.create_user(username="editor", password=PASSWORD)
    RoleAssignment.objects.create(user=editor, role=Role.EDITOR, scope_type=ScopeType.ORGANISATION,
                                  scope_id=builder.pk)
    return {"editor": editor, "builder": builder}




def _select(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, element_id)).select_by_value(value)


def _date(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    # Date inputs take keyboard input in the browser's locale; set the ISO value the form submits instead.
    browser.execute_script("arguments[0].value = arguments[1];", browser.find_element(By.ID, element_id), value)


def test_editor_records_a_collective_agreement_below_the_sectoral_minimum(live_server: Any, browser: Any,
                                                                           setting: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + "/")
    _select(browser, "language-select", "en")
    click_and_wait(browser, "language-submit")
    browser.get(live_server.url + "/accounts/login/?next=/agreements/")
    browser.find_element(By.ID, "id_username").send_keys("editor")
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Agreements"

    click_and_wait(browser, "new-agreement")
    builder = setting["builder"]
    _select(browser, "id_kind", "collective")
    browser.find_element(By.ID, "id_title_en").send_keys("Almaty Builders collective agreement")
    _select(browser, "id_owner", str(builder.pk))
    _select(browser, "id_employer", str(builder.pk))
    _date(browser, "id_signed_on", "2026-02-01")
    _date(browser, "id_effective_from", "2026-02-15")
    _date(browser, "id_effective_to", "2028-12-31")
    click_and_wait(browser, "form-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Almaty Builders collective agreement"
    assert browser.find_element(By.ID, "no-findings")

    click_and_wait(browser, "add-clause")
    _select(browser, "id_topic", "pay")
    browser.find_element(By.ID, "id_text_en").send_keys("The minimum monthly pay is 100,000 tenge.")
    browser.find_element(By.ID, "id_param_minimum_monthly_pay").send_keys("100000")
    click_and_wait(browser, "form-submit")

    findings = browser.find_element(By.ID, "findings").text
    assert "less favourable than" in findings
    assert "Construction sectoral agreement" in findings
    assert "20" in findings and "000" in findings  # by 20,000 tenge
    browser.get(live_server.url + "/agreements/findings/")
    assert "Almaty Builders collective agreement" in browser.find_element(By.TAG_NAME, "main").text
