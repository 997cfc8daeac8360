"""Kazakhstan's working-day calendar and statutory deadlines (event day not counted)."""

from datetime import date

import pytest

from tripartite.jurisdictions import RuleNotSet, get_pack

CAL = get_pack("kz").calendar


def test_weekend_is_not_a_working_day():
    assert not CAL.is_working_day(date(2025, 6, 14))  # Saturday
    assert not CAL.is_working_day(date(2025, 6, 15))  # Sunday
    assert CAL.is_working_day(date(2025, 6, 16))


def test_reply_deadline_skips_nauryz_days():
    # 2025: Nauryz 21-23 March (Fri-Sun), the weekend days carried over to Mon 24 and Tue 25.
    assert CAL.add_working_days(date(2025, 3, 19), 3) == date(2025, 3, 27)
    deadline = get_pack().deadline_for("employer_reply_to_demands", date(2025, 3, 19))
    assert deadline.due == date(2025, 3, 27)
    assert deadline.verified and deadline.source.article == "163(2)"


def test_working_days_skip_new_year_and_orthodox_christmas():
    # 31 Dec 2025 (1), 1-2 Jan holidays, 3-4 Jan weekend, 5 Jan (2), 6 Jan (3), 7 Jan Christmas, 8 Jan (4).
    assert CAL.add_working_days(date(2025, 12, 30), 3) == date(2026, 1, 6)
    assert CAL.add_working_days(date(2025, 12, 30), 4) == date(2026, 1, 8)


def test_government_transfer_makes_a_weekday_off_and_a_sunday_working():
    # Government decree for 2025: day off moved from Sunday 5 January to Friday 3 January.
    assert not CAL.is_working_day(date(2025, 1, 3))
    assert CAL.is_working_day(date(2025, 1, 5))
    assert CAL.add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 5)


def test_2024_transfer_around_victory_day():
    # 2024: Saturday 4 May worked, Wednesday 8 May off, between Defender's Day (7) and Victory Day (9).
    assert CAL.add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 4)
    assert CAL.add_working_days(date(2024, 5, 6), 2) == date(2024, 5, 13)


def test_independence_day_is_skipped():
    assert CAL.add_working_days(date(2025, 12, 15), 1) == date(2025, 12, 17)


def test_holiday_on_saturday_is_carried_over_to_monday():
    # Constitution Day, Saturday 30 August 2025, observed on Monday 1 September.
    assert not CAL.is_working_day(date(2025, 9, 1))
    assert CAL.holiday_name(date(2025, 9, 1)) is not None


def test_working_days_between_counts_after_start_up_to_end():
    start = date(2025, 3, 19)
    due = CAL.add_working_days(start, 7)
    assert CAL.working_days_between(start, due) == 7
    assert CAL.working_days_between(due, start) == -7
    assert CAL.working_days_between(start, start) == 0


def test_zero_working_days_is_the_start_day():
    assert CAL.add_working_days(date(2025, 3, 22), 0) == date(2025, 3, 22)


def test_calendar_day_deadline_on_saturday_moves_to_monday():
    deadline = get_pack().deadline_for("bargaining_start", date(2025, 6, 4))
    assert deadline.due == date(2025, 6, 16)
    assert deadline.moved_from == date(2025, 6, 14)
    # the move rule is unverified, so the deadline is shown as unverified
    assert not deadline.verified


def test_calendar_day_deadline_on_working_day_stays_verified():
    deadline = get_pack().deadline_for("bargaining_start", date(2025, 6, 2))
    assert deadline.due == date(2025, 6, 12)
    assert deadline.moved_from is None and deadline.verified


def test_calendar_deadline_stays_on_day_off_when_move_rule_is_switched_off():
    pack = get_pack("kz", overrides={"calendar_deadline_moves_to_next_working_day": False})
    assert pack.deadline_for("bargaining_start", date(2025, 6, 4)).due == date(2025, 6, 14)


def test_deadline_dispatches_on_unit():
    assert CAL.deadline(date(2025, 3, 19), 3, "working_days") == date(2025, 3, 27)
    assert CAL.add_calendar_days(date(2025, 3, 19), 3) == date(2025, 3, 22)
    assert CAL.deadline(date(2025, 3, 19), 3, "calendar_days") == date(2025, 3, 26)
    with pytest.raises(ValueError):
        CAL.deadline(date(2025, 3, 19), 3, "hours")


def test_unconfirmed_deadline_cannot_be_computed_until_configured():
    with pytest.raises(RuleNotSet):
        get_pack().deadline_for("strike_notice", date(2025, 3, 19))
    configured = get_pack("kz", overrides={"strike_notice": 5})
    deadline = configured.deadline_for("strike_notice", date(2025, 3, 19))
    assert deadline.due == date(2025, 3, 31) and not deadline.verified
