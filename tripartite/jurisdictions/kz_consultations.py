"""Kazakhstan's rules for consulting tripartite commissions on draft legal acts (no Django).

The Labour Code gives the commissions the task of considering draft acts in the social and labour sphere; how
long a commission has to answer is set by the republican commission's own regulations, which no retrieved source
states (domain brief, "Consultation of commissions on draft acts": UNCONFIRMED). The period below is therefore a
placeholder, marked unverified, to be replaced through TRIPARTITE_RULE_OVERRIDES once a legal secretariat cites
the regulation.
"""

from __future__ import annotations

from .kz_acts import LABOUR_CODE, LABOUR_CODE_URL
from .rules import Rule, Unit
from .texts import LegalSource, text

RULES: tuple[Rule, ...] = (
    Rule("draft_act_commission_reply", 10, Unit.WORKING_DAYS, None, None,
         LegalSource(LABOUR_CODE, None, LABOUR_CODE_URL,
                     "UNCONFIRMED: the Labour Code gives commissions the task of considering draft acts; the period "
                     "to answer is set by the commission's regulations, not retrieved. Placeholder of 10 working "
                     "days; configure draft_act_commission_reply in TRIPARTITE_RULE_OVERRIDES."), False,
         text("Комиссияның нормативтік құқықтық акт жобасы бойынша ұстанымын беру мерзімі (расталмаған).",
              "Срок представления комиссией позиции по проекту нормативного правового акта (не подтвержден).",
              "Period for a commission to give its position on a draft legal act (unconfirmed).")),
)
