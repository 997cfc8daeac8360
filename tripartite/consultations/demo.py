"""Demonstration data of the consultations app: three drafts of the Ministry of Labour on the republican commission —
one adopted after two versions, one still open, one withdrawn — with positions of all three sides and replies of
every kind.

Everything here is invented to show the pages and indicators and is marked as demonstration data; none of it is a
real draft, position, reply or adopted act.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from tripartite.commissions.models import Commission
from tripartite.core.models import User
from tripartite.partners.models import Organisation

from . import services
from .deadlines import deadline_of
from .models import DraftAct, Outcome, Referral

# Draft 1: amendments to the Labour Code on remote work (two versions, adopted). -----------------------------

REMOTE_V1 = {
    "ru": """Проект Закона Республики Казахстан «О внесении изменений и дополнений в Трудовой кодекс Республики Казахстан
по вопросам дистанционной работы» (демо)
Статья 1. Понятие дистанционной работы
Дистанционная работа — выполнение трудовых обязанностей вне места нахождения работодателя с использованием
информационно-коммуникационных технологий.
Статья 2. Режим рабочего времени
Режим рабочего времени работника на дистанционной работе устанавливается трудовым договором. Работник обязан
быть на связи в течение всего рабочего дня.
Статья 3. Возмещение расходов
Работодатель вправе возмещать работнику расходы на связь и оборудование в порядке, установленном актом
работодателя.
Статья 4. Охрана труда
Работодатель проводит инструктаж по безопасности и охране труда дистанционно.
""",
    "kk": """1-бап. Қашықтан жұмыс ұғымы
Қашықтан жұмыс — еңбек міндеттерін ақпараттық-коммуникациялық технологияларды пайдалана отырып, жұмыс берушінің
орналасқан жерінен тыс орындау.
2-бап. Жұмыс уақытының режимі
Қашықтан жұмыс істейтін қызметкердің жұмыс уақытының режимі еңбек шартымен белгіленеді. Қызметкер жұмыс күні
бойы байланыста болуға міндетті.
3-бап. Шығыстарды өтеу
Жұмыс беруші қызметкерге байланыс пен жабдық шығыстарын жұмыс берушінің актісінде белгіленген тәртіппен өтеуге
құқылы.
4-бап. Еңбекті қорғау
Жұмыс беруші қауіпсіздік және еңбекті қорғау жөніндегі нұсқаманы қашықтан өткізеді.
""",
    "en": """Article 1. Remote work
Remote work is the performance of work duties away from the employer's premises using information and
communication technologies.
Article 2. Working time
The working time of a remote worker is set by the employment contract. The worker must be reachable throughout
the working day.
Article 3. Compensation of expenses
The employer may compensate the worker's expenses on communications and equipment as set by an act of the
employer.
Article 4. Occupational safety
The employer gives the safety and health briefing remotely.
""",
}
REMOTE_V2 = {
    "ru": REMOTE_V1["ru"].replace(
        "Работник обязан\nбыть на связи в течение всего рабочего дня.",
        "Работник обязан\nбыть на связи в часы, определённые трудовым договором; вне этих часов работник вправе не "
        "отвечать на\nсообщения работодателя.").replace(
        "Работодатель проводит инструктаж по безопасности и охране труда дистанционно.",
        "Работодатель проводит инструктаж по безопасности и охране труда дистанционно и проверяет соответствие\n"
        "рабочего места работника требованиям безопасности по согласованию с ним."),
    "kk": REMOTE_V1["kk"].replace(
        "Қызметкер жұмыс күні\nбойы байланыста болуға міндетті.",
        "Қызметкер еңбек\nшартында белгіленген сағаттарда байланыста болуға міндетті; одан тыс уақытта қызметкер жұмыс "
        "берушінің\nхабарламаларына жауап бермеуге құқылы.").replace(
        "Жұмыс беруші қауіпсіздік және еңбекті қорғау жөніндегі нұсқаманы қашықтан өткізеді.",
        "Жұмыс беруші қауіпсіздік және еңбекті қорғау жөніндегі нұсқаманы қашықтан өткізеді және қызметкердің\n"
        "келісімімен оның жұмыс орнының қауіпсіздік талаптарына сәйкестігін тексереді."),
    "en": REMOTE_V1["en"].replace(
        "The worker must be reachable throughout\nthe working day.",
        "The worker must be reachable during\nthe hours set by the employment contract; outside them the worker may "
        "leave the employer's messages\nunanswered.").replace(
        "The employer gives the safety and health briefing remotely.",
        "The employer gives the safety and health briefing remotely and, with the worker's consent, checks that\n"
        "the workplace meets the safety requirements."),
}

# Draft 2: a ministerial order on the method of setting the minimum wage (points, open). -----------------------

WAGE_ORDER = {
    "ru": """Приказ Министра труда и социальной защиты населения «Об утверждении Методики расчета минимального
размера заработной платы» (демо)
1. Минимальный размер заработной платы рассчитывается ежегодно до 1 сентября.
2. Расчет основывается на величине прожиточного минимума и медианной заработной плате за предыдущий год.
3. Минимальный размер заработной платы не может быть ниже 50 процентов медианной заработной платы.
4. Проект расчета направляется в Республиканскую трехстороннюю комиссию.
""",
    "kk": """1. Ең төменгі жалақы мөлшері жыл сайын 1 қыркүйекке дейін есептеледі.
2. Есеп ең төменгі күнкөріс деңгейінің шамасына және өткен жылғы медианалық жалақыға негізделеді.
3. Ең төменгі жалақы мөлшері медианалық жалақының 50 пайызынан төмен болмауы тиіс.
4. Есептің жобасы Республикалық үшжақты комиссияға жіберіледі.
""",
    "en": """1. The minimum wage is calculated every year before 1 September.
2. The calculation rests on the subsistence minimum and the median wage of the previous year.
3. The minimum wage may not be lower than 50 per cent of the median wage.
4. The draft calculation is sent to the Republican Tripartite Commission.
""",
}

# Draft 3: a law on the registration of trade unions (withdrawn). -----------------------------------------------

UNION_LAW = {
    "ru": """Статья 1. Регистрация профессиональных союзов
Профессиональный союз подлежит регистрации в течение шести месяцев со дня создания.
Статья 2. Численность
Отраслевой профессиональный союз объединяет не менее половины работников отрасли.
Статья 3. Вступление в силу
Настоящий Закон вводится в действие по истечении десяти календарных дней после его первого официального
опубликования.
""",
    "kk": """1-бап. Кәсіптік одақтарды тіркеу
Кәсіптік одақ құрылған күнінен бастап алты ай ішінде тіркелуге жатады.
2-бап. Саны
Салалық кәсіптік одақ сала қызметкерлерінің кемінде жартысын біріктіреді.
3-бап. Күшіне енуі
Осы Заң алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.
""",
    "en": """Article 1. Registration of trade unions
A trade union is registered within six months of its founding.
Article 2. Membership
A sectoral trade union unites at least half of the workers of its sector.
Article 3. Entry into force
This Law enters into force ten calendar days after its first official publication.
""",
}


def _texts(field: str, kk: str, ru: str, en: str) -> dict[str, Any]:
    return {f"{field}_kk": kk, f"{field}_ru": ru, f"{field}_en": en}


def _at(day: date, hour: int = 11) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@dataclass
class _Desk:
    """Who acts in the demo: the ministry's secretary drafts, refers and replies; the sides' people give positions."""

    secretary: User
    admin: User
    editor: User  # FTURK's editor: the workers' coordinator on the republican commission
    orgs: dict[str, Organisation]

    def position(self, referral: Referral, org: str, side: str, stance: str, *, key: str | None = None,
                 for_side: bool = False, day: date, **texts: str) -> Any:
        by = self.editor if org == "fturk" else self.admin
        article = referral.version.articles.get(key=key) if key else None
        return services.position_add(referral=referral, by=by, organisation=self.orgs[org], side=side,
                                     stance=stance, for_side=for_side, article=article, at=_at(day), **texts)

    def reply(self, position: Any, verdict: str, day: date, **texts: str) -> Any:
        return services.reply_save(position=position, by=self.secretary, verdict=verdict, at=_at(day, 16), **texts)


def _adopted(desk: _Desk, rtc: Commission, today: date) -> DraftAct:
    ministry = desk.orgs["ministry_labour"]
    draft = services.draft_create(
        by=desk.secretary, drafter=ministry, kind="code_amendment", texts=REMOTE_V1, reference="ДЕМО-ТК-14",
        note="Demonstration draft", **_texts(
            "title",
            "Қашықтан жұмыс мәселелері бойынша Қазақстан Республикасының Еңбек кодексіне өзгерістер мен толықтырулар "
            "енгізу туралы (демо)",
            "О внесении изменений и дополнений в Трудовой кодекс Республики Казахстан по вопросам дистанционной "
            "работы (демо)",
            "On amendments to the Labour Code of the Republic of Kazakhstan on remote work (demo)"))
    referred_on = today - timedelta(days=160)
    referral = services.referral_create(draft=draft, by=desk.secretary, commission=rtc, referred_on=referred_on)
    due = _due(referral)
    d = referred_on + timedelta(days=3)
    desk.position(referral, "government", "state", "support", for_side=True, day=d,
                  **_texts("reasons", "Жоба Үкіметтің жұмыспен қамту саясатына сәйкес келеді.",
                           "Проект соответствует политике Правительства в сфере занятости.",
                           "The draft is in line with the Government's employment policy."))
    hours = desk.position(
        referral, "fturk", "workers", "amend", key="2", for_side=True, day=d + timedelta(days=2),
        **_texts("wording", "Қызметкер еңбек шартында белгіленген сағаттарда ғана байланыста болуға міндетті.",
                 "Работник обязан быть на связи только в часы, определённые трудовым договором.",
                 "The worker must be reachable only during the hours set by the employment contract."),
        **_texts("reasons", "Жұмыс күні бойы байланыста болу міндеті демалыс құқығын бұзады.",
                 "Обязанность быть на связи весь день нарушает право на отдых.",
                 "A duty to be reachable all day breaches the right to rest."))
    costs = desk.position(
        referral, "fturk", "workers", "oppose", key="3", for_side=True, day=d + timedelta(days=2),
        **_texts("reasons", "Шығыстарды өтеу жұмыс берушінің міндеті болуы тиіс, құқығы емес.",
                 "Возмещение расходов должно быть обязанностью работодателя, а не его правом.",
                 "Compensating the expenses must be the employer's duty, not an option."))
    desk.position(referral, "atameken", "employers", "support", key="3", for_side=True, day=d + timedelta(days=4),
                  **_texts("reasons", "Шағын бизнес үшін міндетті өтеу ауыр жүктеме болар еді.",
                           "Обязательное возмещение стало бы чрезмерной нагрузкой для малого бизнеса.",
                           "Mandatory compensation would overburden small businesses."))
    safety = desk.position(
        referral, "paryz", "employers", "amend", key="4", day=d + timedelta(days=5),
        **_texts("wording", "Жұмыс беруші қызметкердің келісімімен жұмыс орнын тексереді.",
                 "Работодатель проверяет рабочее место работника по согласованию с ним.",
                 "The employer checks the worker's workplace with the worker's consent."),
        **_texts("reasons", "Жұмыс берушінің жауапкершілігі жұмыс орнын тексеру мүмкіндігін талап етеді.",
                 "Ответственность работодателя требует возможности проверить рабочее место.",
                 "The employer's liability requires a way to check the workplace."))
    late = desk.position(
        referral, "labour_confederation", "workers", "amend", key="1", day=due + timedelta(days=3),
        **_texts("wording", "Қашықтан жұмысқа аралас (гибридтік) жұмыс та жатады.",
                 "К дистанционной работе относится и комбинированная (гибридная) работа.",
                 "Remote work includes combined (hybrid) work."),
        **_texts("reasons", "Гибридтік жұмыс іс жүзінде кең таралған.", "Гибридная работа широко распространена.",
                 "Hybrid work is widespread in practice."))
    replied = due + timedelta(days=7)
    desk.reply(hours, "partly", replied, **_texts(
        "reason", "Шарттағы сағаттар туралы ереже қабылданды; «тек» сөзі қажет емес.",
        "Норма о часах по договору принята; слово «только» излишне.",
        "The rule on the contract's hours is accepted; the word “only” is not needed."))
    desk.reply(costs, "rejected", replied, **_texts(
        "reason", "Міндетті өтеу шағын кәсіпкерлікке жүктемені арттырады; ұжымдық шартта белгілеуге болады.",
        "Обязательное возмещение увеличит нагрузку на малый бизнес; его можно установить коллективным договором.",
        "Mandatory compensation would burden small businesses; a collective agreement may provide for it."))
    desk.reply(safety, "accepted", replied)
    desk.reply(late, "rejected", replied, **_texts(
        "reason", "Аралас жұмыс Кодекстің 138-бабында реттелген.", "Комбинированная работа урегулирована статьёй 138 Кодекса.",
        "Combined work is already governed by Article 138 of the Code."))
    services.referral_publish(referral=referral, by=desk.secretary, published_on=replied + timedelta(days=2))
    services.version_add(draft=draft, by=desk.secretary, texts=REMOTE_V2, note="Amendments accepted after the "
                         "commission's consultation (demo)")
    services.draft_close(draft=draft, by=desk.secretary, outcome=Outcome.ADOPTED, outcome_on=today - timedelta(days=60),
                         act_number="№ 999-VIII (демо)", note="Demonstration outcome: not a real act.")
    return draft


def _open(desk: _Desk, rtc: Commission, today: date) -> DraftAct:
    ministry = desk.orgs["ministry_labour"]
    draft = services.draft_create(
        by=desk.secretary, drafter=ministry, kind="ministerial_order", texts=WAGE_ORDER, reference="ДЕМО-МЗП-2",
        **_texts("title", "Ең төменгі жалақы мөлшерін есептеу әдістемесін бекіту туралы (демо)",
                 "Об утверждении Методики расчета минимального размера заработной платы (демо)",
                 "On the method of calculating the minimum wage (demo)"))
    referred_on = today - timedelta(days=6)
    referral = services.referral_create(draft=draft, by=desk.secretary, commission=rtc, referred_on=referred_on)
    services.referral_publish(referral=referral, by=desk.secretary, published_on=referred_on)
    d = referred_on + timedelta(days=1)
    desk.position(referral, "ministry_labour", "state", "support", day=d)
    desk.position(
        referral, "fturk", "workers", "oppose", key="3", for_side=True, day=d + timedelta(days=1),
        **_texts("reasons", "Медианалық жалақының 50 пайызы лайықты өмір сүруге жеткіліксіз; МОЕ ұсынымы — 60 пайыз.",
                 "50 процентов медианы недостаточно для достойной жизни; ориентир МОТ — 60 процентов.",
                 "Half the median wage is not enough for a decent living; the ILO benchmark is 60 per cent."))
    timing = desk.position(
        referral, "atameken", "employers", "amend", key="1", for_side=True, day=d + timedelta(days=2),
        **_texts("wording", "Ең төменгі жалақы мөлшері жыл сайын 1 шілдеге дейін есептеледі.",
                 "Минимальный размер заработной платы рассчитывается ежегодно до 1 июля.",
                 "The minimum wage is calculated every year before 1 July."),
        **_texts("reasons", "Кәсіпорындар бюджетті жоспарлау үшін уақыт қажет.",
                 "Предприятиям нужно время для планирования бюджета.",
                 "Businesses need time to plan their budgets."))
    withdrawn = desk.position(
        referral, "krrk", "employers", "amend", key="2", day=d + timedelta(days=2),
        **_texts("wording", "Есеп тұтыну бағаларының индексін де ескереді.",
                 "Расчет учитывает также индекс потребительских цен.",
                 "The calculation also takes the consumer price index into account."))
    services.position_withdraw(position=withdrawn, by=desk.admin)
    desk.reply(timing, "partly", d + timedelta(days=3), **_texts(
        "reason", "Мерзім 1 тамызға ауыстырылады: статистика шілдеде жарияланады.",
        "Срок переносится на 1 августа: статистика публикуется в июле.",
        "The date moves to 1 August: the statistics come out in July."))
    return draft


def _withdrawn(desk: _Desk, rtc: Commission, today: date) -> DraftAct:
    ministry = desk.orgs["ministry_labour"]
    draft = services.draft_create(
        by=desk.secretary, drafter=ministry, kind="law", texts=UNION_LAW, reference="ДЕМО-ПС-7",
        **_texts("title", "Кәсіптік одақтар туралы заңға өзгерістер енгізу туралы (демо)",
                 "О внесении изменений в Закон «О профессиональных союзах» (демо)",
                 "On amendments to the Law on Trade Unions (demo)"))
    referred_on = today - timedelta(days=300)
    referral = services.referral_create(draft=draft, by=desk.secretary, commission=rtc, referred_on=referred_on)
    d = referred_on + timedelta(days=2)
    members = desk.position(
        referral, "fturk", "workers", "oppose", key="2", for_side=True, day=d,
        **_texts("reasons", "Жартылай шек МОЕ-нің 87-конвенциясына қайшы келеді және салалық одақтарды жояды.",
                 "Порог в половину работников противоречит Конвенции МОТ № 87 и упразднит отраслевые союзы.",
                 "A threshold of half the workers contradicts ILO Convention No. 87 and would abolish sectoral unions."))
    desk.position(referral, "amanat", "workers", "oppose", key="1", day=d + timedelta(days=1),
                  **_texts("reasons", "Алты ай мерзімі тым ұзақ, бұл кезде одақ қорғалмайды.",
                           "Шесть месяцев — слишком долго: всё это время союз не защищён.",
                           "Six months is too long: the union is unprotected all that time."))
    registration = desk.position(
        referral, "atameken", "employers", "amend", key="3", for_side=True, day=d + timedelta(days=3),
        **_texts("wording", "Осы Заң алғашқы ресми жарияланғаннан кейін алты ай өткен соң қолданысқа енгізіледі.",
                 "Настоящий Закон вводится в действие по истечении шести месяцев после его первого официального "
                 "опубликования.",
                 "This Law enters into force six months after its first official publication."),
        **_texts("reasons", "Ұйымдарға дайындалуға уақыт керек.", "Организациям нужно время на подготовку.",
                 "Organisations need time to prepare."))
    desk.position(referral, "government", "state", "no_opinion", for_side=True, day=d + timedelta(days=4))
    replied = d + timedelta(days=12)
    desk.reply(members, "accepted", replied, **_texts(
        "reason", "Шек алынып тасталады; жоба қайта қаралады.", "Порог исключается; проект будет переработан.",
        "The threshold is dropped; the draft will be reworked."))
    desk.reply(registration, "accepted", replied)
    services.referral_publish(referral=referral, by=desk.secretary, published_on=replied + timedelta(days=1))
    services.draft_close(draft=draft, by=desk.secretary, outcome=Outcome.WITHDRAWN,
                         outcome_on=replied + timedelta(days=20),
                         note="Withdrawn by the drafting body after the commission's consultation (demo).")
    return draft


def _due(referral: Referral) -> date:
    deadline = deadline_of(referral)
    return deadline.due if deadline else referral.referred_on + timedelta(days=14)


def load(*, by: User, users: dict[str, User], orgs: dict[str, Organisation], today: date) -> str:
    """Create the demonstration consultations on the republican commission; returns one line saying what was loaded."""
    rtc = Commission.objects.filter(level="republican", secretariat=orgs["ministry_labour"]).order_by("pk").first()
    if rtc is None:
        return "Consultations: no republican commission in the demonstration data, none loaded."
    desk = _Desk(secretary=users["secretary"], admin=by, editor=users["editor"], orgs=orgs)
    drafts = [_adopted(desk, rtc, today), _open(desk, rtc, today), _withdrawn(desk, rtc, today)]
    DraftAct.objects.filter(pk__in=[d.pk for d in drafts]).update(is_demo=True)
    return f"Consultations: {len(drafts)} demonstration drafts on the republican commission (adopted, open, withdrawn)."
