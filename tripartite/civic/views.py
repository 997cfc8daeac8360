"""Pages of the civic app: calls, applications, scoring, awards, the concentration figures and the PPP register."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.civic import queries, rules, services
from tripartite.civic.forms import (
    ApplicationForm,
    AwardForm,
    CallFilterForm,
    CallForm,
    CriterionForm,
    DeclarationForm,
    DocumentForm,
    EvaluatorForm,
    PPPFilterForm,
    PPPForm,
    ScoreForm,
)
from tripartite.civic.models import (
    Application,
    ApplicationDocument,
    Award,
    Call,
    Criterion,
    PPPContract,
    Score,
)
from tripartite.core.errors import DomainError
from tripartite.core.pages import add_errors, submit
from tripartite.core.pages import deny as _deny
from tripartite.core.policy import Action, can
from tripartite.core.uploads import stored_file_response
from tripartite.core.views import history_page, paginate
from tripartite.partners.models import Kind as OrganisationKind
from tripartite.partners.models import Organisation


def _add_errors(form: forms.BaseForm, exc: Exception) -> None:
    if isinstance(exc, services.IneligibleApplication):
        for reason in exc.reasons:
            form.add_error(reason.field if reason.field in form.fields else None, reason.message)
    else:
        add_errors(form, exc)


def _submit(request: HttpRequest, form: forms.BaseForm, call: Callable[[dict[str, Any]], Any]) -> Any:
    return submit(request, form, call, on_error=_add_errors)


def _form_page(request: HttpRequest, form: forms.BaseForm, *, title: str, back_url: str, submit: str,
               context: dict[str, Any] | None = None) -> HttpResponse:
    status = 422 if request.method == "POST" and form.errors else 200
    return render(
        request, "civic/form.html",
        {"form": form, "title": title, "back_url": back_url, "submit_label": submit, **(context or {})},
        status=status,
    )


def _today() -> Any:
    return timezone.localdate()


def _refusal(request: HttpRequest, exc: Exception, back: str) -> HttpResponse:
    message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    messages.error(request, message)
    return redirect(back)


# Calls ---------------------------------------------------------------------------------------------------------


def call_list(request: HttpRequest) -> HttpResponse:
    filter_form = CallFilterForm(request.GET)
    today = _today()
    page = paginate(request, queries.call_list(user=request.user, today=today, **filter_form.filters()))
    rows = [(c, c.phase_label(today)) for c in page.object_list]
    may_create = request.user.is_authenticated and queries.issuers_for(request.user).exists()
    my_applications = queries.applications_of_user(request.user) if request.user.is_authenticated else []
    return render(request, "civic/list.html", {
        "filter_form": filter_form, "page_obj": page, "rows": rows, "may_create": may_create,
        "my_applications": my_applications,
    })


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    user = request.user
    today = _today()
    manage = queries.may_manage(user, call)
    evaluator = queries.evaluator_of(user, call)
    applicants = queries.applicants_for(user) if user.is_authenticated else Organisation.objects.none()
    show_scores = queries.may_see_scores(user, call)
    context = {
        "object": call, "phase": call.phase_on(today), "phase_label": call.phase_label(today),
        "criteria": list(call.criteria.all()), "regions": list(call.regions.all()),
        "may_manage": manage, "evaluator": evaluator,
        "may_apply": call.phase_on(today) == Call.Phase.OPEN and applicants.exists(),
        "applications": queries.applications_of_call(user, call) if (manage or evaluator) else [],
        "evaluators": queries.evaluators_view(call) if manage else [],
        "ranking": queries.ranking(call, names=queries.may_see_evaluator_names(user, call)) if show_scores else [],
        "may_award": can(user, Action.CREATE, call, kind=Award) and call.status == Call.Status.CLOSED,
        "weights": queries.criteria_weight(call),
        "may_history": can(user, Action.VIEW_HISTORY, call),
    }
    return render(request, "civic/call_detail.html", context)


def call_create(request: HttpRequest) -> HttpResponse:
    issuers = queries.issuers_for(request.user)
    if not request.user.is_authenticated or not issuers.exists():
        return _deny(request)
    form = CallForm(request.POST or None, issuers=issuers)

    def create(data: dict[str, Any]) -> Call:
        return services.call_create(by=request.user, **data)

    created = _submit(request, form, create)
    if created is not None:
        messages.success(request, _("The call was saved as a draft. Add its scoring criteria, then publish it."))
        return redirect("civic:call", pk=created.pk)
    return _form_page(request, form, title=_("New call"), back_url=reverse("civic:list"), submit=_("Save draft"))


def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    if not queries.may_manage(request.user, call):
        return _deny(request)
    issuers = Organisation.objects.filter(pk__in=[*queries.issuers_for(request.user).values_list("pk", flat=True), call.issuer_id])
    form = CallForm(request.POST or None, instance=call, issuers=issuers)
    saved = _submit(request, form, lambda data: services.call_update(by=request.user, call=call, data=data))
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect("civic:call", pk=pk)
    return _form_page(request, form, title=_("Edit %(name)s") % {"name": call}, back_url=reverse("civic:call", args=[pk]),
                      submit=_("Save"))


def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    if not queries.may_manage(request.user, call):
        return _deny(request)
    form = CriterionForm(request.POST or None)
    added = _submit(request, form, lambda data: services.criterion_add(by=request.user, call=call, **data))
    if added is not None:
        messages.success(request, _("The criterion was added."))
        return redirect(reverse("civic:call", args=[pk]) + "#criteria")
    return _form_page(request, form, title=_("New scoring criterion"), back_url=reverse("civic:call", args=[pk]),
                      submit=_("Add"), context={"intro": _("The weights of all criteria must add up to 100 (now %(total)d).")
                                                % {"total": queries.criteria_weight(call)}})


@require_POST
def criterion_remove(request: HttpRequest, criterion_id: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion.objects.select_related("call"), pk=criterion_id)
    call = queries.call_for(request.user, criterion.call_id)
    if not queries.may_manage(request.user, call):
        return _deny(request)
    back = reverse("civic:call", args=[call.pk]) + "#criteria"
    try:
        services.criterion_remove(by=request.user, criterion=criterion)
    except DomainError as exc:
        return _refusal(request, exc, back)
    messages.success(request, _("The criterion was removed."))
    return redirect(back)


def evaluator_add(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    if not queries.may_manage(request.user, call):
        return _deny(request)
    form = EvaluatorForm(request.POST or None)
    added = _submit(request, form, lambda data: services.evaluator_add(by=request.user, call=call, user=data["username"]))
    if added is not None:
        messages.success(request, _("%(user)s is now %(pseudonym)s of this call.") % {"user": added.user, "pseudonym": added.pseudonym})
        return redirect(reverse("civic:call", args=[pk]) + "#evaluators")
    return _form_page(request, form, title=_("Add an evaluator"), back_url=reverse("civic:call", args=[pk]), submit=_("Add"))


@require_POST
def call_publish(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    if not queries.may_manage(request.user, call):
        return _deny(request)
    back = reverse("civic:call", args=[pk])
    try:
        services.call_publish(by=request.user, call=call)
    except (DomainError, ValidationError) as exc:
        return _refusal(request, exc, back)
    messages.success(request, _("The call is published."))
    return redirect(back)


@require_POST
def call_close(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    if not queries.may_manage(request.user, call):
        return _deny(request)
    back = reverse("civic:call", args=[pk])
    try:
        services.call_close(by=request.user, call=call)
    except (DomainError, ValidationError) as exc:
        return _refusal(request, exc, back)
    messages.success(request, _("The call is closed; the ranking and the scores are published."))
    return redirect(back + "#ranking")


def call_history(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    return history_page(request, call, back_url=reverse("civic:call", args=[pk]))


def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    evaluator = queries.evaluator_of(request.user, call)
    if evaluator is None:
        return _deny(request)
    organisations = Organisation.objects.filter(
        civic_applications__call=call, civic_applications__status=Application.Status.SUBMITTED
    ).distinct().order_by("name_ru", "id")
    form = DeclarationForm(request.POST or None, organisations=organisations)
    done = _submit(request, form, lambda data: services.conflicts_declare(
        by=request.user, call=call, ties=[(org, data["note"]) for org in data["organisations"]]))
    if done is not None:
        messages.success(request, _("Your declaration of conflicts of interest is recorded."))
        return redirect("civic:call", pk=pk)
    declared = [d.organisation.name for d in evaluator.declarations.select_related("organisation")]
    intro = _("Declared so far: %(list)s.") % {"list": ", ".join(declared)} if declared else ""
    return _form_page(request, form, title=_("Conflicts of interest: %(call)s") % {"call": call},
                      back_url=reverse("civic:call", args=[pk]), submit=_("Declare"), context={"intro": intro})


# Applications --------------------------------------------------------------------------------------------------


def _application_kwargs(data: dict[str, Any]) -> tuple[dict[str, Any], Any, Any]:
    regions = data.pop("regions")
    lines = data.pop("budget_lines")
    data.pop("applicant", None)
    return data, regions, lines


def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    applicants = queries.applicants_for(request.user) if request.user.is_authenticated else Organisation.objects.none()
    if not applicants.exists():
        return _deny(request)
    initial: dict[str, Any] = {}
    chosen = request.GET.get("applicant", "")
    if chosen.isdigit() and applicants.filter(pk=int(chosen)).exists():
        initial["applicant"] = int(chosen)  # ?applicant=<id> chooses the organisation and fills in its register data
    form = ApplicationForm(request.POST or None, applicants=applicants, initial=initial)

    def create(data: dict[str, Any]) -> Application:
        applicant = data["applicant"]
        fields, regions, lines = _application_kwargs(data)
        return services.application_create(by=request.user, call=call, applicant=applicant, regions=regions, lines=lines, **fields)

    created = _submit(request, form, create)
    if created is not None:
        messages.success(request, _("The application was saved. Attach the documents, then submit it."))
        return redirect("civic:application", pk=created.pk)
    return _form_page(request, form, title=_("Apply to %(call)s") % {"call": call},
                      back_url=reverse("civic:call", args=[pk]), submit=_("Save application"))


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    call = application.call
    user = request.user
    today = _today()
    may_change = can(user, Action.CHANGE, application) and call.phase_on(today) == Call.Phase.OPEN
    evaluator = queries.evaluator_of(user, call)
    conflict = None
    if evaluator is not None and application.status == Application.Status.SUBMITTED:
        conflict = rules.conflict_reason(evaluator, application)
    show_all = queries.may_see_scores(user, call)
    scores = []
    if show_all:
        row = next((r for r in queries.ranking(call, names=queries.may_see_evaluator_names(user, call))
                    if r.application.pk == application.pk), None)
        scores = row.scores if row else []
    return render(request, "civic/application_detail.html", {
        "object": application, "call": call, "reasons": queries.eligibility(application),
        "registered_in_register": application.applicant.registered_on,
        "lines": list(application.budget_lines.all()), "documents": list(application.documents.all()),
        "regions": list(application.regions.all()),
        "may_change": may_change, "evaluator": evaluator, "conflict": conflict,
        "may_score": evaluator is not None and call.phase_on(today) == Call.Phase.EVALUATION
        and application.status == Application.Status.SUBMITTED,
        "own_score": queries.own_score(user, application), "scores": scores,
        "may_history": can(user, Action.VIEW_HISTORY, application) or queries.may_manage(user, call),
        "document_form": DocumentForm() if may_change else None
    })


def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    if not can(request.user, Action.CHANGE, application):
        return _deny(request)
    back = reverse("civic:application", args=[pk])
    form = ApplicationForm(request.POST or None, instance=application)

    def update(data: dict[str, Any]) -> Application:
        fields, regions, lines = _application_kwargs(data)
        return services.application_update(by=request.user, application=application, data=fields, regions=regions, lines=lines)

    if _submit(request, form, update) is not None:
        messages.success(request, _("The changes were saved."))
        return redirect(back)
    if request.method == "GET" and application.call.phase_on(_today()) != Call.Phase.OPEN:
        messages.error(request, _("The deadline of this call was %(date)s: applications can no longer be created or changed.")
                       % {"date": application.call.deadline.isoformat()})
        return redirect(back)
    return _form_page(request, form, title=_("Edit the application"), back_url=back, submit=_("Save"))


@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    if not can(request.user, Action.CHANGE, application):
        return _deny(request)
    back = reverse("civic:application", args=[pk])
    try:
        services.application_submit(by=request.user, application=application)
    except (DomainError, ValidationError) as exc:
        return _refusal(request, exc, back)
    messages.success(request, _("The application is submitted."))
    return redirect(back)


def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    if not can(request.user, Action.CHANGE, application):
        return _deny(request)
    back = reverse("civic:application", args=[pk])
    form = DocumentForm(request.POST or None, request.FILES or None)

    def upload(data: dict[str, Any]) -> ApplicationDocument:
        uploaded = data["file"]
        return services.document_add(by=request.user, application=application, kind=data["kind"], name=uploaded.name,
                                     content=uploaded.read(rules.MAX_DOCUMENT_BYTES + 1))

    if _submit(request, form, upload) is not None:
        messages.success(request, _("The document was attached."))
        return redirect(back + "#documents")
    return _form_page(request, form, title=_("Attach a document"), back_url=back, submit=_("Upload"),
                      context={"multipart": True})


@require_POST
def document_remove(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(ApplicationDocument, pk=document_id)
    application = queries.application_for(request.user, document.application_id)
    if not can(request.user, Action.CHANGE, application):
        return _deny(request)
    back = reverse("civic:application", args=[application.pk]) + "#documents"
    try:
        services.document_remove(by=request.user, document=document)
    except (DomainError, ValidationError) as exc:
        return _refusal(request, exc, back)
    messages.success(request, _("The document was removed."))
    return redirect(back)


def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    document = get_object_or_404(ApplicationDocument, pk=document_id)
    queries.application_for(request.user, document.application_id)  # 404 unless the user may see the application
    return stored_file_response(document.file, document.original_name)


def application_history(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    if not (can(request.user, Action.VIEW_HISTORY, application) or queries.may_manage(request.user, application.call)):
        raise Http404
    from tripartite.core.history import history_of

    return render(request, "core/history.html", {
        "object": application, "entries": history_of(application), "back_url": reverse("civic:application", args=[pk]),
    })


def score(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    call = application.call
    evaluator = queries.evaluator_of(request.user, call)
    if evaluator is None:
        return _deny(request)
    back = reverse("civic:application", args=[pk])
    reason = rules.conflict_reason(evaluator, application)
    if reason:
        messages.error(request, _("You cannot score this application: %(reason)s") % {"reason": reason})
        return redirect(back)
    criteria = list(call.criteria.all())
    existing = queries.own_score(request.user, application)
    initial = {f"mark_{k}": v for k, v in (existing.marks if existing else {}).items()}
    if existing:
        initial["comment"] = existing.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    saved = _submit(request, form, lambda data: services.score_record(
        by=request.user, application=application, marks=form.marks(), comment=data.get("comment", "")))
    if saved is not None:
        messages.success(request, _("Your score is recorded: %(total)s of 100.") % {"total": saved.total(criteria)})
        return redirect(back)
    return _form_page(request, form, title=_("Score: %(application)s") % {"application": application}, back_url=back,
                      submit=_("Record score"), context={"intro": _("Give each criterion a whole mark from 0 to 10.")})


def score_history(request: HttpRequest, score_id: int) -> HttpResponse:
    """Every change of a score; people who may not know the evaluators see the pseudonym instead of the name."""
    from tripartite.core.history import history_of

    score_obj = get_object_or_404(Score.objects.select_related("application__call", "evaluator__user"), pk=score_id)
    call = queries.call_for(request.user, score_obj.application.call_id)
    if not queries.visible_scores(request.user, call).filter(pk=score_id).exists():
        raise Http404
    entries = history_of(score_obj)
    if not queries.may_see_evaluator_names(request.user, call):
        entries = [replace(e, who=score_obj.evaluator.pseudonym) for e in entries]
    back = (reverse("civic:application", args=[score_obj.application_id])
            if queries.may_view_application(request.user, score_obj.application)
            else reverse("civic:call", args=[call.pk]) + "#ranking")
    return render(request, "core/history.html", {"object": score_obj, "entries": entries, "back_url": back})


def award_create(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    call = application.call
    if not can(request.user, Action.CREATE, call, kind=Award):
        return _deny(request)
    back = reverse("civic:call", args=[call.pk]) + "#ranking"
    form = AwardForm(request.POST or None, initial={"amount": application.requested_amount, "signed_on": _today()})
    saved = _submit(request, form, lambda data: services.award_create(by=request.user, application=application, **data))
    if saved is not None:
        messages.success(request, _("The contract is recorded."))
        return redirect(back)
    return _form_page(request, form, title=_("Award a contract to %(org)s") % {"org": application.applicant},
                      back_url=back, submit=_("Record the award"))


def concentration(request: HttpRequest) -> HttpResponse:
    return render(request, "civic/concentration.html", {"c": queries.concentration(_today())})


# PPP register --------------------------------------------------------------------------------------------------


def _ppp_partners(user: Any) -> Any:
    bodies = Organisation.objects.filter(kind=OrganisationKind.STATE_BODY)
    return bodies.filter(pk__in=[o.pk for o in bodies if can(user, Action.CREATE, o, kind=PPPContract)])


def ppp_list(request: HttpRequest) -> HttpResponse:
    filter_form = PPPFilterForm(request.GET)
    queryset = queries.ppp_list(user=request.user, **filter_form.filters())
    page = paginate(request, queryset)
    return render(request, "civic/ppp_list.html", {
        "filter_form": filter_form, "page_obj": page, "summary": queries.ppp_summary(queryset),
        "may_create": request.user.is_authenticated and _ppp_partners(request.user).exists(),
        "any_demo": queryset.filter(is_demo=True).exists()
    })


def ppp_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = queries.ppp_for(request.user, pk)
    return render(request, "civic/ppp_detail.html", {
        "object": contract, "may_change": can(request.user, Action.CHANGE, contract),
        "may_history": can(request.user, Action.VIEW_HISTORY, contract)
    })


def ppp_create(request: HttpRequest) -> HttpResponse:
    partners = _ppp_partners(request.user) if request.user.is_authenticated else Organisation.objects.none()
    if not partners.exists():
        return _deny(request)
    form = PPPForm(request.POST or None, partners=partners)
    created = _submit(request, form, lambda data: services.ppp_create(by=request.user, state_partner=data["state_partner"], data=data))
    if created is not None:
        messages.success(request, _("The contract was added to the register."))
        return redirect("civic:ppp", pk=created.pk)
    return _form_page(request, form, title=_("New PPP contract"), back_url=reverse("civic:ppp_list"), submit=_("Create"))


def ppp_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = queries.ppp_for(request.user, pk)
    if not can(request.user, Action.CHANGE, contract):
        return _deny(request)
    partners = Organisation.objects.filter(pk__in=[*_ppp_partners(request.user).values_list("pk", flat=True), contract.state_partner_id])
    form = PPPForm(request.POST or None, instance=contract, partners=partners)
    saved = _submit(request, form, lambda data: services.ppp_update(by=request.user, contract=contract, data=data))
    if saved is not None:
        messages.success(request, _("The changes were saved."))
        return redirect("civic:ppp", pk=pk)
    return _form_page(request, form, title=_("Edit the contract"), back_url=reverse("civic:ppp", args=[pk]), submit=_("Save"))


def ppp_history(request: HttpRequest, pk: int) -> HttpResponse:
    contract = queries.ppp_for(request.user, pk)
    return history_page(request, contract, back_url=reverse("civic:ppp", args=[pk]))


def ppp_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ppp-contracts.csv"'
    queries.write_ppp_csv(response)
    return response


def ppp_json(request: HttpRequest) -> HttpResponse:
    records = [queries.ppp_record(c) for c in queries.open_ppp()]
    body = json.dumps({"count": len(records), "items": records}, cls=DjangoJSONEncoder, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ppp-contracts.json"'
    return response
