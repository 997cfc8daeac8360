"""Worker surveys: versioned questionnaires, campaigns that collect answers, invitations, anonymous responses.

A response holds the answers, the language and the referral chain (whose link brought the respondent, and the
wave), never an IP address, a user agent or a user: the rate limit keeps only a salted hash of the address in
its own table, with a salt that changes every day and is never stored.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tripartite.analysis.disclosure import DEFAULT_K
from tripartite.core.i18n import Trilingual, require_one_language
from tripartite.core.models import Published
from tripartite.languages import LANGUAGES
from tripartite.partners.models import Organisation

#: Each language named in itself, as the respondent's form offers it.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
QUESTION_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
question_code_validator = RegexValidator(
    QUESTION_CODE_RE,
    _("A question code starts with a small Latin letter and has up to 40 small letters, digits or underscores."),
)
CHOICE_NAME_RE = re.compile(r"^[\w.-]{1,60}$")
choice_name_validator = RegexValidator(
    CHOICE_NAME_RE, _("An option's name has letters, digits, “_”, “.” or “-”, and no spaces."))


def _in_every_language(obj: models.Model, field: str, last: str) -> dict[str, str]:
    """The field's text in each language for the analysis engine's codebook: a missing language gets the English
    text, else the Russian, else the Kazakh, else `last`."""
    given = [getattr(obj, f"{field}_{code}") for code in ("en", "ru", "kk")]
    fallback = next((text for text in given if text), last)
    return {code: getattr(obj, f"{field}_{code}") or fallback for code in LANGUAGES}


class Questionnaire(models.Model):
    """A questionnaire: a stable code and title; its questions live in numbered versions."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = Trilingual(models.CharField, _("title"), max_length=300, blank=True, fallback=lambda q: q.code)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questionnaires",
        verbose_name=_("owner"),
        help_text=_("Empty for a built-in template."),
    )
    is_template = models.BooleanField(_("template"), default=False)
    is_demo = models.BooleanField(_("demonstration data"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-is_template", "code"]

    def __str__(self) -> str:
        return self.title

    @property
    def published(self) -> bool:
        return self.is_template

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.owner.policy_scopes() if self.owner is not None else []

    def latest_version(self) -> QuestionnaireVersion | None:
        return self.versions.order_by("-number").first()

    def latest_published(self) -> QuestionnaireVersion | None:
        return self.versions.filter(status=QuestionnaireVersion.Status.PUBLISHED).order_by("-number").first()

    def clean(self) -> None:
        errors = require_one_language(self, "title", _("Give the title in at least one language."))
        if errors:
            raise ValidationError(errors)


class QuestionnaireVersion(models.Model):
    """One numbered version of a questionnaire. Once published it is frozen: editing makes version n+1."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("questionnaire version status", "Draft")
        PUBLISHED = "published", _("Published")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions", verbose_name=_("questionnaire")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    intro = Trilingual(models.TextField, _("introduction"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="unique_questionnaire_version"),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def owner_id(self) -> int | None:
        return self.questionnaire.owner_id

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.questionnaire.policy_scopes()

    def ordered_questions(self) -> list[Question]:
        """Questions in order with their options (prefetched once)."""
        return list(self.questions.order_by("position", "id").prefetch_related("options"))

    def as_export(self) -> dict[str, Any]:
        """The questionnaire export shape read by `analysis.readers.codebook_from_questionnaire`."""
        questions = []
        for question in self.ordered_questions():
            entry: dict[str, Any] = {
                "code": question.code,
                "kind": question.kind,
                "text": question.texts(),
                "required": question.required,
            }
            if question.kind == Question.Kind.SINGLE:
                entry["ordinal"] = question.ordinal
                entry["options"] = [{"code": o.code, "text": o.labels()} for o in question.sorted_options()]
            elif question.kind == Question.Kind.MULTIPLE:
                entry["choices"] = [{"code": o.code, "text": o.labels()} for o in question.sorted_options()]
            elif question.kind == Question.Kind.NUMBER:
                entry["min"] = question.min_value
                entry["max"] = question.max_value
            questions.append(entry)
        return {"code": self.questionnaire.code, "version": self.number, "questions": questions}

    def codebook(self) -> Any:
        """The analysis engine's Codebook: one variable per single-choice question (multiple choice,
        numbers and text are not coded variables of a crosstab)."""
        from tripartite.analysis.readers import codebook_from_questionnaire

        return codebook_from_questionnaire(self.as_export())


class Question(models.Model):
    """A question with a stable code, a kind, texts in three languages and (for choices) ordered options."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Short text")
        DECIMAL = "decimal", _("Decimal number")
        DATE = "date", _("Date")
        NOTE = "note", _("Note (no answer)")
        CALCULATE = "calculate", _("Calculated value")

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions", verbose_name=_("version")
    )
    code = models.CharField(_("code"), max_length=40, validators=[question_code_validator])
    position = models.PositiveSmallIntegerField(pgettext_lazy("order in a list", "position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    text = Trilingual(models.TextField, _("text"), blank=True, fallback=lambda q: q.code)
    help = Trilingual(models.CharField, _("help"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    ordinal = models.BooleanField(
        _("ordered scale"), default=False, help_text=_("The options form an ordered scale (e.g. a four-point scale).")
    )
    min_value = models.IntegerField(_("smallest value"), null=True, blank=True)
    max_value = models.IntegerField(_("largest value"), null=True, blank=True)
    # Conditions, in XLSForm's expression language (`tripartite.surveys.expressions`); blank = none.
    relevance = models.TextField(
        _("asked only if"), blank=True,
        help_text=_("A condition on earlier answers, e.g. ${age} >= 18 and selected(${sector}, '3'). "
                    "Empty: asked of everyone."))
    constraint = models.TextField(
        _("constraint"), blank=True,
        help_text=_("A condition the answer must meet; “.” is the answer itself, e.g. . >= 18 and . <= 80."))
    constraint_message = Trilingual(models.CharField, _("constraint message"), max_length=300, blank=True)
    required_if = models.TextField(
        _("required if"), blank=True,
        help_text=_("A condition under which the question must be answered (even when it is optional)."))
    calculation = models.TextField(
        _("calculation"), blank=True, help_text=_("Calculated values only: the expression whose value is stored."))
    default = models.CharField(
        _("default answer"), max_length=300, blank=True,
        help_text=_("The answer filled in before the respondent answers (an option's name for a choice)."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_question_code_per_version")]

    def texts(self) -> dict[str, str]:
        return _in_every_language(self, "text", self.code)

    @property
    def takes_answer(self) -> bool:
        """Whether the respondent answers it (a note is only read, a calculated value is computed)."""
        return self.kind not in (self.Kind.NOTE, self.Kind.CALCULATE)

    @property
    def has_conditions(self) -> bool:
        return bool(self.relevance or self.constraint or self.required_if or self.calculation or self.default)

    def sorted_options(self) -> list[Option]:
        return sorted(self.options.all(), key=lambda o: (o.position, o.code))

    @property
    def has_options(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.version.policy_scopes()

    def clean(self) -> None:
        errors = require_one_language(self, "text", _("Give the text of the question in at least one language."))
        if self.min_value is not None and self.max_value is not None and self.max_value < self.min_value:
            errors["max_value"] = [_("The largest value cannot be smaller than the smallest.")]
        if errors:
            raise ValidationError(errors)


class Option(models.Model):
    """An answer option of a choice question: a numeric code (what is stored and analysed) and labels."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question"))
    code = models.IntegerField(_("code"))
    # XLSForm's choice name, what expressions and XLSForm files use; blank = the code itself.
    name = models.CharField(
        _("name in expressions"), max_length=60, blank=True, validators=[choice_name_validator],
        help_text=_("The option's name in conditions and XLSForm files; empty: its code."))
    position = models.PositiveSmallIntegerField(pgettext_lazy("order in a list", "position"), default=0)
    label = Trilingual(models.CharField, _("label"), max_length=300, blank=True, fallback=lambda o: str(o.code))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="unique_option_code_per_question")]

    def labels(self) -> dict[str, str]:
        return _in_every_language(self, "label", str(self.code))

    @property
    def value_name(self) -> str:
        """The option's value in expressions and XLSForm files: its name, else its code as text."""
        return self.name or str(self.code)

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.question.policy_scopes()

    def clean(self) -> None:
        errors = require_one_language(self, "label", _("Give the label in at least one language."))
        if errors:
            raise ValidationError(errors)


def default_languages() -> list[str]:
    return list(LANGUAGES)


class Campaign(Published):
    """A questionnaire version put in the field by an owner organisation, between two dates."""

    class Mode(models.TextChoices):
        OPEN = "open", _("Open link")
        INVITATION = "invitation", _("One-time invitations")
        SNOWBALL = "snowball", _("Snowball (referral links)")

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("questionnaire version")
    )
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="survey_campaigns", verbose_name=_("owner")
    )
    title = Trilingual(models.CharField, _("title"), max_length=300, blank=True, fallback=lambda c: c.slug)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True, help_text=_("Last day of answering."))
    languages = models.JSONField(_("languages"), default=default_languages)
    mode = models.CharField(_("sampling mode"), max_length=12, choices=Mode.choices, default=Mode.OPEN)
    results_public = models.BooleanField(
        _("results are public"), default=False, help_text=_("Anyone may see the results (small cells are hidden).")
    )
    suppression_k = models.PositiveSmallIntegerField(
        _("smallest cell shown publicly"),
        default=DEFAULT_K,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("On public pages, cells with fewer answers than this are hidden."),
    )
    # The sampling design weighted tables are tested under (with the weights): the questions whose answers
    # name each respondent's stratum and primary sampling unit (cluster); blank = not stratified / not clustered.
    design_strata = models.CharField(_("stratum question"), max_length=40, blank=True,
                                     validators=[question_code_validator])
    design_cluster = models.CharField(_("cluster question"), max_length=40, blank=True,
                                      validators=[question_code_validator])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-opens_on", "slug"]

    def __str__(self) -> str:
        return self.title

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.owner.policy_scopes() if self.owner_id else []

    def is_open(self, now: datetime | None = None) -> bool:
        """Answering is possible from `opens_on` to `closes_on` inclusive, Almaty dates."""
        today = timezone.localdate(now) if now is not None else timezone.localdate()
        if today < self.opens_on:
            return False
        return self.closes_on is None or today <= self.closes_on

    def state(self, now: datetime | None = None) -> str:
        today = timezone.localdate(now) if now is not None else timezone.localdate()
        if today < self.opens_on:
            return "upcoming"
        if self.closes_on is not None and today > self.closes_on:
            return "closed"
        return "open"

    @property
    def is_snowball(self) -> bool:
        return self.mode == self.Mode.SNOWBALL

    def clean(self) -> None:
        errors = require_one_language(self, "title", _("Give the title in at least one language."))
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = [_("A campaign cannot close before it opens.")]
        langs = self.languages
        if not isinstance(langs, list) or not langs or any(code not in LANGUAGES for code in langs):
            errors["languages"] = [_("Choose at least one of Kazakh, Russian and English.")]
        if self.version_id is not None and not self.version.is_published:
            errors["version"] = [_("Only a published questionnaire version can be used in a campaign.")]
        if errors:
            raise ValidationError(errors)


class Invitation(models.Model):
    """A one-time invitation token. When used, only the time is recorded: no link to the response."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("campaign"))
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["campaign", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.token[:6]}…"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None


class Response(models.Model):
    """One anonymous set of answers. No IP address, user agent or user is stored."""

    class Source(models.TextChoices):
        FORM = "form", _("Web form")
        API = "api", _("API")
        IMPORT = "import", _("Import")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses", verbose_name=_("campaign"))
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses", verbose_name=_("questionnaire version")
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="ru")
    answers = models.JSONField(_("answers"), default=dict)
    # The questions whose condition was false for this respondent ("not asked", unlike an unanswered question,
    # which is simply absent from `answers`).
    not_asked = models.JSONField(_("questions not asked"), default=list, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)
    referral_code = models.CharField(_("referral code"), max_length=32, unique=True)
    recruited_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="recruits", verbose_name=_("recruited by")
    )
    wave = models.PositiveSmallIntegerField(_("wave"), default=0)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.FORM)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["campaign", "submitted_at", "id"]
        indexes = [models.Index(fields=["campaign", "submitted_at"], name="surveys_resp_campaign_time")]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "idempotency_key"], name="unique_response_idempotency_key"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} #{self.pk}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.campaign.policy_scopes()


class SubmissionThrottle(models.Model):
    """Submissions per salted address hash per hour, for rate limiting. The salt changes daily and is derived
    from the secret key and the date, never stored; this table holds nothing that links to a response."""

    address_hash = models.CharField(max_length=64)
    day = models.DateField()
    hour = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("submission counter")
        verbose_name_plural = _("submission counters")
        constraints = [
            models.UniqueConstraint(fields=["address_hash", "day", "hour"], name="unique_throttle_window"),
        ]
        indexes = [models.Index(fields=["day"], name="surveys_throttle_day")]


class ResultTable(models.Model):
    """A table pinned to a campaign's results page: rows × columns (optional layer and weight)."""

    class Weight(models.TextChoices):
        NONE = "", _("Unweighted")
        RAKING = "raking", _("Raking to margins")
        RDS = "rds", _("RDS-II (snowball)")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="result_tables", verbose_name=_("campaign")
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("order in a list", "position"), default=0)
    title = Trilingual(models.CharField, _("title"), max_length=300, blank=True,
                       fallback=lambda t: f"{t.rows} × {t.cols}")
    rows = models.CharField(_("rows"), max_length=40, validators=[question_code_validator])
    cols = models.CharField(_("columns"), max_length=40, validators=[question_code_validator])
    layer = models.CharField(_("layer"), max_length=40, blank=True)
    weight = models.CharField(_("weight"), max_length=10, choices=Weight.choices, blank=True, default="")
    chart = models.BooleanField(_("chart"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pinned result table")
        verbose_name_plural = _("pinned result tables")
        ordering = ["campaign", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def published(self) -> bool:
        return self.campaign.results_public

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.campaign.policy_scopes()


class Margins(models.Model):
    """Population margins of one question, uploaded by the owner, used as raking targets."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="margins", verbose_name=_("campaign"))
    variable = models.CharField(_("question code"), max_length=40, validators=[question_code_validator])
    targets = models.JSONField(_("targets"), default=dict, help_text=_("Share or count per answer code."))
    source = models.TextField(_("source"), blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("uploaded by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("margins")
        verbose_name_plural = _("margins")
        ordering = ["campaign", "variable"]
        constraints = [models.UniqueConstraint(fields=["campaign", "variable"], name="unique_margins_per_variable")]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.variable}"

    def policy_scopes(self) -> list[tuple[str, int]]:
        return self.campaign.policy_scopes()
