"""Results pages: the owner's full view, the public view with hidden cells, the crosstab builder and its
messages, pinning, margins, and the pages in Kazakh and Russian."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.surveys.results_fixtures import make_union, paper_campaign
from tripartite.surveys.models import Margins, ResultTable
from tripartite.surveys.template_tables import pin_template_tables

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def union() -> Any:
    return make_union()


@pytest.fixture
def owner(personas: Any) -> Any:
    return personas.owner


@pytest.fixture
def campaign(union: Any) -> Any:
    campaign = paper_campaign(union, slug="paper", results_public=True)
    pin_template_tables(campaign)
    return campaign


def _login(client: Any, user: Any) -> None:
    assert client.login(username=user.username, password=PASSWORD)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_the_owner_sees_tables_3_to_5_figures_and_counts(client: Any, owner: Any, campaign: Any) -> None:
    _login(client, owner)
    response = client.get(reverse("surveys:results", args=[campaign.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="pinned-table"') == 3
    assert "Table 4. The employer&#x27;s involvement by sector" in html
    assert "<svg" in html  # charts inline
    assert 'id="question-gov"' in html and 'id="question-employer"' in html and 'id="question-self"' in html
    assert "346" in html
    assert 'id="public-notice"' not in html
    assert reverse("surveys:results_import", args=[campaign.slug]) in html


def test_the_public_sees_results_with_small_cells_hidden(client: Any, campaign: Any) -> None:
    response = client.get(reverse("surveys:results", args=[campaign.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="public-notice"' in html
    assert "•" in html  # Table 4 has cells under 5
    assert reverse("surveys:results_export_answers", args=[campaign.slug, "csv"]) not in html
    assert reverse("surveys:results_import", args=[campaign.slug]) not in html


def test_private_results_send_anonymous_visitors_to_sign_in(client: Any, union: Any) -> None:
    campaign = paper_campaign(union, slug="private")
    response = client.get(reverse("surveys:results", args=[campaign.slug]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_private_results_and_answers_are_refused_to_an_outsider(client: Any, personas: Any, union: Any) -> None:
    campaign = paper_campaign(union, slug="private")
    _login(client, personas.outsider)
    assert client.get(reverse("surveys:results", args=[campaign.slug])).status_code == 403
    assert client.get(reverse("surveys:results_export_answers", args=[campaign.slug, "csv"])).status_code == 403


def test_the_unions_analyst_sees_the_full_private_results(client: Any, personas: Any, union: Any) -> None:
    campaign = paper_campaign(union, slug="private")
    _login(client, personas.member)
    response = client.get(reverse("surveys:results", args=[campaign.slug]))
    assert response.status_code == 200 and 'id="public-notice"' not in response.content.decode()
    assert client.get(reverse("surveys:results_export_answers", args=[campaign.slug, "csv"])).status_code == 200


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_owner_changes_the_results_settings(client: Any, personas: Any, campaign: Any, who: str) -> None:
    _login(client, getattr(personas, who))
    assert client.get(reverse("surveys:results_margins", args=[campaign.slug])).status_code == 403
    assert client.get(reverse("surveys:results_import", args=[campaign.slug])).status_code == 403
    response = client.post(reverse("surveys:results_pin", args=[campaign.slug]), {"rows": "gender", "cols": "gov"})
    assert response.status_code == 403 and campaign.result_tables.count() == 3
    table = campaign.result_tables.first()
    assert client.post(reverse("surveys:results_unpin", args=[campaign.slug, table.pk])).status_code == 403
    assert campaign.result_tables.count() == 3


def test_the_crosstab_builder_shows_table_4_with_statistics(client: Any, owner: Any, campaign: Any) -> None:
    _login(client, owner)
    response = client.get(reverse("surveys:results_crosstab", args=[campaign.slug]),
                          {"rows": "sector", "cols": "employer", "layer": "", "weight": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pearson chi-square: χ² = 19.81, df = 30" in html
    assert "<svg" in html
    assert 'id="pin-submit"' in html


@pytest.mark.parametrize("params,text", [
    ({"rows": "nope", "cols": "self"}, "no question with the code"),
    ({"rows": "self", "cols": "self"}, "different question"),
    ({"rows": "network_size", "cols": "self"}, "only single-choice questions"),
    ({"rows": "gender", "cols": "self", "weight": "raking"}, "margins"),
])
def test_bad_builder_parameters_give_a_message_not_an_error(client: Any, owner: Any, campaign: Any,
                                                           params: dict[str, str], text: str) -> None:
    _login(client, owner)
    response = client.get(reverse("surveys:results_crosstab", args=[campaign.slug]), params)
    assert response.status_code == 422
    assert text in response.content.decode()


def test_the_owner_pins_a_table(client: Any, owner: Any, campaign: Any) -> None:
    _login(client, owner)
    response = client.post(reverse("surveys:results_pin", args=[campaign.slug]),
                           {"rows": "gender", "cols": "gov", "layer": "", "weight": "rds", "title_en": "Gender and state"})
    assert response.status_code == 302
    table = ResultTable.objects.get(campaign=campaign, title_en="Gender and state")
    assert table.weight == "rds"
    page = client.get(reverse("surveys:results", args=[campaign.slug])).content.decode()
    assert "Gender and state" in page and "RDS-II" in page
    client.post(reverse("surveys:results_unpin", args=[campaign.slug, table.pk]))
    assert not ResultTable.objects.filter(pk=table.pk).exists()


def test_margins_upload_validates_and_enables_raking(client: Any, owner: Any, campaign: Any) -> None:
    _login(client, owner)
    url = reverse("surveys:results_margins", args=[campaign.slug])
    bad = SimpleUploadedFile("m.csv", b"variable,code,target\ngender,1,0.5\ngender,3,0.5\nsector,x,1\n")
    response = client.post(url, {"form": "upload", "upload-file": bad})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Line 4" in html  # code "x"
    assert not Margins.objects.exists()
    good = SimpleUploadedFile("m.csv", b"variable,code,target\ngender,1,48\ngender,2,52\n")
    assert client.post(url, {"form": "upload", "upload-file": good, "upload-source": "Census"}).status_code == 302
    assert Margins.objects.get(campaign=campaign, variable="gender").targets == {"1": 48.0, "2": 52.0}
    typed = client.post(url, {"form": "typed", "typed-variable": "age_group", "typed-targets": "1 = 10\n2 = 20"})
    assert typed.status_code == 422
    assert "missing: 3, 4, 5, 6" in typed.content.decode()
    response = client.get(reverse("surveys:results_crosstab", args=[campaign.slug]),
                          {"rows": "gender", "cols": "self", "weight": "raking"})
    assert response.status_code == 200
    assert "Raked to the uploaded margins of gender" in response.content.decode()


def test_yaml_and_xlsx_margins_are_read(owner: Any, campaign: Any) -> None:
    import io

    from openpyxl import Workbook

    from tripartite.surveys.results.services import parse_margins_file

    assert parse_margins_file("m.yaml", b"gender: {1: 0.5, 2: 0.5}\n") == {"gender": {1: 0.5, 2: 0.5}}
    book = Workbook()
    book.active.append(["variable", "code", "target"])
    book.active.append(["gender", 1, 100])
    book.active.append(["gender", 2, 120])
    out = io.BytesIO()
    book.save(out)
    assert parse_margins_file("m.xlsx", out.getvalue()) == {"gender": {1: 100.0, 2: 120.0}}


@pytest.mark.parametrize("lang,text", [("ru", "Ответы на каждый вопрос"), ("kk", "Әр сұраққа жауаптар")])
def test_the_results_page_speaks_kazakh_and_russian(client: Any, campaign: Any, lang: str, text: str) -> None:
    response = client.get(reverse("surveys:results", args=[campaign.slug]), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    assert text in response.content.decode()


def test_the_demo_campaign_shows_the_papers_tables_and_figures_to_everyone(client: Any, admin_user: Any,
                                                                          union: Any) -> None:
    from datetime import date

    from tripartite.surveys import demo

    # The surveys part of the demo on its own (load_demo() runs it after the other apps' parts).
    demo.load(by=admin_user, users={"admin": admin_user}, orgs={"fturk": union}, today=date(2026, 6, 15))
    response = client.get(reverse("surveys:results", args=["social-dialogue-2024"]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Table 3.", "Table 4.", "Table 5."):
        assert title in html
    for code in ("gov", "employer", "self"):  # Figures 1-3
        assert f'id="question-{code}"' in html
    assert "346 responses in total." in html


def test_the_public_crosstab_builder_hides_small_cells(client: Any, campaign: Any) -> None:
    response = client.get(reverse("surveys:results_crosstab", args=[campaign.slug]),
                          {"rows": "sector", "cols": "employer"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hidden: too few answers" in html
    assert 'id="pin-submit"' not in html and "This table as DOCX" not in html


def test_deleting_margins_asks_first_then_deletes(client: Any, owner: Any, campaign: Any) -> None:
    from tripartite.surveys.results import services

    row = services.margins_save(campaign=campaign, margins={"gender": {1: 0.5, 2: 0.5}}, source="", by=owner)[0]
    _login(client, owner)
    url = reverse("surveys:results_margins_delete", args=[campaign.slug, row.pk])
    page = client.get(url)
    assert page.status_code == 200 and "The deletion is kept in the history." in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("surveys:results_margins", args=[campaign.slug])
    assert not Margins.objects.filter(pk=row.pk).exists()
