"""Factories for the grants tests: a ministry, NGOs, a published call with criteria and evaluators, applications."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tripartite.core.models import Region
from tripartite.grants import services
from tripartite.grants.models import Application, Call, TopicArea
from tripartite.partners.models import Kind, Organisation, Subkind

PDF = b"%PDF-1.4\n% test\n%%EOF\n"
TODAY = date(2026, 6, 15)
OPENS = TODAY - timedelta(days=10)
DEADLINE = TODAY + timedelta(days=10)
AFTER = DEADLINE + timedelta(days=1)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Many personas per test: a fast hasher keeps the directory well under a minute (passwords are not tested here).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Service messages are asserted in English (the source language); pages choose their language per request."""
    from django.utils import translation

    with translation.override("en"):
        yield


def make_org(name: str, *, kind: str = Kind.NGO, subkind: str = "", parent: Organisation | None = None) -> Organisation:
    return Organisation.objects.create(kind=kind, subkind=subkind, name_en=name, parent=parent)


@pytest.fixture
def ministry(db: Any) -> Organisation:
    return make_org("Ministry of Information", kind=Kind.STATE_BODY, subkind=Subkind.MINISTRY)


@pytest.fixture
def ngo(db: Any) -> Organisation:
    return make_org("Green Steppe PA")


@pytest.fixture
def other_ngo(db: Any) -> Organisation:
    return make_org("Rural Voices PF")


@pytest.fixture
def topic(db: Any) -> TopicArea:
    return TopicArea.objects.create(code="youth", name_en="Youth policy", name_ru="Молодёжная политика", name_kk="Жастар саясаты")


@pytest.fixture
def almaty(db: Any) -> Region:
    return Region.objects.get(kato="750000000")


@pytest.fixture
def astana(db: Any) -> Region:
    return Region.objects.get(kato="710000000")


@pytest.fixture
def secretary(make_user: Any, ministry: Organisation) -> Any:
    return make_user("sec", role="secretary", organisation=ministry)


@pytest.fixture
def ngo_editor(make_user: Any, ngo: Organisation) -> Any:
    return make_user("ngo-ed", role="editor", organisation=ngo)


@pytest.fixture
def other_editor(make_user: Any, other_ngo: Organisation) -> Any:
    return make_user("other-ed", role="editor", organisation=other_ngo)


@pytest.fixture
def evaluators(make_user: Any) -> list[Any]:
    return [make_user("eva"), make_user("evb"), make_user("evc")]


def draft_call(by: Any, issuer: Organisation, topic: TopicArea, *, regions: list[Region] = (), **extra: Any) -> Call:  # type: ignore[assignment]
    fields: dict[str, Any] = dict(
        kind="grant", topic=topic, title_en="Youth grants 2026", budget=50_000_000, eligible_kinds=["ngo"],
        min_years_registered=2, max_request=20_000_000, required_documents=["charter"], min_evaluators=2,
        opens_on=OPENS, deadline=DEADLINE, results_on=DEADLINE + timedelta(days=20),
    )
    fields.update(extra)
    return services.call_create(by=by, issuer=issuer, regions=regions, **fields)


def published_call(by: Any, issuer: Organisation, topic: TopicArea, evaluator_users: list[Any] = (), **extra: Any) -> Call:  # type: ignore[assignment]
    call = draft_call(by, issuer, topic, **extra)
    services.criterion_add(by=by, call=call, weight=60, name_en="Relevance")
    services.criterion_add(by=by, call=call, weight=40, name_en="Feasibility")
    for user in evaluator_users:
        services.evaluator_add(by=by, call=call, user=user)
    return services.call_publish(by=by, call=call, today=call.opens_on)


def apply(by: Any, call: Call, applicant: Organisation, regions: list[Region], *, amount: int = 10_000_000,
          submit: bool = True, settlement: str = "urban", on: date = TODAY, **extra: Any) -> Application:
    fields: dict[str, Any] = dict(
        project_title=f"Project of {applicant.name_en}", requested_amount=amount, settlement_type=settlement,
        registered_on=date(2015, 1, 1),
    )
    fields.update(extra)
    application = services.application_create(
        by=by, call=call, applicant=applicant, regions=regions, lines=[("Staff", amount - 1_000_000), ("Travel", 1_000_000)],
        today=on, **fields,
    )
    services.document_add(by=by, application=application, kind="charter", name="charter.pdf", content=PDF, today=on)
    if submit:
        application = services.application_submit(by=by, application=application, today=on)
    return application


def marks_for(call: Call, *values: int) -> dict[int, int]:
    return dict(zip([c.pk for c in call.criteria.order_by("id")], values, strict=True))
