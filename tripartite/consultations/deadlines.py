"""A referral's deadline: computed on the pack's working calendar from the day of referral, never stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from tripartite.core.jurisdiction import current_pack
from tripartite.jurisdictions import RuleNotSet, Unit

from .models import Referral

RULE_KEY = "draft_act_commission_reply"


@dataclass(frozen=True)
class ReferralDeadline:
    """When the commission's sides must answer, how that was counted, and how sure the rule is."""

    due: date
    days: int
    unit: str
    verified: bool
    source: str
    source_url: str
    set_by_secretariat: bool

    @property
    def unit_label(self) -> str:
        return _("working days") if self.unit == Unit.WORKING_DAYS else _("calendar days")


def deadline_of(referral: Referral) -> ReferralDeadline | None:
    """The referral's deadline; None when the pack's period is not set and the secretariat gave none."""
    pack = current_pack()
    if referral.period_days:
        due = pack.calendar.deadline(referral.referred_on, referral.period_days, Unit.WORKING_DAYS)
        return ReferralDeadline(due, referral.period_days, Unit.WORKING_DAYS, False,
                                _("Period set by the commission's secretariat"), "", True)
    try:
        found = pack.deadline_for(RULE_KEY, referral.referred_on)
    except RuleNotSet:
        return None
    return ReferralDeadline(found.due, found.days, found.unit, found.verified, found.source.cite(),
                            found.source.url or "", False)


def is_late(referral: Referral, on: date) -> bool:
    """Whether something done on `on` came after the referral's deadline."""
    deadline = deadline_of(referral)
    return deadline is not None and on > deadline.due
