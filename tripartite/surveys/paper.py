"""The 2025 paper's tables as pinned results: Tables 3, 4 and 5 of Bekbutayeva et al. (2025).

Figures 1–3 of the paper are the distributions of the three involvement questions (`gov`, `employer`,
`self`), which every results page shows anyway; the tables are pinned with their charts.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tripartite.core.models import audit_as
from tripartite.surveys.models import Campaign, ResultTable

#: (rows, cols, titles by language) of the paper's Tables 3, 4 and 5.
PAPER_TABLES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("age_group", "gov", {
        "kk": "3-кесте. Жас бойынша: мемлекеттің жұмыс орнындағы мәселелерге қатысуы",
        "ru": "Таблица 3. Оценка участия государства по возрасту",
        "en": "Table 3. The state's involvement by age group",
    }),
    ("sector", "employer", {
        "kk": "4-кесте. Салалар бойынша: жұмыс берушінің қатысуы",
        "ru": "Таблица 4. Оценка участия работодателя по отраслям",
        "en": "Table 4. The employer's involvement by sector",
    }),
    ("gender", "self", {
        "kk": "5-кесте. Жынысы бойынша: өз қатысуыңыз",
        "ru": "Таблица 5. Собственное участие по полу",
        "en": "Table 5. Own involvement by gender",
    }),
)

#: The questions whose distributions are the paper's Figures 1, 2 and 3.
PAPER_FIGURES = ("gov", "employer", "self")


def pin_paper_tables(campaign: Campaign, by: Any = None) -> list[ResultTable]:
    """Pin the paper's Tables 3–5 (with charts) to `campaign`'s results page; tables already pinned are kept.

    Called by the demo loader (inside its transaction) for the campaign of the paper's answers; the
    campaign's questionnaire must have the paper's question codes.
    """
    pinned = []
    with transaction.atomic():
        existing = {(t.rows, t.cols): t for t in campaign.result_tables.all()}
        position = max((t.position for t in existing.values()), default=0)
        for rows, cols, titles in PAPER_TABLES:
            table = existing.get((rows, cols))
            if table is None:
                position += 1
                table = ResultTable(campaign=campaign, position=position, rows=rows, cols=cols, chart=True,
                                    title_kk=titles["kk"], title_ru=titles["ru"], title_en=titles["en"])
                table.full_clean()
                audit_as(table, by)
                table.save()
            pinned.append(table)
    return pinned
