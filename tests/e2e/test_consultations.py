"""A ministry's secretary registers a draft law and refers it to the republican commission, the workers'
coordinator objects to one article, the ministry rejects the objection with its reason, and the table of comments
downloaded as Word carries that row."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest

from tests.e2e.navigation import click_and_wait

pytestmark = pytest.mark.e2e

PASSWORD = "journey-consultations-2026"
TEXT_RU = """Проект закона о минимальной заработной плате
Статья 1. Предмет
Настоящий Закон регулирует порядок установления минимальной заработной платы.
Статья 2. Размер
Минимальная заработная плата может быть ниже прожиточного минимума в период кризиса.
Статья 3. Вступление в силу
Настоящий Закон вводится в действие с 1 января 2027 года.
"""
OBJECTION = "Снижение ниже прожиточного минимума нарушает статью 28 Конституции."
REJECTION = "Норма применяется только при чрезвычайном положении и не дольше трёх месяцев."


@pytest.fixture
def people(transactional_db: Any) -> dict[str, Any]:
    from tripartite.commissions.models import Commission, CommissionMember
    from tripartite.core.models import Role, RoleAssignment, ScopeType, User
    from tripartite.partners.models import Kind, Organisation, Subkind

    ministry = Organisation.objects.create(kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY, name_en="Ministry of Labour",
                                           published=True)
    union = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION,
                                        name_en="Federation of Trade Unions", published=True)
    employers = Organisation.objects.create(kind=Kind.EMPLOYERS_ASSOCIATION, subkind=Subkind.REPUBLICAN_EMPLOYERS,
                                            name_en="Atameken", published=True)
    commission = Commission.objects.create(secretariat=ministry, level="republican", name_en="Republican Commission")
    for side, org, role in (("state", ministry, "chair"), ("workers", union, "co_chair"),
                            ("employers", employers, "co_chair")):
        seat = CommissionMember(commission=commission, side=side, role=role, organisation=org,
                                person_name=f"{org} representative")
        seat.full_clean()
        seat.save()
    users = {name: User.objects.create_user(username=name, password=PASSWORD) for name in ("secretary", "unionist")}
    RoleAssignment.objects.create(user=users["secretary"], role=Role.SECRETARY, scope_type=ScopeType.ORGANISATION,
                                  scope_id=ministry.pk)
    RoleAssignment.objects.create(user=users["unionist"], role=Role.EDITOR, scope_type=ScopeType.ORGANISATION,
                                  scope_id=union.pk)
    return {"ministry": ministry, "union": union, "commission": commission}


def _fill(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    element = browser.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(value)


def _select(browser: Any, element_id: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, element_id)).select_by_visible_text(text)


def _log_in(browser: Any, base: str, username: str, next_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(f"{base}/accounts/login/?next={next_url}")
    browser.find_element(By.ID, "id_username").send_keys(username)
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    click_and_wait(browser, "login-submit")


def _download(browser: Any, url: str) -> tuple[int, str, bytes]:
    """Fetch `url` with the browser's own session, as the download link does, and return status, type and body."""
    status, kind, body = browser.execute_script(
        "const x = new XMLHttpRequest(); x.open('GET', arguments[0], false);"
        "x.overrideMimeType('text/plain; charset=x-user-defined'); x.send();"
        "let s = ''; for (let i = 0; i < x.responseText.length; i++) {"
        "  s += String.fromCharCode(x.responseText.charCodeAt(i) & 0xff); }"
        "return [x.status, x.getResponseHeader('Content-Type'), btoa(s)];", url)
    return status, kind, base64.b64decode(body)


def test_an_objection_rejected_with_its_reason_reaches_the_table_of_comments(
        live_server: Any, browser: Any, people: dict[str, Any]) -> None:
    from docx import Document
    from selenium.webdriver.common.by import By

    from tripartite.consultations.models import Position, Referral

    base = live_server.url

    # The ministry's secretary registers the draft with its Russian text and refers it to the commission.
    _log_in(browser, base, "secretary", "/consultations/")
    click_and_wait(browser, "new-draft")
    _select(browser, "id_kind", "Law")
    _select(browser, "id_drafter", "Ministry of Labour")
    _fill(browser, "id_title_en", "On the minimum wage")
    _fill(browser, "id_title_ru", "О минимальной заработной плате")
    _fill(browser, "id_text_ru", TEXT_RU)
    click_and_wait(browser, "form-submit")
    assert "The draft was registered with 4 articles." in browser.page_source  # the preamble and three articles
    click_and_wait(browser, "refer")
    _select(browser, "id_commission", "Republican Commission")
    click_and_wait(browser, "form-submit")
    assert "The draft was referred to Republican Commission." in browser.page_source
    assert browser.find_element(By.ID, "deadline").text.strip()
    referral = Referral.objects.get()
    referral_url = f"/consultations/referrals/{referral.pk}/"

    # The workers' coordinator objects to Article 2 for the whole side.
    _log_in(browser, base, "unionist", referral_url)
    click_and_wait(browser, "add-position")
    _select(browser, "id_speaker", "The whole Workers side, as its coordinator Federation of Trade Unions")
    _select(browser, "id_article", "Article 2. Размер")
    _select(browser, "id_stance", "Oppose")
    _fill(browser, "id_reasons_ru", OBJECTION)
    click_and_wait(browser, "form-submit")
    assert "The position was recorded." in browser.page_source
    position = Position.objects.get()
    row = browser.find_element(By.ID, f"position-{position.pk}")
    assert "Oppose" in row.text and "No reply yet" in row.text and OBJECTION in row.text

    # The drafting body rejects it; a rejection without a reason is refused first.
    _log_in(browser, base, "secretary", referral_url)
    click_and_wait(browser, f"#position-{position.pk} a[href$='/reply/']", by=By.CSS_SELECTOR)
    _select(browser, "id_verdict", "Rejected")
    click_and_wait(browser, "form-submit")
    assert "a proposal is never rejected, even in part, without one" in browser.page_source
    _select(browser, "id_verdict", "Rejected")
    _fill(browser, "id_reason_ru", REJECTION)
    click_and_wait(browser, "form-submit")
    assert "The reply was recorded." in browser.page_source
    row = browser.find_element(By.ID, f"position-{position.pk}")
    assert "Rejected" in row.text and REJECTION in row.text

    # The table of comments, in Russian, holds the objection and the reply on one row.
    link = browser.find_element(By.ID, "table-docx").get_attribute("href")
    status, kind, body = _download(browser, link.replace("lang=en", "lang=ru"))
    assert status == 200 and kind.startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    table = Document(io.BytesIO(body)).tables[0]
    rows = [[cell.text for cell in r.cells] for r in table.rows]
    found = [r for r in rows if any(OBJECTION in c for c in r)]
    assert len(found) == 1
    cells = " | ".join(found[0])
    assert "Статья 2" in cells and "Минимальная заработная плата может быть ниже" in cells
    assert "Federation of Trade Unions" in cells
    assert "Отклонено" in cells and REJECTION in cells
