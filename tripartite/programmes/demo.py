"""Demonstration data: the Decent Work roadmap with the pack's five areas, a few measures in each (every status:
not started, in progress, done on time, done late, late and dropped), linked to the demo's decisions,
commitments, a consultation and the survey campaign, and indicator targets with baselines (the trade unions'
proposal of a minimum wage at 50 % of the median within five years among them).

Every measure, report and target is invented for the demonstration ("(demo)"), as the roadmap's own measures
were not retrieved; the five areas and the 50 % proposal come from the source documents (seed 003).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tripartite.agreements.models import Commitment
from tripartite.commissions.models import Commission, Decision
from tripartite.consultations import services as consultation_services
from tripartite.partners.models import Organisation
from tripartite.surveys.models import Campaign

from . import services
from .models import Area, Measure, Programme

#: A one-page PDF standing for the evidence the organisations attach.
EVIDENCE = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")

DRAFT_RU = """Статья 1. Предмет
Настоящий Закон вводит понятие насилия и домогательств в сфере труда (демо).
Статья 2. Обязанности работодателя
Работодатель принимает политику предотвращения насилия и домогательств (демо).
"""
DRAFT_EN = """Article 1. Subject
This Law defines violence and harassment in the world of work (demo).
Article 2. Duties of the employer
The employer adopts a policy to prevent violence and harassment (demo).
"""


def _t(field: str, kk: str, ru: str, en: str) -> dict[str, Any]:
    return {f"{field}_kk": kk, f"{field}_ru": ru, f"{field}_en": en}


def _measure(by: Any, area: Area, texts: tuple[str, str, str], *, responsible: list[Organisation], side: str,
             start: date, due: date, evidence: str, **links: Any) -> Measure:
    fields: dict[str, Any] = {**_t("title", *texts), **links}
    return services.measure_create(by=by, area=area, responsible=responsible, responsible_side=side,
                                   start_date=start, due_date=due, evidence=evidence, **fields)


def _report(by: Any, measure: Measure, org: Organisation, on: date, state: str, texts: tuple[str, str, str],
            name: str = "") -> None:
    services.report_file(by=by, measure=measure, organisation=org, reported_on=on, new_state=state,
                         evidence=EVIDENCE if name else None, evidence_name=name, **_t("text", *texts))


def _consultation(by: Any, orgs: dict[str, Organisation], today: date) -> Any:
    """A draft law on violence and harassment, referred to the republican commission and published."""
    draft = consultation_services.draft_create(
        by=by, drafter=orgs["ministry_labour"], kind="code_amendment", texts={"ru": DRAFT_RU, "en": DRAFT_EN},
        **_t("title", "Еңбек саласындағы зорлық-зомбылық пен қудалау туралы заң жобасы (демо)",
             "Проект закона о насилии и домогательствах в сфере труда (демо)",
             "Draft law on violence and harassment at work (demo)"))
    republican = Commission.objects.filter(level="republican").order_by("id").first()
    if republican is not None:
        referral = consultation_services.referral_create(draft=draft, by=by, commission=republican,
                                                         referred_on=today - timedelta(days=40))
        consultation_services.referral_publish(referral=referral, by=by, published_on=today - timedelta(days=30))
    type(draft).objects.filter(pk=draft.pk).update(is_demo=True)
    return type(draft).objects.get(pk=draft.pk)


def load(*, by: Any, users: dict[str, Any], orgs: dict[str, Organisation], today: date) -> str:
    start = date(today.year - 1, 1, 1)
    end = date(today.year + 3, 12, 31)
    roadmap = services.programme_create(
        by=by, coordinator=orgs["ministry_labour"], template="decent_work_roadmap", period_start=start,
        period_end=end, signatories=[orgs["government"], orgs["atameken"], orgs["fturk"]])
    Programme.objects.filter(pk=roadmap.pk).update(is_demo=True)
    areas = {a.code: a for a in roadmap.areas.all()}
    ministry, fturk, atameken = orgs["ministry_labour"], orgs["fturk"], orgs["atameken"]
    commitments = {c.text_en: c for c in Commitment.objects.filter(agreement__is_demo=True)}  # type: ignore[attr-defined]
    decision = Decision.objects.filter(meeting__commission__is_demo=True).order_by("id").first()
    campaign = Campaign.objects.filter(is_demo=True).order_by("id").first()
    draft = _consultation(by, orgs, today)
    day = lambda offset: today + timedelta(days=offset)  # noqa: E731
    year_start = date(today.year, 1, 1)

    # 1. Safe work and labour inspection.
    inspections = _measure(by, areas["safe_work"], (
        "Еңбекті қорғау тексерістері туралы тоқсан сайынғы есеп (демо)",
        "Ежеквартальный отчёт о проверках охраны труда (демо)",
        "Quarterly report on occupational safety inspections (demo)"),
        responsible=[ministry], side="state", start=start, due=day(-60), evidence="document",
        commitment=commitments.get("Report on occupational safety inspections every quarter."))
    _report(by, inspections, ministry, day(-62), "done", (
        "Есеп Республикалық үшжақты комиссияға ұсынылды (демо).",
        "Отчёт представлен Республиканской трёхсторонней комиссии (демо).",
        "The report was submitted to the Republican Tripartite Commission (demo)."), "inspections-report.pdf")
    checklists = _measure(by, areas["safe_work"], (
        "Тәуекелге бағдарланған тексеру парақтарын енгізу (демо)",
        "Внедрить риск-ориентированные проверочные листы (демо)",
        "Introduce risk-based inspection checklists (demo)"),
        responsible=[ministry], side="state", start=year_start, due=day(45), evidence="act", decision=decision)
    _report(by, checklists, ministry, day(-20), "in_progress", (
        "Жоба әзірленді, әлеуметтік әріптестермен келісілуде (демо).",
        "Проект подготовлен, согласуется с социальными партнёрами (демо).",
        "A draft is ready and under discussion with the social partners (demo)."))
    remedied = services.target_create(
        by=by, owner=areas["safe_work"], indicator_code="", unit="%", better="higher",
        **_t("title", "Бұзушылықтары жойылған тексерістер үлесі (демо)",
             "Доля проверок с устранёнными нарушениями (демо)", "Inspections whose breaches were remedied (demo)"),
        **_t("methodology", "Бұзушылықтары мерзімінде жойылған тексерістер ÷ бұзушылық анықталған тексерістер × 100.",
             "Проверки, по которым нарушения устранены в срок ÷ проверки с выявленными нарушениями × 100.",
             "Inspections whose breaches were remedied in time ÷ inspections that found breaches × 100."),
        baseline_value=Decimal("55"), baseline_year=start.year - 1, baseline_source="Labour inspectorate (demo)",
        target_value=Decimal("80"), target_year=end.year, milestones=[(start.year + 1, Decimal("62"))])
    services.observation_record(by=by, target=remedied, year=start.year, value=Decimal("60"),
                                source="Labour inspectorate (demo)")

    # 2. Social dialogue and freedom of association.
    negotiators = _measure(by, areas["social_dialogue"], (
        "Барлық өңірлерде кәсіподақ келіссөз жүргізушілерін оқыту (демо)",
        "Обучить переговорщиков профсоюзов во всех регионах (демо)",
        "Train union negotiators in every region (demo)"),
        responsible=[fturk], side="workers", start=year_start, due=day(90), evidence="event",
        commitment=commitments.get("Train union negotiators in every region."), campaign=campaign)
    _report(by, negotiators, fturk, day(-10), "in_progress", (
        "17 өңірдің 9-ында семинарлар өтті (демо).", "Семинары проведены в 9 из 17 регионов (демо).",
        "Seminars were held in 9 of the 17 regions (demo)."))
    small_business = _measure(by, areas["social_dialogue"], (
        "Шағын бизнесте ұжымдық шарттарды ілгерілету (демо)",
        "Продвигать коллективные договоры в малом бизнесе (демо)",
        "Promote collective agreements in small businesses (demo)"),
        responsible=[atameken], side="employers", start=start, due=day(-30), evidence="figure",
        commitment=commitments.get("Promote collective agreements in small businesses."))
    _report(by, small_business, atameken, day(-45), "in_progress", (
        "Өңірлік палаталарға әдістемелік ұсынымдар жіберілді (демо).",
        "Региональным палатам направлены методические рекомендации (демо).",
        "Guidance was sent to the regional chambers (demo)."))
    services.target_create(by=by, owner=areas["social_dialogue"], indicator_code="disputes_settled_peacefully",
                           baseline_value=Decimal("80"), baseline_year=start.year - 1,
                           baseline_source="Round table of 29 January 2026: about 80 % of collective disputes "
                                           "settled in negotiation (seed 003)",
                           target_value=Decimal("90"), target_year=end.year)

    # 3. The minimum wage.
    methodology = _measure(by, areas["minimum_wage"], (
        "ЕТЖ есептеудің жаңа әдістемесін әзірлеу (демо)", "Разработать новую методику расчёта МЗП (демо)",
        "Draft a new minimum wage methodology (demo)"),
        responsible=[ministry], side="state", start=start, due=day(-120), evidence="act",
        commitment=commitments.get("Draft a new minimum wage methodology."))
    _report(by, methodology, ministry, day(-125), "done", (
        "Әдістеме бұйрықпен бекітілді (демо).", "Методика утверждена приказом (демо).",
        "The methodology was approved by ministerial order (demo)."), "methodology-order.pdf")
    c131 = _measure(by, areas["minimum_wage"], (
        "ХЕҰ-ның 131 конвенциясын орындау бойынша ұсыныстар (демо)",
        "Предложения по реализации Конвенции МОТ № 131 (демо)",
        "Proposals to implement ILO Convention No. 131 (demo)"),
        responsible=[fturk], side="workers", start=year_start, due=day(30), evidence="document")
    services.target_create(
        by=by, owner=areas["minimum_wage"], indicator_code="mw_median_ratio",
        baseline_value=Decimal("28.3"), baseline_year=today.year - 1,
        baseline_source="85,000 tenge ÷ median wage 300,307 tenge (Q1 2025, Bureau of National Statistics)",
        target_value=Decimal("50"), target_year=today.year - 1 + 5,
        milestones=[(today.year + 1, Decimal("36")), (today.year + 3, Decimal("44"))])

    # 4. Social protection.
    _measure(by, areas["social_protection"], (
        "Платформалық жұмыспен қамтылғандарды әлеуметтік сақтандыруға қосу (демо)",
        "Охватить социальным страхованием занятых на платформах (демо)",
        "Bring platform workers into social insurance (demo)"),
        responsible=[ministry], side="state", start=day(60), due=day(400), evidence="act")
    benefits = _measure(by, areas["social_protection"], (
        "Әлеуметтік төлемдерді қайта қарау туралы баяндама (демо)",
        "Доклад о пересмотре социальных выплат (демо)", "Report on revising social benefits (demo)"),
        responsible=[ministry], side="state", start=start, due=day(-200), evidence="document")
    _report(by, benefits, ministry, day(-150), "done", (
        "Баяндама кешігіп ұсынылды (демо).", "Доклад представлен с опозданием (демо).",
        "The report was submitted late (demo)."), "benefits-report.pdf")

    # 5. Ending violence and harassment.
    c190 = _measure(by, areas["violence_harassment"], (
        "Зорлық-зомбылық пен қудалау туралы заң жобасы (демо)",
        "Законопроект о насилии и домогательствах (демо)", "Draft law on violence and harassment (demo)"),
        responsible=[ministry], co_executors=[fturk, atameken], side="state", start=start, due=day(20),
        evidence="act", draft=draft)
    _report(by, c190, ministry, day(-40), "in_progress", (
        "Жоба комиссияның қарауына жіберілді (демо).", "Проект направлен на рассмотрение комиссии (демо).",
        "The draft was referred to the commission (demo)."))
    hotline = _measure(by, areas["violence_harassment"], (
        "Кәсіподақ сенім телефонын ашу (демо)", "Открыть профсоюзную горячую линию (демо)",
        "Open a trade union helpline (demo)"),
        responsible=[fturk], side="workers", start=start, due=day(-15), evidence="event")
    _report(by, hotline, fturk, day(-90), "dropped", (
        "Мемлекеттік сенім телефонымен біріктірілді (демо).", "Объединена с государственной горячей линией (демо).",
        "Merged into the state helpline (demo)."))
    policies = services.target_create(
        by=by, owner=c190, indicator_code="", unit="%", better="higher",
        **_t("title", "Зорлық-зомбылыққа қарсы саясаты бар ұйымдар (демо)",
             "Организации с политикой против насилия (демо)",
             "Workplaces with a policy against violence and harassment (demo)"),
        **_t("methodology", "Саясаты бар зерттелген ұйымдар ÷ зерттелген ұйымдар × 100.",
             "Обследованные организации с политикой ÷ обследованные организации × 100.",
             "Surveyed workplaces with a policy ÷ surveyed workplaces × 100."),
        baseline_value=Decimal("5"), baseline_year=start.year - 1, baseline_source="Trade union survey (demo)",
        target_value=Decimal("40"), target_year=end.year)
    services.observation_record(by=by, target=policies, year=start.year, value=Decimal("11"),
                                source="Trade union survey (demo)")
    measures = Measure.objects.filter(area__programme=roadmap).count()
    del c131  # a measure with no report yet: not started
    return f"Programmes: the Decent Work roadmap with 5 areas and {measures} measures (demo)."
