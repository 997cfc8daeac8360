"""Results API: crosstab and frequencies JSON, who may call them, and a 422 (never a 500) for bad parameters."""

from __future__ import annotations

from typing import Any

import pytest

from tests.surveys.results_fixtures import add_responses, make_campaign, make_union, paper_campaign

pytestmark = pytest.mark.django_db
URL = "surveys/campaigns/{slug}/{what}"


@pytest.fixture
def union() -> Any:
    return make_union()


@pytest.fixture
def private(union: Any) -> Any:
    return paper_campaign(union, slug="private-paper")


@pytest.fixture
def public(union: Any) -> Any:
    return paper_campaign(union, slug="public-paper", results_public=True)


def test_the_owner_gets_table_4_with_its_statistics(api: Any, personas: Any, private: Any) -> None:
    owner = personas.owner
    status, body = api(owner).get(URL.format(slug=private.slug, what="crosstab"), rows="sector", cols="employer")
    assert status == 200
    assert body["n"] == 346 and body["public"] is False
    assert body["statistics"]["pearson"]["chi2"] == pytest.approx(19.81, abs=0.01)
    assert body["suppressed"] is None
    assert any(f["code"].startswith("association.") for f in body["findings"])


@pytest.mark.parametrize("who", ["member", "admin"])
def test_the_unions_analyst_and_admins_get_full_results(api: Any, personas: Any, admin_user: Any, private: Any,
                                                        who: str) -> None:
    user = personas.member if who == "member" else admin_user
    status, body = api(user).get(URL.format(slug=private.slug, what="frequencies"), var="self")
    assert status == 200
    assert [c["count"] for c in body["categories"]] == [126, 49, 103, 68]


def test_private_results_are_401_for_anonymous_callers(api: Any, private: Any) -> None:
    assert api(None).get(URL.format(slug=private.slug, what="crosstab"), rows="gender", cols="self")[0] == 401


def test_private_results_are_403_for_an_outsider(api: Any, personas: Any, private: Any) -> None:
    assert api(personas.outsider).get(URL.format(slug=private.slug, what="crosstab"), rows="gender",
                                      cols="self")[0] == 403


def test_an_unknown_campaign_is_a_404(api: Any, db: Any) -> None:
    assert api(None).get(URL.format(slug="no-such-campaign", what="counts"))[0] == 404


def test_anonymous_callers_get_public_results_with_small_cells_null(api: Any, public: Any) -> None:
    status, body = api(None).get(URL.format(slug=public.slug, what="crosstab"), rows="sector", cols="employer")
    assert status == 200 and body["public"] is True
    # Table 4 has cells below 5 (e.g. sector 6 has 9 respondents): they and their complements are hidden.
    hidden = [(i, j) for i, row in enumerate(body["suppressed"]) for j, flag in enumerate(row) if flag]
    assert hidden
    for i, j in hidden:
        assert body["counts"][i][j] is None and body["row_pct"][i][j] is None
    for row in body["counts"]:
        for count in row:
            assert count is None or count == 0 or count >= 5


def test_an_unpublished_campaign_is_a_404_for_the_public(api: Any, union: Any) -> None:
    campaign = make_campaign(union, slug="hidden", results_public=True, published=False)
    assert api(None).get(URL.format(slug=campaign.slug, what="counts"))[0] == 404


@pytest.mark.parametrize("params,field", [
    ({"rows": "nope", "cols": "self"}, "rows"),
    ({"rows": "self", "cols": "self"}, "cols"),
    ({"rows": "gender", "cols": "self", "layer": "gender"}, "layer"),
    ({"rows": "network_size", "cols": "self"}, "rows"),
    ({"rows": "gender", "cols": "self", "weight": "magic"}, "weight"),
    ({"rows": "gender", "cols": "self", "weight": "raking"}, "weight"),
])
def test_bad_crosstab_parameters_are_a_422_naming_the_field(api: Any, personas: Any, private: Any,
                                                           params: dict[str, str], field: str) -> None:
    owner = personas.owner
    status, body = api(owner).get(URL.format(slug=private.slug, what="crosstab"), **params)
    assert status == 422
    assert body["errors"][0]["field"] == field and body["detail"]


def test_missing_parameters_and_text_questions_are_422(api: Any, personas: Any, private: Any) -> None:
    owner = personas.owner
    client = api(owner)
    assert client.get(URL.format(slug=private.slug, what="crosstab"), rows="gender")[0] == 422
    status, body = client.get(URL.format(slug=private.slug, what="frequencies"), var="network_size")
    assert status == 422 and body["errors"][0]["field"] == "var"


def test_weights_are_selectable(api: Any, personas: Any, private: Any) -> None:
    owner = personas.owner
    status, body = api(owner).get(URL.format(slug=private.slug, what="crosstab"), rows="gender", cols="self",
                                  weight="rds")
    assert status == 200
    assert body["weighted"] is True and body["rao_scott"]["chi2"] is not None
    assert body["weighting"]["kind"] == "rds"


def test_counts_by_day_and_wave(api: Any, union: Any) -> None:
    campaign = make_campaign(union, slug="waves", results_public=True)
    add_responses(campaign, [{"gender": 1}] * 7, per_day=5, waves=[0, 0, 1, 1, 1, 2, 2])
    status, body = api(None).get(URL.format(slug=campaign.slug, what="counts"))
    assert status == 200
    assert body["total"] == 7
    assert [d["responses"] for d in body["by_day"]] == [5, 2]
    assert body["by_wave"] == [{"wave": 0, "responses": 2}, {"wave": 1, "responses": 3}, {"wave": 2, "responses": 2}]


def test_findings_come_in_the_requested_language(api: Any, personas: Any, private: Any) -> None:
    owner = personas.owner
    _status, body = api(owner).get(URL.format(slug=private.slug, what="crosstab"), rows="gender", cols="self",
                                   lang="ru")
    assert body["rows"]["labels"] == ["Мужской", "Женский"]
    assert "не" in body["findings"][0]["text"]  # "не значима": no association in Table 5


def test_rds_without_any_network_size_is_a_422(api: Any, personas: Any, union: Any) -> None:
    campaign = make_campaign(union, slug="no-degrees")
    add_responses(campaign, [{"gender": 1 + i % 2, "self": 1 + i % 4} for i in range(20)])
    owner = personas.owner
    status, body = api(owner).get(URL.format(slug=campaign.slug, what="crosstab"), rows="gender", cols="self",
                                  weight="rds")
    assert status == 422 and body["errors"][0]["field"] == "weight"
