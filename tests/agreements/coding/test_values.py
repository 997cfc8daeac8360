"""Parameter values read by rules: units, numbers in words and with decimal commas, double pay, МРП, disputes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tripartite.agreements.coding.numbers import numbers_in
from tripartite.agreements.coding.values import mci_for, parameters_in

MCI_2025 = 3_932


@pytest.mark.parametrize(("text", "expected"), [
    ("тридцать", 30), ("двадцать четыре", 24), ("сто пятьдесят", 150), ("трёх", 3), ("пятидесяти", 50),
    ("двухсот", 200), ("девяносто девять", 99), ("жиырма төрт", 24), ("отыз", 30), ("екі жүз елу", 250),
    ("тоқсан тоғыз", 99), ("twenty-eight", 28), ("one hundred and twenty", 120), ("forty two", 42),
    ("85 000", 85000), ("85\u00a0000", 85000), ("1,75", Decimal("1.75")), ("1.5", Decimal("1.5")),
    ("полтора", Decimal("1.5")), ("бір жарым", Decimal("1.5")), ("one and a half", Decimal("1.5")),
    ("пять тысяч", 5000),
])
def test_numbers_are_read_from_digits_and_words(text, expected):
    assert [n.value for n in numbers_in(text)] == [Decimal(expected)]


def test_words_in_brackets_repeat_the_digits():
    assert [n.value for n in numbers_in("30 (тридцать) календарных дней")] == [30]


CASES = [
    # Russian
    ("Работникам предоставляется ежегодный оплачиваемый трудовой отпуск продолжительностью 30 (тридцать) "
     "календарных дней.", [("annual_paid_leave_days", "30", "calendar_days", "30 (тридцать) календарных дней")]),
    ("Минимальная месячная заработная плата устанавливается не ниже 90 000 тенге.",
     [("minimum_monthly_pay", "90000", "tenge", "90 000 тенге")]),
    ("Минимальный размер оплаты труда — не ниже 25 МРП.",
     [("minimum_monthly_pay", str(25 * MCI_2025), "tenge", "25 МРП")]),
    ("Минимальная оплата труда не ниже 120 тыс. тенге.", [("minimum_monthly_pay", "120000", "tenge", "120 тыс. тенге")]),
    ("Сверхурочная работа оплачивается в двойном размере.", [("overtime_premium", "100", "percent", "двойном")]),
    ("Работа в ночное время оплачивается с доплатой 50 % часовой ставки.",
     [("night_work_premium", "50", "percent", "50 %")]),
    ("Сверхурочная работа оплачивается в размере 150 процентов часовой ставки.",
     [("overtime_premium", "50", "percent", "150 процентов")]),
    ("При сокращении численности выплачивается компенсация в размере трех средних месячных заработков.",
     [("redundancy_compensation", "3", "months_of_pay", "трех средних месячных заработков")]),
    ("Примирительная комиссия создаётся в течение двух рабочих дней и рассматривает спор в течение пяти "
     "рабочих дней.", [("conciliation_commission_creation", "2", "working_days", "двух рабочих дней"),
                       ("conciliation_commission_consideration", "5", "working_days", "пяти рабочих дней")]),
    ("Тарифный коэффициент первого разряда — 1,2.", [("tariff_coefficient", "1.2", "coefficient", "1,2")]),
    ("Нормальная продолжительность рабочего времени — 40 часов в неделю.",
     [("weekly_hours", "40", "hours", "40 часов")]),
    # Kazakh
    ("Жұмыс беруші талаптарды үш жұмыс күні ішінде қарайды.",
     [("employer_reply_to_demands", "3", "working_days", "үш жұмыс күні")]),
    ("Жыл сайынғы ақылы еңбек демалысы отыз күнтізбелік күн.",
     [("annual_paid_leave_days", "30", "calendar_days", "отыз күнтізбелік күн")]),
    ("Ең төменгі айлық жалақы 95 000 теңгеден кем болмайды.",
     [("minimum_monthly_pay", "95000", "tenge", "95 000 теңге")]),
    ("Үстеме жұмыс екі есе мөлшерінде төленеді.", [("overtime_premium", "100", "percent", "екі есе")]),
    ("Тарифтік коэффициент 1,75 мөлшерінде белгіленеді.", [("tariff_coefficient", "1.75", "coefficient", "1,75")]),
    ("Түнгі уақыттағы жұмыс үшін 40 пайыз үстемеақы төленеді.",
     [("night_work_premium", "40", "percent", "40 пайыз")]),
    ("Қысқарту кезінде екі орташа айлық жалақы мөлшерінде өтемақы төленеді.",
     [("redundancy_compensation", "2", "months_of_pay", "екі орташа айлық жалақы")]),
    # English
    ("Normal working hours shall not exceed 36 hours per week.", [("weekly_hours", "36", "hours", "36 hours")]),
    ("Employees are entitled to annual paid leave of twenty-eight calendar days.",
     [("annual_paid_leave_days", "28", "calendar_days", "twenty-eight calendar days")]),
    ("Overtime is paid at one and a half times the rate.",
     [("overtime_premium", "50", "percent", "one and a half times")]),
    ("The union shall give strike notice no later than 5 working days before the strike.",
     [("strike_notice", "5", "working_days", "5 working days")]),
    ("The minimum monthly wage shall be no less than 30 MCI.",
     [("minimum_monthly_pay", str(30 * MCI_2025), "tenge", "30 MCI")]),
    # No number for any parameter: nothing is invented.
    ("Договор вступает в силу через 10 дней после подписания.", []),
    ("Дополнительный отпуск за вредные условия труда — 6 календарных дней.", []),
    ("The parties meet twice a year.", []),
    ("Тараптар жылына екі рет кездеседі.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_parameters_are_read_with_value_unit_and_words(text, expected):
    found = parameters_in(text, mci=MCI_2025)
    assert [(f.key, str(f.value), f.unit, f.text) for f in found] == expected
    for f in found:
        assert text[f.start:f.end] == f.text


def test_a_sum_in_mci_is_not_suggested_without_the_years_index():
    assert parameters_in("Минимальный размер оплаты труда — не ниже 25 МРП.", mci=None) == []


def test_the_index_of_the_year_comes_from_the_pack_and_is_unverified():
    from tripartite.core.jurisdiction import current_pack

    assert mci_for(date(2025, 6, 1)) == (MCI_2025, "monthly_calculation_index")
    assert current_pack().rule("monthly_calculation_index", date(2025, 6, 1)).verified is False
    assert mci_for(date(1990, 1, 1)) == (None, "")
