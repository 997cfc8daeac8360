"""Writes of the surveys app (collection side): questionnaires and their versions, campaigns, invitations,
answer validation, submitting a response, and the submission rate limit.

Every write is one function, checked by the policy and run in a transaction. `validate_answers` is the one
validation of answers used by the web form, the API and the importer.
"""

from __future__ import annotations

import dataclasses
import math
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tripartite.core import throttle
from tripartite.core.errors import Conflict, DomainError, NotAllowed
from tripartite.core.i18n import current_language, in_languages
from tripartite.core.models import audit_as
from tripartite.core.policy import Action, can
from tripartite.core.writes import apply_changes, delete, require, save
from tripartite.languages import LANGUAGES
from tripartite.partners.models import Organisation
from tripartite.surveys import conditions, template_questionnaire
from tripartite.surveys import expressions as expressions_
from tripartite.surveys.models import (
    Campaign,
    Invitation,
    Option,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    SubmissionThrottle,
)

MAX_INVITATIONS_PER_BATCH = 10_000
MAX_TEXT_ANSWER = 1000
DEFAULT_RATE_LIMIT_PER_HOUR = 30


class FrozenVersion(Conflict):
    """A published questionnaire version cannot be changed."""


class CampaignClosed(NotAllowed):
    """The campaign does not accept answers today."""


class InvitationUsed(Conflict):
    """A one-time invitation was already used."""


class RateLimited(DomainError):
    status = 429


# Answer validation -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSpec:
    """What validation needs to know of a question (built once per version, no database access after)."""

    code: str
    kind: str
    required: bool
    codes: frozenset[int]
    min_value: int | None
    max_value: int | None
    names: Mapping[int, str] = dataclasses.field(default_factory=dict)  # option code → its name in expressions
    expressions: Mapping[str, expressions_.Expression] = dataclasses.field(default_factory=dict)  # relevance, constraint, …
    constraint_message: Mapping[str, str] = dataclasses.field(default_factory=dict)  # by language


@dataclass(frozen=True)
class AnswerSchema:
    """A version's questions as validation needs them, and the order their conditions are evaluated in."""

    specs: tuple[QuestionSpec, ...]
    order: tuple[str, ...]
    conditional: bool  # some question has a condition (else validation is what it always was)

    def __iter__(self) -> Any:
        return iter(self.specs)


_SCHEMA_CACHE: dict[tuple[int, Any], AnswerSchema] = {}


def _spec(q: Question) -> QuestionSpec:
    options = q.options.all()
    try:
        parsed = conditions.parsed(q)
    except expressions_.ExpressionError:
        # A draft may hold a broken condition until it is corrected (publishing refuses it): it is not applied.
        parsed = {}
    return QuestionSpec(
        code=q.code, kind=q.kind, required=q.required,
        codes=frozenset(o.code for o in options),
        min_value=q.min_value, max_value=q.max_value,
        names={o.code: o.value_name for o in options}, expressions=parsed,
        constraint_message={code: getattr(q, f"constraint_message_{code}") for code in LANGUAGES},
    )


def answer_schema(version: QuestionnaireVersion) -> AnswerSchema:
    """The version's questions as validation specs; cached for published (frozen) versions."""
    key = (version.pk, version.published_at)
    cached = _SCHEMA_CACHE.get(key) if version.is_published else None
    if cached is not None:
        return cached
    specs = tuple(_spec(q) for q in version.questions.order_by("position", "id").prefetch_related("options"))
    codes = [spec.code for spec in specs]
    try:
        order = conditions.evaluation_order(codes, {spec.code: spec.expressions for spec in specs})
    except expressions_.ExpressionError:
        order = codes
    schema = AnswerSchema(specs, tuple(order), any(spec.expressions for spec in specs))
    if version.is_published:
        _SCHEMA_CACHE[key] = schema
    return schema


_INT_RE = re.compile(r"^[+-]?\d+$")
_SPLIT_RE = re.compile(r"[,;\s]+")
# No option code or number answer is anywhere near this; beyond it a value is refused as not a number (Python
# would refuse to even read more than 4,300 digits, and SQLite cannot store more than 64 bits).
MAX_ANSWER_NUMBER = 10**15
# An answer naming unknown question codes is refused with at most this many of them listed.
MAX_UNKNOWN_CODES_LISTED = 5


def _bounded(number: int) -> int | None:
    return number if -MAX_ANSWER_NUMBER <= number <= MAX_ANSWER_NUMBER else None


def _as_int(value: Any) -> int | None:
    """An integer from an int, an integral float or a string of digits; None otherwise (bools are refused, and
    numbers beyond MAX_ANSWER_NUMBER)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _bounded(value)
    if isinstance(value, float):
        return _bounded(int(value)) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 40:
            return None
        if _INT_RE.match(text):
            return _bounded(int(text))
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return None
        return _bounded(int(number)) if math.isfinite(number) and number.is_integer() else None
    return None


def _is_empty(value: Any) -> bool:
    """None, blank text, or a collection of nothing but those; walked without recursion (an answer may come
    nested hundreds of lists deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        if isinstance(item, str):
            if item.strip():
                return False
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        else:
            return False
    return True


@dataclass(frozen=True)
class CheckedAnswers:
    """The outcome of checking a submission: stored values, messages by question code, questions not asked."""

    clean: dict[str, Any]
    errors: dict[str, str]
    not_asked: list[str]


def validate_answers(version: QuestionnaireVersion, raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Check `raw` answers ({question code: value}) against `version`: `(clean, errors)` of `check_answers`."""
    checked = check_answers(version, raw)
    return checked.clean, checked.errors


def check_answers(version: QuestionnaireVersion, raw: Mapping[str, Any], *, today: date | None = None
                  ) -> CheckedAnswers:
    """Check `raw` answers ({question code: value}) against `version`, conditions included.

    `clean` maps each answered question to its stored value (int for single choice, sorted list of ints for
    multiple choice, int for a number, float for a decimal, "YYYY-MM-DD" for a date, stripped str for text, the
    computed value of a calculation); `errors` maps a question code to a message in the active language;
    `not_asked` lists the questions whose "asked only if" condition is false. Values may come typed (JSON) or as
    strings (a form, a CSV file); a multiple-choice answer may be a list or a string like "1;3". Unanswered
    optional questions are left out. An answer to a question that was not asked, or to a note or a calculated
    value, is refused; a broken constraint gives the question's own message in the active language.
    """
    schema = answer_schema(version)
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    not_asked: list[str] = []
    values: dict[str, expressions_.Value] = {}
    # Without conditions (every questionnaire made before them) nothing is evaluated: validation costs what it did.
    track = schema.conditional
    context = expressions_.Context(values=values, today=(today or timezone.localdate()) if track else date.min)
    by_code = {spec.code: spec for spec in schema.specs}
    for code in schema.order:
        spec = by_code[code]
        value = raw.get(code)
        rules = spec.expressions
        if track:
            values[code] = ""
        relevance = rules.get("relevance")
        if relevance is not None and not expressions_.to_boolean(expressions_.evaluate(relevance, context)):
            not_asked.append(code)
            if not _is_empty(value):
                errors[code] = _("This question was not asked, given the earlier answers: leave it empty.")
            continue
        if spec.kind in (Question.Kind.NOTE, Question.Kind.CALCULATE):
            if not _is_empty(value):
                errors[code] = (_("This is a note: it takes no answer.") if spec.kind == Question.Kind.NOTE
                                else _("This value is calculated from the other answers: do not send it."))
            if spec.kind == Question.Kind.CALCULATE and "calculation" in rules:
                result = expressions_.evaluate(rules["calculation"], context)
                stored = conditions.stored_value(result)
                if stored is not None:
                    clean[code] = stored
                    values[code] = result
            continue
        if _is_empty(value):
            required = spec.required or ("required_if" in rules and expressions_.to_boolean(
                expressions_.evaluate(rules["required_if"], context)))
            if required:
                errors[code] = _("Please answer this question.")
            continue
        message, stored = _typed(spec, value)
        if message:
            errors[code] = message
            continue
        if not track:
            clean[code] = stored
            continue
        current = conditions.expression_value(spec.kind, stored, spec.names)
        constraint = rules.get("constraint")
        if constraint is not None and not expressions_.to_boolean(expressions_.evaluate(
                constraint, dataclasses.replace(context, here=current))):
            lang = current_language()
            errors[code] = (spec.constraint_message.get(lang) or next(
                (spec.constraint_message[c] for c in LANGUAGES if spec.constraint_message.get(c)), "")
                or _("This answer is not allowed: check it."))
            continue
        clean[code] = stored
        values[code] = current
    if schema.conditional:
        clean = {spec.code: clean[spec.code] for spec in schema.specs if spec.code in clean}
        errors = {**{spec.code: errors[spec.code] for spec in schema.specs if spec.code in errors}}
        not_asked = [spec.code for spec in schema.specs if spec.code in set(not_asked)]
    unknown = [str(code) for code in raw if code not in by_code and not _is_empty(raw[code])]
    for code in unknown[:MAX_UNKNOWN_CODES_LISTED]:
        errors[code if len(code) <= 40 else code[:40] + "…"] = _("This questionnaire has no question with this code.")
    if len(unknown) > MAX_UNKNOWN_CODES_LISTED:
        more = len(unknown) - MAX_UNKNOWN_CODES_LISTED
        errors["answers"] = ngettext("… and %(count)s more unknown question code.",
                                     "… and %(count)s more unknown question codes.", more) % {"count": more}
    return CheckedAnswers(clean, errors, not_asked)


_DECIMAL_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def _typed(spec: QuestionSpec, value: Any) -> tuple[str, Any]:
    """(message, stored value) of one non-empty answer: a message when it is not an answer of the question's kind."""
    if spec.kind == Question.Kind.SINGLE:
        if isinstance(value, list | tuple) and len(value) == 1:
            value = value[0]
        code = _as_int(value)
        if code is None or code not in spec.codes:
            return _("Choose one of the options."), None
        return "", code
    if spec.kind == Question.Kind.MULTIPLE:
        items = _SPLIT_RE.split(value.strip()) if isinstance(value, str) else value
        if not isinstance(items, list | tuple | set | frozenset):
            items = [items]
        codes = [_as_int(v) for v in items if not _is_empty(v)]
        if any(c is None or c not in spec.codes for c in codes):
            return _("Choose among the options shown."), None
        return "", sorted(set(codes))  # type: ignore[type-var]
    if spec.kind in (Question.Kind.NUMBER, Question.Kind.DECIMAL):
        number: int | float | None
        if spec.kind == Question.Kind.NUMBER:
            number = _as_int(value)
            if number is None:
                return _("Enter a whole number."), None
        else:
            number = _as_decimal(value)
            if number is None:
                return _("Enter a number."), None
        if spec.min_value is not None and number < spec.min_value:
            return _("Enter a number no smaller than %(min)s.") % {"min": spec.min_value}, None
        if spec.max_value is not None and number > spec.max_value:
            return _("Enter a number no larger than %(max)s.") % {"max": spec.max_value}, None
        return "", number
    if spec.kind == Question.Kind.DATE:
        day = _as_date(value)
        if day is None:
            return _("Enter a date, e.g. 2024-03-01."), None
        return "", day.isoformat()
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return _("Enter text."), None
    text = str(value).strip()
    if len(text) > MAX_TEXT_ANSWER:
        return _("Keep the answer under %(n)s characters.") % {"n": MAX_TEXT_ANSWER}, None
    return "", text


def _as_decimal(value: Any) -> float | None:
    """A finite number from a number or a text with a decimal point or comma; None otherwise (bools refused)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str) and len(value.strip()) <= 40 and _DECIMAL_RE.match(value.strip()):
        number = float(value.strip().replace(",", "."))
    else:
        return None
    if not math.isfinite(number) or abs(number) > MAX_ANSWER_NUMBER:
        return None
    return int(number) if number.is_integer() else number


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()[:10] if len(value.strip()) in (10, 19) else value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return None


# Submitting a response ---------------------------------------------------------------------------------------


def new_referral_code() -> str:
    return secrets.token_urlsafe(12)


def new_idempotency_key() -> str:
    return secrets.token_urlsafe(24)


def _replayed(campaign: Campaign, key: str) -> Response | None:
    return Response.objects.filter(campaign=campaign, idempotency_key=key).order_by().first()


def check_open(campaign: Campaign, now: datetime | None = None) -> None:
    state = campaign.state(now)
    if state == "upcoming":
        raise CampaignClosed(
            _("This survey opens on %(date)s.") % {"date": campaign.opens_on.strftime("%d.%m.%Y")}
        )
    if state == "closed":
        raise CampaignClosed(_("This survey is closed: answers are no longer accepted."))


def find_invitation(campaign: Campaign, token: str | None) -> Invitation:
    """The campaign's invitation with this token; refuses a missing, unknown or used one."""
    invitation = Invitation.objects.filter(campaign=campaign, token=token).order_by().first() if token else None
    if invitation is None:
        raise NotAllowed(_("This survey is by invitation only: open it with the personal link you received."),
                         field="invitation")
    if invitation.is_used:
        raise InvitationUsed(_("This invitation has already been used."), field="invitation")
    return invitation


def find_recruiter(campaign: Campaign, referral: str | None) -> Response | None:
    """The response whose referral link brought this respondent (snowball campaigns only; unknown codes ignored)."""
    if not referral or campaign.mode != Campaign.Mode.SNOWBALL:
        return None
    return Response.objects.filter(campaign=campaign, referral_code=referral).only("pk", "wave").order_by().first()


def submit_response(
    campaign: Campaign,
    answers: Mapping[str, Any],
    *,
    idempotency_key: str,
    invitation: str | None = None,
    referral: str | None = None,
    language: str = "ru",
    source: str = Response.Source.FORM,
    now: datetime | None = None,
) -> tuple[Response, bool]:
    """Store one response atomically. Returns `(response, created)`; `created` is False for a replayed key.

    Raises CampaignClosed (403) outside the campaign's dates, NotAllowed (403) without a valid invitation in an
    invitation campaign, InvitationUsed (409) for a used invitation, ValidationError ({code: message}) for
    invalid answers. Nothing that identifies the respondent is stored; the invitation only gets its `used_at`.
    """
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ValidationError({"idempotency_key": _("Send an idempotency key of 1 to 64 characters.")})
    # The happy path costs one INSERT: a replayed key is recognised when the unique constraint refuses it (or when
    # the campaign has closed / the invitation was used since), and then answered with the stored response.
    try:
        return _store(campaign, answers, key=key, invitation=invitation, referral=referral, language=language,
                      source=source, now=now), True
    except (CampaignClosed, InvitationUsed, IntegrityError):
        existing = _replayed(campaign, key)
        if existing is not None:
            return existing, False
        raise


def _store(
    campaign: Campaign, answers: Mapping[str, Any], *, key: str, invitation: str | None, referral: str | None,
    language: str, source: str, now: datetime | None,
) -> Response:
    if source != Response.Source.IMPORT:
        check_open(campaign, now)
    invite = find_invitation(campaign, invitation) if campaign.mode == Campaign.Mode.INVITATION else None
    checked = check_answers(campaign.version, answers)
    if checked.errors:
        raise ValidationError(checked.errors)
    recruiter = find_recruiter(campaign, referral)
    language = language if language in LANGUAGES else (campaign.languages or ["ru"])[0]
    moment = now or timezone.now()
    with transaction.atomic():
        if invite is not None:
            taken = Invitation.objects.filter(pk=invite.pk, used_at__isnull=True).update(used_at=moment)
            if taken != 1:
                raise InvitationUsed(_("This invitation has already been used."), field="invitation")
        return Response.objects.create(
            campaign=campaign, version_id=campaign.version_id, submitted_at=moment, language=language,
            answers=checked.clean, not_asked=checked.not_asked, idempotency_key=key, referral_code=new_referral_code(),
            recruited_by=recruiter, wave=(recruiter.wave + 1) if recruiter is not None else 0, source=source,
        )


# Rate limit --------------------------------------------------------------------------------------------------


def rate_limit_per_hour() -> int:
    """Submissions allowed per address per hour (setting SURVEYS_SUBMISSIONS_PER_HOUR; 0 turns the limit off)."""
    return int(getattr(settings, "SURVEYS_SUBMISSIONS_PER_HOUR", DEFAULT_RATE_LIMIT_PER_HOUR))


def address_hash(address: str, day: date) -> str:
    """``sha256(salt of the day + address)``, the salt being HMAC(SECRET_KEY, "surveys-throttle:" + day), never stored
    (the helper is shared with the sign-in throttle, which uses its own purpose)."""
    return throttle.address_hash(address, day, purpose="surveys-throttle")


def register_attempt(address: str, *, now: datetime | None = None) -> bool:
    """Count one submission attempt from `address`; False when the hourly limit is exceeded.

    Only a salted hash of the address is kept, in its own table, per Almaty day and hour; yesterday's salt is
    gone tomorrow, so old rows cannot be linked to an address. Rows older than a day are deleted.
    """
    limit = rate_limit_per_hour()
    if limit <= 0:
        return True
    local = timezone.localtime(now or timezone.now())
    day, hour = local.date(), local.hour
    digest = address_hash(address, day)
    with transaction.atomic():
        updated = SubmissionThrottle.objects.filter(address_hash=digest, day=day, hour=hour).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    SubmissionThrottle.objects.create(address_hash=digest, day=day, hour=hour, count=1)
                SubmissionThrottle.objects.filter(day__lt=day - timedelta(days=1)).delete()
                return True
            except IntegrityError:
                SubmissionThrottle.objects.filter(address_hash=digest, day=day, hour=hour).update(count=F("count") + 1)
        count = SubmissionThrottle.objects.filter(address_hash=digest, day=day, hour=hour).values_list("count", flat=True).first()
    return (count or 0) <= limit


# Questionnaires ----------------------------------------------------------------------------------------------

QUESTIONNAIRE_FIELDS = in_languages("title")
VERSION_FIELDS = in_languages("intro")
QUESTION_FIELDS = ("code", "kind", *in_languages("text", "help"), "required", "ordinal", "min_value", "max_value",
                   "relevance", "constraint", *in_languages("constraint_message"), "required_if", "calculation",
                   "default")
OPTION_FIELDS = ("code", "name", *in_languages("label"))
QUESTION_CODE_TAKEN = gettext_lazy("Another question of this version has this code.")
OPTION_CODE_TAKEN = gettext_lazy("Another option of this question has this code.")


def ensure_builtin_template() -> QuestionnaireVersion:
    """The built-in template's published version (created if missing; safe to call again)."""
    with transaction.atomic():
        return template_questionnaire.install(Questionnaire, QuestionnaireVersion, Question, Option)


def _copy_questions(source: QuestionnaireVersion, target: QuestionnaireVersion, by: Any) -> None:
    for question in source.ordered_questions():
        options = question.sorted_options()
        question.pk = None
        question.id = None
        question.version = target
        save(question, by, validate=False)
        for option in options:
            option.pk = None
            option.id = None
            option.question = question
            save(option, by, validate=False)


def _new_version(questionnaire: Questionnaire, number: int, source: QuestionnaireVersion | None,
                 by: Any) -> QuestionnaireVersion:
    """Draft version `number` of `questionnaire`: empty, or with the introduction and questions of `source`."""
    version = QuestionnaireVersion(questionnaire=questionnaire, number=number)
    if source is not None:
        apply_changes(version, {field: getattr(source, field) for field in VERSION_FIELDS}, VERSION_FIELDS)
    save(version, by)
    if source is not None:
        _copy_questions(source, version, by)
    return version


@transaction.atomic
def questionnaire_create(
    *, by: Any, owner: Organisation, code: str, copy_from: QuestionnaireVersion | None = None, **titles: str
) -> Questionnaire:
    """A questionnaire of `owner` with an empty draft version 1 (or a copy of `copy_from`'s questions);
    `titles` are `title_kk`, `title_ru`, `title_en`."""
    require(by, Action.CREATE, owner, kind=Questionnaire)
    if copy_from is not None and not copy_from.questionnaire.is_template:
        require(by, Action.VIEW, copy_from.questionnaire)
    questionnaire = Questionnaire(owner=owner, code=code, created_by=_author(by))
    apply_changes(questionnaire, titles, QUESTIONNAIRE_FIELDS)
    save(questionnaire, by)
    _new_version(questionnaire, 1, copy_from, by)
    return questionnaire


def _author(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _changeable(questionnaire: Questionnaire, by: Any) -> None:
    require(by, Action.CHANGE, questionnaire)
    if questionnaire.is_template:
        raise NotAllowed(_("The built-in template cannot be changed; copy it into a questionnaire of your own."))


@transaction.atomic
def questionnaire_update(*, questionnaire: Questionnaire, by: Any, data: Mapping[str, Any]) -> Questionnaire:
    _changeable(questionnaire, by)
    apply_changes(questionnaire, data, QUESTIONNAIRE_FIELDS)
    save(questionnaire, by)
    return questionnaire


@transaction.atomic
def version_new_draft(*, questionnaire: Questionnaire, by: Any) -> QuestionnaireVersion:
    """The draft to edit: the latest version if it is a draft, else a copy of the latest as version n+1."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    _changeable(questionnaire, by)
    latest = questionnaire.latest_version()
    if latest is not None and not latest.is_published:
        return latest
    number = (questionnaire.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return _new_version(questionnaire, number, latest, by)


def _editable(version: QuestionnaireVersion, by: Any) -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.select_for_update().select_related("questionnaire").get(pk=version.pk)
    require(by, Action.CHANGE, version.questionnaire)
    if version.is_published:
        raise FrozenVersion(_("A published version is frozen: make a new version to change the questions."))
    return version


@transaction.atomic
def version_update(*, version: QuestionnaireVersion, by: Any, data: Mapping[str, Any]) -> QuestionnaireVersion:
    version = _editable(version, by)
    apply_changes(version, data, VERSION_FIELDS)
    save(version, by)
    return version


def check_conditions(version: QuestionnaireVersion, *, editing: Question | None = None,
                     prefix_of: Mapping[str, str] | None = None) -> None:
    """ValidationError naming the question and the condition when the version's conditions cannot be used: on the
    fields of the question being edited (`editing`), or under `prefix_of[code]` (`questions.3`) for a list."""
    problems = conditions.check_questions(version.ordered_questions())
    if not problems:
        return
    if editing is not None:
        raise ValidationError(conditions.problems_by_field(problems, editing.code))
    if prefix_of is not None:
        out: dict[str, list[str]] = {}
        for problem in problems:
            out.setdefault(f"{prefix_of.get(problem.code, 'questions')}.{problem.field}", []).append(problem.message)
        raise ValidationError(out)
    raise ValidationError({"__all__": [problem.message for problem in problems]})


@transaction.atomic
def version_publish(*, version: QuestionnaireVersion, by: Any) -> QuestionnaireVersion:
    """Freeze a draft: it needs at least one question, every choice question at least two options, and conditions
    that can be evaluated."""
    version = _editable(version, by)
    questions = version.ordered_questions()
    if not questions:
        raise DomainError(_("Add at least one question before publishing."))
    problems = conditions.check_questions(questions)
    if problems:
        raise DomainError(problems[0].message)
    for question in questions:
        if question.has_options and len(question.options.all()) < 2:
            raise DomainError(
                _("Question %(code)s needs at least two options before publishing.") % {"code": question.code}
            )
    version.status = QuestionnaireVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    save(version, by)
    return version


def _next_position(queryset: Any) -> int:
    return (queryset.aggregate(n=Max("position"))["n"] or 0) + 1


def _save_coded(item: Question | Option, siblings: QuerySet[Any], taken: Any, by: Any) -> None:
    """Save a question or an option unless one of its siblings (same version, same question) has its code."""
    if siblings.filter(code=item.code).exclude(pk=item.pk).exists():
        raise ValidationError({"code": taken})
    save(item, by)


@transaction.atomic
def question_add(*, version: QuestionnaireVersion, by: Any, data: Mapping[str, Any]) -> Question:
    version = _editable(version, by)
    question = Question(version=version, position=_next_position(version.questions.all()))
    apply_changes(question, data, QUESTION_FIELDS)
    _save_coded(question, version.questions.all(), QUESTION_CODE_TAKEN, by)
    check_conditions(version, editing=question)
    return question


@transaction.atomic
def question_update(*, question: Question, by: Any, data: Mapping[str, Any]) -> Question:
    _editable(question.version, by)
    question = Question.objects.select_for_update().get(pk=question.pk)
    apply_changes(question, data, QUESTION_FIELDS)
    if not question.has_options:
        for option in question.options.all():
            delete(option, by)
    _save_coded(question, Question.objects.filter(version_id=question.version_id), QUESTION_CODE_TAKEN, by)
    check_conditions(question.version, editing=question)
    return question


@transaction.atomic
def question_delete(*, question: Question, by: Any) -> None:
    _editable(question.version, by)
    delete(question, by)


def _move(obj: Model, siblings: Any, direction: str, by: Any) -> None:
    ordered = list(siblings.order_by("position", "id"))
    index = next(i for i, o in enumerate(ordered) if o.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            audit_as(item, by)
            item.save(update_fields=["position"])


@transaction.atomic
def question_move(*, question: Question, by: Any, direction: str) -> None:
    version = _editable(question.version, by)
    _move(question, version.questions.all(), direction, by)


@transaction.atomic
def option_add(*, question: Question, by: Any, data: Mapping[str, Any]) -> Option:
    _editable(question.version, by)
    if not question.has_options:
        raise DomainError(_("Only choice questions have options."))
    option = Option(question=question, position=_next_position(question.options.all()))
    if data.get("code") is None:
        data = {**data, "code": (question.options.aggregate(n=Max("code"))["n"] or 0) + 1}
    apply_changes(option, data, OPTION_FIELDS)
    _save_coded(option, question.options.all(), OPTION_CODE_TAKEN, by)
    return option


@transaction.atomic
def option_update(*, option: Option, by: Any, data: Mapping[str, Any]) -> Option:
    _editable(option.question.version, by)
    option = Option.objects.select_for_update().get(pk=option.pk)
    apply_changes(option, data, OPTION_FIELDS)
    _save_coded(option, Option.objects.filter(question_id=option.question_id), OPTION_CODE_TAKEN, by)
    return option


@transaction.atomic
def option_delete(*, option: Option, by: Any) -> None:
    _editable(option.question.version, by)
    delete(option, by)


@transaction.atomic
def option_move(*, option: Option, by: Any, direction: str) -> None:
    _editable(option.question.version, by)
    _move(option, option.question.options.all(), direction, by)


def _save_item(obj: Model, by: Any, prefix: str) -> None:
    """Save one item of a list given at once, its errors named by its place in the list (`questions.2.code`)."""
    try:
        save(obj, by)
    except ValidationError as exc:
        raise ValidationError({f"{prefix}.{field}": m for field, m in exc.message_dict.items()}) from None


@transaction.atomic
def questions_replace(*, version: QuestionnaireVersion, by: Any, questions: Sequence[Mapping[str, Any]]) -> None:
    """Replace a draft's questions (API): each item has the question fields and `options` [{code, label_*}]."""
    version = _editable(version, by)
    for old in version.questions.all():
        delete(old, by)
    seen: set[str] = set()
    for position, item in enumerate(questions, start=1):
        question = Question(version=version, position=position)
        apply_changes(question, {k: v for k, v in item.items() if k != "options"}, QUESTION_FIELDS)
        if question.code in seen:
            raise ValidationError({f"questions.{position}.code": QUESTION_CODE_TAKEN})
        seen.add(question.code)
        _save_item(question, by, f"questions.{position}")
        codes: set[int] = set()
        for opt_position, opt in enumerate(item.get("options") or [], start=1):
            option = Option(question=question, position=opt_position)
            apply_changes(option, opt, OPTION_FIELDS)
            if option.code in codes:
                raise ValidationError({f"questions.{position}.options": OPTION_CODE_TAKEN})
            codes.add(option.code)
            _save_item(option, by, f"questions.{position}.options.{opt_position}")
    check_conditions(version, prefix_of={str(item.get("code")): f"questions.{position}"
                                         for position, item in enumerate(questions, start=1)})


# Campaigns ---------------------------------------------------------------------------------------------------

CAMPAIGN_FIELDS = (
    "version", "slug", *in_languages("title"), "opens_on", "closes_on", "languages", "mode",
    "results_public", "suppression_k", "published",
)


def _check_version(by: Any, version: QuestionnaireVersion) -> None:
    if not version.is_published:
        raise ValidationError({"version": _("Only a published questionnaire version can be used in a campaign.")})
    if not version.questionnaire.is_template and not can(by, Action.CHANGE, version.questionnaire):
        raise ValidationError({"version": _("Choose a template or a questionnaire of your organisation.")})


@transaction.atomic
def campaign_create(*, by: Any, owner: Organisation, version: QuestionnaireVersion, **data: Any) -> Campaign:
    """Put a published questionnaire version in the field for `owner`; its editors (or an administrator) may."""
    require(by, Action.CREATE, owner, kind=Campaign)
    _check_version(by, version)
    campaign = Campaign(owner=owner, version=version, created_by=_author(by))
    apply_changes(campaign, data, CAMPAIGN_FIELDS)
    save(campaign, by)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, by: Any, data: Mapping[str, Any]) -> Campaign:
    """Change a campaign; its questionnaire version can change only while it has no responses."""
    campaign = Campaign.objects.select_for_update().select_related("owner", "version").get(pk=campaign.pk)
    require(by, Action.CHANGE, campaign)
    new_version = data.get("version")
    if new_version is not None and new_version.pk != campaign.version_id:
        if campaign.responses.exists():
            raise Conflict(_("This campaign has responses: its questionnaire version can no longer change."),
                           field="version")
        _check_version(by, new_version)
    apply_changes(campaign, data, CAMPAIGN_FIELDS)
    save(campaign, by)
    return campaign


@transaction.atomic
def invitations_generate(*, campaign: Campaign, by: Any, count: int) -> list[Invitation]:
    """Create `count` one-time invitation tokens (1 to 10,000 at a time)."""
    require(by, Action.CHANGE, campaign)
    if campaign.mode != Campaign.Mode.INVITATION:
        raise DomainError(_("Invitations are for campaigns in the one-time invitation mode."), field="count")
    if not 1 <= int(count) <= MAX_INVITATIONS_PER_BATCH:
        raise ValidationError({"count": _("Generate between 1 and %(max)s invitations at a time.")
                               % {"max": f"{MAX_INVITATIONS_PER_BATCH:,}".replace(",", " ")}})
    now = timezone.now()
    invitations = [Invitation(campaign=campaign, token=secrets.token_urlsafe(16), created_at=now) for _i in range(int(count))]
    return Invitation.objects.bulk_create(invitations)
