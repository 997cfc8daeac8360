"""The `tripartite analyze` command, run in-process through `main(argv)` and once as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from tripartite.analysis.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, text):
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and text in lines[0]
    assert "Traceback" not in err


def test_crosstab_on_the_paper_prints_table_4_with_statistics_and_findings(capsys):
    code, out, err = run(capsys, "crosstab", "paper", "--rows", "sector", "--cols", "employer_involvement")
    assert code == 0, err
    it = next(line for line in out.splitlines() if line.startswith("Information technology"))
    assert it.split()[-5:] == ["16", "8", "6", "7", "37"]
    assert "43.24%" in out and "Pearson chi-square" in out and "Findings" in out
    assert "Information technology and communications × Very active: +3.96" in out


def test_freq_in_kazakh_with_figure_3(capsys, tmp_path):
    svg = tmp_path / "figure3.svg"
    code, out, _ = run(capsys, "freq", "paper", "--var", "self_involvement", "--lang", "kk", "--chart", str(svg))
    assert code == 0
    assert "Өте белсендімін" in out and "126" in out and "Жинақталған пайыз" in out
    assert "Өте белсендімін" in svg.read_text(encoding="utf-8")


def test_crosstab_json_has_the_documented_shape(capsys):
    code, out, _ = run(capsys, "crosstab", "paper", "--rows", "gender", "--cols", "self_involvement",
                       "--format", "json")
    assert code == 0
    result = json.loads(out)
    for key in ("n", "weighted", "rows", "cols", "counts", "expected", "row_pct", "col_pct",
                "adjusted_residuals", "statistics", "warnings", "findings"):
        assert key in result
    assert result["counts"] == [[75, 23, 51, 34], [51, 26, 52, 34]]


def test_crosstab_with_layer_to_xlsx_and_a_chart(capsys, tmp_path):
    xlsx, png = tmp_path / "t.xlsx", tmp_path / "t.png"
    code, out, err = run(capsys, "crosstab", "paper", "--rows", "gender", "--cols", "self_involvement",
                         "--layer", "age_group", "--format", "xlsx", "--out", str(xlsx), "--chart", str(png))
    assert code == 0, err
    assert len(openpyxl.load_workbook(xlsx).sheetnames) == 7
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_csv_file_with_codebook_weight_and_csv_output(capsys, tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("g,o,w\n1,1,2.0\n1,2,1.0\n2,1,1.0\n2,2,0.5\n2,9,1.0\n", encoding="utf-8")
    codebook = tmp_path / "cb.yaml"
    codebook.write_text("variables:\n  - name: o\n    missing: [9]\n    codes:\n"
                        "      - {code: 1, label: Yes}\n      - {code: 2, label: 'No'}\n", encoding="utf-8")
    out_csv = tmp_path / "t.csv"
    code, out, err = run(capsys, "crosstab", str(data), "--rows", "g", "--cols", "o", "--weight", "w",
                         "--codebook", str(codebook), "--format", "csv", "--out", str(out_csv))
    assert code == 0, err
    cells = pd.read_csv(out_csv)
    assert cells["count"].tolist() == [2.0, 1.0, 1.0, 0.5]
    assert "declared missing 1" in err  # what was left out is said even when the table goes to a file


def test_public_table_suppresses_small_cells(capsys):
    code, out, _ = run(capsys, "crosstab", "paper", "--rows", "sector", "--cols", "employer_involvement",
                       "--public", "--format", "json")
    result = json.loads(out)
    assert code == 0 and result["counts"][1][0] is None  # agriculture, "very active": 1 respondent


def test_rake_writes_weights_that_meet_the_margins(capsys, tmp_path):
    margins = tmp_path / "m.csv"
    margins.write_text("variable,code,target\ngender,1,0.5\ngender,2,0.5\n"
                       + "".join(f"age_group,{c},{t}\n" for c, t in zip(range(1, 7), [15, 15, 25, 20, 15, 10],
                                                                       strict=True)), encoding="utf-8")
    out_csv = tmp_path / "weighted.csv"
    code, out, err = run(capsys, "rake", "paper", "--margins", str(margins), "--out", str(out_csv),
                         "--trim", "0.2,5")
    assert code == 0, err
    assert "converged" in out and "design effect" in out and "effective sample size" in out
    frame = pd.read_csv(out_csv)
    assert len(frame) == 346 and "weight" in frame
    shares = frame.groupby("gender")["weight"].sum() / frame["weight"].sum()
    assert np.allclose(shares.to_numpy(), [0.5, 0.5], atol=1e-4)


def test_rds_writes_waves_and_weights(capsys, tmp_path):
    out_csv = tmp_path / "rds.csv"
    code, out, err = run(capsys, "rds", "paper", "--id", "id", "--recruiter", "recruiter_id",
                         "--degree", "network_size", "--out", str(out_csv))
    assert code == 0, err
    frame = pd.read_csv(out_csv)
    assert (frame.loc[frame["recruiter_id"].isna(), "wave"] == 0).all()
    assert frame["rds_weight"].sum() == pytest.approx(346)
    assert "12 seeds" in out and "wave 0: 12 respondents" in out


@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (["crosstab", "missing.csv", "--rows", "a", "--cols", "b"], "file not found: missing.csv"),
        (["crosstab", "paper", "--rows", "sector", "--cols", "nope"], "unknown column 'nope'"),
        (["freq", "paper"], "the following arguments are required: --var"),
        (["freq", "paper", "--var", "gender", "--format", "xlsx"], "--format xlsx needs --out"),
        (["crosstab", "paper", "--rows", "gender", "--cols", "gender"], "must name different columns"),
        (["crosstab", "paper", "--rows", "gender", "--cols", "sector", "--chart", "x.gif"], ".svg or .png"),
        (["bogus"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv, text):
    code, _, err = run(capsys, *argv)
    assert_one_line_error(code, err, text)


def test_non_numeric_codes_and_empty_data(capsys, tmp_path):
    text_codes = tmp_path / "t.csv"
    text_codes.write_text("a,b\n1,2\nx,3\n", encoding="utf-8")
    code, _, err = run(capsys, "crosstab", str(text_codes), "--rows", "a", "--cols", "b")
    assert_one_line_error(code, err, "non-numeric code 'x'")
    empty = tmp_path / "e.csv"
    empty.write_text("a,b\n", encoding="utf-8")
    code, _, err = run(capsys, "freq", str(empty), "--var", "a")
    assert_one_line_error(code, err, "no data")


def test_bad_margins_files(capsys, tmp_path):
    out = str(tmp_path / "o.csv")
    cases = {
        "variable,code\ngender,1\n": "The first row must name the columns variable, code and target.",
        "variable,code,target\nnope,1,3\n": "'nope' is not a column",
        "variable,code,target\ngender,1,3\n": "no target in the margins",
        "variable,code,target\ngender,1,x\n": "Line 2: the target “x” is not a number of 0 or more.",
    }
    for text, expected in cases.items():
        margins = tmp_path / "m.csv"
        margins.write_text(text, encoding="utf-8")
        code, _, err = run(capsys, "rake", "paper", "--margins", str(margins), "--out", out)
        assert_one_line_error(code, err, expected)
    code, _, err = run(capsys, "rake", "paper", "--margins", str(margins), "--out", out, "--trim", "3")
    assert_one_line_error(code, err, "--trim must be two numbers")


def test_errors_in_russian(capsys):
    code, _, err = run(capsys, "freq", "nothere.csv", "--var", "a", "--lang", "ru")
    assert code == 2 and err.startswith("ошибка: ")


def test_subprocess_run_and_its_error(tmp_path):
    command = [sys.executable, "-m", "tripartite.analysis.cli"]
    ok = subprocess.run([*command, "crosstab", "paper", "--rows", "age_group", "--cols", "state_involvement"],
                        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "21.57%" in ok.stdout and "34.21%" in ok.stdout
    bad = subprocess.run([*command, "freq", str(tmp_path / "none.sav"), "--var", "x"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [f"error: file not found: {tmp_path / 'none.sav'}"]


def test_crosstab_of_an_identifier_column_is_refused_quickly(tmp_path, capsys):
    path = tmp_path / "ids.csv"
    path.write_text("id,gender\n" + "".join(f"{i},{1 + i % 2}\n" for i in range(5000)))
    assert main(["crosstab", str(path), "--rows", "id", "--cols", "gender"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "distinct values" in err


REFERENCE = ROOT / "tests" / "analysis" / "reference"


def test_crosstab_with_strata_and_clusters_reports_r_survey_figures(capsys):
    reference = json.loads((REFERENCE / "svychisq.json").read_text(encoding="utf-8"))
    case = next(c for c in reference["cases"]
                if c["data"] == "weighted_3x4_missing.csv" and c["design"] == "strata_clusters")
    code, out, err = run(capsys, "crosstab", str(REFERENCE / case["data"]), "--rows", "row", "--cols", "col",
                         "--weight", "w", "--strata", "stratum", "--cluster", "cluster", "--format", "json")
    assert code == 0, err
    rs = json.loads(out)["rao_scott"]
    assert rs["chi2"] == pytest.approx(case["chi2_rs"], abs=1e-9)
    assert rs["second_order"]["f"] == pytest.approx(case["f"], abs=1e-9)
    assert rs["second_order"]["ddf"] == pytest.approx(case["ddf"], abs=1e-9)
    assert rs["second_order"]["p"] == pytest.approx(case["p_f"], abs=1e-9)


def test_strata_without_a_weight_is_a_one_line_error(capsys):
    code, _, err = run(capsys, "crosstab", str(REFERENCE / "weighted_2x2.csv"), "--rows", "row", "--cols", "col",
                       "--strata", "stratum")
    assert_one_line_error(code, err, "--weight")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_statistics_block_writes_decimal_commas_in_kazakh_and_russian(capsys, lang):
    code, out, err = run(capsys, "crosstab", str(REFERENCE / "weighted_3x4.csv"), "--rows", "row", "--cols", "col",
                         "--weight", "w", "--strata", "stratum", "--lang", lang)
    assert code == 0, err
    import re

    # No digit.digit anywhere: counts, percentages, statistics, residuals and findings alike.
    assert not re.search(r"\d\.\d", out), [line for line in out.splitlines() if re.search(r"\d\.\d", line)]
    assert re.search(r"F = \d+,\d{3}", out) and "%" in out


@pytest.mark.parametrize(("name", "content"), [
    ("semicolon.csv", "a;b;w\n1;1;1,5\n1;2;0,75\n2;1;2\n2;2;1,25\n1;1;1\n2;2;0,5\n"),
    ("comma.csv", 'a,b,w\n1,1,"1,5"\n1,2,"0,75"\n2,1,2\n2,2,"1,25"\n1,1,1\n2,2,"0,5"\n'),
])
def test_weights_written_with_a_decimal_comma_are_read(capsys, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "crosstab", str(path), "--rows", "a", "--cols", "b", "--weight", "w",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["counts"] == [[2.5, 0.75], [2.0, 1.75]]


def test_weights_typed_as_text_with_a_decimal_comma_in_xlsx_are_read(capsys, tmp_path):
    path = tmp_path / "w.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["a", "b", "w"])
    for row in [(1, 1, "1,5"), (1, 2, "0,75"), (2, 1, 2), (2, 2, "1,25"), (1, 1, 1), (2, 2, 0.5)]:
        sheet.append(row)
    book.save(path)
    code, out, err = run(capsys, "crosstab", str(path), "--rows", "a", "--cols", "b", "--weight", "w",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["counts"] == [[2.5, 0.75], [2.0, 1.75]]


def test_rds_keeps_ids_as_written(capsys, tmp_path):
    data = tmp_path / "chain.csv"
    data.write_text("id,recruiter,degree\n1,,5\n7,1,3\n8,7,4\n9,,2\n010,9,\n", encoding="utf-8")
    out_path = tmp_path / "out.csv"
    code, _, err = run(capsys, "rds", str(data), "--id", "id", "--recruiter", "recruiter", "--degree", "degree",
                       "--out", str(out_path))
    assert code == 0, err
    lines = out_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,recruiter,degree,wave,rds_weight"
    assert [line.split(",")[:3] for line in lines[1:]] == [
        ["1", "", "5"], ["7", "1", "3"], ["8", "7", "4"], ["9", "", "2"], ["010", "9", ""]]
    assert "010" in err  # no valid network size: named as written


def test_an_enormous_code_is_one_line_error_without_a_numpy_warning(capsys, tmp_path):
    import warnings

    data = tmp_path / "big.csv"
    data.write_text("a,b\n1,1\n99999999999999999999,2\n2,1\n2,2\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        code, out, err = run(capsys, "crosstab", str(data), "--rows", "a", "--cols", "b")
    assert_one_line_error(code, err, "column 'a' has a code too large to be a category (1e+20 at data row 2)")
    assert out == ""


def test_rake_says_when_trimming_cannot_hold_the_bounds(capsys, tmp_path):
    data = tmp_path / "sample.csv"
    rows = ["sex"] + ["1"] * 90 + ["2"] * 10
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    margins = tmp_path / "margins.csv"
    margins.write_text("variable,code,target\nsex,1,0.5\nsex,2,0.5\n", encoding="utf-8")
    code, out, err = run(capsys, "rake", str(data), "--margins", str(margins), "--out", str(tmp_path / "w.csv"),
                         "--trim", "0.5,2", "--lang", "ru")
    assert code == 0
    assert "усечение НЕ смогло удержать все веса в пределах 0,5000–2,0000" in err
    assert "раундов" in err
    assert "перевзвешивание НЕ сошлось" in out  # "converged" only when the bounds hold too
