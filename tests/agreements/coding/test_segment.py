"""Sections and articles in the numbering styles of kk, ru and en; lists stay inside their article; offsets."""

from __future__ import annotations

import pytest

from tripartite.agreements.coding.segment import ARTICLE, SECTION, articles, segments

RU = """КОЛЛЕКТИВНЫЙ ДОГОВОР
Раздел 3. Оплата труда
3.1. Минимальная заработная плата не ниже 90 000 тенге.
Доплаты:
1) за работу в ночное время;
2) за совмещение должностей.
3.2 Заработная плата выплачивается два раза в месяц.
3.2.1. Аванс выплачивается 15 числа.
п. 3.3 Премии выплачиваются ежеквартально.
4. Рабочее время
4.1. Продолжительность рабочей недели 40 часов."""

KK = """3-бөлім. Еңбекақы
3.1-тармақ. Ең төменгі жалақы 100 000 теңгеден кем емес.
а) түнгі жұмыс үшін;
ә) үстеме жұмыс үшін.
3.2-тармақ. Жалақы айына екі рет төленеді.
4-бөлім. Демалыс
5-бап. Жыл сайынғы демалыс
Жыл сайынғы ақылы еңбек демалысы 30 күнтізбелік күн."""

EN = """Section 1. Pay
Article 5. Minimum pay
The minimum monthly pay is 90 000 tenge.
- paid twice a month;
- paid into a bank account.
Article 6. Overtime
Overtime is paid at 1.5 times the rate and
1.5 times the rate at night.
Chapter II. Leave
Article 7. Annual leave"""


@pytest.mark.parametrize(("text", "expected"), [
    (RU, [(SECTION, "3"), (ARTICLE, "3.1"), (ARTICLE, "3.2"), (ARTICLE, "3.3"), (SECTION, "4"), (ARTICLE, "4.1")]),
    (KK, [(SECTION, "3"), (ARTICLE, "3.1"), (ARTICLE, "3.2"), (SECTION, "4"), (ARTICLE, "5")]),
    (EN, [(SECTION, "1"), (ARTICLE, "5"), (ARTICLE, "6"), (SECTION, "II"), (ARTICLE, "7")]),
], ids=["ru", "kk", "en"])
def test_sections_and_articles_are_found_in_each_language(text, expected):
    assert [(s.kind, s.number) for s in segments(text)] == expected


def test_lists_and_deeper_points_stay_inside_their_article():
    found = {a.number: a.text for a in articles(RU)}
    assert "2) за совмещение должностей." in found["3.1"]
    assert "3.2.1. Аванс" in found["3.2"]
    assert "ә) үстеме жұмыс үшін." in {a.number: a.text for a in articles(KK)}["3.1"]


def test_a_wrapped_line_starting_with_a_decimal_is_no_article():
    assert "1.5 times the rate at night." in {a.number: a.text for a in articles(EN)}["6"]


def test_offsets_point_into_the_text():
    for article in articles(RU) + articles(KK) + articles(EN):
        source = RU if article.text in RU else KK if article.text in KK else EN
        assert source[article.start:article.end] == article.text


def test_a_text_without_numbering_is_one_article():
    assert [(a.number, a.text) for a in articles("  Стороны договорились о мире.  ")] == [
        ("1", "Стороны договорились о мире.")]
    assert articles("   ") == []
