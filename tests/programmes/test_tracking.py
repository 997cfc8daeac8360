"""Indicator targets: the wrong side of a baseline is refused, and on track / at risk / off track follow the rule
written in the methodology (the straight path from the baseline through the milestones to the target)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tripartite.indicators import services as indicator_services
from tripartite.indicators.models import Series
from tripartite.programmes import services, tracking
from tripartite.programmes.models import IndicatorTarget
from tripartite.programmes.tracking import Point, Track, assess

D = Decimal


def _path(*points: tuple[int, str]) -> list[Point]:
    return [Point(D(year), D(value)) for year, value in points]


def test_on_track_when_the_value_has_covered_the_share_planned() -> None:
    path = _path((2025, "40"), (2030, "50"))  # +2 points a year
    assert assess(path, Point(D(2027), D("44"))).track == Track.ON_TRACK  # exactly on the path
    assert assess(path, Point(D(2027), D("45"))).track == Track.ON_TRACK


def test_at_risk_when_short_of_the_path_by_at_most_a_quarter_of_the_planned_progress() -> None:
    path = _path((2025, "40"), (2030, "50"))
    result = assess(path, Point(D(2027), D("43")))  # planned 4 points, made 3: three quarters
    assert result.track == Track.AT_RISK
    assert result.progress_planned == D("0.4") and result.progress_made == D("0.3")
    assert assess(path, Point(D(2027), D("42.9"))).track == Track.OFF_TRACK


def test_a_move_away_from_the_target_is_off_track() -> None:
    path = _path((2025, "40"), (2030, "50"))
    assert assess(path, Point(D(2026), D("39.5"))).track == Track.OFF_TRACK


def test_a_target_reached_early_is_on_track() -> None:
    path = _path((2025, "40"), (2030, "50"))
    result = assess(path, Point(D(2026), D("51")))
    assert result.track == Track.ON_TRACK and result.progress_made > 1


def test_a_lower_is_better_target_follows_the_same_rule() -> None:
    path = _path((2024, "1.0"), (2028, "0.2"))  # -0.2 a year
    assert assess(path, Point(D(2026), D("0.6"))).track == Track.ON_TRACK
    assert assess(path, Point(D(2026), D("0.7"))).track == Track.AT_RISK  # planned 0.4 down, made 0.3
    assert assess(path, Point(D(2026), D("1.1"))).track == Track.OFF_TRACK


def test_milestones_bend_the_path() -> None:
    path = _path((2025, "40"), (2026, "41"), (2030, "50"))  # slow start planned
    assert tracking.path_value(path, D(2026)) == D("41")
    assert assess(path, Point(D(2026), D("41"))).track == Track.ON_TRACK
    assert tracking.path_value(path, D("2028")) == D("45.5")


def test_no_value_after_the_baseline_year_is_no_data() -> None:
    path = _path((2025, "40"), (2030, "50"))
    assert assess(path, None).track == Track.NO_DATA
    assert assess(path, Point(D(2025), D("40"))).track == Track.NO_DATA


def test_a_quarter_counts_at_its_end() -> None:
    from tripartite.indicators.periods import Period

    assert tracking.time_of(Period(2025)) == D(2025)
    assert tracking.time_of(Period(2025, 2)) == D("2024.5")
    assert tracking.time_of(Period(2025, 4)) == D(2025)


def _target(world: Any, **fields: Any) -> IndicatorTarget:
    data = {"indicator_code": "mw_median_ratio", "baseline_value": D("28.3"), "baseline_year": 2025,
            "baseline_source": "BNS", "target_value": D("50"), "target_year": 2030, **fields}
    return services.target_create(by=world.secretary, owner=world.programme.areas.get(order=3), **data)


def test_a_target_below_the_baseline_of_a_higher_is_better_indicator_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        _target(world, target_value=D("25"))
    assert "target must be above the baseline" in caught.value.message_dict["target_value"][0]
    assert not IndicatorTarget.objects.exists()


def test_a_target_above_the_baseline_of_a_lower_is_better_indicator_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        _target(world, indicator_code="disputes_deadlines_missed", baseline_value=D("0.5"), target_value=D("0.8"))
    assert "target must be below the baseline" in caught.value.message_dict["target_value"][0]


def test_a_new_indicator_needs_its_name_and_methodology_and_an_unknown_code_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        _target(world, indicator_code="")
    assert {"title_ru", "methodology_ru"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError) as caught:
        _target(world, indicator_code="no_such_indicator")
    assert "indicator_code" in caught.value.message_dict


def test_milestones_fall_between_the_baseline_and_the_target(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        _target(world, milestones=[(2031, D("49"))])
    assert "milestones" in caught.value.message_dict


def test_the_minimum_wage_target_is_judged_on_the_series_the_platform_computes(world: Any) -> None:
    # The reference statistics hold the minimum wage; a median wage for two years gives the ratio's series.
    content = "\n".join([
        "series,period,region,sector,value,source,published_on",
        f"{Series.MEDIAN_WAGE},2025,,,300000,Test median,2026-01-01",
        f"{Series.MEDIAN_WAGE},2026,,,250000,Test median,2026-06-01",
    ]).encode()
    indicator_services.statistics_import(by=world.analyst, file_name="median.csv", content=content)
    target = _target(world, baseline_value=D("28.3"), baseline_year=2025, target_value=D("50"), target_year=2030)
    assessment = tracking.assessment_of(target)
    assert assessment.latest is not None and assessment.latest.label == "2026"
    # 85,000 ÷ 250,000 = 34 %: planned 28.3 + 21.7/5 = 32.64 by 2026, so on track.
    assert assessment.latest.value == D("34.00")
    assert assessment.track == Track.ON_TRACK


def test_a_new_indicator_is_judged_on_the_values_recorded(world: Any) -> None:
    target = _target(world, indicator_code="", title_en="Inspections per 1,000 workplaces",
                     methodology_en="Inspections ÷ workplaces × 1,000.", baseline_value=D("10"), baseline_year=2025,
                     target_value=D("20"), target_year=2030)
    services.observation_record(by=world.secretary, target=target, year=2026, value=D("11"), source="Inspectorate")
    assert tracking.assessment_of(target).track == Track.OFF_TRACK  # planned 12, made 11: half the plan
    services.observation_record(by=world.secretary, target=target, year=2027, value=D("13.5"), source="Inspectorate")
    assert tracking.assessment_of(target).track == Track.AT_RISK  # planned 14, made 13.5 ≥ 0.75 × 4 + 10


def test_the_rule_is_written_in_the_methodology_shown_with_each_target() -> None:
    assert "straight line" in str(tracking.RULE) and "three quarters" in str(tracking.RULE)
    assert date(2026, 1, 1)  # the module is importable without the database


def test_the_trend_chart_draws_the_values_against_the_planned_path_in_the_readers_numbers(world: Any, client: Any
                                                                                           ) -> None:
    from django.utils import translation

    from tripartite.programmes import queries

    target = _target(world, indicator_code="", title_en="Inspections per 1,000 workplaces",
                     methodology_en="Inspections ÷ workplaces × 1,000.", baseline_value=D("10"), baseline_year=2025,
                     target_value=D("20.5"), target_year=2030, milestones=[(2028, D("15"))])
    services.observation_record(by=world.secretary, target=target, year=2026, value=D("11.25"), source="Inspectorate")
    services.observation_record(by=world.secretary, target=target, year=2027, value=D("13.5"), source="Inspectorate")
    row = queries.target_rows([target])[0]
    assert [p.value for p in row.series] == [D("11.25"), D("13.5")]
    with translation.override("en"):
        svg = row.chart_svg
    # The planned path: baseline, one milestone and the target as squares; the two values as points on a line.
    assert svg.count("<rect ") == 3 and svg.count("<circle ") == 2 and svg.count("<polyline ") == 2
    assert "baseline 2025: 10" in svg and "milestone 2028: 15" in svg and "target 2030: 20.5" in svg
    assert "2026: 11.25" in svg
    with translation.override("ru"):
        svg_ru = row.chart_svg
    assert "2026: 11,25" in svg_ru and "Плановая траектория" in svg_ru
    page = client.get(f"/programmes/{world.programme.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'id="target-chart-{target.pk}"' in page and "Planned path" in page


def test_a_target_with_no_value_yet_still_shows_its_planned_path(world: Any) -> None:
    from django.utils import translation

    from tripartite.programmes import queries

    target = _target(world, indicator_code="", title_en="Inspections per 1,000 workplaces",
                     methodology_en="Inspections ÷ workplaces × 1,000.", baseline_value=D("10"), baseline_year=2025,
                     target_value=D("20"), target_year=2030)
    with translation.override("en"):
        svg = queries.target_rows([target])[0].chart_svg
    assert svg.count("<rect ") == 2 and "<circle " not in svg and "No value recorded yet" in svg
