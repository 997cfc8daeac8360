"""Findings say what the statistics support, in Kazakh, Russian and English."""

import numpy as np
import pytest

from tripartite.analysis import Codebook, Variable, crosstab, i18n
from tripartite.analysis.findings import MESSAGES, Finding

SECTOR = Variable("sector", (1, 2), {1: {"en": "IT sector", "ru": "ИТ-сектор", "kk": "IT саласы"},
                                      2: {"en": "Industry", "ru": "Промышленность", "kk": "Өнеркәсіп"}},
                  title={"en": "sector", "ru": "отрасль", "kk": "сала"})
ACTIVITY = Variable("activity", (1, 2, 3), {1: {"en": "very active", "ru": "очень активно", "kk": "өте белсенді"},
                                            2: {"en": "active"}, 3: {"en": "passive"}},
                    title={"en": "own involvement", "ru": "собственное участие", "kk": "өз қатысуы"}, ordinal=True)
BOOK = Codebook.of([SECTOR, ACTIVITY])


def table(counts):
    rows, cols = [], []
    for i, row in enumerate(counts):
        for j, n in enumerate(row):
            rows += [i + 1] * n
            cols += [j + 1] * n
    return np.array(rows, dtype=np.int8), np.array(cols, dtype=np.int8)


def test_significant_association_names_cells_beyond_expectation():
    rows, cols = table([[60, 20, 20], [25, 40, 35]])
    result = crosstab(rows, cols, codebook=BOOK, row_name="sector", col_name="activity")
    codes = [f.code for f in result.findings]
    assert codes[0] == "association.significant"
    residual = next(f for f in result.findings if f.code == "residual.above")
    assert residual.params["row"]["en"] == "IT sector" and residual.params["col"]["en"] == "very active"
    text = residual.text("en")
    assert text.startswith("IT sector: 'very active' above expectation, adjusted residual +")
    assert "ИТ-сектор: «очень активно» выше ожидаемого" in residual.text("ru")
    assert "IT саласы: «өте белсенді» күтілгеннен жоғары" in residual.text("kk")


def test_no_association_is_reported_as_not_significant_and_nothing_more():
    rows, cols = table([[30, 30, 30], [31, 29, 30]])
    result = crosstab(rows, cols, codebook=BOOK, row_name="sector", col_name="activity")
    assert result.findings[0].code == "association.not_significant"
    assert not any(f.code.startswith(("residual", "strength")) for f in result.findings)
    assert result.findings[0].text("en").startswith("No significant association between")
    assert "Pearson's chi-square test" in result.findings[0].text("en")
    assert "значимой связи" in result.findings[0].text("ru") and "нет" in result.findings[0].text("ru")
    assert "маңызды байланыс жоқ" in result.findings[0].text("kk")


def test_every_message_is_translated_into_kazakh_and_russian():
    for lang in ("kk", "ru"):
        catalogue = i18n.parse_po((i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "analysis.po").read_text("utf-8"))
        for singular, plural, _ in MESSAGES.values():
            key = (singular, plural) if plural else singular
            assert key in catalogue, (lang, singular)


@pytest.mark.parametrize("n,form", [(1, "ячейка"), (3, "ячейки"), (5, "ячеек"), (21, "ячейка"), (12, "ячеек")])
def test_russian_uses_three_plural_forms(n, form):
    text = Finding("warning.expected_small", {"cells": n, "percent": 10.0, "min_expected": 1.5}).text("ru")
    assert text.startswith(f"{n} {form} ")


def test_numbers_use_the_language_decimal_separator():
    finding = Finding("strength.weak", {"v": 0.2346})
    assert "0.235" in finding.text("en") and "0,235" in finding.text("ru") and "0,235" in finding.text("kk")


def test_findings_round_trip_through_json_parameters():
    rows, cols = table([[60, 20, 20], [25, 40, 35]])
    d = crosstab(rows, cols, codebook=BOOK, row_name="sector", col_name="activity", lang="ru").to_dict()
    again = Finding(d["findings"][0]["code"], d["findings"][0]["params"])
    assert again.text("ru") == d["findings"][0]["text"]


def test_po_parser_handles_multiline_and_fuzzy_entries():
    source = '''msgid ""
msgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, fuzzy
msgid "skip me"
msgstr "nope"

msgid "a "
"b"
msgstr "c "
"d"
'''
    catalogue = i18n.parse_po(source)
    assert catalogue["a b"] == "c d" and "skip me" not in catalogue
