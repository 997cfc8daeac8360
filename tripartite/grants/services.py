"""Writes of the grants app: one function per use case, each checked by the policy and run in a transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.core import writes
from tripartite.core.errors import Conflict, DomainError, NotAllowed
from tripartite.core.i18n import in_languages
from tripartite.core.models import Region, User
from tripartite.core.policy import Action
from tripartite.core.uploads import original_name
from tripartite.grants import rules
from tripartite.grants.models import (
    Application,
    ApplicationDocument,
    Award,
    BudgetLine,
    Call,
    ConflictDeclaration,
    Criterion,
    Evaluator,
    PPPContract,
    Score,
)
from tripartite.grants.scoring import MARK_MAX, MARK_MIN
from tripartite.partners.models import Organisation


class CallStateError(Conflict):
    """The call is not in a phase that allows this."""


class IneligibleApplication(DomainError):
    """The application does not meet the call's rules; `reasons` lists each one."""

    status = 422

    def __init__(self, reasons: Sequence[rules.Reason]) -> None:
        self.reasons = list(reasons)
        super().__init__(
            _("The application does not meet the rules of the call: %(reasons)s")
            % {"reasons": " ".join(r.message for r in self.reasons)}
        )


class ConflictOfInterest(NotAllowed):
    """The evaluator is linked to the applicant and may not score it."""


CALL_FIELDS = (
    "kind", "topic", *in_languages("title", "description"),
    "budget", "eligible_kinds", "min_years_registered", "max_request", "required_documents", "min_evaluators",
    "opens_on", "deadline", "results_on", "issuer",
)
CRITERION_FIELDS = (*in_languages("name"), "weight")
APPLICATION_FIELDS = ("project_title", "summary", "requested_amount", "settlement_type", "registered_on")
PPP_FIELDS = (
    "number", "state_partner", "private_partner", "sector", "region", *in_languages("object"),
    "value", "signed_on", "term_years", "status", "published",
)


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _locked_call(call: Call) -> Call:
    return Call.objects.select_for_update().select_related("issuer", "topic").get(pk=call.pk)


# Calls -------------------------------------------------------------------------------------------------------


@transaction.atomic
def call_create(*, by: Any, issuer: Organisation, regions: Iterable[Region] = (), **fields: Any) -> Call:
    """Draft a call of `issuer` (a state body); its secretaries and editors (or an administrator) may."""
    writes.require(by, Action.CREATE, issuer, kind=Call)
    fields.setdefault("eligible_kinds", ["ngo"])
    # A required relation is given to the constructor: apply_changes reads each field's value first, which a
    # required relation without one cannot give.
    call = Call(issuer=issuer, topic=fields.pop("topic", None), status=Call.Status.DRAFT, published=False)
    writes.apply_changes(call, fields, CALL_FIELDS)
    writes.save(call, by)
    call.regions.set(list(regions))
    return call


@transaction.atomic
def call_update(*, by: Any, call: Call, data: Mapping[str, Any]) -> Call:
    """Change a draft call; once published its rules are fixed so that every applicant meets the same ones."""
    call = _locked_call(call)
    writes.require(by, Action.CHANGE, call)
    if call.status != Call.Status.DRAFT:
        raise CallStateError(_("A published call cannot be changed: its rules bind every applicant."))
    data = dict(data)
    regions = data.pop("regions", None)
    writes.require_move(by, call, "issuer", data)
    writes.apply_changes(call, data, CALL_FIELDS)
    writes.save(call, by)
    if regions is not None:
        call.regions.set(list(regions))
    return call


@transaction.atomic
def criterion_add(*, by: Any, call: Call, weight: int, **names: str) -> Criterion:
    """Add a scoring criterion to a draft call (`names`: name_kk, name_ru, name_en); the weights may not pass 100."""
    call = _locked_call(call)
    writes.require(by, Action.CHANGE, call)
    if call.status != Call.Status.DRAFT:
        raise CallStateError(_("The criteria of a published call cannot be changed."))
    used = call.criteria.aggregate(total=Sum("weight"))["total"] or 0
    if used + (weight or 0) > 100:
        raise ValidationError({"weight": _("The weights would add up to %(total)d; they must add up to 100.") % {
            "total": used + (weight or 0)}})
    criterion = Criterion(call=call, weight=weight)
    writes.apply_changes(criterion, names, in_languages("name"))
    writes.save(criterion, by)
    return criterion


@transaction.atomic
def criterion_remove(*, by: Any, criterion: Criterion) -> None:
    call = _locked_call(criterion.call)
    writes.require(by, Action.CHANGE, call)
    if call.status != Call.Status.DRAFT:
        raise CallStateError(_("The criteria of a published call cannot be changed."))
    writes.delete(criterion, by)


@transaction.atomic
def evaluator_add(*, by: Any, call: Call, user: User) -> Evaluator:
    """Appoint `user` to score the call's applications; the pseudonym (Evaluator A, B, …) follows the order."""
    call = _locked_call(call)
    writes.require(by, Action.CHANGE, call)
    if call.status == Call.Status.CLOSED:
        raise CallStateError(_("The call is closed; no evaluator can be added."))
    if call.evaluators.filter(user=user).exists():
        raise Conflict(_("%(user)s is already an evaluator of this call.") % {"user": user}, field="username")
    number = (call.evaluators.aggregate(top=Max("number"))["top"] or 0) + 1
    evaluator = Evaluator(call=call, user=user, number=number)
    writes.save(evaluator, by)
    return evaluator


@transaction.atomic
def call_publish(*, by: Any, call: Call, today: date | None = None) -> Call:
    """Publish a draft call: it needs criteria whose weights add up to 100 and a deadline not yet passed."""
    call = _locked_call(call)
    writes.require(by, Action.CHANGE, call)
    if call.status != Call.Status.DRAFT:
        raise CallStateError(_("This call is already published."))
    weights = call.criteria.aggregate(total=Sum("weight"))["total"] or 0
    if weights != 100:
        raise ValidationError({"criteria": _(
            "The weights of the scoring criteria add up to %(total)d; they must add up to 100 before publishing."
        ) % {"total": weights}})
    if call.deadline < _today(today):
        raise ValidationError({"deadline": _("The deadline has already passed; set a later one before publishing.")})
    call.status = Call.Status.PUBLISHED
    call.published = True
    call.published_at = timezone.now()
    writes.save(call, by)
    return call


@transaction.atomic
def call_close(*, by: Any, call: Call, today: date | None = None) -> Call:
    """Close a call after its deadline and publish the ranking; every submitted application must have been
    scored by the required number of evaluators."""
    call = _locked_call(call)
    writes.require(by, Action.CHANGE, call)
    if call.status != Call.Status.PUBLISHED:
        raise CallStateError(_("Only a published call can be closed."))
    if _today(today) <= call.deadline:
        raise CallStateError(_("The call accepts applications until %(date)s; it can be closed after that.") % {
            "date": call.deadline.isoformat()})
    short = []
    for application in call.applications.filter(status=Application.Status.SUBMITTED).select_related("applicant"):
        n = application.scores.count()
        if n < call.min_evaluators:
            short.append(_("%(applicant)s has %(n)d of %(required)d scores.") % {
                "applicant": application.applicant.name, "n": n, "required": call.min_evaluators})
    if short:
        raise CallStateError(
            _("Some applications are not scored by enough evaluators yet: %(list)s") % {"list": " ".join(short)}
        )
    call.status = Call.Status.CLOSED
    call.closed_at = timezone.now()
    writes.save(call, by)
    return call


# Conflicts of interest -----------------------------------------------------------------------------------------


def evaluator_of(user: Any, call: Call) -> Evaluator | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Evaluator.objects.filter(call=call, user=user).first()


@transaction.atomic
def conflicts_declare(
    *, by: Any, call: Call, ties: Sequence[tuple[Organisation, str]] = (), today: date | None = None
) -> Evaluator:
    """An evaluator declares their ties with organisations (possibly none) before scoring; ties can be added later,
    never withdrawn."""
    evaluator = evaluator_of(by, call)
    if evaluator is None:
        raise NotAllowed(_("Only the evaluators of this call declare conflicts of interest for it."))
    if call.status == Call.Status.CLOSED:
        raise CallStateError(_("The call is closed."))
    for organisation, note in ties:
        if ConflictDeclaration.objects.filter(evaluator=evaluator, organisation=organisation).exists():
            continue
        tie = ConflictDeclaration(evaluator=evaluator, organisation=organisation, note=(note or "").strip()[:300])
        writes.save(tie, by)
    if evaluator.declared_at is None:
        evaluator.declared_at = timezone.now()
        writes.save(evaluator, by)
    return evaluator


# Applications --------------------------------------------------------------------------------------------------


def _check_open(call: Call, today: date | None) -> None:
    phase = call.phase_on(_today(today))
    if phase == Call.Phase.OPEN:
        return
    if phase in (Call.Phase.EVALUATION, Call.Phase.RESULTS):
        raise CallStateError(_(
            "The deadline of this call was %(date)s: applications can no longer be created or changed."
        ) % {"date": call.deadline.isoformat()})
    raise CallStateError(_("This call does not accept applications yet (it opens on %(date)s).") % {
        "date": call.opens_on.isoformat()})


def _set_lines(application: Application, lines: Sequence[tuple[str, int]], by: Any) -> None:
    for old in application.budget_lines.all():
        writes.delete(old, by)
    for number, (item, amount) in enumerate(lines, start=1):
        line = BudgetLine(application=application, item=(item or "").strip(), amount=amount)
        try:
            line.full_clean(exclude=["application"])
        except ValidationError as exc:
            raise ValidationError({"budget_lines": _("Budget line %(n)d: %(problem)s") % {
                "n": number, "problem": " ".join(exc.messages)}}) from exc
        writes.save(line, by, validate=False)


def _recheck_submitted(application: Application) -> None:
    if application.status == Application.Status.SUBMITTED:
        reasons = rules.eligibility_reasons(application)
        if reasons:
            raise IneligibleApplication(reasons)


@transaction.atomic
def application_create(
    *,
    by: Any,
    call: Call,
    applicant: Organisation,
    regions: Iterable[Region],
    lines: Sequence[tuple[str, int]] = (),
    today: date | None = None,
    **fields: Any,
) -> Application:
    """Start an application of `applicant` (its editors may) to a call that accepts applications."""
    call = _locked_call(call)
    writes.require(by, Action.CREATE, applicant, kind=Application)
    _check_open(call, today)
    if Application.objects.filter(call=call, applicant=applicant).exists():
        raise Conflict(_("%(org)s has already applied to this call; change that application instead.") % {
            "org": applicant.name}, field="applicant")
    _registration_from_register(fields, applicant)
    application = Application(call=call, applicant=applicant)
    writes.apply_changes(application, fields, APPLICATION_FIELDS)
    writes.save(application, by)
    application.regions.set(list(regions))
    _set_lines(application, lines, by)
    return application


def _registration_from_register(fields: dict[str, Any], applicant: Organisation) -> None:
    """An application records the date of state registration the applicant declares; when the date is left
    out, the date in the social partners register is taken (a declared date is kept even if it differs)."""
    if fields.get("registered_on") is not None:
        return
    if applicant.registered_on is None:
        raise ValidationError({"registered_on": _(
            "Give the date of state registration: the register has no date for %(org)s."
        ) % {"org": applicant.name}})
    fields["registered_on"] = applicant.registered_on


def _locked_application(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("call", "applicant").get(pk=application.pk)


def _open_for_change(by: Any, application: Application, today: date | None) -> Application:
    """The application locked for a change by `by`, refused unless they may change it and its call is open."""
    application = _locked_application(application)
    writes.require(by, Action.CHANGE, application)
    _check_open(application.call, today)
    return application


@transaction.atomic
def application_update(
    *,
    by: Any,
    application: Application,
    data: Mapping[str, Any],
    regions: Iterable[Region] | None = None,
    lines: Sequence[tuple[str, int]] | None = None,
    today: date | None = None,
) -> Application:
    """Change an application until the deadline; a submitted one must stay eligible.

    Clearing the date of state registration (None) takes the date in the register again.
    """
    application = _open_for_change(by, application, today)
    data = dict(data)
    if "registered_on" in data:
        _registration_from_register(data, application.applicant)
    writes.apply_changes(application, data, APPLICATION_FIELDS)
    writes.save(application, by)
    if regions is not None:
        application.regions.set(list(regions))
    if lines is not None:
        _set_lines(application, lines, by)
    _recheck_submitted(application)
    return application


@transaction.atomic
def application_submit(*, by: Any, application: Application, today: date | None = None) -> Application:
    """Submit an application that meets every rule of the call; otherwise refuse with each reason."""
    application = _open_for_change(by, application, today)
    if application.status == Application.Status.SUBMITTED:
        raise Conflict(_("This application is already submitted."))
    reasons = rules.eligibility_reasons(application)
    if reasons:
        raise IneligibleApplication(reasons)
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    writes.save(application, by)
    return application


@transaction.atomic
def document_add(
    *, by: Any, application: Application, kind: str, name: str, content: bytes, today: date | None = None
) -> ApplicationDocument:
    """Attach a file to an application; its type, size and content are checked."""
    application = _open_for_change(by, application, today)
    safe_name = original_name(name)
    problem = rules.document_problem(safe_name, len(content), content[:16])
    if problem:
        raise ValidationError({"file": problem})
    document = ApplicationDocument(
        application=application, kind=kind, original_name=safe_name, size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    document.full_clean(exclude=["file"])  # a wrong kind is refused before anything is stored
    document.file.save(safe_name, ContentFile(content), save=False)
    try:
        document.full_clean()
    except ValidationError:
        document.file.delete(save=False)
        raise
    writes.save(document, by, validate=False)
    return document


@transaction.atomic
def document_remove(*, by: Any, document: ApplicationDocument, today: date | None = None) -> None:
    application = _open_for_change(by, document.application, today)
    stored = document.file
    writes.delete(document, by)
    _recheck_submitted(application)
    transaction.on_commit(lambda: stored.delete(save=False))


# Scores --------------------------------------------------------------------------------------------------------


@transaction.atomic
def score_record(
    *,
    by: Any,
    application: Application,
    marks: Mapping[int, int],
    comment: str = "",
    today: date | None = None,
) -> Score:
    """Record or change an evaluator's marks (0–10 per criterion) for an application after the deadline."""
    application = _locked_application(application)
    call = application.call
    evaluator = evaluator_of(by, call)
    if evaluator is None:
        raise NotAllowed(_("Only the evaluators recorded on this call may score its applications."))
    phase = call.phase_on(_today(today))
    if phase == Call.Phase.RESULTS:
        raise CallStateError(_("The call is closed and its results are published: scores can no longer change."))
    if phase != Call.Phase.EVALUATION:
        raise CallStateError(_("Applications are scored after the deadline (%(date)s).") % {
            "date": call.deadline.isoformat()})
    if application.status != Application.Status.SUBMITTED:
        raise CallStateError(_("Only submitted applications are scored."))
    if evaluator.declared_at is None:
        raise NotAllowed(_("Declare your conflicts of interest for this call before scoring."))
    reason = rules.conflict_reason(evaluator, application)
    if reason:
        raise ConflictOfInterest(_("You cannot score this application: %(reason)s") % {"reason": reason})
    criteria = {c.pk: c for c in call.criteria.all()}
    clean: dict[str, int] = {}
    errors: dict[str, list[str]] = {}
    for cid, criterion in criteria.items():
        value = marks.get(cid, marks.get(str(cid)))  # type: ignore[call-overload]
        if value is None or isinstance(value, bool) or not isinstance(value, int) or not MARK_MIN <= value <= MARK_MAX:
            errors.setdefault(f"mark_{cid}", []).append(_("Give %(criterion)s a whole mark from %(min)d to %(max)d.") % {
                "criterion": criterion.name, "min": MARK_MIN, "max": MARK_MAX})
            continue
        clean[str(cid)] = value
    unknown = {str(k) for k in marks} - {str(k) for k in criteria}
    if unknown:
        errors.setdefault("marks", []).append(_("Mark only the criteria of this call."))
    if errors:
        raise ValidationError(errors)
    score = Score.objects.select_for_update().filter(application=application, evaluator=evaluator).first()
    if score is None:
        score = Score(application=application, evaluator=evaluator)
    score.marks = clean
    score.comment = (comment or "").strip()
    writes.save(score, by)
    return score


# Awards --------------------------------------------------------------------------------------------------------


@transaction.atomic
def award_create(
    *, by: Any, application: Application, amount: int, signed_on: date, contract_number: str = ""
) -> Award:
    """Award a contract to a ranked application of a closed call, within the application's request and the budget."""
    application = _locked_application(application)
    call = _locked_call(application.call)
    writes.require(by, Action.CREATE, call, kind=Award)
    if call.status != Call.Status.CLOSED:
        raise CallStateError(_("Contracts are awarded after the call is closed and its ranking published."))
    if application.status != Application.Status.SUBMITTED:
        raise CallStateError(_("Only a submitted and scored application can win a contract."))
    if Award.objects.filter(application=application).exists():
        raise Conflict(_("This application already has a contract."))
    if amount is not None and amount > application.requested_amount:
        raise ValidationError({"amount": _("The award cannot exceed the amount requested (%(max)s tenge).") % {
            "max": rules.tenge(application.requested_amount)}})
    awarded = Award.objects.filter(application__call=call).aggregate(total=Sum("amount"))["total"] or 0
    if amount is not None and awarded + amount > call.budget:
        raise ValidationError({"amount": _(
            "The awards would reach %(total)s tenge, more than the call's budget of %(budget)s tenge."
        ) % {"total": rules.tenge(awarded + amount), "budget": rules.tenge(call.budget)}})
    if signed_on is not None and call.closed_at is not None and signed_on < timezone.localtime(call.closed_at).date():
        raise ValidationError({"signed_on": _("A contract cannot be signed before the results were published.")})
    award = Award(application=application, amount=amount, signed_on=signed_on, contract_number=contract_number.strip())
    writes.save(award, by)
    return award


# PPP register --------------------------------------------------------------------------------------------------


@transaction.atomic
def ppp_create(*, by: Any, state_partner: Organisation, data: Mapping[str, Any]) -> PPPContract:
    writes.require(by, Action.CREATE, state_partner, kind=PPPContract)
    data = {k: v for k, v in data.items() if k != "state_partner"}
    contract = PPPContract(state_partner=state_partner, sector=data.pop("sector", None), region=data.pop("region", None))
    writes.apply_changes(contract, data, PPP_FIELDS)
    writes.save(contract, by)
    return contract


@transaction.atomic
def ppp_update(*, by: Any, contract: PPPContract, data: Mapping[str, Any]) -> PPPContract:
    contract = PPPContract.objects.select_for_update().select_related("state_partner").get(pk=contract.pk)
    writes.require(by, Action.CHANGE, contract)
    writes.require_move(by, contract, "state_partner", data)
    writes.apply_changes(contract, data, PPP_FIELDS)
    writes.save(contract, by)
    return contract


@transaction.atomic
def ppp_delete(*, by: Any, contract: PPPContract) -> None:
    writes.require(by, Action.DELETE, contract)
    try:
        writes.delete(contract, by)
    except IntegrityError as exc:  # pragma: no cover - nothing refers to a contract today
        raise Conflict(_("This contract is referred to and cannot be deleted.")) from exc
