"""A small register to tag: an employer's collective agreement with clauses and a commitment, a commission with
a decision, and the personas who may or may not tag them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.agreements.conftest import make_agreement, make_org
from tests.conftest import Personas
from tripartite.agreements import services as agreements
from tripartite.commissions import services as commissions
from tripartite.partners.models import Kind, Subkind
from tripartite.principles.models import Convention, Principle


@pytest.fixture(autouse=True)
def english(client: Any) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def employer(db: Any) -> Any:
    return make_org("Almaty Construction LLP", sectors=("F",))


@pytest.fixture
def other_employer(db: Any) -> Any:
    return make_org("Astana Bank JSC", sectors=("K",))


@pytest.fixture
def personas(make_personas: Any, employer: Any, other_employer: Any) -> Personas:
    """The employer's editor (keeps its agreement), its analyst (reads only), and the bank's editor."""
    return make_personas(role="editor", organisation=employer, elsewhere=other_employer)


@pytest.fixture
def agreement(admin_user: Any, employer: Any) -> Any:
    return make_agreement(admin_user, employer, "collective", title="Construction collective agreement",
                          employer=employer)


@pytest.fixture
def pay_clause(admin_user: Any, agreement: Any) -> Any:
    return agreements.clause_add(by=admin_user, agreement=agreement, number="1", topic="pay",
                                 text_en="Minimum monthly pay: 120,000 tenge.")


@pytest.fixture
def hours_clause(admin_user: Any, agreement: Any) -> Any:
    return agreements.clause_add(by=admin_user, agreement=agreement, number="2", topic="working_time",
                                 text_en="A 36-hour week in hot shops.")


@pytest.fixture
def commitment(admin_user: Any, agreement: Any) -> Any:
    return agreements.commitment_add(by=admin_user, agreement=agreement, text_en="Train union negotiators.",
                                     responsible_side="workers", due_date=date(2026, 12, 31))


@pytest.fixture
def ministry(db: Any) -> Any:
    return make_org("Ministry of Labour", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY)


@pytest.fixture
def decision(admin_user: Any, ministry: Any) -> Any:
    commission = commissions.commission_create(by=admin_user, secretariat=ministry, level="republican",
                                               name_en="Republican tripartite commission")
    meeting = commissions.meeting_create(by=admin_user, commission=commission, date=date(2026, 3, 1))
    return commissions.decision_create(by=admin_user, meeting=meeting, text_en="Hold mediation seminars.",
                                       responsible_side="state", due_date=date(2026, 9, 1))


def principle(code: str) -> Principle:
    return Principle.objects.get(code=code)


def convention(code: str) -> Convention:
    return Convention.objects.get(code=code)
