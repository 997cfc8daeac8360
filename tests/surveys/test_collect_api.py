"""The collection API: campaigns and questionnaires (read; create/update for owners), anonymous submissions."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.surveys.conftest import VALID
from tripartite.surveys.collect import services
from tripartite.surveys.models import Campaign, Invitation, Response

BASE = "/api/v1/surveys"


def _body(key: str = "k1", **extra: Any) -> dict[str, Any]:
    return {"answers": VALID, "idempotency_key": key, "invitation": None, "referral": None, **extra}


def test_anonymous_submission_201_then_200_on_replay(api: Any, snowball: Any) -> None:
    status, body = api(None).post(f"{BASE}/campaigns/{snowball.slug}/responses", _body())
    assert status == 201, body
    assert body["referral_link"].startswith("http://testserver/surveys/r/snowball-2026/?ref=")
    assert body["referral_code"] in body["referral_link"] and body["wave"] == 0 and body["replayed"] is False
    status, again = api(None).post(f"{BASE}/campaigns/{snowball.slug}/responses", _body())
    assert status == 200 and again["referral_code"] == body["referral_code"] and again["replayed"] is True
    assert Response.objects.count() == 1 and Response.objects.get().source == "api"


def test_referral_through_the_api_sets_the_wave(api: Any, snowball: Any) -> None:
    _status, seed = api(None).post(f"{BASE}/campaigns/{snowball.slug}/responses", _body("a"))
    status, recruit = api(None).post(f"{BASE}/campaigns/{snowball.slug}/responses",
                                     _body("b", referral=seed["referral_code"]))
    assert status == 201 and recruit["wave"] == 1


def test_no_referral_link_outside_snowball(api: Any, campaign: Any) -> None:
    status, body = api(None).post(f"{BASE}/campaigns/{campaign.slug}/responses", _body())
    assert status == 201 and body["referral_link"] is None


def test_invalid_answers_422_per_question(api: Any, campaign: Any) -> None:
    status, body = api(None).post(f"{BASE}/campaigns/{campaign.slug}/responses",
                                  _body(answers={**VALID, "gov": 9, "gender": None}))
    assert status == 422
    assert {e["field"] for e in body["errors"]} == {"gov", "gender"}
    assert Response.objects.count() == 0


def test_invalid_answers_in_russian(client: Any, campaign: Any) -> None:
    import json

    response = client.post(f"{BASE}/campaigns/{campaign.slug}/responses", data=json.dumps(_body(answers={})),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["gov"] == "Пожалуйста, ответьте на этот вопрос."


def test_missing_body_fields_422(api: Any, campaign: Any) -> None:
    status, body = api(None).post(f"{BASE}/campaigns/{campaign.slug}/responses", {"answers": VALID})
    assert status == 422 and body["errors"][0]["field"] == "idempotency_key"


def test_used_invitation_409(api: Any, by_invitation: Any, admin_user: Any) -> None:
    token = services.invitations_generate(campaign=by_invitation, by=admin_user, count=1)[0].token
    url = f"{BASE}/campaigns/{by_invitation.slug}/responses"
    assert api(None).post(url, _body("a", invitation=token))[0] == 201
    status, body = api(None).post(url, _body("b", invitation=token))
    assert status == 409 and body["errors"][0]["field"] == "invitation"
    assert api(None).post(url, _body("c"))[0] == 403


def test_closed_campaign_403(api: Any, make_campaign: Any) -> None:
    closed = make_campaign(slug="closed", opens_in=-30, closes_in=-1)
    status, body = api(None).post(f"{BASE}/campaigns/closed/responses", _body())
    assert status == 403 and body["detail"]
    assert Response.objects.count() == 0 and closed.pk


def test_unknown_campaign_404(api: Any, db: Any) -> None:
    assert api(None).post(f"{BASE}/campaigns/nope/responses", _body())[0] == 404


def test_api_rate_limit_429(api: Any, campaign: Any, settings: Any) -> None:
    settings.SURVEYS_SUBMISSIONS_PER_HOUR = 2
    url = f"{BASE}/campaigns/{campaign.slug}/responses"
    assert [api(None).post(url, _body(f"k{i}"))[0] for i in range(3)] == [201, 201, 429]


def test_list_and_get_campaigns(api: Any, campaign: Any, make_campaign: Any) -> None:
    make_campaign(slug="hidden", published=False)
    status, page = api(None).get(f"{BASE}/campaigns")
    assert status == 200 and [c["slug"] for c in page["items"]] == ["workplace-2026"] and page["count"] == 1
    assert page["items"][0]["responses"] is None  # results not public
    status, one = api(None).get(f"{BASE}/campaigns/{campaign.slug}")
    assert status == 200 and one["state"] == "open" and one["questionnaire"] == "social-dialogue-appendix-1"
    assert [q["code"] for q in one["questions"]] == ["age_group", "gender", "sector", "gov", "employer", "self",
                                                    "network_size"]
    assert one["questions"][3]["options"][0] == {"code": 1, "name": "", "label_kk": "Өте белсенді", "label_ru": "Очень активно",
                                                 "label_en": "Very active"}
    assert api(None).get(f"{BASE}/campaigns/hidden")[0] == 404


def test_owner_creates_and_updates_a_campaign(api: Any, editor: Any, union: Any, template: Any) -> None:
    today = timezone.localdate().isoformat()
    payload = {"slug": "new-one", "owner": union.pk, "questionnaire": "social-dialogue-appendix-1", "version": 1,
               "title_en": "New", "opens_on": today, "mode": "snowball", "languages": ["kk", "ru"]}
    status, body = api(editor).post(f"{BASE}/campaigns", payload)
    assert status == 201, body
    assert body["mode"] == "snowball" and body["languages"] == ["kk", "ru"]
    status, body = api(editor).patch(f"{BASE}/campaigns/new-one", {"results_public": True, "title_ru": "Новый"})
    assert status == 200 and body["results_public"] is True and body["title_ru"] == "Новый"


def _campaign_payload(union: Any, slug: str = "x") -> dict[str, Any]:
    return {"slug": slug, "owner": union.pk, "questionnaire": "social-dialogue-appendix-1", "version": 1,
            "title_en": "X", "opens_on": timezone.localdate().isoformat()}


def test_anonymous_campaign_writes_are_401(api: Any, union: Any, campaign: Any) -> None:
    assert api(None).post(f"{BASE}/campaigns", _campaign_payload(union))[0] == 401
    assert api(None).patch(f"{BASE}/campaigns/{campaign.slug}", {"title_en": "Y"})[0] == 401


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_owner_may_create_or_change_a_campaign(api: Any, personas: Any, union: Any, campaign: Any,
                                                        who: str) -> None:
    user = getattr(personas, who)
    assert api(user).post(f"{BASE}/campaigns", _campaign_payload(union))[0] == 403
    assert api(user).patch(f"{BASE}/campaigns/{campaign.slug}", {"title_en": "Y"})[0] == 403
    assert Campaign.objects.get(pk=campaign.pk).title_en == "Workplace survey"
    assert not Campaign.objects.filter(slug="x").exists()


def test_a_null_title_in_a_patch_empties_it(api: Any, editor: Any, campaign: Any) -> None:
    status, body = api(editor).patch(f"{BASE}/campaigns/{campaign.slug}", {"title_kk": None})
    assert status == 200 and body["title_kk"] == "" and body["title_en"] == "Workplace survey"


def test_campaign_validation_errors(api: Any, editor: Any, union: Any, template: Any) -> None:
    payload = {"slug": "bad", "owner": union.pk, "questionnaire": "social-dialogue-appendix-1", "version": 1,
               "title_en": "Bad", "opens_on": "2026-05-10", "closes_on": "2026-05-01", "languages": ["de"]}
    status, body = api(editor).post(f"{BASE}/campaigns", payload)
    assert status == 422 and {e["field"] for e in body["errors"]} >= {"closes_on", "languages"}
    status, body = api(editor).post(f"{BASE}/campaigns", {**payload, "version": 99, "closes_on": None})
    assert status == 422 and body["errors"][0]["field"] == "version"


def test_invitations_api(api: Any, editor: Any, by_invitation: Any, campaign: Any) -> None:
    status, body = api(editor).post(f"{BASE}/campaigns/{by_invitation.slug}/invitations", {"count": 4})
    assert status == 201 and len(body["items"]) == 4
    assert body["items"][0]["link"].endswith(f"?i={body['items'][0]['token']}")
    assert Invitation.objects.count() == 4
    status, body = api(editor).post(f"{BASE}/campaigns/{campaign.slug}/invitations", {"count": 4})
    assert status == 400
    assert api(editor).post(f"{BASE}/campaigns/{by_invitation.slug}/invitations", {"count": 0})[0] == 422


def test_questionnaire_api_versioning(api: Any, editor: Any, union: Any) -> None:
    client = api(editor)
    questions = [
        {"code": "pay", "kind": "single", "text_en": "Are you paid on time?",
         "options": [{"code": 1, "label_en": "Yes"}, {"code": 2, "label_en": "No"}]},
        {"code": "hours", "kind": "number", "text_en": "Hours per week", "min_value": 0, "max_value": 100},
    ]
    status, body = client.post(f"{BASE}/questionnaires", {"owner": union.pk, "code": "pay-survey",
                                                          "title_en": "Pay", "questions": questions})
    assert status == 201, body
    assert body["versions"] == [{"number": 1, "status": "draft", "published_at": None}]
    status, v1 = client.post(f"{BASE}/questionnaires/pay-survey/versions/1/publish")
    assert status == 200 and v1["status"] == "published"
    # A published version is frozen.
    status, body = client.put(f"{BASE}/questionnaires/pay-survey/versions/1/questions", questions[:1])
    assert status == 409
    status, v2 = client.post(f"{BASE}/questionnaires/pay-survey/versions")
    assert status == 201 and v2["number"] == 2 and v2["status"] == "draft" and len(v2["questions"]) == 2
    status, v2 = client.put(f"{BASE}/questionnaires/pay-survey/versions/2/questions", questions[:1])
    assert status == 200 and [q["code"] for q in v2["questions"]] == ["pay"]
    status, v1 = client.get(f"{BASE}/questionnaires/pay-survey/versions/1")
    assert [q["code"] for q in v1["questions"]] == ["pay", "hours"]


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_owner_may_make_or_change_a_questionnaire(api: Any, personas: Any, union: Any, who: str) -> None:
    services.questionnaire_create(by=personas.owner, owner=union, code="mine", title_en="Mine")
    user = getattr(personas, who)
    assert api(user).post(f"{BASE}/questionnaires", {"owner": union.pk, "code": "x", "title_en": "X"})[0] == 403
    assert api(user).patch(f"{BASE}/questionnaires/mine", {"title_en": "Taken"})[0] == 403
    assert api(user).post(f"{BASE}/questionnaires/mine/versions/1/publish")[0] == 403


def test_questionnaire_api_refusals(api: Any, editor: Any, union: Any, template: Any) -> None:
    status, body = api(editor).post(f"{BASE}/questionnaires", {
        "owner": union.pk, "code": "dup", "title_en": "Dup",
        "questions": [{"code": "a", "text_en": "A"}, {"code": "a", "text_en": "B"}]})
    assert status == 422
    status, body = api(editor).post(f"{BASE}/questionnaires", {
        "owner": union.pk, "code": "badcode", "title_en": "Bad", "questions": [{"code": "1st", "text_en": "A"}]})
    assert status == 422 and "code" in body["errors"][0]["field"]
    # A draft whose choice question has no options cannot be published.
    api(editor).post(f"{BASE}/questionnaires", {"owner": union.pk, "code": "empty-choice", "title_en": "E",
                                                "questions": [{"code": "a", "text_en": "A"}]})
    status, body = api(editor).post(f"{BASE}/questionnaires/empty-choice/versions/1/publish")
    assert status == 400 and "a" in body["detail"]
    # The template cannot be changed.
    status, _body = api(editor).post(f"{BASE}/questionnaires/social-dialogue-appendix-1/versions")
    assert status in (403, 401)


def test_copy_the_template(api: Any, editor: Any, union: Any, template: Any) -> None:
    status, body = api(editor).post(f"{BASE}/questionnaires", {
        "owner": union.pk, "code": "my-copy", "title_en": "Mine",
        "copy_from": {"questionnaire": "social-dialogue-appendix-1", "version": 1}})
    assert status == 201
    status, v1 = api(editor).get(f"{BASE}/questionnaires/my-copy/versions/1")
    assert len(v1["questions"]) == 7 and v1["status"] == "draft"
    assert len(v1["questions"][2]["options"]) == 11


@pytest.mark.parametrize("path", ["/questionnaires", "/questionnaires/social-dialogue-appendix-1"])
def test_template_is_public(api: Any, template: Any, path: str) -> None:
    status, body = api(None).get(BASE + path)
    assert status == 200
