"""What the disputes module reads from agreements: a collective agreement's own dispute procedure.

This is the public interface the disputes app relies on; keep its names and shapes stable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from django.db.models import Q

from tripartite.agreements.rules import Kind
from tripartite.partners.models import Organisation

if TYPE_CHECKING:
    from tripartite.agreements.models import Agreement


@dataclass(frozen=True)
class AgreementDisputeProcedure:
    """A collective agreement's procedure for collective disputes (ILO: procedures agreed by the parties).

    ``deadline_days`` maps a pack rule key to a number of days in that rule's unit; only the keys present
    override the statutory deadline (and only ever shorten it: the agreements app validates that).
    """

    agreement_id: int
    deadline_days: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    conciliators: tuple[str, ...] = ()
    mediator: str = ""
    arbitration_rules: str = ""


def dispute_procedure_for(agreement: Agreement) -> AgreementDisputeProcedure | None:
    """The agreement's dispute procedure, or None when it sets none (then the statutory procedure applies)."""
    from tripartite.agreements.models import DisputeProcedureClause

    clause = DisputeProcedureClause.objects.filter(agreement_id=agreement.pk).first()
    if clause is None:
        return None
    days = {str(k): int(v) for k, v in (clause.deadline_days or {}).items()}
    return AgreementDisputeProcedure(
        agreement_id=agreement.pk,
        deadline_days=MappingProxyType(days),
        conciliators=clause.conciliator_names(),
        mediator=clause.mediator,
        arbitration_rules=clause.arbitration_rules,
    )


def collective_agreement_in_force(employer: Organisation, on: date) -> Agreement | None:
    """The employer's collective agreement in force on ``on`` (at most one can be), or None."""
    from tripartite.agreements.models import Agreement

    return (
        Agreement.objects.filter(kind=Kind.COLLECTIVE, employer=employer)
        .filter(Agreement.in_force_q(on))
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=on))
        .order_by("-effective_from", "-id")
        .first()
    )
