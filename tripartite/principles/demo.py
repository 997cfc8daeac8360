"""Demonstration tags: a few of the demo's clauses, commitments, decisions and survey questions tagged with the
principles and conventions they serve, and one clause whose topic default is overridden."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Model, QuerySet

from tripartite.agreements.models import Clause, Commitment
from tripartite.commissions.models import Decision
from tripartite.surveys.models import Question

from . import services
from .models import Convention, Principle

# (records, how to find one by its English text, principles, conventions)
_TAGS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("commitment", "minimum wage methodology", ("P06",), ("C131",)),
    ("commitment", "occupational safety inspections", ("P11",), ("C081",)),
    ("commitment", "Promote collective agreements", ("P10",), ("C098", "C154")),
    ("commitment", "Train union negotiators", ("P09",), ()),
    ("decision", "map of labour conflicts", ("P10",), ()),
    ("decision", "joint occupational safety inspection", ("P04", "P11"), ("C081", "C155")),
    ("decision", "training seminars on mediation", ("P10",), ("C154",)),
    ("decision", "median wage", ("P06",), ("C131",)),
    ("decision", "wage arrears", ("P06",), ()),
    ("clause", "not be lower than the minimum wage", (), ("C131",)),
)
# Questions of the built-in participation questionnaire (seed 000, Appendix 1) that measure a principle.
_QUESTIONS = (("gov", "P10"), ("employer", "P10"), ("self", "P09"))


def _find(kind: str, text: str) -> Model | None:
    records: QuerySet[Any] = {
        "commitment": Commitment.objects.filter(agreement__is_demo=True),
        "decision": Decision.objects.filter(meeting__commission__is_demo=True),
        "clause": Clause.objects.filter(agreement__is_demo=True),
    }[kind]
    return records.filter(text_en__icontains=text).order_by("pk").first()


def load(*, by: Any, users: dict[str, Any], orgs: dict[str, Any], today: date) -> str:
    principles = {p.code: p for p in Principle.objects.all()}
    conventions = {c.code: c for c in Convention.objects.all()}
    count = 0
    for kind, text, principle_codes, convention_codes in _TAGS:
        target = _find(kind, text)
        if target is None:
            continue
        for code in principle_codes:
            services.tag_add(by=by, target=target, principle=principles[code])
            count += 1
        for code in convention_codes:
            services.tag_add(by=by, target=target, convention=conventions[code])
            count += 1
    for question_code, principle_code in _QUESTIONS:
        for question in Question.objects.filter(code=question_code, version__questionnaire__is_template=True):
            services.tag_add(by=by, target=question, principle=principles[principle_code])
            count += 1
    # A clause on shorter hours in hot shops is about the worker's health more than rest: its topic (working time)
    # maps to the right to rest by default, which the demo overrides.
    hot_shops = _find("clause", "hot shops")
    if hot_shops is not None:
        services.tags_set(by=by, target=hot_shops, principles=[principles["P04"], principles["P05"]], conventions=[])
        count += 1
    return f"Principles: {count} demonstration tags on clauses, commitments, decisions and survey questions."
