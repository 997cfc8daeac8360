"""The home page: every module with its key figures and what is open now, counted as the reader may see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tripartite.core.home import SECTIONS, Figure
from tripartite.demo.services import load_demo
from tripartite.surveys.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()


def _card(page: str, key: str) -> str:
    return page.split(f'id="home-{key}"')[1].split('<li id="home-')[0]


def test_every_module_has_its_card_with_figures(client, demo):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for path in SECTIONS:
        key = path.split(".")[1]
        assert f'id="home-{key}"' in page, key
        assert _card(page, key).count("<dt>") == 3, key


def test_open_surveys_are_listed_with_their_last_day_and_unpublished_ones_are_not(client, demo):
    today = timezone.localdate()
    open_link = Campaign.objects.filter(published=True).exclude(mode=Campaign.Mode.INVITATION).first()
    assert open_link is not None
    Campaign.objects.filter(pk=open_link.pk).update(opens_on=today - timedelta(days=1),
                                                    closes_on=today + timedelta(days=9))
    surveys = _card(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode(), "surveys")
    assert f"/surveys/r/{open_link.slug}/" in surveys
    assert (today + timedelta(days=9)).strftime("%d.%m.%Y") in surveys
    Campaign.objects.filter(pk=open_link.pk).update(published=False)
    surveys = _card(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode(), "surveys")
    assert f"/surveys/r/{open_link.slug}/" not in surveys  # an anonymous reader is not told of it


def test_figures_are_written_as_each_language_writes_numbers(client):
    from django.utils import translation

    figure = Figure(1234567, "employees")
    with translation.override("en"):
        assert figure.shown == "1,234,567"
    for lang in ("ru", "kk"):
        with translation.override(lang):
            assert figure.shown.replace("\xa0", " ") == "1 234 567"
    assert Figure("2025", "year").shown == "2025"


def test_the_home_page_in_kazakh_and_russian(client, demo):
    ru = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    kk = client.get("/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Консультации по проектам актов" in ru or "проект" in ru
    assert "Social partners" not in ru and "Social partners" not in kk
