"""Kazakhstan: held-out agreement articles, written apart from the training templates, for the benchmark only.

Each article is labelled with its topic and with the parameter values a coder would record (none when the
article sets no number for any parameter: the benchmark counts a value found there as invented).
"""

from __future__ import annotations

from decimal import Decimal

from .clause_corpus import LabelledArticle

_D = Decimal

_ROWS: tuple[tuple[str, str, str, dict[str, Decimal]], ...] = (
    # pay
    ("pay", "ru", "Месячная оплата труда работника, полностью отработавшего норму рабочего времени, не может быть "
     "ниже 105 000 тенге.", {"minimum_monthly_pay": _D(105000)}),
    ("pay", "ru", "Должностные оклады индексируются ежегодно с 1 января на уровень инфляции за предыдущий год.", {}),
    ("pay", "ru", "Выплата заработной платы производится путём перечисления на банковские карточки работников; "
     "расчётный листок выдаётся ежемесячно.", {}),
    ("pay", "ru", "Работникам, выполняющим работу по совмещению профессий, производится доплата по соглашению "
     "сторон.", {}),
    ("pay", "kk", "Еңбек нормасын толық орындаған қызметкердің айлық еңбекақысы 112 000 теңгеден төмен болмауы тиіс.",
     {"minimum_monthly_pay": _D(112000)}),
    ("pay", "kk", "Лауазымдық айлықақылар өткен жылғы инфляция деңгейіне жыл сайын 1 қаңтардан бастап индекстеледі.",
     {}),
    ("pay", "kk", "Жалақы қызметкерлердің банк карточкаларына аударылады; есеп парағы ай сайын беріледі.", {}),
    ("pay", "kk", "Ең төменгі жалақы кемінде 30 АЕК мөлшерінде белгіленеді.",
     {"minimum_monthly_pay": _D(30 * 3932)}),
    ("pay", "en", "No employee who has worked the full standard hours shall receive less than 98 500 tenge a month "
     "as minimum pay.", {"minimum_monthly_pay": _D(98500)}),
    ("pay", "en", "Salaries are indexed every January to the previous year's inflation rate.", {}),
    ("pay", "en", "Pay is transferred to employees' bank cards and a payslip is issued each month.", {}),
    ("pay", "en", "The tariff coefficient of the highest grade is 2,4 of the base rate.",
     {"tariff_coefficient": _D("2.4")}),
    # working time
    ("working_time", "ru", "Продолжительность рабочей недели для работников административного аппарата — 40 часов, "
     "начало работы в 9 часов.", {"weekly_hours": _D(40)}),
    ("working_time", "ru", "Привлечение к сверхурочным работам сверх двух часов в день не допускается; такие работы "
     "оплачиваются в полуторном размере.", {"overtime_premium": _D(50)}),
    ("working_time", "ru", "Для женщин, имеющих детей до трёх лет, по их просьбе устанавливается неполное рабочее "
     "время.", {}),
    ("working_time", "ru", "Суммированный учёт рабочего времени вводится приказом работодателя с учётом мнения "
     "профсоюза.", {}),
    ("working_time", "kk", "Әкімшілік қызметкерлері үшін жұмыс аптасының ұзақтығы — 40 сағат.",
     {"weekly_hours": _D(40)}),
    ("working_time", "kk", "Түнгі уақытта жұмыс істегені үшін сағаттық мөлшерлеменің елу пайызы мөлшерінде "
     "үстемеақы төленеді.", {"night_work_premium": _D(50)}),
    ("working_time", "kk", "Үш жасқа дейінгі балалары бар әйелдерге олардың өтініші бойынша толық емес жұмыс уақыты "
     "белгіленеді.", {}),
    ("working_time", "kk", "Жұмыс уақытын жиынтық есепке алу кәсіподақтың пікірін ескере отырып енгізіледі.", {}),
    ("working_time", "en", "The working week of office staff is thirty-eight hours, Monday to Friday.",
     {"weekly_hours": _D(38)}),
    ("working_time", "en", "Overtime hours are paid at double time and may not exceed two hours a day.",
     {"overtime_premium": _D(100)}),
    ("working_time", "en", "Parents of children under three may ask for part-time work.", {}),
    ("working_time", "en", "Summarised recording of working time is introduced after consulting the union.", {}),
    # rest and leave
    ("rest_leave", "ru", "Продолжительность ежегодного основного оплачиваемого отпуска составляет двадцать восемь "
     "календарных дней.", {"annual_paid_leave_days": _D(28)}),
    ("rest_leave", "ru", "Работникам с ненормированным рабочим днём предоставляется дополнительный отпуск "
     "продолжительностью три календарных дня.", {}),
    ("rest_leave", "ru", "По семейным обстоятельствам работнику по его заявлению предоставляется отпуск без "
     "сохранения заработной платы.", {}),
    ("rest_leave", "ru", "Перенос отпуска на другой срок производится по соглашению между работником и "
     "работодателем.", {}),
    ("rest_leave", "kk", "Жыл сайынғы негізгі ақылы еңбек демалысының ұзақтығы 26 күнтізбелік күн.",
     {"annual_paid_leave_days": _D(26)}),
    ("rest_leave", "kk", "Нормаланбаған жұмыс күні бар қызметкерлерге үш күнтізбелік күн қосымша демалыс беріледі.",
     {}),
    ("rest_leave", "kk", "Отбасылық жағдайлар бойынша қызметкерге оның өтініші бойынша жалақысы сақталмайтын "
     "демалыс беріледі.", {}),
    ("rest_leave", "kk", "Еңбек демалысын басқа мерзімге ауыстыру қызметкер мен жұмыс берушінің келісімі бойынша "
     "жүргізіледі.", {}),
    ("rest_leave", "en", "Annual paid leave lasts 30 calendar days and may be split into parts, one of at least "
     "fourteen days.", {"annual_paid_leave_days": _D(30)}),
    ("rest_leave", "en", "Employees with irregular hours get three calendar days of additional leave.", {}),
    ("rest_leave", "en", "Unpaid leave is granted on request for family reasons.", {}),
    ("rest_leave", "en", "Leave may be moved to another date by agreement between the employee and the employer.", {}),
    # safety
    ("safety", "ru", "Средства индивидуальной защиты выдаются работникам бесплатно по нормам, утверждённым "
     "работодателем.", {}),
    ("safety", "ru", "На каждом участке избирается общественный инспектор по охране труда.", {}),
    ("safety", "ru", "Работник вправе отказаться от работы при возникновении угрозы его жизни и здоровью.", {}),
    ("safety", "ru", "Работодатель ежегодно проводит производственный контроль и аттестацию рабочих мест по "
     "условиям труда.", {}),
    ("safety", "kk", "Жеке қорғану құралдары жұмыс беруші бекіткен нормалар бойынша қызметкерлерге тегін беріледі.",
     {}),
    ("safety", "kk", "Әрбір учаскеде еңбекті қорғау жөніндегі қоғамдық инспектор сайланады.", {}),
    ("safety", "kk", "Өмірі мен денсаулығына қауіп төнген кезде қызметкер жұмысты орындаудан бас тартуға құқылы.", {}),
    ("safety", "kk", "Жұмыс беруші жыл сайын өндірістік бақылау және еңбек жағдайлары бойынша жұмыс орындарын "
     "аттестаттау жүргізеді.", {}),
    ("safety", "en", "Protective equipment is issued free of charge according to norms approved by the employer.", {}),
    ("safety", "en", "Each site elects a public occupational safety inspector.", {}),
    ("safety", "en", "An employee may refuse work that threatens his or her life or health.", {}),
    ("safety", "en", "The employer certifies workplaces for working conditions every year.", {}),
    # social
    ("social", "ru", "Работникам, вступающим в первый брак, выплачивается единовременная помощь в размере "
     "50 000 тенге.", {}),
    ("social", "ru", "Работодатель выделяет детям работников новогодние подарки и путёвки в летние лагеря.", {}),
    ("social", "ru", "Многодетным семьям работников оказывается материальная помощь к началу учебного года.", {}),
    ("social", "ru", "Работникам предоставляется добровольное медицинское страхование за счёт работодателя.", {}),
    ("social", "kk", "Алғаш рет неке қиған қызметкерлерге 50 000 теңге мөлшерінде біржолғы көмек төленеді.", {}),
    ("social", "kk", "Жұмыс беруші қызметкерлердің балаларына жаңа жылдық сыйлықтар мен жазғы лагерьлерге "
     "жолдамалар бөледі.", {}),
    ("social", "kk", "Қызметкерлердің көп балалы отбасыларына оқу жылының басында материалдық көмек көрсетіледі.", {}),
    ("social", "kk", "Қызметкерлерге жұмыс берушінің есебінен ерікті медициналық сақтандыру беріледі.", {}),
    ("social", "en", "Employees marrying for the first time receive a one-off grant of 50 000 tenge.", {}),
    ("social", "en", "The employer provides New Year gifts and summer camp vouchers for employees' children.", {}),
    ("social", "en", "Large families of employees receive financial help at the start of the school year.", {}),
    ("social", "en", "Employees are covered by voluntary health insurance paid by the employer.", {}),
    # employment
    ("employment", "ru", "Работникам, увольняемым в связи с сокращением штата, выплачивается выходное пособие в "
     "размере двух средних месячных заработков.", {"redundancy_compensation": _D(2)}),
    ("employment", "ru", "Работодатель ежегодно согласовывает с профсоюзом план подготовки и переподготовки "
     "кадров.", {}),
    ("employment", "ru", "Работникам предпенсионного возраста гарантируется сохранение рабочего места до выхода на "
     "пенсию.", {}),
    ("employment", "ru", "Приём на работу выпускников профильных колледжей производится без испытательного срока.", {}),
    ("employment", "kk", "Штаттың қысқаруына байланысты жұмыстан шығарылатын қызметкерлерге үш орташа айлық жалақы "
     "мөлшерінде өтемақы төленеді.", {"redundancy_compensation": _D(3)}),
    ("employment", "kk", "Жұмыс беруші кадрларды даярлау және қайта даярлау жоспарын жыл сайын кәсіподақпен "
     "келіседі.", {}),
    ("employment", "kk", "Зейнеткерлік жасқа толуға жақын қызметкерлерге зейнетке шыққанға дейін жұмыс орнының "
     "сақталуына кепілдік беріледі.", {}),
    ("employment", "kk", "Бейінді колледж түлектерін жұмысқа қабылдау сынақ мерзімінсіз жүргізіледі.", {}),
    ("employment", "en", "Employees dismissed because of staff reductions receive severance pay of four months' "
     "average pay.", {"redundancy_compensation": _D(4)}),
    ("employment", "en", "Every year the employer agrees its training and retraining plan with the union.", {}),
    ("employment", "en", "Employees close to pension age keep their jobs until they retire.", {}),
    ("employment", "en", "Graduates of relevant colleges are hired without a probation period.", {}),
    # union rights
    ("union_rights", "ru", "Профсоюз вправе требовать от работодателя отмены приказов, нарушающих условия "
     "коллективного договора.", {}),
    ("union_rights", "ru", "Председатель профкома включается в состав комиссии по аттестации работников.", {}),
    ("union_rights", "ru", "Время участия выборных профсоюзных работников в съездах и конференциях оплачивается "
     "как рабочее.", {}),
    ("union_rights", "ru", "Локальные акты по вопросам оплаты труда принимаются с учётом мнения профсоюзного "
     "комитета.", {}),
    ("union_rights", "kk", "Кәсіподақ жұмыс берушіден ұжымдық шарттың талаптарын бұзатын бұйрықтарды жоюды талап "
     "етуге құқылы.", {}),
    ("union_rights", "kk", "Кәсіподақ комитетінің төрағасы қызметкерлерді аттестаттау комиссиясының құрамына "
     "енгізіледі.", {}),
    ("union_rights", "kk", "Сайланбалы кәсіподақ қызметкерлерінің съездер мен конференцияларға қатысу уақыты жұмыс "
     "уақыты ретінде төленеді.", {}),
    ("union_rights", "kk", "Еңбекақы мәселелері жөніндегі жергілікті актілер кәсіподақ комитетінің пікірін ескере "
     "отырып қабылданады.", {}),
    ("union_rights", "en", "The union may demand that the employer revoke orders that breach the collective "
     "agreement.", {}),
    ("union_rights", "en", "The chair of the union committee sits on the staff appraisal commission.", {}),
    ("union_rights", "en", "Time elected union officers spend at congresses and conferences is paid as working "
     "time.", {}),
    ("union_rights", "en", "Local rules on pay are adopted after hearing the union committee.", {}),
    # disputes
    ("disputes", "ru", "Требования работников рассматриваются работодателем в течение двух рабочих дней со дня "
     "их получения.", {"employer_reply_to_demands": _D(2)}),
    ("disputes", "ru", "Примирительная комиссия образуется не позднее двух рабочих дней, а рассматривает спор в "
     "течение пяти рабочих дней.", {"conciliation_commission_creation": _D(2),
                                    "conciliation_commission_consideration": _D(5)}),
    ("disputes", "ru", "Трудовой арбитраж рассматривает спор в течение 7 рабочих дней с участием представителей "
     "сторон.", {"labour_arbitration_consideration": _D(7)}),
    ("disputes", "ru", "Решение о забастовке принимается собранием работников и доводится до сведения "
     "работодателя в письменной форме.", {}),
    ("disputes", "kk", "Жұмыс беруші қызметкерлердің талаптарын алған күнінен бастап екі жұмыс күні ішінде "
     "қарайды.", {"employer_reply_to_demands": _D(2)}),
    ("disputes", "kk", "Татуластыру комиссиясы екі жұмыс күні ішінде құрылады.",
     {"conciliation_commission_creation": _D(2)}),
    ("disputes", "kk", "Еңбек төрелігі дауды 5 жұмыс күні ішінде қарайды.",
     {"labour_arbitration_consideration": _D(5)}),
    ("disputes", "kk", "Ереуіл туралы шешімді қызметкерлердің жиналысы қабылдайды және жұмыс берушіге жазбаша "
     "хабарланады.", {}),
    ("disputes", "en", "The employer answers the employees' demands within two working days of receiving them.",
     {"employer_reply_to_demands": _D(2)}),
    ("disputes", "en", "The conciliation commission examines the dispute within four working days.",
     {"conciliation_commission_consideration": _D(4)}),
    ("disputes", "en", "A labour arbitration is set up within three working days if conciliation fails.",
     {"labour_arbitration_creation": _D(3)}),
    ("disputes", "en", "The union gives strike notice no less than ten working days in advance.",
     {"strike_notice": _D(10)}),
    # other
    ("other", "ru", "Договор заключён сроком на три года и вступает в силу с 1 января 2025 года.", {}),
    ("other", "ru", "Ни одна из сторон не вправе в одностороннем порядке прекратить выполнение принятых "
     "обязательств.", {}),
    ("other", "ru", "Текст договора доводится до каждого работника в течение месяца после подписания.", {}),
    ("other", "ru", "Стороны подписали договор в присутствии представителя местного исполнительного органа.", {}),
    ("other", "kk", "Шарт үш жыл мерзімге жасалды және 2025 жылғы 1 қаңтардан бастап күшіне енеді.", {}),
    ("other", "kk", "Тараптардың ешқайсысы қабылданған міндеттемелерді біржақты тәртіппен тоқтатуға құқылы емес.",
     {}),
    ("other", "kk", "Шарттың мәтіні қол қойылғаннан кейін бір ай ішінде әрбір қызметкерге жеткізіледі.", {}),
    ("other", "kk", "Тараптар шартқа жергілікті атқарушы орган өкілінің қатысуымен қол қойды.", {}),
    ("other", "en", "The agreement is concluded for three years and takes effect on 1 January 2025.", {}),
    ("other", "en", "Neither party may unilaterally stop fulfilling the obligations it has accepted.", {}),
    ("other", "en", "The text of the agreement is brought to every employee within a month of signature.", {}),
    ("other", "en", "The parties signed the agreement in the presence of a representative of the local "
     "executive body.", {}),
)


def held_out_articles() -> tuple[LabelledArticle, ...]:
    return tuple(LabelledArticle(topic, lang, text, params) for topic, lang, text, params in _ROWS)
