"""Kazakhstan's programmes as templates: the Roadmap for Promoting Decent Work and its five areas (no Django).

The five areas are those the Ministry of Labour's Committee of State Labour Inspection named at the ILO
High-Level Tripartite Round Table in Astana on 29 January 2026 (seed 003; domain brief §8: CONFIRMED by that
news report). The roadmap's own text, adoption date, signatories and measures were not retrieved (UNCONFIRMED):
the template brings only the areas, and the programme's period and signatories are entered by its secretariat.
"""

from __future__ import annotations

from .programmes import AreaTemplate, ProgrammeTemplate
from .texts import LegalSource, text

ROUNDTABLE_URL = ("https://kasipodaq.kz/2026/01/29/ilo-experts-and-social-partners-discuss-implementation-of-the-"
                  "roadmap-for-promoting-decent-work")

DECENT_WORK_ROADMAP = ProgrammeTemplate(
    code="decent_work_roadmap",
    kind="decent_work",
    title=text("Қазақстан Республикасында лайықты еңбекті ілгерілету жөніндегі жол картасы",
               "Дорожная карта по продвижению достойного труда в Республике Казахстан",
               "Roadmap for Promoting Decent Work in the Republic of Kazakhstan"),
    basis=text("ХЕҰ-мен ынтымақтастық; ХЕҰ-ның 81, 87, 98, 131, 144, 154, 190 конвенциялары; ТДМ 8.",
               "Сотрудничество с МОТ; конвенции МОТ № 81, 87, 98, 131, 144, 154, 190; ЦУР 8.",
               "Cooperation with the ILO; ILO Conventions Nos. 81, 87, 98, 131, 144, 154, 190; SDG 8."),
    areas=(
        AreaTemplate("safe_work", text(
            "Еңбек инспекциясы арқылы қауіпсіз еңбек және еңбек стандарттарының сақталуы",
            "Безопасный труд и соблюдение трудовых стандартов через трудовую инспекцию",
            "Safe work and compliance with workplace standards through labour inspection")),
        AreaTemplate("social_dialogue", text(
            "Әлеуметтік диалогты және бірлесу бостандығын дамыту",
            "Развитие социального диалога и свободы объединения",
            "Social dialogue and freedom of association")),
        AreaTemplate("minimum_wage", text(
            "Ең төмен жалақы", "Минимальная заработная плата", "The minimum wage")),
        AreaTemplate("social_protection", text(
            "Әлеуметтік қорғау және әлеуметтік қамсыздандыру",
            "Социальная защита и социальное обеспечение",
            "Social protection and social security")),
        AreaTemplate("violence_harassment", text(
            "Еңбек саласындағы зорлық-зомбылық пен қудалауды жою",
            "Искоренение насилия и домогательств в сфере труда",
            "Ending violence and harassment at work")),
    ),
    source=LegalSource(
        text("ХЕҰ-ның әлеуметтік диалог жөніндегі жоғары деңгейдегі үшжақты дөңгелек үстелі, Астана, 29.01.2026",
             "Трёхсторонний круглый стол МОТ высокого уровня по социальному диалогу, Астана, 29.01.2026",
             "ILO High-Level Tripartite Round Table on Social Dialogue, Astana, 29 Jan 2026"),
        None, ROUNDTABLE_URL,
        "CONFIRMED by a news report (seed 003): the five areas as named by the Committee of State Labour "
        "Inspection. The roadmap's text, adoption date, signatories and measures: UNCONFIRMED."),
    verified=False,
)

PROGRAMMES = (DECENT_WORK_ROADMAP,)
