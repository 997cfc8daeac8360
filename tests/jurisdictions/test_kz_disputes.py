"""Kazakhstan's collective-dispute procedure as data: hand-worked deadlines on the official calendar, every
allowed and forbidden move, collective-agreement overrides, unset rules. Pure: no database.

Calendar facts used below (holidays package, checked against the government's decrees):
2025 — Nauryz 21–23 Mar (Fri–Sun) carried over to Mon 24 and Tue 25; 3 Jan (Fri) off, Sun 5 Jan worked;
       Orthodox Christmas 7 Jan; Independence Day Tue 16 Dec.
2024 — Sat 4 May worked, Wed 8 May off (between Defender's Day 7 May and Victory Day 9 May).
2026 — Nauryz 21–23 Mar (Sat–Mon) carried over to Tue 24 and Wed 25; Independence Day Wed 16 Dec.
"""

from datetime import date
from itertools import product

import pytest

from tripartite.jurisdictions import Unit, get_pack
from tripartite.jurisdictions.disputes import Override, TransitionRefused
from tripartite.jurisdictions.kz_disputes import PROCEDURE, RULES, TRANSITIONS

PACK = get_pack("kz")


def _spec(rule: str):
    return next(spec for _step, spec in PROCEDURE.deadline_specs() if spec.rule == rule)


def _due(rule: str, start: date, **kw) -> date | None:
    return PROCEDURE.compute(PACK, _spec(rule), start, **kw).due


# Deadlines on the calendar ---------------------------------------------------------------------------------


def test_the_pack_exposes_the_procedure():
    assert PACK.dispute_procedure is PROCEDURE
    assert PROCEDURE.initial_stage == "demands"


@pytest.mark.parametrize(("start", "due", "why"), [
    (date(2025, 3, 19), date(2025, 3, 27), "Thu 20; Nauryz 21-25 (with carry-over); Wed 26; Thu 27"),
    (date(2026, 3, 20), date(2026, 3, 30), "weekend and Nauryz 21-25 Mar 2026; Thu 26, Fri 27, Mon 30"),
    (date(2025, 12, 15), date(2025, 12, 19), "Independence Day Tue 16 Dec skipped: 17, 18, 19"),
    (date(2025, 12, 12), date(2025, 12, 18), "weekend, Mon 15, Independence Day 16, then 17 and 18"),
    (date(2026, 12, 15), date(2026, 12, 21), "Independence Day Wed 16 Dec 2026, Thu 17, Fri 18, Mon 21"),
    (date(2024, 12, 31), date(2025, 1, 8), "1-2 Jan holidays, Fri 3 Jan transferred off, Sun 5 Jan worked, Christmas 7"),
    (date(2024, 5, 2), date(2024, 5, 6), "Fri 3, Sat 4 May 2024 (a working Saturday), Mon 6"),
    (date(2025, 6, 13), date(2025, 6, 18), "Friday: the weekend does not count; Mon 16, Tue 17, Wed 18"),
])
def test_employer_reply_deadline_is_three_working_days_on_the_official_calendar(start, due, why):
    computed = PROCEDURE.compute(PACK, _spec("employer_reply_to_demands"), start)
    assert computed.due == due, why
    assert computed.verified and computed.rule_source.article == "163(2)"
    assert computed.deadline.unit == Unit.WORKING_DAYS and computed.deadline.days == 3


def test_conciliation_consideration_skips_nauryz_2026():
    # Mon 16 Mar 2026: 17, 18, 19, 20 (4); 21-25 off; 26 (5), 27 (6), Mon 30 (7).
    assert _due("conciliation_commission_consideration", date(2026, 3, 16)) == date(2026, 3, 30)


def test_conciliation_consideration_skips_the_2024_may_transfer():
    # Fri 3 May 2024: Sat 4 worked (1), Mon 6 (2), 7 holiday, 8 transferred off, 9 holiday, 10, 13, 14, 15, 16.
    assert _due("conciliation_commission_consideration", date(2024, 5, 3)) == date(2024, 5, 16)


def test_inspectorate_notification_is_due_the_same_day_even_on_a_holiday():
    computed = PROCEDURE.compute(PACK, _spec("inspectorate_notification"), date(2025, 3, 22))
    assert computed.due == date(2025, 3, 22) and computed.deadline.days == 0
    assert computed.verified


def test_weekly_report_falling_on_nauryz_moves_to_the_next_working_day_and_is_unverified():
    computed = PROCEDURE.compute(PACK, _spec("inspectorate_weekly_report"), date(2025, 3, 14))
    assert computed.due == date(2025, 3, 26)
    assert computed.deadline.moved_from == date(2025, 3, 21)
    assert not computed.verified  # the moving rule (Art. 13) is unconfirmed


def test_unset_rules_give_no_date():
    for rule in ("labour_arbitration_creation", "labour_arbitration_consideration", "strike_notice"):
        computed = PROCEDURE.compute(PACK, _spec(rule), date(2025, 3, 19))
        assert computed.deadline is None and computed.due is None and not computed.verified


def test_deadlines_started_on_a_day_list_each_rule_once_with_source_and_status():
    rows = {c.spec.rule: c for c in PROCEDURE.deadlines_started_on(PACK, date(2025, 3, 19))}
    assert list(rows) == [
        "employer_reply_to_demands", "inspectorate_notification", "inspectorate_weekly_report",
        "conciliation_commission_creation", "conciliation_commission_consideration",
        "labour_arbitration_creation", "labour_arbitration_consideration", "strike_notice",
    ]
    assert rows["conciliation_commission_creation"].due == date(2025, 3, 27)
    assert not rows["conciliation_commission_creation"].verified
    assert rows["conciliation_commission_consideration"].due == date(2025, 4, 2)
    assert rows["strike_notice"].due is None


def test_an_installation_can_configure_an_unset_rule_which_stays_unverified():
    pack = get_pack("kz", overrides={"strike_notice": 10})
    computed = pack.dispute_procedure.compute(pack, _spec("strike_notice"), date(2025, 3, 19))
    # 10 working days after Wed 19 Mar 2025: 20, 26, 27, 28, 31 Mar, 1, 2, 3, 4, 7 Apr.
    assert computed.due == date(2025, 4, 7)
    assert not computed.verified


# Collective agreement overrides ----------------------------------------------------------------------------


def test_an_agreement_may_shorten_a_statutory_period():
    computed = PROCEDURE.compute(PACK, _spec("conciliation_commission_consideration"), date(2026, 3, 16),
                                 agreement_days={"conciliation_commission_consideration": 5},
                                 agreement_source="Collective agreement 2026")
    assert computed.due == date(2026, 3, 26)  # 17, 18, 19, 20, then 26 after Nauryz
    assert computed.override_source == "Collective agreement 2026" and not computed.verified


def test_an_agreement_cannot_lengthen_a_confirmed_statutory_period():
    computed = PROCEDURE.compute(PACK, _spec("employer_reply_to_demands"), date(2025, 3, 19),
                                 agreement_days={"employer_reply_to_demands": 10}, agreement_source="CA")
    assert computed.due == date(2025, 3, 27) and computed.override_source is None and computed.verified


def test_an_agreement_sets_a_period_the_law_leaves_unset():
    assert _spec("labour_arbitration_creation").override == Override.ANY
    computed = PROCEDURE.compute(PACK, _spec("labour_arbitration_creation"), date(2025, 3, 19),
                                 agreement_days={"labour_arbitration_creation": 5}, agreement_source="CA")
    assert computed.due == date(2025, 3, 31)  # 20, 26, 27, 28, Mon 31
    assert computed.override_source == "CA"


def test_an_agreement_never_changes_the_duty_to_notify_the_inspectorate():
    computed = PROCEDURE.compute(PACK, _spec("inspectorate_notification"), date(2025, 3, 19),
                                 agreement_days={"inspectorate_notification": 3}, agreement_source="CA")
    assert computed.due == date(2025, 3, 19) and computed.override_source is None


# Moves between stages --------------------------------------------------------------------------------------

ALLOWED = {(t.source_stage, t.target_stage) for t in TRANSITIONS}
STAGES = [s.code for s in PROCEDURE.stages]


@pytest.mark.parametrize(("current", "target"), list(product(STAGES, STAGES)))
def test_every_move_is_allowed_or_refused_as_the_procedure_says(current, target):
    if (current, target) in ALLOWED:
        assert PROCEDURE.transition(current, target).target_stage == target
        return
    with pytest.raises(TransitionRefused) as refused:
        PROCEDURE.transition(current, target)
    expected = "terminal" if PROCEDURE.stage(current).terminal else ("same" if current == target else "not_allowed")
    assert refused.value.code == expected
    assert all(refused.value.message[lang] for lang in ("kk", "ru", "en"))


def test_the_refusal_names_the_allowed_moves_in_each_language():
    with pytest.raises(TransitionRefused) as refused:
        PROCEDURE.transition("demands", "arbitration")
    assert "Примирительная комиссия" in refused.value.message["ru"]
    assert "Татуластыру комиссиясы" in refused.value.message["kk"]
    assert "Conciliation commission" in refused.value.message["en"]


def test_an_unknown_stage_is_refused():
    with pytest.raises(TransitionRefused) as refused:
        PROCEDURE.transition("demands", "lockout")
    assert refused.value.code == "unknown_stage"


def test_a_strike_may_follow_conciliation_but_not_the_demands_stage():
    assert ("conciliation", "strike") in ALLOWED and ("demands", "strike") not in ALLOWED


# The data itself -------------------------------------------------------------------------------------------


def test_every_deadline_names_a_rule_of_the_pack_counted_in_days():
    for _step, spec in PROCEDURE.deadline_specs():
        rule = PACK.rule(spec.rule, date(2025, 3, 19))
        assert rule.unit in (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS)
        assert rule.source.title and rule.description["kk"] and rule.description["ru"]


def test_rules_added_by_the_procedure_are_confirmed_and_sourced():
    keys = {r.key for r in RULES}
    assert keys == {"inspectorate_notification", "inspectorate_weekly_report"}
    assert all(r.verified and r.source.url for r in RULES)


def test_every_open_stage_tells_both_parties_what_is_expected_in_three_languages():
    for stage in PROCEDURE.stages:
        if stage.terminal:
            continue
        for party in ("employer", "workers"):
            assert all(stage.expects[party][lang] for lang in ("kk", "ru", "en")), (stage.code, party)


def test_the_documents_asked_by_the_issue_are_required():
    codes = {d.code for d in PROCEDURE.documents}
    assert {"demands_protocol", "conciliation_minutes", "conciliation_composition"} <= codes


def test_unlawful_strike_grounds_cite_article_176_and_flag_the_incomplete_list():
    grounds = {g.code: g for g in PROCEDURE.unlawful_strike_grounds}
    assert "martial_law_emergency" in grounds and "hazardous_facilities" in grounds
    assert all(g.source.article == "176" for g in grounds.values())
    assert not grounds["life_support"].verified
