"""Pages of the disputes app: thin views that parse a form, call one service or query, and render."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tripartite.core.errors import DomainError
from tripartite.core.history import history_of
from tripartite.core.i18n import localized_text
from tripartite.core.jurisdiction import current_pack
from tripartite.core.pages import add_errors, confirm_page, delete_page, deny, form_page, save_page
from tripartite.core.pages import submit as _submit
from tripartite.core.uploads import MAX_DOCUMENT_BYTES, stored_file_response
from tripartite.core.views import paginate
from tripartite.disputes import access, queries, services
from tripartite.disputes.forms import (
    AdvanceForm,
    AssignForm,
    DeadlineFilterForm,
    DemandForm,
    DemandStatusForm,
    DisputeFilterForm,
    DisputeForm,
    DocumentForm,
    EmploymentForm,
    ParticipantForm,
    SessionForm,
    StepForm,
    StrikeForm,
)
from tripartite.disputes.models import (
    Demand,
    Dispute,
    Document,
    Participant,
    SectorEmployment,
    Session,
    Strike,
)

DisputeRecord = TypeVar("DisputeRecord", Demand, Document)
StageRecord = TypeVar("StageRecord", Participant, Session)


def _dispute(request: HttpRequest, pk: int, *, act: bool = False) -> Dispute:
    dispute = queries.dispute_for(request.user, pk)
    if act and not access.may_act(request.user, dispute):
        raise PermissionDenied
    return dispute


def _back(dispute: Dispute, anchor: str = "") -> str:
    return reverse("disputes:detail", args=[dispute.pk]) + (f"#{anchor}" if anchor else "")


# Lists and the file ---------------------------------------------------------------------------------------------


def dispute_list(request: HttpRequest) -> HttpResponse:
    filter_form = DisputeFilterForm(request.GET)
    today = timezone.localdate()
    page = paginate(request, queries.dispute_list(user=request.user, today=today, **filter_form.filters()))
    return render(request, "disputes/list.html", {
        "filter_form": filter_form, "page_obj": page, "may_create": access.may_create_any(request.user),
    })


def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk)
    file = queries.dispute_file(dispute, timezone.localdate())
    user = request.user
    return render(request, "disputes/detail.html", {
        "object": dispute, "file": file, "may_act": access.may_act(user, dispute) and not dispute.is_closed,
        "may_assign": access.may_assign_conciliators(user, dispute),
        "open_strike": next((s for s in file.strikes if s.ended_on is None), None),
        "conciliators": list(dispute.conciliators.all()),
    })


def dispute_create(request: HttpRequest) -> HttpResponse:
    if not access.may_create_any(request.user):
        return deny(request)
    form = DisputeForm(request.POST or None)

    def create(_data: dict[str, Any]) -> Dispute:
        data, demands = form.split()
        return services.dispute_create(by=request.user, demands=demands, **data)

    return save_page(
        request, form, create,
        done=_("The dispute was registered."),
        done_url=lambda created: reverse("disputes:detail", args=[created.pk]),
        title=_("Register a collective labour dispute"), back_url=reverse("disputes:list"),
        submit=_("Register"),
    )


def dispute_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk, act=True)
    form = DisputeForm(request.POST or None, instance=dispute, with_demands=False)

    def update(data: dict[str, Any]) -> Dispute:
        data.pop("employer", None)
        return services.dispute_update(dispute=dispute, by=request.user, data=data)

    return save_page(
        request, form, update,
        done_url=_back(dispute), title=_("Edit %(name)s") % {"name": dispute}, back_url=_back(dispute),
        submit=_("Save"),
    )


def dispute_history(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk)
    return render(request, "core/history.html",
                  {"object": dispute, "entries": history_of(dispute), "back_url": _back(dispute)})


# Moves and records ---------------------------------------------------------------------------------------------


def dispute_advance(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk, act=True)
    file_stages = [(s.code, localized_text(s.name)) for s in current_pack().dispute_procedure.next_stages(dispute.stage)] \
        if not dispute.is_closed else []
    initial = {"on": timezone.localdate(), "to_stage": request.GET.get("to", "")}
    form = AdvanceForm(request.POST or None, dispute=dispute, stages=file_stages, initial=initial)
    def advance(data: dict[str, Any]) -> Dispute:
        return services.dispute_advance(dispute=dispute, by=request.user, to_stage=data["to_stage"], on=data["on"],
                                        decision=data["decision"], note=data["note"],
                                        demand_statuses=form.demand_statuses())

    if _submit(request, form, advance) is not None:
        messages.success(request, _("The dispute moved to “%(stage)s”.") % {"stage": dispute.stage_name})
        return redirect(_back(dispute))
    intro = _("Current stage: %(stage)s.") % {"stage": dispute.stage_name}
    return form_page(request, form, title=_("Move the dispute to another stage"), back_url=_back(dispute),
                      submit=_("Move"), intro=intro)


def step_record(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk, act=True)
    form = StepForm(request.POST or None, steps=services.recordable_steps(dispute),
                    initial={"on": timezone.localdate(), "step": request.GET.get("step", "")})
    return save_page(
        request, form, lambda d: services.step_record(dispute=dispute, by=request.user, **d),
        done=_("The step was recorded."), done_url=_back(dispute, "deadlines"),
        title=_("Record a step of the procedure"), back_url=_back(dispute), submit=_("Record"),
    )


def demand_add(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk, act=True)
    form = DemandForm(request.POST or None)
    return save_page(
        request, form, lambda d: services.demand_add(dispute=dispute, by=request.user, **d),
        done=_("The demand was added."), done_url=_back(dispute, "demands"), title=_("Add a demand"),
        back_url=_back(dispute), submit=_("Add"),
    )


def demand_status(request: HttpRequest, demand_id: int) -> HttpResponse:
    demand = get_object_or_404(Demand.objects.select_related("dispute"), pk=demand_id)
    dispute = _dispute(request, demand.dispute_id, act=True)
    form = DemandStatusForm(request.POST or None, initial={"status": demand.status, "note": demand.note})
    return save_page(
        request, form, lambda d: services.demand_set_status(demand=demand, by=request.user, **d),
        done_url=_back(dispute, "demands"), title=_("Demand %(number)s") % {"number": demand.number},
        back_url=_back(dispute), submit=_("Save"), intro=demand.text,
    )


def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk, act=True)
    form = DocumentForm(request.POST or None, request.FILES or None,
                        initial={"dated": timezone.localdate(), "code": request.GET.get("code", "")})

    def record(data: dict[str, Any]) -> Document:
        uploaded = data.pop("file", None)
        if uploaded is not None:
            # One byte over the limit is enough for the check to refuse a file that is too large.
            data.update(file_name=uploaded.name, content=uploaded.read(MAX_DOCUMENT_BYTES + 1))
        return services.document_add(dispute=dispute, by=request.user, **data)

    return save_page(
        request, form, record,
        done=_("The document was recorded."), done_url=_back(dispute, "documents"),
        title=_("Record a document"), back_url=_back(dispute), submit=_("Record"),
    )


def document_file(request: HttpRequest, document_id: int) -> FileResponse:
    """The document's file, for those who may read the dispute; a 404 for anyone else (as for the dispute)."""
    document = get_object_or_404(Document, pk=document_id)
    _dispute(request, document.dispute_id)
    return stored_file_response(document.file, document.file_name)


def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk, act=True)
    form = ParticipantForm(request.POST or None)
    return save_page(
        request, form, lambda d: services.participant_add(dispute=dispute, by=request.user, **d),
        done=_("The participant was added."), done_url=_back(dispute, "stages"),
        title=_("Add a participant to the current stage"), back_url=_back(dispute), submit=_("Add"),
    )


def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk, act=True)
    form = SessionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    return save_page(
        request, form, lambda d: services.session_add(dispute=dispute, by=request.user, **d),
        done=_("The session was recorded."), done_url=_back(dispute, "stages"), title=_("Record a session"),
        back_url=_back(dispute), submit=_("Record"),
    )


# Corrections: edit and remove demands, documents, participants, sessions -------------------------------------


def _closed(request: HttpRequest, dispute: Dispute, title: str) -> HttpResponse | None:
    """The refusal page (409) when the dispute is closed: its file is final."""
    if not dispute.is_closed:
        return None
    message = _("The dispute is closed (%(stage)s): its records can no longer be changed.") % {
        "stage": dispute.stage_name}
    return confirm_page(request, title=title, back_url=_back(dispute), error=message)


def _correct(request: HttpRequest, dispute: Dispute, form: forms.BaseForm, call: Any, *, title: str,
             anchor: str, done: str, intro: str = "") -> HttpResponse:
    """An edit page: the form, saved by ``call``; a refusal goes back onto the form (409 for a conflict)."""
    refused = _closed(request, dispute, title)
    if refused is not None:
        return refused
    conflict: list[int] = []

    def on_error(form: forms.BaseForm, exc: Exception) -> None:
        if isinstance(exc, DomainError) and exc.status == 409:
            conflict.append(409)
        add_errors(form, exc)

    if _submit(request, form, call, on_error=on_error) is not None:
        messages.success(request, done)
        return redirect(_back(dispute, anchor))
    response = form_page(request, form, title=title, back_url=_back(dispute, anchor), submit=_("Save"), intro=intro)
    if conflict:
        response.status_code = 409
    return response


def _remove(request: HttpRequest, dispute: Dispute, remove: Any, *, title: str, what: str, anchor: str,
            done: str) -> HttpResponse:
    """Confirm (GET) and remove (POST, CSRF-checked); a refusal is shown (409), nothing removed."""
    refused = _closed(request, dispute, title)
    if refused is not None:
        return refused
    back_url = _back(dispute, anchor)
    return delete_page(request, obj=None, delete=remove, title=title, back_url=back_url, done_url=back_url,
                       done=done, what=what,
                       note=_("The deletion is recorded on the dispute's timeline and in its history."))


def _record_of_dispute(request: HttpRequest, model: type[DisputeRecord], pk: int) -> tuple[DisputeRecord, Dispute]:
    """A demand or a document, and its dispute, on which the user must be able to act."""
    record = get_object_or_404(model, pk=pk)
    return record, _dispute(request, record.dispute_id, act=True)


def _record_of_stage(request: HttpRequest, model: type[StageRecord], pk: int) -> tuple[StageRecord, Dispute]:
    """A participant or a session of a stage, and its dispute, on which the user must be able to act."""
    record = get_object_or_404(model.objects.select_related("period"), pk=pk)
    return record, _dispute(request, record.period.dispute_id, act=True)


def demand_edit(request: HttpRequest, demand_id: int) -> HttpResponse:
    demand, dispute = _record_of_dispute(request, Demand, demand_id)
    form = DemandForm(request.POST or None, initial={"topic": demand.topic, "text": demand.text})
    return _correct(request, dispute, form,
                    lambda d: services.demand_update(demand=demand, by=request.user, data=d),
                    title=_("Correct demand %(number)s") % {"number": demand.number}, anchor="demands",
                    done=_("The demand was corrected."))


@require_http_methods(["GET", "POST"])
def demand_remove(request: HttpRequest, demand_id: int) -> HttpResponse:
    demand, dispute = _record_of_dispute(request, Demand, demand_id)
    return _remove(request, dispute, lambda: services.demand_remove(demand=demand, by=request.user),
                   title=_("Delete demand %(number)s?") % {"number": demand.number}, what=demand.text,
                   anchor="demands", done=_("The demand was deleted."))


def document_edit(request: HttpRequest, document_id: int) -> HttpResponse:
    document, dispute = _record_of_dispute(request, Document, document_id)
    initial = {f: getattr(document, f) for f in services.DOCUMENT_FIELDS}
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial,
                        with_file=document.file_name if document.file else "")

    def correct(data: dict[str, Any]) -> Document:
        uploaded, remove_file = data.pop("file", None), data.pop("remove_file", False)
        upload: dict[str, Any] = {}
        if uploaded is not None:
            upload = {"file_name": uploaded.name, "content": uploaded.read(MAX_DOCUMENT_BYTES + 1)}
        return services.document_update(document=document, by=request.user, data=data, remove_file=remove_file,
                                        **upload)

    return _correct(request, dispute, form, correct, title=_("Correct the document"), anchor="documents",
                    done=_("The document was corrected."), intro=document.name)


@require_http_methods(["GET", "POST"])
def document_remove(request: HttpRequest, document_id: int) -> HttpResponse:
    document, dispute = _record_of_dispute(request, Document, document_id)
    what = document.name + (f" — {document.file_name}" if document.file else "")
    return _remove(request, dispute, lambda: services.document_remove(document=document, by=request.user),
                   title=_("Delete the document?"), what=what, anchor="documents",
                   done=_("The document was deleted."))


def participant_edit(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant, dispute = _record_of_stage(request, Participant, participant_id)
    form = ParticipantForm(request.POST or None,
                           initial={f: getattr(participant, f) for f in services.PARTICIPANT_FIELDS})
    return _correct(request, dispute, form,
                    lambda d: services.participant_update(participant=participant, by=request.user, data=d),
                    title=_("Correct a participant"), anchor="stages", done=_("The participant was corrected."),
                    intro=participant.period.stage_name)


@require_http_methods(["GET", "POST"])
def participant_remove(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant, dispute = _record_of_stage(request, Participant, participant_id)
    return _remove(request, dispute, lambda: services.participant_remove(participant=participant, by=request.user),
                   title=_("Delete the participant?"), what=str(participant), anchor="stages",
                   done=_("The participant was deleted."))


def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session, dispute = _record_of_stage(request, Session, session_id)
    form = SessionForm(request.POST or None, initial={f: getattr(session, f) for f in services.SESSION_FIELDS})
    return _correct(request, dispute, form,
                    lambda d: services.session_update(session=session, by=request.user, data=d),
                    title=_("Correct the session of %(date)s") % {"date": session.held_on.isoformat()},
                    anchor="stages", done=_("The session was corrected."),
                    intro=_("A postponed sitting: enter the day it was actually held."))


@require_http_methods(["GET", "POST"])
def session_remove(request: HttpRequest, session_id: int) -> HttpResponse:
    session, dispute = _record_of_stage(request, Session, session_id)
    return _remove(request, dispute, lambda: services.session_remove(session=session, by=request.user),
                   title=_("Delete the session of %(date)s?") % {"date": session.held_on.isoformat()},
                   what=session.minutes, anchor="stages", done=_("The session was deleted."))


def strike_edit(request: HttpRequest, strike_id: int) -> HttpResponse:
    strike = get_object_or_404(Strike.objects.select_related("dispute"), pk=strike_id)
    dispute = _dispute(request, strike.dispute_id, act=True)
    initial = {f: getattr(strike, f) for f in services.STRIKE_FIELDS}
    form = StrikeForm(request.POST or None, initial=initial)
    return save_page(
        request, form, lambda d: services.strike_update(strike=strike, by=request.user, data=d),
        done_url=_back(dispute, "strikes"), title=str(strike), back_url=_back(dispute), submit=_("Save"),
    )


def conciliator_assign(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = _dispute(request, pk)
    if not access.may_assign_conciliators(request.user, dispute):
        raise PermissionDenied
    form = AssignForm(request.POST or None)
    return save_page(
        request, form, lambda d: services.conciliator_assign(dispute=dispute, by=request.user, **d),
        done=_("The conciliator was assigned."), done_url=_back(dispute), title=_("Assign a conciliator"),
        back_url=_back(dispute), submit=_("Assign"),
    )


# Across disputes ---------------------------------------------------------------------------------------------------


def deadlines(request: HttpRequest) -> HttpResponse:
    """Open deadlines of every open dispute the visitor may read, soonest first."""
    if not request.user.is_authenticated:
        return deny(request)
    form = DeadlineFilterForm(request.GET)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    rows = queries.deadline_list(user=request.user, today=timezone.localdate(), status=status)
    return render(request, "disputes/deadlines.html", {"filter_form": form, "rows": rows})


def summary(request: HttpRequest) -> HttpResponse:
    """Public: aggregates only (no dispute is identified)."""
    today = timezone.localdate()
    return render(request, "disputes/summary.html", {
        "summary": queries.summary(today), "strikes": queries.strike_statistics(today),
        "may_enter_employees": access.may_manage_statistics(request.user),
    })


def procedure(request: HttpRequest) -> HttpResponse:
    """Public: the procedure of the jurisdiction pack, with each rule's source and whether it is verified."""
    pack = current_pack()
    proc = pack.dispute_procedure
    if proc is None:
        raise Http404
    today = timezone.localdate()
    deadlines_today = proc.deadlines_started_on(pack, today)
    return render(request, "disputes/procedure.html", {
        "procedure": proc, "stages": sorted(proc.stages, key=lambda s: s.order), "deadlines": deadlines_today,
        "today": today,
    })


def employment(request: HttpRequest) -> HttpResponse:
    """Employees per sector and year: the denominator of strike rates (entered by the inspectorate)."""
    if not access.may_manage_statistics(request.user):
        return deny(request)
    form = EmploymentForm(request.POST or None)
    if _submit(request, form, lambda d: services.sector_employment_set(by=request.user, **d)) is not None:
        messages.success(request, _("The figure was saved."))
        return redirect("disputes:employment")
    rows = SectorEmployment.objects.select_related("sector")
    status = 422 if request.method == "POST" and form.errors else 200
    return render(request, "disputes/employment.html", {"form": form, "rows": rows}, status=status)
