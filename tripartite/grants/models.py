"""Calls for the state social order and grants, NGO applications, independent scoring, awards; the PPP register."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tripartite.core.i18n import Trilingual
from tripartite.core.i18n import require_one_language as _require_one_language
from tripartite.core.models import Published, Region, Sector
from tripartite.grants import scoring
from tripartite.partners.models import Kind as OrganisationKind
from tripartite.partners.models import Organisation


class TopicArea(models.Model):
    """An area in which calls are announced; the list is configured by the platform administrator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = Trilingual(models.CharField, _("name"), max_length=200, blank=True, fallback=lambda t: t.code)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order in a list", "position"), default=0)
    is_demo = models.BooleanField(_("demonstration data"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic area")
        verbose_name_plural = _("topic areas")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = _require_one_language(self, "name", _("Give the name in at least one language."))
        if errors:
            raise ValidationError(errors)


class DocumentKind(models.TextChoices):
    CHARTER = "charter", _("Charter")
    REGISTRATION = "registration", _("Certificate of state registration")
    PROJECT_PLAN = "project_plan", _("Project plan")
    BUDGET = "budget", _("Budget breakdown")
    LETTER = "letter", _("Letter of support")
    OTHER = "other", _("Other document")


class Call(Published):
    """A call for the state social order or for a grant, announced by a state body.

    Its phase (announced, accepting applications, under evaluation, results) is computed from its dates and
    status on the day asked; only the transitions draft → published → closed are stored.
    """

    class CallKind(models.TextChoices):
        SOCIAL_ORDER = "social_order", _("State social order")
        GRANT = "grant", _("State grant")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call status", "Draft")
        PUBLISHED = "published", pgettext_lazy("call status", "Published")
        CLOSED = "closed", _("Closed, results published")

    class Phase(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call status", "Draft")
        ANNOUNCED = "announced", _("Announced, not open yet")
        OPEN = "open", _("Accepting applications")
        EVALUATION = "evaluation", _("Under evaluation")
        RESULTS = "results", _("Results published")

    kind = models.CharField(_("kind of call"), max_length=20, choices=CallKind.choices)
    issuer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="grant_calls", verbose_name=_("state body"),
        help_text=_("The state body that announces the call."),
    )
    topic = models.ForeignKey(TopicArea, on_delete=models.PROTECT, related_name="calls", verbose_name=_("topic area"))
    title = Trilingual(models.CharField, _("title"), max_length=300, blank=True, fallback=lambda c: f"#{c.pk}")
    description = Trilingual(models.TextField, _("description"), blank=True)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="grant_calls", verbose_name=_("regions"),
        help_text=_("Where the projects are to be carried out; none means the whole country."),
    )
    budget = models.PositiveBigIntegerField(_("budget (tenge)"), validators=[MinValueValidator(1)])
    # Eligibility rules.
    eligible_kinds = models.JSONField(
        _("kinds of organisation that may apply"), default=list, blank=True,
        help_text=_("Kinds from the partners register (usually non-governmental organisations)."),
    )
    min_years_registered = models.PositiveSmallIntegerField(
        _("minimum years since state registration"), default=0, validators=[MaxValueValidator(50)],
    )
    max_request = models.PositiveBigIntegerField(
        _("largest amount one application may request (tenge)"), null=True, blank=True,
        validators=[MinValueValidator(1)],
    )
    required_documents = models.JSONField(_("documents every application must include"), default=list, blank=True)
    min_evaluators = models.PositiveSmallIntegerField(
        _("evaluators per application"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Each application must be scored by at least this many evaluators before the results."),
    )
    opens_on = models.DateField(_("applications open on"))
    deadline = models.DateField(_("deadline for applications"), help_text=_("The last day applications are accepted."))
    results_on = models.DateField(_("results announced by"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[regions])

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.issuer.policy_scopes() if self.issuer_id else []

    def phase_on(self, today: date) -> str:
        if self.status == self.Status.DRAFT:
            return self.Phase.DRAFT
        if self.status == self.Status.CLOSED:
            return self.Phase.RESULTS
        if today < self.opens_on:
            return self.Phase.ANNOUNCED
        if today <= self.deadline:
            return self.Phase.OPEN
        return self.Phase.EVALUATION

    def phase_label(self, today: date) -> str:
        return str(self.Phase(self.phase_on(today)).label)

    @property
    def eligible_kind_labels(self) -> list[str]:
        return [str(OrganisationKind(k).label) for k in self.eligible_kinds if k in OrganisationKind.values]

    @property
    def required_document_labels(self) -> list[str]:
        return [str(DocumentKind(k).label) for k in self.required_documents if k in DocumentKind.values]

    def clean(self) -> None:
        errors = _require_one_language(self, "title", _("Give the title in at least one language."))
        if self.issuer_id is not None and self.issuer.kind != OrganisationKind.STATE_BODY:
            errors.setdefault("issuer", []).append(_("Only a state body can announce a call."))
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors.setdefault("deadline", []).append(_("The deadline cannot be before the call opens."))
        if self.deadline and self.results_on and self.results_on < self.deadline:
            errors.setdefault("results_on", []).append(_("The results cannot be announced before the deadline."))
        if self.max_request is not None and self.budget and self.max_request > self.budget:
            errors.setdefault("max_request", []).append(_("One application cannot request more than the whole budget."))
        kinds = self.eligible_kinds if isinstance(self.eligible_kinds, list) else None
        if not kinds:
            errors.setdefault("eligible_kinds", []).append(_("Choose at least one kind of organisation that may apply."))
        elif any(k not in OrganisationKind.values for k in kinds):
            errors.setdefault("eligible_kinds", []).append(_("Choose kinds of organisation from the list."))
        docs = self.required_documents
        if not isinstance(docs, list) or any(d not in DocumentKind.values for d in docs):
            errors.setdefault("required_documents", []).append(_("Choose documents from the list."))
        if errors:
            raise ValidationError(errors)


class Criterion(models.Model):
    """A scoring criterion of a call; the weights of a call's criteria add up to 100."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call"))
    name = Trilingual(models.CharField, _("name"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight (points out of 100)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["call", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.call.policy_scopes()

    def clean(self) -> None:
        errors = _require_one_language(self, "name", _("Give the name in at least one language."))
        if errors:
            raise ValidationError(errors)


class Evaluator(models.Model):
    """A user appointed to score the applications of one call; shown to the public only by a pseudonym."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="evaluators", verbose_name=_("call"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_evaluations", verbose_name=_("user")
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Gives the stable pseudonym: 1 is Evaluator A."))
    declared_at = models.DateTimeField(
        _("conflicts of interest declared at"), null=True, blank=True,
        help_text=_("An evaluator scores nothing before declaring their conflicts of interest."),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="unique_civic_evaluator"),
            models.UniqueConstraint(fields=["call", "number"], name="unique_civic_evaluator_number"),
        ]

    @property
    def pseudonym(self) -> str:
        return str(_("Evaluator %(letter)s") % {"letter": scoring.pseudonym_letters(self.number)})

    def __str__(self) -> str:
        return f"{self.user} — {self.call}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.call.policy_scopes()


class ConflictDeclaration(models.Model):
    """An evaluator's declared tie with an organisation (employment, membership, family, funding…)."""

    evaluator = models.ForeignKey(
        Evaluator, on_delete=models.CASCADE, related_name="declarations", verbose_name=_("evaluator")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    note = models.CharField(_("nature of the tie"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declared tie")
        verbose_name_plural = _("declared ties")
        constraints = [
            models.UniqueConstraint(fields=["evaluator", "organisation"], name="unique_civic_declared_tie"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} — {self.organisation}"


class SettlementType(models.TextChoices):
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")


class Application(models.Model):
    """An organisation's application to a call: its project, budget lines, regions and documents."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("application status", "Draft")
        SUBMITTED = "submitted", _("Submitted")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call"))
    applicant = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="grant_applications", verbose_name=_("applicant")
    )
    project_title = models.CharField(_("project title"), max_length=300)
    summary = models.TextField(_("project summary"), blank=True)
    requested_amount = models.PositiveBigIntegerField(_("amount requested (tenge)"), validators=[MinValueValidator(1)])
    regions = models.ManyToManyField(Region, related_name="grant_applications", verbose_name=_("regions of the project"))
    settlement_type = models.CharField(
        _("settlement type"), max_length=10, choices=SettlementType.choices,
        help_text=_("Where the project is carried out: in towns and cities, or in rural settlements."),
    )
    registered_on = models.DateField(
        _("date of state registration"), help_text=_("As on the certificate of state registration."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[regions])

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "applicant"], name="unique_civic_application"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} — {self.project_title}"

    @property
    def published(self) -> bool:
        # Applications are not public records; the ranking of a closed call is.
        return False

    @property
    def is_demo(self) -> bool:
        return self.call.is_demo

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.applicant.policy_scopes()

    @property
    def lines_total(self) -> int:
        return sum(line.amount for line in self.budget_lines.all())


class BudgetLine(models.Model):
    """One line of an application's budget."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("application")
    )
    item = models.CharField(_("item"), max_length=300)
    amount = models.PositiveBigIntegerField(_("amount (tenge)"), validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.item}: {self.amount}"


def _document_path(instance: ApplicationDocument, filename: str) -> str:
    return f"grants/applications/{instance.application_id}/{instance.sha256[:16]}-{filename}"


class ApplicationDocument(models.Model):
    """A file attached to an application (checked for type, size and content on upload)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="documents", verbose_name=_("application")
    )
    kind = models.CharField(_("kind of document"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["application", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class Score(models.Model):
    """One evaluator's marks for one application: 0–10 per criterion, weighted to a total out of 100.

    Every change is kept in the history (who changed which mark when).
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores", verbose_name=_("application"))
    evaluator = models.ForeignKey(Evaluator, on_delete=models.PROTECT, related_name="scores", verbose_name=_("evaluator"))
    marks = models.JSONField(_("marks by criterion"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["application", "evaluator__number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "evaluator"], name="unique_civic_score"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator.pseudonym} — {self.application}"

    def total(self, criteria: list[Criterion] | None = None) -> float:
        criteria = criteria if criteria is not None else list(self.application.call.criteria.all())
        return scoring.weighted_total({c.pk: c.weight for c in criteria}, {int(k): v for k, v in self.marks.items()})


class Award(models.Model):
    """The contract awarded to an application after the call closed."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="award", verbose_name=_("application")
    )
    amount = models.PositiveBigIntegerField(_("amount awarded (tenge)"), validators=[MinValueValidator(1)])
    contract_number = models.CharField(_("contract number"), max_length=60, blank=True)
    signed_on = models.DateField(_("contract signed on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.application} — {self.amount}"

    @property
    def published(self) -> bool:
        return self.application.call.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.application.call.policy_scopes()


class PPPContract(Published):
    """A public–private partnership contract: who, what, where, for how much and how long, and its status."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        TENDER = "tender", _("Partner being selected")
        SIGNED = "signed", pgettext_lazy("contract status", "Signed")
        OPERATING = "operating", _("In operation")
        COMPLETED = "completed", _("Completed")
        TERMINATED = "terminated", _("Terminated early")

    number = models.CharField(_("contract number"), max_length=60, blank=True)
    state_partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ppp_contracts", verbose_name=_("state partner"),
    )
    private_partner = models.CharField(_("private partner"), max_length=300)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="ppp_contracts", verbose_name=_("sector"))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="ppp_contracts", verbose_name=_("region"))
    object = Trilingual(models.CharField, _("object"), max_length=400, blank=True)
    value = models.PositiveBigIntegerField(_("value (tenge)"), validators=[MinValueValidator(1)])
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SIGNED)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PPP contract")
        verbose_name_plural = _("PPP contracts")
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return self.object or self.number or f"#{self.pk}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.state_partner.policy_scopes() if self.state_partner_id else []

    def clean(self) -> None:
        errors = _require_one_language(self, "object", _("Describe the object in at least one language."))
        if self.state_partner_id is not None and self.state_partner.kind != OrganisationKind.STATE_BODY:
            errors.setdefault("state_partner", []).append(_("The state partner must be a state body."))
        needs_date = {self.Status.SIGNED, self.Status.OPERATING, self.Status.COMPLETED, self.Status.TERMINATED}
        if self.status in needs_date and self.signed_on is None:
            errors.setdefault("signed_on", []).append(_("A signed contract needs its signing date."))
        if errors:
            raise ValidationError(errors)
