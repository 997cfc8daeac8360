"""Dated, sourced statutory rules and local overrides of unverified ones."""

from datetime import date
from decimal import Decimal

import pytest

from tripartite.jurisdictions import (
    LANGUAGES,
    InvalidOverride,
    RuleNotFound,
    get_pack,
)
from tripartite.jurisdictions.kz import RULES

PACK = get_pack("kz")


@pytest.mark.parametrize("on, expected", [
    (date(2018, 6, 1), 28_284), (date(2021, 12, 31), 42_500), (date(2022, 1, 1), 60_000),
    (date(2023, 12, 31), 70_000), (date(2024, 1, 1), 85_000), (date(2025, 7, 1), 85_000),
    (date(2026, 12, 31), 85_000),
])
def test_minimum_wage_in_force_on_a_date(on, expected):
    assert PACK.rule("minimum_wage_monthly", on=on).value == expected


def test_minimum_wage_after_known_years_is_not_guessed():
    with pytest.raises(RuleNotFound):
        PACK.rule("minimum_wage_monthly", on=date(2027, 1, 1))


def test_rule_in_force_bounds_are_inclusive():
    r = PACK.rule("minimum_wage_monthly", on=date(2022, 6, 1))
    assert r.in_force_on(date(2022, 1, 1)) and r.in_force_on(date(2022, 12, 31))
    assert not r.in_force_on(date(2021, 12, 31)) and not r.in_force_on(date(2023, 1, 1))


def test_versions_are_listed_oldest_first():
    values = [r.value for r in PACK.rules.versions("minimum_wage_monthly")]
    assert values == [28_284, 42_500, 60_000, 70_000, 85_000, 85_000, 85_000]


def test_unknown_rule_raises_rule_not_found():
    with pytest.raises(RuleNotFound):
        PACK.rule("no_such_rule")


def test_confirmed_deadlines_have_their_values_and_units():
    assert (PACK.rule("bargaining_start").value, PACK.rule("bargaining_start").unit) == (10, "calendar_days")
    reply = PACK.rule("employer_reply_to_demands")
    assert (reply.value, reply.unit, reply.verified, reply.source.article) == (3, "working_days", True, "163(2)")
    assert PACK.rule("conciliation_commission_consideration").value == 7
    assert PACK.rule("general_agreement_term").value == 3


@pytest.mark.parametrize("key", ["labour_arbitration_creation", "labour_arbitration_consideration",
                                 "strike_notice"])
def test_unconfirmed_dispute_rules_are_not_set(key):
    r = PACK.rule(key)
    assert r.value is None and not r.verified


def test_every_rule_has_a_source_and_a_trilingual_description():
    for r in RULES:
        assert r.source.title and r.source.url, r.key
        assert all(r.description.get(lang) for lang in LANGUAGES), r.key
        assert r.description["ru"] != r.description["en"], r.key


def test_rules_without_a_value_are_never_verified():
    assert all(not r.verified for r in RULES if r.value is None)


def test_override_keeps_rule_unverified_and_notes_local_configuration():
    pack = get_pack("kz", overrides={"conciliation_commission_creation": 5, "strike_notice": "7"})
    r = pack.rule("conciliation_commission_creation")
    assert r.value == 5 and not r.verified
    assert "configured locally" in r.source.note and "Pack value: 3" in r.source.note
    assert pack.rule("strike_notice").value == 7
    # the shared default pack is untouched
    assert get_pack("kz").rule("conciliation_commission_creation").value == 3


def test_override_of_a_share_becomes_a_decimal():
    pack = get_pack("kz", overrides={"sectoral_union_min_sector_employees_share": "0.15"})
    assert pack.rule("sectoral_union_min_sector_employees_share").value == Decimal("0.15")


def test_override_of_a_verified_rule_is_refused():
    with pytest.raises(InvalidOverride):
        get_pack("kz", overrides={"employer_reply_to_demands": 5})


@pytest.mark.parametrize("value", ["three", -1, 2.5, True])
def test_override_with_a_bad_value_is_refused(value):
    with pytest.raises(InvalidOverride):
        get_pack("kz", overrides={"strike_notice": value})


def test_override_of_unknown_rule_is_refused():
    with pytest.raises(RuleNotFound):
        get_pack("kz", overrides={"strik_notice": 5})
