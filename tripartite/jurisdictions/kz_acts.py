"""The acts Kazakhstan's pack cites, named in Kazakh, Russian and English (one definition for every part of the pack).

The names follow the acts' official titles as published on adilet.zan.kz; LAW_199's title is descriptive (the act
amends several laws on labour disputes and conflicts).
"""

from __future__ import annotations

from .texts import text

LABOUR_CODE = text(
    "Қазақстан Республикасының 2015 жылғы 23 қарашадағы № 414-V Еңбек кодексі",
    "Трудовой кодекс Республики Казахстан от 23 ноября 2015 года № 414-V",
    "Labour Code of the Republic of Kazakhstan of 23 Nov 2015 No. 414-V",
)
LABOUR_CODE_URL = "https://adilet.zan.kz/eng/docs/K1500000414/compare"
LABOUR_CODE_2007 = text(
    "Қазақстан Республикасының 2007 жылғы 15 мамырдағы № 251-III Еңбек кодексі (2016 жылғы 1 қаңтардан бастап "
    "күшін жойды)",
    "Трудовой кодекс Республики Казахстан от 15 мая 2007 года № 251-III (утратил силу с 1 января 2016 года)",
    "Labour Code of the Republic of Kazakhstan of 15 May 2007 No. 251-III (repealed 1 Jan 2016)",
)
LAW_SOCIAL_PARTNERSHIP_2000 = text(
    "«Әлеуметтік әріптестік туралы» Қазақстан Республикасының 2000 жылғы 18 желтоқсандағы № 129 Заңы",
    "Закон Республики Казахстан от 18 декабря 2000 года № 129 «О социальном партнерстве»",
    "Law of the Republic of Kazakhstan of 18 Dec 2000 No. 129 \"On social partnership\"",
)
LAW_TRADE_UNIONS = text(
    "«Кәсіптік одақтар туралы» Қазақстан Республикасының 2014 жылғы 27 маусымдағы № 211-V Заңы",
    "Закон Республики Казахстан от 27 июня 2014 года № 211-V «О профессиональных союзах»",
    "Law of the Republic of Kazakhstan of 27 Jun 2014 No. 211-V \"On trade unions\"",
)
LAW_199 = text(
    "Қазақстан Республикасының 2023 жылғы 15 ақпандағы № 199-VII Заңы (еңбек даулары мен жанжалдары)",
    "Закон Республики Казахстан от 15 февраля 2023 года № 199-VII (трудовые споры и конфликты)",
    "Law of the Republic of Kazakhstan of 15 Feb 2023 No. 199-VII (labour disputes and conflicts)",
)
BUDGET_LAW = text(
    "Республикалық бюджет туралы заң (ең төменгі жалақы, ЕТЖ)",
    "Закон о республиканском бюджете (минимальная заработная плата, МЗП)",
    "Law on the republican budget (minimum monthly wage, MZP)",
)
TRIPARTITE_PRACTICE = text(
    "Әлеуметтік әріптестік және әлеуметтік-еңбек қатынастарын реттеу жөніндегі республикалық үшжақты комиссияның "
    "тәжірибесі",
    "Практика Республиканской трехсторонней комиссии по социальному партнерству и регулированию "
    "социально-трудовых отношений",
    "Practice of the Republican Tripartite Commission",
)
