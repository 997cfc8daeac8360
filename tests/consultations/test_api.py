"""The consultations API: reads, writes under the role rules, and JSON errors for bad input."""

from __future__ import annotations

import io
from datetime import date

import docx

from tripartite.consultations import services
from tripartite.consultations.models import DraftAct, Position

from .conftest import EN_TEXT, RU_TEXT
from .test_positions import oppose

BASE = "/api/v1/consultations"


def _draft_body(world, **extra):
    return {"kind": "law", "drafter": world.ministry.pk, "title_ru": "Проект", "text_ru": RU_TEXT,
            "text_en": EN_TEXT, **extra}


def test_a_draft_is_created_with_its_articles(api, world):
    status, body = api(world.secretary).post(f"{BASE}/drafts", _draft_body(world))
    assert status == 201
    assert [a["key"] for a in body["latest"]["articles"]] == ["preamble", "1", "2", "3"]
    preamble = body["latest"]["articles"][0]
    assert preamble["missing_languages"] == ["kk", "en"]


def test_a_text_without_articles_is_a_400_with_a_message_and_nothing_stored(api, world):
    status, body = api(world.secretary).post(f"{BASE}/drafts", _draft_body(world, text_ru="без нумерации",
                                                                           text_en=""))
    assert status == 400
    assert body["errors"][0]["field"] == "text_ru" and "Статья 1." in body["detail"]
    assert DraftAct.objects.count() == 0


def test_errors_come_in_the_callers_language(api, world, client):
    status, body = api(world.secretary).call("post", f"{BASE}/drafts", _draft_body(world, text_ru="x", text_en=""))
    assert status == 400
    response = client.post(f"{BASE}/drafts", data=_draft_body(world, text_ru="x", text_en=""),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="kk",
                           HTTP_AUTHORIZATION=api(world.secretary)._headers()["HTTP_AUTHORIZATION"])
    assert response.status_code == 400
    assert response.json()["detail"] != body["detail"]


def test_unknown_kind_or_drafter_is_a_422_on_that_field(api, world):
    status, body = api(world.secretary).post(f"{BASE}/drafts", _draft_body(world, kind="edict"))
    assert status == 422 and body["errors"][0]["field"] == "kind"
    status, body = api(world.secretary).post(f"{BASE}/drafts", _draft_body(world, drafter=99999))
    assert status == 422 and body["errors"][0]["field"] == "drafter"


def test_a_malformed_body_is_a_json_error(api, world):
    status, body = api(world.secretary).post(f"{BASE}/drafts", raw="{not json")
    assert status in (400, 422) and body["detail"]


def test_anonymous_writes_are_401_and_outsiders_403(api, world):
    assert api(None).post(f"{BASE}/drafts", _draft_body(world))[0] == 401
    assert api(world.outsider_secretary).post(f"{BASE}/drafts", _draft_body(world))[0] == 403


def test_a_version_from_a_word_file_and_a_file_that_is_not_one(api, world, draft, client):
    headers = api(world.secretary)._headers()
    document = docx.Document()
    for line in ("Статья 1. Предмет", "Новый текст.", "Статья 2. Размер", "Текст."):
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    data.seek(0)
    data.name = "v2.docx"
    response = client.post(f"{BASE}/drafts/{draft.pk}/versions/docx", {"file": data, "language": "ru"}, **headers)
    assert response.status_code == 201 and response.json()["number"] == 2
    bad = io.BytesIO(b"this is not a docx")
    bad.name = "bad.docx"
    response = client.post(f"{BASE}/drafts/{draft.pk}/versions/docx", {"file": bad, "language": "ru"}, **headers)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "text_ru"
    assert draft.versions.count() == 2


def test_the_diff_between_versions(api, world, draft):
    services.version_add(draft=draft, by=world.secretary, texts={"ru": RU_TEXT.replace("ежегодно", "ежемесячно")})
    status, body = api(world.secretary).get(f"{BASE}/drafts/{draft.pk}/diff", **{"from": 1, "to": 2})
    assert status == 200
    changes = {a["key"]: a for a in body["articles"]}
    assert changes["2"]["status"] == "changed"
    assert {"op": "insert", "text": "ежемесячно.\n"} in changes["2"]["diff"]["ru"] or any(
        s["op"] == "insert" and "ежемесячно" in s["text"] for s in changes["2"]["diff"]["ru"])
    # kk and en were not given in version 2: removed texts count as changes in those languages.
    assert changes["1"]["status"] == "changed"
    assert api(world.secretary).get(f"{BASE}/drafts/{draft.pk}/diff", **{"from": 1, "to": 9})[0] == 404


def test_referral_with_its_unverified_deadline(api, world, draft):
    status, body = api(world.secretary).post(f"{BASE}/drafts/{draft.pk}/referrals",
                                             {"commission": world.commission.pk, "referred_on": "2026-03-13"})
    assert status == 201
    assert body["deadline"]["verified"] is False and body["deadline"]["unit"] == "working_days"
    assert body["deadline"]["due"] > "2026-03-27"  # Nauryz inside the period
    status, body = api(world.stranger).post(f"{BASE}/drafts/{draft.pk}/referrals",
                                            {"commission": world.commission.pk, "referred_on": "2026-03-13"})
    assert status in (403, 404)


def test_positions_by_the_api_and_their_refusals(api, world, referral):
    article = referral.version.articles.get(key="2")
    body = {"organisation": world.union.pk, "side": "workers", "for_side": True, "article": article.pk,
            "stance": "oppose", "reasons_kk": "Кепілдіктерді азайтады."}
    status, created = api(world.workers_coordinator).post(f"{BASE}/referrals/{referral.pk}/positions", body)
    # Referred on 2 March 2026 with ten working days: a position given now is accepted, and marked late.
    assert status == 201 and created["late"] is True and created["article_label"] == "Статья 2"
    # An organisation not on that side of that commission.
    status, error = api(world.stranger).post(f"{BASE}/referrals/{referral.pk}/positions",
                                             {**body, "organisation": world.outside_union.pk})
    assert status == 403 and error["errors"][0]["field"] == "organisation"
    # An objection without reasons.
    status, error = api(world.workers_coordinator).post(f"{BASE}/referrals/{referral.pk}/positions",
                                                        {**body, "reasons_kk": ""})
    assert status == 422 and error["errors"][0]["field"] == "reasons_ru"
    # An article of another draft.
    status, error = api(world.workers_coordinator).post(f"{BASE}/referrals/{referral.pk}/positions",
                                                        {**body, "article": 999999})
    assert status == 422 and error["errors"][0]["field"] == "article"
    assert Position.objects.count() == 1


def test_working_positions_are_401_anonymous_403_outsiders_until_published(api, world, referral):
    oppose(world, referral)
    url = f"{BASE}/referrals/{referral.pk}/positions"
    assert api(None).get(url)[0] in (401, 404)
    assert api(world.stranger).get(url)[0] == 403
    status, body = api(world.employers_coordinator).get(url)
    assert status == 200 and len(body) == 1
    services.referral_publish(referral=referral, by=world.secretary, published_on=date(2026, 3, 20))
    status, body = api(None).get(url)
    assert status == 200 and body[0]["stance"] == "oppose"
    status, body = api(None).get(f"{BASE}/open")
    assert status == 200 and body[0]["id"] == referral.pk


def test_reply_rules_by_the_api(api, world, referral):
    position = oppose(world, referral)
    url = f"{BASE}/positions/{position.pk}/reply"
    status, body = api(world.secretary).put(url, {"verdict": "rejected"})
    assert status == 422 and body["errors"][0]["field"] == "reason_ru"
    assert api(world.outsider_secretary).put(url, {"verdict": "accepted"})[0] == 403
    assert api(world.workers_coordinator).put(url, {"verdict": "accepted"})[0] == 403
    status, body = api(world.secretary).put(url, {"verdict": "rejected", "reason_en": "Kept as it is."})
    assert status == 200 and body["reply"]["verdict"] == "rejected"


def test_withdraw_and_position_after_close(api, world, draft, referral):
    position = oppose(world, referral)
    assert api(world.workers_member).post(f"{BASE}/positions/{position.pk}/withdraw")[0] == 403
    status, body = api(world.workers_coordinator).post(f"{BASE}/positions/{position.pk}/withdraw")
    assert status == 200 and body["withdrawn_at"]
    status, body = api(world.secretary).post(f"{BASE}/drafts/{draft.pk}/outcome", {
        "outcome": "adopted", "outcome_on": "2026-04-20", "act_number": "45-VIII",
        "act_url": "https://adilet.zan.kz/rus/docs/Z2600000045"})
    assert status == 200 and body["outcome"] == "adopted"
    status, body = api(world.workers_coordinator).post(f"{BASE}/referrals/{referral.pk}/positions", {
        "organisation": world.union.pk, "side": "workers", "stance": "support"})
    assert status == 409 and body["detail"]


def test_the_table_downloads(api, world, referral, client):
    oppose(world, referral)
    headers = api(world.secretary)._headers()
    response = client.get(f"{BASE}/referrals/{referral.pk}/table.docx?lang=en", **headers)
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    response = client.get(f"{BASE}/referrals/{referral.pk}/table.xlsx?lang=kk", **headers)
    assert response.status_code == 200 and response.content[:2] == b"PK"
    response = client.get(f"{BASE}/referrals/{referral.pk}/table.xlsx?lang=fr", **headers)
    assert response.status_code == 422 and response.json()["detail"]
    assert client.get(f"{BASE}/referrals/{referral.pk}/table.docx",
                      **api(world.stranger)._headers()).status_code == 403


def test_a_version_from_a_pdf_and_a_file_that_is_not_one(api, world, draft, client):
    from tests.consultations.test_parsing import _pdf

    headers = api(world.secretary)._headers()
    data = io.BytesIO(_pdf(["Article 1. Subject", "New text.", "Article 2. Amount", "Text."]))
    data.name = "v2.pdf"
    response = client.post(f"{BASE}/drafts/{draft.pk}/versions/pdf", {"file": data, "language": "en"}, **headers)
    assert response.status_code == 201 and response.json()["number"] == 2
    bad = io.BytesIO(b"not a pdf at all")
    bad.name = "bad.pdf"
    response = client.post(f"{BASE}/drafts/{draft.pk}/versions/pdf", {"file": bad, "language": "en"}, **headers)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "text_en"
    assert draft.versions.count() == 2
