"""Who may announce and manage calls, apply, and keep the PPP register — allowed and denied, persona by persona."""

from __future__ import annotations

import pytest

from tests.civic.conftest import apply, make_org, published_call
from tripartite.civic import queries
from tripartite.civic.models import Application, Award, Call, PPPContract
from tripartite.core.policy import Action, can

pytestmark = pytest.mark.django_db


@pytest.fixture
def personas(make_user, anonymous, ministry, ngo, other_ngo):
    other_body = make_org("Akimat", kind="state_body", subkind="akimat")
    return {
        "admin": make_user("adm", role="admin"),
        "secretary": make_user("sec-m", role="secretary", organisation=ministry),
        "body_editor": make_user("ed-m", role="editor", organisation=ministry),
        "other_secretary": make_user("sec-o", role="secretary", organisation=other_body),
        "ngo_editor": make_user("ed-n", role="editor", organisation=ngo),
        "other_ngo_editor": make_user("ed-o", role="editor", organisation=other_ngo),
        "analyst": make_user("an", role="analyst"),
        "anonymous": anonymous,
    }


EXPECTED = {
    # persona: (may announce a call / PPP contract for the ministry, may change the call, may award, may apply for the NGO,
    #           may change the NGO's application, may read the submitted application)
    "admin": (True, True, True, True, True, True),
    "secretary": (True, True, True, False, False, True),
    "body_editor": (True, True, True, False, False, True),
    "other_secretary": (False, False, False, False, False, False),
    "ngo_editor": (False, False, False, True, True, True),
    "other_ngo_editor": (False, False, False, False, False, False),
    "analyst": (False, False, False, False, False, True),
    "anonymous": (False, False, False, False, False, False),
}


def test_the_policy_matrix(personas, ministry, ngo, topic, almaty):
    call = published_call(personas["secretary"], ministry, topic)
    application = apply(personas["ngo_editor"], call, ngo, [almaty])
    for name, user in personas.items():
        got = (
            can(user, Action.CREATE, ministry, kind=Call) and can(user, Action.CREATE, ministry, kind=PPPContract),
            can(user, Action.CHANGE, call),
            can(user, Action.CREATE, call, kind=Award),
            can(user, Action.CREATE, ngo, kind=Application),
            can(user, Action.CHANGE, application),
            queries.may_view_application(user, application),
        )
        assert got == EXPECTED[name], name


def test_a_draft_application_is_hidden_from_the_call_managers(personas, ministry, ngo, topic, almaty):
    call = published_call(personas["secretary"], ministry, topic)
    draft = apply(personas["ngo_editor"], call, ngo, [almaty], submit=False)
    assert not queries.may_view_application(personas["secretary"], draft)
    assert queries.may_view_application(personas["ngo_editor"], draft)
