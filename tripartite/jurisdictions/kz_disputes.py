"""Kazakhstan: the collective labour dispute procedure as data (issue 6).

Facts from ``shared/domain/kz-labour-law.md`` §3. Rules defined here are added to ``kz.RULES``; the procedure
goes to ``JurisdictionPack.dispute_procedure``. The statutory periods themselves (employer's reply,
conciliation commission, labour arbitration, strike notice) are rules of ``kz.RULES``; this module says which
step starts each of them, what meets it, and who must act.

What is not confirmed (kept ``verified=False`` and shown as such): the mediation stage's place in the sequence,
moves to court, the full list of life-support organisations in Art. 176, and whether a collective agreement may
change each period (we let it shorten a confirmed statutory period and set an unconfirmed one; verify).
"""

from __future__ import annotations

from .disputes import (
    DeadlineKind,
    DeadlineSpec,
    DisputeProcedure,
    DocumentRequirement,
    Override,
    Party,
    Stage,
    Step,
    Transition,
    UnlawfulStrikeGround,
)
from .kz_acts import LABOUR_CODE, LABOUR_CODE_URL, LAW_199
from .rules import Rule, Unit
from .texts import LegalSource, Text, text

SRC_DISPUTE_ARISES = LegalSource(LABOUR_CODE, None, "https://horizon-university.kz/?p=5390",
                                 "The dispute arises on the day the employer is notified in writing of the demands.")
SRC_REPLY = LegalSource(LABOUR_CODE, "163(2)", "https://mgorod.kz/news/prokuror-zko-obratilsya-k-zhitelyam-oblasti")
SRC_INSPECTORATE = LegalSource(
    LAW_199, None, "https://valuta24.kz/buhkz/5515-vneseni-izmeneniya-v-tk-rk-po-razresheniyu-trudovix-sporov-i-konfliktov.html",
    "Immediately (before 2023: within 5 days), then weekly reports until the dispute is resolved. Effective "
    "date of the 2023 amendment not confirmed.",
)
SRC_DEMANDS_MEETING = LegalSource(
    LABOUR_CODE, "164", "https://almatanews.kz/182396-izmenenija-v-tk-rk-vlijanie-na-profsojuzy-i-dogovory",
    "Demands are adopted at a meeting or conference of employees; the current quorum is UNCONFIRMED.",
)
SRC_CONCILIATION = LegalSource(LABOUR_CODE, "165", "https://mgorod.kz/news/prokuror-zko-obratilsya-k-zhitelyam-oblasti",
                               "Created by joint decision of the parties on a parity basis.")
SRC_MEDIATION = LegalSource(
    LABOUR_CODE, None, "https://kasipodaq.kz/2022/11/14/fturk-educational-marathon-to-professional-dispute-resolution/",
    "Parties may engage mediators not affiliated with them, with their written consent. Article and place in "
    "the sequence UNCONFIRMED.",
)
SRC_ARBITRATION = LegalSource(
    LABOUR_CODE, "166", "https://cis-legislation.com/document.fwx?rgn=82433",
    "Temporary body created by the parties when the conciliation commission reaches no agreement; Standard "
    "Regulations on labour arbitration (Order No. 1018 of 25 Dec 2015).",
)
SRC_STRIKE_GROUNDS = LegalSource(
    LABOUR_CODE, None, "https://clr.org.pk/?p=24452",
    "A strike may be decided when conciliation procedures did not resolve the dispute, the employer evades "
    "them, or fails to perform agreements reached (strike chapter, Arts. ~171–178).",
)
SRC_STRIKE_DECISION = LegalSource(
    LAW_199, None,
    "https://informburo.kz/amp/novosti/zakon-razresayushhii-rabotnikam-ustraivat-casovye-zabastovki-napravili-na-podpis-tokaevu",
    "Decided by a meeting or conference of employees by simple majority since 2023.",
)
SRC_ART_176 = LegalSource(LABOUR_CODE, "176", "https://pavlodar.com/zakon/?dok=05995&noraz=176&oraz=08")
SRC_COURT = LegalSource(LABOUR_CODE, None, LABOUR_CODE_URL,
                        "UNCONFIRMED: recourse to court in a collective dispute (background, verify).")
SRC_WITHDRAWAL = LegalSource(LABOUR_CODE, None, LABOUR_CODE_URL,
                             "UNCONFIRMED: withdrawal of demands by the employees (background, verify).")

# ---------------------------------------------------------------------------------------------------------
# Rules this procedure adds to the pack
# ---------------------------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    # "Immediately" is a period of 0 days: due on the day the dispute arises, whatever day it is.
    Rule("inspectorate_notification", 0, Unit.CALENDAR_DAYS, None, None, SRC_INSPECTORATE, True,
         text("Жұмыс беруші ұжымдық еңбек дауы туралы еңбек инспекциясына дереу хабарлайды.",
              "Работодатель немедленно уведомляет инспекцию труда о коллективном трудовом споре.",
              "The employer notifies the labour inspectorate of the collective dispute immediately.")),
    Rule("inspectorate_weekly_report", 7, Unit.CALENDAR_DAYS, None, None, SRC_INSPECTORATE, True,
         text("Жұмыс беруші дау шешілгенге дейін еңбек инспекциясына апта сайын хабарлайды.",
              "Работодатель еженедельно информирует инспекцию труда до разрешения спора.",
              "The employer reports to the labour inspectorate every week until the dispute is resolved.")),
)

# ---------------------------------------------------------------------------------------------------------
# Deadlines started by each step
# ---------------------------------------------------------------------------------------------------------

REPLY = DeadlineSpec(
    "employer_reply_to_demands",
    text("Жұмыс берушінің жазбаша жауабы", "Письменный ответ работодателя", "Employer's written reply"),
    Party.EMPLOYER, met_by=("employer_replied",),
)
NOTIFY = DeadlineSpec(
    "inspectorate_notification",
    text("Еңбек инспекциясын хабардар ету", "Уведомление инспекции труда", "Notification of the labour inspectorate"),
    Party.EMPLOYER, met_by=("inspectorate_notified",), override=Override.NEVER, ends_with_stage=False,
)
WEEKLY = DeadlineSpec(
    "inspectorate_weekly_report",
    text("Еңбек инспекциясына апталық есеп", "Еженедельный отчёт инспекции труда",
         "Weekly report to the labour inspectorate"),
    Party.EMPLOYER, met_by=("inspectorate_report",), recurring=True, override=Override.NEVER,
    ends_with_stage=False,
)
CONCILIATION_CREATION = DeadlineSpec(
    "conciliation_commission_creation",
    text("Татуластыру комиссиясын құру", "Создание примирительной комиссии", "Forming the conciliation commission"),
    Party.BOTH, met_by=("conciliation_formed",), override=Override.ANY,
)
CONCILIATION_CONSIDERATION = DeadlineSpec(
    "conciliation_commission_consideration",
    text("Татуластыру комиссиясының шешімі", "Решение примирительной комиссии", "Decision of the conciliation commission"),
    Party.BODY, met_by=("conciliation_decision",),
)
ARBITRATION_CREATION = DeadlineSpec(
    "labour_arbitration_creation",
    text("Еңбек төрелігін құру", "Создание трудового арбитража", "Forming the labour arbitration"),
    Party.BOTH, met_by=("arbitration_formed",), override=Override.ANY,
)
ARBITRATION_CONSIDERATION = DeadlineSpec(
    "labour_arbitration_consideration",
    text("Еңбек төрелігінің шешімі", "Решение трудового арбитража", "Decision of the labour arbitration"),
    Party.BODY, met_by=("arbitration_decision",), override=Override.ANY,
)
STRIKE_NOTICE = DeadlineSpec(
    "strike_notice",
    text("Ереуіл ескерту мерзімі өткенге дейін басталмайды", "Забастовка не раньше истечения срока предупреждения",
         "Strike not before the notice period ends"),
    Party.WORKERS, met_by=("strike_started",), kind=DeadlineKind.NOT_BEFORE, override=Override.NEVER,
)

# ---------------------------------------------------------------------------------------------------------
# Steps
# ---------------------------------------------------------------------------------------------------------

STEPS: tuple[Step, ...] = (
    Step("demands_received", "demands",
         text("Жұмыс беруші талаптарды жазбаша алды (дау туындады)",
              "Работодатель получил требования в письменной форме (спор возник)",
              "Employer received the demands in writing (the dispute arises)"),
         (REPLY, NOTIFY), SRC_DISPUTE_ARISES),
    Step("inspectorate_notified", "demands",
         text("Еңбек инспекциясы хабардар етілді", "Инспекция труда уведомлена", "Labour inspectorate notified"),
         (WEEKLY,), SRC_INSPECTORATE, anytime=True),
    Step("inspectorate_report", "demands",
         text("Еңбек инспекциясына апталық есеп", "Еженедельный отчёт инспекции труда",
              "Weekly report to the labour inspectorate"),
         (WEEKLY,), SRC_INSPECTORATE, anytime=True),
    Step("employer_replied", "demands",
         text("Жұмыс беруші жазбаша жауап берді", "Работодатель дал письменный ответ", "Employer replied in writing"),
         (), SRC_REPLY),
    Step("conciliation_started", "conciliation",
         text("Татуластыру рәсімі басталды", "Начата примирительная процедура", "Conciliation started"),
         (CONCILIATION_CREATION,), SRC_CONCILIATION),
    Step("conciliation_formed", "conciliation",
         text("Татуластыру комиссиясы құрылды", "Примирительная комиссия создана", "Conciliation commission formed"),
         (CONCILIATION_CONSIDERATION,), SRC_CONCILIATION),
    Step("conciliation_decision", "conciliation",
         text("Татуластыру комиссиясының шешімі", "Решение примирительной комиссии",
              "Decision of the conciliation commission"), (), SRC_CONCILIATION),
    Step("mediation_started", "mediation",
         text("Медиация басталды", "Начата медиация", "Mediation started"), (), SRC_MEDIATION, False),
    Step("mediation_agreement", "mediation",
         text("Медиация нәтижесі", "Итог медиации", "Outcome of mediation"), (), SRC_MEDIATION, False),
    Step("arbitration_started", "arbitration",
         text("Еңбек төрелігіне жүгіну", "Обращение в трудовой арбитраж", "Labour arbitration requested"),
         (ARBITRATION_CREATION,), SRC_ARBITRATION),
    Step("arbitration_formed", "arbitration",
         text("Еңбек төрелігі құрылды", "Трудовой арбитраж создан", "Labour arbitration formed"),
         (ARBITRATION_CONSIDERATION,), SRC_ARBITRATION),
    Step("arbitration_decision", "arbitration",
         text("Еңбек төрелігінің шешімі", "Решение трудового арбитража", "Decision of the labour arbitration"),
         (), SRC_ARBITRATION),
    Step("strike_declared", "strike",
         text("Ереуіл туралы шешім қабылданды", "Принято решение о забастовке", "Strike decided"),
         (STRIKE_NOTICE,), SRC_STRIKE_DECISION),
    Step("strike_started", "strike",
         text("Ереуіл басталды", "Забастовка началась", "Strike started"), (), SRC_STRIKE_GROUNDS),
    Step("strike_ended", "strike",
         text("Ереуіл аяқталды", "Забастовка окончена", "Strike ended"), (), SRC_STRIKE_GROUNDS),
    Step("settled", "settled", text("Дау реттелді", "Спор урегулирован", "Dispute settled"), ()),
    Step("court", "court", text("Сотқа жүгіну", "Обращение в суд", "Taken to court"), (), SRC_COURT, False),
    Step("withdrawn", "withdrawn", text("Талаптар қайтарылды", "Требования отозваны", "Demands withdrawn"), (),
         SRC_WITHDRAWAL, False),
)

# ---------------------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------------------

DOCUMENTS: tuple[DocumentRequirement, ...] = (
    DocumentRequirement("demands_protocol", "demands",
                        text("Талаптарды қабылдаған жиналыс (конференция) хаттамасы, кворуммен",
                             "Протокол собрания (конференции) работников о выдвижении требований, с кворумом",
                             "Minutes of the employees' meeting (conference) adopting the demands, with quorum"),
                        Party.WORKERS, SRC_DEMANDS_MEETING, False),
    DocumentRequirement("demands_letter", "demands",
                        text("Жұмыс берушіге жіберілген жазбаша талаптар (алған күні белгісімен)",
                             "Письменные требования, врученные работодателю (с отметкой о получении)",
                             "Written demands served on the employer (with the date of receipt)"),
                        Party.WORKERS, SRC_DISPUTE_ARISES),
    DocumentRequirement("inspectorate_notice", "demands",
                        text("Еңбек инспекциясына хабарлама", "Уведомление инспекции труда",
                             "Notification sent to the labour inspectorate"),
                        Party.EMPLOYER, SRC_INSPECTORATE),
    DocumentRequirement("employer_reply", "demands",
                        text("Жұмыс берушінің жазбаша шешімі мен ұсыныстары", "Письменное решение и предложения работодателя",
                             "Employer's written decision and proposals"),
                        Party.EMPLOYER, SRC_REPLY),
    DocumentRequirement("conciliation_composition", "conciliation",
                        text("Татуластыру комиссиясының тепе-тең құрамы туралы шешім",
                             "Решение о паритетном составе примирительной комиссии",
                             "Decision on the parity composition of the conciliation commission"),
                        Party.BOTH, SRC_CONCILIATION),
    DocumentRequirement("conciliation_minutes", "conciliation",
                        text("Комиссия отырыстарының хаттамалары, кворуммен",
                             "Протоколы заседаний комиссии, с кворумом",
                             "Minutes of the commission's sessions, with quorum"),
                        Party.BODY, SRC_CONCILIATION),
    DocumentRequirement("conciliation_protocol", "conciliation",
                        text("Келісім немесе келіспеушілік хаттамасы", "Протокол согласия или разногласий",
                             "Protocol of agreement or of disagreement"),
                        Party.BODY, SRC_CONCILIATION),
    DocumentRequirement("mediator_consent", "mediation",
                        text("Медиатордың жазбаша келісімі", "Письменное согласие медиатора",
                             "Written consent of the mediator"),
                        Party.BOTH, SRC_MEDIATION),
    DocumentRequirement("mediation_agreement", "mediation",
                        text("Медиация туралы келісім немесе медиацияның аяқталуы туралы акт",
                             "Медиативное соглашение или акт о прекращении медиации",
                             "Mediation agreement or record of its end"),
                        Party.BOTH, SRC_MEDIATION, False),
    DocumentRequirement("arbitration_composition", "arbitration",
                        text("Еңбек төрелігінің құрамы туралы шешім", "Решение о составе трудового арбитража",
                             "Decision on the composition of the labour arbitration"),
                        Party.BOTH, SRC_ARBITRATION, False),
    DocumentRequirement("arbitration_decision", "arbitration",
                        text("Еңбек төрелігінің шешімі", "Решение трудового арбитража",
                             "Decision of the labour arbitration"),
                        Party.BODY, SRC_ARBITRATION),
    DocumentRequirement("strike_minutes", "strike",
                        text("Ереуіл туралы шешім қабылдаған жиналыс хаттамасы (жай көпшілік, кворум)",
                             "Протокол собрания о забастовке (простое большинство, кворум)",
                             "Minutes of the meeting deciding the strike (simple majority, quorum)"),
                        Party.WORKERS, SRC_STRIKE_DECISION),
    DocumentRequirement("strike_notice", "strike",
                        text("Жұмыс берушіге ереуіл туралы ескерту", "Предупреждение работодателя о забастовке",
                             "Notice of the strike to the employer"),
                        Party.WORKERS, SRC_STRIKE_GROUNDS, False),
)

# ---------------------------------------------------------------------------------------------------------
# Stages, with what each expects of each party
# ---------------------------------------------------------------------------------------------------------


def _expects(employer: tuple[str, str, str], workers: tuple[str, str, str]) -> dict[str, Text]:
    return {"employer": text(*employer), "workers": text(*workers)}


STAGES: tuple[Stage, ...] = (
    Stage("demands", text("Талаптар және жұмыс берушінің жауабы", "Требования и ответ работодателя",
                          "Demands and the employer's reply"), 10, "demands_received",
          expects=_expects(
              ("Талаптарды қарап, жазбаша жауап беріңіз және еңбек инспекциясын дереу хабардар етіңіз.",
               "Рассмотрите требования, дайте письменный ответ и немедленно уведомите инспекцию труда.",
               "Consider the demands, reply in writing, and notify the labour inspectorate immediately."),
              ("Жұмыс берушінің жазбаша жауабын күтіңіз; жауап болмаса немесе ол қанағаттандырмаса, "
               "татуластыру комиссиясын құруды ұсыныңыз.",
               "Дождитесь письменного ответа работодателя; если его нет или он не устраивает, предложите "
               "создать примирительную комиссию.",
               "Wait for the employer's written reply; if there is none or it does not satisfy you, propose "
               "forming a conciliation commission."),
          ), source=SRC_REPLY),
    Stage("conciliation", text("Татуластыру комиссиясы", "Примирительная комиссия", "Conciliation commission"), 20,
          "conciliation_started",
          expects=_expects(
              ("Комиссияға тепе-тең негізде өкілдеріңізді тағайындаңыз және оның отырыстарына қатысыңыз.",
               "Назначьте своих представителей в комиссию на паритетной основе и участвуйте в её заседаниях.",
               "Appoint your representatives to the commission on a parity basis and attend its sessions."),
              ("Комиссияға тепе-тең негізде өкілдеріңізді тағайындаңыз және оның отырыстарына қатысыңыз.",
               "Назначьте своих представителей в комиссию на паритетной основе и участвуйте в её заседаниях.",
               "Appoint your representatives to the commission on a parity basis and attend its sessions."),
          ), source=SRC_CONCILIATION),
    Stage("mediation", text("Медиация", "Медиация", "Mediation"), 30, "mediation_started",
          expects=_expects(
              ("Медиаторды бірлесіп таңдаңыз және оның жазбаша келісімін алыңыз.",
               "Совместно выберите медиатора и получите его письменное согласие.",
               "Choose the mediator together and obtain the mediator's written consent."),
              ("Медиаторды бірлесіп таңдаңыз және оның жазбаша келісімін алыңыз.",
               "Совместно выберите медиатора и получите его письменное согласие.",
               "Choose the mediator together and obtain the mediator's written consent."),
          ), source=SRC_MEDIATION, verified=False),
    Stage("arbitration", text("Еңбек төрелігі", "Трудовой арбитраж", "Labour arbitration"), 40, "arbitration_started",
          expects=_expects(
              ("Еңбек төрелігін құруға қатысыңыз; оның шешімі орындалуы тиіс.",
               "Участвуйте в создании трудового арбитража; его решение подлежит исполнению.",
               "Take part in forming the labour arbitration; its decision must be carried out."),
              ("Еңбек төрелігін құруға қатысыңыз және талаптарыңызды дәлелдейтін құжаттарды ұсыныңыз.",
               "Участвуйте в создании трудового арбитража и представьте документы в обоснование требований.",
               "Take part in forming the labour arbitration and submit documents supporting your demands."),
          ), source=SRC_ARBITRATION),
    Stage("strike", text("Ереуіл", "Забастовка", "Strike"), 50, "strike_declared", peaceful=False,
          expects=_expects(
              ("Жиналысқа үй-жай беріңіз, оған кедергі жасамаңыз, ереуілшілерді ауыстырмаңыз; келіссөздерді "
               "жалғастырыңыз.",
               "Предоставьте помещение для собрания, не препятствуйте ему, не заменяйте бастующих; продолжайте "
               "переговоры.",
               "Provide premises for the meeting, do not obstruct it, do not replace strikers; keep negotiating."),
              ("Жұмыс берушіні ескертіңіз, ереуіл 176-бапта аталған жағдайларға жатпайтынын тексеріңіз және "
               "келіссөздерді жалғастырыңыз.",
               "Предупредите работодателя, проверьте, что забастовка не подпадает под случаи статьи 176, и "
               "продолжайте переговоры.",
               "Give the employer notice, check that the strike is not one Art. 176 makes unlawful, and keep "
               "negotiating."),
          ), source=SRC_STRIKE_GROUNDS),
    Stage("settled", text("Реттелді", "Урегулирован", "Settled"), 60, "settled", terminal=True),
    Stage("court", text("Сотта", "В суде", "Court"), 70, "court", terminal=True, source=SRC_COURT, verified=False),
    Stage("withdrawn", text("Қайтарылды", "Отозван", "Withdrawn"), 80, "withdrawn", terminal=True,
          source=SRC_WITHDRAWAL, verified=False),
)

_T = Transition
TRANSITIONS: tuple[Transition, ...] = (
    # The employer's reply settles the dispute, or the employees take it to a conciliation commission.
    _T("demands", "settled", SRC_REPLY),
    _T("demands", "conciliation", SRC_CONCILIATION),
    _T("demands", "withdrawn", SRC_WITHDRAWAL, False),
    _T("conciliation", "settled", SRC_CONCILIATION),
    _T("conciliation", "mediation", SRC_MEDIATION, False),
    _T("conciliation", "arbitration", SRC_ARBITRATION),
    _T("conciliation", "strike", SRC_STRIKE_GROUNDS),  # not resolved by conciliation, or the employer evades it
    _T("conciliation", "court", SRC_COURT, False),
    _T("conciliation", "withdrawn", SRC_WITHDRAWAL, False),
    _T("mediation", "settled", SRC_MEDIATION, False),
    _T("mediation", "arbitration", SRC_ARBITRATION, False),
    _T("mediation", "strike", SRC_STRIKE_GROUNDS, False),
    _T("mediation", "court", SRC_COURT, False),
    _T("mediation", "withdrawn", SRC_WITHDRAWAL, False),
    _T("arbitration", "settled", SRC_ARBITRATION),
    _T("arbitration", "strike", SRC_STRIKE_GROUNDS),
    _T("arbitration", "court", SRC_COURT, False),
    _T("arbitration", "withdrawn", SRC_WITHDRAWAL, False),
    _T("strike", "settled", SRC_STRIKE_GROUNDS),
    _T("strike", "court", SRC_COURT, False),
    _T("strike", "withdrawn", SRC_WITHDRAWAL, False),
)

# ---------------------------------------------------------------------------------------------------------
# Art. 176: when a strike is unlawful (paraphrased; the life-support list was cut off in the source)
# ---------------------------------------------------------------------------------------------------------

UNLAWFUL_STRIKE_GROUNDS: tuple[UnlawfulStrikeGround, ...] = (
    UnlawfulStrikeGround("martial_law_emergency",
                         text("Соғыс жағдайы, төтенше жағдай немесе ерекше шаралар кезінде",
                              "В период военного положения, чрезвычайного положения или особых мер",
                              "During martial law, a state of emergency or special measures"), SRC_ART_176),
    UnlawfulStrikeGround("military",
                         text("Әскери басқару органдары мен әскери бөлімдер",
                              "Органы военного управления и воинские части",
                              "Military command bodies and military units"), SRC_ART_176),
    UnlawfulStrikeGround("defence_security_rescue",
                         text("Қорғаныс, мемлекеттік қауіпсіздік, құтқару, өрт сөндіру, төтенше жағдайлардың алдын алу "
                              "және жою ұйымдары",
                              "Организации обороны, государственной безопасности, аварийно-спасательные, "
                              "противопожарные, по предупреждению и ликвидации чрезвычайных ситуаций",
                              "Organisations of defence, state security, rescue, firefighting, and prevention or "
                              "liquidation of emergencies"), SRC_ART_176),
    UnlawfulStrikeGround("special_law_enforcement",
                         text("Арнаулы мемлекеттік және құқық қорғау органдары",
                              "Специальные государственные и правоохранительные органы",
                              "Special state and law-enforcement bodies"), SRC_ART_176),
    UnlawfulStrikeGround("hazardous_facilities",
                         text("Қауіпті өндірістік объектілер болып табылатын ұйымдар",
                              "Организации, являющиеся опасными производственными объектами",
                              "Organisations that are hazardous production facilities"), SRC_ART_176),
    UnlawfulStrikeGround("ambulance",
                         text("Жедел және шұғыл медициналық жәрдем станциялары",
                              "Станции скорой и неотложной медицинской помощи",
                              "Ambulance and emergency medical stations"), SRC_ART_176),
    UnlawfulStrikeGround("life_support",
                         text("Халықтың тіршілігін қамтамасыз етумен тікелей байланысты ұйымдар (энергиямен, "
                              "жылумен, сумен, газбен жабдықтау, авиация, темір жол көлігі және т.б.; толық тізім "
                              "расталмаған)",
                              "Организации, непосредственно связанные с жизнеобеспечением населения (энерго-, "
                              "тепло-, водо-, газоснабжение, авиация, железнодорожный транспорт и др.; полный "
                              "перечень не подтверждён)",
                              "Organisations directly tied to life support of the population (energy, heat, water "
                              "and gas supply, aviation, railway transport and others; the full list is "
                              "unconfirmed)"),
                         LegalSource(LABOUR_CODE, "176", "https://pavlodar.com/zakon/?dok=05995&noraz=176&oraz=08",
                                     "The list was cut off in the retrieved excerpt: the full list is UNCONFIRMED."),
                         False),
)

PROCEDURE = DisputeProcedure(
    stages=STAGES,
    steps=STEPS,
    transitions=TRANSITIONS,
    documents=DOCUMENTS,
    unlawful_strike_grounds=UNLAWFUL_STRIKE_GROUNDS,
    initial_stage="demands",
    source=LegalSource(LABOUR_CODE, "163–178", LABOUR_CODE_URL,
                       "Collective labour disputes; periods counted from the day after the event."),
)
