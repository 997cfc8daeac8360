"""Kazakhstan's jurisdiction pack: levels, sides, statutory rules, representativeness, calendar, KATO, OKED.

Facts come from ``shared/domain/kz-labour-law.md``. A rule is ``verified=True`` only where that brief
marks it CONFIRMED; everything else is ``verified=False`` and either a placeholder marked *background,
verify* or ``None`` ("not set until a legal secretariat confirms it"). Unverified values can be changed by
an installation through ``TRIPARTITE_RULE_OVERRIDES`` (see ``docs/jurisdictions.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from . import (
    kz_agreements,
    kz_clause_corpus,
    kz_clause_corpus_heldout,
    kz_consultations,
    kz_disputes,
    kz_principles,
    kz_programmes,
)
from .clause_corpus import ClauseCorpus
from .identifiers import InvalidIdentifier, bin_control_digit, validate_bin
from .kz_acts import (
    BUDGET_LAW,
    LABOUR_CODE,
    LABOUR_CODE_2007,
    LABOUR_CODE_URL,
    LAW_SOCIAL_PARTNERSHIP_2000,
    LAW_TRADE_UNIONS,
    TRIPARTITE_PRACTICE,
)
from .levels import Level, LevelScheme, NamedItem, Parties, Role, Scope, Side
from .levels import (
    check_parity as check_parity,  # the pure check; JurisdictionPack.check_parity adds the source
)
from .pack import JurisdictionPack
from .places import Region, RegionKind, Sector, SurveySector
from .representativeness import Criterion, missing_facts
from .rules import Rule, RuleSet, Unit
from .texts import LegalSource, Text, text
from .working_days import WorkingCalendar

__all__ = [
    "CODE", "OrganisationKind", "build_pack", "check_parity", "validate_bin",
    "bin_control_digit", "InvalidIdentifier", "REGIONS", "SECTORS", "SURVEY_SECTORS", "RULES",
    "LEVEL_SCHEMES",
]

CODE = "kz"

# ---------------------------------------------------------------------------------------------------------
# Legal sources (addresses as given in the domain brief)
# ---------------------------------------------------------------------------------------------------------


SRC_ART_147 = LegalSource(LABOUR_CODE, "147(2)", "http://www.pavlodar.com/zakon/?dok=06425&all=040013",
                          "Chapter 13 \"Social partnership in the sphere of labour\", 6 Apr 2016 version.")
SRC_ORGANISATION_LEVEL = LegalSource(
    LABOUR_CODE, None, "https://horizon-university.kz/topic/seventeenth-lesson-social-partnership",
    "Bipartite bargaining and the collective agreement are confirmed; whether Art. 147 lists the organisation "
    "as a numbered level is UNCONFIRMED.",
)
SRC_LAW_2000 = LegalSource(
    LAW_SOCIAL_PARTNERSHIP_2000, None, "https://adilet.zan.kz/kaz/docs/Z000000129_",
    "Repealed by the Law of 15 May 2007 No. 252. Levels as listed in the article of seed 001 (a secondary "
    "source): it states that the 2000 Law set up commissions at national, sectoral and regional level and "
    "lists six levels; the exact first and last day of the Law's effect are UNCONFIRMED.",
)
SRC_LABOUR_CODE_2007 = LegalSource(
    LABOUR_CODE_2007, None, "https://adilet.zan.kz/kaz/docs/K070000251_/compare/eng",
    "Background, verify: republican, sectoral, regional and organisation levels; not in the retrieved sources.",
)
SRC_TRADE_UNIONS = LegalSource(
    LAW_TRADE_UNIONS, None, "https://adilet.zan.kz/eng/docs/Z1400000211/compare/kaz",
    "Thresholds not retrieved (background, verify; the 2020 amendments may have changed them).",
)

# ---------------------------------------------------------------------------------------------------------
# Levels of social partnership (dated versions)
# ---------------------------------------------------------------------------------------------------------

LEVELS_2016 = LevelScheme(
    effective_from=date(2016, 1, 1),
    effective_to=None,
    source=SRC_ART_147,
    name=text("2015 жылғы Еңбек кодексі, 147-бап", "Трудовой кодекс 2015 года, статья 147",
              "Labour Code 2015, Art. 147"),
    levels=(
        Level("republican", text("Республикалық", "Республиканский", "Republican (national)"), 1,
              Scope.NATIONAL, Parties.TRIPARTITE, SRC_ART_147, True,
              description=text(
                  "Әлеуметтік әріптестік және әлеуметтік-еңбек қатынастарын реттеу жөніндегі "
                  "республикалық үшжақты комиссия; Бас келісім.",
                  "Республиканская трехсторонняя комиссия по социальному партнерству и регулированию "
                  "социальных и трудовых отношений; Генеральное соглашение.",
                  "Republican tripartite commission on social partnership and regulation of social and "
                  "labour relations; General Agreement.")),
        Level("sectoral", text("Салалық", "Отраслевой", "Sectoral"), 2, Scope.SECTOR, Parties.TRIPARTITE,
              SRC_ART_147, True,
              description=text("Салалық комиссиялар; салалық келісім.", "Отраслевые комиссии; отраслевое "
                               "соглашение.", "Sectoral commissions; sectoral agreement.")),
        Level("regional", text("Өңірлік", "Региональный", "Regional"), 3, Scope.REGION, Parties.TRIPARTITE,
              SRC_ART_147, True,
              description=text("Облыстық, қалалық және аудандық комиссиялар; өңірлік келісім.",
                               "Областные, городские и районные комиссии; региональное соглашение.",
                               "Oblast, city and district commissions; regional agreement.")),
        Level("regional_oblast",
              text("Облыс, республикалық маңызы бар қала, астана", "Область, город республиканского "
                   "значения, столица", "Oblast, city of republican significance, capital"),
              4, Scope.REGION, Parties.TRIPARTITE, SRC_ART_147, True, parent="regional"),
        Level("regional_city", text("Қала", "Город", "City"), 5, Scope.REGION, Parties.TRIPARTITE,
              SRC_ART_147, True, parent="regional"),
        Level("regional_district", text("Аудан", "Район", "District"), 6, Scope.REGION, Parties.TRIPARTITE,
              SRC_ART_147, True, parent="regional"),
        # Bargaining in an organisation is bipartite (employer and employees' representatives through a
        # parity commission); whether the Code counts it as a numbered level is not confirmed.
        Level("organisation", text("Ұйым (екіжақты)", "Организация (двусторонний)", "Organisation (bipartite)"),
              7, Scope.ORGANISATION, Parties.BIPARTITE, SRC_ORGANISATION_LEVEL, False,
              description=text("Тепе-тең комиссия арқылы ұжымдық келіссөздер; ұжымдық шарт.",
                               "Коллективные переговоры через паритетную комиссию; коллективный договор.",
                               "Collective bargaining through a parity commission; collective agreement.")),
    ),
)

LEVELS_2007 = LevelScheme(
    effective_from=date(2007, 5, 15),
    effective_to=date(2015, 12, 31),
    source=SRC_LABOUR_CODE_2007,
    verified=False,
    name=text("2007 жылғы Еңбек кодексі", "Трудовой кодекс 2007 года", "Labour Code 2007"),
    levels=(
        Level("republican", text("Республикалық", "Республиканский", "Republican (national)"), 1,
              Scope.NATIONAL, Parties.TRIPARTITE, SRC_LABOUR_CODE_2007, False),
        Level("sectoral", text("Салалық", "Отраслевой", "Sectoral"), 2, Scope.SECTOR, Parties.TRIPARTITE,
              SRC_LABOUR_CODE_2007, False),
        Level("regional", text("Өңірлік", "Региональный", "Regional"), 3, Scope.REGION, Parties.TRIPARTITE,
              SRC_LABOUR_CODE_2007, False),
        Level("organisation", text("Ұйым (екіжақты)", "Организация (двусторонний)", "Organisation (bipartite)"),
              4, Scope.ORGANISATION, Parties.BIPARTITE, SRC_LABOUR_CODE_2007, False),
    ),
)

LEVELS_2000 = LevelScheme(
    effective_from=date(2000, 12, 18),
    effective_to=date(2007, 5, 14),
    source=SRC_LAW_2000,
    verified=False,
    name=text("2000 жылғы «Әлеуметтік әріптестік туралы» Заң", "Закон «О социальном партнерстве» 2000 года",
              "Law \"On social partnership\" 2000"),
    levels=(
        Level("national", text("Ұлттық", "Национальный", "National"), 1, Scope.NATIONAL, Parties.TRIPARTITE,
              SRC_LAW_2000, True,
              description=text("Кәсіподақтар мен жұмыс берушілердің республикалық бірлестіктері және Үкімет; "
                               "жыл сайынғы бас келісімдер.",
                               "Республиканские объединения профсоюзов и работодателей и Правительство; "
                               "ежегодные генеральные соглашения.",
                               "Republican associations of trade unions and employers and the Government; "
                               "annual general agreements.")),
        Level("regional", text("Өңірлік", "Региональный", "Regional"), 2, Scope.REGION, Parties.TRIPARTITE,
              SRC_LAW_2000, True,
              description=text("Облыс (бірнеше облыс): бірлестіктер және әкімдер.",
                               "Область (несколько областей): объединения и акимы.",
                               "Region (one or several): associations and akims.")),
        Level("territorial", text("Аумақтық (қала)", "Территориальный (город)", "Territorial (city)"), 3,
              Scope.REGION, Parties.TRIPARTITE, SRC_LAW_2000, False),
        Level("sectoral", text("Салалық (салааралық)", "Отраслевой (межотраслевой)", "Sectoral (inter-sectoral)"),
              4, Scope.SECTOR, Parties.TRIPARTITE, SRC_LAW_2000, True,
              description=text("Кәсіподақтар, жұмыс берушілер бірлестіктері және саланың уәкілетті органы.",
                               "Профсоюзы, объединения работодателей и уполномоченный орган отрасли.",
                               "Trade unions, employers' associations and the sector's authorised state body.")),
        # The seed describes the professional level as one profession's workers and their employers,
        # i.e. without the state.
        Level("professional", text("Кәсіптік", "Профессиональный", "Professional"), 5, Scope.SECTOR,
              Parties.BIPARTITE, SRC_LAW_2000, False,
              description=text("Бір кәсіптің қызметкерлері мен олардың жұмыс берушілері; тарифтік келісімдер.",
                               "Работники одной профессии и их работодатели; тарифные соглашения.",
                               "Workers of one profession and their employers; tariff agreements.")),
        Level("local", text("Жергілікті (ұйым)", "Локальный (организация)", "Local (organisation)"), 6,
              Scope.ORGANISATION, Parties.BIPARTITE, SRC_LAW_2000, False,
              description=text("Ұйымның кәсіподақ комитеті және жұмыс беруші; ұжымдық шарт.",
                               "Профком организации и работодатель; коллективный договор.",
                               "The organisation's union committee and the employer; collective agreement.")),
    ),
)

LEVEL_SCHEMES: tuple[LevelScheme, ...] = (LEVELS_2000, LEVELS_2007, LEVELS_2016)

# ---------------------------------------------------------------------------------------------------------
# Sides, roles, organisation kinds
# ---------------------------------------------------------------------------------------------------------

SIDES: tuple[NamedItem, ...] = (
    NamedItem(Side.STATE, text("Мемлекет (атқарушы органдар)", "Государство (исполнительные органы)",
                               "State (executive bodies)")),
    NamedItem(Side.EMPLOYERS, text("Жұмыс берушілер", "Работодатели", "Employers")),
    NamedItem(Side.WORKERS, text("Қызметкерлер", "Работники", "Workers")),
)

ROLES: tuple[NamedItem, ...] = (
    NamedItem(Role.CHAIR, text("Төраға", "Председатель", "Chair")),
    NamedItem(Role.CO_CHAIR, text("Тең төраға", "Сопредседатель", "Co-chair")),
    NamedItem(Role.COORDINATOR, text("Үйлестіруші", "Координатор", "Coordinator")),
    NamedItem(Role.MEMBER, text("Мүше", "Член", "Member")),
    NamedItem(Role.SECRETARY, text("Хатшы", "Секретарь", "Secretary")),
)


class OrganisationKind(StrEnum):
    """Kinds of social partner (union structures per the Law on Trade Unions, Art. 1)."""

    UNION_REPUBLICAN_ASSOCIATION = "union_republican_association"
    UNION_SECTORAL = "union_sectoral"
    UNION_TERRITORIAL_ASSOCIATION = "union_territorial_association"
    UNION_LOCAL = "union_local"
    UNION_PRIMARY = "union_primary"
    EMPLOYERS_REPUBLICAN = "employers_republican"
    EMPLOYERS_SECTORAL = "employers_sectoral"
    EMPLOYERS_REGIONAL = "employers_regional"
    EMPLOYER = "employer"
    STATE_GOVERNMENT = "state_government"
    STATE_MINISTRY = "state_ministry"
    STATE_AKIMAT = "state_akimat"
    STATE_LABOUR_INSPECTORATE = "state_labour_inspectorate"
    NGO = "ngo"


_KIND = OrganisationKind
ORGANISATION_KINDS: tuple[NamedItem, ...] = (
    NamedItem(_KIND.UNION_REPUBLICAN_ASSOCIATION, text("Кәсіподақтардың республикалық бірлестігі",
              "Республиканское объединение профсоюзов", "Republican association of trade unions")),
    NamedItem(_KIND.UNION_SECTORAL, text("Салалық кәсіподақ", "Отраслевой профсоюз", "Sectoral trade union")),
    NamedItem(_KIND.UNION_TERRITORIAL_ASSOCIATION, text("Кәсіподақтардың аумақтық бірлестігі",
              "Территориальное объединение профсоюзов", "Territorial association of trade unions")),
    NamedItem(_KIND.UNION_LOCAL, text("Жергілікті кәсіподақ", "Местный профсоюз", "Local trade union")),
    NamedItem(_KIND.UNION_PRIMARY, text("Бастауыш кәсіподақ ұйымы", "Первичная профсоюзная организация",
              "Primary trade union organisation")),
    NamedItem(_KIND.EMPLOYERS_REPUBLICAN, text("Жұмыс берушілердің республикалық бірлестігі",
              "Республиканское объединение работодателей", "Republican employers' association")),
    NamedItem(_KIND.EMPLOYERS_SECTORAL, text("Жұмыс берушілердің салалық бірлестігі",
              "Отраслевое объединение работодателей", "Sectoral employers' association")),
    NamedItem(_KIND.EMPLOYERS_REGIONAL, text("Жұмыс берушілердің өңірлік бірлестігі",
              "Региональное объединение работодателей", "Regional employers' association")),
    NamedItem(_KIND.EMPLOYER, text("Жұмыс беруші", "Работодатель", "Employer")),
    NamedItem(_KIND.STATE_GOVERNMENT, text("Үкімет", "Правительство", "Government")),
    NamedItem(_KIND.STATE_MINISTRY, text("Министрлік", "Министерство", "Ministry")),
    NamedItem(_KIND.STATE_AKIMAT, text("Әкімдік", "Акимат", "Akimat")),
    NamedItem(_KIND.STATE_LABOUR_INSPECTORATE, text("Еңбек инспекциясы", "Инспекция труда", "Labour inspectorate")),
    NamedItem(_KIND.NGO, text("Үкіметтік емес ұйым", "Неправительственная организация",
              "Non-governmental organisation")),
)

# ---------------------------------------------------------------------------------------------------------
# Statutory rules
# ---------------------------------------------------------------------------------------------------------

_UNSET_NOTE = "UNCONFIRMED: not set until a legal secretariat confirms it against the Labour Code (K1500000414)."


def _mzp(value: int, start: date, end: date, url: str, verified: bool = True, note: str | None = None) -> Rule:
    return Rule(
        "minimum_wage_monthly", value, Unit.TENGE, start, end,
        LegalSource(BUDGET_LAW, None, url, note), verified,
        text("Ең төменгі жалақы (ЕТЖ), айына теңгемен.", "Минимальная заработная плата (МЗП), тенге в месяц.",
             "Minimum wage (MZP), tenge per month."),
    )


RULES = RuleSet((
    # Minimum wage history. The 2018 start date is background: the source only says "before 2019".
    _mzp(28_284, date(2018, 1, 1), date(2018, 12, 31), "https://kstnews.kz/46594-3", verified=False,
         note="Value confirmed for the period before 2019; start date 1 Jan 2018 is background, verify."),
    _mzp(42_500, date(2019, 1, 1), date(2021, 12, 31), "https://kstnews.kz/46594-3",
         note="Announced as 42,426; in force until the 2022 increase."),
    _mzp(60_000, date(2022, 1, 1), date(2022, 12, 31),
         "https://avtoradio.kz/prezident-tokaev-poruchil-povysit-minimalnuju-zarplatu/"),
    _mzp(70_000, date(2023, 1, 1), date(2023, 12, 31),
         "https://informburo.kz/novosti/minimalnuiu-zarplatu-po-novoi-metodike-eshhe-ne-rasscitali-v-kazaxstane-ministr-truda"),
    _mzp(85_000, date(2024, 1, 1), date(2024, 12, 31), "https://mayak1932.kz/?p=21727"),
    _mzp(85_000, date(2025, 1, 1), date(2025, 12, 31),
         "https://vlast.kz/novosti/66015-pravitelstvo-otkazalos-ot-idei-povysat-mzp-s-1-anvara-2026-goda.html"),
    # 2027 is deliberately absent: asking for it raises RuleNotFound instead of carrying 85,000 forward.
    _mzp(85_000, date(2026, 1, 1), date(2026, 12, 31),
         "https://rus.baq.kz/budut-li-povyshat-minimalnuyu-zarabotnuyu-platu-v-kazahstane_300021358/",
         note="Fixed in the republican budget (baq.kz, 2 Sep 2025)."),
    Rule("bargaining_start", 10, Unit.CALENDAR_DAYS, None, None,
         LegalSource(LABOUR_CODE, None, "https://mojazarplata.kz/Rabota_i_prava/professionalnyye-soyuzy",
                     "Counted from receipt of the proposal to bargain."), True,
         text("Ұжымдық келіссөздер жүргізу туралы ұсынысты алған тарап келіссөздерді 10 күнтізбелік күн ішінде "
              "бастауы тиіс.",
              "Сторона, получившая предложение о коллективных переговорах, должна начать их в течение 10 "
              "календарных дней.",
              "The side that receives a proposal to bargain collectively must start negotiations within 10 "
              "calendar days.")),
    Rule("employer_reply_to_demands", 3, Unit.WORKING_DAYS, None, None,
         LegalSource(LABOUR_CODE, "163(2)", "https://mgorod.kz/news/prokuror-zko-obratilsya-k-zhitelyam-oblasti"),
         True,
         text("Жұмыс беруші қызметкерлердің талаптарын қарап, шешімін 3 жұмыс күні ішінде жазбаша хабарлайды.",
              "Работодатель рассматривает требования работников и сообщает решение письменно в течение 3 "
              "рабочих дней.",
              "The employer considers the employees' demands and replies in writing within 3 working days.")),
    Rule("conciliation_commission_creation", 3, Unit.WORKING_DAYS, None, None,
         LegalSource(LABOUR_CODE, "165", "https://www.zakon.kz/pravo/6491551-u-profsoyuzov-poyavitsya-pravo-"
                     "prinimat-reshenie-o-provedenii-zabastovki-popravki-v-trudovoy-kodeks.html",
                     "UNCONFIRMED: background value 3 working days, verify. Under the 2007 Code (Art. 292) it was "
                     "3 calendar days: https://pavlodar.com/zakon/?dok=04537&uro=080292"), False,
         text("Татуластыру комиссиясын құру мерзімі (расталмаған).",
              "Срок создания примирительной комиссии (не подтвержден).",
              "Period for setting up the conciliation commission (unconfirmed).")),
    Rule("conciliation_commission_consideration", 7, Unit.WORKING_DAYS, None, None,
         LegalSource(LABOUR_CODE, "165", "https://mgorod.kz/news/prokuror-zko-obratilsya-k-zhitelyam-oblasti",
                     "Confirmed by a secondary source (prosecutor's summary)."), True,
         text("Татуластыру комиссиясы ұжымдық еңбек дауын 7 жұмыс күні ішінде қарайды.",
              "Примирительная комиссия рассматривает коллективный трудовой спор в течение 7 рабочих дней.",
              "The conciliation commission considers the collective labour dispute within 7 working days.")),
    Rule("labour_arbitration_creation", None, Unit.WORKING_DAYS, None, None,
         LegalSource(LABOUR_CODE, "166", "https://cis-legislation.com/document.fwx?rgn=82433", _UNSET_NOTE), False,
         text("Еңбек төрелігін құру мерзімі (расталмаған, белгіленбеген).",
              "Срок создания трудового арбитража (не подтвержден, не установлен).",
              "Period for setting up labour arbitration (unconfirmed, not set).")),
    Rule("labour_arbitration_consideration", None, Unit.WORKING_DAYS, None, None,
         LegalSource(LABOUR_CODE, "166", "https://cis-legislation.com/document.fwx?rgn=82433", _UNSET_NOTE), False,
         text("Еңбек төрелігінің дауды қарау мерзімі (расталмаған, белгіленбеген).",
              "Срок рассмотрения спора трудовым арбитражем (не подтвержден, не установлен).",
              "Period for labour arbitration to consider the dispute (unconfirmed, not set).")),
    Rule("strike_notice", None, Unit.WORKING_DAYS, None, None,
         LegalSource(LABOUR_CODE, None, LABOUR_CODE_URL, _UNSET_NOTE + " The unit is unconfirmed too."), False,
         text("Ереуіл туралы жұмыс берушіні алдын ала ескерту мерзімі (расталмаған, белгіленбеген).",
              "Срок предупреждения работодателя о забастовке (не подтвержден, не установлен).",
              "Notice to the employer before a strike (unconfirmed, not set).")),
    Rule("individual_dispute_decision", 15, Unit.WORKING_DAYS, None, None,
         LegalSource(LABOUR_CODE, "159", "https://zakonpravo.kz/en/article-159-the-procedure-for-considering-an-"
                     "individual-labor-dispute-the-labor-code-of-the-republic-of-kazakhstan",
                     "Counted from registration of the application."), True,
         text("Келісім комиссиясы жеке еңбек дауын 15 жұмыс күні ішінде шешеді.",
              "Согласительная комиссия решает индивидуальный трудовой спор в течение 15 рабочих дней.",
              "The conciliation commission decides an individual labour dispute within 15 working days.")),
    Rule("general_agreement_term", 3, Unit.YEARS, None, None,
         LegalSource(TRIPARTITE_PRACTICE, None,
                     "https://kasipodaq.kz/2018/01/31/signed-general-agreement/",
                     "Confirmed as practice (cycles 2012–14, 2018–20, 2021–23); statutory term unconfirmed."), True,
         text("Бас келісім үш жылға жасалады.", "Генеральное соглашение заключается на три года.",
              "The General Agreement is concluded for three years.")),
    # Art. 13 of the Code governs how terms are computed (title confirmed only). Background, verify: a term
    # runs from the day after the event, and a term whose last day is a day off ends on the next working day.
    Rule("calendar_deadline_moves_to_next_working_day", True, Unit.FLAG, None, None,
         LegalSource(LABOUR_CODE, "13", "https://www.carrotsandsticks.net/media/n3md3gir/89_10_kazakhstan_2021_en.txt",
                     "UNCONFIRMED: only the article's title (computation of terms) is confirmed; the rule is the "
                     "common civil rule, background, verify."), False,
         text("Күнтізбелік күндермен есептелетін мерзімнің соңғы күні жұмыс күні болмаса, ол келесі жұмыс "
              "күніне ауысады.",
              "Если последний день срока в календарных днях приходится на нерабочий день, он переносится на "
              "следующий рабочий день.",
              "If the last day of a calendar-day period falls on a non-working day, it moves to the next "
              "working day.")),
    Rule("bargaining_commission_parity", True, Unit.FLAG, None, None,
         LegalSource(LABOUR_CODE, None, "https://mojazarplata.kz/Rabota_i_prava/professionalnyye-soyuzy"), True,
         text("Ұжымдық келіссөздер комиссиясы тепе-теңдік негізінде құрылады.",
              "Комиссия по коллективным переговорам формируется на паритетной основе.",
              "The collective bargaining commission is formed on a parity basis.")),
    Rule("tripartite_commission_parity", True, Unit.FLAG, None, None,
         LegalSource(LABOUR_CODE, None, "https://horizon-university.kz/topic/seventeenth-lesson-social-partnership",
                     "UNCONFIRMED: the formation principles exist but their list was not retrieved (background: "
                     "equal rights of the parties). The 2007 Code let the parties agree the number of members, "
                     "at most 7 per party."), False,
         text("Үшжақты комиссияда тараптардың мүшелер саны тең.",
              "В трехсторонней комиссии стороны представлены равным числом членов.",
              "Each side of a tripartite commission has the same number of members.")),
    Rule("sectoral_union_min_regions_share", Decimal("0.5"), Unit.SHARE, None, None, SRC_TRADE_UNIONS, False,
         text("Салалық кәсіподақтың облыстардың, республикалық маңызы бар қалалардың және астананың жартысынан "
              "көбінде құрылымдық бөлімшелері немесе мүше ұйымдары болуы керек (үлестен көп).",
              "Отраслевой профсоюз должен иметь структурные подразделения или членские организации более чем "
              "в половине областей, городов республиканского значения и столицы (больше доли).",
              "A sectoral union must have subdivisions or member organisations in more than this share of the "
              "oblasts, cities of republican significance and the capital.")),
    Rule("sectoral_union_min_sector_employees_share", Decimal("0.10"), Unit.SHARE, None, None,
         SRC_TRADE_UNIONS, False,
         text("Салалық кәсіподақ мүшелерінің сала қызметкерлеріндегі ең төменгі үлесі (2014 жылғы бастапқы "
              "мәтін, мүмкін 10%; расталмаған).",
              "Минимальная доля членов отраслевого профсоюза среди работников отрасли (первоначальная "
              "редакция 2014 года, возможно 10%; не подтверждено).",
              "Minimum share of the sector's employees who are members of the sectoral union (original 2014 "
              "text, possibly 10%; unconfirmed).")),
    Rule("republican_association_min_members_share", Decimal("0.5"), Unit.SHARE, None, None,
         SRC_TRADE_UNIONS, False,
         text("Республикалық бірлестік салалық кәсіподақтардың және/немесе аумақтық бірлестіктердің жартысынан "
              "көбін біріктіруі керек.",
              "Республиканское объединение должно объединять более половины отраслевых профсоюзов и/или "
              "территориальных объединений.",
              "A republican association must unite more than half of the sectoral unions and/or territorial "
              "associations.")),
    # Floors for agreements' clauses (issue 5). Not in the retrieved sources: background, verify.
    Rule("annual_paid_leave_min", 24, Unit.CALENDAR_DAYS, None, None,
         LegalSource(LABOUR_CODE, "88", LABOUR_CODE_URL, "UNCONFIRMED: background value, verify."), False,
         text("Жыл сайынғы негізгі ақылы еңбек демалысының ең аз ұзақтығы.",
              "Минимальная продолжительность ежегодного основного оплачиваемого отпуска.",
              "Minimum length of the basic annual paid leave.")),
    Rule("normal_weekly_hours_max", 40, Unit.HOURS, None, None,
         LegalSource(LABOUR_CODE, "68", LABOUR_CODE_URL, "UNCONFIRMED: background value, verify."), False,
         text("Қалыпты жұмыс уақытының аптасына ең көп ұзақтығы.",
              "Максимальная нормальная продолжительность рабочего времени в неделю.",
              "Maximum normal working hours per week.")),
) + kz_agreements.RULES + kz_disputes.RULES + kz_consultations.RULES)

PARITY_RULE_KEYS = {Parties.TRIPARTITE: "tripartite_commission_parity",
                    Parties.BIPARTITE: "bargaining_commission_parity"}

# ---------------------------------------------------------------------------------------------------------
# Representativeness
# ---------------------------------------------------------------------------------------------------------

_Result = tuple[bool | None, str, Mapping[str, Any]]


def _missing(name: str) -> _Result:
    return None, "missing_fact", {"fact": name}


def _more_than_share(part: int, whole: int, share: Decimal) -> bool:
    return Decimal(part) > share * Decimal(whole)


def _test_regional_presence(facts: Mapping[str, Any], rules: Mapping[str, Rule], on: date) -> _Result:
    for name in missing_facts(facts, ("regions_covered", "total_regions")):
        return _missing(name)
    covered, total = int(facts["regions_covered"]), int(facts["total_regions"])
    share = Decimal(rules["sectoral_union_min_regions_share"].value)  # type: ignore[arg-type]
    needed = int(share * total) + 1
    params = {"covered": covered, "total": total, "needed": needed}
    return (True, "met", params) if _more_than_share(covered, total, share) else (False, "not_met", params)


def _test_sector_share(facts: Mapping[str, Any], rules: Mapping[str, Rule], on: date) -> _Result:
    for name in missing_facts(facts, ("members", "employees_in_scope")):
        return _missing(name)
    members, employees = int(facts["members"]), int(facts["employees_in_scope"])
    share = Decimal(rules["sectoral_union_min_sector_employees_share"].value)  # type: ignore[arg-type]
    if employees <= 0:
        return _missing("employees_in_scope")
    params = {"members": members, "employees": employees, "percent": f"{share * 100:.0f}"}
    met = Decimal(members) >= share * Decimal(employees)
    return (True, "met", params) if met else (False, "not_met", params)


def _test_republican_coverage(facts: Mapping[str, Any], rules: Mapping[str, Rule], on: date) -> _Result:
    # "Sectoral unions and/or territorial associations": more than half of either group suffices.
    share = Decimal(rules["republican_association_min_members_share"].value)  # type: ignore[arg-type]
    pairs = (("member_sectoral_unions", "total_sectoral_unions"),
             ("member_territorial_associations", "total_territorial_associations"))
    missing = None
    params: dict[str, Any] = {}
    for part, whole in pairs:
        gone = missing_facts(facts, (part, whole))
        if gone:
            missing = missing or gone[0]
            continue
        params[part], params[whole] = int(facts[part]), int(facts[whole])
        if _more_than_share(int(facts[part]), int(facts[whole]), share):
            return True, "met", {"part": facts[part], "whole": facts[whole]}
    if missing is not None:
        return _missing(missing)
    return False, "not_met", {"sectoral": f"{params[pairs[0][0]]}/{params[pairs[0][1]]}",
                              "territorial": f"{params[pairs[1][0]]}/{params[pairs[1][1]]}"}


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "sectoral_union_regional_presence",
        text("Облыстардың, республикалық маңызы бар қалалардың және астананың жартысынан көбінде болуы.",
             "Присутствие более чем в половине областей, городов республиканского значения и столицы.",
             "Presence in more than half of the oblasts, cities of republican significance and the capital."),
        (_KIND.UNION_SECTORAL,), ("sectoral_union_min_regions_share",), False, _test_regional_presence,
        {
            "met": text("%(total)s өңірдің %(covered)s өңірінде бар (кемінде %(needed)s керек).",
                        "Присутствует в %(covered)s из %(total)s регионов (нужно не менее %(needed)s).",
                        "Present in %(covered)s of %(total)s regions (at least %(needed)s needed)."),
            "not_met": text("%(total)s өңірдің тек %(covered)s өңірінде бар; кемінде %(needed)s керек.",
                            "Присутствует только в %(covered)s из %(total)s регионов; нужно не менее "
                            "%(needed)s.",
                            "Present in only %(covered)s of %(total)s regions; at least %(needed)s needed."),
        },
    ),
    Criterion(
        "sectoral_union_sector_share",
        text("Сала қызметкерлерінің белгілі бір үлесін біріктіру (расталмаған).",
             "Объединение определенной доли работников отрасли (не подтверждено).",
             "Uniting a minimum share of the sector's employees (unconfirmed)."),
        (_KIND.UNION_SECTORAL,), ("sectoral_union_min_sector_employees_share",), False, _test_sector_share,
        {
            "met": text("%(employees)s қызметкердің %(members)s мүшесі бар (кемінде %(percent)s%%).",
                        "%(members)s членов из %(employees)s работников отрасли (не менее %(percent)s%%).",
                        "%(members)s members of %(employees)s employees in the sector (at least %(percent)s%%)."),
            "not_met": text("%(employees)s қызметкердің тек %(members)s мүшесі бар; кемінде %(percent)s%% керек.",
                            "Только %(members)s членов из %(employees)s работников; нужно не менее %(percent)s%%.",
                            "Only %(members)s members of %(employees)s employees; at least %(percent)s%% needed."),
        },
    ),
    Criterion(
        "republican_association_coverage",
        text("Салалық кәсіподақтардың және/немесе аумақтық бірлестіктердің жартысынан көбін біріктіру.",
             "Объединение более половины отраслевых профсоюзов и/или территориальных объединений.",
             "Uniting more than half of the sectoral unions and/or territorial associations."),
        (_KIND.UNION_REPUBLICAN_ASSOCIATION,), ("republican_association_min_members_share",), False,
        _test_republican_coverage,
        {
            "met": text("%(whole)s ұйымның %(part)s біріктіреді.", "Объединяет %(part)s из %(whole)s.",
                        "Unites %(part)s of %(whole)s."),
            "not_met": text("Жартысынан көбін біріктірмейді (салалық %(sectoral)s, аумақтық %(territorial)s).",
                            "Не объединяет более половины (отраслевые %(sectoral)s, территориальные "
                            "%(territorial)s).",
                            "Does not unite more than half (sectoral %(sectoral)s, territorial %(territorial)s)."),
        },
    ),
)

_EMPLOYERS_UNCONFIRMED = text(
    "Бағалау мүмкін емес: жұмыс берушілер бірлестіктерінің өкілдік өлшемшарттары заңнан расталмаған.",
    "Невозможно оценить: критерии представительности объединений работодателей по закону не подтверждены.",
    "Cannot tell: the statutory representativeness criteria for employers' associations are unconfirmed.",
)
NO_CRITERIA_MESSAGES: Mapping[str, Text] = {
    "": text("Бұл ұйым түрі үшін (%(kind)s) өкілдік өлшемшарттары жоқ.",
             "Для этого вида организаций (%(kind)s) критерии представительности не установлены.",
             "No representativeness criteria apply to this kind of organisation (%(kind)s)."),
    _KIND.EMPLOYERS_REPUBLICAN: _EMPLOYERS_UNCONFIRMED,
    _KIND.EMPLOYERS_SECTORAL: _EMPLOYERS_UNCONFIRMED,
    _KIND.EMPLOYERS_REGIONAL: _EMPLOYERS_UNCONFIRMED,
}

# ---------------------------------------------------------------------------------------------------------
# Regions by KATO code (since 8 Jun 2022: 17 oblasts + 3 cities of republican significance)
# ---------------------------------------------------------------------------------------------------------

#: Date the three new oblasts (Abai, Jetisu, Ulytau) took effect; the list below applies from then on.
REGIONS_VALID_FROM = date(2022, 6, 8)

_RK = RegionKind
REGIONS: tuple[Region, ...] = tuple(
    Region(f"{code}0000000", code, text(kk, ru, en), kind)
    for code, kind, kk, ru, en in (
        # Codes of the three 2022 oblasts (10, 33, 62) are from the 2022 KATO edition; all 20 codes agree with
        # the 9-digit KATO codes of the boundary file (geokz 1.0.2, see indicators/geo/SOURCE.md), which is an
        # independent source but not stat.gov.kz itself: check there before publishing open data keyed on them.
        ("10", _RK.OBLAST, "Абай облысы", "Абайская область", "Abai Region"),
        ("11", _RK.OBLAST, "Ақмола облысы", "Акмолинская область", "Akmola Region"),
        ("15", _RK.OBLAST, "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
        ("19", _RK.OBLAST, "Алматы облысы", "Алматинская область", "Almaty Region"),
        ("23", _RK.OBLAST, "Атырау облысы", "Атырауская область", "Atyrau Region"),
        ("27", _RK.OBLAST, "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"),
        ("31", _RK.OBLAST, "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
        ("33", _RK.OBLAST, "Жетісу облысы", "Жетысуская область", "Jetisu Region"),
        ("35", _RK.OBLAST, "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
        ("39", _RK.OBLAST, "Қостанай облысы", "Костанайская область", "Kostanay Region"),
        ("43", _RK.OBLAST, "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
        ("47", _RK.OBLAST, "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
        ("55", _RK.OBLAST, "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
        ("59", _RK.OBLAST, "Солтүстік Қазақстан облысы", "Северо-Казахстанская область",
         "North Kazakhstan Region"),
        # Turkistan took code 61 when South Kazakhstan (51) was renamed and Shymkent separated in 2018.
        ("61", _RK.OBLAST, "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
        ("62", _RK.OBLAST, "Ұлытау облысы", "Улытауская область", "Ulytau Region"),
        ("63", _RK.OBLAST, "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"),
        ("71", _RK.CAPITAL, "Астана", "Астана", "Astana"),
        ("75", _RK.CITY_OF_REPUBLICAN_SIGNIFICANCE, "Алматы", "Алматы", "Almaty"),
        ("79", _RK.CITY_OF_REPUBLICAN_SIGNIFICANCE, "Шымкент", "Шымкент", "Shymkent"),
    )
)

# ---------------------------------------------------------------------------------------------------------
# Economic sectors: OKED sections A–U (OKED follows NACE Rev. 2 at section level)
# ---------------------------------------------------------------------------------------------------------

SECTORS: tuple[Sector, ...] = tuple(Sector(code, text(kk, ru, en)) for code, kk, ru, en in (
    ("A", "Ауыл, орман және балық шаруашылығы", "Сельское, лесное и рыбное хозяйство",
     "Agriculture, forestry and fishing"),
    ("B", "Тау-кен өндіру өнеркәсібі және карьерлерді қазу", "Горнодобывающая промышленность и разработка карьеров",
     "Mining and quarrying"),
    ("C", "Өңдеу өнеркәсібі", "Обрабатывающая промышленность", "Manufacturing"),
    ("D", "Электр энергиясымен, газбен, бумен, ыстық сумен және кондицияланған ауамен жабдықтау",
     "Электроснабжение, подача газа, пара и воздушное кондиционирование",
     "Electricity, gas, steam and air conditioning supply"),
    ("E", "Сумен жабдықтау; кәріз жүйесі, қалдықтарды жинау мен таратуды бақылау",
     "Водоснабжение; водоотведение, сбор, обработка и удаление отходов, деятельность по ликвидации загрязнений",
     "Water supply; sewerage, waste management and remediation activities"),
    ("F", "Құрылыс", "Строительство", "Construction"),
    ("G", "Көтерме және бөлшек сауда; автомобильдер мен мотоциклдерді жөндеу",
     "Оптовая и розничная торговля; ремонт автомобилей и мотоциклов",
     "Wholesale and retail trade; repair of motor vehicles and motorcycles"),
    ("H", "Көлік және қоймаға жинау", "Транспорт и складирование", "Transportation and storage"),
    ("I", "Тұру және тамақтану бойынша қызметтер", "Предоставление услуг по проживанию и питанию",
     "Accommodation and food service activities"),
    ("J", "Ақпарат және байланыс", "Информация и связь", "Information and communication"),
    ("K", "Қаржы және сақтандыру қызметі", "Финансовая и страховая деятельность",
     "Financial and insurance activities"),
    ("L", "Жылжымайтын мүлікпен операциялар", "Операции с недвижимым имуществом", "Real estate activities"),
    ("M", "Кәсіби, ғылыми және техникалық қызмет", "Профессиональная, научная и техническая деятельность",
     "Professional, scientific and technical activities"),
    ("N", "Әкімшілік және қосалқы қызмет көрсету саласындағы қызмет",
     "Деятельность в области административного и вспомогательного обслуживания",
     "Administrative and support service activities"),
    ("O", "Мемлекеттік басқару және қорғаныс; міндетті әлеуметтік қамсыздандыру",
     "Государственное управление и оборона; обязательное социальное обеспечение",
     "Public administration and defence; compulsory social security"),
    ("P", "Білім беру", "Образование", "Education"),
    ("Q", "Денсаулық сақтау және халыққа әлеуметтік қызмет көрсету",
     "Здравоохранение и социальное обслуживание населения", "Human health and social work activities"),
    ("R", "Өнер, ойын-сауық және демалыс", "Искусство, развлечения и отдых", "Arts, entertainment and recreation"),
    ("S", "Басқа да қызмет түрлерін ұсыну", "Предоставление прочих видов услуг", "Other service activities"),
    ("T", "Үй шаруашылықтарының жұмыс беруші ретіндегі қызметі; үй шаруашылықтарының өз тұтынуы үшін тауарлар "
     "мен қызметтер өндіруі",
     "Деятельность домашних хозяйств, нанимающих домашнюю прислугу и производящих товары и услуги для "
     "собственного потребления",
     "Activities of households as employers; undifferentiated goods- and services-producing activities of "
     "households for own use"),
    ("U", "Экстерриториялық ұйымдар мен органдардың қызметі", "Деятельность экстерриториальных организаций и органов",
     "Activities of extraterritorial organisations and bodies"),
))

# ---------------------------------------------------------------------------------------------------------
# Survey sectors of the source paper (seed 000, Table 1; 346 respondents) mapped to OKED sections.
# Each section belongs to exactly one survey sector, so responses can be compared with official statistics.
# Judgement calls: science (research, M) goes with education; utilities (D, E) and mining (B) with industry;
# accommodation, food, support and other services (I, N, S) with trade and services.
# ---------------------------------------------------------------------------------------------------------

SURVEY_SECTORS: tuple[SurveySector, ...] = tuple(
    SurveySector(number, key, text(kk, ru, en), sections, respondents)
    for number, key, kk, ru, en, sections, respondents in (
        (1, "industry", "Өнеркәсіп және өңдеу өндірісі", "Промышленность и производство",
         "Industry and manufacturing", ("B", "C", "D", "E"), 56),
        (2, "agriculture", "Ауыл және орман шаруашылығы", "Сельское и лесное хозяйство",
         "Agriculture and forestry", ("A",), 16),
        (3, "education", "Білім және ғылым", "Образование и наука", "Education and science", ("P", "M"), 51),
        (4, "health", "Денсаулық сақтау және әлеуметтік қызметтер", "Здравоохранение и социальные услуги",
         "Health and social services", ("Q",), 42),
        (5, "it", "Ақпараттық технологиялар және байланыс", "Информационные технологии и связь",
         "Information technology and communications", ("J",), 37),
        (6, "construction", "Құрылыс және жылжымайтын мүлік", "Строительство и недвижимость",
         "Construction and real estate", ("F", "L"), 9),
        (7, "transport", "Көлік және логистика", "Транспорт и логистика", "Transport and logistics", ("H",), 42),
        (8, "trade", "Сауда және қызмет көрсету", "Торговля и услуги", "Trade and services",
         ("G", "I", "N", "S"), 25),
        (9, "public_administration", "Мемлекеттік басқару және қорғаныс", "Государственное управление и оборона",
         "Public administration and defence", ("O",), 13),
        (10, "finance", "Қаржы және сақтандыру", "Финансы и страхование", "Finance and insurance", ("K",), 25),
        (11, "other", "Басқа", "Другое", "Other", ("R", "T", "U"), 30),
    )
)

# ---------------------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------------------

#: Government day transfers decreed after the installed ``holidays`` release knew them. Add a decree's
#: days here (with its adilet reference) when the package lags; days already listed by the package are fine.
EXTRA_DAYS_OFF: tuple[date, ...] = ()
EXTRA_WORKING_DAYS: tuple[date, ...] = ()


def build_calendar(rules: RuleSet) -> WorkingCalendar:
    """Kazakhstan's working calendar: Saturday and Sunday off, public holidays and decreed transfers."""
    moves = rules.rule("calendar_deadline_moves_to_next_working_day", date.today()).value
    return WorkingCalendar(
        "KZ",
        weekend=(5, 6),
        extra_days_off=EXTRA_DAYS_OFF,
        extra_working_days=EXTRA_WORKING_DAYS,
        calendar_deadline_moves_to_next_working_day=bool(moves),
    )


# ---------------------------------------------------------------------------------------------------------
# The pack
# ---------------------------------------------------------------------------------------------------------


def build_pack(overrides: Mapping[str, object] | None = None) -> JurisdictionPack:
    """Assemble Kazakhstan's pack, applying the installation's overrides of unverified rules."""
    rules = RULES.with_overrides(overrides) if overrides else RULES
    return JurisdictionPack(
        code=CODE,
        name=text("Қазақстан Республикасы", "Республика Казахстан", "Republic of Kazakhstan"),
        rules=rules,
        level_schemes=LEVEL_SCHEMES,
        sides=SIDES,
        roles=ROLES,
        organisation_kinds=ORGANISATION_KINDS,
        criteria=CRITERIA,
        no_criteria_messages=NO_CRITERIA_MESSAGES,
        regions=REGIONS,
        sectors=SECTORS,
        survey_sectors=SURVEY_SECTORS,
        calendar=build_calendar(rules),
        parity_rule_keys=PARITY_RULE_KEYS,
        regions_valid_from=REGIONS_VALID_FROM,
        clause_parameters=kz_agreements.CLAUSE_PARAMETERS,
        dispute_procedure=kz_disputes.PROCEDURE,
        principles=kz_principles.TAXONOMY,
        programmes=kz_programmes.PROGRAMMES,
        clause_corpus=ClauseCorpus(kz_clause_corpus.training_articles, kz_clause_corpus_heldout.held_out_articles),
    )

