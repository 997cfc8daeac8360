"""What the demonstration register contains, as plain data (names in kk/ru/en; people only by their role).

Real bodies are the ones the source documents name (domain brief §1.4, §1.6, §2.1, §4; seeds 002–004).
Everything below the republican level that the sources do not name is fictional and says so ("demo").
Dates are offsets in days from the day the demo is loaded, so that pending, done and overdue decisions
stay meaningful whenever the demo is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Organisations -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    key: str
    kind: str
    subkind: str
    kk: str
    ru: str
    en: str
    short: str = ""
    parent: str | None = None
    regions: tuple[str, ...] = ()  # KATO codes
    sectors: tuple[str, ...] = ()  # OKED sections
    reports: tuple[tuple[int, int, int | None], ...] = ()  # (days offset, members, employees in scope)
    # Date of state registration: invented, and given only for the fictional "(demo)" organisations; the
    # real bodies' dates are not stated here (none is confirmed), so theirs stay empty.
    registered_on: date | None = None


ORGANISATIONS: tuple[Org, ...] = (
    # State
    Org("government", "state_body", "government", "Қазақстан Республикасының Үкіметі",
        "Правительство Республики Казахстан", "Government of the Republic of Kazakhstan"),
    Org("ministry_labour", "state_body", "ministry",
        "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",
        "Министерство труда и социальной защиты населения Республики Казахстан",
        "Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan",
        short="МТСЗН", parent="government"),
    Org("ministry_industry", "state_body", "ministry",
        "Қазақстан Республикасы Өнеркәсіп және құрылыс министрлігі",
        "Министерство промышленности и строительства Республики Казахстан",
        "Ministry of Industry and Construction of the Republic of Kazakhstan", parent="government", sectors=("B", "C")),
    Org("akimat_east", "state_body", "akimat", "Шығыс Қазақстан облысының әкімдігі",
        "Акимат Восточно-Казахстанской области", "Akimat of East Kazakhstan Region", regions=("630000000",)),
    Org("akimat_almaty", "state_body", "akimat", "Алматы қаласының әкімдігі", "Акимат города Алматы",
        "Akimat of Almaty City", regions=("750000000",)),
    Org("akimat_mangystau", "state_body", "akimat", "Маңғыстау облысының әкімдігі", "Акимат Мангистауской области",
        "Akimat of Mangystau Region", regions=("470000000",)),
    # Employers
    Org("atameken", "employers_association", "republican_employers",
        "«Атамекен» Қазақстан Республикасының Ұлттық кәсіпкерлер палатасы",
        "Национальная палата предпринимателей Республики Казахстан «Атамекен»",
        "National Chamber of Entrepreneurs of the Republic of Kazakhstan \"Atameken\"", short="НПП «Атамекен»"),
    Org("paryz", "employers_association", "republican_employers",
        "«ПАРЫЗ» Ұлттық жұмыс берушілер конфедерациясы", "Национальная конфедерация работодателей «ПАРЫЗ»",
        "PARYZ — National Confederation of Employers", short="ПАРЫЗ"),
    Org("krrk", "employers_association", "republican_employers", "Қазақстан Республикасы Жұмыс берушілер конфедерациясы",
        "Конфедерация работодателей Республики Казахстан", "Confederation of Employers of the Republic of Kazakhstan",
        short="КРРК"),
    Org("agmp", "employers_association", "sectoral_employers",
        "Тау-кен өндіру және тау-кен металлургия кәсіпорындарының республикалық қауымдастығы",
        "Республиканская ассоциация горнодобывающих и горно-металлургических предприятий",
        "Republican Association of Mining and Metallurgical Enterprises", short="АГМП", sectors=("B", "C")),
    Org("chamber_east", "employers_association", "regional_employers",
        "Шығыс Қазақстан облысының кәсіпкерлер палатасы", "Палата предпринимателей Восточно-Казахстанской области",
        "Chamber of Entrepreneurs of East Kazakhstan Region", parent="atameken", regions=("630000000",)),
    Org("chamber_almaty", "employers_association", "regional_employers", "Алматы қаласының кәсіпкерлер палатасы",
        "Палата предпринимателей города Алматы", "Chamber of Entrepreneurs of Almaty City", parent="atameken",
        regions=("750000000",)),
    Org("chamber_mangystau", "employers_association", "regional_employers",
        "Маңғыстау облысының кәсіпкерлер палатасы", "Палата предпринимателей Мангистауской области",
        "Chamber of Entrepreneurs of Mangystau Region", parent="atameken", regions=("470000000",)),
    Org("employer_demo", "employer", "", "«Демо-Металл» ЖШС (демо)", "ТОО «Демо-Металл» (демо)",
        "Demo-Metall LLP (demo)", parent="agmp", regions=("630000000",), sectors=("C",),
        registered_on=date(2004, 9, 14)),
    # Workers: republican associations
    Org("fturk", "trade_union", "republican_union_association", "Қазақстан Республикасы Кәсіподақтар федерациясы",
        "Федерация профсоюзов Республики Казахстан", "Federation of Trade Unions of the Republic of Kazakhstan",
        short="ФПРК"),
    Org("labour_confederation", "trade_union", "republican_union_association", "Қазақстан еңбек конфедерациясы",
        "Конфедерация труда Казахстана", "Confederation of Labour of Kazakhstan", short="КТК"),
    Org("amanat", "trade_union", "republican_union_association", "«Аманат» кәсіподақтар бірлестігі",
        "Объединение профсоюзов «Аманат»", "Union \"Amanat\""),
    # Workers: hierarchy 1 (FTURK → sectoral union → local union → primary organisation), fictional below FTURK
    Org("union_mining", "trade_union", "sectoral_union", "Тау-кен металлургия саласы қызметкерлерінің кәсіподағы (демо)",
        "Профсоюз работников горно-металлургической отрасли (демо)", "Mining and Metallurgy Workers' Union (demo)",
        parent="fturk", sectors=("B", "C"), regions=("630000000", "470000000", "750000000"),
        reports=((-60, 41000, 160000),), registered_on=date(1998, 3, 2)),
    Org("union_mining_local", "trade_union", "local_union", "Өскемен металлургтерінің жергілікті кәсіподағы (демо)",
        "Местный профсоюз металлургов Усть-Каменогорска (демо)", "Ust-Kamenogorsk Metalworkers' Local Union (demo)",
        parent="union_mining", regions=("630000000",), reports=((-60, 5200, 9100),), registered_on=date(2001, 6, 19)),
    Org("primary_demo_metall", "trade_union", "primary_union", "«Демо-Металл» ЖШС бастауыш кәсіподақ ұйымы (демо)",
        "Первичная профсоюзная организация ТОО «Демо-Металл» (демо)",
        "Primary union organisation of Demo-Metall LLP (demo)", parent="union_mining_local", regions=("630000000",),
        reports=((-400, 1150, 1900), (-35, 1240, 1950)), registered_on=date(2005, 2, 11)),
    # Workers: hierarchy 2 (FTURK → territorial association → primary organisation)
    Org("union_center_east", "trade_union", "territorial_union_association",
        "Шығыс Қазақстан облысының кәсіподақтар орталығы", "Профсоюзный центр Восточно-Казахстанской области",
        "Trade-Union Center of East Kazakhstan Region", parent="fturk", regions=("630000000",)),
    Org("primary_east_hospital", "trade_union", "primary_union",
        "Облыстық демо-ауруханасының бастауыш кәсіподақ ұйымы (демо)",
        "Первичная профсоюзная организация областной демо-больницы (демо)",
        "Primary union organisation of the Regional Demo Hospital (demo)", parent="union_center_east",
        regions=("630000000",), sectors=("Q",), reports=((-35, 610, 880),), registered_on=date(2009, 11, 23)),
    # Workers: hierarchy 3 (FTURK → territorial association of Almaty), and Mangystau
    Org("union_center_almaty", "trade_union", "territorial_union_association", "Алматы қаласының кәсіподақтар орталығы",
        "Профсоюзный центр города Алматы", "Trade Union Center of Almaty", parent="fturk", regions=("750000000",)),
    Org("union_center_mangystau", "trade_union", "territorial_union_association",
        "Маңғыстау облысының кәсіподақтар бірлестігі (демо)", "Объединение профсоюзов Мангистауской области (демо)",
        "Mangystau Regional Union Association (demo)", parent="fturk", regions=("470000000",),
        registered_on=date(2016, 4, 27)),
)

# Commissions --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    side: str
    role: str
    person: str
    org: str
    position: str = ""


@dataclass(frozen=True)
class DecisionData:
    kk: str
    ru: str
    en: str
    side: str
    due: int  # days from the load day
    done: int | None = None
    note: str = ""
    item: int | None = None  # agenda item number


@dataclass(frozen=True)
class MeetingData:
    day: int
    place: str
    held: bool
    agenda: tuple[tuple[str, str, str], ...]
    minutes: str = ""
    decisions: tuple[DecisionData, ...] = ()


@dataclass(frozen=True)
class CommissionData:
    key: str
    level: str
    kk: str
    ru: str
    en: str
    secretariat: str
    seats: tuple[Seat, ...]
    region: str | None = None
    sector: str | None = None
    established: str | None = None  # ISO date
    meetings: tuple[MeetingData, ...] = field(default_factory=tuple)


COMMISSIONS: tuple[CommissionData, ...] = (
    CommissionData(
        "rtc", "republican",
        "Әлеуметтік әріптестік және әлеуметтік-еңбек қатынастарын реттеу жөніндегі республикалық үшжақты комиссия",
        "Республиканская трехсторонняя комиссия по социальному партнерству и регулированию социальных и трудовых "
        "отношений",
        "Republican Tripartite Commission on Social Partnership and Regulation of Social and Labour Relations",
        "ministry_labour",
        seats=(
            Seat("state", "chair", "Deputy Prime Minister (chair)", "government", "Deputy Prime Minister of the RK"),
            Seat("state", "member", "Minister of Labour and Social Protection of the Population", "ministry_labour"),
            Seat("state", "member", "Vice Minister of Labour and Social Protection (demo)", "ministry_labour"),
            Seat("employers", "co_chair", "Chair of the Board of NCE \"Atameken\" (co-chair)", "atameken"),
            Seat("employers", "member", "Representative of PARYZ (demo)", "paryz"),
            Seat("employers", "member", "Representative of KRRK (demo)", "krrk"),
            Seat("workers", "co_chair", "Chair of FTURK (co-chair)", "fturk"),
            Seat("workers", "member", "Representative of the Confederation of Labour (demo)", "labour_confederation"),
            Seat("workers", "member", "Representative of Union \"Amanat\" (demo)", "amanat"),
            Seat("state", "secretary", "Head of the social partnership department (secretary, demo)", "ministry_labour"),
        ),
        meetings=(
            MeetingData(
                -150, "Astana, Government House", True,
                agenda=(
                    ("Еңбек қақтығыстарының мониторингі нәтижелері туралы",
                     "О результатах мониторинга трудовых конфликтов",
                     "Results of the monitoring of labour conflicts"),
                    ("Бас келісімнің орындалу барысы туралы", "О ходе исполнения Генерального соглашения",
                     "Progress in carrying out the General Agreement"),
                ),
                minutes="Demonstration minutes: the sides heard the Ministry's monitoring report and agreed the "
                        "decisions listed below.",
                decisions=(
                    DecisionData("Еңбек қақтығыстарының картасын тоқсан сайын жаңарту.",
                                 "Ежеквартально обновлять карту трудовых конфликтов.",
                                 "Update the map of labour conflicts every quarter.", "state", -100, -105,
                                 "Published on the Ministry's site (demo).", item=1),
                    DecisionData("Бас келісімнің орындалуы туралы баяндама дайындау.",
                                 "Подготовить доклад об исполнении Генерального соглашения.",
                                 "Prepare a report on carrying out the General Agreement.", "workers", -60, -45,
                                 "Submitted two weeks late (demo).", item=2),
                    DecisionData("Делдалдық бойынша оқыту семинарларын өткізу.",
                                 "Провести обучающие семинары по медиации.",
                                 "Hold training seminars on mediation.", "employers", -20, item=1),
                ),
            ),
            MeetingData(
                -30, "Astana, Ministry of Labour", True,
                agenda=(("Ең төменгі жалақы туралы ұсыныстар", "О предложениях по минимальной заработной плате",
                         "Proposals on the minimum wage"),),
                decisions=(
                    DecisionData("Медианалық жалақы бойынша есептеулерді ұсыну.",
                                 "Представить расчеты по медианной заработной плате.",
                                 "Present calculations based on the median wage.", "state", 60, item=1),
                ),
            ),
            MeetingData(45, "Astana", False, agenda=(("Жылдың қорытындылары", "Итоги года", "Results of the year"),)),
        ),
    ),
    CommissionData(
        "mining", "sectoral",
        "Тау-кен металлургия кешеніндегі әлеуметтік әріптестік жөніндегі салалық комиссия (демо)",
        "Отраслевая комиссия по социальному партнерству в горно-металлургическом комплексе (демо)",
        "Sectoral Commission on Social Partnership in Mining and Metallurgy (demo)",
        "ministry_industry", sector="B",
        seats=(
            Seat("state", "chair", "Vice Minister of Industry and Construction (chair, demo)", "ministry_industry"),
            Seat("state", "member", "Representative of the Ministry of Labour (demo)", "ministry_labour"),
            Seat("employers", "co_chair", "Executive director of AGMP (co-chair, demo)", "agmp"),
            Seat("employers", "member", "Representative of Demo-Metall LLP (demo)", "employer_demo"),
            Seat("workers", "co_chair", "Chair of the sectoral union (co-chair, demo)", "union_mining"),
            Seat("workers", "member", "Chair of the primary organisation (demo)", "primary_demo_metall"),
        ),
        meetings=(
            MeetingData(
                -90, "Ust-Kamenogorsk", True,
                agenda=(("Еңбекті қорғау", "Охрана труда", "Occupational safety"),),
                decisions=(
                    DecisionData("Еңбекті қорғау жөніндегі бірлескен тексеру жүргізу.",
                                 "Провести совместную проверку по охране труда.",
                                 "Carry out a joint occupational safety inspection.", "employers", -40, -50, item=1),
                    DecisionData("Салалық келісімнің жобасын дайындау.", "Подготовить проект отраслевого соглашения.",
                                 "Draft the sectoral agreement.", "workers", 30, item=1),
                ),
            ),
        ),
    ),
    CommissionData(
        "east", "regional_oblast",
        "Шығыс Қазақстан облысының әлеуметтік әріптестік жөніндегі өңірлік үшжақты комиссиясы",
        "Областная трехсторонняя комиссия по социальному партнерству Восточно-Казахстанской области",
        "East Kazakhstan Regional Tripartite Commission on Social Partnership",
        "akimat_east", region="630000000",
        seats=(
            Seat("state", "chair", "Deputy akim of the region (chair)", "akimat_east"),
            Seat("state", "member", "Head of the regional employment department (demo)", "akimat_east"),
            Seat("employers", "co_chair", "Director of the regional Chamber of Entrepreneurs (co-chair)", "chamber_east"),
            Seat("employers", "member", "Representative of employers (demo)", "employer_demo"),
            Seat("workers", "co_chair", "Chair of the Trade-Union Center (co-chair)", "union_center_east"),
            Seat("workers", "member", "Representative of a primary union organisation (demo)", "primary_east_hospital"),
        ),
        meetings=(
            MeetingData(
                -75, "Ust-Kamenogorsk, akimat", True,
                agenda=(("Өңірлік келісімнің орындалуы", "Исполнение регионального соглашения",
                         "Carrying out the regional agreement"),),
                decisions=(
                    DecisionData("Келіспеушіліктер хаттамасын қарау.", "Рассмотреть протокол разногласий.",
                                 "Review the protocol of disagreements.", "state", -15, -16, item=1),
                ),
            ),
        ),
    ),
    CommissionData(
        "almaty", "regional_oblast",
        "Алматы қаласының әлеуметтік әріптестік жөніндегі үшжақты комиссиясы",
        "Трехсторонняя комиссия по социальному партнерству города Алматы",
        "Almaty City Tripartite Commission on Social Partnership",
        "akimat_almaty", region="750000000",
        # Deliberately out of parity (two state members, one employers' member) to show the warning.
        seats=(
            Seat("state", "chair", "Deputy akim of the city (chair)", "akimat_almaty"),
            Seat("state", "member", "Head of the city employment department (demo)", "akimat_almaty"),
            Seat("employers", "co_chair", "Director of the city Chamber of Entrepreneurs (co-chair)", "chamber_almaty"),
            Seat("workers", "co_chair", "Chair of the Trade Union Center of Almaty (co-chair)", "union_center_almaty"),
            Seat("workers", "member", "Representative of a city union (demo)", "union_center_almaty"),
        ),
        meetings=(
            MeetingData(
                -40, "Almaty, akimat", True,
                agenda=(("Жалақы бойынша берешек", "Задолженность по заработной плате", "Wage arrears"),),
                decisions=(
                    DecisionData("Жалақы бойынша берешегі бар кәсіпорындардың тізімін жариялау.",
                                 "Опубликовать перечень предприятий с задолженностью по зарплате.",
                                 "Publish the list of enterprises with wage arrears.", "state", 20, item=1),
                ),
            ),
        ),
    ),
    CommissionData(
        "mangystau", "regional_oblast",
        "Маңғыстау облысының әлеуметтік әріптестік жөніндегі өңірлік үшжақты комиссиясы",
        "Областная трехсторонняя комиссия по социальному партнерству Мангистауской области",
        "Mangystau Regional Tripartite Commission on Social Partnership",
        "akimat_mangystau", region="470000000",
        seats=(
            Seat("state", "chair", "Deputy akim of the region (chair)", "akimat_mangystau"),
            Seat("employers", "co_chair", "Director of the regional Chamber of Entrepreneurs (co-chair)",
                 "chamber_mangystau"),
            Seat("workers", "co_chair", "Chair of the regional union association (co-chair, demo)",
                 "union_center_mangystau"),
        ),
        meetings=(
            MeetingData(
                -200, "Aktau", True,
                agenda=(("Еңбек қақтығыстарының алдын алу", "Профилактика трудовых конфликтов",
                         "Preventing labour conflicts"),),
                minutes="Demonstration minutes: the commission met the heads of enterprises in conflict.",
                decisions=(
                    DecisionData("Жанжалды кәсіпорындарда келіссөз алаңдарын құру.",
                                 "Создать переговорные площадки на предприятиях с конфликтами.",
                                 "Set up negotiation platforms at enterprises in conflict.", "employers", -170, -172,
                                 item=1),
                ),
            ),
            MeetingData(20, "Aktau", False, agenda=(("Ағымдағы мәселелер", "Текущие вопросы", "Current matters"),)),
        ),
    ),
    CommissionData(
        "demo_metall", "organisation",
        "«Демо-Металл» ЖШС ұжымдық келіссөздер жөніндегі тепе-тең комиссиясы (демо)",
        "Паритетная комиссия по коллективным переговорам ТОО «Демо-Металл» (демо)",
        "Collective bargaining parity commission of Demo-Metall LLP (demo)",
        "employer_demo",
        seats=(
            Seat("employers", "co_chair", "Director of human resources (co-chair, demo)", "employer_demo"),
            Seat("employers", "member", "Chief engineer (demo)", "employer_demo"),
            Seat("workers", "co_chair", "Chair of the primary organisation (co-chair, demo)", "primary_demo_metall"),
            Seat("workers", "member", "Shop steward (demo)", "primary_demo_metall"),
        ),
    ),
)

# Accounts -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    role: str
    scope_org: str | None  # key of the organisation the role is scoped to; None = whole platform
    description: str


ACCOUNTS: tuple[Account, ...] = (
    Account("admin", None, "Platform administrator: everything, including /admin/"),
    Account("secretary", "ministry_labour", "Commission secretary of the Ministry of Labour: creates and runs its commissions"),
    Account("editor", "fturk", "Organisation editor of FTURK and the unions below it"),
    Account("conciliator", None, "Conciliator, mediator or arbitrator: reads the registers"),
    Account("analyst", None, "Analyst: reads everything, including unpublished records and history"),
)


def password_for(role: str) -> str:
    return f"demo-{role}-2026"
