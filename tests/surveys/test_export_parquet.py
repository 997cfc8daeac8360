"""`tripartite surveys export-parquet CAMPAIGN DIR`: partitioned Parquet that every counting engine reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.surveys.results_fixtures import make_union, paper_campaign
from tripartite.analysis.cli import main as analyze
from tripartite.cli import main as tripartite_main
from tripartite.surveys.results.exporting import export_answers

pytest.importorskip("pyarrow")
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign() -> Any:
    return paper_campaign(make_union(), slug="paper-parquet")


def _table(capsys: pytest.CaptureFixture[str], data: Path, *options: str) -> dict[str, Any]:
    code = analyze(["crosstab", str(data), "--rows", "sector", "--cols", "employer", "--layer", "gender",
                    "--format", "json", *options])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_export_writes_parts_and_the_codebook_and_counts_like_the_csv_export(capsys, tmp_path, campaign):
    target = tmp_path / "answers"
    assert tripartite_main(["surveys", "export-parquet", campaign.slug, str(target), "--rows-per-file", "100"]) == 0
    assert "wrote 346 responses of paper-parquet into 4 Parquet file(s)" in capsys.readouterr().out
    assert sorted(p.name for p in target.iterdir()) == [
        "_codebook.json", "part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet"]
    codebook = json.loads((target / "_codebook.json").read_text("utf-8"))
    sector = next(v for v in codebook["variables"] if v["name"] == "sector")
    assert set(sector["codes"][0]["label"]) == {"kk", "ru", "en"}
    csv = tmp_path / "answers.csv"
    csv.write_bytes(export_answers(campaign, "csv", lang="en").content)
    expected = _table(capsys, csv, "--codebook", str(target / "_codebook.json"))
    assert expected["n"] == 346 and expected["rows"]["labels"][0] != "1"  # labels came from the codebook
    assert _table(capsys, target) == expected  # numpy engine; the codebook beside the parts is taken up
    assert _table(capsys, target, "--engine", "stream") == expected


@pytest.mark.spark
def test_spark_counts_the_exported_parts(capsys, tmp_path, campaign, spark):
    target = tmp_path / "answers"
    call_command("export_parquet", campaign.slug, str(target), "--rows-per-file", "50")
    capsys.readouterr()
    assert _table(capsys, target, "--engine", "spark") == _table(capsys, target)


def test_a_directory_that_is_not_empty_is_refused_and_left_alone(capsys, tmp_path, campaign):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(CommandError, match="is not an empty directory"):
        call_command("export_parquet", campaign.slug, str(target))
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert tripartite_main(["surveys", "export-parquet", "no-such-campaign", str(tmp_path / "x")]) == 2
    assert "no campaign with the address 'no-such-campaign'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    assert list(tmp_path.glob(".busy-*")) == []
