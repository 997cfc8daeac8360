"""Importing a snowball sample keeps its referral chain: `id` and `recruiter_id` columns link the rows, waves are
counted along the chain, and a chain that cannot be followed is reported, never guessed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.conftest import PASSWORD
from tests.surveys.results_fixtures import make_campaign
from tripartite.surveys.importing import ImportFileError, import_responses
from tripartite.surveys.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield
HEADER = "id,recruiter_id,wave,age_group,gender,sector,gov,employer,self,network_size\n"
ANSWERS = "1,2,3,1,2,3,40"


@pytest.fixture
def campaign(union: Any) -> Any:
    return make_campaign(union, slug="chain")


def _file(tmp_path: Path, *rows: tuple[str, str], answers: dict[str, str] | None = None) -> Path:
    """Rows of (id, recruiter_id); the wave column holds nonsense on purpose: it is ignored."""
    answers = answers or {}
    lines = [f"{rid},{rec},99,{answers.get(rid, ANSWERS)}" for rid, rec in rows]
    path = tmp_path / "chain.csv"
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _by_seed_order(campaign: Any) -> dict[int, tuple[int | None, int]]:
    """import line order → (line order of the recruiter, wave)."""
    stored = list(Response.objects.filter(campaign=campaign).order_by("id"))
    position = {r.pk: i for i, r in enumerate(stored)}
    return {i: (position.get(r.recruited_by_id), r.wave) for i, r in enumerate(stored)}


def test_the_chain_links_recruits_and_counts_waves_whatever_the_row_order(tmp_path: Path, campaign: Any,
                                                                          editor: Any) -> None:
    # D is listed before its recruiter C, and C before its recruiter A.
    path = _file(tmp_path, ("D", "C"), ("A", ""), ("C", "A"), ("B", ""), ("E", "B"))
    report = import_responses(campaign=campaign, path=path, by=editor)
    assert report.clean and (report.imported, report.linked, report.unlinked) == (5, 3, 0)
    assert _by_seed_order(campaign) == {0: (2, 2), 1: (None, 0), 2: (1, 1), 3: (None, 0), 4: (3, 1)}


def test_a_recruiter_outside_the_file_leaves_the_row_unlinked_and_says_so(tmp_path: Path, campaign: Any,
                                                                           editor: Any) -> None:
    report = import_responses(campaign=campaign, path=_file(tmp_path, ("A", ""), ("F", "Z9"), ("G", "F")), by=editor)
    assert report.clean and (report.linked, report.unlinked) == (1, 1)
    assert _by_seed_order(campaign) == {0: (None, 0), 1: (None, 0), 2: (1, 1)}


def test_a_duplicate_id_or_a_self_recruiter_rejects_the_row(tmp_path: Path, campaign: Any, editor: Any) -> None:
    report = import_responses(campaign=campaign, path=_file(tmp_path, ("A", ""), ("A", ""), ("S", "S"), ("", "A")),
                              by=editor)
    assert report.imported == 0 and not Response.objects.exists()
    reasons = {r.line: " ".join(r.reasons) for r in report.rejected}
    assert set(reasons) == {3, 4, 5}
    assert "line 2" in reasons[3] and "own recruiter" in reasons[4] and "needs an id" in reasons[5]


def test_a_chain_that_loops_stops_the_import(tmp_path: Path, campaign: Any, editor: Any) -> None:
    with pytest.raises(ImportFileError) as caught:
        import_responses(campaign=campaign, path=_file(tmp_path, ("A", ""), ("B", "C"), ("C", "B")), by=editor)
    assert "loops back" in " ".join(caught.value.problems)
    assert not Response.objects.exists()


def test_a_rejected_recruiter_keeps_the_wave_of_its_recruits(tmp_path: Path, campaign: Any, editor: Any) -> None:
    bad = "7,2,3,1,2,3,40"  # age group 7 does not exist
    path = _file(tmp_path, ("A", ""), ("B", "A"), ("C", "B"), answers={"B": bad})
    report = import_responses(campaign=campaign, path=path, by=editor, only_valid=True)
    assert (report.imported, report.n_rejected, report.linked, report.unlinked) == (2, 1, 0, 1)
    assert _by_seed_order(campaign) == {0: (None, 0), 1: (None, 2)}


def test_the_page_and_the_command_report_the_chain(tmp_path: Path, client: Any, campaign: Any, editor: Any) -> None:
    client.login(username=editor.username, password=PASSWORD)
    url = reverse("surveys:results_import", args=[campaign.slug])
    body = _file(tmp_path, ("A", ""), ("F", "Z9")).read_bytes()
    with translation.override("ru"):
        response = client.post(url, {"file": SimpleUploadedFile("a.csv", body)}, HTTP_ACCEPT_LANGUAGE="ru",
                               follow=True)
    assert response.status_code == 200
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "вербовщик" in shown.lower() or "рекрутер" in shown.lower()
    out = io.StringIO()
    call_command("import_responses", campaign.slug, str(_file(tmp_path, ("A", ""), ("B", "A"))), stdout=out)
    assert "1 linked to their recruiter" in out.getvalue()


def test_an_exported_snowball_sample_imports_back_with_its_chain(tmp_path: Path, client: Any, union: Any,
                                                                 editor: Any) -> None:
    from tests.surveys.results_fixtures import add_responses, paper_answers

    source = make_campaign(union, slug="snowball-source")
    seed, first, second, other = add_responses(source, paper_answers()[:4])
    for recruit, recruiter, wave in ((first, seed, 1), (second, first, 2), (other, seed, 1)):
        Response.objects.filter(pk=recruit.pk).update(recruited_by=recruiter, wave=wave)
    client.login(username=editor.username, password=PASSWORD)
    exported = client.get(reverse("surveys:results_export_answers", args=[source.slug, "csv"]), {"lang": "en"})
    assert exported.status_code == 200
    path = tmp_path / "answers.csv"
    path.write_bytes(exported.content)
    target = make_campaign(union, slug="snowball-target")
    report = import_responses(campaign=target, path=path, by=editor)
    assert report.clean and (report.imported, report.linked, report.unlinked) == (4, 3, 0)

    def shape(campaign: Any) -> list[tuple[int, Any, Any]]:
        return sorted((r.wave, tuple(sorted(r.answers.items())),
                       tuple(sorted(r.recruited_by.answers.items())) if r.recruited_by else None)
                      for r in Response.objects.filter(campaign=campaign).select_related("recruited_by"))

    assert shape(target) == shape(source)
