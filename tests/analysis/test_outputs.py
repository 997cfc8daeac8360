"""Rendering results as terminal text, CSV, JSON and XLSX, and exporting data sets to .sav."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest

from tripartite.analysis import crosstab, frequencies
from tripartite.analysis.codebook import Codebook, Variable
from tripartite.analysis.outputs import (
    exclusion_lines,
    render,
    render_csv,
    render_text,
    write_result,
    write_sav,
    write_table,
    write_xlsx,
)
from tripartite.analysis.readers import dataset_from_arrays, load_paper_dataset, read_dataset

# A hand-made result of the documented JSON shape (issue 3), independent of the engine.
TABLE_5 = {
    "n": 346,
    "weighted": False,
    "rows": {"name": "gender", "codes": [1, 2], "labels": ["Male", "Female"]},
    "cols": {"name": "self_involvement", "codes": [1, 2, 3, 4],
             "labels": ["Very active", "Sufficiently active", "Insufficiently active", "Not involved at all"]},
    "counts": [[75, 23, 51, 34], [51, 26, 52, 34]],
    "expected": [[66.64, 25.92, 54.48, 35.97], [59.36, 23.08, 48.52, 32.03]],
    "row_pct": [[40.98, 12.57, 27.87, 18.58], [31.29, 15.95, 31.90, 20.86]],
    "col_pct": [[59.52, 46.94, 49.51, 50.0], [40.48, 53.06, 50.49, 50.0]],
    "adjusted_residuals": [[1.86, -0.91, -0.98, -0.53], [-1.86, 0.91, 0.98, 0.53]],
    "statistics": {"pearson": {"chi2": 3.71, "df": 3, "p": 0.294},
                   "likelihood_ratio": {"chi2": 3.72, "df": 3, "p": 0.293},
                   "linear_by_linear": {"chi2": 1.93, "df": 1, "p": 0.165},
                   "cramers_v": 0.104, "phi": 0.104, "contingency_coefficient": 0.103},
    "warnings": [],
    "findings": [{"code": "association.not_significant", "text": "No significant association."}],
}


@pytest.fixture(scope="module")
def paper():
    return load_paper_dataset()


def test_text_puts_row_percent_beneath_each_count():
    lines = render_text(TABLE_5).splitlines()
    male = next(i for i, line in enumerate(lines) if line.startswith("Male"))
    assert lines[male].split()[-5:] == ["75", "23", "51", "34", "183"]
    assert lines[male + 1].split()[-5:] == ["40.98%", "12.57%", "27.87%", "18.58%", "100.00%"]
    total = next(line for line in lines if line.startswith("Total"))
    assert total.split()[-5:] == ["126", "49", "103", "68", "346"]


def test_text_has_statistics_and_findings_below_the_table():
    text = render_text(TABLE_5)
    assert text.index("Statistics") > text.index("Total")
    assert "Pearson chi-square" in text and "χ² = 3.710" in text and "df = 3" in text
    assert "Cramér's V = 0.104" in text
    assert "No significant association." in text


def test_text_columns_are_aligned():
    lines = [line for line in render_text(TABLE_5).splitlines() if "Count" in line or "Row %" in line]
    ends = {len(line) for line in lines}
    assert len(ends) == 1


def test_text_in_russian_and_kazakh(paper):
    result = crosstab(paper.array("gender"), paper.array("self_involvement"), codebook=paper.codebook,
                      row_name="gender", col_name="self_involvement", lang="kk").to_dict()
    kk = render_text(result, lang="kk")
    assert "Саны" in kk and "Жол бойынша %" in kk and "Ер" in kk and "Өте белсендімін" in kk
    ru = render_text(result, lang="ru")
    assert "Частота" in ru and "Итого" in ru


def test_suppressed_cells_are_shown_as_dashes_with_a_note(paper):
    result = crosstab(paper.array("sector"), paper.array("employer_involvement"), codebook=paper.codebook,
                      row_name="sector", col_name="employer_involvement", public=True).to_dict()
    text = render_text(result)
    agriculture = next(line for line in text.splitlines() if line.startswith("Agriculture"))
    assert "—" in agriculture
    assert "suppressed (fewer than 5)" in text


def test_csv_is_one_line_per_cell():
    rows = list(csv.DictReader(io.StringIO(render_csv(TABLE_5))))
    assert len(rows) == 8
    first = rows[0]
    assert (first["row_label"], first["col_label"], first["count"], first["row_pct"]) == (
        "Male", "Very active", "75", "40.98")
    assert first["adjusted_residual"] == "1.86"


def test_json_round_trips():
    assert json.loads(render(TABLE_5, "json")) == TABLE_5


def test_xlsx_has_counts_with_row_percent_beneath_and_statistics_below(tmp_path):
    path = write_xlsx(TABLE_5, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    male = next(i for i, row in enumerate(values) if row[0] == "Male")
    assert values[male][1:7] == ["Count", 75, 23, 51, 34, 183]
    assert values[male + 1][1:6] == ["Row %", 40.98, 12.57, 27.87, 18.58]
    assert sheet.cell(row=male + 2, column=3).number_format == '0.00"%"'
    pearson = next(i for i, row in enumerate(values) if row[0] == "Pearson chi-square")
    assert pearson > male and values[pearson][1:4] == [3.71, 3, 0.294]
    assert any(row[0] == "No significant association." for row in values)


def test_xlsx_has_a_sheet_per_layer_and_the_total(paper, tmp_path):
    result = crosstab(paper.array("gender"), paper.array("self_involvement"), layer=paper.array("age_group"),
                      codebook=paper.codebook, row_name="gender", col_name="self_involvement",
                      layer_name="age_group").to_dict()
    workbook = openpyxl.load_workbook(write_xlsx(result, tmp_path / "layers.xlsx"))
    assert len(workbook.sheetnames) == 7
    assert workbook.sheetnames[0] == "age_group = 18-25" and workbook.sheetnames[-1] == "Total"
    total = [[c.value for c in row] for row in workbook["Total"].iter_rows()]
    male = next(row for row in total if row[0] == "Male")
    assert male[2:7] == [75, 23, 51, 34, 183]


def test_frequencies_text_csv_and_xlsx(paper, tmp_path):
    result = frequencies(paper.array("gender"), codebook=paper.codebook, name="gender").to_dict()
    text = render_text(result)
    assert "Male" in text and "52.89%" in text and "Cumulative percent" in text
    rows = list(csv.DictReader(io.StringIO(render_csv(result))))
    assert [r["count"] for r in rows] == ["183", "163"]
    sheet = openpyxl.load_workbook(write_result(result, tmp_path / "f.xlsx", "xlsx")).active
    assert [c.value for c in sheet[3]][:3] == [1, "Male", 183]


def test_excluded_rows_are_reported_in_the_output(tmp_path):
    codebook = Codebook.of([Variable("g", (1, 2), missing=(9,))])
    data = dataset_from_arrays({"g": np.array([1.0, 2.0, 9.0, np.nan, 7.0, 1.0])}, codebook=codebook)
    result = frequencies(data.array("g"), codebook=data.codebook, name="g").to_dict()
    lines = exclusion_lines(result)
    assert lines == ["g: empty 1, declared missing 1, unknown codes 1 (7)"]
    assert "Missing" in render_text(result) and lines[0] in render_text(result)


def test_sav_export_keeps_labels_missing_codes_and_measure(paper, tmp_path):
    path = write_sav(paper, tmp_path / "paper.sav", lang="ru")
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert len(frame) == 346
    assert meta.variable_value_labels["sector"][5] == "Информационные технологии и связь"
    assert meta.column_names_to_labels["gender"] == "Ваш пол"
    assert meta.variable_measure["self_involvement"] == "ordinal"
    # Read back through our own reader, the codes and labels are those we wrote.
    again = read_dataset(path)
    assert np.array_equal(again.codes["employer_involvement"], paper.codes["employer_involvement"])
    assert again.codebook["gender"].label(2) == "Женский"


def test_sav_export_declares_user_missing_codes(tmp_path):
    codebook = Codebook.of([Variable("q", (1, 2), labels={1: {"en": "Yes"}, 2: {"en": "No"}, 9: {"en": "DK"}},
                                     missing=(9,))])
    frame = pd.DataFrame({"q": [1, 2, 9, 1]})
    path = write_table(frame, tmp_path / "q.sav", codebook=codebook)
    data = read_dataset(path)
    assert data.codebook["q"].missing == (9,)
    assert data.reports["q"].declared_missing == {9: 1}


def test_data_set_with_new_column_written_as_csv_and_xlsx(tmp_path):
    frame = pd.DataFrame({"g": [1, 2], "weight": [0.5, 1.5]})
    write_table(frame, tmp_path / "w.csv")
    write_table(frame, tmp_path / "w.xlsx")
    assert pd.read_csv(tmp_path / "w.csv").equals(frame)
    assert pd.read_excel(tmp_path / "w.xlsx").equals(frame)
    with pytest.raises(ValueError, match="unsupported output type"):
        write_table(frame, tmp_path / "w.txt")


def test_sav_export_turns_many_missing_codes_into_a_range(tmp_path):
    codebook = Codebook.of([Variable("q", (1, 2), missing=(96, 97, 98, 99))])
    path = write_table(pd.DataFrame({"q": [1, 2, 97, 99]}), tmp_path / "q.sav", codebook=codebook)
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True, user_missing=True)
    assert meta.missing_ranges["q"] == [{"lo": 96.0, "hi": 99.0}]
    assert read_dataset(path).reports["q"].declared_missing == {97: 1, 99: 1}
