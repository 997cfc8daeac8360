"""Writes of the disputes app: one function per use case, checked by ``access`` and run in a transaction.

Every write that changes where a dispute stands writes an ``Event`` row (who, when, from, to, why): the
timeline is those rows. Moves between stages are checked against the jurisdiction pack's procedure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tripartite.core import uploads, writes
from tripartite.core.errors import Conflict, DomainError, NotAllowed
from tripartite.core.i18n import current_language
from tripartite.core.jurisdiction import current_pack
from tripartite.core.models import Region, Role, Sector, User, audit_as
from tripartite.disputes import access
from tripartite.disputes.models import (
    Demand,
    Dispute,
    Document,
    Event,
    Participant,
    SectorEmployment,
    Session,
    StagePeriod,
    Strike,
)
from tripartite.jurisdictions.disputes import TransitionRefused
from tripartite.partners.models import Organisation


class DisputeTransitionError(Conflict):
    """The procedure does not allow this move from the dispute's current stage."""


class DisputeStepError(DomainError):
    """The step cannot be recorded at the dispute's current stage or on that date."""


def _deny() -> NotAllowed:
    return NotAllowed(_("You do not have permission to do this."))


def _require_act(by: Any, dispute: Dispute) -> None:
    if not access.may_act(by, dispute):
        raise _deny()


def _event(dispute: Dispute, by: Any, *, on: date, kind: str, step: str = "", note: str = "",
           from_stage: str = "", to_stage: str = "") -> Event:
    event = Event(dispute=dispute, on=on, kind=kind, step=step, stage=dispute.stage, note=note,
                  from_stage=from_stage, to_stage=to_stage,
                  recorded_by=by if getattr(by, "is_authenticated", False) else None)
    writes.save(event, by)
    return event


def _check_date(on: date, dispute: Dispute, field: str = "on", *, not_before: date | None = None) -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("This date is in the future.")})
    earliest = not_before or dispute.demands_received_on
    if on < earliest:
        raise ValidationError({field: _("This date is before %(date)s.") % {"date": earliest.isoformat()}})


def _current_period(dispute: Dispute) -> StagePeriod:
    period = dispute.periods.filter(stage=dispute.stage, ended_on__isnull=True).order_by("-started_on", "-id").first()
    if period is None:
        raise DisputeStepError(_("The dispute is closed: nothing more can be recorded at a stage."))
    return period


def _locked(dispute: Dispute) -> Dispute:
    return Dispute.objects.select_for_update().get(pk=dispute.pk)


# Disputes ----------------------------------------------------------------------------------------------------


@transaction.atomic
def dispute_create(
    *,
    by: Any,
    subject: str,
    employer: Organisation,
    employees_involved: int,
    region: Region,
    sector: Sector,
    demands_received_on: date,
    demands: Iterable[Mapping[str, str]] = (),
    union: Organisation | None = None,
    workers_representatives: str = "",
    agreement: Any = None,
    commission: Any = None,
    employer_language: str = "",
    workers_language: str = "",
    note: str = "",
) -> Dispute:
    """Register a dispute from the day the employer received the demands; it starts at the pack's first stage.

    Without an explicit agreement, the employer's collective agreement in force that day is linked, so that
    its own dispute procedure applies.
    """
    if not access.may_create(by, employer, union):
        raise _deny()
    procedure = current_pack().dispute_procedure
    if agreement is None and employer is not None and demands_received_on is not None:
        from tripartite.agreements.dispute_procedure import collective_agreement_in_force

        agreement = collective_agreement_in_force(employer, demands_received_on)
    language = current_language()
    dispute = Dispute(
        subject=(subject or "").strip(), employer=employer, union=union,
        workers_representatives=(workers_representatives or "").strip(), employees_involved=employees_involved,
        region=region, sector=sector, demands_received_on=demands_received_on, agreement=agreement,
        commission=commission, stage=procedure.initial_stage, stage_since=demands_received_on,
        employer_language=employer_language or language, workers_language=workers_language or language,
    )
    writes.save(dispute, by)
    period = StagePeriod(dispute=dispute, stage=dispute.stage, started_on=demands_received_on)
    writes.save(period, by)
    opens_with = procedure.stage(dispute.stage).opens_with or ""
    _event(dispute, by, on=demands_received_on, kind=Event.Kind.STEP, step=opens_with, note=note)
    for number, demand in enumerate(demands, start=1):
        writes.save(Demand(dispute=dispute, number=number, topic=demand.get("topic", Demand.Topic.OTHER),
                     text=(demand.get("text") or "").strip()), by)
    return dispute


DISPUTE_FIELDS = (
    "subject", "union", "workers_representatives", "employees_involved", "region", "sector", "agreement",
    "commission", "employer_language", "workers_language",
)


@transaction.atomic
def dispute_update(*, dispute: Dispute, by: Any, data: Mapping[str, Any]) -> Dispute:
    """Correct a dispute's facts (not its stage: that moves only through ``dispute_advance``)."""
    dispute = _locked(dispute)
    _require_act(by, dispute)
    writes.apply_changes(dispute, data, DISPUTE_FIELDS)
    writes.save(dispute, by)
    return dispute


@transaction.atomic
def dispute_advance(
    *,
    dispute: Dispute,
    by: Any,
    to_stage: str,
    on: date,
    decision: str = "",
    note: str = "",
    demand_statuses: Mapping[int, str] | None = None,
) -> Dispute:
    """Move the dispute to ``to_stage`` on ``on``, if the pack's procedure allows it from where it is.

    The current stage closes with ``decision``; demands listed in ``demand_statuses`` (id -> status) take
    their new status and are recorded as settled at the stage being left. Reaching "settled" records the
    stage at which the dispute was settled; reaching any terminal stage closes the dispute.
    """
    dispute = _locked(dispute)
    _require_act(by, dispute)
    procedure = current_pack().dispute_procedure
    try:
        procedure.transition(dispute.stage, to_stage)
    except TransitionRefused as refusal:
        lang = current_language()
        raise DisputeTransitionError(refusal.message.get(lang) or refusal.message["en"], field="to_stage") from None
    _check_date(on, dispute, not_before=dispute.stage_since)
    period = _current_period(dispute)
    period.ended_on = on
    if decision.strip():
        period.decision = decision.strip()
    writes.save(period, by)
    for demand_id, status in (demand_statuses or {}).items():
        demand = dispute.demands.filter(pk=demand_id).first()
        if demand is None:
            raise ValidationError({"demands": _("This demand does not belong to the dispute.")})
        if status not in Demand.Status.values:
            raise ValidationError({"demands": _("Choose one of the allowed values.")})
        if status != demand.status:
            demand.status = status
            demand.settled_in = period if status in (Demand.Status.SATISFIED, Demand.Status.PARTLY) else None
            writes.save(demand, by)
    for strike in dispute.strikes.filter(started_on__isnull=False, ended_on__isnull=True):
        # Leaving the strike stage ends the strike on the day of the move.
        strike.ended_on = on
        writes.save(strike, by)
        _event(dispute, by, on=on, kind=Event.Kind.STEP, step="strike_ended")
    from_stage = dispute.stage
    target = procedure.stage(to_stage)
    dispute.stage, dispute.stage_since = to_stage, on
    if target.terminal:
        dispute.closed_on = on
        if to_stage == "settled":
            dispute.settled_stage = from_stage
    else:
        writes.save(StagePeriod(dispute=dispute, stage=to_stage, started_on=on), by)
    writes.save(dispute, by)
    _event(dispute, by, on=on, kind=Event.Kind.TRANSITION, step=target.opens_with or "", note=note,
           from_stage=from_stage, to_stage=to_stage)
    if to_stage == "strike":
        writes.save(Strike(dispute=dispute, declared_on=on), by)
    return dispute


def recordable_steps(dispute: Dispute) -> list[Any]:
    """Steps of the procedure that may be recorded now (the stage's own, plus those allowed at any open stage)."""
    procedure = current_pack().dispute_procedure
    if dispute.is_closed:
        return []
    openers = {s.opens_with for s in procedure.stages}
    return [s for s in procedure.steps
            if s.code not in openers and (s.stage == dispute.stage or s.anytime)
            and not s.code.startswith("strike_")]


@transaction.atomic
def step_record(*, dispute: Dispute, by: Any, step: str, on: date, note: str = "") -> Event:
    """Record a step of the procedure (the employer's reply, the commission formed, its decision, ...)."""
    dispute = _locked(dispute)
    _require_act(by, dispute)
    allowed = {s.code: s for s in recordable_steps(dispute)}
    if step not in allowed:
        raise DisputeStepError(
            _("This step cannot be recorded at the stage “%(stage)s”.") % {"stage": dispute.stage_name}, field="step",
        )
    not_before = dispute.demands_received_on if allowed[step].anytime else dispute.stage_since
    _check_date(on, dispute, not_before=not_before)
    return _event(dispute, by, on=on, kind=Event.Kind.STEP, step=step, note=note)


@transaction.atomic
def note_add(*, dispute: Dispute, by: Any, on: date, note: str) -> Event:
    dispute = _locked(dispute)
    _require_act(by, dispute)
    if not note.strip():
        raise ValidationError({"note": _("Write the note.")})
    _check_date(on, dispute)
    return _event(dispute, by, on=on, kind=Event.Kind.NOTE, note=note.strip())


# Demands, documents, participants, sessions -------------------------------------------------------------------


@transaction.atomic
def demand_add(*, dispute: Dispute, by: Any, topic: str, text: str) -> Demand:
    dispute = _locked(dispute)
    _require_act(by, dispute)
    number = (dispute.demands.aggregate(top=Max("number"))["top"] or 0) + 1
    demand = Demand(dispute=dispute, number=number, topic=topic, text=(text or "").strip())
    writes.save(demand, by)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.DEMAND,
           note=_("Demand %(number)s added: %(text)s") % {"number": number, "text": demand.text[:200]})
    return demand


@transaction.atomic
def demand_set_status(*, demand: Demand, by: Any, status: str, note: str = "") -> Demand:
    """Record how far a demand was met; a satisfied or partly satisfied demand is settled at the current stage."""
    demand = Demand.objects.select_for_update().select_related("dispute").get(pk=demand.pk)
    dispute = demand.dispute
    _require_act(by, dispute)
    if status not in Demand.Status.values:
        raise ValidationError({"status": _("Choose one of the allowed values.")})
    demand.status = status
    if note:
        demand.note = note
    settled = status in (Demand.Status.SATISFIED, Demand.Status.PARTLY)
    demand.settled_in = (dispute.periods.filter(stage=dispute.stage).order_by("-started_on", "-id").first()
                         if settled else None)
    writes.save(demand, by)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.DEMAND,
           note=_("Demand %(number)s: %(status)s") % {"number": demand.number, "status": demand.get_status_display()})
    return demand


def document_add(
    *, dispute: Dispute, by: Any, code: str, dated: date, title: str = "", reference: str = "", note: str = "",
    file_name: str = "", content: bytes | None = None,
) -> Document:
    """Record a document of the procedure; its kind must be one the pack's procedure lists (or "other").

    With ``content`` (the bytes of an uploaded file named ``file_name``), the file is checked
    (``tripartite.core.uploads.document_problem``: type, size, content) before anything is written, stored
    under ``disputes/<dispute id>/`` with a random name, and removed again if recording the document fails.
    """
    stored: list[Document] = []
    try:
        return _document_add(dispute=dispute, by=by, code=code, dated=dated, title=title, reference=reference,
                             note=note, file_name=file_name, content=content, stored=stored)
    except BaseException:
        for document in stored:
            document.file.delete(save=False)
        raise


@transaction.atomic
def _document_add(*, dispute: Dispute, by: Any, code: str, dated: date, title: str, reference: str, note: str,
                  file_name: str, content: bytes | None, stored: list[Document]) -> Document:
    dispute = _locked(dispute)
    _require_act(by, dispute)
    document = Document(dispute=dispute, stage=dispute.stage, code=code, title=title.strip(), dated=dated,
                        reference=reference.strip(), note=note)
    _check_document(document)
    if content is not None:
        _attach(document, file_name, content, stored)
    writes.save(document, by)
    _event(dispute, by, on=dated, kind=Event.Kind.DOCUMENT, note=document.name)
    return document


def _check_document(document: Document) -> None:
    """A document's kind is one the pack's procedure lists, or "other" with a title; its date is not in the future."""
    if document.code != "other":
        try:
            current_pack().dispute_procedure.document(document.code)
        except KeyError:
            raise ValidationError({"code": _("Choose one of the documents the procedure lists.")}) from None
    elif not document.title.strip():
        raise ValidationError({"title": _("Give the title of the document.")})
    _check_date(document.dated, document.dispute, "dated", not_before=date(1990, 1, 1))


def _attach(document: Document, file_name: str, content: bytes, stored: list[Document]) -> None:
    """Check an uploaded file (``core.uploads``) and store it; ``stored`` lets the caller remove it on failure."""
    name = uploads.original_name(file_name)
    problem = uploads.document_problem(name, len(content), content[:16])
    if problem:
        raise ValidationError({"file": problem})
    document.file_name, document.file_size = name, len(content)
    document.file.save(name, ContentFile(content), save=False)
    stored.append(document)


def _delete_file_after_commit(path: str) -> None:
    """Remove a stored file once the transaction that stopped referring to it has committed (a rollback keeps
    it, together with the row that still refers to it)."""
    if not path:
        return
    storage = Document._meta.get_field("file").storage  # type: ignore[attr-defined]
    transaction.on_commit(lambda: storage.delete(path))


@transaction.atomic
def participant_add(
    *, dispute: Dispute, by: Any, side: str, person_name: str, role: str = Participant.Role.MEMBER,
    organisation_name: str = "",
) -> Participant:
    """Record who takes part in the current stage (commission members by side, mediator, arbitrators)."""
    dispute = _editable(dispute, by)
    participant = Participant(period=_current_period(dispute), side=side, role=role,
                              person_name=(person_name or "").strip(), organisation_name=organisation_name.strip())
    writes.save(participant, by)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.PARTICIPANT, note=_participant_note(participant))
    return participant


@transaction.atomic
def session_add(*, dispute: Dispute, by: Any, held_on: date, quorum: bool = True, minutes: str = "") -> Session:
    dispute = _editable(dispute, by)
    period = _current_period(dispute)
    _check_date(held_on, dispute, "held_on", not_before=period.started_on)
    session = Session(period=period, held_on=held_on, quorum=quorum, minutes=minutes)
    writes.save(session, by)
    note = str(_("Session with quorum")) if quorum else str(_("Session without quorum"))
    _event(dispute, by, on=held_on, kind=Event.Kind.SESSION, note=note)
    return session


# Corrections: edit and remove demands, documents, participants and sessions ---------------------------------


class DisputeClosedError(Conflict):
    """A closed dispute's file is final: its records cannot be corrected or removed."""


class RecordNeededError(Conflict):
    """The record cannot be removed: the procedure still relies on it."""


def _require_open(dispute: Dispute) -> None:
    if dispute.is_closed:
        raise DisputeClosedError(
            _("The dispute is closed (%(stage)s): its records can no longer be changed.") % {"stage": dispute.stage_name})


def _editable(dispute: Dispute, by: Any) -> Dispute:
    """The dispute locked for a correction, after checking that ``by`` may act on it and that it is still open."""
    dispute = _locked(dispute)
    _require_act(by, dispute)
    _require_open(dispute)
    return dispute


DEMAND_FIELDS = ("topic", "text")


def _demand_for_change(demand: Demand, by: Any) -> tuple[Demand, Dispute]:
    dispute = _editable(demand.dispute, by)
    return Demand.objects.select_for_update().get(pk=demand.pk), dispute


@transaction.atomic
def demand_update(*, demand: Demand, by: Any, data: Mapping[str, Any]) -> Demand:
    """Correct a demand's text or topic (its status has its own service, ``demand_set_status``)."""
    demand, dispute = _demand_for_change(demand, by)
    if "topic" in data and data["topic"] not in Demand.Topic.values:
        raise ValidationError({"topic": _("Choose one of the allowed values.")})
    if writes.apply_changes(demand, data, DEMAND_FIELDS, required=DEMAND_FIELDS):
        writes.save(demand, by)
        _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.DEMAND,
               note=_("Demand %(number)s corrected: %(text)s") % {"number": demand.number, "text": demand.text[:200]})
    return demand


@transaction.atomic
def demand_remove(*, demand: Demand, by: Any) -> None:
    """Remove a demand recorded by mistake; an open dispute keeps at least one demand (it is what the dispute is
    about). The other demands keep their numbers."""
    demand, dispute = _demand_for_change(demand, by)
    if not dispute.demands.exclude(pk=demand.pk).exists():
        raise RecordNeededError(_("This is the dispute's only demand: correct it, or add the right demand before "
                                  "removing this one."))
    number, text = demand.number, demand.text
    writes.delete(demand, by)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.DEMAND,
           note=_("Demand %(number)s removed: %(text)s") % {"number": number, "text": text[:200]})


DOCUMENT_FIELDS = ("code", "title", "dated", "reference", "note")


def document_update(
    *, document: Document, by: Any, data: Mapping[str, Any], file_name: str = "", content: bytes | None = None,
    remove_file: bool = False,
) -> Document:
    """Correct a document's kind, title, date, number or note; replace its file (``content``, checked as on
    upload) or remove it (``remove_file``). A replaced or removed file is deleted once the change is committed;
    a new file is removed again if the change fails."""
    stored: list[Document] = []
    try:
        return _document_update(document=document, by=by, data=data, file_name=file_name, content=content,
                                remove_file=remove_file, stored=stored)
    except BaseException:
        for changed in stored:
            changed.file.delete(save=False)
        raise


@transaction.atomic
def _document_update(*, document: Document, by: Any, data: Mapping[str, Any], file_name: str,
                     content: bytes | None, remove_file: bool, stored: list[Document]) -> Document:
    dispute = _editable(document.dispute, by)
    document = Document.objects.select_for_update().get(pk=document.pk)
    document.dispute = dispute
    changed = writes.apply_changes(document, data, DOCUMENT_FIELDS, required=("code", "dated"))
    _check_document(document)
    old_path = document.file.name if document.file else ""
    if content is not None:
        _attach(document, file_name, content, stored)
        changed.append("file")
    elif remove_file and old_path:
        document.file, document.file_name, document.file_size = None, "", None  # type: ignore[assignment]
        changed.append("file")
    if not changed:
        return document
    writes.save(document, by)
    if "file" in changed:
        _delete_file_after_commit(old_path)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.DOCUMENT,
           note=_("Document corrected: %(name)s") % {"name": document.name})
    return document


@transaction.atomic
def document_remove(*, document: Document, by: Any) -> None:
    """Remove a document recorded by mistake, with its file (deleted once the removal is committed)."""
    dispute = _editable(document.dispute, by)
    document = Document.objects.select_for_update().get(pk=document.pk)
    name, path = document.name, document.file.name if document.file else ""
    writes.delete(document, by)
    _delete_file_after_commit(path)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.DOCUMENT,
           note=_("Document removed: %(name)s") % {"name": name})


PARTICIPANT_FIELDS = ("side", "role", "person_name", "organisation_name")


def _participant_note(participant: Participant) -> str:
    return f"{participant.person_name} — {participant.get_role_display()} ({participant.get_side_display()})"


@transaction.atomic
def participant_update(*, participant: Participant, by: Any, data: Mapping[str, Any]) -> Participant:
    """Correct a participant's side, role, name or organisation (at the stage where they were recorded)."""
    dispute = _editable(participant.period.dispute, by)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if writes.apply_changes(participant, data, PARTICIPANT_FIELDS, required=("side", "role", "person_name")):
        writes.save(participant, by)
        _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.PARTICIPANT,
               note=_("Participant corrected: %(who)s") % {"who": _participant_note(participant)})
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant, by: Any) -> None:
    """Remove a participant recorded by mistake, or one who left the stage."""
    dispute = _editable(participant.period.dispute, by)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    who = _participant_note(participant)
    writes.delete(participant, by)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.PARTICIPANT,
           note=_("Participant removed: %(who)s") % {"who": who})


SESSION_FIELDS = ("held_on", "quorum", "minutes")


@transaction.atomic
def session_update(*, session: Session, by: Any, data: Mapping[str, Any]) -> Session:
    """Correct a session's date (a postponed sitting), quorum or minutes; the date stays within its stage."""
    dispute = _editable(session.period.dispute, by)
    session = Session.objects.select_for_update().select_related("period").get(pk=session.pk)
    was_held_on = session.held_on
    changed = writes.apply_changes(session, data, SESSION_FIELDS, required=("held_on", "quorum"))
    if not changed:
        return session
    period = session.period
    _check_date(session.held_on, dispute, "held_on", not_before=period.started_on)
    if period.ended_on and session.held_on > period.ended_on:
        raise ValidationError({"held_on": _("This date is after the stage ended (%(date)s).")
                               % {"date": period.ended_on.isoformat()}})
    writes.save(session, by)
    if "held_on" in changed:
        note = _("Session of %(old)s moved to %(new)s") % {"old": was_held_on.isoformat(),
                                                          "new": session.held_on.isoformat()}
    else:
        note = _("Session of %(date)s corrected") % {"date": session.held_on.isoformat()}
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.SESSION, note=note)
    return session


@transaction.atomic
def session_remove(*, session: Session, by: Any) -> None:
    """Remove a session recorded by mistake (one that was not held)."""
    dispute = _editable(session.period.dispute, by)
    session = Session.objects.select_for_update().get(pk=session.pk)
    held_on = session.held_on
    writes.delete(session, by)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.SESSION,
           note=_("Session of %(date)s removed") % {"date": held_on.isoformat()})


# Strikes -----------------------------------------------------------------------------------------------------


STRIKE_FIELDS = ("started_on", "ended_on", "participants", "lawful", "unlawful_ground", "reason")


@transaction.atomic
def strike_update(*, strike: Strike, by: Any, data: Mapping[str, Any]) -> Strike:
    """Record a strike's start, end, participants and lawfulness; the start and end are steps on the timeline."""
    strike = Strike.objects.select_for_update().select_related("dispute").get(pk=strike.pk)
    dispute = strike.dispute
    _require_act(by, dispute)
    was_started, was_ended = strike.started_on, strike.ended_on
    writes.apply_changes(strike, data, STRIKE_FIELDS)
    writes.save(strike, by)
    if strike.started_on and was_started != strike.started_on:
        _event(dispute, by, on=strike.started_on, kind=Event.Kind.STEP, step="strike_started")
    if strike.ended_on and was_ended != strike.ended_on:
        _event(dispute, by, on=strike.ended_on, kind=Event.Kind.STEP, step="strike_ended")
    return strike


# Conciliators ------------------------------------------------------------------------------------------------


@transaction.atomic
def conciliator_assign(*, dispute: Dispute, by: Any, user: User) -> Dispute:
    """Assign a conciliator (a user holding the conciliator role) to the dispute."""
    dispute = _locked(dispute)
    if not access.may_assign_conciliators(by, dispute):
        raise _deny()
    if not user.roles.filter(role=Role.CONCILIATOR).exists():
        raise ValidationError({"user": _("This user does not hold the conciliator role.")})
    if dispute.conciliators.filter(pk=user.pk).exists():
        raise Conflict(_("This conciliator is already assigned."), field="user")
    audit_as(dispute, by)
    dispute.conciliators.add(user)
    _event(dispute, by, on=timezone.localdate(), kind=Event.Kind.ASSIGNMENT, note=str(user))
    return dispute


# Statistics denominators -------------------------------------------------------------------------------------


@transaction.atomic
def sector_employment_set(*, by: Any, sector: Sector, year: int, employees: int, source: str) -> SectorEmployment:
    """Enter (or correct) the number of employees in a sector in a year, with its source."""
    if not access.may_manage_statistics(by):
        raise _deny()
    row = SectorEmployment.objects.select_for_update().filter(sector=sector, year=year).first()
    row = row or SectorEmployment(sector=sector, year=year)
    row.employees, row.source = employees, (source or "").strip()
    writes.save(row, by)
    return row
