"""Kazakhstan's clause parameters and their floors: pure pack data, no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tripartite.jurisdictions import RuleNotFound, get_pack
from tripartite.jurisdictions.agreements import ClauseParameter, parameter_by_key
from tripartite.jurisdictions.texts import text


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return get_pack("kz")


def test_every_parameter_names_a_floor_rule_that_exists(pack) -> None:  # type: ignore[no-untyped-def]
    for p in pack.clause_parameters:
        if p.floor_rule:
            assert pack.rules.versions(p.floor_rule), p.key


def test_minimum_pay_is_checked_against_the_dated_minimum_wage(pack) -> None:  # type: ignore[no-untyped-def]
    p = parameter_by_key(pack.clause_parameters, "minimum_monthly_pay")
    assert p is not None and p.direction == "min" and p.unit == "tenge"
    assert pack.rules.value(p.floor_rule, date(2023, 12, 31)) == 70_000
    assert pack.rules.value(p.floor_rule, date(2024, 1, 1)) == 85_000
    assert pack.rule(p.floor_rule, date(2026, 12, 31)).verified
    with pytest.raises(RuleNotFound):
        pack.rule(p.floor_rule, date(2027, 1, 1))


def test_weekly_hours_is_a_maximum_and_unverified(pack) -> None:  # type: ignore[no-untyped-def]
    p = parameter_by_key(pack.clause_parameters, "weekly_hours")
    assert p is not None and p.direction == "max"
    assert pack.rule(p.floor_rule, date(2026, 1, 1)).value == 40
    assert pack.rule(p.floor_rule, date(2026, 1, 1)).verified is False


def test_floors_added_for_agreements_are_all_marked_unverified(pack) -> None:  # type: ignore[no-untyped-def]
    from tripartite.jurisdictions import kz_agreements

    assert kz_agreements.RULES
    for rule in kz_agreements.RULES:
        assert rule.verified is False, rule.key
        assert "UNCONFIRMED" in (rule.source.note or ""), rule.key


def test_direction_decides_what_is_more_favourable() -> None:
    pay = ClauseParameter("pay", "tenge", text("", "", "Pay"), "min", None)
    hours = ClauseParameter("hours", "hours", text("", "", "Hours"), "max", None)
    assert pay.shortfall(Decimal(80), Decimal(85)) == 5 and pay.shortfall(Decimal(90), Decimal(85)) == 0
    assert hours.shortfall(Decimal(42), Decimal(40)) == 2 and hours.shortfall(Decimal(36), Decimal(40)) == 0
    assert pay.more_favourable(Decimal(1), Decimal(2)) == 2 and hours.more_favourable(Decimal(1), Decimal(2)) == 1
    with pytest.raises(ValueError):
        ClauseParameter("x", "tenge", text("", "", "X"), "up", None)  # type: ignore[arg-type]


def test_parameter_keys_are_unique_and_trilingual(pack) -> None:  # type: ignore[no-untyped-def]
    keys = [p.key for p in pack.clause_parameters]
    assert len(keys) == len(set(keys))
    for p in pack.clause_parameters:
        assert all(p.label[lang] for lang in ("kk", "ru", "en")), p.key


def test_the_agreements_module_is_pure() -> None:
    import ast
    import pathlib

    import tripartite.jurisdictions.agreements as module

    for path in (pathlib.Path(module.__file__), pathlib.Path(module.__file__).with_name("kz_agreements.py")):
        tree = ast.parse(path.read_text())
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(name.startswith("django") for name in imported), path
