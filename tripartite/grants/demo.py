"""Demonstration data of the grants app: three calls with NGO applications, scores and an award, and a PPP register.

Everything here is invented to show the pages and is marked as demonstration data; none of it is a real call,
organisation, contract or statistic.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from tripartite.core.models import Region, Sector, User
from tripartite.grants import services
from tripartite.grants.models import Call, PPPContract, TopicArea
from tripartite.partners import services as partner_services
from tripartite.partners.models import Organisation

TOPICS = (
    ("youth", "Жастар саясаты (демо)", "Молодёжная политика (демо)", "Youth policy (demo)"),
    ("social-support", "Әлеуметтік қолдау (демо)", "Социальная поддержка (демо)", "Social support (demo)"),
    ("rural-development", "Ауылды дамыту (демо)", "Развитие села (демо)", "Rural development (demo)"),
)

NGOS = (
    ("network", None, "«Демо азаматтық желі» ҚБ", "ОО «Демо гражданская сеть»", "Demo Civic Network PA", ("750000000",)),
    ("branch", "network", "«Демо азаматтық желі» ШҚО филиалы", "Филиал ОО «Демо гражданская сеть» по ВКО",
     "Demo Civic Network, East Kazakhstan branch", ("630000000",)),
    ("rural", None, "«Демо ауыл бастамалары» ҚҚ", "ОФ «Демо сельские инициативы»", "Demo Rural Initiatives PF", ("470000000",)),
    ("youth", None, "«Демо жастар орталығы» ҚБ", "ОО «Демо молодёжный центр»", "Demo Youth Centre PA", ("750000000",)),
)

# (sector, kk, ru, en) — kinds of PPP objects the source article names for education, and a few other sectors.
PPP_OBJECTS = (
    ("P", "Балабақшаны сенімгерлік басқаруға беру", "Передача детского сада в доверительное управление",
     "Kindergarten transferred to trust management"),
    ("P", "Мектеп салу және пайдалану", "Строительство и эксплуатация школы", "Construction and operation of a school"),
    ("P", "Жатақхана салу және пайдалану", "Строительство и эксплуатация общежития", "Construction and operation of a hostel"),
    ("P", "Мектептерде бейнебақылау жүйесін енгізу", "Внедрение видеонаблюдения в школах",
     "Video surveillance systems in schools"),
    ("P", "Мектеп асханаларын жаңғырту", "Модернизация школьных столовых", "Modernisation of school canteens"),
    ("Q", "Емхана салу және пайдалану", "Строительство и эксплуатация поликлиники", "Construction and operation of a polyclinic"),
    ("H", "Автобус паркін жаңарту", "Обновление автобусного парка", "Renewal of a bus fleet"),
    ("D", "Көшелерді жарықтандыру жүйесі", "Система уличного освещения", "Street lighting system"),
    ("R", "Спорт кешені", "Спортивный комплекс", "Sports complex"),
)
PPP_STATUSES = ("signed", "operating", "operating", "completed", "tender", "terminated")


# Serials for the demo BINs of the NGOs (tripartite.demo.services.demo_bin); other apps' demos use other ranges.
BIN_SERIALS_FROM = 960


def _ngos(by: User, regions: dict[str, Region]) -> dict[str, Organisation]:
    from tripartite.partners.demo import demo_bin

    made: dict[str, Organisation] = {}
    for serial, (key, parent, kk, ru, en, katos) in enumerate(NGOS, start=BIN_SERIALS_FROM):
        made[key] = partner_services.organisation_create(by=by, data={
            "kind": "ngo", "parent": made[parent] if parent else None, "name_kk": kk, "name_ru": ru, "name_en": en,
            "published": True, "regions": [regions[k] for k in katos if k in regions], "bin": demo_bin(serial),
        })
    Organisation.objects.filter(pk__in=[o.pk for o in made.values()]).update(is_demo=True)
    return made


def _call(by: User, issuer: Organisation, topic: TopicArea, *, kind: str, titles: tuple[str, str, str], budget: int,
          opens: date, deadline: date, regions: list[Region], evaluators: list[User]) -> Call:
    call = services.call_create(
        by=by, issuer=issuer, topic=topic, kind=kind, title_kk=titles[0], title_ru=titles[1], title_en=titles[2],
        description_en="Demonstration call: not a real announcement.", budget=budget, eligible_kinds=["ngo"],
        min_years_registered=1, max_request=budget // 2, required_documents=["charter", "project_plan"],
        min_evaluators=2, opens_on=opens, deadline=deadline, results_on=deadline + timedelta(days=30), regions=regions,
    )
    for weight, kk, ru, en in (
        (40, "Жобаның маңыздылығы", "Значимость проекта", "Relevance of the project"),
        (35, "Іске асыру мүмкіндігі", "Реализуемость", "Feasibility"),
        (25, "Бюджеттің негізділігі", "Обоснованность бюджета", "Soundness of the budget"),
    ):
        services.criterion_add(by=by, call=call, weight=weight, name_kk=kk, name_ru=ru, name_en=en)
    for user in evaluators:
        services.evaluator_add(by=by, call=call, user=user)
    services.call_publish(by=by, call=call, today=opens - timedelta(days=1))
    return call


def _apply(by: User, call: Call, org: Organisation, *, title: str, amount: int, regions: list[Region],
           settlement: str, on: date) -> object:
    half = amount // 2
    application = services.application_create(
        by=by, call=call, applicant=org, regions=regions, project_title=title, summary="Demonstration application.",
        requested_amount=amount, settlement_type=settlement, registered_on=date(2015, 3, 1),
        lines=[("Staff and trainers", half), ("Materials and travel", amount - half)], today=on,
    )
    for kind in ("charter", "project_plan"):
        services.document_add(by=by, application=application, kind=kind, name=f"{kind}-demo.pdf",
                              content=b"%PDF-1.4\n% demonstration document\n%%EOF\n", today=on)
    return services.application_submit(by=by, application=application, today=on)


def _score(evaluator_user: User, application: object, call: Call, marks: tuple[int, int, int], on: date) -> None:
    ids = [c.pk for c in call.criteria.order_by("id")]
    services.score_record(by=evaluator_user, application=application, marks=dict(zip(ids, marks, strict=True)), today=on)  # type: ignore[arg-type]


def _ppp(by: User, orgs: dict[str, Organisation], today: date) -> int:
    rng = random.Random(2015)
    regions = list(Region.objects.order_by("kato"))
    sectors = {s.code: s for s in Sector.objects.all()}
    akimats = {"630000000": orgs.get("akimat_east"), "750000000": orgs.get("akimat_almaty"),
               "470000000": orgs.get("akimat_mangystau")}
    ministry = orgs["ministry_labour"]
    created = []
    for n in range(36):
        # Education objects come up about every second contract, as in the article's description of PPP in education.
        sector, kk, ru, en = PPP_OBJECTS[rng.randrange(5)] if n % 2 == 0 else PPP_OBJECTS[rng.randrange(len(PPP_OBJECTS))]
        if sector not in sectors or not regions:
            continue
        region = regions[n % len(regions)]
        status = PPP_STATUSES[n % len(PPP_STATUSES)]
        partner = akimats.get(region.kato) or ministry
        created.append(services.ppp_create(by=by, state_partner=partner, data={
            "number": f"DEMO-PPP-{n + 1:03d}", "private_partner": f"Demo Partner {n + 1} LLP (demo)",
            "sector": sectors[sector], "region": region, "object_kk": f"{kk} (демо)", "object_ru": f"{ru} (демо)",
            "object_en": f"{en} (demo)", "value": rng.randrange(150, 9000) * 1_000_000,
            "signed_on": None if status == "tender" else today - timedelta(days=rng.randrange(60, 2500)),
            "term_years": rng.choice((5, 10, 15, 20, 25)), "status": status, "published": True,
        }))
    PPPContract.objects.filter(pk__in=[c.pk for c in created]).update(is_demo=True)
    return len(created)


def load(*, by: User, users: dict[str, User], orgs: dict[str, Organisation], today: date) -> str:
    regions = {r.kato: r for r in Region.objects.all()}
    topics = {}
    for position, (code, kk, ru, en) in enumerate(TOPICS):
        topic = TopicArea(code=code, name_kk=kk, name_ru=ru, name_en=en, position=position, is_demo=True)
        topic.full_clean()
        topic.save()
        topics[code] = topic
    ngos = _ngos(by, regions)
    ministry = orgs["ministry_labour"]
    secretary = users["secretary"]
    evaluators = [users["analyst"], users["conciliator"]]
    east, almaty, mangystau = (regions.get(k) for k in ("630000000", "750000000", "470000000"))
    every = [r for r in (east, almaty, mangystau) if r is not None]

    # 1. A grant call whose results are published, with one contract awarded.
    closed = _call(secretary, ministry, topics["social-support"], kind="grant",
                   titles=("Әлеуметтік қолдау гранттары (демо)", "Гранты на социальную поддержку (демо)",
                           "Grants for social support (demo)"),
                   budget=60_000_000, opens=today - timedelta(days=120), deadline=today - timedelta(days=60),
                   regions=every, evaluators=evaluators)
    on = today - timedelta(days=100)
    a1 = _apply(by, closed, ngos["network"], title="Support for families (demo)", amount=25_000_000,
                regions=[r for r in (almaty,) if r], settlement="urban", on=on)
    a2 = _apply(by, closed, ngos["rural"], title="Village social workers (demo)", amount=18_000_000,
                regions=[r for r in (mangystau,) if r], settlement="rural", on=on)
    a3 = _apply(by, closed, ngos["youth"], title="Volunteer helpline (demo)", amount=12_000_000,
                regions=[r for r in (almaty, east) if r], settlement="urban", on=on)
    for user in evaluators:
        services.conflicts_declare(by=user, call=closed, today=today - timedelta(days=59))
    scoring_day = today - timedelta(days=50)
    for application, marks_a, marks_b in ((a1, (8, 7, 8), (9, 8, 7)), (a2, (9, 9, 8), (3, 2, 3)), (a3, (6, 6, 5), (7, 5, 6))):
        _score(evaluators[0], application, closed, marks_a, scoring_day)
        _score(evaluators[1], application, closed, marks_b, scoring_day)
    services.call_close(by=secretary, call=closed, today=today - timedelta(days=30))
    services.award_create(by=secretary, application=a1, amount=25_000_000,  # type: ignore[arg-type]
                          signed_on=max(today, timezone.localdate()),
                          contract_number="DEMO-G-001")

    # 2. A social order call past its deadline, being scored; it had a single applicant.
    evaluation = _call(secretary, ministry, topics["rural-development"], kind="social_order",
                       titles=("Ауылдағы әлеуметтік қызметтер (демо)", "Социальные услуги на селе (демо)",
                               "Social services in villages (demo)"),
                       budget=30_000_000, opens=today - timedelta(days=40), deadline=today - timedelta(days=5),
                       regions=every, evaluators=evaluators)
    b1 = _apply(by, evaluation, ngos["branch"], title="Mobile social services (demo)", amount=14_000_000,
                regions=[r for r in (east,) if r], settlement="rural", on=today - timedelta(days=20))
    services.conflicts_declare(by=evaluators[0], call=evaluation, today=today)
    _score(evaluators[0], b1, evaluation, (7, 7, 6), today)

    # 3. A youth grant call accepting applications now.
    accepting = _call(secretary, ministry, topics["youth"], kind="grant",
          titles=("Жастар бастамаларына гранттар (демо)", "Гранты на молодёжные инициативы (демо)",
                  "Grants for youth initiatives (demo)"),
          budget=40_000_000, opens=today - timedelta(days=3), deadline=today + timedelta(days=30), regions=[], evaluators=evaluators)
    Call.objects.filter(pk__in=[closed.pk, evaluation.pk, accepting.pk]).update(is_demo=True)
    contracts = _ppp(by, orgs, today)
    return f"Grants: 3 demonstration calls, {len(ngos)} NGOs, 4 applications, scores and 1 award; {contracts} demonstration PPP contracts"
