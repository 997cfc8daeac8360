"""Kazakhstan: agreements' typed clause parameters and the statutory floors they are checked against (issue 5).

Rules defined here are added to ``kz.RULES``; parameters go to ``JurisdictionPack.clause_parameters``.
Floors already in ``kz.py`` are reused by key: ``minimum_wage_monthly`` (dated MZP history, confirmed),
``annual_paid_leave_min`` and ``normal_weekly_hours_max`` (background values, unverified). The floors
added here are not in the retrieved sources (``shared/domain/kz-labour-law.md``): every one is
``verified=False`` and must be shown as unverified until a legal secretariat confirms it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .agreements import ClauseParameter
from .kz_acts import LABOUR_CODE, LABOUR_CODE_URL
from .rules import Rule, Unit
from .texts import LegalSource, text

_BACKGROUND = "UNCONFIRMED: background value, not in the retrieved sources; verify against K1500000414."

#: Units of clause parameters that no statutory rule uses (a rule's unit is one of ``base.Unit``).
COEFFICIENT = "coefficient"
MONTHS_OF_PAY = "months_of_pay"

RULES: tuple[Rule, ...] = (
    Rule("overtime_pay_min_premium", Decimal(50), Unit.PERCENT, None, None,
         LegalSource(LABOUR_CODE, "108", LABOUR_CODE_URL, _BACKGROUND + " Background: overtime is paid at no "
                     "less than one and a half times the normal rate, i.e. a premium of 50%."), False,
         text("Үстеме жұмыс үшін ең аз үстемеақы, қалыпты мөлшерлемеге пайызбен (расталмаған).",
              "Минимальная доплата за сверхурочную работу, в процентах к обычной ставке (не подтверждено).",
              "Minimum premium for overtime work, as a percentage of the normal rate (unconfirmed).")),
    Rule("night_work_pay_min_premium", Decimal(50), Unit.PERCENT, None, None,
         LegalSource(LABOUR_CODE, "109", LABOUR_CODE_URL, _BACKGROUND + " Background: night work is paid at no "
                     "less than one and a half times the normal rate."), False,
         text("Түнгі уақыттағы жұмыс үшін ең аз үстемеақы, пайызбен (расталмаған).",
              "Минимальная доплата за работу в ночное время, в процентах (не подтверждено).",
              "Minimum premium for night work, as a percentage of the normal rate (unconfirmed).")),
    Rule("redundancy_compensation_min_months", 1, Unit.COUNT, None, None,
         LegalSource(LABOUR_CODE, "131", LABOUR_CODE_URL, _BACKGROUND + " Confirmed only that a collective "
                     "agreement may set a higher compensation than the Code: "
                     "https://continent-online.com/document/?doc_id=38396406&mode=p&page=8"), False,
         text("Қысқарту кезіндегі ең аз өтемақы, орташа айлық жалақы санымен (расталмаған).",
              "Минимальная компенсация при сокращении, в средних месячных заработках (не подтверждено).",
              "Minimum compensation on redundancy, in months of average pay (unconfirmed).")),
    # The "no worsening" rule: lower-level acts may not worsen the position set by law or by a higher-level
    # agreement. Not seen in retrieved text (domain brief 2.5); the favourability check cites this rule.
    Rule("agreement_no_worsening", True, Unit.FLAG, None, None,
         LegalSource(LABOUR_CODE, "10", LABOUR_CODE_URL, "UNCONFIRMED (background, verify): Art. 10 voids terms "
                     "of agreements that worsen the employees' position compared with labour law and "
                     "higher-level agreements. 2007 Code Art. 10: https://cis-legislation.com/document.fwx?rgn=16750"),
         False,
         text("Төменгі деңгейдегі келісім қызметкерлердің жағдайын заңнамамен және жоғары деңгейдегі "
              "келісімдермен салыстырғанда нашарлата алмайды (расталмаған).",
              "Соглашение нижестоящего уровня не может ухудшать положение работников по сравнению с "
              "законодательством и соглашениями вышестоящего уровня (не подтверждено).",
              "A lower-level agreement may not worsen the employees' position compared with the law and "
              "higher-level agreements (unconfirmed).")),
    # Mandatory content of agreements was not retrieved (domain brief 2.4); the topic codes below are the
    # background list, checked before filing and shown as unverified.
    Rule("agreement_mandatory_topics", "pay,working_time,rest_leave,safety,social", "topics", None, None,
         LegalSource(LABOUR_CODE, None, LABOUR_CODE_URL, "UNCONFIRMED (background, verify): wages and tariff "
                     "terms, working time, rest, occupational safety, social guarantees."), False,
         text("Келісімнің міндетті тақырыптары (расталмаған).",
              "Обязательные разделы соглашения (не подтверждено).",
              "Topics an agreement must cover (unconfirmed).")),
)


def _mci(value: int, year: int) -> Rule:
    """The monthly calculation index (МРП / АЕК) of one year, in tenge: agreements state sums in it."""
    return Rule("monthly_calculation_index", value, Unit.TENGE, date(year, 1, 1), date(year, 12, 31),
                LegalSource(text("Республикалық бюджет туралы заң (айлық есептік көрсеткіш, АЕК)",
                                 "Закон о республиканском бюджете (месячный расчётный показатель, МРП)",
                                 "Law on the republican budget (monthly calculation index, MCI)"), None,
                            "https://adilet.zan.kz/rus/search/docs",
                            "UNCONFIRMED: background value of the year's budget law, not in the retrieved "
                            "sources; verify before relying on sums converted from МРП."), False,
                text("Айлық есептік көрсеткіш (АЕК), теңгемен (расталмаған).",
                     "Месячный расчётный показатель (МРП), в тенге (не подтверждено).",
                     "Monthly calculation index (MCI), in tenge (unconfirmed)."))


#: Sums an agreement states in МРП/АЕК/MCI are converted with the index of the year (issue 18).
MCI_RULES: tuple[Rule, ...] = (_mci(3_692, 2024), _mci(3_932, 2025), _mci(4_325, 2026))
RULES = RULES + MCI_RULES

CLAUSE_PARAMETERS: tuple[ClauseParameter, ...] = (
    ClauseParameter("minimum_monthly_pay", Unit.TENGE,
                    text("Ең төменгі айлық жалақы", "Минимальная месячная оплата труда", "Minimum monthly pay"),
                    "min", "minimum_wage_monthly"),
    ClauseParameter("tariff_coefficient", COEFFICIENT,
                    text("Тарифтік коэффициент", "Тарифный коэффициент", "Tariff coefficient"),
                    "min", None, integer=False),
    ClauseParameter("annual_paid_leave_days", Unit.CALENDAR_DAYS,
                    text("Жыл сайынғы ақылы еңбек демалысы", "Ежегодный оплачиваемый отпуск",
                         "Annual paid leave"),
                    "min", "annual_paid_leave_min"),
    ClauseParameter("weekly_hours", Unit.HOURS,
                    text("Аптадағы жұмыс уақыты", "Продолжительность рабочей недели", "Weekly working hours"),
                    "max", "normal_weekly_hours_max"),
    ClauseParameter("overtime_premium", Unit.PERCENT,
                    text("Үстеме жұмыс үшін үстемеақы", "Доплата за сверхурочную работу", "Overtime premium"),
                    "min", "overtime_pay_min_premium", integer=False),
    ClauseParameter("night_work_premium", Unit.PERCENT,
                    text("Түнгі жұмыс үшін үстемеақы", "Доплата за работу в ночное время", "Night-work premium"),
                    "min", "night_work_pay_min_premium", integer=False),
    ClauseParameter("redundancy_compensation", MONTHS_OF_PAY,
                    text("Қысқарту кезіндегі қосымша өтемақы", "Компенсация при сокращении",
                         "Compensation on redundancy"),
                    "min", "redundancy_compensation_min_months", integer=False),
)
