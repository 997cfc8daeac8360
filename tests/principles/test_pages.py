"""The principles pages: the taxonomy with its gaps, coverage, the tag form, the record's tags, in every language."""

from __future__ import annotations

from typing import Any

from tests.conftest import PASSWORD
from tests.principles.conftest import principle
from tripartite.principles import queries, services, taggables
from tripartite.principles.models import Tag


def _login(client: Any, user: Any) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def test_the_list_shows_each_principle_its_unverified_article_and_its_gaps(client: Any, pay_clause: Any) -> None:
    page = client.get("/principles/").content.decode()
    assert "Pay for work no lower than the minimum wage" in page
    assert "unverified: confirm against the official text before relying on it" in page
    assert "C131</a> <small>(ratified 10/20/2025)</small>" in page or "C131</a> <small>(ratified" in page
    assert "nothing carries it out" in page and "nothing measures it" in page


def test_the_list_is_translated_into_kazakh_and_russian(client: Any, db: Any) -> None:
    kk = client.get("/principles/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Еңбек бостандығы" in kk and "Labour Code principles" not in kk
    ru = client.get("/principles/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Свобода труда" in ru and "п. 2 ст. 4" in ru and "unverified" not in ru


def test_a_principles_page_lists_what_touches_it_and_why(client: Any, pay_clause: Any, commitment: Any,
                                                         admin_user: Any) -> None:
    services.tag_add(by=admin_user, target=commitment, principle=principle("P06"))
    page = client.get("/principles/P06/").content.decode()
    assert "Minimum monthly pay: 120,000 tenge." in page and "by its clause topic" in page
    assert "Train union negotiators." in page and "tagged" in page
    assert "Gap:" not in page
    assert client.get("/principles/P99/").status_code == 404


def test_a_conventions_page_shows_its_ratification_with_the_source(client: Any, db: Any) -> None:
    page = client.get("/principles/conventions/C144/").content.decode()
    assert "ratification not established" in page and "unverified" in page
    page = client.get("/principles/conventions/C131/").content.decode()
    assert "Z2500000224" in page


def test_the_owner_tags_a_record_from_the_principles_page(client: Any, pay_clause: Any, personas: Any) -> None:
    _login(client, personas.owner)
    page = client.get("/principles/P08/").content.decode()
    assert f'value="agreements.clause:{pay_clause.pk}"' in page
    response = client.post("/principles/P08/", {"record": f"agreements.clause:{pay_clause.pk}"})
    assert response.status_code == 302
    assert Tag.objects.get().principle.code == "P08"
    response = client.post("/principles/P08/", {"record": f"agreements.clause:{pay_clause.pk}"})
    assert response.status_code == 422 and "already tagged" in response.content.decode()


def test_a_reader_has_no_tag_form_and_cannot_post_one(client: Any, pay_clause: Any, personas: Any) -> None:
    _login(client, personas.member)
    assert "tag-submit" not in client.get("/principles/P08/").content.decode()
    assert client.post("/principles/P08/", {"record": f"agreements.clause:{pay_clause.pk}"}).status_code == 403
    client.logout()
    response = client.post("/principles/P08/", {"record": f"agreements.clause:{pay_clause.pk}"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Tag.objects.exists()


def test_a_record_that_is_not_in_the_list_is_a_form_error(client: Any, pay_clause: Any, personas: Any) -> None:
    _login(client, personas.owner)
    response = client.post("/principles/P08/", {"record": "agreements.clause:999999"})
    assert response.status_code == 422 and not Tag.objects.exists()


def test_the_record_page_overrides_the_topic_default(client: Any, hours_clause: Any, personas: Any) -> None:
    url = f"/principles/records/agreements.clause/{hours_clause.pk}/"
    assert "edit-tags" not in client.get(url).content.decode()
    _login(client, personas.owner)
    assert "edit-tags" in client.get(url).content.decode()
    form = client.get(url + "?edit=1").content.decode()
    assert 'name="principles"' in form
    p05 = principle("P05")
    response = client.post(url, {"principles": [p05.pk]})
    assert response.status_code == 302
    assert [p.code for p in queries.principles_of(taggables.kind("agreements.clause"), hours_clause)] == ["P05"]


def test_the_record_page_refuses_an_outsiders_change(client: Any, hours_clause: Any, personas: Any) -> None:
    _login(client, personas.outsider)
    url = f"/principles/records/agreements.clause/{hours_clause.pk}/"
    assert client.post(url, {"principles": []}).status_code == 403
    assert client.get("/principles/records/agreements.agreement/1/").status_code == 404
    assert not Tag.objects.exists()


def test_the_agreements_page_shows_the_principles_its_clauses_cover(client: Any, pay_clause: Any,
                                                                    agreement: Any) -> None:
    assert "Construction collective agreement" in client.get("/principles/agreements/").content.decode()
    page = client.get(f"/principles/agreements/{agreement.pk}/").content.decode()
    assert "Not covered" in page and "Pay for work no lower than the minimum wage" in page


def test_the_main_menu_links_to_the_principles(client: Any, db: Any) -> None:
    assert 'href="/principles/"' in client.get("/").content.decode()
