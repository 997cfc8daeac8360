"""The grants demonstration data loads with the rest of the demo and is marked as such."""

from __future__ import annotations

import pytest

from tripartite.grants.models import Application, Award, Call, PPPContract, Score

pytestmark = pytest.mark.django_db


def test_load_demo_loads_calls_applications_scores_an_award_and_a_ppp_register(monkeypatch):
    from tripartite.demo import services as demo

    # Only this app's module: the other apps' demos are tested in their own directories.
    monkeypatch.setattr(demo, "DEMO_MODULES", ("tripartite.grants.demo",))
    result = demo.load_demo()
    assert any(line.startswith("Grants: 3 demonstration calls") for line in result.extras)
    assert Call.objects.count() == 3 and all(c.is_demo for c in Call.objects.all())
    assert {c.status for c in Call.objects.all()} == {"closed", "published"}
    assert Application.objects.filter(status="submitted").count() == 4 and Score.objects.count() == 7
    assert Award.objects.count() == 1
    contracts = PPPContract.objects.all()
    assert contracts.count() >= 24 and all(c.is_demo for c in contracts)
    assert contracts.values("sector").distinct().count() >= 4 and contracts.values("region").distinct().count() >= 10


def test_every_page_of_the_demo_renders_for_the_public_and_the_secretary(monkeypatch, client):
    from tripartite.core.models import User
    from tripartite.demo import services as demo

    monkeypatch.setattr(demo, "DEMO_MODULES", ("tripartite.grants.demo",))
    demo.load_demo()
    closed = Call.objects.get(status="closed")
    application = Application.objects.filter(call=closed).first()
    contract = PPPContract.objects.first()
    public = ["/grants/", "/grants/monitoring/", "/grants/ppp/", f"/grants/ppp/{contract.pk}/", f"/grants/calls/{closed.pk}/",
              f"/grants/scores/{Score.objects.filter(application__call=closed).first().pk}/history/"]
    for url in public:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="kk")
        assert response.status_code == 200, url
    assert "demo-badge" in client.get(f"/grants/calls/{closed.pk}/").content.decode()
    client.force_login(User.objects.get(username="secretary"))
    for url in [*public, f"/grants/applications/{application.pk}/", f"/grants/applications/{application.pk}/history/",
                f"/grants/calls/{closed.pk}/history/", "/grants/calls/new/", "/grants/ppp/new/", f"/grants/ppp/{contract.pk}/edit/",
                f"/grants/ppp/{contract.pk}/history/"]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        assert response.status_code == 200, url
    draft = Call.objects.create(kind="grant", issuer=closed.issuer, topic=closed.topic, title_en="Draft", budget=10,
                                eligible_kinds=["ngo"], opens_on=closed.opens_on, deadline=closed.deadline,
                                results_on=closed.results_on)
    for url in (f"/grants/calls/{draft.pk}/edit/", f"/grants/calls/{draft.pk}/criteria/new/", f"/grants/calls/{draft.pk}/evaluators/new/"):
        assert client.get(url).status_code == 200, url
