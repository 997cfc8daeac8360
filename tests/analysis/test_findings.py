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


ORDINAL_ROWS = Variable("level", (1, 2, 3), {}, title={"en": "level", "ru": "уровень", "kk": "деңгей"}, ordinal=True)
TREND_BOOK = Codebook.of([ORDINAL_ROWS, ACTIVITY])

#: (what the table is, counts, weighted, association code, strength expected, words per language).
CASES = [
    ("small 2x2 that chi-square calls significant but Fisher does not", [[5, 1], [1, 5]], False,
     "association.not_significant_fisher", False,
     {"en": "No significant association between sector and own involvement (Fisher's exact test",
      "ru": "Статистически значимой связи между переменными «отрасль» и «собственное участие» нет "
            "(точный критерий Фишера",
      "kk": "статистикалық тұрғыдан маңызды байланыс жоқ (Фишердің дәл критерийі"}),
    ("small 2x2 that Fisher finds significant", [[8, 1], [1, 8]], False,
     "association.significant_fisher", True,
     {"en": "Significant association between sector and own involvement (Fisher's exact test",
      "ru": "Статистически значимая связь между переменными «отрасль» и «собственное участие» (точный критерий Фишера",
      "kk": "статистикалық тұрғыдан маңызды байланыс бар (Фишердің дәл критерийі"}),
    ("large 2x2: chi-square decides, Fisher beside it", [[30, 10], [10, 30]], False,
     "association.significant", True,
     {"en": "Significant association between sector and own involvement (Pearson's chi-square test",
      "ru": "(критерий хи-квадрат Пирсона", "kk": "(Пирсонның хи-квадрат критерийі"}),
    ("2x3 without association", [[30, 30, 30], [31, 29, 30]], False,
     "association.not_significant", False,
     {"en": "No significant association between sector and own involvement (Pearson's chi-square test",
      "ru": "Статистически значимой связи", "kk": "маңызды байланыс жоқ"}),
    ("weighted 2x3 with association", [[60, 20, 20], [25, 40, 35]], True,
     "association.significant_rao_scott", True,
     {"en": "(Rao–Scott second-order test for the sampling design: F = ",
      "ru": "(критерий Рао — Скотта второго порядка с учётом плана выборки: F = ",
      "kk": "(іріктеме дизайнын ескеретін екінші ретті Рао–Скотт критерийі: F = "}),
]


@pytest.mark.parametrize(("what", "counts", "weighted", "code", "strength", "words"), CASES,
                         ids=[c[0] for c in CASES])
def test_the_finding_follows_the_test_that_fits_the_table(what, counts, weighted, code, strength, words):
    cols_book = BOOK if len(counts[0]) == 3 else Codebook.of([SECTOR, Variable(
        "activity", (1, 2), {}, title=ACTIVITY.title)])
    rows, cols = table(counts)
    weights = np.where(np.arange(rows.size) % 3 == 0, 2.0, 0.8) if weighted else None
    result = crosstab(rows, cols, weights=weights, codebook=cols_book, row_name="sector", col_name="activity")
    codes = [f.code for f in result.findings]
    assert codes[0] == code, what
    assert any(c.startswith("strength.") for c in codes) == strength
    for lang, text in words.items():
        assert text in result.findings[0].text(lang), (lang, result.findings[0].text(lang))
    if not strength:
        assert "strong" not in " ".join(f.text("en") for f in result.findings)


def test_small_2x2_significant_by_chi_square_is_not_called_strong():
    rows, cols = table([[5, 1], [1, 5]])
    result = crosstab(rows, cols)
    assert result.statistics.pearson.p < 0.05 and result.statistics.fisher.p > 0.05
    assert result.statistics.cramers_v > 0.5
    assert result.significant() is False
    assert not any(f.code.startswith(("strength", "residual")) for f in result.findings)


@pytest.mark.parametrize(("weighted", "test_name"), [
    (False, {"en": "linear-by-linear association test", "ru": "критерий линейно-линейной связи",
             "kk": "сызықтық-сызықтық байланыс критерийі"}),
    (True, {"en": "design-corrected linear-by-linear association test",
            "ru": "критерий линейно-линейной связи с поправкой на план выборки",
            "kk": "іріктеме дизайнына түзетілген сызықтық-сызықтық байланыс критерийі"}),
])
def test_a_non_significant_trend_says_no_significant_trend_and_names_its_test(weighted, test_name):
    rows, cols = table([[20, 20, 20], [20, 21, 19], [19, 20, 21]])
    weights = np.where(np.arange(rows.size) % 2 == 0, 1.5, 0.5) if weighted else None
    result = crosstab(rows, cols, weights=weights, codebook=TREND_BOOK, row_name="level", col_name="activity")
    trend = next(f for f in result.findings if f.code.startswith("trend."))
    assert trend.code == "trend.none"
    starts = {"en": "No significant linear trend between level and own involvement (",
              "ru": "Статистически значимого линейного тренда между переменными «уровень» и «собственное участие» нет (",
              "kk": "«деңгей» және «өз қатысуы» айнымалылары арасында статистикалық тұрғыдан маңызды сызықтық үрдіс жоқ ("}
    for lang, start in starts.items():
        assert trend.text(lang).startswith(start + test_name[lang] + ": χ² = "), trend.text(lang)


def test_a_significant_trend_says_significant_and_its_direction():
    rows, cols = table([[40, 15, 5], [20, 20, 20], [5, 15, 40]])
    result = crosstab(rows, cols, codebook=TREND_BOOK, row_name="level", col_name="activity")
    trend = next(f for f in result.findings if f.code.startswith("trend."))
    assert trend.code == "trend.positive"
    assert trend.text("en").startswith("Significant linear trend: higher level goes with higher own involvement")


def test_the_two_design_effects_have_two_names():
    rows, cols = table([[60, 20, 20], [25, 40, 35]])
    weights = np.where(np.arange(rows.size) % 3 == 0, 2.0, 0.8)
    d = crosstab(rows, cols, weights=weights, codebook=BOOK, row_name="sector", col_name="activity").to_dict()
    finding = d["findings"][0]["text"]
    assert "mean generalized design effect" in finding and "Kish" not in finding
    from tripartite.analysis.outputs import render_text

    text = render_text(d, lang="en")
    assert "Mean generalized design effect (Rao–Scott)" in text and "Kish design effect" in text
    assert d["design_effect"] != pytest.approx(d["rao_scott"]["mean_deff"])
