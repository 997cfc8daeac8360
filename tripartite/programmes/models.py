"""Programmes (the Decent Work roadmap, national and regional programmes, an agreement's action plan), their
areas and measures, the responsible organisations' progress reports, and indicator targets with baselines.

A measure's status is partly recorded (started, done, dropped: set by a progress report) and partly computed:
"late" is never stored, it follows from the due date on the national calendar (``status.py``). Whether an
indicator is on track is computed from its baseline, milestones and target against the latest value
(``tracking.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tripartite.agreements.models import Agreement, Commitment
from tripartite.commissions.models import Decision
from tripartite.commissions.rules import side_choices, side_name
from tripartite.consultations.models import DraftAct
from tripartite.core.i18n import Trilingual, require_one_language
from tripartite.core.models import Published, Region
from tripartite.partners.models import Organisation
from tripartite.surveys.models import Campaign


class ProgrammeKind(models.TextChoices):
    DECENT_WORK = "decent_work", _("Decent Work roadmap")
    NATIONAL = "national", _("National programme")
    REGIONAL = "regional", _("Regional programme")
    AGREEMENT_PLAN = "agreement_plan", _("Action plan of an agreement")


class Programme(Published):
    """A programme of the social partners: its period, coordinating body, signatories and legal or ILO basis."""

    kind = models.CharField(_("kind of programme"), max_length=20, choices=ProgrammeKind.choices)
    title = Trilingual(models.CharField, _("title"), max_length=500, blank=True, fallback=lambda p: f"#{p.pk}")
    coordinator = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="coordinated_programmes",
                                    verbose_name=_("coordinating body"),
                                    help_text=_("Its secretaries and editors keep the programme up to date."))
    signatories = models.ManyToManyField(Organisation, blank=True, related_name="signed_programmes",
                                         verbose_name=_("signatories"))
    agreement = models.ForeignKey(Agreement, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="action_plans", verbose_name=_("agreement"),
                                  help_text=_("For the action plan of an agreement."))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="programmes",
                               verbose_name=_("region"))
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    basis = Trilingual(models.TextField, _("legal and ILO basis"), blank=True)
    template = models.CharField(_("template"), max_length=50, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[signatories])

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-period_start", "-id"]

    def __str__(self) -> str:
        return self.title

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.coordinator.policy_scopes() if self.coordinator_id else []

    def clean(self) -> None:
        errors = require_one_language(self, "title", _("Give the title in at least one language."))
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors.setdefault("period_end", []).append(_("The period cannot end before it starts."))
        if self.kind == ProgrammeKind.REGIONAL and self.region_id is None:
            errors.setdefault("region", []).append(_("Name the region of a regional programme."))
        if errors:
            raise ValidationError(errors)


class Area(models.Model):
    """An area (priority, pillar) of a programme; its measures carry it out."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="areas",
                                  verbose_name=_("programme"))
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=50, blank=True, editable=False)
    title = Trilingual(models.CharField, _("title"), max_length=500, blank=True, fallback=lambda a: f"#{a.pk}")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["programme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["programme", "order"], name="unique_area_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def published(self) -> bool:
        return self.programme.published

    @property
    def is_demo(self) -> bool:
        return self.programme.is_demo

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.programme.policy_scopes()

    def clean(self) -> None:
        errors = require_one_language(self, "title", _("Give the title in at least one language."))
        if errors:
            raise ValidationError(errors)


class Evidence(models.TextChoices):
    DOCUMENT = "document", _("A document")
    ACT = "act", _("An act adopted")
    EVENT = "event", _("An event held")
    FIGURE = "figure", _("A figure reached")


class State(models.TextChoices):
    """What progress reports have recorded; "late" is not among them, it is computed (``status.py``)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("measure status", "Done")
    DROPPED = "dropped", _("Dropped")


class Measure(models.Model):
    """A measure of an area: who carries it out, from when and by when, the evidence expected, and what carries
    it out elsewhere on the platform (a commission's decision, an agreement's commitment, a draft act, a survey)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="measures", verbose_name=_("area"))
    title = Trilingual(models.CharField, _("title"), max_length=500, blank=True, fallback=lambda m: f"#{m.pk}")
    responsible_side = models.CharField(_("responsible side"), max_length=20, choices=side_choices, blank=True)
    responsible = models.ManyToManyField(Organisation, related_name="programme_measures",
                                         verbose_name=_("responsible organisations"))
    co_executors = models.ManyToManyField(Organisation, blank=True, related_name="co_executed_measures",
                                          verbose_name=_("co-executors"))
    start_date = models.DateField(_("start date"))
    due_date = models.DateField(_("due date"))
    evidence = models.CharField(_("evidence expected"), max_length=20, choices=Evidence.choices)
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="programme_measures", verbose_name=_("commission decision"))
    commitment = models.ForeignKey(Commitment, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="programme_measures", verbose_name=_("agreement commitment"))
    draft = models.ForeignKey(DraftAct, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="programme_measures", verbose_name=_("draft act under consultation"))
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="programme_measures", verbose_name=_("survey campaign"))
    state = models.CharField(_("recorded progress"), max_length=20, choices=State.choices, default=State.NOT_STARTED,
                             editable=False)
    done_on = models.DateField(_("done on"), null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[responsible, co_executors])

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["area__order", "due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def programme(self) -> Programme:
        return self.area.programme

    @property
    def published(self) -> bool:
        return self.area.programme.published

    @property
    def is_demo(self) -> bool:
        return self.area.programme.is_demo

    @property
    def side_name(self) -> str:
        return side_name(self.responsible_side) if self.responsible_side else ""

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.area.programme.policy_scopes()

    def clean(self) -> None:
        errors = require_one_language(self, "title", _("Give the title in at least one language."))
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors.setdefault("due_date", []).append(_("A measure cannot be due before it starts."))
        programme = self.area.programme if self.area_id else None
        if programme is not None and self.due_date:
            if self.due_date < programme.period_start:
                errors.setdefault("due_date", []).append(
                    _("The measure would be due before the programme starts (%(date)s).")
                    % {"date": programme.period_start.isoformat()})
            elif self.due_date > programme.period_end:
                errors.setdefault("due_date", []).append(
                    _("The measure would be due after the programme ends (%(date)s).")
                    % {"date": programme.period_end.isoformat()})
        if errors:
            raise ValidationError(errors)


def _evidence_path(instance: ProgressReport, filename: str) -> str:
    return f"programmes/reports/{instance.measure_id}/{instance.evidence_sha256[:16]}-{filename}"


class ProgressReport(models.Model):
    """A dated report of a responsible organisation on a measure, with its evidence and any change of status."""

    class Change(models.TextChoices):
        IN_PROGRESS = State.IN_PROGRESS.value, State.IN_PROGRESS.label
        DONE = State.DONE.value, State.DONE.label
        DROPPED = State.DROPPED.value, State.DROPPED.label

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reports", verbose_name=_("measure"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programme_reports",
                                     verbose_name=_("reporting organisation"))
    reported_on = models.DateField(_("date of the report"))
    text = Trilingual(models.TextField, _("what was done"), blank=True)
    new_state = models.CharField(_("change of status"), max_length=20, choices=Change.choices, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=_evidence_path, max_length=300, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True)
    evidence_size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    evidence_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("submitted by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["measure", "-reported_on", "-id"]

    def __str__(self) -> str:
        return _("Report of %(organisation)s of %(date)s") % {"organisation": self.organisation,
                                                               "date": self.reported_on.isoformat()}

    @property
    def published(self) -> bool:
        return self.measure.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.organisation.policy_scopes() if self.organisation_id else []

    def clean(self) -> None:
        errors = require_one_language(self, "text", _("Say what was done, in at least one language."))
        if self.reported_on and self.reported_on > timezone.localdate():
            errors.setdefault("reported_on", []).append(_("A report cannot be dated in the future."))
        if self.measure_id and self.reported_on and self.reported_on < self.measure.start_date:
            errors.setdefault("reported_on", []).append(_("A report cannot be dated before the measure starts."))
        if self.new_state == State.DONE and not (self.evidence_file or self.evidence_sha256):
            errors.setdefault("evidence_file", []).append(
                _("A measure is reported done with its evidence: attach the document."))
        if errors:
            raise ValidationError(errors)


class Better(models.TextChoices):
    HIGHER = "higher", _("A higher value is better")
    LOWER = "lower", _("A lower value is better")


class IndicatorTarget(models.Model):
    """A target of an area or a measure: an indicator of the platform (by code) or one defined here with its
    methodology, its baseline (value, year, source), intermediate milestones and the target (value, year)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True, related_name="targets",
                             verbose_name=_("area"))
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="targets",
                                verbose_name=_("measure"))
    indicator_code = models.CharField(_("indicator of the platform"), max_length=60, blank=True,
                                      help_text=_("Leave empty to define a new indicator below."))
    title = Trilingual(models.CharField, _("name of a new indicator"), max_length=300, blank=True)
    methodology = Trilingual(models.TextField, _("methodology of a new indicator"), blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    better = models.CharField(_("direction"), max_length=10, choices=Better.choices, default=Better.HIGHER)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=16, decimal_places=4)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_source = models.CharField(_("source of the baseline"), max_length=500)
    target_value = models.DecimalField(_("target value"), max_digits=16, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(area__isnull=False, measure__isnull=True) | models.Q(area__isnull=True,
                                                                                    measure__isnull=False),
            name="target_of_area_or_measure")]

    def __str__(self) -> str:
        from . import tracking

        return tracking.indicator_name(self)

    @property
    def owner(self) -> Area | Measure:
        assert self.area is not None or self.measure is not None
        return self.area if self.area is not None else self.measure  # type: ignore[return-value]

    @property
    def programme(self) -> Programme:
        return self.area.programme if self.area is not None else self.measure.area.programme  # type: ignore[union-attr]

    @property
    def published(self) -> bool:
        return self.programme.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.programme.policy_scopes()


class Milestone(models.Model):
    """An intermediate value the path to a target passes through in a year."""

    target = models.ForeignKey(IndicatorTarget, on_delete=models.CASCADE, related_name="milestones",
                               verbose_name=_("indicator target"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["target", "year"]
        constraints = [models.UniqueConstraint(fields=["target", "year"], name="unique_milestone_year")]


class Observation(models.Model):
    """A value of an indicator defined in a programme (an indicator of the platform reads its own series)."""

    target = models.ForeignKey(IndicatorTarget, on_delete=models.CASCADE, related_name="observations",
                               verbose_name=_("indicator target"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    source = models.CharField(_("source"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("observed value")
        verbose_name_plural = _("observed values")
        ordering = ["target", "year"]
        constraints = [models.UniqueConstraint(fields=["target", "year"], name="unique_observation_year")]

    @property
    def published(self) -> bool:
        return self.target.published

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.target.policy_scopes()
