"""The rules a call applies: eligibility of an application and conflicts of interest.

The checks of uploaded documents live in ``tripartite.core.uploads``; their names stay importable from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.core.models import RoleAssignment, ScopeType
from tripartite.core.uploads import DOCUMENT_SIGNATURES as DOCUMENT_SIGNATURES  # re-exported
from tripartite.core.uploads import MAX_DOCUMENT_BYTES as MAX_DOCUMENT_BYTES
from tripartite.core.uploads import document_problem as document_problem
from tripartite.grants.models import Application, Call, ConflictDeclaration, DocumentKind, Evaluator
from tripartite.partners.models import MAX_HIERARCHY_DEPTH, Organisation
from tripartite.partners.models import Kind as OrganisationKind


def tenge(amount: int | None) -> str:
    return "—" if amount is None else number_format(amount, force_grouping=True)


@dataclass(frozen=True)
class Reason:
    """Why an application does not meet a rule of the call; `field` names the part of the application to fix."""

    code: str
    field: str
    message: str


def full_years_between(start: date, end: date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def eligibility_reasons(application: Application) -> list[Reason]:
    """Every rule of the call the application does not meet (an empty list means it is eligible)."""
    call: Call = application.call
    reasons: list[Reason] = []
    applicant = application.applicant
    if applicant.kind not in call.eligible_kinds:
        reasons.append(Reason("kind", "applicant", _(
            "%(kind)s organisations may not apply to this call; it is open to: %(kinds)s."
        ) % {"kind": applicant.get_kind_display(), "kinds": ", ".join(call.eligible_kind_labels)}))
    regions = list(application.regions.all()) if application.pk else []
    call_regions = {r.pk: r for r in call.regions.all()}
    if not regions:
        reasons.append(Reason("regions", "regions", _("Choose at least one region where the project is carried out.")))
    elif call_regions:
        outside = [r for r in regions if r.pk not in call_regions]
        if outside:
            reasons.append(Reason("regions", "regions", _(
                "The call covers only %(covered)s; the project is also in %(outside)s."
            ) % {"covered": ", ".join(r.name for r in call_regions.values()),
                 "outside": ", ".join(r.name for r in outside)}))
    if application.registered_on > call.opens_on:
        reasons.append(Reason("registration", "registered_on", _(
            "The organisation must be registered before the call opens (%(date)s)."
        ) % {"date": call.opens_on.isoformat()}))
    elif call.min_years_registered:
        years = full_years_between(application.registered_on, call.opens_on)
        if years < call.min_years_registered:
            reasons.append(Reason("registration", "registered_on", ngettext(
                "The call requires at least %(years)d year since state registration when it opens; the organisation had %(had)d.",
                "The call requires at least %(years)d years since state registration when it opens; the organisation had %(had)d.",
                call.min_years_registered,
            ) % {"years": call.min_years_registered, "had": years}))
    if call.max_request is not None and application.requested_amount > call.max_request:
        reasons.append(Reason("amount", "requested_amount", _(
            "An application may request at most %(max)s tenge; this one requests %(asked)s tenge."
        ) % {"max": tenge(call.max_request), "asked": tenge(application.requested_amount)}))
    lines = list(application.budget_lines.all()) if application.pk else []
    if not lines:
        reasons.append(Reason("budget", "budget_lines", _("Add the budget lines of the project.")))
    else:
        total = sum(line.amount for line in lines)
        if total != application.requested_amount:
            reasons.append(Reason("budget", "budget_lines", _(
                "The budget lines add up to %(sum)s tenge, but the application requests %(total)s tenge."
            ) % {"sum": tenge(total), "total": tenge(application.requested_amount)}))
    attached = set(application.documents.values_list("kind", flat=True)) if application.pk else set()
    missing = [DocumentKind(k).label for k in call.required_documents if k in DocumentKind.values and k not in attached]
    if missing:
        reasons.append(Reason("documents", "documents", _("Attach the required documents: %(documents)s.") % {
            "documents": ", ".join(str(m) for m in missing)}))
    return reasons


def _tree_ids(org: Organisation) -> tuple[set[int], set[int]]:
    """Ids of the organisation's ancestors and of its descendants in the partners register."""
    ancestors = {a.pk for a in org.ancestors()}
    descendants: set[int] = set()
    frontier = {org.pk}
    for _depth in range(MAX_HIERARCHY_DEPTH):
        frontier = set(
            Organisation.objects.filter(parent_id__in=frontier).exclude(pk__in=descendants | {org.pk})
            .values_list("pk", flat=True)
        )
        if not frontier:
            break
        descendants |= frontier
    return ancestors, descendants


def conflict_reason(evaluator: Evaluator, application: Application) -> str | None:
    """Why `evaluator` may not score `application`, or None: a role in the applicant, in its parent or member
    organisations, or a tie the evaluator declared with any of them."""
    applicant = application.applicant
    ancestors, descendants = _tree_ids(applicant)

    def relation(org_id: int) -> str | None:
        if org_id == applicant.pk:
            return "same"
        if org_id in ancestors:
            return "parent"
        if org_id in descendants:
            return "member"
        return None

    names = {o.pk: o.name for o in Organisation.objects.filter(pk__in={applicant.pk} | ancestors | descendants)}
    org_roles = RoleAssignment.objects.filter(user_id=evaluator.user_id, scope_type=ScopeType.ORGANISATION)
    for scope_id in org_roles.exclude(scope_id__isnull=True).values_list("scope_id", flat=True):
        if scope_id is None:
            continue
        kind = relation(scope_id)
        if kind == "same":
            return _("You hold a role in %(org)s, the applicant.") % {"org": applicant.name}
        if kind == "parent":
            return _("You hold a role in %(org)s, a parent organisation of the applicant %(applicant)s.") % {
                "org": names[scope_id], "applicant": applicant.name}
        if kind == "member":
            return _("You hold a role in %(org)s, a member organisation of the applicant %(applicant)s.") % {
                "org": names[scope_id], "applicant": applicant.name}
    declared = ConflictDeclaration.objects.filter(evaluator=evaluator).select_related("organisation")
    for tie in declared:
        kind = relation(tie.organisation_id)
        if kind == "same":
            return _("You declared a tie with the applicant %(org)s.") % {"org": applicant.name}
        if kind is not None:
            return _("You declared a tie with %(org)s, which is linked to the applicant %(applicant)s.") % {
                "org": tie.organisation.name, "applicant": applicant.name}
    return None


def eligible_kind_choices() -> list[tuple[str, Any]]:
    return list(OrganisationKind.choices)
