"""Factories for the collection tests: organisations, editors, campaigns of the built-in template."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import Personas
from tripartite.partners.models import Kind, Organisation, Subkind
from tripartite.surveys.collect import services
from tripartite.surveys.models import Campaign, QuestionnaireVersion

PASSWORD = "correct-horse-battery-staple"

# A complete, valid set of answers to the built-in template.
VALID = {"age_group": 3, "gender": 2, "sector": 4, "gov": 1, "employer": 2, "self": 3, "network_size": 25}


def make_org(name: str, *, kind: str = Kind.TRADE_UNION, subkind: str = Subkind.SECTORAL_UNION,
             parent: Organisation | None = None) -> Organisation:
    return Organisation.objects.create(kind=kind, subkind=subkind, name_en=name, parent=parent)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings: Any) -> None:
    """Most tests submit many answers from one test client; the rate-limit tests set their own limit."""
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 0


@pytest.fixture
def template(db: Any) -> QuestionnaireVersion:
    return services.ensure_builtin_template()


@pytest.fixture
def union(db: Any) -> Organisation:
    return make_org("Union of Education Workers")


@pytest.fixture
def other_union(db: Any) -> Organisation:
    return make_org("Union of Miners")


@pytest.fixture
def personas(make_personas: Callable[..., Personas], union: Organisation, other_union: Organisation) -> Personas:
    """The union's editor (owner: runs its surveys), the union's analyst (member: reads questionnaires, campaigns
    and full results), another union's editor (outsider)."""
    return make_personas(role="editor", organisation=union, elsewhere=other_union)


@pytest.fixture
def editor(personas: Personas) -> Any:
    return personas.owner


@pytest.fixture
def analyst(make_user: Callable[..., Any]) -> Any:
    """An analyst over the whole platform."""
    return make_user("analyst", role="analyst")


@pytest.fixture
def make_campaign(db: Any, union: Organisation, template: QuestionnaireVersion, admin_user: Any) -> Callable[..., Campaign]:
    counter = iter(range(1, 1000))

    def make(*, slug: str | None = None, mode: str = Campaign.Mode.OPEN, owner: Organisation | None = None,
             version: QuestionnaireVersion | None = None, opens_in: int = -10, closes_in: int | None = 10,
             **extra: Any) -> Campaign:
        today = timezone.localdate()
        titles = {"title_en": "Workplace survey", "title_ru": "Опрос о работе", "title_kk": "Жұмыс орны туралы сауалнама"}
        return services.campaign_create(
            by=admin_user, owner=owner or union, version=version or template,
            slug=slug or f"campaign-{next(counter)}",
            opens_on=today + timedelta(days=opens_in),
            closes_on=None if closes_in is None else today + timedelta(days=closes_in),
            mode=mode, **{**titles, **extra},
        )

    return make


@pytest.fixture
def campaign(make_campaign: Callable[..., Campaign]) -> Campaign:
    return make_campaign(slug="workplace-2026")


@pytest.fixture
def snowball(make_campaign: Callable[..., Campaign]) -> Campaign:
    return make_campaign(slug="snowball-2026", mode=Campaign.Mode.SNOWBALL, results_public=True)


@pytest.fixture
def by_invitation(make_campaign: Callable[..., Campaign]) -> Campaign:
    return make_campaign(slug="invited-2026", mode=Campaign.Mode.INVITATION)
