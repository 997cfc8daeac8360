"""Pages: campaign list and detail, campaign editor, invitations and their CSV, the respondent's form flows,
the questionnaire editor (versioning), and who may do what."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.utils import timezone

from tests.surveys.conftest import PASSWORD, VALID
from tripartite.surveys.collect import services
from tripartite.surveys.models import (
    Campaign,
    Invitation,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
)


def login(client: Any, user: Any) -> Any:
    assert client.login(username=user.username, password=PASSWORD)
    return client


def answer(client: Any, campaign: Any, *, token: str = "t1", lang: str = "ru", **extra: str) -> Any:
    body = {f"q_{k}": v for k, v in VALID.items()}
    return client.post(f"/surveys/r/{campaign.slug}/?lang={lang}", {**body, "token": token, "lang": lang, **extra})


# Campaign pages ------------------------------------------------------------------------------------------------


def test_list_shows_published_campaigns_and_nav(client: Any, campaign: Any, make_campaign: Any) -> None:
    make_campaign(slug="hidden-one", published=False, title_en="Hidden")
    page = client.get("/surveys/?state=open", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200 and "/surveys/campaigns/workplace-2026/" in html
    assert "hidden-one" not in html
    assert 'href="/surveys/"' in html  # the nav bar link
    assert "new-campaign" not in html


def test_list_in_kazakh(client: Any, campaign: Any) -> None:
    html = client.get("/surveys/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Жұмысшылар сауалнамалары" in html


def test_detail_links_to_the_form_in_each_language(client: Any, campaign: Any) -> None:
    html = client.get(f"/surveys/campaigns/{campaign.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for lang in ("kk", "ru", "en"):
        assert f"http://testserver/surveys/r/{campaign.slug}/?lang={lang}" in html
    assert 'id="response-count"' not in html  # results are not public


def test_detail_for_the_owner_shows_counts_and_tools(client: Any, editor: Any, campaign: Any) -> None:
    services.submit_response(campaign, VALID, idempotency_key="a")
    html = login(client, editor).get(f"/surveys/campaigns/{campaign.slug}/").content.decode()
    assert 'id="response-count">1<' in html
    assert f"/surveys/campaigns/{campaign.slug}/edit/" in html


def test_editor_creates_a_campaign_from_the_template(client: Any, editor: Any, union: Any, template: Any) -> None:
    login(client, editor)
    assert client.get("/surveys/new/").status_code == 200
    data = {"owner": union.pk, "version": template.pk, "slug": "teachers-2026", "title_ru": "Опрос учителей",
            "opens_on": timezone.localdate().isoformat(), "languages": ["kk", "ru"], "mode": "snowball",
            "suppression_k": 5, "published": "on"}
    response = client.post("/surveys/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(slug="teachers-2026")
    assert campaign.owner == union and campaign.languages == ["kk", "ru"] and campaign.created_by == editor
    bad = client.post("/surveys/new/", {**data, "slug": "other", "closes_on": "2000-01-01"})
    assert bad.status_code == 422 and not Campaign.objects.filter(slug="other").exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_to_edit_a_campaign(client: Any, campaign: Any) -> None:
    response = client.get(f"/surveys/campaigns/{campaign.slug}/edit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_owner_may_edit_a_campaign(client: Any, personas: Any, campaign: Any, who: str) -> None:
    login(client, getattr(personas, who))
    assert client.get(f"/surveys/campaigns/{campaign.slug}/edit/").status_code == 403
    response = client.post(f"/surveys/campaigns/{campaign.slug}/edit/", {"slug": campaign.slug, "title_en": "Taken"})
    assert response.status_code == 403 and Campaign.objects.get(pk=campaign.pk).title_en == "Workplace survey"


def test_a_member_may_not_create_a_campaign(client: Any, personas: Any) -> None:
    assert login(client, personas.member).get("/surveys/new/").status_code == 403


def test_the_owner_edits_a_campaign(client: Any, personas: Any, campaign: Any) -> None:
    login(client, personas.owner)
    response = client.post(f"/surveys/campaigns/{campaign.slug}/edit/", {
        "version": campaign.version_id, "slug": campaign.slug, "title_en": "Renamed",
        "opens_on": campaign.opens_on.isoformat(), "closes_on": campaign.closes_on.isoformat(),
        "languages": ["ru"], "mode": "open", "suppression_k": 10, "published": "on"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title_en == "Renamed" and campaign.suppression_k == 10 and campaign.languages == ["ru"]
    assert client.get(f"/surveys/campaigns/{campaign.slug}/history/").status_code == 200


def test_version_cannot_change_once_answered(editor: Any, campaign: Any, union: Any) -> None:
    services.submit_response(campaign, VALID, idempotency_key="a")
    questionnaire = services.questionnaire_create(by=editor, owner=union, code="own",
                                                  title_en="Own", copy_from=campaign.version)
    version = services.version_publish(version=questionnaire.versions.get(), by=editor)
    with pytest.raises(services.Conflict):
        services.campaign_update(campaign=campaign, by=editor, data={"version": version})


def test_invitations_page_and_csv(client: Any, editor: Any, by_invitation: Any) -> None:
    login(client, editor)
    response = client.post(f"/surveys/campaigns/{by_invitation.slug}/invitations/", {"count": 5})
    assert response.status_code == 302 and Invitation.objects.count() == 5
    assert client.post(f"/surveys/campaigns/{by_invitation.slug}/invitations/", {"count": 0}).status_code == 422
    exported = client.get(f"/surveys/campaigns/{by_invitation.slug}/invitations.csv")
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == 5 and {r["token"] for r in rows} == set(Invitation.objects.values_list("token", flat=True))
    assert rows[0]["link"] == f"http://testserver/surveys/r/{by_invitation.slug}/?i={rows[0]['token']}"
    client.logout()
    assert client.get(f"/surveys/campaigns/{by_invitation.slug}/invitations.csv").status_code == 302


# The respondent's form ------------------------------------------------------------------------------------------


def test_double_submit_stores_one_response(client: Any, campaign: Any) -> None:
    first = answer(client, campaign, token="double")
    second = answer(client, campaign, token="double")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Response.objects.count() == 1


def test_snowball_thank_you_shows_the_absolute_referral_link(client: Any, snowball: Any) -> None:
    response = answer(client, snowball, lang="en")
    stored = Response.objects.get()
    page = client.get(response["Location"])
    html = page.content.decode()
    assert f"http://testserver/surveys/r/{snowball.slug}/?ref={stored.referral_code}" in html
    recruit = answer(client, snowball, token="t2", ref=stored.referral_code)
    assert recruit.status_code == 302
    assert Response.objects.get(idempotency_key="t2").wave == 1


def test_referral_parameter_is_carried_by_the_form(client: Any, snowball: Any) -> None:
    seed, _ = services.submit_response(snowball, VALID, idempotency_key="seed")
    html = client.get(f"/surveys/r/{snowball.slug}/?ref={seed.referral_code}&lang=kk").content.decode()
    assert f'name="ref" value="{seed.referral_code}"' in html
    assert f"?lang=ru&amp;ref={seed.referral_code}" in html  # switching language keeps the referral


def test_invitation_form_flow(client: Any, by_invitation: Any, admin_user: Any) -> None:
    token = services.invitations_generate(campaign=by_invitation, by=admin_user, count=1)[0].token
    assert client.get(f"/surveys/r/{by_invitation.slug}/?lang=en").status_code == 403
    page = client.get(f"/surveys/r/{by_invitation.slug}/?lang=en&i={token}")
    assert page.status_code == 200 and f'name="i" value="{token}"' in page.content.decode()
    assert answer(client, by_invitation, token="a", i=token).status_code == 302
    used = client.get(f"/surveys/r/{by_invitation.slug}/?lang=en&i={token}")
    assert used.status_code == 409 and "already been used" in used.content.decode()
    assert answer(client, by_invitation, token="b", i=token).status_code == 409
    assert Response.objects.count() == 1


def test_closed_campaign_says_so_and_refuses_posts(client: Any, make_campaign: Any) -> None:
    closed = make_campaign(slug="closed", opens_in=-30, closes_in=-2)
    page = client.get("/surveys/r/closed/?lang=ru")
    assert page.status_code == 200 and "Опрос закрыт" in page.content.decode()
    assert answer(client, closed).status_code == 403
    upcoming = make_campaign(slug="soon", opens_in=5, closes_in=30)
    assert "survey-form" not in client.get("/surveys/r/soon/?lang=en").content.decode()
    assert answer(client, upcoming).status_code == 403
    assert Response.objects.count() == 0


def test_unknown_campaign_404(client: Any, db: Any) -> None:
    assert client.get("/surveys/r/nothing/").status_code == 404
    assert client.get("/surveys/r/nothing/thanks/abc/").status_code == 404


def test_form_fits_a_phone(client: Any, campaign: Any) -> None:
    html = client.get(f"/surveys/r/{campaign.slug}/?lang=ru").content.decode()
    assert 'name="viewport" content="width=device-width' in html
    assert "surveys/surveys.css" in html and "<script" not in html
    assert html.count('type="radio"') == 6 + 2 + 11 + 4 * 3


# Questionnaire editor --------------------------------------------------------------------------------------------


def test_questionnaire_editor_flow(client: Any, editor: Any, union: Any, template: Any) -> None:
    login(client, editor)
    response = client.post("/surveys/questionnaires/new/", {"owner": union.pk, "code": "pay", "title_en": "Pay"})
    assert response.status_code == 302
    base = "/surveys/questionnaires/pay/v1/"
    assert client.post(base + "questions/new/", {"code": "late", "kind": "single", "text_en": "Paid late?",
                                                 "required": "on"}).status_code == 302
    assert client.post(base + "questions/new/", {"code": "hours", "kind": "number", "text_en": "Hours",
                                                 "min_value": 0, "max_value": 100}).status_code == 302
    assert client.post(base + "questions/new/", {"code": "late", "kind": "text", "text_en": "Dup"}).status_code == 422
    late = Question.objects.get(code="late", version__questionnaire__code="pay")
    for label in ("Never", "Sometimes", "Often"):
        assert client.post(f"/surveys/questions/{late.pk}/options/new/", {"label_en": label}).status_code == 302
    assert list(late.options.order_by("position").values_list("code", flat=True)) == [1, 2, 3]
    often = late.options.get(code=3)
    client.post(f"/surveys/options/{often.pk}/move/", {"direction": "up"})
    assert [o.label_en for o in late.sorted_options()] == ["Never", "Often", "Sometimes"]
    hours = Question.objects.get(code="hours")
    client.post(f"/surveys/questions/{hours.pk}/move/", {"direction": "up"})
    version = QuestionnaireVersion.objects.get(questionnaire__code="pay", number=1)
    assert [q.code for q in version.ordered_questions()] == ["hours", "late"]
    assert client.post(base + "publish/").status_code == 302
    version.refresh_from_db()
    assert version.is_published
    # Frozen: edits are refused, nothing changes.
    response = client.post(f"/surveys/questions/{late.pk}/edit/", {"code": "late", "kind": "single", "text_en": "X"})
    assert response.status_code == 422
    assert Question.objects.get(pk=late.pk).text_en == "Paid late?"
    # "Edit" makes version 2 as a draft copy.
    response = client.post("/surveys/questionnaires/pay/new-version/")
    assert response.status_code == 302 and response["Location"].endswith("/v2/")
    v2 = QuestionnaireVersion.objects.get(questionnaire__code="pay", number=2)
    assert not v2.is_published and [q.code for q in v2.ordered_questions()] == ["hours", "late"]
    assert v2.questions.get(code="late").options.count() == 3
    page = client.get("/surveys/questionnaires/pay/v2/")
    assert page.status_code == 200 and 'id="publish"' in page.content.decode()


def test_publish_needs_options(editor: Any, union: Any) -> None:
    q = services.questionnaire_create(by=editor, owner=union, code="x", title_en="X")
    version = q.versions.get()
    with pytest.raises(services.DomainError):
        services.version_publish(version=version, by=editor)
    question = services.question_add(version=version, by=editor, data={"code": "a", "kind": "single", "text_en": "A"})
    services.option_add(question=question, by=editor, data={"label_en": "Only one"})
    with pytest.raises(services.DomainError):
        services.version_publish(version=version, by=editor)


def test_template_is_read_only_but_copyable(client: Any, editor: Any, template: Any) -> None:
    login(client, editor)
    page = client.get("/surveys/questionnaires/social-dialogue-appendix-1/v1/").content.decode()
    assert "add-question" not in page and "new-version" not in page and "copy_from=" in page
    question = template.questions.get(code="gov")
    assert client.post(f"/surveys/questions/{question.pk}/delete/").status_code == 403
    assert template.questions.count() == 7


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_the_owner_may_edit_a_questionnaire(client: Any, personas: Any, union: Any, who: str) -> None:
    services.questionnaire_create(by=personas.owner, owner=union, code="mine", title_en="Mine")
    login(client, getattr(personas, who))
    assert client.post("/surveys/questionnaires/mine/v1/questions/new/",
                       {"code": "a", "kind": "text", "text_en": "A"}).status_code == 403
    assert client.get("/surveys/questionnaires/mine/edit/").status_code == 403
    assert not Question.objects.filter(version__questionnaire__code="mine").exists()


def test_an_outsider_cannot_make_a_questionnaire_for_the_union(client: Any, personas: Any, union: Any) -> None:
    # Another organisation is not among the owners they may choose.
    login(client, personas.outsider)
    assert client.post("/surveys/questionnaires/new/", {"owner": union.pk, "code": "z", "title_en": "Z"}).status_code == 422
    assert not Questionnaire.objects.filter(code="z").exists()


def test_deleting_a_question_asks_first_and_keeps_it_in_the_history(client: Any, editor: Any, union: Any) -> None:
    questionnaire = services.questionnaire_create(by=editor, owner=union, code="pay", title_en="Pay")
    question = services.question_add(version=questionnaire.versions.get(), by=editor,
                                     data={"code": "late", "kind": "text", "text_en": "Paid late?"})
    login(client, editor)
    page = client.get(f"/surveys/questions/{question.pk}/delete/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "The deletion is kept in the history." in page.content.decode()
    response = client.post(f"/surveys/questions/{question.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/surveys/questionnaires/pay/v1/"
    assert not Question.objects.filter(pk=question.pk).exists()
    assert Question.history.filter(id=question.pk, history_type="-").get().history_user == editor


def test_the_delete_button_of_an_option_deletes_it(client: Any, editor: Any, union: Any) -> None:
    questionnaire = services.questionnaire_create(by=editor, owner=union, code="pay", title_en="Pay")
    question = services.question_add(version=questionnaire.versions.get(), by=editor,
                                     data={"code": "late", "kind": "single", "text_en": "Paid late?"})
    option = services.option_add(question=question, by=editor, data={"label_en": "Never"})
    response = login(client, editor).post(f"/surveys/options/{option.pk}/delete/")
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{question.pk}")
    assert not question.options.exists()


def test_a_question_of_a_published_version_is_not_deleted(client: Any, editor: Any, union: Any) -> None:
    questionnaire = services.questionnaire_create(by=editor, owner=union, code="pay", title_en="Pay")
    version = questionnaire.versions.get()
    question = services.question_add(version=version, by=editor, data={"code": "late", "kind": "text", "text_en": "Late?"})
    services.version_publish(version=version, by=editor)
    response = login(client, editor).post(f"/surveys/questions/{question.pk}/delete/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409 and 'id="refusal"' in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()


def test_builtin_template_is_idempotent_and_matches_the_paper(template: Any) -> None:
    assert services.ensure_builtin_template().pk == template.pk
    codebook = template.codebook()
    assert list(codebook.variables) == ["age_group", "gender", "sector", "gov", "employer", "self"]
    assert codebook["gov"].ordinal and not codebook["gender"].ordinal
    assert codebook["sector"].codes == tuple(range(1, 12))
    assert codebook["self"].labels[4]["ru"] == "Совсем не участвую"
