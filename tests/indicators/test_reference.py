"""The reference figures shipped with the platform: the pack's minimum wage and the §5.3 wages, loaded once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.management import call_command

from tripartite.core.jurisdiction import current_pack
from tripartite.indicators import reference, services
from tripartite.indicators.models import StatisticValue

pytestmark = pytest.mark.django_db


def test_the_minimum_wage_comes_from_the_jurisdiction_pack_year_by_year():
    pack = current_pack()
    figures = StatisticValue.objects.filter(series="minimum_wage", region=None, sector=None)
    for figure in figures:
        rule = pack.rules.rule("minimum_wage_monthly", date(figure.year, 7, 1))
        assert (figure.value, figure.confirmed, figure.source_url) == (rule.value, rule.verified, rule.source.url)
    assert sorted(figures.values_list("period", flat=True)) == [str(y) for y in range(2018, 2027)]
    assert figures.get(period="2018").confirmed is False  # "before 2019": the 2018 start is background


def test_the_published_wages_are_loaded_with_their_sources():
    median = StatisticValue.objects.get(series="median_wage", period="2025-Q1")
    assert (median.value, median.year, median.quarter) == (300_307, 2025, 1)
    assert median.source_url.startswith("https://aqparat.info/") and median.confirmed
    assert StatisticValue.objects.filter(series__in=["average_wage", "median_wage"]).count() == 10


def test_loading_again_changes_nothing_and_never_overwrites_an_import(analyst, capsys):
    before = list(StatisticValue.objects.order_by("pk").values_list("pk", "value"))
    assert services.reference_figures_load() == (0, 0)
    assert list(StatisticValue.objects.order_by("pk").values_list("pk", "value")) == before
    services.statistics_import(by=analyst, file_name="bns.csv", content=(
        b"series,period,value,source,published_on\nmedian_wage,2025-Q1,301000,BNS release,2025-05-15\n"))
    call_command("load_reference_statistics")
    assert StatisticValue.objects.get(series="median_wage", period="2025-Q1").value == 301_000


def test_a_new_minimum_wage_in_the_pack_is_added_by_the_loader():
    pack = current_pack()
    last = pack.rules.rule("minimum_wage_monthly", date(2026, 6, 1))
    newer = replace(last, value=90_000, effective_from=date(2027, 1, 1), effective_to=date(2027, 12, 31))
    fake = type("Pack", (), {"rules": type(pack.rules)((*pack.rules.rules, newer))})()
    assert reference.load_reference_figures(StatisticValue, fake) == (1, 0)
    assert StatisticValue.objects.get(series="minimum_wage", period="2027").value == 90_000
