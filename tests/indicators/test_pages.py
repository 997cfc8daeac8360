"""Indicator pages: list, one page per indicator (methodology, values, chart, breakdowns), downloads, statistics."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.indicators.conftest import ALMATY, EN, report, stat, union
from tests.indicators.test_import import BAD, GOOD
from tripartite.indicators.models import StatisticValue

pytestmark = pytest.mark.django_db


def test_the_list_shows_every_indicator_with_its_latest_national_value(client):
    page = client.get("/indicators/", **EN)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Trade union density" in text and "Minimum wage as a share of the median wage" in text
    assert "28.3" in text  # 85,000 ÷ 300,307, 2025-Q1


@pytest.mark.parametrize(("lang", "title", "heading"), [
    ("en", "Minimum wage as a share of the median wage", "Methodology"),
    ("ru", "Минимальная заработная плата в процентах от медианной", "Методология"),
    ("kk", "Ең төменгі жалақының медианалық жалақыға қатынасы", "Әдістеме"),
])
def test_an_indicator_page_in_each_language(client, lang, title, heading):
    page = client.get("/indicators/mw_median_ratio/", HTTP_ACCEPT_LANGUAGE=lang)
    assert page.status_code == 200
    text = page.content.decode()
    assert title in text and heading in text
    assert "<svg" in text  # the trend chart, drawn on the server
    assert "/indicators/statistics/" in text  # the figures link to the records they come from
    assert 'id="path"' in text


def test_the_density_page_breaks_down_by_sector_and_region(client, clean_statistics):
    federation = union("Miners", regions=(ALMATY,), sectors=("B",))
    report(federation, date(2025, 6, 1), 5_000, 4_000)
    stat("employees", "2025", 20_000, region=ALMATY)
    stat("employees", "2025", 16_000, sector="B")
    stat("employees", "2025", 100_000)
    page = client.get("/indicators/union_density/", {"period": "2025"}, **EN).content.decode()
    # Whole country 4,000 ÷ 100,000; mining 4,000 ÷ 16,000; Almaty 4,000 ÷ 20,000.
    assert "<strong>4&nbsp;%</strong>" in page and "<strong>25&nbsp;%</strong>" in page
    assert "<strong>20&nbsp;%</strong>" in page
    assert 'id="by-sector"' in page and 'id="by-region"' in page
    assert f"/partners/{federation.pk}/#reports" in page


def test_a_bad_filter_on_the_page_is_shown_not_a_crash(client):
    response = client.get("/indicators/union_density/", {"region": "nowhere"}, **EN)
    assert response.status_code == 422
    assert 'class="error" role="alert"' in response.content.decode()


def test_unknown_indicator_page_is_404(client):
    assert client.get("/indicators/nothing_here/").status_code == 404


def test_csv_and_json_downloads_carry_the_values_and_the_methodology(client):
    response = client.get("/indicators/mw_median_ratio/data.csv", {"period": "2025-Q1"}, **EN)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert (rows[0]["value"], rows[0]["numerator"], rows[0]["denominator"]) == ("28.30", "85000", "300307")
    assert rows[0]["methodology"].endswith("/indicators/mw_median_ratio/#methodology")
    document = json.loads(client.get("/indicators/mw_median_ratio/data.json", **EN).content)
    assert document["methodology"]["definition"] and document["values"]
    assert client.get("/indicators/mw_median_ratio/data.json", {"period": "x"}).status_code == 422


def test_the_statistics_page_lists_figures_with_sources(client):
    page = client.get("/indicators/statistics/", {"series": "minimum_wage"}, **EN).content.decode()
    assert "28" in page and "unconfirmed" in page
    figure = StatisticValue.objects.get(series="median_wage", period="2025-Q1")
    detail = client.get(f"/indicators/statistics/{figure.pk}/", **EN).content.decode()
    assert "aqparat.info" in detail and "Reference data shipped with the platform" in detail
    assert client.get("/indicators/statistics/", {"period": "soon"}, **EN).status_code == 422


def test_the_import_page_sends_anonymous_visitors_to_log_in(client):
    assert client.get("/indicators/statistics/import/").status_code == 302  # to the login page


def test_the_import_page_is_forbidden_to_a_role_that_does_not_load_statistics(client, make_user):
    client.force_login(make_user("editor", role="editor"))
    assert client.get("/indicators/statistics/import/").status_code == 403


def test_an_analyst_is_shown_every_problem_of_a_bad_file(client, analyst):
    client.force_login(analyst)
    response = client.post("/indicators/statistics/import/",
                           {"file": SimpleUploadedFile("bad.csv", BAD.encode())}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    text = response.content.decode()
    assert 'id="import-errors"' in text and "Неизвестный код региона" in text


def test_an_analyst_imports_a_good_file(client, analyst):
    client.force_login(analyst)
    response = client.post("/indicators/statistics/import/", {"file": SimpleUploadedFile("good.csv", GOOD.encode())})
    assert response.status_code == 302
    assert StatisticValue.objects.filter(statistics_import__isnull=False).count() == 4


def test_the_history_of_a_figure(client, analyst):
    figure = StatisticValue.objects.get(series="minimum_wage", period="2024")
    assert client.get(f"/indicators/statistics/{figure.pk}/history/").status_code == 404
    client.force_login(analyst)
    assert client.get(f"/indicators/statistics/{figure.pk}/history/").status_code == 200


def _region_shape(svg: str, iso: str) -> str:
    """The <path> element of one region, with its tooltip."""
    at = svg.index(f'data-region="{iso}"')
    return svg[svg.rindex("<path", 0, at):svg.index("</path>", at)]


def test_the_density_map_colours_the_regions_with_figures_and_hatches_the_others(client, clean_statistics):
    federation = union("Miners", regions=(ALMATY,), sectors=("B",))
    report(federation, date(2025, 6, 1), 5_000, 4_000)
    stat("employees", "2025", 20_000, region=ALMATY)
    stat("employees", "2025", 100_000)
    page = client.get("/indicators/union_density/", {"period": "2025"}, **EN).content.decode()
    svg = page[page.index('class="choropleth"'):]
    svg = svg[:svg.index("</svg>")]
    assert svg.count("data-region=") == 20  # 17 regions and the three cities
    almaty = _region_shape(svg, "KZ-75")
    assert "Almaty: 20.0 %" in almaty and "map-no-data" not in almaty
    assert "region=750000000" in svg[svg.rindex("<a ", 0, svg.index('data-region="KZ-75"')):]  # opens its figures
    astana = _region_shape(svg, "KZ-71")
    assert 'fill="url(#map-no-data)"' in astana and "Astana: no data" in astana
    assert "geokz 1.0.2 © Alexander Rodionov (CC BY 4.0)" in page  # the attribution under the map
    ru = client.get("/indicators/union_density/", {"period": "2025"}, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "20,0 %" in ru and "нет данных" in ru


def test_map_classes_follow_the_quantiles_and_every_region_of_the_pack_has_a_shape():
    from tripartite.indicators import maps
    from tripartite.jurisdictions import kz

    bins = maps.classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert [(b.low, b.high) for b in bins] == [(1, 3), (3, 5), (5, 6), (6, 8), (8, 10)]
    assert [b.colour for b in bins] == list(maps.PALETTES[5])
    assert len(maps.classes([7.0, 7.0, 7.0])) == 1 and len(maps.classes([1.0, 2.0])) == 1
    assert maps.classes([]) == []
    assert {s.kato for s in maps.geometry().shapes} == {maps.region_key(r.code) for r in kz.REGIONS}
