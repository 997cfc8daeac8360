"""Reads of the social partners register that pages and the API share: lists, profiles, representativeness."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import PROTECT, RESTRICT, ForeignObjectRel, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tripartite.core.i18n import current_language, in_languages
from tripartite.core.models import Region, Sector
from tripartite.core.policy import visible
from tripartite.jurisdictions import Assessment, JurisdictionPack, get_pack
from tripartite.languages import FALLBACK_ORDER
from tripartite.partners.models import MAX_HIERARCHY_DEPTH, Kind, MembershipReport, Organisation, Subkind

# ---------------------------------------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------------------------------------


def _name_in_current_language() -> Coalesce:
    lang = current_language()
    order = [lang, *[code for code in FALLBACK_ORDER if code != lang]]
    return Coalesce(*[NullIf(f"name_{code}", Value("")) for code in order], Value(""))


def region_by_code(code: str) -> Region | None:
    """A region by its full 9-digit KATO code or by its 2-digit top-level part ("71" is Astana)."""
    code = (code or "").strip()
    if not code.isdigit():
        return None
    if len(code) == 2:
        code = f"{code}0000000"
    return Region.objects.filter(kato=code).first()


def sector_by_code(code: str) -> Sector | None:
    """A sector by its OKED section letter, in either case."""
    code = (code or "").strip().upper()
    return Sector.objects.filter(code=code).first() if code else None


def organisation_list(
    *,
    user: Any,
    q: str = "",
    kind: str = "",
    subkind: str = "",
    region: Region | None = None,
    sector: Sector | None = None,
    parent: Organisation | int | None = None,
    registered_from: date | None = None,
    registered_to: date | None = None,
) -> QuerySet[Organisation]:
    """Organisations `user` may see, searched by name (any language), abbreviation or BIN, ordered by name.

    `registered_from` / `registered_to` keep those whose date of state registration is known and in the range.
    """
    qs = visible(user, Organisation.objects.all())
    q = (q or "").strip()
    if q:
        digits = "".join(q.split())
        match = Q(short_name__icontains=q)
        for column in in_languages("name"):
            match |= Q(**{f"{column}__icontains": q})
        if digits.isdigit():
            match |= Q(bin__startswith=digits)
        qs = qs.filter(match)
    if kind:
        qs = qs.filter(kind=kind)
    if subkind:
        qs = qs.filter(subkind=subkind)
    if region is not None:
        qs = qs.filter(regions=region)
    if sector is not None:
        qs = qs.filter(sectors=sector)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if registered_from is not None:
        qs = qs.filter(registered_on__gte=registered_from)
    if registered_to is not None:
        qs = qs.filter(registered_on__lte=registered_to)
    return (
        qs.annotate(display_name=_name_in_current_language())
        .order_by(Lower("display_name"), "id")
        .prefetch_related("regions", "sectors")
        .select_related("parent")
    )


def organisation_for(*, user: Any, pk: int) -> Organisation | None:
    """The organisation with id `pk` if `user` may see it."""
    return visible(user, Organisation.objects.select_related("parent")).filter(pk=pk).first()


def organisation_choices(*, user: Any) -> QuerySet[Organisation]:
    """Organisations `user` may see, ordered by name, for choosing a parent or a filter."""
    return organisation_list(user=user)


def subtree_ids(ids: Iterable[int]) -> set[int]:
    """`ids` and the ids of every organisation below them: children, their children, … (one query per level)."""
    found = set(ids)
    frontier = set(found)
    for _level in range(MAX_HIERARCHY_DEPTH):
        frontier = set(Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        if not frontier:
            break
        found |= frontier
    return found


def descendant_ids(org: Organisation) -> set[int]:
    """Ids of the organisation's children, their children, and so on (not the organisation itself)."""
    return subtree_ids({org.pk}) - {org.pk}


@dataclass(frozen=True)
class OrganisationProfile:
    """What the detail page shows of an organisation."""

    organisation: Organisation
    ancestors: tuple[Organisation, ...]
    children: tuple[Organisation, ...]
    reports: tuple[MembershipReport, ...]

    @property
    def latest_report(self) -> MembershipReport | None:
        return self.reports[0] if self.reports else None


def organisation_profile(*, user: Any, organisation: Organisation) -> OrganisationProfile:
    children = organisation_list(user=user, parent=organisation)
    reports = organisation.membership_reports.order_by("-as_of")
    return OrganisationProfile(
        organisation=organisation,
        ancestors=tuple(reversed(organisation.ancestors())),
        children=tuple(children),
        reports=tuple(reports),
    )


@dataclass(frozen=True)
class Reference:
    """One kind of record that refers to an organisation and stops its deletion, and how many there are."""

    label: str
    count: int


def references(org: Organisation) -> tuple[Reference, ...]:
    """What keeps `org` from being deleted: every kind of record that refers to it through a protecting key.

    The keys are found from the models (children, commission seats, agreements' parties, disputes, civic
    calls and applications, survey campaigns, …), so a new app's protecting key is counted without a change
    here. Records of one model referring through several keys (a dispute's employer and union) count once.
    Counted over all records, whoever may see them: the count names no record.
    """
    lookups: dict[type[models.Model], Q] = {}
    for rel in Organisation._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or not (rel.one_to_many or rel.one_to_one):
            continue
        if getattr(rel, "on_delete", None) not in (PROTECT, RESTRICT):
            continue
        model = rel.related_model
        if not isinstance(model, type):
            continue
        match = Q(**{rel.field.name: org})
        lookups[model] = lookups[model] | match if model in lookups else match
    counts: dict[str, int] = {}
    children_label = str(_("organisations registered under it"))
    for model, match in lookups.items():
        count = model._default_manager.filter(match).count()
        if count:
            label = children_label if model is Organisation else str(model._meta.verbose_name_plural)
            counts[label] = counts.get(label, 0) + count
    ordered = sorted(counts.items(), key=lambda item: (item[0] != children_label, item[0].lower()))
    return tuple(Reference(label, count) for label, count in ordered)


def latest_report(organisation: Organisation) -> MembershipReport | None:
    return organisation.membership_reports.order_by("-as_of").first()


# ---------------------------------------------------------------------------------------------------------
# Representativeness
# ---------------------------------------------------------------------------------------------------------

#: The pack's organisation kinds (``tripartite/jurisdictions/kz.py``) for the register's kinds and types.
PACK_KIND_OF_SUBKIND: dict[str, str] = {
    Subkind.REPUBLICAN_UNION_ASSOCIATION: "union_republican_association",
    Subkind.SECTORAL_UNION: "union_sectoral",
    Subkind.TERRITORIAL_UNION_ASSOCIATION: "union_territorial_association",
    Subkind.LOCAL_UNION: "union_local",
    Subkind.PRIMARY_UNION: "union_primary",
    Subkind.REPUBLICAN_EMPLOYERS: "employers_republican",
    Subkind.SECTORAL_EMPLOYERS: "employers_sectoral",
    Subkind.REGIONAL_EMPLOYERS: "employers_regional",
    Subkind.GOVERNMENT: "state_government",
    Subkind.MINISTRY: "state_ministry",
    Subkind.AKIMAT: "state_akimat",
    Subkind.LABOUR_INSPECTORATE: "state_labour_inspectorate",
}
PACK_KIND_OF_KIND: dict[str, str] = {Kind.EMPLOYER: "employer", Kind.NGO: "ngo"}


def pack() -> JurisdictionPack:
    return get_pack(settings.TRIPARTITE_JURISDICTION, overrides=settings.TRIPARTITE_RULE_OVERRIDES or None)


def pack_kind(org: Organisation) -> str:
    """The jurisdiction pack's kind for an organisation (its kind's code when the type is not given)."""
    return PACK_KIND_OF_SUBKIND.get(org.subkind) or PACK_KIND_OF_KIND.get(org.kind) or str(org.kind)


#: What each fact the representativeness criteria use is called on the page.
FACT_LABELS = {
    "members": gettext_lazy("Members"),
    "employees_in_scope": gettext_lazy("Employees in scope"),
    "regions_covered": gettext_lazy("Regions covered (with the organisations under it)"),
    "total_regions": gettext_lazy("Regions in the country"),
    "member_sectoral_unions": gettext_lazy("Member sectoral unions"),
    "total_sectoral_unions": gettext_lazy("Sectoral unions in the register"),
    "member_territorial_associations": gettext_lazy("Member territorial associations"),
    "total_territorial_associations": gettext_lazy("Territorial associations in the register"),
}


@dataclass(frozen=True)
class Fact:
    key: str
    value: int | None
    source: str  # "report" (the latest membership report) or "register" (counted in this register)

    @property
    def label(self) -> str:
        return str(FACT_LABELS.get(self.key, self.key))


@dataclass(frozen=True)
class CriterionView:
    """One criterion as the page shows it: the pack's verdict and reason in the user's language."""

    key: str
    description: str
    met: bool | None
    code: str
    reason: str
    verified: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Representativeness:
    organisation: Organisation
    pack_kind: str
    on: date
    meets: bool | None
    verified: bool
    facts: tuple[Fact, ...]
    report: MembershipReport | None
    criteria: tuple[CriterionView, ...]

    def fact(self, key: str) -> int | None:
        return next((f.value for f in self.facts if f.key == key), None)


def representativeness_facts(org: Organisation) -> tuple[tuple[Fact, ...], MembershipReport | None]:
    """The facts the pack's criteria need, read from the latest membership report and the register.

    Nothing is guessed: a fact the register does not hold stays None and the pack answers "cannot tell".
    """
    report = latest_report(org)
    subtree = {org.pk, *descendant_ids(org)}
    regions_covered = Region.objects.filter(organisations__in=subtree).distinct().count()
    total_regions = Region.objects.count() or None
    children = Organisation.objects.filter(parent=org)
    total_sectoral = Organisation.objects.filter(subkind=Subkind.SECTORAL_UNION).count() or None
    total_territorial = Organisation.objects.filter(subkind=Subkind.TERRITORIAL_UNION_ASSOCIATION).count() or None
    facts = (
        Fact("members", report.members if report else None, "report"),
        Fact("employees_in_scope", report.employees_in_scope if report else None, "report"),
        Fact("regions_covered", regions_covered, "register"),
        Fact("total_regions", total_regions, "register"),
        Fact("member_sectoral_unions", children.filter(subkind=Subkind.SECTORAL_UNION).count(), "register"),
        Fact("total_sectoral_unions", total_sectoral, "register"),
        Fact("member_territorial_associations",
             children.filter(subkind=Subkind.TERRITORIAL_UNION_ASSOCIATION).count(), "register"),
        Fact("total_territorial_associations", total_territorial, "register"),
    )
    return facts, report


def representativeness(org: Organisation, *, on: date | None = None) -> Representativeness:
    """Whether `org` meets the pack's representativeness criteria for its kind, and why, in the user's language."""
    jurisdiction = pack()
    facts, report = representativeness_facts(org)
    kind = pack_kind(org)
    on = on or date.today()
    assessment: Assessment = jurisdiction.assess_representativeness(kind, {f.key: f.value for f in facts}, on)
    lang = current_language()
    by_key = {c.key: c for c in jurisdiction.criteria}
    views = []
    for reason in assessment.reasons:
        criterion = by_key.get(reason.criterion)
        sources: list[str] = []
        description = ""
        if criterion is not None:
            description = criterion.description.get(lang) or criterion.description["en"]
            for rule_key in criterion.rule_keys:
                try:
                    sources.append(jurisdiction.rule(rule_key, on).source.cite())
                except LookupError:
                    continue
        text = reason.detail.get(lang) or reason.detail["en"]
        if reason.code == "missing_fact":
            # The pack names the fact by its key; say which one in words and where to record it.
            fact = str(reason.params.get("fact", ""))
            text = _("Cannot tell: “%(fact)s” is not known. %(hint)s") % {
                "fact": FACT_LABELS.get(fact, fact),
                "hint": _("Add a membership report with this figure.") if fact in ("members", "employees_in_scope")
                else _("Register the organisations concerned."),
            }
        views.append(CriterionView(
            key=reason.criterion,
            description=description,
            met=reason.met,
            code=reason.code,
            reason=text,
            verified=reason.verified,
            sources=tuple(sources),
        ))
    return Representativeness(
        organisation=org,
        pack_kind=kind,
        on=on,
        meets=assessment.meets,
        verified=assessment.verified,
        facts=facts,
        report=report,
        criteria=tuple(views),
    )
