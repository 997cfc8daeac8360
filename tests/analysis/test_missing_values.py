"""Missing values as SPSS defines them: weighted percents of all cases, and labelled codes declared missing."""

from __future__ import annotations

import numpy as np
import pytest

from tripartite.analysis import Codebook, Variable, crosstab, frequencies
from tripartite.analysis.cli import main

OPINION = Variable("opinion", (1, 2, 9), {1: {"en": "yes"}, 2: {"en": "no"}, 9: {"en": "don't know"}},
                   missing=(9,), title={"en": "opinion"})
GROUP = Variable("group", (1, 2), {1: {"en": "a"}, 2: {"en": "b"}})
BOOK = Codebook.of([OPINION, GROUP])


def test_a_code_that_is_both_a_label_and_missing_is_missing():
    assert OPINION.codes == (1, 2) and OPINION.conflicts == (9,)
    assert OPINION.label(9) == "don't know"  # the label stays, for the missing-value report


def test_frequencies_count_such_a_code_as_missing_and_say_so_in_every_language():
    values = np.array([1, 1, 2, 9, 9, 9], dtype=np.int8)
    result = frequencies(values, codebook=BOOK, name="opinion")
    d = result.to_dict()
    assert [c["code"] for c in d["categories"]] == [1, 2]
    assert d["n_valid"] == 3 and d["n_missing"] == 3 and d["missing"]["declared_missing"] == 3
    warning = next(w for w in result.warnings if w.code == "warning.code_both_valid_and_missing")
    assert warning.text("en") == ("Code 9 of opinion has a value label and is also declared missing: "
                                  "it is treated as missing, as SPSS does.")
    assert "Код 9 переменной «opinion»" in warning.text("ru")
    assert "«opinion» айнымалысының 9 коды" in warning.text("kk")


def test_a_crosstab_counts_such_a_code_as_missing_and_warns():
    group = np.array([1, 1, 2, 2, 1, 2], dtype=np.int8)
    opinion = np.array([1, 9, 2, 1, 2, 9], dtype=np.int8)
    d = crosstab(group, opinion, codebook=BOOK, row_name="group", col_name="opinion").to_dict()
    assert d["cols"]["codes"] == [1, 2] and d["n"] == 4
    assert d["missing"][1]["declared_missing"] == 2
    assert any(w["code"] == "warning.code_both_valid_and_missing" and w["params"]["codes"] == "9"
               for w in d["warnings"])


def test_weighted_percent_of_all_cases_divides_by_the_weights_of_all_cases():
    values = np.array([1, 1, 2, 9], dtype=np.int8)
    weights = np.array([1.0, 1.0, 1.0, 5.0])  # the one missing answer weighs 5
    d = frequencies(values, weights=weights, codebook=BOOK, name="opinion").to_dict()
    yes = d["categories"][0]
    assert yes["count"] == pytest.approx(2.0)
    assert yes["percent"] == pytest.approx(100 * 2 / 8)  # not 2 / (3 + 1 × mean weight 1)
    assert yes["valid_percent"] == pytest.approx(100 * 2 / 3)
    assert d["n_total"] == pytest.approx(8.0) and d["n_missing"] == pytest.approx(5.0)


def test_weighted_percent_of_all_cases_from_sql_counts_too():
    import sqlite3

    from tripartite.analysis import frequency_counts_sql

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE r (opinion INTEGER, w REAL)")
    conn.executemany("INSERT INTO r VALUES (?, ?)", [(1, 1.0), (1, 1.0), (2, 1.0), (9, 5.0), (None, 2.0)])
    counts = frequency_counts_sql(conn, source="r", column="opinion", weight="w", variable=OPINION)
    d = frequencies(counts, variable=OPINION).to_dict()
    assert d["categories"][0]["percent"] == pytest.approx(100 * 2 / 10)


def test_the_cli_treats_a_labelled_missing_code_as_missing(tmp_path, capsys):
    data = tmp_path / "data.csv"
    data.write_text("group,opinion\n1,1\n1,9\n2,2\n2,1\n1,2\n2,9\n", encoding="utf-8")
    book = tmp_path / "book.yaml"
    book.write_text("variables:\n  - name: opinion\n    missing: [9]\n    codes:\n"
                    "      - {code: 1, label: yes}\n      - {code: 2, label: no}\n      - {code: 9, label: don't know}\n",
                    encoding="utf-8")
    code = main(["crosstab", str(data), "--rows", "group", "--cols", "opinion", "--codebook", str(book)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Code 9 of opinion has a value label and is also declared missing" in out
    assert "don't know" not in out.split("Statistics")[0]  # no column for it
