"""Writes of the social partners register: organisations and their membership reports.

Every function checks the policy, validates (model `full_clean()` plus the rules that span rows: BIN,
parent, duplicates), writes inside one transaction and records the acting user in the audit trail.
Validation problems raise Django's `ValidationError` keyed by field; the policy raises `NotAllowed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.db.models.signals import post_save
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.core import writes
from tripartite.core.errors import NotAllowed
from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, Sector, audit_as
from tripartite.core.policy import Action, can
from tripartite.jurisdictions import InvalidIdentifier, validate_bin
from tripartite.partners import queries
from tripartite.partners.errors import OrganisationInUse
from tripartite.partners.models import (
    PARENT_KINDS,
    SUBKIND_RANK,
    MembershipReport,
    Organisation,
)

#: Fields of an organisation that a service call may set (besides `regions` and `sectors`).
ORGANISATION_FIELDS = (
    "kind", "subkind", "parent", *in_languages("name"), "short_name", "bin",
    "website", "address", "registered_on", "published",
)
#: Fields of a membership report that a service call may set.
REPORT_FIELDS = ("as_of", "members", "employee_members", "employees_in_scope", "member_organisations", "source")

Errors = dict[str, list[str]]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _merge(errors: Errors, exc: ValidationError) -> None:
    for field, messages in exc.message_dict.items():
        for message in messages:
            if message not in errors.get(field, []):
                _add(errors, field, message)


# ---------------------------------------------------------------------------------------------------------
# BIN
# ---------------------------------------------------------------------------------------------------------


def normalise_bin(value: str | None) -> str:
    """The BIN as stored: digits only, spaces people type between groups removed."""
    return "".join((value or "").split())


def bin_error(value: str) -> str | None:
    """The reason `value` is not a valid BIN, in the user's language, or None when it is valid."""
    try:
        validate_bin(value)
    except InvalidIdentifier as exc:
        if exc.code == "not_digits":
            return _("A BIN consists of digits only: remove letters, dashes and other signs.")
        if exc.code == "wrong_length":
            length = int(exc.params.get("length", len(value)))
            return ngettext(
                "A BIN has 12 digits; you entered %(length)d digit.",
                "A BIN has 12 digits; you entered %(length)d digits.",
                length,
            ) % {"length": length}
        if exc.code == "wrong_control_digit":
            return _(
                "The control digit of this BIN is wrong: the last digit should be %(expected)s, not %(actual)s. "
                "Check the number."
            ) % {"expected": exc.params["expected"], "actual": exc.params["actual"]}
        return _("No such BIN exists: its first 11 digits give no valid control digit. Check the number.")
    return None


# ---------------------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------------------


def _parent_errors(org: Organisation, errors: Errors) -> None:
    parent = org.parent
    if parent is None:
        return
    allowed = PARENT_KINDS.get(org.kind, ())
    if parent.kind not in allowed:
        _add(errors, "parent", _(
            "%(parent)s (%(parent_kind)s) cannot be the parent of an organisation of kind “%(kind)s”."
        ) % {"parent": parent.name, "parent_kind": parent.get_kind_display(), "kind": org.get_kind_display()})
        return
    own_rank, parent_rank = SUBKIND_RANK.get(org.subkind), SUBKIND_RANK.get(parent.subkind)
    if parent.kind == org.kind and own_rank is not None and parent_rank is not None and parent_rank >= own_rank:
        _add(errors, "parent", _(
            "“%(parent_type)s” cannot be the parent of “%(type)s”: choose an organisation higher in the hierarchy."
        ) % {"parent_type": parent.get_subkind_display(), "type": org.get_subkind_display()})


def _children_errors(org: Organisation, errors: Errors) -> None:
    """After a change of kind or type, every existing child must still fit under the organisation."""
    for child in org.children.all():
        child.parent = org
        child_errors: Errors = {}
        _parent_errors(child, child_errors)
        if child_errors:
            _add(errors, "kind", _(
                "%(child)s is registered under this organisation and could no longer be its child; "
                "move it first."
            ) % {"child": child.name})
            return


def _text_errors(obj: models.Model, fields: Iterable[str], errors: Errors) -> None:
    # PostgreSQL refuses NUL characters in text; say so instead of failing on save.
    for name in fields:
        value = getattr(obj, name, None)
        if isinstance(value, str) and "\x00" in value:
            _add(errors, name, _("Remove the null character from this text."))


def _validate_organisation(org: Organisation) -> None:
    errors: Errors = {}
    org.bin = normalise_bin(org.bin)
    problem = bin_error(org.bin) if org.bin else None
    if problem:
        _add(errors, "bin", problem)
    _text_errors(org, (*in_languages("name"), "short_name", "bin", "website", "address"), errors)
    try:
        org.full_clean(exclude=["bin"] if problem else None, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        _merge(errors, exc)
    if "parent" not in errors and "kind" not in errors:
        _parent_errors(org, errors)
        if org.pk is not None and "subkind" not in errors:
            _children_errors(org, errors)
    if org.bin and "bin" not in errors:
        clash = Organisation.objects.filter(bin=org.bin).exclude(pk=org.pk).first()
        if clash is not None:
            _add(errors, "bin", _duplicate_bin_message(clash))
    if errors:
        raise ValidationError(errors)


def _duplicate_bin_message(clash: Organisation) -> str:
    return _("This BIN is already registered for %(name)s (no. %(id)s).") % {"name": clash.name, "id": clash.pk}


def _check_may_place_under(by: Any, parent: Organisation | None) -> None:
    if not can(by, Action.CREATE, parent, kind=Organisation):
        if parent is None:
            raise NotAllowed(_("Only a platform administrator can add an organisation without a parent."))
        raise NotAllowed(_("You cannot add organisations under %(parent)s.") % {"parent": parent.name})


def _save_organisation(org: Organisation, *, by: Any, created: bool, regions: Any, sectors: Any) -> None:
    """Save the row and its regions and sectors, leaving one history row that holds all of them."""
    audit_as(org, by)
    org.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        try:
            with transaction.atomic():
                org.save()
        except IntegrityError:
            clash = Organisation.objects.filter(bin=org.bin).exclude(pk=org.pk).first()
            if clash is None:
                raise
            raise ValidationError({"bin": [_duplicate_bin_message(clash)]}) from None
        if regions is not None:
            org.regions.set(regions)
        if sectors is not None:
            org.sectors.set(sectors)
    finally:
        del org.skip_history_when_saving  # type: ignore[attr-defined]
    # simple-history writes its row from post_save; sending it once, after the relations are set, gives a
    # single audit row (created or changed) that already lists the regions and sectors.
    post_save.send(sender=Organisation, instance=org, created=created, update_fields=None, raw=False,
                   using=org._state.db)


def _split_relations(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[Region] | None, list[Sector] | None]:
    fields = dict(data)
    regions = fields.pop("regions", None)
    sectors = fields.pop("sectors", None)
    return fields, (list(regions) if regions is not None else None), (list(sectors) if sectors is not None else None)


@transaction.atomic
def organisation_create(*, by: Any, data: Mapping[str, Any]) -> Organisation:
    """Register an organisation. `data` holds model fields plus `regions` and `sectors` (iterables of rows)."""
    fields, regions, sectors = _split_relations(data)
    org = Organisation()
    writes.apply_changes(org, fields, ORGANISATION_FIELDS)
    _check_may_place_under(by, org.parent)
    _validate_organisation(org)
    _save_organisation(org, by=by, created=True, regions=regions or [], sectors=sectors or [])
    return org


@transaction.atomic
def organisation_update(*, by: Any, organisation: Organisation, data: Mapping[str, Any]) -> Organisation:
    """Change an organisation; only the keys present in `data` change (`regions`/`sectors` replace the sets)."""
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not can(by, Action.CHANGE, org):
        raise NotAllowed(_("You do not have permission to change %(name)s.") % {"name": org.name})
    old_parent_id = org.parent_id
    fields, regions, sectors = _split_relations(data)
    writes.apply_changes(org, fields, ORGANISATION_FIELDS)
    if org.parent_id != old_parent_id and org.parent_id is not None:
        # Moving an organisation under another one needs rights over the new parent too.
        _check_may_place_under(by, org.parent)
    elif org.parent_id != old_parent_id:
        _check_may_place_under(by, None)
    _validate_organisation(org)
    _save_organisation(org, by=by, created=False, regions=regions, sectors=sectors)
    return org


def in_use_message(org: Organisation, refs: Iterable[queries.Reference]) -> str:
    """The refusal to delete `org`, naming each kind of record that refers to it and how many."""
    return _(
        "%(name)s cannot be deleted while other records refer to it: %(records)s. "
        "Move or remove those records first; nothing was deleted."
    ) % {"name": org.name, "records": "; ".join(f"{ref.label}: {ref.count}" for ref in refs)}


@transaction.atomic
def organisation_delete(*, by: Any, organisation: Organisation) -> None:
    """Delete an organisation that nothing else refers to (its membership reports go with it).

    While records refer to it (organisations under it, commission seats, agreements, disputes, civic
    applications, survey campaigns, …) it is refused with `OrganisationInUse`, naming each kind and count.
    """
    if not can(by, Action.DELETE, organisation):
        raise NotAllowed(_("You do not have permission to delete %(name)s.") % {"name": organisation.name})
    refs = queries.references(organisation)
    if refs:
        raise OrganisationInUse(in_use_message(organisation, refs))
    audit_as(organisation, by)
    for report in organisation.membership_reports.all():
        audit_as(report, by)
    try:
        with transaction.atomic():
            organisation.delete()
    except (ProtectedError, RestrictedError) as exc:
        # A key `references` does not know (one protecting a membership report, say): name what Django found.
        counts: dict[str, int] = {}
        for obj in exc.args[1]:
            label = str(obj._meta.verbose_name_plural)
            counts[label] = counts.get(label, 0) + 1
        found = [queries.Reference(label, count) for label, count in sorted(counts.items())]
        raise OrganisationInUse(in_use_message(organisation, found)) from None


# ---------------------------------------------------------------------------------------------------------
# Membership reports
# ---------------------------------------------------------------------------------------------------------


#: The largest count a report may hold: PostgreSQL's integer column (SQLite would store more, silently).
MAX_COUNT = 2_147_483_647
_COUNT_FIELDS = ("members", "employee_members", "employees_in_scope", "member_organisations")


def _validate_report(report: MembershipReport) -> None:
    errors: Errors = {}
    _text_errors(report, ("source",), errors)
    for name in _COUNT_FIELDS:
        value = getattr(report, name)
        if isinstance(value, int) and value > MAX_COUNT:
            _add(errors, name, _("This number is too large."))
            setattr(report, name, None if name != "members" else 0)
    try:
        report.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        _merge(errors, exc)
    if report.as_of and "as_of" not in errors:
        clash = (
            MembershipReport.objects.filter(organisation_id=report.organisation_id, as_of=report.as_of)
            .exclude(pk=report.pk)
            .exists()
        )
        if clash:
            _add(errors, "as_of", _duplicate_report_message(report))
    if errors:
        raise ValidationError(errors)


def _duplicate_report_message(report: MembershipReport) -> str:
    return _("There is already a report dated %(date)s for this organisation; change that report instead.") % {
        "date": report.as_of.isoformat() if hasattr(report.as_of, "isoformat") else report.as_of
    }


def _save_report(report: MembershipReport, *, by: Any) -> None:
    audit_as(report, by)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError({"as_of": [_duplicate_report_message(report)]}) from None


@transaction.atomic
def membership_report_create(*, by: Any, organisation: Organisation, data: Mapping[str, Any]) -> MembershipReport:
    """Add a dated membership report to an organisation."""
    if not can(by, Action.CREATE, organisation, kind=MembershipReport):
        raise NotAllowed(_("You cannot add membership reports to %(name)s.") % {"name": organisation.name})
    report = MembershipReport(organisation=organisation)
    writes.apply_changes(report, data, REPORT_FIELDS)
    _validate_report(report)
    _save_report(report, by=by)
    return report


@transaction.atomic
def membership_report_update(*, by: Any, report: MembershipReport, data: Mapping[str, Any]) -> MembershipReport:
    """Correct a membership report."""
    report = MembershipReport.objects.select_for_update().select_related("organisation").get(pk=report.pk)
    if not can(by, Action.CHANGE, report):
        raise NotAllowed(_("You do not have permission to change this membership report."))
    writes.apply_changes(report, data, REPORT_FIELDS)
    _validate_report(report)
    _save_report(report, by=by)
    return report


@transaction.atomic
def membership_report_delete(*, by: Any, report: MembershipReport) -> None:
    """Delete a membership report (the audit trail keeps it)."""
    if not can(by, Action.DELETE, report):
        raise NotAllowed(_("You do not have permission to delete this membership report."))
    writes.delete(report, by)
