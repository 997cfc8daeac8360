"""The indicators' demonstration data: loaded with the demo, marked as demo, giving density its denominators."""

from __future__ import annotations

from datetime import date

import pytest

from tripartite.demo import services as demo_services
from tripartite.indicators import demo
from tripartite.indicators.models import StatisticValue

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_demonstration_statistics():
    assert "tripartite.indicators.demo" in demo_services.DEMO_MODULES
    result = demo_services.load_demo(today=date(2026, 6, 15))
    assert result.loaded
    assert any(line.startswith("Indicators: 14 demonstration figures") for line in result.extras)
    demo_figures = StatisticValue.objects.filter(is_demo=True)
    assert demo_figures.count() == 14
    assert set(demo_figures.values_list("source", flat=True)) == {demo.SOURCE}
    # The real reference figures are untouched and not marked as demo.
    assert StatisticValue.objects.get(series="median_wage", period="2025-Q1").is_demo is False


def test_the_demo_module_on_its_own(admin_user):
    line = demo.load(by=admin_user, users={"admin": admin_user}, orgs={}, today=date(2026, 6, 15))
    assert line == "Indicators: 14 demonstration figures of employees (2025–2026)."
    national = StatisticValue.objects.get(series="employees", period="2026", region=None, sector=None)
    assert national.is_demo and national.value == 6_900_000
