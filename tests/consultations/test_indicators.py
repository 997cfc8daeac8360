"""The consultation indicators on a small register counted by hand: three referrals in 2026 on the national calendar,
positions of the workers' and employers' sides, replies of every kind and two adopted drafts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.consultations.conftest import make_draft, refer
from tripartite.consultations import measures, services
from tripartite.consultations.models import Referral
from tripartite.indicators import registry
from tripartite.indicators.periods import Period
from tripartite.indicators.registry import Query, Status

TODAY = date(2026, 12, 1)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture
def register(world):
    """ref1: 2 March + 10 working days (8 March falls on a Sunday, so Monday 9 March is off) = 17 March, 15 days;
    ref2: 4 May + 5 working days (7 May and the Monday after Victory Day off) = 13 May, 9 days;
    ref3: 1 September + 20 working days = 29 September, 28 days."""
    w = world
    d1, d2, d3 = make_draft(w), make_draft(w), make_draft(w)
    ref1 = refer(w, d1, date(2026, 3, 2), period_days=10)
    ref2 = refer(w, d2, date(2026, 5, 4), period_days=5)
    ref3 = refer(w, d3, date(2026, 9, 1), period_days=20)

    def give(ref, by, org, side, stance, day, key="2", for_side=False, **texts):
        return services.position_add(referral=ref, by=by, organisation=org, side=side, stance=stance,
                                     for_side=for_side, article=ref.version.articles.get(key=key), at=_at(day),
                                     **texts)

    objection = give(ref1, w.workers_coordinator, w.union, "workers", "oppose", date(2026, 3, 10), for_side=True,
                     reasons_ru="Снижает гарантии.")
    amendment = give(ref1, w.workers_member, w.member_union, "workers", "amend", date(2026, 3, 16), key="1",
                     wording_ru="Новая редакция.")
    give(ref1, w.employers_coordinator, w.employers, "employers", "support", date(2026, 3, 17), for_side=True)
    late = give(ref2, w.workers_coordinator, w.union, "workers", "oppose", date(2026, 5, 14), for_side=True,
                reasons_ru="Против.")
    give(ref3, w.workers_coordinator, w.union, "workers", "amend", date(2026, 9, 2), for_side=True,
         wording_ru="Иначе.")
    dropped = give(ref3, w.employers_coordinator, w.employers, "employers", "amend", date(2026, 9, 3),
                   wording_ru="Иначе.")
    services.position_withdraw(position=dropped, by=w.employers_coordinator)
    services.reply_save(position=objection, by=w.secretary, verdict="rejected", reason_ru="Нет оснований.",
                        at=_at(date(2026, 3, 20)))
    services.reply_save(position=amendment, by=w.secretary, verdict="accepted", at=_at(date(2026, 3, 20)))
    services.reply_save(position=late, by=w.secretary, verdict="partly", reason_ru="Частично.", at=_at(date(2026, 5, 20)))
    services.draft_close(draft=d1, by=w.secretary, outcome="adopted", outcome_on=date(2026, 6, 1), act_number="1-VIII")
    services.draft_close(draft=d2, by=w.secretary, outcome="adopted", outcome_on=date(2026, 7, 1), act_number="2-VIII")
    return ref1, ref2, ref3


def _value(code: str, user, period: str = "2026") -> registry.IndicatorValue:
    values = registry.get(code).values(Query(period=Period.parse(period), user=user, today=TODAY))
    assert len(values) == 1
    return values[0]


def test_drafts_referred_counts_referrals_per_commission(world, register):
    value = _value("consultation_drafts_referred", world.secretary)
    assert (value.numerator, value.denominator, value.value) == (3, 2, Decimal("1.50"))  # 3 referrals, 2 commissions
    assert [r.kind for r in value.records] == ["referral"] * 3


def test_median_days_given_counts_calendar_days_to_the_deadline_on_the_working_calendar(world, register):
    assert [measures.days_given(r) for r in register] == [15, 9, 28]
    value = _value("consultation_median_days_given", world.secretary)
    assert (value.value, value.denominator) == (Decimal("15.00"), 3)


def test_share_answered_before_the_deadline_per_side(world, register):
    workers = _value("consultation_answered_on_time_workers", world.secretary)
    assert (workers.numerator, workers.denominator, workers.value) == (2, 3, Decimal("66.67"))  # ref2 came late
    employers = _value("consultation_answered_on_time_employers", world.secretary)
    assert (employers.numerator, employers.denominator) == (1, 3)  # the withdrawn amendment does not count
    state = _value("consultation_answered_on_time_state", world.secretary)
    assert (state.numerator, state.denominator, state.value) == (0, 3, Decimal("0.00"))


def test_a_referral_whose_deadline_has_not_passed_is_not_counted_yet(world, register):
    values = registry.get("consultation_answered_on_time_workers").values(
        Query(period=Period.parse("2026"), user=world.secretary, today=date(2026, 9, 15)))
    assert (values[0].numerator, values[0].denominator) == (1, 2)  # ref3 is due on 29 September


def test_influence_rate_is_accepted_and_partly_accepted_over_all_proposals(world, register):
    workers = _value("consultation_influence_workers", world.secretary)
    # rejected objection, accepted amendment, partly accepted late objection, unanswered amendment
    assert (workers.numerator, workers.denominator, workers.value) == (2, 4, Decimal("50.00"))
    employers = _value("consultation_influence_employers", world.secretary)
    assert employers.value is None and employers.status == Status.NO_DENOMINATOR  # a support is not a proposal


def test_share_of_drafts_adopted_over_an_unresolved_objection(world, register):
    workers = _value("consultation_adopted_over_objection_workers", world.secretary)
    assert (workers.numerator, workers.denominator, workers.value) == (1, 2, Decimal("50.00"))  # draft 1 only
    employers = _value("consultation_adopted_over_objection_employers", world.secretary)
    assert (employers.numerator, employers.denominator) == (0, 2)


def test_the_public_counts_only_published_consultations(world, register):
    public = AnonymousUser()
    assert _value("consultation_influence_workers", public).denominator is None
    ref1 = Referral.objects.get(pk=register[0].pk)
    services.referral_publish(referral=ref1, by=world.secretary, published_on=date(2026, 3, 25))
    workers = _value("consultation_influence_workers", public)
    assert (workers.numerator, workers.denominator) == (1, 2)


def test_the_indicators_are_on_the_dashboard_and_in_the_open_data(client, world, register):
    ref1 = Referral.objects.get(pk=register[0].pk)
    services.referral_publish(referral=ref1, by=world.secretary, published_on=date(2026, 3, 25))
    page = client.get("/indicators/dashboard/?year=2026", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Influence rate on draft acts — Workers" in page
    codes = {i.code for i in registry.all_indicators()}
    assert {f"consultation_{name}_{side}" for name in ("answered_on_time", "influence", "adopted_over_objection")
            for side in ("state", "employers", "workers")} <= codes
    csv_text = client.get("/indicators/consultation_influence_workers/data.csv").content.decode()
    row = next(line for line in csv_text.splitlines() if line.startswith("consultation_influence_workers,2026"))
    assert ",50.00,percent,1,2,ok," in row  # the public sees ref1 only: its objection rejected, its amendment accepted


def test_the_commission_page_shows_its_own_figures_per_year_and_side(client, world, register):
    client.force_login(world.secretary)
    page = client.get(f"/consultations/commission/{world.commission.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    figures = page[page.index('id="figures"'):]
    assert "2026: 3 проекта направлено; медиана срока на ответ — 15 календарных дней" in figures
    assert "66,7&nbsp;%" in figures and "(2/3)" in figures  # workers answered on time
    assert "50&nbsp;%" in figures and "(2/4)" in figures  # workers' influence
