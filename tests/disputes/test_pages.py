"""The dispute pages: register, the file with next steps per party in its language, moves, lists, summary."""

from __future__ import annotations

from datetime import date

import pytest

from tripartite.disputes import services
from tripartite.disputes.models import Dispute

from .conftest import START, make_dispute

pytestmark = pytest.mark.django_db


def _form(world, **overrides):
    data = {
        "subject": "Shift pay at Mine One", "employer": world.employer.pk, "union": world.union.pk,
        "workers_representatives": "", "employees_involved": "300", "region": world.region.pk,
        "sector": world.sector.pk, "demands_received_on": "2025-03-19", "commission": "", "agreement": "",
        "employer_language": "ru", "workers_language": "kk",
        "topic_1": "wages", "text_1": "Pay night shifts at 150%", "topic_2": "safety", "text_2": "",
        "topic_3": "", "text_3": "",
    }
    data.update(overrides)
    return data


def test_a_union_editor_registers_a_dispute_and_sees_the_reply_deadline(world, client):
    client.force_login(world.union_editor)
    response = client.post("/disputes/new/", _form(world))
    dispute = Dispute.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/disputes/{dispute.pk}/"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Pay night shifts at 150%" in html
    assert "27.03.2025" in html or "March 27, 2025" in html or "27 марта 2025" in html


def test_bad_input_keeps_the_form_with_a_clear_message_and_stores_nothing(world, client):
    client.force_login(world.union_editor)
    response = client.post("/disputes/new/", _form(world, text_1="", employees_involved="0",
                                                   demands_received_on="2999-01-01"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Запишите хотя бы одно требование." in html  # Russian is the default language
    assert Dispute.objects.count() == 0


def test_an_outsider_cannot_open_the_registration_form(world, client):
    client.force_login(world.conciliator)
    assert client.get("/disputes/new/").status_code == 403
    assert client.get("/disputes/new/").status_code == 403


def test_each_party_is_told_the_next_step_in_its_own_language(world, client):
    dispute = make_dispute(world, employer_language="ru", workers_language="kk")
    client.force_login(world.inspector)
    html = client.get(f"/disputes/{dispute.pk}/").content.decode()
    assert "Рассмотрите требования, дайте письменный ответ" in html  # employer, Russian
    assert "Жұмыс берушінің жазбаша жауабын күтіңіз" in html  # employees, Kazakh
    assert "Талаптарды қабылдаған жиналыс (конференция) хаттамасы, кворуммен" in html  # missing protocol (kk)
    assert "Уведомление инспекции труда" in html


def test_a_forbidden_move_is_refused_on_the_form(world, client):
    dispute = make_dispute(world)
    client.force_login(world.union_editor)
    response = client.post(f"/disputes/{dispute.pk}/advance/", {"to_stage": "arbitration", "on": "2025-03-27"})
    assert response.status_code == 422
    assert "Процедура не допускает перехода" in response.content.decode()
    dispute.refresh_from_db()
    assert dispute.stage == "demands"


def test_moving_to_conciliation_and_settling_through_the_pages(world, client):
    dispute = make_dispute(world)
    demand = dispute.demands.get()
    client.force_login(world.union_editor)
    assert client.post(f"/disputes/{dispute.pk}/advance/", {"to_stage": "conciliation", "on": "2025-03-27"}).status_code == 302
    assert client.post(f"/disputes/{dispute.pk}/steps/new/", {"step": "conciliation_formed", "on": "2025-03-28"}).status_code == 302
    response = client.post(f"/disputes/{dispute.pk}/advance/", {
        "to_stage": "settled", "on": "2025-04-03", "decision": "Agreed", f"demand_{demand.pk}": "satisfied"})
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.settled_stage == "conciliation"
    html = client.get(f"/disputes/{dispute.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "timeline-table" in html


def test_the_list_filters_by_stage_region_and_overdue(world, client):
    first = make_dispute(world)
    second = make_dispute(world, other=True, subject="Bus drivers pay", on=date(2025, 3, 20))
    services.dispute_advance(dispute=second, by=world.inspector, to_stage="conciliation", on=date(2025, 3, 21))
    client.force_login(world.inspector)
    by_stage = client.get("/disputes/", {"stage": "conciliation"}).content.decode()
    assert second.subject in by_stage and first.subject not in by_stage
    by_region = client.get("/disputes/", {"region": "470000000"}).content.decode()
    assert first.subject in by_region and "Bus drivers" not in by_region
    overdue = client.get("/disputes/", {"overdue": "on"}).content.decode()
    assert first.subject in overdue  # the reply was due on 27 Mar 2025 and nobody recorded it
    assert client.get("/disputes/", {"region": "nonsense", "stage": "x"}).status_code == 200


def test_the_deadline_list_shows_open_deadlines_across_disputes(world, client):
    make_dispute(world)
    make_dispute(world, other=True, subject="Bus drivers pay")
    client.force_login(world.inspector)
    html = client.get("/disputes/deadlines/").content.decode()
    assert html.count("/disputes/") > 2 and "Bus drivers" in html and "Wage indexation" in html
    client.force_login(world.other_editor)
    html = client.get("/disputes/deadlines/").content.decode()
    assert "Bus drivers" in html and "Wage indexation" not in html


def test_the_summary_changes_when_a_dispute_is_settled(world, client):
    dispute = make_dispute(world)
    before = client.get("/disputes/summary/").content.decode()
    services.dispute_advance(dispute=dispute, by=world.inspector, to_stage="settled", on=START)
    after = client.get("/disputes/summary/").content.decode()
    assert before != after and "100%" in after


def test_pages_are_translated_into_kazakh(world, client):
    make_dispute(world)
    client.force_login(world.inspector)
    client.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    html = client.get("/disputes/").content.decode()
    assert "Ұжымдық еңбек даулары" in html
    html = client.get("/disputes/summary/").content.decode()
    assert "Ереуіл статистикасы" in html


def test_entering_the_employees_denominator(world, client):
    client.force_login(world.union_editor)
    assert client.get("/disputes/employment/").status_code == 403
    client.force_login(world.inspector)
    response = client.post("/disputes/employment/", {"sector": world.sector.pk, "year": 2025, "employees": 0, "source": ""})
    assert response.status_code == 422
    response = client.post("/disputes/employment/", {"sector": world.sector.pk, "year": 2025, "employees": 250000,
                                                      "source": "Bureau of National Statistics"})
    assert response.status_code == 302
