"""Articles of a draft act under consultation are tagged by the drafting body and shown once the draft is public."""

from __future__ import annotations

from typing import Any

import pytest

from tests.consultations.conftest import make_draft, world  # noqa: F401  (the consultations' register as a fixture)
from tests.principles.conftest import principle
from tripartite.core.errors import NotAllowed
from tripartite.principles import queries, services


def test_the_drafting_body_tags_an_article_and_others_may_not(world: Any, anonymous: Any) -> None:  # noqa: F811
    draft = make_draft(world)
    article = draft.latest_version().articles.order_by("order").first()
    services.tag_add(by=world.secretary, target=article, principle=principle("P06"))
    with pytest.raises(NotAllowed):
        services.tag_add(by=world.outsider_secretary, target=article, principle=principle("P10"))
    with pytest.raises(NotAllowed):
        services.tag_add(by=world.workers_coordinator, target=article, principle=principle("P10"))
    found = queries.principle_coverage(principle("P06"), world.secretary).items["consultations.article"]
    assert [i.obj for i in found] == [article]
    assert not draft.published  # not yet published by a commission: the public does not see its articles
    assert queries.principle_coverage(principle("P06"), anonymous).items["consultations.article"] == []
