"""Kazakhstan: the eleven principles of the Labour Code, their crosswalk to ILO conventions and SDG targets.

The list and its order follow Table 2 of the research paper (seed 000). The table gives no article numbers: the
Code's Art. 4 is titled "Principles of the labour legislation of the Republic of Kazakhstan" and Arts. 5–7 "Freedom
of labour", "Prohibition of discrimination in the sphere of labour" and "Prohibition of forced labour" (the Code's
table of contents, SRC_CODE_CONTENTS below); that Art. 4 lists each principle as the numbered item cited here is
background, not read in the text, so every principle's article is ``verified=False``.

Ratifications: CONFIRMED only where the domain brief (``shared/domain/kz-labour-law.md``) or a seed states them
with a source (C087, C098, C131); the others are unverified — the fundamental conventions as background
("ratified", verify on NORMLEX), the rest unknown.
"""

from __future__ import annotations

from datetime import date

from .kz_acts import LABOUR_CODE, LABOUR_CODE_URL
from .principles import Convention, Principle, PrincipleTaxonomy, Ratification, RatificationStatus, SdgTarget
from .texts import LegalSource, text

SRC_CODE_CONTENTS = "https://online.zakon.kz/Document/?doc_id=38910832"
SRC_LABOUR_RIGHTS_INDEX = "https://clr.org.pk/?p=24452"
SRC_C131_LAW = "http://insecure.zan.kz/kaz/docs/Z2500000224/compare"
SRC_NORMLEX = "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:103542"


def _article_source(item: int) -> LegalSource:
    return LegalSource(
        LABOUR_CODE, f"4({item})", LABOUR_CODE_URL,
        f"UNCONFIRMED: Art. 4 is titled \"Principles of the labour legislation\" (table of contents: "
        f"{SRC_CODE_CONTENTS}); that it states this principle as item {item} is background, verify against "
        f"K1500000414. Principle listed in Table 2 of the research paper (seed 000).",
    )


PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        "P01", 1,
        text("Адам мен азаматтың еңбек саласындағы құқықтарын шектеуге жол бермеу",
             "Недопустимость ограничения прав человека и гражданина в сфере труда",
             "No restriction of a person's rights in the sphere of labour"),
        text("Ешкімнің еңбек құқықтары әділетсіз шектелмейді; заң қызметкерді құқықтарын бұзудан қорғайды.",
             "Никто не может быть несправедливо ограничен в трудовых правах; закон защищает работника от их "
             "нарушения.",
             "No one's labour rights may be unfairly restricted; the law protects workers against their violation."),
        "4(1)", _article_source(1), False,
        conventions=("C111",), sdg_targets=("8.8",), clause_topics=(),
    ),
    Principle(
        "P02", 2,
        text("Еңбек бостандығы", "Свобода труда", "Freedom of labour"),
        text("Әркім жұмыс берушіні, кәсіпті және жұмыс орнын еркін таңдайды, заңсыз тапсырмадан бас тарта алады.",
             "Каждый свободно выбирает работодателя, профессию и место работы и может отказаться от незаконного "
             "поручения.",
             "Everyone freely chooses an employer, an occupation and a workplace, and may refuse unlawful tasks."),
        "4(2)", _article_source(2), False, related_articles=("5",),
        conventions=("C029", "C105"), sdg_targets=("8.5", "8.7"), clause_topics=("employment",),
    ),
    Principle(
        "P03", 3,
        text("Кемсітушілікке, мәжбүрлі еңбекке және балалар еңбегінің ең нашар нысандарына тыйым салу",
             "Запрещение дискриминации, принудительного труда и наихудших форм детского труда",
             "Prohibition of discrimination, forced labour and the worst forms of child labour"),
        text("Қызметкерлерге тең қарау; мәжбүрлі еңбек пен балалар еңбегінің ең нашар нысандарына жол берілмейді.",
             "Равное отношение ко всем работникам; принудительный труд и наихудшие формы детского труда "
             "запрещены.",
             "Equal treatment of all workers; forced labour and the worst forms of child labour are forbidden."),
        "4(3)", _article_source(3), False, related_articles=("6", "7"),
        conventions=("C029", "C105", "C100", "C111", "C138", "C182"), sdg_targets=("8.5", "8.7"),
    ),
    Principle(
        "P04", 4,
        text("Қауіпсіздік және гигиена талаптарына сай еңбек жағдайларына құқықты қамтамасыз ету",
             "Обеспечение права на условия труда, отвечающие требованиям безопасности и гигиены",
             "Right to working conditions that meet safety and hygiene requirements"),
        text("Мемлекет пен жұмыс берушілер кәсіптік аурулар мен жарақаттарды азайту үшін қауіпсіз жұмыс орындарын "
             "жасайды.",
             "Государство и работодатели создают безопасные рабочие места, чтобы сократить профессиональные "
             "заболевания и травмы.",
             "The state and employers provide safe and healthy workplaces, to reduce occupational disease and injury."),
        "4(4)", _article_source(4), False,
        conventions=("C155", "C187", "C190"), sdg_targets=("8.8",), clause_topics=("safety",),
    ),
    Principle(
        "P05", 5,
        text("Қызметкердің өмірі мен денсаулығының басымдығы", "Приоритет жизни и здоровья работника",
             "Priority of the worker's life and health"),
        text("Қаржылық мүдде қызметкердің өмірі мен денсаулығынан жоғары тұрмайды.",
             "Финансовые соображения не ставятся выше жизни и здоровья работника.",
             "Financial considerations never come before a worker's life and health."),
        "4(5)", _article_source(5), False,
        conventions=("C155", "C187"), sdg_targets=("8.8",), clause_topics=("safety",),
    ),
    Principle(
        "P06", 6,
        text("Еңбекке ең төмен жалақы мөлшерінен кем емес сыйақы алу құқығын қамтамасыз ету",
             "Обеспечение права на вознаграждение за труд не ниже минимального размера заработной платы",
             "Pay for work no lower than the minimum wage"),
        text("Әр қызметкер мемлекет белгілеген ең төменгі жалақыдан кем емес ақы алады.",
             "Каждый работник получает оплату не ниже установленной государством минимальной заработной платы.",
             "Every worker is paid at least the minimum wage set by the state."),
        "4(6)", _article_source(6), False,
        conventions=("C131", "C100"), sdg_targets=("8.5",), clause_topics=("pay",),
        indicators=("mw_median_ratio", "mw_average_ratio"),
    ),
    Principle(
        "P07", 7,
        text("Демалыс құқығын қамтамасыз ету", "Обеспечение права на отдых", "Right to rest"),
        text("Жыл сайынғы ақылы еңбек демалысы, жұмыс күні ішіндегі үзілістер мен демалыс күндері.",
             "Ежегодный оплачиваемый отпуск, перерывы в течение рабочего дня и выходные дни.",
             "Paid annual leave, breaks during the working day and days off."),
        "4(7)", _article_source(7), False,
        conventions=("C132",), sdg_targets=("8.8",), clause_topics=("working_time", "rest_leave"),
    ),
    Principle(
        "P08", 8,
        text("Қызметкерлердің құқықтары мен мүмкіндіктерінің теңдігі", "Равенство прав и возможностей работников",
             "Equal rights and opportunities of workers"),
        text("Жынысына, жасына, ұлтына қарамастан барлық қызметкердің құқықтары мен мүмкіндіктері бірдей.",
             "Все работники имеют равные права и возможности независимо от пола, возраста и национальности.",
             "All workers have the same rights and chances, whatever their gender, age or nationality."),
        "4(8)", _article_source(8), False,
        conventions=("C100", "C111", "C190"), sdg_targets=("8.5", "8.8"), clause_topics=("employment",),
    ),
    Principle(
        "P09", 9,
        text("Қызметкерлер мен жұмыс берушілердің өз құқықтары мен мүдделерін қорғау үшін бірлесу құқығын "
             "қамтамасыз ету",
             "Обеспечение права работников и работодателей на объединение для защиты своих прав и интересов",
             "Right of workers and employers to organise to defend their rights and interests"),
        text("Кәсіптік одақтар мен жұмыс берушілер бірлестіктерін құру және оларға кіру құқығы.",
             "Право создавать профессиональные союзы и объединения работодателей и вступать в них.",
             "The right to form and join trade unions and employers' associations."),
        "4(9)", _article_source(9), False,
        conventions=("C087", "C098"), sdg_targets=("8.8",), clause_topics=("union_rights",),
        indicators=("union_density", "cb_coverage"),
    ),
    Principle(
        "P10", 10,
        text("Әлеуметтік әріптестікті нығайту мен дамытуға мемлекеттің жәрдемдесуі",
             "Государственное содействие укреплению и развитию социального партнерства",
             "State support for strengthening and developing social partnership"),
        text("Мемлекет қызметкерлер, жұмыс берушілер және мемлекеттік органдар арасындағы диалог пен "
             "ынтымақтастыққа жәрдемдеседі.",
             "Государство содействует диалогу и сотрудничеству работников, работодателей и государственных "
             "органов.",
             "The state fosters dialogue and cooperation between workers, employers and state bodies."),
        "4(10)", _article_source(10), False,
        conventions=("C098", "C144", "C154"), sdg_targets=("8.8",), clause_topics=("disputes",),
        indicators=("cb_coverage", "commission_meetings_per_year", "commission_decisions_on_time",
                    "disputes_settled_peacefully"),
    ),
    Principle(
        "P11", 11,
        text("Еңбек қауіпсіздігі және еңбекті қорғау мәселелерін мемлекеттік реттеу",
             "Государственное регулирование вопросов безопасности и охраны труда",
             "State regulation and oversight of occupational safety and health"),
        text("Мемлекет еңбек қауіпсіздігі мен еңбекті қорғауды реттейді және еңбек инспекциясы арқылы "
             "қадағалайды.",
             "Государство регулирует безопасность и охрану труда и контролирует их через инспекцию труда.",
             "The state regulates occupational safety and health and oversees it through labour inspection."),
        "4(11)", _article_source(11), False,
        conventions=("C081", "C129", "C155", "C187"), sdg_targets=("8.8",), clause_topics=("safety",),
    ),
)

_BACKGROUND = ("UNCONFIRMED (background, verify on NORMLEX): Kazakhstan is understood to have ratified all the "
               "fundamental conventions of 1930–1999; no retrieved source states it or its date.")
_UNKNOWN = "UNCONFIRMED: no retrieved source states whether Kazakhstan ratified it; check NORMLEX before showing it."


def _background() -> Ratification:
    return Ratification(RatificationStatus.RATIFIED, False, LegalSource("ILO NORMLEX", None, SRC_NORMLEX,
                                                                        _BACKGROUND))


def _unknown() -> Ratification:
    return Ratification(RatificationStatus.UNKNOWN, False, LegalSource("ILO NORMLEX", None, SRC_NORMLEX, _UNKNOWN))


_LABOUR_RIGHTS_INDEX = LegalSource(
    "Labour Rights Index 2024: Kazakhstan", None, SRC_LABOUR_RIGHTS_INDEX,
    "CONFIRMED as cited in the domain brief (kz-labour-law.md, 5.4); the year only: the exact date of ratification "
    "is UNCONFIRMED (check NORMLEX).",
)

CONVENTIONS: tuple[Convention, ...] = (
    Convention("C029", 29, text("Мәжбүрлі немесе міндетті еңбек туралы конвенция, 1930",
                                "Конвенция о принудительном или обязательном труде, 1930",
                                "Forced Labour Convention, 1930"), _background()),
    Convention("C081", 81, text("Өнеркәсіп пен саудадағы еңбек инспекциясы туралы конвенция, 1947",
                                "Конвенция об инспекции труда в промышленности и торговле, 1947",
                                "Labour Inspection Convention, 1947"), _unknown()),
    Convention("C087", 87, text("Қауымдастық бостандығы және ұйымдасу құқығын қорғау туралы конвенция, 1948",
                                "Конвенция о свободе ассоциации и защите права на организацию, 1948",
                                "Freedom of Association and Protection of the Right to Organise Convention, 1948"),
               Ratification(RatificationStatus.RATIFIED, True, LegalSource(
                   "Labour Rights Index 2024: Kazakhstan", None, SRC_LABOUR_RIGHTS_INDEX,
                   "CONFIRMED: ratification stated at the ILO round table of January 2026 (seed 003) and, with the "
                   "year 2000, in the domain brief (kz-labour-law.md, 5.4); the exact date is UNCONFIRMED."),
                   year=2000)),
    Convention("C098", 98, text("Ұйымдасу және ұжымдық келіссөздер жүргізу құқығы туралы конвенция, 1949",
                                "Конвенция о праве на организацию и на ведение коллективных переговоров, 1949",
                                "Right to Organise and Collective Bargaining Convention, 1949"),
               Ratification(RatificationStatus.RATIFIED, True, _LABOUR_RIGHTS_INDEX, year=2001)),
    Convention("C100", 100, text("Тең сыйақы туралы конвенция, 1951", "Конвенция о равном вознаграждении, 1951",
                                 "Equal Remuneration Convention, 1951"), _background()),
    Convention("C105", 105, text("Мәжбүрлі еңбекті жою туралы конвенция, 1957",
                                 "Конвенция об упразднении принудительного труда, 1957",
                                 "Abolition of Forced Labour Convention, 1957"), _background()),
    Convention("C111", 111, text("Еңбек және кәсіп саласындағы кемсітушілік туралы конвенция, 1958",
                                 "Конвенция о дискриминации в области труда и занятий, 1958",
                                 "Discrimination (Employment and Occupation) Convention, 1958"), _background()),
    Convention("C129", 129, text("Ауыл шаруашылығындағы еңбек инспекциясы туралы конвенция, 1969",
                                 "Конвенция об инспекции труда в сельском хозяйстве, 1969",
                                 "Labour Inspection (Agriculture) Convention, 1969"), _unknown()),
    Convention("C131", 131, text("Ең төменгі жалақыны белгілеу туралы конвенция, 1970",
                                 "Конвенция об установлении минимальной заработной платы, 1970",
                                 "Minimum Wage Fixing Convention, 1970"),
               Ratification(RatificationStatus.RATIFIED, True, LegalSource(
                   text("Қазақстан Республикасының 2025 жылғы 20 қазандағы № 224-VIII Заңы",
                        "Закон Республики Казахстан от 20 октября 2025 года № 224-VIII",
                        "Law of the Republic of Kazakhstan of 20 Oct 2025 No. 224-VIII"), None, SRC_C131_LAW,
                   "CONFIRMED (kz-labour-law.md, 5.4; seed 003): ratified by this law; the date of registration "
                   "with the ILO is UNCONFIRMED."),
                   on=date(2025, 10, 20), year=2025,
                   act=text("2025 жылғы 20 қазандағы № 224-VIII Заң", "Закон от 20.10.2025 № 224-VIII",
                            "Law No. 224-VIII of 20 Oct 2025"))),
    Convention("C132", 132, text("Ақылы демалыстар туралы конвенция (қайта қаралған), 1970",
                                 "Конвенция об оплачиваемых отпусках (пересмотренная), 1970",
                                 "Holidays with Pay Convention (Revised), 1970"), _unknown()),
    Convention("C138", 138, text("Жұмысқа қабылдаудың ең төменгі жасы туралы конвенция, 1973",
                                 "Конвенция о минимальном возрасте для приема на работу, 1973",
                                 "Minimum Age Convention, 1973"), _background()),
    Convention("C144", 144, text("Халықаралық еңбек нормалары жөніндегі үшжақты консультациялар туралы "
                                 "конвенция, 1976",
                                 "Конвенция о трехсторонних консультациях (международные трудовые нормы), 1976",
                                 "Tripartite Consultation (International Labour Standards) Convention, 1976"),
               _unknown()),
    Convention("C154", 154, text("Ұжымдық келіссөздерге жәрдемдесу туралы конвенция, 1981",
                                 "Конвенция о содействии коллективным переговорам, 1981",
                                 "Collective Bargaining Convention, 1981"), _unknown()),
    Convention("C155", 155, text("Еңбек қауіпсіздігі мен гигиенасы және өндірістік орта туралы конвенция, 1981",
                                 "Конвенция о безопасности и гигиене труда и производственной среде, 1981",
                                 "Occupational Safety and Health Convention, 1981"), _unknown()),
    Convention("C182", 182, text("Балалар еңбегінің ең нашар нысандары туралы конвенция, 1999",
                                 "Конвенция о наихудших формах детского труда, 1999",
                                 "Worst Forms of Child Labour Convention, 1999"), _background()),
    Convention("C187", 187, text("Еңбек қауіпсіздігі мен гигиенасына жәрдемдесетін негіздер туралы конвенция, "
                                 "2006",
                                 "Конвенция об основах, содействующих безопасности и гигиене труда, 2006",
                                 "Promotional Framework for Occupational Safety and Health Convention, 2006"),
               _unknown()),
    Convention("C190", 190, text("Еңбек саласындағы зорлық-зомбылық пен қудалау туралы конвенция, 2019",
                                 "Конвенция о насилии и домогательствах в сфере труда, 2019",
                                 "Violence and Harassment Convention, 2019"), _unknown()),
)

SDG_TARGETS: tuple[SdgTarget, ...] = (
    SdgTarget("8.5", text("Барлығына толық әрі өнімді жұмыспен қамту, лайықты жұмыс және тең құнды еңбекке тең ақы",
                          "Полная и производительная занятость, достойная работа для всех и равная оплата за труд "
                          "равной ценности",
                          "Full and productive employment, decent work for all and equal pay for work of equal value")),
    SdgTarget("8.7", text("Мәжбүрлі еңбекті, қазіргі құлдықты, адам саудасын және балалар еңбегін жою",
                          "Искоренение принудительного труда, современного рабства, торговли людьми и детского труда",
                          "End forced labour, modern slavery, human trafficking and child labour")),
    SdgTarget("8.8", text("Еңбек құқықтарын қорғау және барлық қызметкерге қауіпсіз еңбек жағдайлары",
                          "Защита трудовых прав и безопасные условия труда для всех работников",
                          "Protect labour rights and safe and secure working environments for all workers")),
)

TAXONOMY = PrincipleTaxonomy(PRINCIPLES, CONVENTIONS, SDG_TARGETS)
