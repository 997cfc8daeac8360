"""The expression engine against the shared table (the browser implementation runs the same file)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from tripartite.surveys import expressions as ex

TABLE = json.loads((Path(__file__).parent / "expressions_table.json").read_text(encoding="utf-8"))
TODAY = date.fromisoformat(TABLE["today"])


@pytest.fixture(autouse=True)
def _in_english() -> Any:
    """The messages are asserted in English (the platform's default language is Russian)."""
    with translation.override("en"):
        yield


def _values(case: dict[str, Any]) -> dict[str, Any]:
    types = case.get("types", {})
    return {name: date.fromisoformat(value) if types.get(name) == "date" else value
            for name, value in case.get("values", {}).items()}


def _shown(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def test_the_table_has_at_least_sixty_expressions():
    assert len(TABLE["cases"]) >= 60


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["expression"] for c in TABLE["cases"]])
def test_expression_gives_the_tabled_value(case):
    expression = ex.parse(case["expression"])
    here = case.get("here", "")
    got = _shown(ex.evaluate(expression, ex.Context(values=_values(case), today=TODAY, here=here)))
    expected = case["expected"]
    if isinstance(expected, bool) or not isinstance(expected, int | float):
        assert got == expected and type(got) is type(expected)
    else:
        assert isinstance(got, int | float) and not isinstance(got, bool)
        assert got == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("case", TABLE["errors"], ids=[c["expression"] or "empty" for c in TABLE["errors"]])
def test_broken_expression_is_refused_with_its_reason(case):
    with pytest.raises(ex.ExpressionError) as caught:
        ex.parse(case["expression"])
    assert case["message"] in caught.value.message


SUBJECTS = {name: ex.Subject(spec["type"], frozenset(spec.get("options", ())))
            for name, spec in TABLE["checks"]["questions"].items()}


@pytest.mark.parametrize("source", TABLE["checks"]["valid"])
def test_well_typed_expression_passes_the_check(source):
    ex.check(ex.parse(source), SUBJECTS)


@pytest.mark.parametrize("case", TABLE["checks"]["invalid"], ids=[c["expression"] for c in TABLE["checks"]["invalid"]])
def test_ill_typed_expression_is_refused_naming_the_question(case):
    with pytest.raises(ex.ExpressionError) as caught:
        ex.check(ex.parse(case["expression"]), SUBJECTS)
    assert case["message"] in caught.value.message


def test_a_constraint_may_use_its_own_answer():
    assert ex.check(ex.parse(". > ${age}"), SUBJECTS, here=SUBJECTS["age"]) == ex.Type.BOOLEAN


def test_references_are_collected_once_parsed():
    assert ex.parse("${a} + ${b} > ${a}").references == {"a", "b"}


def test_deep_nesting_is_refused_not_a_crash():
    with pytest.raises(ex.ExpressionError):
        ex.parse("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ex.ExpressionError):
        ex.parse("-" * 500 + "1")
    with pytest.raises(ex.ExpressionError):
        ex.parse(" + ".join(["1"] * 600))


def test_a_cycle_is_named():
    with pytest.raises(ex.ExpressionError) as caught:
        ex.order({"a": ["b"], "b": ["c"], "c": ["a"]})
    assert "${a}" in caught.value.message and "${b}" in caught.value.message


def test_order_puts_what_is_needed_first():
    ordered = ex.order({"total": ["a", "b"], "a": [], "b": ["a"]})
    assert ordered.index("a") < ordered.index("b") < ordered.index("total")
