"""A union officer, in Russian, records the employees' demands, sees the employer's reply deadline (counted over
Nauryz), attaches the demands letter as a PDF (a wrong file is refused first), moves the dispute to a conciliation
commission, records the settlement, and sees the public summary change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.navigation import click_and_wait

pytestmark = pytest.mark.e2e

PASSWORD = "journey-union-2026"
SUBJECT = "Индексация заработной платы (сынақ)"


@pytest.fixture
def union_officer(transactional_db: Any, settings: Any, tmp_path: Path) -> Any:
    from tripartite.core.models import Region, Role, RoleAssignment, ScopeType, Sector, User
    from tripartite.partners.models import Kind, Organisation, Subkind

    Region.objects.get_or_create(kato="470000000", defaults={
        "kind": "oblast", "name_kk": "Маңғыстау облысы", "name_ru": "Мангистауская область", "name_en": "Mangystau Region"})
    sector, _created = Sector.objects.get_or_create(code="B", defaults={
        "name_kk": "Тау-кен өндіру", "name_ru": "Горнодобывающая промышленность", "name_en": "Mining and quarrying"})
    union = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.PRIMARY_UNION,
                                        name_ru="Первичная профсоюзная организация шахты (тест)")
    Organisation.objects.create(kind=Kind.EMPLOYER, name_ru="ТОО «Шахта-1» (тест)")
    user = User.objects.create_user(username="profkom", password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.EDITOR, scope_type=ScopeType.ORGANISATION, scope_id=union.pk)
    user.sector_pk = sector.pk
    settings.MEDIA_ROOT = tmp_path / "media"
    return user




def _select_text(browser: Any, element_id: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, element_id)).select_by_visible_text(text)


def _select_value(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, element_id)).select_by_value(value)


def _set_date(browser: Any, element_id: str, iso: str) -> None:
    # A date input's typing order depends on the browser's locale; setting the value is what a user's picker does.
    from selenium.webdriver.common.by import By

    browser.execute_script("arguments[0].value = arguments[1];", browser.find_element(By.ID, element_id), iso)


def _summary_row(browser: Any, live_server: Any) -> str:
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + "/disputes/summary/")
    return browser.find_element(By.ID, "summary-table").text


def test_union_officer_records_demands_and_settles_in_conciliation(live_server: Any, browser: Any, union_officer: Any,
                                                                   tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + "/")
    _select_value(browser, "language-select", "ru")
    click_and_wait(browser, "language-submit")
    before = _summary_row(browser, live_server)
    assert "Споры пока не зарегистрированы." in before

    browser.get(live_server.url + "/accounts/login/?next=/disputes/")
    browser.find_element(By.ID, "id_username").send_keys(union_officer.username)
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")
    assert "Коллективные трудовые споры" in browser.find_element(By.TAG_NAME, "h1").text

    # Record the demands.
    click_and_wait(browser, "new-dispute")
    browser.find_element(By.ID, "id_subject").send_keys(SUBJECT)
    _select_text(browser, "id_employer", "ТОО «Шахта-1» (тест)")
    _select_text(browser, "id_union", "Первичная профсоюзная организация шахты (тест)")
    browser.find_element(By.ID, "id_employees_involved").send_keys("240")
    _select_text(browser, "id_region", "Мангистауская область")
    _select_value(browser, "id_sector", str(union_officer.sector_pk))
    _set_date(browser, "id_demands_received_on", "2025-03-19")
    _select_value(browser, "id_topic_1", "wages")
    browser.find_element(By.ID, "id_text_1").send_keys("Проиндексировать заработную плату на 12%")
    click_and_wait(browser, "form-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == SUBJECT
    assert "Спор зарегистрирован." in browser.page_source

    # The employer's reply is due 3 working days later, after the Nauryz days off: 27 March 2025.
    deadlines = browser.find_element(By.ID, "dispute-deadlines").text
    reply_row = next(line for line in deadlines.splitlines() if "Письменный ответ работодателя" in line)
    assert "27 марта 2025" in reply_row and "п. 2 ст. 163" in reply_row
    assert "Рассмотрите требования, дайте письменный ответ" in browser.find_element(By.ID, "next-employer").text

    # Attach the demands letter: a text file is refused in Russian, the PDF is kept and can be downloaded.
    wrong, letter = tmp_path / "требования.txt", tmp_path / "требования.pdf"
    wrong.write_bytes(b"not a pdf")
    letter.write_bytes(b"%PDF-1.4\n% demands letter\n%%EOF\n")
    click_and_wait(browser, "add-document")
    _select_value(browser, "id_code", "demands_letter")
    _set_date(browser, "id_dated", "2025-03-19")
    browser.find_element(By.ID, "id_file").send_keys(str(wrong))
    click_and_wait(browser, "form-submit")
    assert "Загрузите файл PDF, Word (.docx)" in browser.page_source
    _select_value(browser, "id_code", "demands_letter")
    _set_date(browser, "id_dated", "2025-03-19")
    browser.find_element(By.ID, "id_file").send_keys(str(letter))
    click_and_wait(browser, "form-submit")
    link = browser.find_element(By.CSS_SELECTOR, "#documents a.document-file")
    assert "Скачать требования.pdf" in link.text
    status, head = browser.execute_script(
        "const x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send();"
        "return [x.status, x.responseText.slice(0, 8)];", link.get_attribute("href"))
    assert (status, head) == (200, "%PDF-1.4")

    # Move to a conciliation commission.
    click_and_wait(browser, "advance")
    _select_value(browser, "id_to_stage", "conciliation")
    _set_date(browser, "id_on", "2025-03-27")
    click_and_wait(browser, "form-submit")
    assert "Примирительная комиссия" in browser.find_element(By.ID, "dispute-stage").text

    # Settle there, the demand satisfied.
    click_and_wait(browser, "advance")
    _select_value(browser, "id_to_stage", "settled")
    _set_date(browser, "id_on", "2025-04-03")
    browser.find_element(By.ID, "id_decision").send_keys("Заработная плата индексируется на 12% с 1 мая.")
    demand_select = browser.find_element(By.CSS_SELECTOR, "select[id^='id_demand_']").get_attribute("id")
    _select_value(browser, demand_select, "satisfied")
    click_and_wait(browser, "form-submit")
    stage = browser.find_element(By.ID, "dispute-stage").text
    assert "Урегулирован" in stage and "Примирительная комиссия" in stage

    after = _summary_row(browser, live_server)
    assert after != before
    row = next(line for line in after.splitlines() if line.startswith("2025"))
    assert row.split()[:4] == ["2025", "1", "1", "1"] and "100%" in row
