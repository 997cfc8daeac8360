"""Agreement-level rules: computed status, one collective agreement per employer, the bargaining clock,
the dispute-procedure interface used by the disputes app, permissions, coverage and covered employees."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.agreements.conftest import ALMATY, make_agreement, make_org
from tripartite.agreements import queries, services
from tripartite.agreements.dispute_procedure import collective_agreement_in_force, dispute_procedure_for
from tripartite.agreements.models import Agreement, Status
from tripartite.core.errors import NotAllowed


@pytest.mark.parametrize("today, expected", [
    (date(2023, 12, 1), Status.DRAFT), (date(2023, 12, 5), Status.NEGOTIATING), (date(2024, 1, 10), Status.SIGNED),
    (date(2024, 1, 15), Status.IN_FORCE), (date(2026, 12, 31), Status.IN_FORCE), (date(2027, 1, 1), Status.EXPIRED),
])
def test_status_is_computed_from_the_dates_in_python_and_sql(db: Any, admin: Any, builder: Any, today: date,
                                                             expected: str) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder, proposal_date=date(2023, 11, 20),
                        negotiations_started_on=date(2023, 12, 5))
    assert ca.status_on(today) == expected
    assert list(Agreement.objects.filter(Agreement.status_q(expected, today))) == [ca]


def test_terminated_agreement_is_no_longer_in_force(db: Any, admin: Any, builder: Any) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder, terminated_on=date(2025, 3, 1))
    assert ca.status_on(date(2025, 3, 1)) == Status.TERMINATED
    assert collective_agreement_in_force(builder, date(2025, 3, 2)) is None
    assert collective_agreement_in_force(builder, date(2025, 2, 28)) == ca


def test_one_collective_agreement_per_employer_also_on_update(db: Any, admin: Any, builder: Any) -> None:
    make_agreement(admin, builder, "collective", employer=builder)
    later = make_agreement(admin, builder, "collective", title="Later", employer=builder, signed=date(2026, 12, 1),
                           start=date(2027, 1, 1), end=None)
    with pytest.raises(services.AgreementConflict):
        services.agreement_update(agreement=later, by=admin, data={"effective_from": date(2026, 6, 1)})
    later.refresh_from_db()
    assert later.effective_from == date(2027, 1, 1)


def test_level_must_match_the_kind(db: Any, admin: Any, builder: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(by=admin, owner=builder, kind="collective", employer=builder, level="republican",
                                  title_en="Wrong level")
    assert "level" in exc.value.message_dict


def test_sectoral_agreement_needs_a_sector_and_nothing_is_left_behind(db: Any, admin: Any, ministry: Any) -> None:
    with pytest.raises(ValidationError):
        services.agreement_create(by=admin, owner=ministry, kind="sectoral", title_en="No sector")
    assert not Agreement.objects.exists()


def test_bargaining_clock_from_the_pack(db: Any, admin: Any, builder: Any) -> None:
    # Proposal on Fri 13 Mar 2026: 10 calendar days end on Mon 23 Mar (moved off Nauryz days to 26 Mar).
    ca = make_agreement(admin, builder, "collective", employer=builder, signed=None, start=None, end=None,
                        proposal_date=date(2026, 3, 13), negotiations_started_on=date(2026, 3, 25))
    clock = queries.bargaining_of(ca)
    assert clock.deadline is not None and clock.deadline.due == date(2026, 3, 26)
    assert clock.kept is True
    late = queries.bargaining_of(Agreement(proposal_date=date(2026, 3, 13), negotiations_started_on=date(2026, 3, 27)))
    assert late.kept is False


def test_bargaining_commission_parity(db: Any, admin: Any, builder: Any, union: Any) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder)
    services.bargaining_member_add(by=admin, agreement=ca, side="employers", person_name="E1")
    services.bargaining_member_add(by=admin, agreement=ca, side="workers", person_name="W1")
    assert queries.bargaining_parity(ca, date(2026, 1, 1)).ok
    services.bargaining_member_add(by=admin, agreement=ca, side="workers", person_name="W2")
    assert not queries.bargaining_parity(ca, date(2026, 1, 1)).ok


def test_dispute_procedure_interface(db: Any, admin: Any, builder: Any) -> None:
    ca = make_agreement(admin, builder, "collective", employer=builder)
    assert dispute_procedure_for(ca) is None
    services.dispute_procedure_set(agreement=ca, by=admin, deadline_days={"employer_reply_to_demands": 2},
                                   conciliators=["A", " ", "B"], mediator="M")
    procedure = dispute_procedure_for(ca)
    assert procedure is not None
    assert dict(procedure.deadline_days) == {"employer_reply_to_demands": 2}
    assert procedure.conciliators == ("A", "B") and procedure.mediator == "M" and procedure.agreement_id == ca.pk
    assert collective_agreement_in_force(builder, date(2025, 1, 1)) == ca


def test_only_collective_agreements_set_a_dispute_procedure(db: Any, admin: Any, ministry: Any) -> None:
    ga = make_agreement(admin, ministry, "general")
    with pytest.raises(ValidationError):
        services.dispute_procedure_set(agreement=ga, by=admin, deadline_days={})


def test_the_owners_editor_adds_a_clause(db: Any, builder: Any, personas: Any) -> None:
    ca = make_agreement(personas.owner, builder, "collective", employer=builder)
    services.clause_add(by=personas.owner, agreement=ca, number="1", topic="pay", text_en="Pay")
    assert ca.clauses.count() == 1


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_readers_and_other_employers_editors_cannot_add_a_clause(db: Any, builder: Any, personas: Any,
                                                                 who: str) -> None:
    ca = make_agreement(personas.owner, builder, "collective", employer=builder)
    with pytest.raises(NotAllowed):
        services.clause_add(by=getattr(personas, who), agreement=ca, number="2", topic="pay", text_en="Pay")
    assert not ca.clauses.exists()


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_readers_and_other_employers_editors_cannot_register_the_employers_agreement(
        db: Any, builder: Any, personas: Any, who: str) -> None:
    with pytest.raises(NotAllowed):
        make_agreement(getattr(personas, who), builder, "collective", employer=builder)
    assert not Agreement.objects.exists()


@pytest.fixture
def general_of_commission(admin: Any, make_personas: Any, ministry: Any) -> Any:
    """A General Agreement kept by another ministry and concluded by the commission of the Ministry of Labour,
    with the commission's personas: its secretary, its analyst, and the secretary of another commission."""
    from tests.commissions.conftest import make_commission

    commission = make_commission(ministry, name="RTC")
    elsewhere = make_commission(make_org("Akimat"), name="Regional commission")
    agreement = make_agreement(admin, make_org("Other ministry"), "general", commission=commission)
    people = make_personas(role="secretary", commission=commission, elsewhere=elsewhere, prefix="rtc-")
    return agreement, people


def test_the_commissions_secretary_adds_commitments_to_its_agreement(db: Any, general_of_commission: Any) -> None:
    ga, people = general_of_commission
    services.commitment_add(by=people.owner, agreement=ga, text_en="Report", responsible_side="state")
    assert ga.commitments.count() == 1


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_readers_and_other_commissions_secretaries_cannot_add_commitments(db: Any, general_of_commission: Any,
                                                                          who: str) -> None:
    ga, people = general_of_commission
    with pytest.raises(NotAllowed):
        services.commitment_add(by=getattr(people, who), agreement=ga, text_en="x", responsible_side="state")
    assert not ga.commitments.exists()


def test_the_keeping_organisations_secretary_also_adds_commitments(db: Any, make_user: Any,
                                                                   general_of_commission: Any) -> None:
    ga, _people = general_of_commission
    keeper = make_user("keeper", role="secretary", organisation=ga.owner)
    services.commitment_add(by=keeper, agreement=ga, text_en="Owner side", responsible_side="state")
    assert ga.commitments.count() == 1


def test_covered_employees_by_sector_and_region(db: Any, admin: Any, builder: Any, other_employer: Any) -> None:
    make_agreement(admin, builder, "collective", employer=builder, covered_employees=300)
    make_agreement(admin, other_employer, "collective", employer=other_employer, covered_employees=50)
    expired = make_org("Old builder", sectors=("F",), regions=(ALMATY,))
    make_agreement(admin, expired, "collective", employer=expired, covered_employees=999, end=date(2025, 1, 1))
    on = date(2026, 1, 1)
    assert queries.covered_employees(on=on) == 350
    assert queries.covered_employees(on=on, sector="F") == 300
    assert queries.covered_employees(on=on, region=ALMATY) == 300
    assert queries.covered_employees(on=on, sector="K", region=ALMATY) == 0


def test_coverage_takes_the_most_favourable_value_and_its_origin(db: Any, admin: Any, ministry: Any,
                                                                 builder: Any) -> None:
    make_agreement(admin, ministry, "general", title="General", params={"weekly_hours": 40})
    sectoral = make_agreement(admin, ministry, "sectoral", title="Construction", sectors=("F",),
                              params={"weekly_hours": 38})
    make_agreement(admin, builder, "collective", employer=builder, params={"weekly_hours": 39})
    result = queries.coverage(user=admin, on=date(2026, 1, 1), organisation=builder)
    assert [a.title for a in result.agreements] == ["General", "Construction", "collective agreement"]
    [hours] = result.guarantees
    assert hours.agreement == sectoral and hours.value == 38


def test_clauses_can_be_shown_as_worded_on_an_earlier_date(db: Any, admin: Any, builder: Any) -> None:
    from datetime import datetime
    from decimal import Decimal

    from django.utils import timezone

    from tripartite.agreements.models import Clause, ClauseParameter

    ca = make_agreement(admin, builder, "collective", employer=builder)
    clause = services.clause_add(by=admin, agreement=ca, number="1", topic="pay", text_en="Pay 90,000",
                                 parameters={"minimum_monthly_pay": Decimal(90000)})
    # The first wording dates from 2025; the amendment is made today.
    old = timezone.make_aware(datetime(2025, 1, 1, 12))
    Clause.history.filter(id=clause.pk).update(history_date=old)
    ClauseParameter.history.filter(clause_id=clause.pk).update(history_date=old)
    services.clause_amend(clause=clause, by=admin, data={"text_en": "Pay 100,000"},
                          parameters={"minimum_monthly_pay": Decimal(100000)}, reason="Amendment 1")
    [then] = queries.clauses_as_of(ca, date(2025, 6, 1))
    [now] = queries.clauses_as_of(ca, None)
    assert then.text == "Pay 90,000" and "90" in then.parameters[0][1]
    assert now.text == "Pay 100,000" and now.versions == 2
    assert queries.clauses_as_of(ca, date(2024, 12, 31)) == []
