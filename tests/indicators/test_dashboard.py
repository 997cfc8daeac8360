"""The dashboard (national figures, trend, sectors, year) and the yearly report as DOCX and XLSX."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.indicators.conftest import EN, stat

pytestmark = pytest.mark.django_db


def test_the_indicator_list_links_to_the_dashboard(client):
    assert 'href="/indicators/dashboard/"' in client.get("/indicators/", **EN).content.decode()


def test_the_dashboard_shows_the_national_figures_of_the_latest_year_with_their_trend(client, register):
    stat("minimum_wage", "2025", 85_000)
    stat("median_wage", "2025-Q1", 300_307)
    page = client.get("/indicators/dashboard/", **EN)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Social dialogue dashboard" in text
    # Coverage 2025: 1,500 ÷ 10,000, linking to the indicator's page for that period.
    assert 'href="/indicators/cb_coverage/?period=2025"><strong>15' in text
    # The minimum wage ratio shipped with the platform: 85,000 ÷ 300,307 in 2025-Q1.
    assert 'href="/indicators/mw_median_ratio/?period=2025-Q1"><strong>28.3' in text
    coverage_row = text.split('id="figure-cb_coverage"')[1].split("</tr>")[0]
    assert "<svg" in coverage_row  # the trend over 2024 and 2025, drawn on the server
    # The map of the regions: Almaty has its own employees figure, so a coverage figure; Shymkent has none.
    region_map = text.split('id="by-region"')[1].split("</section>")[0]
    assert 'class="choropleth"' in region_map and region_map.count("data-region=") == 20
    almaty = region_map[region_map.rindex("<path", 0, region_map.index('data-region="KZ-75"')):]
    assert "map-no-data" not in almaty[:almaty.index("</path>")]
    shymkent = region_map[region_map.rindex("<path", 0, region_map.index('data-region="KZ-79"')):]
    assert "Shymkent: no data" in shymkent[:shymkent.index("</path>")]
    assert "region=750000000" in region_map and "/indicators/" in region_map  # a region opens its figures
    assert "geokz 1.0.2" in region_map
    assert "/indicators/report/state-of-social-dialogue.docx?year=2025" in text


def test_the_dashboard_breaks_each_indicator_down_by_sector(client, register):
    text = client.get("/indicators/dashboard/", **EN).content.decode()
    assert 'id="sector-figures"' in text
    # Sector F: the builder's 300 covered employees ÷ 1,000 employees.
    assert 'href="/indicators/cb_coverage/?period=2025&amp;sector=F"><strong>30' in text


def test_choosing_a_year(client, register):
    text = client.get("/indicators/dashboard/?year=2024", **EN).content.decode()
    # 2024: the miner's agreement was still in force: 1,900 ÷ 10,000.
    assert 'href="/indicators/cb_coverage/?period=2024"><strong>19' in text
    assert "Whole country, 2024" in text


@pytest.mark.parametrize("year", ["1900", "abc"])
def test_a_year_without_figures_is_refused_with_a_message(client, register, year):
    page = client.get(f"/indicators/dashboard/?year={year}", **EN)
    assert page.status_code == 422
    assert 'role="alert"' in page.content.decode()


@pytest.mark.parametrize(("lang", "heading", "title"), [
    ("ru", "Панель показателей социального диалога", "Охват коллективными договорами"),
    ("kk", "Әлеуметтік диалог көрсеткіштерінің тақтасы", "Ұжымдық шарттармен қамту"),
])
def test_the_dashboard_in_russian_and_kazakh(client, register, lang, heading, title):
    text = client.get("/indicators/dashboard/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert heading in text and title in text


def test_the_yearly_report_as_docx_opens_and_contains_the_figures(client, register):
    response = client.get("/indicators/report/state-of-social-dialogue.docx?year=2025", **EN)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "State of social dialogue, 2025" in text
    assert "Collective bargaining coverage" in cells and "15.00 %" in cells
    assert "Employees covered: 1,500" in text and "Employees: 10,000" in text
    assert ("Method: 100 × employees covered by at least one agreement in force ÷ employees. Full methodology: "
            "http://testserver/indicators/cb_coverage/#methodology") in text
    assert "Test statistics office" in text  # the source of the employees figure


def test_the_yearly_report_in_russian(client, register):
    response = client.get("/indicators/report/state-of-social-dialogue.docx?year=2025", HTTP_ACCEPT_LANGUAGE="ru")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Состояние социального диалога, 2025" in text
    assert "15,00 %" in [c.text for row in document.tables[0].rows for c in row.cells]


def test_the_yearly_report_as_xlsx(client, register):
    response = client.get("/indicators/report/state-of-social-dialogue.xlsx?year=2025", **EN)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    coverage = rows["cb_coverage"]
    assert coverage[2:4] == ("2025", 15.0)
    assert (coverage[6], coverage[8]) == (1500, 10000)
    assert "Test statistics office" in coverage[11]
    # No wage statistics in this register: no number, and the row says so.
    assert rows["mw_median_ratio"][3] is None and rows["mw_median_ratio"][9] == "No data yet"


def test_the_report_for_a_year_without_figures_is_refused(client, register):
    response = client.get("/indicators/report/state-of-social-dialogue.xlsx?year=1900", **EN)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "year"
