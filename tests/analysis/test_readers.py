"""Reading data files into integer-coded columns, and reporting what is not counted."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from tripartite.analysis.codebook import Codebook, Variable
from tripartite.analysis.readers import (
    AnalysisInputError,
    dataset_from_arrays,
    load_paper_dataset,
    read_dataset,
    read_table,
    smallest_int_dtype,
)

SCALE = Variable(name="opinion", codes=(1, 2, 3, 4), labels={1: {"en": "Very active"}}, missing=(9,))


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_codes_use_the_smallest_integer_dtype(tmp_path):
    path = write(tmp_path, "d.csv", "sector,wide,big\n1,100,70000\n11,1000,5\n")
    data = read_dataset(path)
    assert data.codes["sector"].dtype == np.int8
    assert data.codes["wide"].dtype == np.int16
    assert data.codes["big"].dtype == np.int32
    assert data.codes["sector"].tolist() == [1, 11]


def test_smallest_dtype_keeps_its_minimum_free_for_empty_cells():
    assert smallest_int_dtype(-127, 127) == np.int8
    assert smallest_int_dtype(-128, 0) == np.int16


def test_only_the_asked_columns_are_read(tmp_path):
    path = write(tmp_path, "d.csv", "a,b,c\n1,2,x\n3,4,y\n")
    data = read_dataset(path, coded=["a"], numeric=["b"])
    assert list(data.codes) == ["a"] and list(data.values) == ["b"]
    assert data.values["b"].tolist() == [2.0, 4.0]


def test_empty_cells_are_reported_and_not_valid(tmp_path):
    path = write(tmp_path, "d.csv", "opinion\n1\n\n4\n2\n")
    data = read_dataset(path, codebook=Codebook.of([SCALE]))
    report = data.reports["opinion"]
    assert (report.n, report.valid, report.empty) == (4, 3, 1)
    assert data.valid["opinion"].tolist() == [True, False, True, True]
    # The core's counting takes NaN for an empty cell, so it can report it as such.
    assert np.isnan(data.array("opinion")[1])


def test_declared_missing_and_unknown_codes_are_reported_by_code(tmp_path):
    path = write(tmp_path, "d.csv", "opinion\n1\n9\n9\n7\n4\n")
    data = read_dataset(path, codebook=Codebook.of([SCALE]))
    report = data.reports["opinion"]
    assert report.declared_missing == {9: 2}
    assert report.unknown == {7: 1}
    assert report.valid == 2 and report.excluded == 3
    assert data.mask("opinion").tolist() == [True, False, False, False, True]
    assert "unknown code 7×1" in report.describe()
    # Declared-missing and unknown codes reach the core unchanged, to be excluded by reason there.
    assert data.array("opinion").tolist() == [1, 9, 9, 7, 4]


def test_without_codebook_the_observed_codes_are_the_valid_ones(tmp_path):
    path = write(tmp_path, "d.csv", "g\n2\n1\n2\n")
    data = read_dataset(path)
    assert data.codebook["g"].codes == (1, 2)
    assert data.reports["g"].valid == 3


def test_non_numeric_code_is_a_one_line_error_naming_the_cell(tmp_path):
    path = write(tmp_path, "d.csv", "gender,opinion\n1,2\n2,abc\n")
    with pytest.raises(AnalysisInputError) as err:
        read_dataset(path, coded=["opinion"])
    text = str(err.value)
    assert "'opinion'" in text and "'abc'" in text and "row 2" in text
    assert "\n" not in text


def test_fractional_code_is_an_error(tmp_path):
    path = write(tmp_path, "d.csv", "opinion\n1\n2.5\n")
    with pytest.raises(AnalysisInputError, match="non-integer code 2.5"):
        read_dataset(path)


def test_integral_float_codes_are_accepted(tmp_path):
    path = write(tmp_path, "d.csv", "opinion\n1.0\n2.0\n")
    assert read_dataset(path).codes["opinion"].tolist() == [1, 2]


def test_unknown_column_lists_the_available_ones(tmp_path):
    path = write(tmp_path, "d.csv", "a,b\n1,2\n")
    with pytest.raises(AnalysisInputError, match=r"unknown column 'zz'.*columns: a, b"):
        read_dataset(path, coded=["zz"])


def test_missing_file_and_unsupported_type(tmp_path):
    with pytest.raises(AnalysisInputError, match="file not found"):
        read_dataset(tmp_path / "nope.csv")
    with pytest.raises(AnalysisInputError, match="unsupported file type"):
        read_dataset(write(tmp_path, "d.txt", "a\n1\n"))


@pytest.mark.parametrize("text", ["", "a,b\n"])
def test_empty_data_is_an_error(tmp_path, text):
    with pytest.raises(AnalysisInputError, match="no data"):
        read_dataset(write(tmp_path, "d.csv", text))


def test_windows_line_endings_and_bom(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes("\ufeffa,b\r\n1,2\r\n3,4\r\n".encode())
    data = read_dataset(path)
    assert data.codes["a"].tolist() == [1, 3] and data.codes["b"].tolist() == [2, 4]


def test_large_csv_is_read_exactly(tmp_path):
    rng = np.random.default_rng(7)
    a, b = rng.integers(1, 12, 200_000), rng.integers(1, 5, 200_000)
    path = tmp_path / "big.csv"
    pd.DataFrame({"id": np.arange(200_000), "a": a, "b": b}).to_csv(path, index=False)
    data = read_dataset(path, coded=["a", "b"])
    assert data.codes["a"].dtype == np.int8
    assert np.array_equal(data.codes["a"], a) and np.array_equal(data.codes["b"], b)


def test_xlsx_is_read_like_csv(tmp_path):
    path = tmp_path / "d.xlsx"
    pd.DataFrame({"opinion": [1, 2, None, 9], "w": [1.5, 0.5, 1.0, 1.0]}).to_excel(path, index=False)
    data = read_dataset(path, coded=["opinion"], numeric=["w"], codebook=Codebook.of([SCALE]))
    assert data.codes["opinion"].dtype == np.int8
    assert data.reports["opinion"].empty == 1
    assert data.reports["opinion"].declared_missing == {9: 1}
    assert data.values["w"].tolist() == [1.5, 0.5, 1.0, 1.0]


def test_sav_value_labels_and_user_missing_codes_are_honoured(tmp_path):
    path = tmp_path / "d.sav"
    frame = pd.DataFrame({"opinion": [1.0, 2.0, 9.0, 4.0, np.nan], "gender": [1.0, 2.0, 1.0, 2.0, 1.0]})
    pyreadstat.write_sav(
        frame, str(path),
        column_labels={"opinion": "How active is the state?", "gender": "Gender"},
        variable_value_labels={"opinion": {1: "Very active", 2: "Sufficiently active", 3: "Insufficiently active",
                                           4: "Not involved at all", 9: "Don't know"},
                               "gender": {1: "Male", 2: "Female"}},
        missing_ranges={"opinion": [9]},
        variable_measure={"opinion": "ordinal", "gender": "nominal"},
    )
    data = read_dataset(path)
    variable = data.codebook["opinion"]
    assert variable.codes == (1, 2, 3, 4)
    assert variable.missing == (9,)
    assert variable.label(4) == "Not involved at all"
    assert variable.text() == "How active is the state?"
    assert variable.ordinal is True
    report = data.reports["opinion"]
    assert report.declared_missing == {9: 1} and report.empty == 1 and report.valid == 3


def test_arrays_become_a_dataset():
    data = dataset_from_arrays({"g": [1, 2, 2], "w": [0.5, 1.0, 1.5]}, numeric=["w"])
    assert data.codes["g"].dtype == np.int8
    assert data.numeric("w").tolist() == [0.5, 1.0, 1.5]
    with pytest.raises(AnalysisInputError, match="unknown column"):
        data.column("nope")


def test_read_table_returns_every_column(tmp_path):
    frame, codebook = read_table(write(tmp_path, "d.csv", "a,b\n1,x\n"))
    assert list(frame.columns) == ["a", "b"] and codebook is None


def test_paper_dataset_has_346_fully_coded_respondents():
    data = load_paper_dataset()
    assert data.n_rows == 346
    for name in ("age_group", "gender", "sector", "state_involvement", "employer_involvement", "self_involvement"):
        assert data.reports[name].valid == 346, name
        assert data.codes[name].dtype == np.int8
    seeds = np.isnan(data.values["recruiter_id"])
    assert seeds.sum() == 12
    assert (data.values["network_size"] >= 2).all()


def test_semicolon_separated_csv_from_a_russian_locale_spreadsheet(tmp_path):
    path = write(tmp_path, "d.csv", "gender;opinion;w\n1;2;1,5\n2;;0,5\n")
    data = read_dataset(path, coded=["gender", "opinion"], numeric=["w"])
    assert data.codes["gender"].tolist() == [1, 2]
    assert data.reports["opinion"].empty == 1
    assert data.numeric("w").tolist() == [1.5, 0.5]


def test_a_windows_1251_file_is_read_on_the_fast_path_and_on_pandas(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes("пол;мнение\n1;2\n2;3\n".encode("cp1251"))
    assert read_dataset(path).codes["мнение"].tolist() == [2, 3]
    path.write_bytes("пол;мнение;вес\n1;Да;1,5\n".encode("cp1251"))
    frame, _ = read_table(path)
    assert frame["мнение"].tolist() == ["Да"] and frame["вес"].tolist() == [1.5]


def test_decimal_commas_and_grouped_digits_in_a_comma_separated_file(tmp_path):
    path = write(tmp_path, "d.csv", 'g,w\n1,"1,5"\n2,"1 234,5"\n1,2\n')
    assert read_dataset(path, coded=["g"], numeric=["w"]).numeric("w").tolist() == [1.5, 1234.5, 2.0]
    with pytest.raises(AnalysisInputError, match="non-numeric value 'abc' at data row 2"):
        read_dataset(write(tmp_path, "e.csv", "g,w\n1,2\n1,abc\n"), coded=["g"], numeric=["w"])


# The plain-integer reader (`_plain_integer_columns`) must read every file it takes exactly as the general
# readers do, and hand every other file to them: each case is read with it and without it.
PLAIN_CASES = {
    "plain": b"a,b,c\n1,2,3\n40,5,600\n",
    "no final newline": b"a,b,c\n1,2,3\n40,5,600",
    "crlf": b"a,b,c\r\n1,2,3\r\n40,5,600\r\n",
    "bom and semicolons": "\ufeffа;b;c\n1;2;3\n4;5;6\n".encode(),
    "windows-1251 header": "а;b;c\r\n1;2;3\r\n4;5;6\r\n".encode("cp1251"),
    "tabs": b"a\tb\tc\n1\t2\t3\n",
    "long codes": b"a,b,c\n123456789012345678,2,3\n1,2,3\n",
    "negative": b"a,b,c\n-1,2,3\n4,5,6\n",
    "empty cell": b"a,b,c\n1,,3\n4,5,6\n",
    "blank line": b"a,b,c\n1,2,3\n\n4,5,6\n",
    "spaces": b"a,b,c\n1, 2,3\n4,5,6\n",
    "quoted": b'a,b,c\n1,"2",3\n4,5,6\n',
    "decimal": b"a,b,c\n1,2.0,3\n4,5,6\n",
    "decimal comma": b"a;b;c\n1;2,0;3\n4;5;6\n",
    "text code": b"a,b,c\n1,x,3\n4,5,6\n",
    "short line": b"a,b,c\n1,2\n4,5,6\n",
    "long line": b"a,b,c\n1,2,3,4\n4,5,6\n",
    "comment": b"a,b,c\n1,2,3\n#4,5,6\n",
    "bare carriage return": b"a,b,c\n1,2,3\r4,5,6\n",
    "header only": b"a,b,c\n",
}


def _outcome(path, columns):
    try:
        data = read_dataset(path, coded=columns)
    except AnalysisInputError as exc:
        return ("refused", str(exc))
    return ("read", {name: (data.codes[name].tolist(), data.codes[name].dtype.str, data.reports[name].to_dict())
                     for name in columns})


@pytest.mark.parametrize("case", sorted(PLAIN_CASES))
@pytest.mark.parametrize("columns", [["b"], ["c", "b"], ["a", "b", "c"]])
def test_the_plain_integer_reader_reads_and_refuses_as_the_general_readers(tmp_path, monkeypatch, case, columns):
    from tripartite.analysis import readers

    path = tmp_path / "d.csv"
    path.write_bytes(PLAIN_CASES[case])
    first = readers._csv_layout(path).header[0]  # "a", or the Cyrillic "а" of the ru/kk cases
    columns = [first if c == "a" else c for c in columns]
    fast = _outcome(path, columns)
    monkeypatch.setattr(readers, "_plain_integer_columns", lambda *args: None)
    assert _outcome(path, columns) == fast


def test_the_plain_integer_reader_takes_plain_files_and_leaves_the_rest(tmp_path):
    from tripartite.analysis.readers import _plain_integer_columns

    def read(case):
        path = tmp_path / "d.csv"
        path.write_bytes(PLAIN_CASES[case])
        delimiter = ";" if b";" in PLAIN_CASES[case] else "\t" if b"\t" in PLAIN_CASES[case] else ","
        return _plain_integer_columns(path, ["a", "b", "c"], delimiter, ["b", "a"])

    for case in ("plain", "no final newline", "crlf", "bom and semicolons", "windows-1251 header", "long codes"):
        assert read(case) is not None, case
    assert read("plain")["a"].tolist() == [1, 40] and read("long codes")["a"][0] == 123456789012345678
    for case in ("negative", "empty cell", "blank line", "spaces", "quoted", "decimal", "decimal comma",
                 "text code", "short line", "long line", "comment", "bare carriage return", "header only"):
        assert read(case) is None, case
