"""Pages of the grants app: calls, applications, scoring, awards, the concentration figures and the PPP register."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tripartite.core.errors import DomainError
from tripartite.core.history import history_of
from tripartite.core.pages import add_errors, deny, form_page, permit, refusal_text, save_page, submit
from tripartite.core.policy import Action, can
from tripartite.core.uploads import stored_file_response
from tripartite.core.views import history_page, paginate
from tripartite.grants import queries, rules, services
from tripartite.grants.forms import (
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
from tripartite.grants.models import (
    Application,
    ApplicationDocument,
    Award,
    Call,
    Criterion,
    PPPContract,
    Score,
)
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


def _today() -> Any:
    return timezone.localdate()


def _act(request: HttpRequest, step: Callable[[], Any], *, done: str, back: str, done_url: str = "") -> HttpResponse:
    """A button's step (publish, close, submit, remove): on to `done_url` (else `back`) saying `done`, or back to the
    page with the refusal."""
    try:
        step()
    except (DomainError, ValidationError) as exc:
        messages.error(request, refusal_text(exc))
        return redirect(back)
    messages.success(request, done)
    return redirect(done_url or back)


def _with_current(choices: Any, current_id: int | None) -> Any:
    """The organisations the user may choose, and the one the record has now (kept even if no longer theirs)."""
    return Organisation.objects.filter(pk__in=[*choices.values_list("pk", flat=True), current_id])


# Calls ---------------------------------------------------------------------------------------------------------


def call_list(request: HttpRequest) -> HttpResponse:
    filter_form = CallFilterForm(request.GET)
    today = _today()
    page = paginate(request, queries.call_list(user=request.user, today=today, **filter_form.filters()))
    rows = [(c, c.phase_label(today)) for c in page.object_list]
    may_create = request.user.is_authenticated and queries.issuers_for(request.user).exists()
    my_applications = queries.applications_of_user(request.user) if request.user.is_authenticated else []
    return render(request, "grants/list.html", {
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
    return render(request, "grants/call_detail.html", context)


def call_create(request: HttpRequest) -> HttpResponse:
    issuers = queries.issuers_for(request.user)
    if not request.user.is_authenticated or not issuers.exists():
        return deny(request)
    form = CallForm(request.POST or None, issuers=issuers)
    return save_page(
        request, form, lambda data: services.call_create(by=request.user, **data),
        done=_("The call was saved as a draft. Add its scoring criteria, then publish it."),
        done_url=lambda created: reverse("grants:call", args=[created.pk]), title=_("New call"),
        back_url=reverse("grants:list"), submit=_("Save draft"), on_error=_add_errors,
    )


def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    permit(request, Action.CHANGE, call)
    form = CallForm(request.POST or None, instance=call, issuers=_with_current(queries.issuers_for(request.user), call.issuer_id))
    return save_page(
        request, form, lambda data: services.call_update(by=request.user, call=call, data=data),
        done_url=reverse("grants:call", args=[pk]), title=_("Edit %(name)s") % {"name": call},
        back_url=reverse("grants:call", args=[pk]), submit=_("Save"), on_error=_add_errors,
    )


def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    permit(request, Action.CHANGE, call)
    form = CriterionForm(request.POST or None)
    return save_page(
        request, form, lambda data: services.criterion_add(by=request.user, call=call, **data),
        done=_("The criterion was added."), done_url=reverse("grants:call", args=[pk]) + "#criteria",
        title=_("New scoring criterion"), back_url=reverse("grants:call", args=[pk]), submit=_("Add"),
        intro=_("The weights of all criteria must add up to 100 (now %(total)d).") % {"total": queries.criteria_weight(call)},
        on_error=_add_errors,
    )


@require_POST
def criterion_remove(request: HttpRequest, criterion_id: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion.objects.select_related("call"), pk=criterion_id)
    call = queries.call_for(request.user, criterion.call_id)
    permit(request, Action.CHANGE, call)
    return _act(request, lambda: services.criterion_remove(by=request.user, criterion=criterion),
                done=_("The criterion was removed."), back=reverse("grants:call", args=[call.pk]) + "#criteria")


def evaluator_add(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    permit(request, Action.CHANGE, call)
    form = EvaluatorForm(request.POST or None)
    return save_page(
        request, form, lambda data: services.evaluator_add(by=request.user, call=call, user=data["username"]),
        done=lambda added: _("%(user)s is now %(pseudonym)s of this call.") % {"user": added.user, "pseudonym": added.pseudonym},
        done_url=reverse("grants:call", args=[pk]) + "#evaluators", title=_("Add an evaluator"),
        back_url=reverse("grants:call", args=[pk]), submit=_("Add"), on_error=_add_errors,
    )


@require_POST
def call_publish(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    permit(request, Action.CHANGE, call)
    return _act(request, lambda: services.call_publish(by=request.user, call=call),
                done=_("The call is published."), back=reverse("grants:call", args=[pk]))


@require_POST
def call_close(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    permit(request, Action.CHANGE, call)
    back = reverse("grants:call", args=[pk])
    return _act(request, lambda: services.call_close(by=request.user, call=call),
                done=_("The call is closed; the ranking and the scores are published."), back=back, done_url=back + "#ranking")


def call_history(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    return history_page(request, call, back_url=reverse("grants:call", args=[pk]))


def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    call = queries.call_for(request.user, pk)
    evaluator = queries.evaluator_of(request.user, call)
    if evaluator is None:
        return deny(request)
    organisations = Organisation.objects.filter(
        grant_applications__call=call, grant_applications__status=Application.Status.SUBMITTED
    ).distinct().order_by("name_ru", "id")
    form = DeclarationForm(request.POST or None, organisations=organisations)
    done = _submit(request, form, lambda data: services.conflicts_declare(
        by=request.user, call=call, ties=[(org, data["note"]) for org in data["organisations"]]))
    if done is not None:
        messages.success(request, _("Your declaration of conflicts of interest is recorded."))
        return redirect("grants:call", pk=pk)
    declared = [d.organisation.name for d in evaluator.declarations.select_related("organisation")]
    intro = _("Declared so far: %(list)s.") % {"list": ", ".join(declared)} if declared else ""
    return form_page(request, form, title=_("Conflicts of interest: %(call)s") % {"call": call},
                     back_url=reverse("grants:call", args=[pk]), submit=_("Declare"), intro=intro)


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
        return deny(request)
    initial: dict[str, Any] = {}
    chosen = request.GET.get("applicant", "")
    if chosen.isdigit() and applicants.filter(pk=int(chosen)).exists():
        initial["applicant"] = int(chosen)  # ?applicant=<id> chooses the organisation and fills in its register data
    form = ApplicationForm(request.POST or None, applicants=applicants, initial=initial)

    def create(data: dict[str, Any]) -> Application:
        applicant = data["applicant"]
        fields, regions, lines = _application_kwargs(data)
        return services.application_create(by=request.user, call=call, applicant=applicant, regions=regions, lines=lines, **fields)

    return save_page(
        request, form, create,
        done=_("The application was saved. Attach the documents, then submit it."),
        done_url=lambda created: reverse("grants:application", args=[created.pk]),
        title=_("Apply to %(call)s") % {"call": call}, back_url=reverse("grants:call", args=[pk]),
        submit=_("Save application"), on_error=_add_errors,
    )


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
    return render(request, "grants/application_detail.html", {
        "object": application, "call": call, "reasons": queries.eligibility(application),
        "registered_in_register": application.applicant.registered_on,
        "lines": list(application.budget_lines.all()), "documents": list(application.documents.all()),
        "regions": list(application.regions.all()),
        "may_change": may_change, "evaluator": evaluator, "conflict": conflict,
        "may_score": evaluator is not None and call.phase_on(today) == Call.Phase.EVALUATION
        and application.status == Application.Status.SUBMITTED,
        "own_score": queries.own_score(user, application), "scores": scores,
        "may_history": queries.may_see_application_history(user, application),
        "document_form": DocumentForm() if may_change else None
    })


def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    permit(request, Action.CHANGE, application)
    back = reverse("grants:application", args=[pk])
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
    return form_page(request, form, title=_("Edit the application"), back_url=back, submit=_("Save"))


@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    permit(request, Action.CHANGE, application)
    return _act(request, lambda: services.application_submit(by=request.user, application=application),
                done=_("The application is submitted."), back=reverse("grants:application", args=[pk]))


def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    permit(request, Action.CHANGE, application)
    back = reverse("grants:application", args=[pk])
    form = DocumentForm(request.POST or None, request.FILES or None)

    def upload(data: dict[str, Any]) -> ApplicationDocument:
        uploaded = data["file"]
        return services.document_add(by=request.user, application=application, kind=data["kind"], name=uploaded.name,
                                     content=uploaded.read(rules.MAX_DOCUMENT_BYTES + 1))

    return save_page(
        request, form, upload,
        done=_("The document was attached."), done_url=back + "#documents", title=_("Attach a document"),
        back_url=back, submit=_("Upload"), on_error=_add_errors,
    )


@require_POST
def document_remove(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(ApplicationDocument, pk=document_id)
    application = queries.application_for(request.user, document.application_id)
    permit(request, Action.CHANGE, application)
    return _act(request, lambda: services.document_remove(by=request.user, document=document),
                done=_("The document was removed."), back=reverse("grants:application", args=[application.pk]) + "#documents")


def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    document = get_object_or_404(ApplicationDocument, pk=document_id)
    queries.application_for(request.user, document.application_id)  # 404 unless the user may see the application
    return stored_file_response(document.file, document.original_name)


def application_history(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    if not queries.may_see_application_history(request.user, application):
        raise Http404
    return render(request, "core/history.html", {
        "object": application, "entries": history_of(application), "back_url": reverse("grants:application", args=[pk]),
    })


def score(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    call = application.call
    evaluator = queries.evaluator_of(request.user, call)
    if evaluator is None:
        return deny(request)
    back = reverse("grants:application", args=[pk])
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
    return save_page(
        request, form, lambda data: services.score_record( by=request.user, application=application, marks=form.marks(), comment=data.get("comment", "")),
        done=lambda saved: _("Your score is recorded: %(total)s of 100.") % {"total": saved.total(criteria)},
        done_url=back, title=_("Score: %(application)s") % {"application": application}, back_url=back,
        submit=_("Record score"), intro=_("Give each criterion a whole mark from 0 to 10."),
        on_error=_add_errors,
    )


def score_history(request: HttpRequest, score_id: int) -> HttpResponse:
    """Every change of a score; people who may not know the evaluators see the pseudonym instead of the name."""
    score_obj = get_object_or_404(Score.objects.select_related("application__call", "evaluator__user"), pk=score_id)
    call = queries.call_for(request.user, score_obj.application.call_id)
    if not queries.visible_scores(request.user, call).filter(pk=score_id).exists():
        raise Http404
    entries = history_of(score_obj)
    if not queries.may_see_evaluator_names(request.user, call):
        entries = [replace(e, who=score_obj.evaluator.pseudonym) for e in entries]
    back = (reverse("grants:application", args=[score_obj.application_id])
            if queries.may_view_application(request.user, score_obj.application)
            else reverse("grants:call", args=[call.pk]) + "#ranking")
    return render(request, "core/history.html", {"object": score_obj, "entries": entries, "back_url": back})


def award_create(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_for(request.user, pk)
    call = application.call
    permit(request, Action.CREATE, call, kind=Award)
    back = reverse("grants:call", args=[call.pk]) + "#ranking"
    form = AwardForm(request.POST or None, initial={"amount": application.requested_amount, "signed_on": _today()})
    return save_page(
        request, form, lambda data: services.award_create(by=request.user, application=application, **data),
        done=_("The contract is recorded."), done_url=back,
        title=_("Award a contract to %(org)s") % {"org": application.applicant}, back_url=back,
        submit=_("Record the award"), on_error=_add_errors,
    )


def concentration(request: HttpRequest) -> HttpResponse:
    return render(request, "grants/concentration.html", {"c": queries.concentration(_today())})


# PPP register --------------------------------------------------------------------------------------------------


def _ppp_partners(user: Any) -> Any:
    bodies = Organisation.objects.filter(kind=OrganisationKind.STATE_BODY)
    return bodies.filter(pk__in=[o.pk for o in bodies if can(user, Action.CREATE, o, kind=PPPContract)])


def ppp_list(request: HttpRequest) -> HttpResponse:
    filter_form = PPPFilterForm(request.GET)
    queryset = queries.ppp_list(user=request.user, **filter_form.filters())
    page = paginate(request, queryset)
    return render(request, "grants/ppp_list.html", {
        "filter_form": filter_form, "page_obj": page, "summary": queries.ppp_summary(queryset),
        "may_create": request.user.is_authenticated and _ppp_partners(request.user).exists(),
        "any_demo": queryset.filter(is_demo=True).exists()
    })


def ppp_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = queries.ppp_for(request.user, pk)
    return render(request, "grants/ppp_detail.html", {
        "object": contract, "may_change": can(request.user, Action.CHANGE, contract),
        "may_history": can(request.user, Action.VIEW_HISTORY, contract)
    })


def ppp_create(request: HttpRequest) -> HttpResponse:
    partners = _ppp_partners(request.user) if request.user.is_authenticated else Organisation.objects.none()
    if not partners.exists():
        return deny(request)
    form = PPPForm(request.POST or None, partners=partners)
    return save_page(
        request, form, lambda data: services.ppp_create(by=request.user, state_partner=data["state_partner"], data=data),
        done=_("The contract was added to the register."),
        done_url=lambda created: reverse("grants:ppp", args=[created.pk]), title=_("New PPP contract"),
        back_url=reverse("grants:ppp_list"), submit=_("Create"), on_error=_add_errors,
    )


def ppp_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = queries.ppp_for(request.user, pk)
    permit(request, Action.CHANGE, contract)
    form = PPPForm(request.POST or None, instance=contract,
                   partners=_with_current(_ppp_partners(request.user), contract.state_partner_id))
    return save_page(
        request, form, lambda data: services.ppp_update(by=request.user, contract=contract, data=data),
        done_url=reverse("grants:ppp", args=[pk]), title=_("Edit the contract"),
        back_url=reverse("grants:ppp", args=[pk]), submit=_("Save"), on_error=_add_errors,
    )


def ppp_history(request: HttpRequest, pk: int) -> HttpResponse:
    contract = queries.ppp_for(request.user, pk)
    return history_page(request, contract, back_url=reverse("grants:ppp", args=[pk]))


def moved_address(request: HttpRequest, rest: str) -> HttpResponse:
    """A page's address from before the app was renamed: the same page under /grants/, permanently (301)."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(reverse("grants:list") + escape_uri_path(rest) + (f"?{query}" if query else ""))


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
