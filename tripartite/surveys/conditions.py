"""Conditions of a questionnaire's questions (relevance, constraint, required-if, calculation, default): checked
when a draft is saved, and the values expressions see.

The checks name the question and the condition at fault: a question that does not exist, a value used as what it
cannot be, an option a choice question does not have, conditions that depend on each other in a circle. The same
expressions are evaluated for every submission by `collect.services.validate_answers`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tripartite.surveys import expressions as ex
from tripartite.surveys.models import Question

#: The expression fields of a question, with how the messages name them.
EXPRESSION_FIELDS: dict[str, Any] = {
    "relevance": gettext_lazy("asked only if"),
    "constraint": gettext_lazy("constraint"),
    "required_if": gettext_lazy("required if"),
    "calculation": gettext_lazy("calculation"),
}

_TYPES = {
    Question.Kind.SINGLE: ex.Type.CHOICE,
    Question.Kind.MULTIPLE: ex.Type.CHOICES,
    Question.Kind.NUMBER: ex.Type.NUMBER,
    Question.Kind.DECIMAL: ex.Type.NUMBER,
    Question.Kind.TEXT: ex.Type.TEXT,
    Question.Kind.DATE: ex.Type.DATE,
    Question.Kind.NOTE: ex.Type.NONE,
    Question.Kind.CALCULATE: ex.Type.ANY,
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a question's conditions."""

    code: str  # the question
    field: str  # relevance, constraint, required_if, calculation, default
    message: str  # names the question and the condition

    def __str__(self) -> str:
        return self.message


def subject_of(question: Question) -> ex.Subject:
    names = frozenset(o.value_name for o in question.options.all()) if question.has_options else frozenset()
    return ex.Subject(_TYPES.get(question.kind, ex.Type.ANY), names)


def _message(question: Question, field: str, reason: str) -> str:
    return _("Question %(code)s, %(condition)s: %(reason)s") % {
        "code": question.code, "condition": EXPRESSION_FIELDS.get(field, _("default answer")), "reason": reason}


def parsed(question: Question) -> dict[str, ex.Expression]:
    """The question's expressions, parsed (ExpressionError for a broken one)."""
    return {field: ex.parse(getattr(question, field)) for field in EXPRESSION_FIELDS
            if (getattr(question, field) or "").strip()}


def dependencies(code: str, expressions: Mapping[str, ex.Expression]) -> set[str]:
    """The questions whose values a question's own value (and whether it is asked) depends on. A constraint only
    accepts or refuses an answer, so it can refer to any question without making a circle."""
    needed: set[str] = set()
    for field, expression in expressions.items():
        if field != "constraint":
            needed |= expression.references
    return needed


def check_questions(questions: Sequence[Question]) -> list[Problem]:
    """Every problem of the questions' conditions (empty when they can be used)."""
    subjects = {q.code: subject_of(q) for q in questions}
    problems: list[Problem] = []
    graph: dict[str, set[str]] = {}
    for question in questions:
        expressions: dict[str, ex.Expression] = {}
        for field in EXPRESSION_FIELDS:
            source = (getattr(question, field) or "").strip()
            if not source:
                continue
            try:
                expressions[field] = ex.parse(source)
            except ex.ExpressionError as exc:
                problems.append(Problem(question.code, field, _message(question, field, exc.message)))
        for field, expression in expressions.items():
            here = subjects[question.code] if field == "constraint" else None
            try:
                ex.check(expression, subjects, here=here)
            except ex.ExpressionError as exc:
                problems.append(Problem(question.code, field, _message(question, field, exc.message)))
        if question.kind == Question.Kind.CALCULATE and "calculation" not in expressions and not any(
                p.code == question.code and p.field == "calculation" for p in problems):
            problems.append(Problem(question.code, "calculation",
                                    _message(question, "calculation", _("a calculated value needs its expression."))))
        problem = _default_problem(question)
        if problem:
            problems.append(Problem(question.code, "default", _message(question, "default", problem)))
        graph[question.code] = dependencies(question.code, expressions) & set(subjects)
    for code, needed in graph.items():
        if code in needed:
            question = next(q for q in questions if q.code == code)
            problems.append(Problem(code, "relevance", _message(
                question, "relevance", _("a question's condition cannot depend on its own answer (use “.” in a "
                                         "constraint)."))))
            needed.discard(code)
    try:
        ex.order(graph)
    except ex.ExpressionError as exc:
        first = next(iter(graph))
        problems.append(Problem(first, "relevance", str(exc.message)))
    return problems


def _default_problem(question: Question) -> str:
    default = (question.default or "").strip()
    if not default:
        return ""
    if not question.takes_answer:
        return _("a note or a calculated value has no default answer.")
    if question.has_options:
        names = {o.value_name for o in question.options.all()}
        given = default.split() if question.kind == Question.Kind.MULTIPLE else [default]
        unknown = [name for name in given if name not in names]
        if unknown:
            return _("there is no option “%(name)s”.") % {"name": unknown[0]}
        return ""
    if question.kind in (Question.Kind.NUMBER, Question.Kind.DECIMAL):
        number = ex.to_number(default)
        if math.isnan(number) or (question.kind == Question.Kind.NUMBER and not float(number).is_integer()):
            return _("the default of a number question must be a number.")
    if question.kind == Question.Kind.DATE:
        try:
            date.fromisoformat(default)
        except ValueError:
            return _("the default of a date question is a date written 2024-03-01.")
    return ""


def evaluation_order(codes: Sequence[str], expressions: Mapping[str, Mapping[str, ex.Expression]]) -> list[str]:
    """The questions in the order their conditions can be evaluated: document order when no condition looks at a
    later question, else the dependency order (a checked version has no circle)."""
    position = {code: i for i, code in enumerate(codes)}
    graph = {code: dependencies(code, expressions.get(code, {})) & set(position) for code in codes}
    if all(position[d] < position[c] for c, needed in graph.items() for d in needed):
        return list(codes)
    return ex.order(graph)


def stored_value(value: ex.Value) -> Any:
    """A calculated value as stored with the answers: a number, else its text ('' is nothing)."""
    if isinstance(value, bool):
        return ex.to_string(value)
    if isinstance(value, int | float):
        return value if math.isfinite(value) else None
    if isinstance(value, date):
        return value.isoformat()
    return value or None


def expression_value(kind: str, stored: Any, names: Mapping[int, str], *, calculated: bool = False) -> ex.Value:
    """A stored answer as expressions see it: an option's name, names separated by spaces, a number, a date."""
    if stored is None:
        return ""
    if kind == Question.Kind.SINGLE:
        return names.get(stored, str(stored))
    if kind == Question.Kind.MULTIPLE:
        return " ".join(names.get(code, str(code)) for code in stored)
    if kind == Question.Kind.DATE:
        try:
            return date.fromisoformat(str(stored))
        except ValueError:
            return ""
    if isinstance(stored, bool):
        return stored
    if isinstance(stored, int | float | str):
        return stored
    return str(stored)


def problems_by_field(problems: Iterable[Problem], code: str) -> dict[str, list[str]]:
    """The problems of question `code` by form field; the others under the non-field key."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        key = problem.field if problem.code == code else "__all__"
        out.setdefault(key, []).append(problem.message)
    return out
