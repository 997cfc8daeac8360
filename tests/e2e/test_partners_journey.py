"""An administrator, in Russian, records a union's date of state registration, is refused the deletion of its
federation while the union sits under it (the page says why), then deletes the union and the federation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.navigation import click_and_wait, switch_language

pytestmark = pytest.mark.e2e

PASSWORD = "journey-admin-2026"
FEDERATION = "Федерация профсоюзов (тест)"
UNION = "Отраслевой профсоюз (тест)"


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    from tripartite.core.models import Role, RoleAssignment, ScopeType, User
    from tripartite.partners.models import Kind, Organisation, Subkind

    federation = Organisation.objects.create(
        kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION, name_ru=FEDERATION, name_en="Federation")
    union = Organisation.objects.create(
        kind=Kind.TRADE_UNION, subkind=Subkind.SECTORAL_UNION, name_ru=UNION, name_en="Union", parent=federation)
    admin = User.objects.create_user(username="registrar", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role=Role.ADMIN, scope_type=ScopeType.PLATFORM, scope_id=None)
    return {"admin": admin, "federation": federation, "union": union}


def test_administrator_dates_a_union_and_deletes_it_and_its_federation_in_russian(
    live_server: Any, browser: Any, world: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    from tripartite.partners.models import Organisation

    federation, union = world["federation"], world["union"]
    browser.get(live_server.url + "/")
    switch_language(browser, "ru")
    browser.get(f"{live_server.url}/accounts/login/?next=/partners/{union.pk}/")
    browser.find_element(By.ID, "id_username").send_keys("registrar")
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == UNION

    # The date of state registration, typed in the form, shows on the organisation's page.
    click_and_wait(browser, "edit-organisation")
    field = browser.find_element(By.ID, "id_registered_on")
    browser.execute_script("arguments[0].value = arguments[1];", field, "2003-05-20")
    click_and_wait(browser, "form-submit")
    assert "Изменения сохранены." in browser.page_source
    assert "2003" in browser.find_element(By.ID, "registered-on").text
    assert "Дата государственной регистрации" in browser.page_source

    # The federation cannot go while the union is registered under it: the page says so and offers no button.
    browser.get(f"{live_server.url}/partners/{federation.pk}/")
    click_and_wait(browser, "delete-organisation")
    references = browser.find_element(By.ID, "references").text
    assert "Эту организацию пока нельзя удалить" in references
    assert "Организации в её составе: 1" in references
    assert not browser.find_elements(By.ID, "confirm-delete")

    # The union goes first (after the confirmation), then the federation.
    browser.get(f"{live_server.url}/partners/{union.pk}/delete/")
    click_and_wait(browser, "confirm-delete")
    assert browser.find_element(By.TAG_NAME, "h1").text == FEDERATION
    assert f"Организация «{UNION}» удалена." in browser.page_source
    click_and_wait(browser, "delete-organisation")
    click_and_wait(browser, "confirm-delete")
    assert f"Организация «{FEDERATION}» удалена." in browser.page_source
    assert not Organisation.objects.filter(pk__in=[federation.pk, union.pk]).exists()
