"""Collective labour disputes: the parties, demands, stages with their participants and sessions, documents,
strikes, the event rows that make the timeline, sent reminders, and employees per sector for strike rates.

Stage codes, step codes and document codes come from the jurisdiction pack's dispute procedure
(``current_pack().dispute_procedure``); they are validated there, not repeated here as choices.
A dispute is never public: it does not subclass ``Published``, and who may read it is decided in
``tripartite.disputes.access`` (parties, assigned conciliators, the secretariat and the inspectorate).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tripartite.core.i18n import localized_text
from tripartite.core.jurisdiction import current_pack
from tripartite.core.models import Region, Sector
from tripartite.partners.models import Kind, Organisation

Errors = dict[str, list[Any]]


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def stage_name(code: str) -> str:
    """The stage's name in the current language (the code itself if the pack no longer has it)."""
    procedure = current_pack().dispute_procedure
    if not code or not procedure.has_stage(code):
        return code or "—"
    return localized_text(procedure.stage(code).name)


class AtStage(models.Model):
    """A record made at one stage of the procedure (a stage period, a document, a timeline event): the stage's
    code, named as the pack names it, on the pages and in the history."""

    stage = models.CharField(_("stage"), max_length=30)
    history_display: ClassVar[dict[str, Callable[[str], str]]] = {"stage": stage_name}

    class Meta:
        abstract = True

    @property
    def stage_name(self) -> str:
        return stage_name(self.stage)


class Dispute(models.Model):
    """A collective labour dispute between an employer and its employees (through a union or representatives).

    It arises on the day the employer receives the demands in writing (``demands_received_on``). ``stage`` is
    where it stands now; moving it is a service call that checks the pack's procedure and writes an event.
    """

    subject = models.CharField(_("subject"), max_length=300, help_text=_("A short description of the dispute."))
    employer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="disputes_as_employer", verbose_name=_("employer"),
    )
    union = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="disputes_as_union",
        verbose_name=_("trade union"), help_text=_("The trade union that represents the employees, if any."),
    )
    workers_representatives = models.TextField(
        _("elected representatives"), blank=True,
        help_text=_("Where no trade union represents the employees: the representatives they elected."),
    )
    employees_involved = models.PositiveIntegerField(_("employees involved"), validators=[MinValueValidator(1)])
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="disputes", verbose_name=_("region"))
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="disputes", verbose_name=_("sector"))
    demands_received_on = models.DateField(
        _("demands received on"), help_text=_("The day the employer received the demands in writing.")
    )
    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, null=True, blank=True, related_name="disputes",
        verbose_name=_("collective agreement"),
    )
    commission = models.ForeignKey(
        "commissions.Commission", on_delete=models.PROTECT, null=True, blank=True, related_name="disputes",
        verbose_name=_("commission concerned"),
    )
    stage = models.CharField(_("stage"), max_length=30)
    stage_since = models.DateField(_("at this stage since"))
    settled_stage = models.CharField(_("settled at stage"), max_length=30, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    employer_language = models.CharField(_("employer's language"), max_length=5, default="ru")
    workers_language = models.CharField(_("employees' language"), max_length=5, default="ru")
    conciliators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_disputes", verbose_name=_("assigned conciliators"),
    )
    is_demo = models.BooleanField(_("demonstration data"), default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[conciliators])
    # The history page names a stage as the pack does, not by its code.
    history_display: ClassVar[dict[str, Callable[[str], str]]] = {"stage": stage_name, "settled_stage": stage_name}

    class Meta:
        verbose_name = _("collective labour dispute")
        verbose_name_plural = _("collective labour disputes")
        ordering = ["-demands_received_on", "-id"]
        indexes = [models.Index(fields=["stage"]), models.Index(fields=["demands_received_on"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def stage_name(self) -> str:
        return stage_name(self.stage)

    @property
    def settled_stage_name(self) -> str:
        return stage_name(self.settled_stage) if self.settled_stage else ""

    @property
    def is_closed(self) -> bool:
        procedure = current_pack().dispute_procedure
        return procedure.has_stage(self.stage) and procedure.stage(self.stage).terminal

    @property
    def workers_side(self) -> str:
        return self.union.name if self.union is not None else self.workers_representatives

    def party_org_ids(self) -> dict[str, set[int]]:
        """Organisation ids (each party's organisation and its ancestors) per side."""
        employer = {pk for _t, pk in self.employer.policy_scopes()}
        workers = {pk for _t, pk in self.union.policy_scopes()} if self.union is not None else set()
        return {"employer": employer, "workers": workers}

    def policy_scopes(self) -> list[tuple[str, int]]:
        """Scopes whose role holders the core policy consults (the disputes app narrows reads further)."""
        scopes = list(self.employer.policy_scopes())
        if self.union is not None:
            scopes += self.union.policy_scopes()
        if self.commission is not None:
            scopes += self.commission.policy_scopes()
        return scopes

    def clean(self) -> None:
        errors: Errors = {}
        if self.employer_id and self.employer.kind != Kind.EMPLOYER:
            errors.setdefault("employer", []).append(_("Choose an employer from the register of social partners."))
        if self.union is not None and self.union.kind != Kind.TRADE_UNION:
            errors.setdefault("union", []).append(_("Choose a trade union."))
        if not self.union_id and not self.workers_representatives.strip():
            errors.setdefault("union", []).append(
                _("Name the employees' side: a trade union or their elected representatives.")
            )
        if self.demands_received_on and self.demands_received_on > timezone.localdate():
            errors.setdefault("demands_received_on", []).append(_("This date is in the future."))
        languages = {code for code, _name in settings.LANGUAGES}
        for field in ("employer_language", "workers_language"):
            if getattr(self, field) not in languages:
                errors.setdefault(field, []).append(_("Choose one of the platform's languages."))
        if self.agreement_id is not None and self.employer_id is not None:
            agreement = self.agreement
            if getattr(agreement, "employer_id", None) != self.employer_id:
                errors.setdefault("agreement", []).append(_("Choose a collective agreement of this employer."))
        if errors:
            raise ValidationError(errors)


class StagePeriod(AtStage):
    """The time a dispute spent at one stage, with its decision (who took part and sessions hang off it)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="periods", verbose_name=_("dispute"))
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stage of a dispute")
        verbose_name_plural = _("stages of a dispute")
        ordering = ["dispute", "started_on", "id"]

    def __str__(self) -> str:
        return self.stage_name

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.dispute.policy_scopes()


class Participant(models.Model):
    """Someone who took part in a stage: a commission member for a side, a mediator, an arbitrator, an expert."""

    class Side(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        WORKERS = "workers", _("Employees")
        INDEPENDENT = "independent", _("Independent")

    class Role(models.TextChoices):
        MEMBER = "member", _("Commission member")
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEDIATOR = "mediator", _("Mediator")
        ARBITRATOR = "arbitrator", _("Arbitrator")
        EXPERT = "expert", _("Expert")

    period = models.ForeignKey(StagePeriod, on_delete=models.CASCADE, related_name="participants",
                               verbose_name=_("stage"))
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    person_name = models.CharField(_("name of the person"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["period", "side", "role", "person_name", "id"]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.role in (self.Role.MEDIATOR, self.Role.ARBITRATOR) and self.side != self.Side.INDEPENDENT:
            # A mediator is not affiliated with the parties (domain brief §3.2, step 4).
            raise ValidationError({"side": _("A mediator or arbitrator is independent of the parties.")})


class Session(models.Model):
    """A sitting of the conciliation commission, the mediation or the arbitration."""

    period = models.ForeignKey(StagePeriod, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("stage"))
    held_on = models.DateField(_("held on"))
    quorum = models.BooleanField(_("quorum present"), default=True)
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["period", "held_on", "id"]

    def __str__(self) -> str:
        return _("Session of %(date)s") % {"date": self.held_on.isoformat()}


class Demand(models.Model):
    """One of the employees' demands, and how far it was met."""

    class Topic(models.TextChoices):
        WAGES = "wages", _("Wages")
        WORKING_TIME = "working_time", _("Working time and rest")
        SAFETY = "safety", _("Occupational safety")
        EMPLOYMENT = "employment", _("Employment and dismissals")
        SOCIAL = "social", _("Social guarantees")
        AGREEMENT = "agreement", _("Collective agreement")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SATISFIED = "satisfied", _("Satisfied")
        PARTLY = "partly", _("Partly satisfied")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="demands", verbose_name=_("dispute"))
    number = models.PositiveSmallIntegerField(_("number"))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    settled_in = models.ForeignKey(
        StagePeriod, on_delete=models.SET_NULL, null=True, blank=True, related_name="settled_demands",
        verbose_name=_("settled at stage"),
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["dispute", "number"]
        constraints = [models.UniqueConstraint(fields=["dispute", "number"], name="unique_demand_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": _("Give the text of the demand.")})


def _document_path(instance: Document, filename: str) -> str:
    """Where a document's file is stored: under its dispute, with a random name (the user's name is kept in
    ``file_name``, never used as the path). The extension was checked on upload."""
    from tripartite.core.uploads import extension_of

    extension = extension_of(filename)
    return f"disputes/{instance.dispute_id}/{uuid.uuid4().hex}" + (f".{extension}" if extension else "")


class Document(AtStage):
    """A document of the procedure on record (the pack's code says which requirement it fulfils), with the
    file itself when one was uploaded (checked for type, size and content by ``tripartite.core.uploads``)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="documents", verbose_name=_("dispute"))
    code = models.CharField(_("kind of document"), max_length=40)
    title = models.CharField(_("title"), max_length=300, blank=True)
    dated = models.DateField(_("dated"))
    reference = models.CharField(_("number or reference"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True,
                                 help_text=_("The name of the file as uploaded; it is downloaded under this name."))
    file_size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["dispute", "dated", "id"]

    def __str__(self) -> str:
        return self.title or self.code

    @property
    def name(self) -> str:
        procedure = current_pack().dispute_procedure
        try:
            return self.title or localized_text(procedure.document(self.code).name)
        except KeyError:
            return self.title or self.code


class Strike(models.Model):
    """A strike in a dispute: when, how many took part, and whether it was lawful (with the reason)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="strikes", verbose_name=_("dispute"))
    declared_on = models.DateField(_("decided on"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("workers involved"), null=True, blank=True)
    lawful = models.BooleanField(_("lawful"), null=True, blank=True, help_text=_("Leave empty while unknown."))
    unlawful_ground = models.CharField(_("ground of unlawfulness"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strike")
        verbose_name_plural = _("strikes")
        ordering = ["dispute", "declared_on", "id"]

    def __str__(self) -> str:
        return _("Strike decided on %(date)s") % {"date": self.declared_on.isoformat()}

    @property
    def unlawful_ground_name(self) -> str:
        if not self.unlawful_ground:
            return ""
        try:
            return localized_text(current_pack().dispute_procedure.unlawful_ground(self.unlawful_ground).name)
        except KeyError:
            return self.unlawful_ground

    def clean(self) -> None:
        errors: Errors = {}
        if self.started_on and self.started_on < self.declared_on:
            errors.setdefault("started_on", []).append(_("A strike cannot start before it was decided."))
        if self.ended_on and not self.started_on:
            errors.setdefault("ended_on", []).append(_("Give the start date first."))
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors.setdefault("ended_on", []).append(_("A strike cannot end before it starts."))
        if self.started_on and self.started_on > timezone.localdate():
            errors.setdefault("started_on", []).append(_("This date is in the future."))
        if self.ended_on and self.ended_on > timezone.localdate():
            errors.setdefault("ended_on", []).append(_("This date is in the future."))
        if self.lawful is False and not (self.unlawful_ground or self.reason.strip()):
            errors.setdefault("reason", []).append(_("Give the ground or the reason why the strike is unlawful."))
        if self.lawful is not False and self.unlawful_ground:
            errors.setdefault("unlawful_ground", []).append(_("Only an unlawful strike has a ground of unlawfulness."))
        if self.unlawful_ground:
            try:
                current_pack().dispute_procedure.unlawful_ground(self.unlawful_ground)
            except KeyError:
                errors.setdefault("unlawful_ground", []).append(_("Choose one of the grounds the law lists."))
        if errors:
            raise ValidationError(errors)


class Event(AtStage):
    """One row of a dispute's timeline: a step of the procedure, a move between stages, or a record added.

    ``step`` is a step code of the pack's procedure when the event starts or meets statutory periods.
    """

    class Kind(models.TextChoices):
        STEP = "step", _("Step of the procedure")
        TRANSITION = "transition", _("Change of stage")
        DEMAND = "demand", _("Demand")
        DOCUMENT = "document", _("Document")
        SESSION = "session", _("Session")
        PARTICIPANT = "participant", _("Participant")
        STRIKE = "strike", _("Strike")
        ASSIGNMENT = "assignment", _("Conciliator assigned")
        NOTE = "note", _("Note")

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events", verbose_name=_("dispute"))
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    step = models.CharField(_("step"), max_length=40, blank=True)
    from_stage = models.CharField(_("from stage"), max_length=30, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["dispute", "on", "id"]
        indexes = [models.Index(fields=["dispute", "step"])]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.step or self.kind}"

    @property
    def step_name(self) -> str:
        procedure = current_pack().dispute_procedure
        if self.step and procedure.has_step(self.step):
            return localized_text(procedure.step(self.step).name)
        return str(self.get_kind_display())


class ReminderSent(models.Model):
    """A reminder e-mail already sent, so that running ``remind`` again sends no duplicate."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("dispute"))
    rule = models.CharField(_("rule"), max_length=60)
    started_on = models.DateField(_("period started on"))
    due = models.DateField(_("due"))
    kind = models.CharField(_("kind"), max_length=20)  # "due_soon" or "overdue"
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("recipient"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["dispute", "rule", "started_on", "due", "kind", "recipient"],
                                    name="unique_dispute_reminder"),
        ]


class SectorEmployment(models.Model):
    """Employees in a sector in a year: the denominator of "days not worked per 1,000 employees" (ILO)."""

    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    employees = models.PositiveIntegerField(_("employees"), validators=[MinValueValidator(1)])
    source = models.CharField(_("source"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employees in a sector")
        verbose_name_plural = _("employees by sector and year")
        ordering = ["-year", "sector__code"]
        constraints = [models.UniqueConstraint(fields=["sector", "year"], name="unique_sector_employment_year")]

    def __str__(self) -> str:
        return f"{self.sector.code} {self.year}: {self.employees}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return []

