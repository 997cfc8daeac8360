"""Agreements (general, sectoral, regional, collective): parties, scope, clauses, commitments, filing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tripartite.agreements import rules
from tripartite.agreements.rules import Kind
from tripartite.commissions.obligations import Errors, Obligation
from tripartite.core.i18n import Trilingual
from tripartite.core.i18n import require_one_language as _require_one_language
from tripartite.core.models import Published, Region, Sector
from tripartite.partners.models import Organisation


def _document_path(instance: Agreement, filename: str) -> str:
    return f"agreements/{instance.pk or 'new'}/signed.pdf"


def _public_copy_path(instance: Agreement, filename: str) -> str:
    return f"agreements/{instance.pk or 'new'}/public.pdf"


class Status(models.TextChoices):
    """Where an agreement stands on a day; computed from its dates, never stored."""

    DRAFT = "draft", _("Draft")
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Signed, not yet in force")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class Agreement(Published):
    """An agreement at one level of the pack's scheme, with its scope, dates and signed document."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(
        _("level"), max_length=40, help_text=_("A level of social partnership from the jurisdiction pack.")
    )
    title = Trilingual(models.CharField, _("title"), max_length=500, blank=True, fallback=lambda a: f"#{a.pk}")
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="agreements_kept",
        verbose_name=_("kept by"),
        help_text=_("The organisation whose editors keep this record (usually a party)."),
    )
    commission = models.ForeignKey(
        "commissions.Commission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("commission"),
        help_text=_("The commission that concluded the agreement; its secretariat may edit it too."),
    )
    # Scope: sectors and/or regions (sectoral, regional) or one employer (collective); general: the country.
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collective_agreements",
        verbose_name=_("employer"),
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="agreements", verbose_name=_("sectors"))
    regions = models.ManyToManyField(Region, blank=True, related_name="agreements", verbose_name=_("regions"))
    # Dates.
    proposal_date = models.DateField(_("proposal to bargain received on"), null=True, blank=True)
    negotiations_started_on = models.DateField(_("negotiations started on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    effective_from = models.DateField(_("in effect from"), null=True, blank=True)
    effective_to = models.DateField(_("in effect until"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    covered_employees = models.PositiveIntegerField(_("employees covered"), null=True, blank=True)
    disagreements = models.TextField(
        _("protocol of disagreements"), blank=True,
        help_text=_("The points the parties did not agree on when signing, if any."),
    )
    # Signed document and its redacted public copy (checked to be a PDF; SHA-256 kept to prove integrity).
    document = models.FileField(_("signed document"), upload_to=_document_path, blank=True)
    document_sha256 = models.CharField(_("SHA-256 of the signed document"), max_length=64, blank=True)
    document_size = models.PositiveIntegerField(_("size of the signed document"), null=True, blank=True)
    public_copy = models.FileField(_("redacted public copy"), upload_to=_public_copy_path, blank=True)
    public_copy_sha256 = models.CharField(_("SHA-256 of the public copy"), max_length=64, blank=True)
    # Filing.
    registration_number = models.CharField(_("registration number"), max_length=40, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[sectors, regions])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"], condition=~Q(registration_number=""),
                name="unique_agreement_registration_number",
            ),
        ]
        indexes = [models.Index(fields=["kind", "effective_from"]), models.Index(fields=["employer", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def level_name(self) -> str:
        return rules.level_name(self.level, self.reference_date)

    @property
    def reference_date(self) -> date | None:
        """The date whose level scheme and floors apply: effect, else signature, else proposal."""
        return self.effective_from or self.signed_on or self.proposal_date

    def policy_scopes(self) -> list[tuple[str, int]]:
        scopes = self.owner.policy_scopes() if self.owner_id else []
        if self.commission_id:
            assert self.commission is not None
            scopes = [*scopes, *self.commission.policy_scopes()]
        return scopes

    # The status rule, in Python and as database conditions; tests check that both agree.
    def status_on(self, today: date) -> str:
        if self.terminated_on is not None and self.terminated_on <= today:
            return Status.TERMINATED
        if self.signed_on is not None and self.signed_on <= today:
            if self.effective_to is not None and self.effective_to < today:
                return Status.EXPIRED
            if self.effective_from is not None and self.effective_from <= today:
                return Status.IN_FORCE
            return Status.SIGNED
        if self.negotiations_started_on is not None and self.negotiations_started_on <= today:
            return Status.NEGOTIATING
        return Status.DRAFT

    @staticmethod
    def status_q(status: str, today: date) -> Q:
        terminated = Q(terminated_on__isnull=False, terminated_on__lte=today)
        signed = Q(signed_on__isnull=False, signed_on__lte=today) & ~terminated
        expired = signed & Q(effective_to__isnull=False, effective_to__lt=today)
        in_force = signed & ~expired & Q(effective_from__isnull=False, effective_from__lte=today)
        if status == Status.TERMINATED:
            return terminated
        if status == Status.EXPIRED:
            return expired
        if status == Status.IN_FORCE:
            return in_force
        if status == Status.SIGNED:
            return signed & ~expired & ~in_force
        negotiating = ~terminated & ~signed & Q(negotiations_started_on__isnull=False,
                                                  negotiations_started_on__lte=today)
        if status == Status.NEGOTIATING:
            return negotiating
        return ~terminated & ~signed & ~negotiating

    @staticmethod
    def in_force_q(on: date) -> Q:
        return Agreement.status_q(Status.IN_FORCE, on)

    def effect_end(self) -> date | None:
        """Last day of effect: the earlier of the end date and the day before termination (None = open)."""
        ends = [d for d in (self.effective_to,) if d is not None]
        if self.terminated_on is not None:
            ends.append(self.terminated_on - timedelta(days=1))
        return min(ends) if ends else None

    def clean(self) -> None:
        errors = _require_one_language(self, "title", _("Give the title in at least one language."))
        on = self.reference_date
        if self.kind and self.level:
            level = rules.level_or_none(self.level, on)
            allowed = [lv.code for lv in rules.levels_for(self.kind, on)]
            if level is None or self.level not in allowed:
                errors.setdefault("level", []).append(
                    _("Choose a level at which this kind of agreement is concluded (%(levels)s).")
                    % {"levels": ", ".join(allowed) or "—"}
                )
        if self.kind == Kind.COLLECTIVE and self.employer_id is None:
            errors.setdefault("employer", []).append(_("A collective agreement names its employer."))
        if self.kind != Kind.COLLECTIVE and self.employer_id is not None:
            errors.setdefault("employer", []).append(_("Only a collective agreement has an employer as its scope."))
        for earlier, later, field, message in (
            (self.proposal_date, self.negotiations_started_on, "negotiations_started_on",
             _("Negotiations cannot start before the proposal to bargain.")),
            (self.negotiations_started_on, self.signed_on, "signed_on",
             _("An agreement cannot be signed before negotiations start.")),
            (self.effective_from, self.effective_to, "effective_to",
             _("The agreement cannot end before it takes effect.")),
            (self.signed_on, self.terminated_on, "terminated_on",
             _("An agreement cannot be terminated before it is signed.")),
        ):
            if earlier and later and later < earlier:
                errors.setdefault(field, []).append(message)
        if self.terminated_on and not self.signed_on:
            errors.setdefault("terminated_on", []).append(_("Only a signed agreement can be terminated."))
        if self.effective_from and not self.signed_on:
            errors.setdefault("signed_on", []).append(_("Give the date of signature before the date of effect."))
        if errors:
            raise ValidationError(errors)


class AgreementParty(models.Model):
    """An organisation that is a party to an agreement for one side, with its signatory and their authority."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties",
                                  verbose_name=_("agreement"))
    side = models.CharField(_("side"), max_length=20, choices=rules.side_choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreement_parties",
                                     verbose_name=_("organisation"))
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=300, blank=True)
    authority = models.CharField(
        _("authority to sign"), max_length=300, blank=True,
        help_text=_("What empowers the signatory: the charter, a power of attorney (number and date), a decision."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement", "side", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "organisation"], name="unique_agreement_party")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_side_display()})"

    @property
    def published(self) -> bool:
        return self.agreement.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.agreement.policy_scopes()


class BargainingMember(models.Model):
    """A member of the parity commission that negotiates an agreement, for one side."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="bargaining_members",
                                  verbose_name=_("agreement"))
    side = models.CharField(_("side"), max_length=20, choices=rules.side_choices)
    person_name = models.CharField(_("name of the person"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="bargaining_seats", verbose_name=_("organisation"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bargaining commission member")
        verbose_name_plural = _("bargaining commission members")
        ordering = ["agreement", "side", "person_name", "id"]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_side_display()})"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.agreement.policy_scopes()


class Topic(models.TextChoices):
    PAY = "pay", _("Pay")
    WORKING_TIME = "working_time", _("Working time")
    REST_LEAVE = "rest_leave", _("Rest and leave")
    SAFETY = "safety", _("Occupational safety")
    SOCIAL = "social", _("Social guarantees")
    EMPLOYMENT = "employment", _("Employment and training")
    UNION_RIGHTS = "union_rights", _("Trade-union rights")
    DISPUTES = "disputes", _("Dispute procedure")
    OTHER = "other", _("Other")


class Clause(models.Model):
    """A numbered clause of an agreement: its topic and text; amendments are kept as dated history rows."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="clauses",
                                  verbose_name=_("agreement"))
    number = models.CharField(_("number"), max_length=20)
    topic = models.CharField(pgettext_lazy("clause", "topic"), max_length=20, choices=Topic.choices)
    text = Trilingual(models.TextField, _("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["agreement", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="unique_clause_number")]

    def __str__(self) -> str:
        return _("Clause %(number)s") % {"number": self.number}

    @property
    def published(self) -> bool:
        return self.agreement.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.agreement.policy_scopes()

    def clean(self) -> None:
        errors = _require_one_language(self, "text", _("Give the text of the clause in at least one language."))
        if not (self.number or "").strip():
            errors.setdefault("number", []).append(_("Give the clause a number."))
        if errors:
            raise ValidationError(errors)


class ClauseParameter(models.Model):
    """A typed value a clause sets (a key of the pack's clause parameters), e.g. minimum monthly pay."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="parameters", verbose_name=_("clause"))
    key = models.CharField(_("parameter"), max_length=60, choices=rules.parameter_choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clause parameter")
        verbose_name_plural = _("clause parameters")
        ordering = ["clause", "key"]
        constraints = [models.UniqueConstraint(fields=["clause", "key"], name="unique_clause_parameter")]

    def __str__(self) -> str:
        return f"{self.label}: {self.display_value}"

    @property
    def label(self) -> str:
        return rules.parameter_label(self.key)

    @property
    def display_value(self) -> str:
        p = rules.parameter(self.key)
        return rules.format_value(self.value, p.unit if p else "")

    def clean(self) -> None:
        p = rules.parameter(self.key)
        if p is None:
            raise ValidationError({"key": _("Choose a parameter from the list.")})
        if self.value is not None:
            if self.value < 0:
                raise ValidationError({"value": _("The value cannot be negative.")})
            if p.integer and self.value != Decimal(self.value).to_integral_value():
                raise ValidationError({"value": _("This parameter takes a whole number.")})


class Commitment(Obligation):
    """An obligation an agreement assigns to a side or an organisation, with its due date and evidence.

    Its status (pending, done, overdue) is computed from the dates on the day asked, never stored.
    """

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("commitment status", "Pending")
        DONE = "done", _("Fulfilled")
        OVERDUE = "overdue", _("Overdue")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments",
                                  verbose_name=_("agreement"))
    responsible_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="agreement_commitments",
        verbose_name=_("responsible organisation"),
    )
    period = models.CharField(pgettext_lazy("recurrence", "period"), max_length=200, blank=True,
                              help_text=_("For a recurring obligation, e.g. \"every quarter\"."))
    done_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    evidence = models.TextField(_("evidence of fulfilment"), blank=True)
    history = HistoricalRecords()

    missing_text = _("Give the text of the commitment in at least one language.")
    done_in_future = _("A commitment cannot be fulfilled on a future date.")
    already_done = _("This commitment is already marked as fulfilled (on %(date)s).")
    done_note_field = "evidence"

    class Meta(Obligation.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    @property
    def parent_record(self) -> Agreement:
        return self.agreement

    def obligation_errors(self) -> Errors:
        if not self.responsible_side and self.responsible_organisation_id is None:
            return {"responsible_side": [_("Name the responsible side or the responsible organisation.")]}
        return {}


class DisputeProcedureClause(models.Model):
    """A collective agreement's own procedure for collective disputes, as data the disputes module applies.

    ``deadline_days`` maps a pack rule key (e.g. ``conciliation_commission_consideration``) to a number of
    days in that rule's unit; a clause may only shorten a statutory deadline.
    """

    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, related_name="dispute_procedure",
                                     verbose_name=_("agreement"))
    deadline_days = models.JSONField(_("shorter deadlines"), default=dict, blank=True)
    conciliators = models.TextField(_("named conciliators"), blank=True, help_text=_("One name per line."))
    mediator = models.CharField(_("mediator"), max_length=300, blank=True)
    arbitration_rules = models.TextField(_("arbitration rules"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dispute-procedure clause")
        verbose_name_plural = _("dispute-procedure clauses")

    def __str__(self) -> str:
        return _("Dispute procedure of %(agreement)s") % {"agreement": self.agreement}

    @property
    def published(self) -> bool:
        return self.agreement.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.agreement.policy_scopes()

    def conciliator_names(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.conciliators.splitlines() if line.strip())

    def clean(self) -> None:
        errors: Errors = {}
        if self.agreement_id is not None and self.agreement.kind != Kind.COLLECTIVE:
            errors.setdefault("agreement", []).append(
                _("Only a collective agreement sets its own dispute procedure.")
            )
        days = self.deadline_days if isinstance(self.deadline_days, dict) else None
        if days is None:
            errors.setdefault("deadline_days", []).append(_("Give the deadlines as rule key and number of days."))
            days = {}
        on = self.agreement.reference_date if self.agreement_id is not None else None
        for key, value in days.items():
            if key not in rules.DISPUTE_RULE_KEYS:
                errors.setdefault("deadline_days", []).append(
                    _("%(key)s is not a deadline of the collective-dispute procedure.") % {"key": key}
                )
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                errors.setdefault("deadline_days", []).append(
                    _("The deadline %(key)s must be a whole number of days, at least 1.") % {"key": key}
                )
                continue
            statutory = rules.rule_on(key, on or date.today())
            if statutory is not None and isinstance(statutory.value, int) and value > statutory.value:
                errors.setdefault("deadline_days", []).append(
                    _("The agreement may only shorten the statutory deadline %(key)s (%(days)s days), "
                      "not lengthen it.") % {"key": key, "days": statutory.value}
                )
        if errors:
            raise ValidationError(errors)


class CodingBatch(models.Model):
    """One signed file read for coding: its articles wait as suggestions until a reviewer decides each one."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="coding_batches",
                                  verbose_name=_("agreement"))
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("read on"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("read by"))
    model_version = models.CharField(_("model version"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("coding batch")
        verbose_name_plural = _("coding batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name or f"#{self.pk}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.agreement.policy_scopes()


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    CORRECTED = "corrected", _("Corrected")
    REJECTED = "rejected", _("Rejected")


class CodingSuggestion(models.Model):
    """What the model and the rules propose for one article of a batch, and the reviewer's decision on it.

    ``topics`` is [[code, score], ...] scores descending; ``parameters`` is [{key, value, unit, text, via}] with the
    value as a decimal string; ``confidence`` is the top topic's score (the queue shows the least sure first).
    """

    batch = models.ForeignKey(CodingBatch, on_delete=models.CASCADE, related_name="suggestions",
                              verbose_name=_("coding batch"))
    number = models.CharField(_("number"), max_length=20)
    text = models.TextField(_("text"))
    lang = models.CharField(_("language"), max_length=2)
    topics = models.JSONField(_("topics"), default=list)
    parameters = models.JSONField(_("parameters"), default=list, blank=True)
    confidence = models.FloatField(_("confidence"))
    model_version = models.CharField(_("model version"), max_length=100)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    clause = models.ForeignKey(Clause, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("clause"))

    class Meta:
        verbose_name = _("coding suggestion")
        verbose_name_plural = _("coding suggestions")
        ordering = ["confidence", "id"]

    def __str__(self) -> str:
        return _("Article %(number)s") % {"number": self.number}

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.batch.agreement.policy_scopes()

    @property
    def topic(self) -> str:
        return self.topics[0][0] if self.topics else Topic.OTHER
