"""Import (a bad file is rejected whole, or only its valid rows go in; rejected rows downloadable), the
import command, exports that read back (.sav with its labels), and the DOCX/XLSX reports."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from tests.surveys.results_fixtures import make_campaign, make_union, paper_campaign
from tripartite.surveys.importing import ImportFileError, import_responses
from tripartite.surveys.models import Response
from tripartite.surveys.template_tables import pin_template_tables

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple"
GOOD = "age_group,gender,sector,gov,employer,self,network_size,language\n1,2,3,1,2,3,40,kk\n6,1,11,4,4,4,,ru\n"
BAD = GOOD + "7,1,1,1,1,1,10,ru\n2,2,2,2,2,,x,en\n3,1,1,1,1,1,5,fr\n"


@pytest.fixture
def union() -> Any:
    return make_union()


@pytest.fixture
def owner(make_user: Any, union: Any) -> Any:
    return make_user("owner", role="editor", organisation=union)


@pytest.fixture
def campaign(union: Any) -> Any:
    return make_campaign(union, slug="import")


def _write(tmp_path: Path, text: str, name: str = "answers.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clean_file_is_imported(tmp_path: Path, campaign: Any, owner: Any) -> None:
    report = import_responses(campaign=campaign, path=_write(tmp_path, GOOD), by=owner)
    assert (report.rows, report.imported, report.n_rejected) == (2, 2, 0)
    stored = list(Response.objects.filter(campaign=campaign).order_by("id"))
    assert stored[0].answers == {"age_group": 1, "gender": 2, "sector": 3, "gov": 1, "employer": 2, "self": 3,
                                 "network_size": 40}
    assert stored[0].language == "kk" and stored[1].language == "ru"
    assert {r.source for r in stored} == {"import"}
    assert len({r.referral_code for r in stored}) == 2


def test_a_bad_file_is_rejected_whole_with_every_bad_row_listed(tmp_path: Path, campaign: Any, owner: Any) -> None:
    report = import_responses(campaign=campaign, path=_write(tmp_path, BAD), by=owner)
    assert report.imported == 0 and not Response.objects.exists()
    assert [r.line for r in report.rejected] == [4, 5, 6]
    reasons = {r.line: " ".join(r.reasons) for r in report.rejected}
    assert reasons[4].startswith("age_group:")
    assert "self:" in reasons[5] and "network_size:" in reasons[5]
    assert "language:" in reasons[6]
    assert report.rejected_csv.splitlines()[0].startswith("import_line,age_group")


def test_only_the_valid_rows_on_request_and_the_rejected_rows_reimport_once_fixed(tmp_path: Path, campaign: Any,
                                                                                  owner: Any) -> None:
    report = import_responses(campaign=campaign, path=_write(tmp_path, BAD), by=owner, only_valid=True)
    assert (report.imported, report.n_rejected) == (2, 3)
    fixed = report.rejected_csv.replace("7,1,1,1,1,1,10,ru", "5,1,1,1,1,1,10,ru").replace(",x,en", ",9,en")
    fixed = fixed.replace("2,2,2,2,2,,9,en", "2,2,2,2,2,1,9,en").replace(",fr,", ",ru,")
    again = import_responses(campaign=campaign, path=_write(tmp_path, fixed, "fixed.csv"), by=owner)
    assert again.clean and again.imported == 3
    assert Response.objects.filter(campaign=campaign).count() == 5


def test_file_level_problems_are_reported_before_any_row(tmp_path: Path, campaign: Any, owner: Any) -> None:
    with pytest.raises(ImportFileError) as caught:
        import_responses(campaign=campaign, path=_write(tmp_path, "gender,colour\n1,2\n"), by=owner)
    problems = " ".join(caught.value.problems)
    assert "colour" in problems and "age_group" in problems
    with pytest.raises(ImportFileError):
        import_responses(campaign=campaign, path=_write(tmp_path, "x", "answers.txt"), by=owner)


def test_a_windows_1251_semicolon_file_from_russian_excel_is_imported(tmp_path: Path, campaign: Any,
                                                                     owner: Any) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(GOOD.replace(",", ";").encode("cp1251"))
    report = import_responses(campaign=campaign, path=path, by=owner)
    assert (report.rows, report.imported, report.n_rejected) == (2, 2, 0)
    assert Response.objects.filter(campaign=campaign, language="kk").get().answers["network_size"] == 40


def test_a_tab_separated_file_with_a_byte_order_mark_is_imported(tmp_path: Path, campaign: Any, owner: Any) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("\ufeff" + GOOD.replace(",", "\t"), encoding="utf-8")
    report = import_responses(campaign=campaign, path=path, by=owner)
    assert (report.imported, report.n_rejected) == (2, 0)


def test_a_file_that_is_not_text_is_refused(tmp_path: Path, campaign: Any, owner: Any) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes("age_group,gender\n".encode("utf-16"))
    with translation.override("en"), pytest.raises(ImportFileError) as caught:
        import_responses(campaign=campaign, path=path, by=owner)
    assert caught.value.problems == ["The file is not UTF-8 text."]


def test_only_the_owner_may_import(tmp_path: Path, campaign: Any, make_user: Any) -> None:
    from tripartite.core.errors import NotAllowed

    outsider = make_user("outsider", role="editor", organisation=make_union("Other union"))
    with pytest.raises(NotAllowed):
        import_responses(campaign=campaign, path=_write(tmp_path, GOOD), by=outsider)


def test_the_import_page_reports_and_offers_the_rejected_rows(client: Any, campaign: Any, owner: Any) -> None:
    client.login(username=owner.username, password=PASSWORD)
    url = reverse("surveys:results_import", args=[campaign.slug])
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", BAD.encode())})
    assert response.status_code == 422
    assert not Response.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", BAD.encode()), "only_valid": "on"})
    assert response.status_code == 200
    assert Response.objects.count() == 2
    download = client.get(response.context["rejected_url"])
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert len(download.content.decode().splitlines()) == 4
    bad_file = client.post(url, {"file": SimpleUploadedFile("a.csv", b"colour\n1\n")})
    assert bad_file.status_code == 422 and "colour" in bad_file.content.decode()


def test_the_import_command(tmp_path: Path, campaign: Any) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("import_responses", campaign.slug, str(_write(tmp_path, BAD)), stderr=io.StringIO())
    assert "nothing was imported" in str(caught.value) and "\n" not in str(caught.value)
    out = io.StringIO()
    rejected = tmp_path / "rejected.csv"
    call_command("import_responses", campaign.slug, str(tmp_path / "answers.csv"), "--only-valid",
                 "--rejected", str(rejected), stdout=out, stderr=io.StringIO())
    assert "imported 2 of 5 rows" in out.getvalue()
    assert rejected.read_text().count("\n") == 4
    with pytest.raises(CommandError):
        call_command("import_responses", "no-such-campaign", str(rejected))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav"])
def test_exported_answers_import_back_identically(tmp_path: Path, client: Any, union: Any, owner: Any, fmt: str) -> None:
    source = paper_campaign(union, slug="source")
    client.login(username=owner.username, password=PASSWORD)
    response = client.get(reverse("surveys:results_export_answers", args=[source.slug, fmt]), {"lang": "en"})
    assert response.status_code == 200
    path = tmp_path / f"answers.{fmt}"
    path.write_bytes(response.content)
    target = make_campaign(union, slug="target")
    report = import_responses(campaign=target, path=path, by=owner)
    assert report.clean and report.imported == 346
    before = sorted(tuple(sorted(r.items())) for r in source.responses.values_list("answers", flat=True))
    after = sorted(tuple(sorted(r.items())) for r in target.responses.values_list("answers", flat=True))
    assert before == after


def test_the_sav_export_carries_value_labels_in_the_chosen_language(tmp_path: Path, client: Any, union: Any,
                                                                   owner: Any) -> None:
    campaign = paper_campaign(union, slug="sav")
    client.login(username=owner.username, password=PASSWORD)
    response = client.get(reverse("surveys:results_export_answers", args=[campaign.slug, "sav"]), {"lang": "ru"})
    path = tmp_path / "a.sav"
    path.write_bytes(response.content)
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 346
    assert meta.variable_value_labels["gender"] == {1.0: "Мужской", 2.0: "Женский"}
    assert meta.column_names_to_labels["gender"] == "Ваш пол"
    assert meta.variable_measure["self"] == "ordinal"
    assert int((frame["self"] == 1).sum()) == 126


def test_the_docx_report_opens_and_holds_table_4(client: Any, union: Any, owner: Any) -> None:
    import docx

    campaign = paper_campaign(union, slug="report")
    tables = pin_template_tables(campaign)
    client.login(username=owner.username, password=PASSWORD)
    response = client.get(reverse("surveys:results_report", args=[campaign.slug]),
                          {"tables": [str(tables[1].pk)], "lang": "ru", "format": "docx"})
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Таблица 4" in text
    assert "Хи-квадрат Пирсона" in text or "Пирсон" in text
    grid = document.tables[0]
    assert grid.rows[0].cells[0].text == "Отрасль, в которой вы работаете"
    assert grid.rows[-1].cells[-1].text == "346"
    assert len(document.inline_shapes) == 1  # the chart


def test_the_xlsx_report_has_one_sheet_per_table(client: Any, union: Any, owner: Any) -> None:
    from openpyxl import load_workbook

    campaign = paper_campaign(union, slug="xlsx")
    tables = pin_template_tables(campaign)
    client.login(username=owner.username, password=PASSWORD)
    response = client.get(reverse("surveys:results_report", args=[campaign.slug]),
                          {"tables": [str(t.pk) for t in tables], "lang": "en", "format": "xlsx"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 3
    assert book.worksheets[1]["A1"].value == "Table 4. The employer's involvement by sector"


def test_the_builders_table_downloads_as_a_report(client: Any, union: Any, owner: Any) -> None:
    import docx

    campaign = paper_campaign(union, slug="adhoc")
    client.login(username=owner.username, password=PASSWORD)
    url = reverse("surveys:results_report", args=[campaign.slug])
    response = client.get(url, {"rows": "gender", "cols": "self", "lang": "en", "format": "docx"})
    assert response.status_code == 200
    assert len(docx.Document(io.BytesIO(response.content)).tables) == 1
    assert client.get(url, {"rows": "gender", "cols": "gender", "lang": "en", "format": "docx"}).status_code == 422
