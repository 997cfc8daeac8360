"""The one rule every table file is read by: UTF-8 (BOM or not) else Windows-1251, the delimiter the header
uses most, numbers with grouped digits and decimal commas."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from tripartite.analysis.readers import (
    EmptyTableError,
    TextEncodingError,
    UnreadableTableError,
    csv_delimiter,
    csv_rows,
    csv_rows_of_text,
    decode_text,
    file_encoding,
    parse_number,
    parse_whole_number,
    table_rows,
    xlsx_rows,
)


def test_text_is_utf8_with_or_without_bom_else_windows_1251():
    assert decode_text("\ufeffпол".encode()) == "пол"
    assert decode_text("пол".encode()) == "пол"
    assert decode_text("пол;Қазақ".encode()) == "пол;Қазақ"
    assert decode_text("пол;возраст".encode("cp1251")) == "пол;возраст"


def test_binary_and_utf16_files_are_not_taken_for_windows_1251():
    with pytest.raises(TextEncodingError):
        decode_text("a,b\n".encode("utf-16"))
    with pytest.raises(TextEncodingError):
        decode_text(b"\xff\xfe\x00garbage")


def test_the_encoding_of_a_file_is_decided_on_the_whole_file(tmp_path):
    path = tmp_path / "d.csv"
    # A Windows-1251 letter far beyond the first lines still makes the file Windows-1251.
    path.write_bytes(b"a,b\n" + b"1,2\n" * 200_000 + "3,Да\n".encode("cp1251"))
    assert file_encoding(path) == "cp1251"
    path.write_bytes("\ufeffa,b\n1,2\n".encode())
    assert file_encoding(path) == "utf-8-sig"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 200_000 + "3,Иә\n".encode())
    assert file_encoding(path) == "utf-8"


@pytest.mark.parametrize("line,delimiter", [
    ("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("a", ","), ("a;b,c", ","), ("a;b;c,d", ";"),
    ("a;b\tc", ";"),
])
def test_the_delimiter_is_the_one_the_header_uses_most(line, delimiter):
    assert csv_delimiter(line) == delimiter


def test_csv_rows_stream_a_file_and_text_reads_the_same(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes("\ufeffпол;вес\r\n1;\"1,5\"\r\n".encode())
    layout, rows = csv_rows(path)
    assert (layout.header, layout.delimiter, layout.encoding) == (["пол", "вес"], ";", "utf-8-sig")
    assert list(rows) == [["1", "1,5"]]
    assert csv_rows_of_text("пол;вес\r\n1;\"1,5\"\r\n") == [["пол", "вес"], ["1", "1,5"]]
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(EmptyTableError):
        csv_rows(path)


def test_xlsx_rows_from_a_path_or_bytes(tmp_path):
    book = Workbook()
    book.active.append(["a", "b"])
    book.active.append([1, None])
    path = tmp_path / "d.xlsx"
    book.save(path)
    assert list(xlsx_rows(path)) == [("a", "b"), (1, None)]
    assert list(xlsx_rows(path.read_bytes())) == [("a", "b"), (1, None)]
    header, rows = table_rows(path)
    assert header == ["a", "b"] and list(rows) == [(1, None)]
    with pytest.raises(UnreadableTableError):
        list(xlsx_rows(b"PK\x03\x04not really a workbook"))


@pytest.mark.parametrize("text,number", [
    ("1234.5", 1234.5), ("1234,5", 1234.5), ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5),
    ("1\u202f234", 1234.0), ("1'234", 1234.0), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("0,48", 0.48),
    (" 52 ", 52.0), ("-3", -3.0), ("1e3", 1000.0), (7, 7.0), (0.25, 0.25),
])
def test_numbers_are_read_as_spreadsheets_in_any_of_the_languages_write_them(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "x", "1,2,3", "nan", "inf", float("nan"), True, None, "1_000", "1.2.3,4"])
def test_what_is_not_a_number_is_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("cell,number", [("1234", 1234), ("6 900 000", 6_900_000), ("1\u00a0234", 1234),
                                         (1234, 1234), (1234.0, 1234), ("-5", -5)])
def test_whole_numbers(cell, number):
    assert parse_whole_number(cell) == number


@pytest.mark.parametrize("cell", ["1,000", "1.0", "8200.5", 8200.5, "x", "", None, False])
def test_a_whole_number_in_text_has_no_decimal_mark(cell):
    assert parse_whole_number(cell) is None
