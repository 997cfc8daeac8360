"""Pages of the commissions app: thin views that parse a form, call one service or query, and render."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tripartite.commissions import queries, services
from tripartite.commissions.forms import (
    AgendaItemForm,
    CommissionFilterForm,
    CommissionForm,
    DecisionFilterForm,
    DecisionForm,
    MarkDoneForm,
    MeetingForm,
    MemberForm,
    organisations_for_members,
)
from tripartite.commissions.models import AgendaItem, CommissionMember, Decision, Meeting
from tripartite.core.links import with_links
from tripartite.core.pages import delete_page, deny, permit, save_page
from tripartite.core.policy import Action, can
from tripartite.core.views import history_page, paginate
from tripartite.partners.models import Organisation

# Commissions ------------------------------------------------------------------------------------------------


def commission_list(request: HttpRequest) -> HttpResponse:
    filter_form = CommissionFilterForm(request.GET)
    filters = filter_form.filters()
    today = timezone.localdate()
    page = paginate(request, queries.commission_list(user=request.user, today=today, **filters))
    rows = [queries.summarize(c, today) for c in page.object_list]
    may_create = queries.secretariats_for(request.user).exists() if request.user.is_authenticated else False
    return render(
        request, "commissions/list.html",
        {"filter_form": filter_form, "page_obj": page, "rows": rows, "may_create": may_create},
    )


def commission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commission = queries.commission_for(request.user, pk)
    detail = queries.commission_detail(commission=commission, today=timezone.localdate())
    user = request.user
    return render(request, "commissions/detail.html", {
        "object": commission, "detail": detail, "row": detail.row,
        "may_change": can(user, Action.CHANGE, commission),
        "may_delete": can(user, Action.DELETE, commission),
        "may_history": can(user, Action.VIEW_HISTORY, commission),
        "may_add_member": can(user, Action.CREATE, commission, kind=CommissionMember),
        "may_add_meeting": can(user, Action.CREATE, commission, kind=Meeting),
    })


def commission_create(request: HttpRequest) -> HttpResponse:
    secretariats = queries.secretariats_for(request.user)
    if not request.user.is_authenticated or not secretariats.exists():
        return deny(request)
    form = CommissionForm(request.POST or None, secretariats=secretariats)
    return save_page(
        request, form, lambda data: services.commission_create(by=request.user, **data),
        done=_("The commission was registered."),
        done_url=lambda created: reverse("commissions:detail", args=[created.pk]), title=_("New commission"),
        back_url=reverse("commissions:list"), submit=_("Create"),
    )


def commission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commission = queries.commission_for(request.user, pk)
    permit(request, Action.CHANGE, commission)
    secretariats = Organisation.objects.filter(
        Q(pk__in=queries.secretariats_for(request.user).values("pk")) | Q(pk=commission.secretariat_id)
    )
    form = CommissionForm(request.POST or None, instance=commission, secretariats=secretariats)
    return save_page(
        request, form, lambda data: services.commission_update(commission=commission, by=request.user, data=data),
        done_url=reverse("commissions:detail", args=[pk]), title=_("Edit %(name)s") % {"name": commission},
        back_url=reverse("commissions:detail", args=[pk]), submit=_("Save"),
    )


def commission_delete(request: HttpRequest, pk: int) -> HttpResponse:
    commission = queries.commission_for(request.user, pk)
    permit(request, Action.DELETE, commission)
    return delete_page(
        request, obj=commission, delete=lambda: services.commission_delete(commission=commission, by=request.user),
        title=_("Delete the commission"), back_url=reverse("commissions:detail", args=[pk]),
        done_url=reverse("commissions:list"), done=_("The commission was deleted."),
    )


def commission_history(request: HttpRequest, pk: int) -> HttpResponse:
    commission = queries.commission_for(request.user, pk)
    return history_page(request, commission, back_url=reverse("commissions:detail", args=[pk]))


# Members ----------------------------------------------------------------------------------------------------


def _member(request: HttpRequest, member_id: int) -> CommissionMember:
    return get_object_or_404(queries.visible_members(request.user), pk=member_id)


def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    commission = queries.commission_for(request.user, pk)
    permit(request, Action.CREATE, commission, kind=CommissionMember)
    form = MemberForm(request.POST or None, organisations=organisations_for_members())
    return save_page(
        request, form, lambda data: services.member_add(by=request.user, commission=commission, **data),
        done=lambda added: _("%(name)s was added to the commission.") % {"name": added.person_name},
        done_url=reverse("commissions:detail", args=[pk]) + "#members",
        title=_("Add a member to %(name)s") % {"name": commission},
        back_url=reverse("commissions:detail", args=[pk]), submit=_("Add member"),
    )


def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    permit(request, Action.CHANGE, member)
    back = reverse("commissions:detail", args=[member.commission_id]) + "#members"
    form = MemberForm(request.POST or None, instance=member, organisations=organisations_for_members())
    return save_page(
        request, form, lambda data: services.member_update(member=member, by=request.user, data=data),
        done_url=back, title=_("Edit member %(name)s") % {"name": member.person_name}, back_url=back,
        submit=_("Save"), context={"history_url": reverse("commissions:member_history", args=[member.pk])},
    )


def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    permit(request, Action.DELETE, member)
    back = reverse("commissions:detail", args=[member.commission_id]) + "#members"
    return delete_page(
        request, obj=member, delete=lambda: services.member_remove(member=member, by=request.user),
        title=_("Remove the member"), back_url=back, done_url=back,
        done=_("%(name)s was removed from the commission.") % {"name": member.person_name},
    )


def member_history(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    return history_page(request, member, back_url=reverse("commissions:detail", args=[member.commission_id]))


# Meetings and agenda ----------------------------------------------------------------------------------------


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return get_object_or_404(queries.visible_meetings(request.user), pk=meeting_id)


def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    commission = queries.commission_for(request.user, pk)
    permit(request, Action.CREATE, commission, kind=Meeting)
    form = MeetingForm(request.POST or None)
    return save_page(
        request, form, lambda data: services.meeting_create(by=request.user, commission=commission, **data),
        done=_("The meeting was added."),
        done_url=lambda created: reverse("commissions:meeting", args=[created.pk]),
        title=_("New meeting of %(name)s") % {"name": commission},
        back_url=reverse("commissions:detail", args=[pk]), submit=_("Create"),
    )


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    user = request.user
    return render(request, "commissions/meeting.html", {
        "object": meeting, "commission": meeting.commission,
        "agenda": with_links(user, meeting.agenda_items.all()),
        "decisions": queries.meeting_detail_decisions(meeting, timezone.localdate()),
        "may_change": can(user, Action.CHANGE, meeting),
        "may_delete": can(user, Action.DELETE, meeting),
        "may_history": can(user, Action.VIEW_HISTORY, meeting),
        "may_add_item": can(user, Action.CREATE, meeting, kind=AgendaItem),
        "may_add_decision": can(user, Action.CREATE, meeting, kind=Decision),
    })


def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    permit(request, Action.CHANGE, meeting)
    back = reverse("commissions:meeting", args=[meeting.pk])
    form = MeetingForm(request.POST or None, instance=meeting)
    return save_page(
        request, form, lambda data: services.meeting_update(meeting=meeting, by=request.user, data=data),
        done_url=back, title=_("Edit the meeting"), back_url=back, submit=_("Save"),
    )


def meeting_delete(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    permit(request, Action.DELETE, meeting)
    return delete_page(
        request, obj=meeting, delete=lambda: services.meeting_delete(meeting=meeting, by=request.user),
        title=_("Delete the meeting"), back_url=reverse("commissions:meeting", args=[meeting.pk]),
        done_url=reverse("commissions:detail", args=[meeting.commission_id]), done=_("The meeting was deleted."),
    )


def meeting_history(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return history_page(request, meeting, back_url=reverse("commissions:meeting", args=[meeting.pk]))


def agenda_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    permit(request, Action.CREATE, meeting, kind=AgendaItem)
    back = reverse("commissions:meeting", args=[meeting.pk])
    form = AgendaItemForm(request.POST or None)
    return save_page(
        request, form, lambda data: services.agenda_item_add(by=request.user, meeting=meeting, **data),
        done=_("The agenda item was added."), done_url=back, title=_("New agenda item"), back_url=back,
        submit=_("Add"),
    )


def agenda_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(queries.visible_agenda_items(request.user), pk=item_id)
    permit(request, Action.CHANGE, item)
    back = reverse("commissions:meeting", args=[item.meeting_id])

    def update(data: dict[str, Any]) -> AgendaItem:
        if data.get("number") is None:
            data["number"] = item.number
        return services.agenda_item_update(item=item, by=request.user, data=data)

    form = AgendaItemForm(request.POST or None, instance=item)
    return save_page(
        request, form, update,
        done_url=back, title=_("Edit the agenda item"), back_url=back, submit=_("Save"),
    )


def agenda_delete(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(queries.visible_agenda_items(request.user), pk=item_id)
    permit(request, Action.DELETE, item)
    back = reverse("commissions:meeting", args=[item.meeting_id])
    return delete_page(
        request, obj=item, delete=lambda: services.agenda_item_delete(item=item, by=request.user),
        title=_("Delete the agenda item"), back_url=back, done_url=back, done=_("The agenda item was deleted."),
    )


# Decisions --------------------------------------------------------------------------------------------------


def _decision(request: HttpRequest, decision_id: int) -> Decision:
    return get_object_or_404(queries.visible_decisions(request.user), pk=decision_id)


def decision_create(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    permit(request, Action.CREATE, meeting, kind=Decision)
    back = reverse("commissions:meeting", args=[meeting.pk])
    form = DecisionForm(request.POST or None, instance=Decision(meeting=meeting), meeting=meeting)

    def create(data: dict[str, Any]) -> Decision:
        done_on, note = data.pop("done_on", None), data.pop("execution_note", "")
        decision = services.decision_create(by=request.user, meeting=meeting, **data)
        if done_on is not None:
            decision = services.decision_mark_done(decision=decision, by=request.user, done_on=done_on, note=note)
        return decision

    return save_page(
        request, form, create,
        done=_("The decision was recorded."), done_url=back, title=_("New decision"), back_url=back,
        submit=_("Create"),
    )


def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    permit(request, Action.CHANGE, decision)
    back = reverse("commissions:meeting", args=[decision.meeting_id])
    form = DecisionForm(request.POST or None, instance=decision, meeting=decision.meeting)
    return save_page(
        request, form, lambda data: services.decision_update(decision=decision, by=request.user, data=data),
        done_url=back, title=_("Edit the decision"), back_url=back, submit=_("Save"),
        context={"history_url": reverse("commissions:decision_history", args=[decision.pk])},
    )


def decision_done(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    permit(request, Action.CHANGE, decision)
    back = reverse("commissions:meeting", args=[decision.meeting_id])
    form = MarkDoneForm(request.POST or None, initial={"done_on": timezone.localdate()})
    return save_page(
        request, form, lambda data: services.decision_mark_done(decision=decision, by=request.user, done_on=data["done_on"], note=data["note"]),
        done=_("The decision is marked as done."), done_url=back, title=_("Mark the decision as done"),
        back_url=back, submit=_("Mark as done"), intro=decision.text,
    )


def decision_delete(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    permit(request, Action.DELETE, decision)
    back = reverse("commissions:meeting", args=[decision.meeting_id])
    return delete_page(
        request, obj=decision, delete=lambda: services.decision_delete(decision=decision, by=request.user),
        title=_("Delete the decision"), back_url=back, done_url=back, done=_("The decision was deleted."),
    )


def decision_history(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    return history_page(request, decision, back_url=reverse("commissions:meeting", args=[decision.meeting_id]))


def decisions(request: HttpRequest) -> HttpResponse:
    """Decisions of every commission the visitor may see, overdue first."""
    form = DecisionFilterForm(request.GET)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    today = timezone.localdate()
    page = paginate(request, queries.decision_list(user=request.user, today=today, status=status))
    rows = [queries.DecisionRow(d, d.status_on(today)) for d in page.object_list]
    return render(request, "commissions/decisions.html", {"filter_form": form, "page_obj": page, "rows": rows})

