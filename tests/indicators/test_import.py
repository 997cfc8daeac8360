"""Importing official statistics: a good file is stored whole; a bad one is refused whole, every problem listed."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.indicators.conftest import ALMATY
from tripartite.core.errors import NotAllowed
from tripartite.indicators import services
from tripartite.indicators.models import StatisticsImport, StatisticValue

pytestmark = pytest.mark.django_db

HEADER = "series,period,region,sector,value,source,source_url,published_on,note\n"
GOOD = HEADER + (
    "employees,2025,,,6900000,BNS,https://stat.gov.kz/,2026-02-10,\n"
    "employees,2025,750000000,,820000,BNS,,2026-02-10,\n"
    "employees,2025,,B,290000,BNS,,2026-02-10,\n"
    "median_wage,2025-Q3,75,,\"410 500\",BNS,,10.11.2025,Almaty city\n"
)
BAD = HEADER + (
    "employees,2025,990000000,,820000,BNS,,2026-02-10,\n"  # row 2: unknown region
    "employees,2025,,Z,290000,BNS,,2026-02-10,\n"  # row 3: unknown sector
    "employees,2025,750000000,,8200.5,BNS,,2026-02-10,\n"  # row 4: not a whole number
    "employees,2025,750000000,,820000,BNS,,2026-02-10,\n"  # row 5: good
    "employees,2025,750000000,,830000,BNS,,2026-02-10,\n"  # row 6: duplicates row 5
    "salary,2025-Q5,,,1,,,yesterday,\n"  # row 7: series, period, source, date
)


def _import(user, text: str, name: str = "figures.csv"):
    return services.statistics_import(by=user, file_name=name, content=text.encode("utf-8"))


def test_a_good_csv_file_is_stored_whole(analyst):
    before = StatisticValue.objects.count()
    batch = _import(analyst, GOOD)
    assert (batch.created, batch.updated) == (4, 0)
    assert StatisticValue.objects.count() == before + 4
    almaty = StatisticValue.objects.get(series="median_wage", period="2025-Q3")
    assert almaty.region.kato == ALMATY and almaty.value == 410_500 and almaty.published_on == date(2025, 11, 10)
    assert (almaty.year, almaty.quarter, almaty.statistics_import) == (2025, 3, batch)
    assert almaty.history.first().history_user == analyst


def test_a_bad_file_is_refused_whole_and_every_problem_is_listed(analyst):
    before = StatisticValue.objects.count()
    with pytest.raises(services.ImportRejected) as caught:
        _import(analyst, BAD)
    assert StatisticValue.objects.count() == before
    assert not StatisticsImport.objects.exists()
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {(2, "region"), (3, "sector"), (4, "value"), (6, "period"), (7, "series"), (7, "period"),
                     (7, "source"), (7, "published_on")}
    with translation.override("en"):
        by_place = {(e.row, e.column): e.message for e in caught.value.errors}
        assert "Unknown region code “990000000”" in by_place[(2, "region")]
        assert "Row 5 already gives employees for 2025" in by_place[(6, "period")]


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "is not a whole number"),
    ("ru", "не целое число"),
    ("kk", "бүтін сан емес"),
])
def test_problems_are_listed_in_the_users_language(analyst, lang, expected):
    with pytest.raises(services.ImportRejected) as caught:
        _import(analyst, BAD)
    with translation.override(lang):
        messages = [e.message for e in caught.value.errors]
        assert any(expected in m for m in messages), messages


def test_a_second_import_replaces_the_figure_and_keeps_the_old_one_in_history(analyst):
    _import(analyst, GOOD)
    batch = _import(analyst, HEADER + "employees,2025,,,7000000,BNS,,2026-03-01,revised\n")
    assert (batch.created, batch.updated) == (0, 1)
    figure = StatisticValue.objects.get(series="employees", period="2025", region=None, sector=None)
    assert figure.value == 7_000_000
    assert [h.value for h in figure.history.all()] == [7_000_000, 6_900_000]


def test_an_xlsx_workbook_is_read(analyst):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["series", "period", "region", "value", "source", "published_on"])
    sheet.append(["average_wage", "2025-Q3", 750000000, 512345, "BNS", date(2025, 11, 10)])
    sheet.append(["average_wage", 2024, None, 401234.0, "BNS", "2025-02-01"])
    buffer = io.BytesIO()
    book.save(buffer)
    batch = services.statistics_import(by=analyst, file_name="wages.xlsx", content=buffer.getvalue())
    assert batch.created == 2
    assert StatisticValue.objects.get(series="average_wage", period="2024", region=None).value == 401_234


def test_semicolon_separated_csv_and_missing_columns(analyst):
    batch = _import(analyst, "series;period;value;source;published_on\nemployees;2023;100;BNS;2024-01-01\n")
    assert batch.created == 1
    with pytest.raises(services.ImportRejected) as caught:
        _import(analyst, "series,period,valeu\nemployees,2023,100\n")
    assert {(e.row, e.column) for e in caught.value.errors} == {
        (1, "valeu"), (1, "value"), (1, "source"), (1, "published_on")}


def test_a_windows_1251_csv_from_russian_excel_is_read(analyst):
    text = "series;period;value;source;published_on;note\nemployees;2023;6 900 000;БНС РК;2024-01-01;Оценка\n"
    batch = services.statistics_import(by=analyst, file_name="figures.csv", content=text.encode("cp1251"))
    assert batch.created == 1
    figure = StatisticValue.objects.get(series="employees", period="2023", region=None, sector=None)
    assert (figure.value, figure.source, figure.note) == (6_900_000, "БНС РК", "Оценка")


def test_a_tab_separated_csv_with_a_byte_order_mark_is_read(analyst):
    text = "\ufeffseries\tperiod\tvalue\tsource\tpublished_on\nemployees\t2022\t1\u00a0234\tBNS\t2023-01-01\n"
    assert services.statistics_import(by=analyst, file_name="f.csv", content=text.encode("utf-8")).created == 1
    assert StatisticValue.objects.get(series="employees", period="2022", region=None).value == 1234


def test_a_value_with_a_decimal_mark_is_refused_not_guessed(analyst):
    # "1,000" is a thousand in an English file and one in a Russian one: the user is asked, not second-guessed.
    with pytest.raises(services.ImportRejected) as caught:
        _import(analyst, "series;period;value;source;published_on\nemployees;2023;1,000;BNS;2024-01-01\n")
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "value")]


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"PK\x03\x04not really a workbook"])
def test_unreadable_files_are_refused_with_one_message(analyst, content):
    with pytest.raises(services.ImportRejected) as caught:
        services.statistics_import(by=analyst, file_name="x.csv", content=content)
    assert len(caught.value.errors) == 1 and caught.value.errors[0].row is None


def test_only_analysts_and_administrators_import(make_user):
    editor = make_user("editor", role="editor")
    with pytest.raises(NotAllowed):
        _import(editor, GOOD)


def test_the_management_command(analyst, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    with translation.override("en"):
        call_command("import_statistics", str(good), "--user", "analyst")
    assert "4 figures added" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_statistics", str(bad), "--user", "analyst")
    assert "row 2, region" in capsys.readouterr().err
