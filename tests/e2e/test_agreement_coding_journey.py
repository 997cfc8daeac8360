"""An editor codes a collective agreement from its signed PDF: three articles reviewed, two accepted, one
corrected; the agreement then shows three clauses with parameters and the favourability finding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.agreements.coding.pdfs import pdf
from tests.e2e.navigation import click_and_wait

pytestmark = pytest.mark.e2e

PASSWORD = "journey-coder-2026"


@pytest.fixture
def setting(transactional_db: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    from tripartite.agreements import services
    from tripartite.agreements.coding import model
    from tripartite.core.models import Region, Role, RoleAssignment, ScopeType, Sector, User
    from tripartite.partners.models import Kind, Organisation, Subkind

    settings.CLAUSE_MODEL_DIR = tmp_path / "clause-models"
    model._loaded.clear()
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
    editor = User.objects.create_user(username="coder", password=PASSWORD)
    RoleAssignment.objects.create(user=editor, role=Role.EDITOR, scope_type=ScopeType.ORGANISATION,
                                  scope_id=builder.pk)
    agreement = services.agreement_create(
        by=editor, owner=builder, kind="collective", employer=builder, title_en="Almaty Builders CA",
        signed_on=date(2026, 2, 1), effective_from=date(2026, 2, 15), effective_to=date(2028, 12, 31))
    signed = tmp_path / "signed-agreement.pdf"
    signed.write_bytes(pdf([[
        "Article 1. Pay",
        "The minimum monthly pay of the first grade is not less than 100 000 tenge.",
        "Article 2. Leave",
        "Employees are granted annual paid leave of 30 calendar days.",
        "Article 3. Working time",
        "The normal working week is 40 hours per week.",
    ]]))
    yield {"agreement": agreement, "file": signed}
    model._loaded.clear()


def test_editor_codes_an_agreement_from_its_signed_pdf(live_server: Any, browser: Any,
                                                       setting: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from tripartite.agreements.models import Clause

    agreement = setting["agreement"]
    browser.get(live_server.url + "/")
    Select(browser.find_element(By.ID, "language-select")).select_by_value("en")
    click_and_wait(browser, "language-submit")
    browser.get(live_server.url + f"/accounts/login/?next=/agreements/{agreement.pk}/")
    browser.find_element(By.ID, "id_username").send_keys("coder")
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Almaty Builders CA"

    click_and_wait(browser, "code-from-file")
    browser.find_element(By.ID, "id_file").send_keys(str(setting["file"]))
    click_and_wait(browser, "form-submit", timeout=120)  # the first suggestion trains the model
    assert browser.find_element(By.TAG_NAME, "h1").text == "Review the suggested clauses"
    waiting = browser.find_element(By.ID, "waiting").text
    assert "3 articles waiting for review" in waiting and "30 calendar days" in waiting

    click_and_wait(browser, "accept-1")
    assert "Article 1 was added as a clause." in browser.find_element(By.TAG_NAME, "main").text
    click_and_wait(browser, "accept-2")
    click_and_wait(browser, "correct-3")
    Select(browser.find_element(By.ID, "id_topic")).select_by_value("working_time")
    hours = browser.find_element(By.ID, "id_param_weekly_hours")
    hours.clear()
    hours.send_keys("36")
    click_and_wait(browser, "form-submit")
    assert browser.find_element(By.ID, "queue-empty")

    browser.get(live_server.url + f"/agreements/{agreement.pk}/")
    clauses = browser.find_element(By.ID, "clause-table").text
    assert "100" in clauses and "30 calendar days" in clauses and "36 hours" in clauses
    findings = browser.find_element(By.ID, "findings").text
    assert "less favourable than" in findings and "Construction sectoral agreement" in findings
    coded = dict(Clause.objects.filter(agreement=agreement).values_list("number", "topic"))
    assert sorted(coded) == ["1", "2", "3"] and coded["3"] == "working_time"
