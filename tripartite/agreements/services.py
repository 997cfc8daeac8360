"""Writes of the agreements app: one function per use case, each checked by the policy and run in a transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tripartite.agreements import rules
from tripartite.agreements.models import (
    Agreement,
    AgreementParty,
    BargainingMember,
    Clause,
    ClauseParameter,
    Commitment,
    DisputeProcedureClause,
)
from tripartite.agreements.rules import Kind
from tripartite.core import writes
from tripartite.core.errors import Conflict, DomainError, NotAllowed
from tripartite.core.i18n import in_languages
from tripartite.core.policy import Action, can
from tripartite.partners.models import Organisation

#: Largest signed document or public copy accepted, in bytes (a scanned agreement of ~100 pages fits).
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class AgreementConflict(Conflict):
    """The request clashes with the register (a second collective agreement in force, a filed agreement)."""


class FilingIncomplete(DomainError):
    """The pre-filing checklist found gaps; ``missing`` lists them in the user's language."""

    status = 400

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(_("The agreement cannot be filed yet: %(missing)s"), field="filing",
                         params={"missing": "; ".join(missing)})


AGREEMENT_FIELDS = (
    "kind", "level", *in_languages("title"), "owner", "commission", "employer", "proposal_date",
    "negotiations_started_on", "signed_on", "effective_from", "effective_to", "terminated_on",
    "covered_employees", "disagreements", "published",
)
PARTY_FIELDS = ("side", "organisation", "signatory_name", "signatory_position", "authority")
MEMBER_FIELDS = ("side", "person_name", "position", "organisation")
CLAUSE_FIELDS = ("number", "topic", *in_languages("text"))
# A commitment is added with what the agreement says; its fulfilment is recorded by `commitment_fulfil`.
COMMITMENT_ADD_FIELDS = (
    *in_languages("text"), "responsible_side", "responsible_organisation", "due_date", "period",
)
COMMITMENT_FIELDS = (*COMMITMENT_ADD_FIELDS, "done_on", "evidence")


def _locked(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update(of=("self",)).select_related("owner", "commission", "employer").get(
        pk=agreement.pk
    )


# Agreements --------------------------------------------------------------------------------------------------


def _may_create(by: Any, owner: Organisation, commission: Any) -> bool:
    if can(by, Action.CREATE, owner, kind=Agreement):
        return True
    return commission is not None and can(by, Action.CREATE, commission, kind=Agreement)


def _one_collective_in_force(agreement: Agreement) -> None:
    """Refuse a second collective agreement of the same employer whose period of effect overlaps this one's.

    The employer's row is locked first so that two concurrent requests cannot both pass the check.
    """
    if agreement.kind != Kind.COLLECTIVE or agreement.employer_id is None or agreement.effective_from is None:
        return
    Organisation.objects.select_for_update().filter(pk=agreement.employer_id).first()
    start, end = agreement.effective_from, agreement.effect_end()
    others = Agreement.objects.filter(kind=Kind.COLLECTIVE, employer_id=agreement.employer_id,
                                      effective_from__isnull=False).exclude(pk=agreement.pk)
    for other in others:
        other_end = other.effect_end()
        other_start = other.effective_from
        assert other_start is not None  # filtered on effective_from__isnull=False
        if (end is None or other_start <= end) and (other_end is None or start <= other_end):
            raise AgreementConflict(
                _("%(employer)s already has a collective agreement in force for this period "
                  "(\"%(other)s\", from %(start)s). An organisation has one collective agreement: amend that "
                  "one, or end it before the new one takes effect."),
                field="effective_from",
                params={"employer": agreement.employer, "other": other.title,
                        "start": other_start.isoformat()},
            )


def _set_scope(agreement: Agreement, sectors: Iterable[Any] | None, regions: Iterable[Any] | None) -> None:
    if sectors is not None:
        agreement.sectors.set(list(sectors))
    if regions is not None:
        agreement.regions.set(list(regions))
    errors: dict[str, list[Any]] = {}
    if agreement.kind == Kind.SECTORAL and not agreement.sectors.exists():
        errors["sectors"] = [_("A sectoral agreement covers at least one sector.")]
    if agreement.kind == Kind.REGIONAL and not agreement.regions.exists():
        errors["regions"] = [_("A regional agreement covers at least one region.")]
    if agreement.kind in (Kind.GENERAL, Kind.COLLECTIVE) and (
        agreement.sectors.exists() or agreement.regions.exists()
    ):
        errors["sectors"] = [_("The scope of this kind of agreement is the whole country or one employer; "
                               "leave sectors and regions empty.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agreement_create(
    *,
    by: Any,
    owner: Organisation,
    kind: str,
    level: str = "",
    commission: Any = None,
    sectors: Iterable[Any] = (),
    regions: Iterable[Any] = (),
    **fields: Any,
) -> Agreement:
    """Register an agreement kept by ``owner``; without a level, the pack's first level for the kind is used.

    ``fields``: the title (``title_kk``, ``title_ru``, ``title_en``), ``employer``, the dates, ``covered_employees``,
    ``disagreements``, ``published`` (yes by default) and ``is_demo``.
    """
    if not _may_create(by, owner, commission):
        raise NotAllowed(_("You do not have permission to do this."))
    agreement = Agreement(owner=owner, kind=kind, commission=commission)
    writes.apply_changes(agreement, fields, (*AGREEMENT_FIELDS, "is_demo"))
    agreement.level = level or rules.default_level(kind, agreement.reference_date)
    writes.save(agreement, by)
    _set_scope(agreement, sectors, regions)
    _one_collective_in_force(agreement)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    by: Any,
    data: Mapping[str, Any],
    sectors: Iterable[Any] | None = None,
    regions: Iterable[Any] | None = None,
) -> Agreement:
    """Change an agreement's fields and scope; handing it to another owner needs the right to create there."""
    agreement = _locked(agreement)
    writes.require(by, Action.CHANGE, agreement)
    writes.require_move(by, agreement, "owner", data)
    writes.apply_changes(agreement, data, AGREEMENT_FIELDS)
    if "level" in data and not data["level"]:
        agreement.level = rules.default_level(agreement.kind, agreement.reference_date)
    writes.save(agreement, by)
    _set_scope(agreement, sectors, regions)
    _one_collective_in_force(agreement)
    return agreement


@transaction.atomic
def agreement_delete(*, agreement: Agreement, by: Any) -> None:
    """Delete an agreement that was never filed; a filed one stays in the register (unpublish it instead)."""
    agreement = _locked(agreement)
    writes.require(by, Action.DELETE, agreement)
    if agreement.registration_number:
        raise AgreementConflict(
            _("This agreement is filed (registration number %(number)s) and cannot be deleted; "
              "unpublish it instead."),
            field="registration_number", params={"number": agreement.registration_number},
        )
    stored = [f.name for f in (agreement.document, agreement.public_copy) if f]
    for model in (ClauseParameter, Clause, Commitment, AgreementParty, BargainingMember):
        link = "clause__agreement" if model is ClauseParameter else "agreement"
        for row in model.objects.filter(**{link: agreement}):
            writes.delete(row, by)
    DisputeProcedureClause.objects.filter(agreement=agreement).delete()
    try:
        with transaction.atomic():
            writes.delete(agreement, by)
    except ProtectedError as exc:
        # Another register (e.g. a collective dispute) refers to this agreement.
        raise AgreementConflict(
            _("Other records refer to this agreement (for example a collective dispute); it cannot be deleted. "
              "Unpublish it instead."), field="agreement",
        ) from exc
    _delete_files_after_commit(agreement, stored)


# Documents ---------------------------------------------------------------------------------------------------


def read_pdf(upload: Any, *, field: str) -> tuple[bytes, str]:
    """The bytes of an uploaded PDF and their SHA-256, or a ValidationError naming what is wrong."""
    if upload is None:
        raise ValidationError({field: _("Choose a PDF file to upload.")})
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise ValidationError({field: gettext("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                               % {"size": round(size / 1024 / 1024, 1), "limit": MAX_DOCUMENT_BYTES // 1024 // 1024}})
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationError({field: gettext("The file is too large; the limit is %(limit)s MB.")
                               % {"limit": MAX_DOCUMENT_BYTES // 1024 // 1024}})
    if not data:
        raise ValidationError({field: _("The file is empty.")})
    if not data.startswith(PDF_MAGIC):
        raise ValidationError({field: _("This file is not a PDF. Upload the signed agreement as a PDF document.")})
    return data, hashlib.sha256(data).hexdigest()


def _delete_files_after_commit(agreement: Agreement, names: list[str]) -> None:
    storage = Agreement._meta.get_field("document").storage  # type: ignore[attr-defined]

    def remove() -> None:
        for name in names:
            if name and storage.exists(name):
                storage.delete(name)

    transaction.on_commit(remove)


def _store_pdf(agreement: Agreement, field: str, data: bytes, by: Any) -> None:
    """Validate the row, then write the file and save; a failure after the write removes the file again."""
    agreement.full_clean()
    filefield = getattr(agreement, field)
    old = filefield.name if filefield else ""
    filefield.save(f"{field}.pdf", ContentFile(data), save=False)
    new, storage = filefield.name, filefield.storage
    try:
        writes.save(agreement, by, validate=False)
    except Exception:
        storage.delete(new)
        raise
    if old and old != new:
        transaction.on_commit(lambda: storage.delete(old) if storage.exists(old) else None)


@transaction.atomic
def document_upload(*, agreement: Agreement, by: Any, upload: Any) -> Agreement:
    """Attach the signed document: a PDF of at most 20 MB, stored with its SHA-256."""
    agreement = _locked(agreement)
    writes.require(by, Action.CHANGE, agreement)
    data, digest = read_pdf(upload, field="document")
    agreement.document_sha256 = digest
    agreement.document_size = len(data)
    _store_pdf(agreement, "document", data, by)
    return agreement


@transaction.atomic
def public_copy_upload(*, agreement: Agreement, by: Any, upload: Any) -> Agreement:
    """Publish a redacted copy (names and signatures removed) beside the signed original."""
    agreement = _locked(agreement)
    writes.require(by, Action.CHANGE, agreement)
    if not agreement.document:
        raise ValidationError({"public_copy": _("Attach the signed document before its public copy.")})
    data, digest = read_pdf(upload, field="public_copy")
    agreement.public_copy_sha256 = digest
    _store_pdf(agreement, "public_copy", data, by)
    return agreement


# Parties and the bargaining commission -----------------------------------------------------------------------


@transaction.atomic
def party_add(*, by: Any, agreement: Agreement, side: str, organisation: Organisation, **fields: Any) -> AgreementParty:
    """Add an organisation as a party for one side, with its signatory and their authority to sign.

    ``fields``: ``signatory_name``, ``signatory_position``, ``authority``.
    """
    agreement = _locked(agreement)
    writes.require(by, Action.CHANGE, agreement)
    if agreement.parties.filter(organisation=organisation).exists():
        raise AgreementConflict(_("%(organisation)s is already a party to this agreement."), field="organisation",
                                params={"organisation": organisation})
    party = AgreementParty(agreement=agreement, side=side, organisation=organisation)
    writes.apply_changes(party, fields, PARTY_FIELDS)
    writes.save(party, by)
    return party


@transaction.atomic
def party_update(*, party: AgreementParty, by: Any, data: Mapping[str, Any]) -> AgreementParty:
    party = AgreementParty.objects.select_for_update().select_related("agreement").get(pk=party.pk)
    writes.require(by, Action.CHANGE, party.agreement)
    writes.apply_changes(party, data, PARTY_FIELDS)
    writes.save(party, by)
    return party


@transaction.atomic
def party_remove(*, party: AgreementParty, by: Any) -> None:
    writes.require(by, Action.CHANGE, party.agreement)
    writes.delete(party, by)


@transaction.atomic
def bargaining_member_add(*, by: Any, agreement: Agreement, side: str, person_name: str,
                          **fields: Any) -> BargainingMember:
    """Seat a person on the parity bargaining commission. Parity is checked on read and flagged, not refused.

    ``fields``: ``position``, ``organisation``.
    """
    writes.require(by, Action.CHANGE, agreement)
    member = BargainingMember(agreement=agreement)
    writes.apply_changes(member, {"side": side, "person_name": person_name, **fields}, MEMBER_FIELDS)
    writes.save(member, by)
    return member


@transaction.atomic
def bargaining_member_remove(*, member: BargainingMember, by: Any) -> None:
    writes.require(by, Action.CHANGE, member.agreement)
    writes.delete(member, by)


# Clauses and their typed parameters --------------------------------------------------------------------------


def parse_parameters(values: Mapping[str, Any]) -> dict[str, Decimal]:
    """Turn {key: text or number} into {key: Decimal}, dropping empty values; unknown keys are refused."""
    parsed: dict[str, Decimal] = {}
    errors: list[str] = []
    for key, raw in values.items():
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if rules.parameter(key) is None:
            errors.append(gettext("%(key)s is not a clause parameter of this jurisdiction.") % {"key": key})
            continue
        try:
            number = Decimal(str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
        except InvalidOperation:
            errors.append(gettext("%(label)s: enter a number.") % {"label": rules.parameter_label(key)})
            continue
        if not number.is_finite():
            errors.append(gettext("%(label)s: enter a number.") % {"label": rules.parameter_label(key)})
            continue
        parsed[key] = number
    if errors:
        raise ValidationError({"parameters": errors})
    return parsed


def _set_parameters(clause: Clause, parameters: Mapping[str, Decimal], by: Any) -> None:
    existing = {p.key: p for p in clause.parameters.all()}
    for key, row in existing.items():
        if key not in parameters:
            writes.delete(row, by)
    errors: list[str] = []
    for key, value in parameters.items():
        row = existing.get(key) or ClauseParameter(clause=clause, key=key)
        if row.pk and row.value == value:
            continue
        row.value = value
        try:
            writes.save(row, by)
        except ValidationError as exc:
            errors.extend(f"{rules.parameter_label(key)}: {m}" for m in exc.messages)
    if errors:
        raise ValidationError({"parameters": errors})


@transaction.atomic
def clause_add(*, by: Any, agreement: Agreement, number: str, topic: str,
               parameters: Mapping[str, Decimal] | None = None, **texts: Any) -> Clause:
    """Add a clause with its text (``text_kk``, ``text_ru``, ``text_en``) and typed parameters
    (e.g. {"minimum_monthly_pay": 90000})."""
    agreement = _locked(agreement)
    writes.require(by, Action.CHANGE, agreement)
    clause = Clause(agreement=agreement)
    writes.apply_changes(clause, {"number": number, "topic": topic, **texts}, CLAUSE_FIELDS)
    if clause.number and agreement.clauses.filter(number=clause.number).exists():
        raise ValidationError({"number": _("This agreement already has a clause with this number.")})
    writes.save(clause, by)
    _set_parameters(clause, parameters or {}, by)
    return clause


@transaction.atomic
def clause_amend(
    *,
    clause: Clause,
    by: Any,
    data: Mapping[str, Any],
    parameters: Mapping[str, Decimal] | None = None,
    reason: str = "",
) -> Clause:
    """Amend a clause: the previous wording stays in its history as a dated version (who, when, why)."""
    clause = Clause.objects.select_for_update().select_related("agreement").get(pk=clause.pk)
    writes.require(by, Action.CHANGE, clause.agreement)
    writes.apply_changes(clause, data, CLAUSE_FIELDS)
    if clause.agreement.clauses.filter(number=clause.number).exclude(pk=clause.pk).exists():
        raise ValidationError({"number": _("This agreement already has a clause with this number.")})
    clause._change_reason = reason.strip()  # type: ignore[attr-defined]
    writes.save(clause, by)
    if parameters is not None:
        _set_parameters(clause, parameters, by)
    return clause


@transaction.atomic
def clause_delete(*, clause: Clause, by: Any) -> None:
    writes.require(by, Action.CHANGE, clause.agreement)
    for row in clause.parameters.all():
        writes.delete(row, by)
    writes.delete(clause, by)


# Commitments -------------------------------------------------------------------------------------------------


def _locked_commitment(commitment: Commitment) -> Commitment:
    return Commitment.objects.select_for_update().select_related("agreement").get(pk=commitment.pk)


@transaction.atomic
def commitment_add(*, by: Any, agreement: Agreement, **fields: Any) -> Commitment:
    """Add an obligation of the agreement. ``fields``: the text (``text_kk``, ``text_ru``, ``text_en``),
    ``responsible_side`` and/or ``responsible_organisation``, ``due_date``, ``period``."""
    writes.require(by, Action.CHANGE, agreement)
    commitment = Commitment(agreement=agreement)
    writes.apply_changes(commitment, fields, COMMITMENT_ADD_FIELDS)
    writes.save(commitment, by)
    return commitment


@transaction.atomic
def commitment_update(*, commitment: Commitment, by: Any, data: Mapping[str, Any]) -> Commitment:
    commitment = _locked_commitment(commitment)
    writes.require(by, Action.CHANGE, commitment.agreement)
    writes.apply_changes(commitment, data, COMMITMENT_FIELDS)
    writes.save(commitment, by)
    return commitment


@transaction.atomic
def commitment_fulfil(*, commitment: Commitment, by: Any, done_on: date, evidence: str = "") -> Commitment:
    """Record that a pending or overdue commitment was fulfilled on ``done_on``, with its evidence."""
    commitment = _locked_commitment(commitment)
    writes.require(by, Action.CHANGE, commitment.agreement)
    commitment.mark_done(done_on, evidence, refuse=AgreementConflict)
    writes.save(commitment, by)
    return commitment


@transaction.atomic
def commitment_delete(*, commitment: Commitment, by: Any) -> None:
    writes.require(by, Action.CHANGE, commitment.agreement)
    writes.delete(commitment, by)


# Dispute-procedure clause ------------------------------------------------------------------------------------


@transaction.atomic
def dispute_procedure_set(
    *,
    agreement: Agreement,
    by: Any,
    deadline_days: Mapping[str, int],
    conciliators: Iterable[str] = (),
    mediator: str = "",
    arbitration_rules: str = "",
) -> DisputeProcedureClause:
    """Set (or replace) a collective agreement's own dispute procedure; deadlines may only be shortened."""
    agreement = _locked(agreement)
    writes.require(by, Action.CHANGE, agreement)
    clause = DisputeProcedureClause.objects.filter(agreement=agreement).first() or DisputeProcedureClause(
        agreement=agreement
    )
    clause.deadline_days = {str(k): v for k, v in deadline_days.items() if v is not None}
    clause.conciliators = "\n".join(n.strip() for n in conciliators if n and n.strip())
    clause.mediator = mediator.strip()
    clause.arbitration_rules = arbitration_rules.strip()
    writes.save(clause, by)
    return clause


@transaction.atomic
def dispute_procedure_remove(*, agreement: Agreement, by: Any) -> None:
    writes.require(by, Action.CHANGE, agreement)
    clause = DisputeProcedureClause.objects.filter(agreement=agreement).first()
    if clause is not None:
        writes.delete(clause, by)


# Filing ------------------------------------------------------------------------------------------------------


def filing_checklist(agreement: Agreement) -> list[str]:
    """What is missing before the agreement can be filed (empty when it is complete)."""
    from tripartite.jurisdictions.levels import SIDES_BY_PARTIES

    missing: list[str] = []
    on = agreement.reference_date or timezone.localdate()
    level = rules.level_or_none(agreement.level, on)
    parties = list(agreement.parties.select_related("organisation"))
    if level is not None:
        present = {p.side for p in parties}
        for side in SIDES_BY_PARTIES[level.parties]:
            if side not in present:
                missing.append(gettext("A party for the side: %(side)s.") % {"side": rules.side_name(side)})
    elif not parties:
        missing.append(gettext("The parties."))
    for p in parties:
        if not p.signatory_name:
            missing.append(gettext("The signatory of %(organisation)s.") % {"organisation": p.organisation})
        if not p.authority:
            missing.append(gettext("The authority to sign of the signatory of %(organisation)s.")
                           % {"organisation": p.organisation})
    if agreement.signed_on is None:
        missing.append(gettext("The date of signature."))
    if agreement.effective_from is None:
        missing.append(gettext("The date the agreement takes effect."))
    if agreement.kind == Kind.SECTORAL and not agreement.sectors.exists():
        missing.append(gettext("The sectors covered."))
    if agreement.kind == Kind.REGIONAL and not agreement.regions.exists():
        missing.append(gettext("The regions covered."))
    if agreement.kind == Kind.COLLECTIVE and agreement.employer_id is None:
        missing.append(gettext("The employer."))
    if agreement.covered_employees is None:
        missing.append(gettext("The number of employees covered."))
    if not agreement.document:
        missing.append(gettext("The signed document (PDF)."))
    topics, _rule = rules.mandatory_topics(on)
    present_topics = set(agreement.clauses.values_list("topic", flat=True))
    from tripartite.agreements.models import Topic

    for topic in topics:
        if topic not in present_topics:
            label = dict(Topic.choices).get(topic, topic)
            missing.append(gettext("A clause on the topic: %(topic)s.") % {"topic": label})
    return missing


_PREFIX: dict[str, str] = {Kind.GENERAL: "GA", Kind.SECTORAL: "SA", Kind.REGIONAL: "RA", Kind.COLLECTIVE: "CA"}


@transaction.atomic
def agreement_file(*, agreement: Agreement, by: Any, filed_on: date | None = None) -> Agreement:
    """File a signed agreement: it gets a registration number, and each party a receipt.

    Refused with the list of what is missing when the pre-filing checklist is not complete.
    """
    agreement = _locked(agreement)
    writes.require(by, Action.CHANGE, agreement)
    if agreement.registration_number:
        raise AgreementConflict(_("This agreement is already filed under number %(number)s."),
                                field="registration_number", params={"number": agreement.registration_number})
    missing = filing_checklist(agreement)
    if missing:
        raise FilingIncomplete(missing)
    agreement.filed_on = filed_on or timezone.localdate()
    agreement.registration_number = f"{_PREFIX.get(agreement.kind, 'AG')}-{agreement.filed_on.year}-{agreement.pk:06d}"
    writes.save(agreement, by)
    return agreement
