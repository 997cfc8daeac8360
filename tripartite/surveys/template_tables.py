"""The built-in template's published tables, pinned to a campaign's results page: Tables 3, 4 and 5 of
Bekbutayeva et al. (2025), the study whose Appendix 1 is the built-in questionnaire (`template_questionnaire`).

The study's Figures 1–3 are the distributions of the three involvement questions (`gov`, `employer`, `self`),
which every results page shows anyway; the tables are pinned with their charts.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tripartite.core.writes import save
from tripartite.surveys.models import Campaign, ResultTable
from tripartite.surveys.template_questionnaire import text_columns

#: (rows, cols, titles by language) of the study's Tables 3, 4 and 5.
TEMPLATE_TABLES: tuple[tuple[str, str, dict[str, str]], ...] = (
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


def pin_template_tables(campaign: Campaign, by: Any = None) -> list[ResultTable]:
    """Pin the study's Tables 3–5 (with charts) to `campaign`'s results page; tables already pinned are kept.

    Called by the demo loader (inside its transaction) for the campaign of the study's answers; the
    campaign's questionnaire must have the template's question codes.
    """
    pinned = []
    with transaction.atomic():
        existing = {(t.rows, t.cols): t for t in campaign.result_tables.all()}
        position = max((t.position for t in existing.values()), default=0)
        for rows, cols, titles in TEMPLATE_TABLES:
            table = existing.get((rows, cols))
            if table is None:
                position += 1
                table = ResultTable(campaign=campaign, position=position, rows=rows, cols=cols, chart=True,
                                    **text_columns("title", titles))
                save(table, by)
            pinned.append(table)
    return pinned
