"""Demonstration agreements: a General Agreement with commitments, sectoral, regional and collective agreements.

Everything is created through the app's services (so it is validated and audited like a user's edits) and
marked as demonstration data. Titles say "demo": none of these is an official text.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tripartite.agreements import services
from tripartite.agreements.models import Agreement
from tripartite.commissions.models import Commission
from tripartite.core.models import Region, Sector
from tripartite.partners import services as partner_services
from tripartite.partners.models import Organisation

ALMATY = "750000000"
EAST = "630000000"


def _t(kk: str, ru: str, en: str) -> dict[str, Any]:
    return {"title_kk": kk, "title_ru": ru, "title_en": en}


def _clause(by: Any, agreement: Agreement, number: str, topic: str, en: str, ru: str, kk: str,
            **parameters: int) -> None:
    services.clause_add(by=by, agreement=agreement, number=number, topic=topic, text_kk=kk, text_ru=ru, text_en=en,
                        parameters={k: Decimal(v) for k, v in parameters.items()})


def _employer(by: Any, serial: int, kk: str, ru: str, en: str, parent: Organisation | None) -> Organisation:
    from tripartite.partners.demo import demo_bin

    return partner_services.organisation_create(by=by, data={
        "kind": "employer", "name_kk": kk, "name_ru": ru, "name_en": en, "parent": parent, "published": True,
        "bin": demo_bin(serial),
        "regions": list(Region.objects.filter(kato=ALMATY)), "sectors": list(Sector.objects.filter(code="F")),
    })


def load(*, by: Any, users: dict[str, Any], orgs: dict[str, Organisation], today: date) -> str:
    start = date(today.year - 1, 1, 1)
    end = date(today.year + 1, 12, 31)
    signed = start - timedelta(days=20)
    common: dict[str, Any] = {"signed_on": signed, "effective_from": start, "effective_to": end, "is_demo": True}
    sectors = {s.code: s for s in Sector.objects.all()}
    regions = {r.kato: r for r in Region.objects.all()}
    republican = Commission.objects.filter(level="republican").order_by("id").first()

    general = services.agreement_create(
        by=by, owner=orgs["ministry_labour"], kind="general", commission=republican, covered_employees=None,
        **_t("Бас келісім (демо)", "Генеральное соглашение (демо)", "General Agreement (demo)"), **common,
    )
    for side, key, person in (("state", "government", "Deputy Prime Minister (demo)"),
                              ("employers", "atameken", "Chairman of the Board (demo)"),
                              ("workers", "fturk", "Chairman (demo)")):
        services.party_add(by=by, agreement=general, side=side, organisation=orgs[key], signatory_name=person,
                           authority="Charter")
    _clause(by, general, "1", "pay", "Pay shall not be lower than the minimum wage.",
            "Оплата труда не ниже минимальной заработной платы.", "Еңбекақы ең төменгі жалақыдан төмен болмайды.",
            minimum_monthly_pay=85000)
    _clause(by, general, "2", "rest_leave", "Annual paid leave of at least 24 calendar days.",
            "Ежегодный оплачиваемый отпуск не менее 24 календарных дней.",
            "Жыл сайынғы ақылы еңбек демалысы кемінде 24 күнтізбелік күн.", annual_paid_leave_days=24)
    for side, en, ru, kk, due, done in (
        ("state", "Draft a new minimum wage methodology.", "Разработать новую методику расчёта МЗП.",
         "ЕТЖ есептеудің жаңа әдістемесін әзірлеу.", -120, -130),
        ("employers", "Promote collective agreements in small businesses.",
         "Содействовать заключению коллективных договоров в малом бизнесе.",
         "Шағын бизнесте ұжымдық шарттар жасасуға жәрдемдесу.", -30, None),
        ("workers", "Train union negotiators in every region.", "Обучить переговорщиков профсоюзов во всех регионах.",
         "Барлық өңірлерде кәсіподақ келіссөз жүргізушілерін оқыту.", 90, None),
        ("state", "Report on occupational safety inspections every quarter.",
         "Ежеквартально отчитываться о проверках охраны труда.", "Еңбекті қорғау тексерістері туралы тоқсан сайын "
         "есеп беру.", -60, -61),
    ):
        commitment = services.commitment_add(by=by, agreement=general, text_en=en, text_ru=ru, text_kk=kk,
                                             responsible_side=side, due_date=today + timedelta(days=due))
        if done is not None:
            services.commitment_fulfil(commitment=commitment, by=by, done_on=today + timedelta(days=done),
                                       evidence="Report to the Republican Tripartite Commission (demo)")

    construction = services.agreement_create(
        by=by, owner=orgs["ministry_industry"], kind="sectoral", sectors=[sectors["F"]],
        **_t("Құрылыс саласындағы салалық келісім (демо)", "Отраслевое соглашение в строительстве (демо)",
             "Construction sectoral agreement (demo)"), **common,
    )
    _clause(by, construction, "3.1", "pay", "Minimum monthly pay in construction: 120,000 tenge.",
            "Минимальная месячная оплата труда в строительстве: 120 000 тенге.",
            "Құрылыстағы ең төменгі айлық жалақы: 120 000 теңге.", minimum_monthly_pay=120000)
    _clause(by, construction, "4.2", "rest_leave", "Annual paid leave: 26 calendar days.",
            "Ежегодный оплачиваемый отпуск: 26 календарных дней.", "Жыл сайынғы ақылы демалыс: 26 күнтізбелік күн.",
            annual_paid_leave_days=26)
    mining = services.agreement_create(
        by=by, owner=orgs["ministry_industry"], kind="sectoral", sectors=[sectors["B"], sectors["C"]],
        **_t("Тау-кен металлургия салалық келісімі (демо)", "Отраслевое соглашение горно-металлургического "
             "комплекса (демо)", "Mining and metallurgy sectoral agreement (demo)"), **common,
    )
    _clause(by, mining, "2.1", "pay", "Minimum monthly pay: 150,000 tenge.", "Минимальная месячная оплата: "
            "150 000 тенге.", "Ең төменгі айлық жалақы: 150 000 теңге.", minimum_monthly_pay=150000)

    almaty = services.agreement_create(
        by=by, owner=orgs["akimat_almaty"], kind="regional", regions=[regions[ALMATY]],
        **_t("Алматы қаласының өңірлік келісімі (демо)", "Региональное соглашение города Алматы (демо)",
             "Almaty city regional agreement (demo)"), **common,
    )
    _clause(by, almaty, "1.4", "pay", "Minimum monthly pay in Almaty: 100,000 tenge.",
            "Минимальная месячная оплата в Алматы: 100 000 тенге.", "Алматыдағы ең төменгі айлық жалақы: 100 000 "
            "теңге.", minimum_monthly_pay=100000)
    east = services.agreement_create(
        by=by, owner=orgs["akimat_east"], kind="regional", regions=[regions[EAST]],
        disagreements="Employers did not accept the proposed regional wage coefficient (demo).",
        **_t("Шығыс Қазақстан облысының өңірлік келісімі (демо)", "Региональное соглашение Восточно-Казахстанской "
             "области (демо)", "East Kazakhstan regional agreement (demo)"), **common,
    )
    _clause(by, east, "1.2", "pay", "Minimum monthly pay: 95,000 tenge.", "Минимальная месячная оплата: 95 000 "
            "тенге.", "Ең төменгі айлық жалақы: 95 000 теңге.", minimum_monthly_pay=95000)

    builders = _employer(by, 901, "«Алматы Құрылыс» ЖШС (демо)", "ТОО «Алматы Строй» (демо)",
                         "Almaty Stroy LLP (demo)", orgs.get("chamber_almaty"))
    small = _employer(by, 902, "«Жас Құрылысшы» ЖШС (демо)", "ТОО «Жас Курылысшы» (демо)",
                      "Zhas Kurylysshy LLP (demo)", orgs.get("chamber_almaty"))
    Organisation.objects.filter(pk__in=[builders.pk, small.pk]).update(is_demo=True)

    metall = services.agreement_create(
        by=by, owner=orgs["employer_demo"], kind="collective", employer=orgs["employer_demo"], covered_employees=1200,
        proposal_date=signed - timedelta(days=90), negotiations_started_on=signed - timedelta(days=84),
        **_t("«Демо-Металл» ЖШС ұжымдық шарты (демо)", "Коллективный договор ТОО «Демо-Металл» (демо)",
             "Demo-Metall LLP collective agreement (demo)"), **common,
    )
    _clause(by, metall, "5.1", "pay", "Minimum monthly pay: 160,000 tenge.", "Минимальная месячная оплата: "
            "160 000 тенге.", "Ең төменгі айлық жалақы: 160 000 теңге.", minimum_monthly_pay=160000)
    _clause(by, metall, "6.1", "working_time", "A 36-hour week in hot shops.", "36-часовая неделя в горячих цехах.",
            "Ыстық цехтарда аптасына 36 сағат.", weekly_hours=36)
    services.dispute_procedure_set(agreement=metall, by=by,
                                   deadline_days={"conciliation_commission_consideration": 5},
                                   conciliators=["A. Conciliator (demo)"], mediator="B. Mediator (demo)",
                                   arbitration_rules="Arbitration by three arbitrators, one chosen by each side and a "
                                                     "chair agreed by both (demo).")
    services.party_add(by=by, agreement=metall, side="employers", organisation=orgs["employer_demo"],
                       signatory_name="Director (demo)", authority="Charter")
    services.party_add(by=by, agreement=metall, side="workers", organisation=orgs["primary_demo_metall"],
                       signatory_name="Union committee chair (demo)", authority="Decision of the union conference")
    for side, person in (("employers", "HR director (demo)"), ("employers", "Chief engineer (demo)"),
                         ("workers", "Union chair (demo)"), ("workers", "Shop steward (demo)")):
        services.bargaining_member_add(by=by, agreement=metall, side=side, person_name=person)

    below_sector = services.agreement_create(
        by=by, owner=builders, kind="collective", employer=builders, covered_employees=340,
        proposal_date=signed - timedelta(days=60), negotiations_started_on=signed - timedelta(days=45),
        **_t("«Алматы Құрылыс» ұжымдық шарты (демо)", "Коллективный договор ТОО «Алматы Строй» (демо)",
             "Almaty Stroy collective agreement (demo)"), **common,
    )
    _clause(by, below_sector, "2.1", "pay", "Minimum monthly pay: 110,000 tenge.", "Минимальная месячная оплата: "
            "110 000 тенге.", "Ең төменгі айлық жалақы: 110 000 теңге.", minimum_monthly_pay=110000)
    below_floor = services.agreement_create(
        by=by, owner=small, kind="collective", employer=small, covered_employees=45,
        **_t("«Жас Құрылысшы» ұжымдық шарты (демо)", "Коллективный договор ТОО «Жас Курылысшы» (демо)",
             "Zhas Kurylysshy collective agreement (demo)"), **common,
    )
    _clause(by, below_floor, "1", "pay", "Minimum monthly pay: 80,000 tenge.", "Минимальная месячная оплата: "
            "80 000 тенге.", "Ең төменгі айлық жалақы: 80 000 теңге.", minimum_monthly_pay=80000)
    _clause(by, below_floor, "2", "working_time", "A 42-hour working week.", "42-часовая рабочая неделя.",
            "Аптасына 42 сағаттық жұмыс.", weekly_hours=42)
    return ("Agreements: 1 General Agreement with 4 commitments, 2 sectoral, 2 regional and 3 collective "
            "agreements (one below the minimum wage, one below its sectoral agreement).")
