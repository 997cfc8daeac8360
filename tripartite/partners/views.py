"""Pages of the social partners register: list, detail, create and edit forms, history, membership reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tripartite.core.errors import DomainError
from tripartite.core.models import Role, ScopeType
from tripartite.core.pages import deny, form_page, permit, submit
from tripartite.core.policy import Action, can, is_platform_admin, scoped_ids
from tripartite.core.views import history_page, paginate
from tripartite.partners import queries, services
from tripartite.partners.forms import MembershipReportForm, OrganisationFilterForm, OrganisationForm
from tripartite.partners.models import MembershipReport, Organisation


def _organisation_or_404(request: HttpRequest, pk: int) -> Organisation:
    org = queries.organisation_for(user=request.user, pk=pk)
    if org is None:
        raise Http404
    return org


def _possible_parents(user: Any, *, keep: int | None = None) -> QuerySet[Organisation]:
    """Organisations `user` may add organisations under: all for an administrator, else the edited subtrees.

    `keep` is the current parent of an organisation being edited, which stays a choice.
    """
    visible_orgs = queries.organisation_choices(user=user)
    if is_platform_admin(user):
        return visible_orgs
    roots = scoped_ids(user, ScopeType.ORGANISATION, [Role.EDITOR])
    ids = set(roots)
    for org in Organisation.objects.filter(pk__in=roots):
        ids |= queries.descendant_ids(org)
    if keep is not None:
        ids.add(keep)
    return visible_orgs.filter(pk__in=ids)


def may_create_organisations(user: Any) -> bool:
    return can(user, Action.CREATE, None, kind=Organisation) or bool(
        scoped_ids(user, ScopeType.ORGANISATION, [Role.EDITOR])
    )


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.filters()
    parent = queries.organisation_for(user=request.user, pk=filters["parent"]) if filters["parent"] else None
    if filters["parent"] and parent is None:
        filters["parent"] = None
    page_obj = paginate(request, queries.organisation_list(user=request.user, **filters))
    return render(request, "partners/list.html", {
        "form": form,
        "page_obj": page_obj,
        "parent": parent,
        "may_create": may_create_organisations(request.user),
    })


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation_or_404(request, pk)
    profile = queries.organisation_profile(user=request.user, organisation=org)
    sample_report = MembershipReport(organisation=org)
    return render(request, "partners/detail.html", {
        "object": org,
        "profile": profile,
        "assessment": queries.representativeness(org),
        "may_change": can(request.user, Action.CHANGE, org),
        "may_delete": can(request.user, Action.DELETE, org),
        "may_see_history": can(request.user, Action.VIEW_HISTORY, org),
        "may_add_child": can(request.user, Action.CREATE, org, kind=Organisation),
        "may_add_report": can(request.user, Action.CREATE, org, kind=MembershipReport),
        "may_change_reports": can(request.user, Action.CHANGE, sample_report),
        "may_delete_reports": can(request.user, Action.DELETE, sample_report),
    })


def organisation_create(request: HttpRequest) -> HttpResponse:
    if not may_create_organisations(request.user):
        return deny(request)
    parents = _possible_parents(request.user)
    initial: dict[str, Any] = {}
    parent_id = request.GET.get("parent", "")
    if parent_id.isdigit():
        parent = parents.filter(pk=int(parent_id)).first()
        if parent is not None:
            initial = {"parent": parent, "kind": parent.kind}
    form = OrganisationForm(
        request.POST or None, initial=initial, parents=parents,
        parent_required=not is_platform_admin(request.user),
    )
    org = submit(request, form, lambda data: services.organisation_create(by=request.user, data=data))
    if org is not None:
        messages.success(request, _("The organisation was registered."))
        return redirect("partners:detail", pk=org.pk)
    return _organisation_form_page(request, form, title=_("Register an organisation"),
                                   back_url=reverse("partners:list"))


def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation_or_404(request, pk)
    permit(request, Action.CHANGE, org)
    parents = _possible_parents(request.user, keep=org.parent_id)
    form = OrganisationForm(
        request.POST or None, instance=org, parents=parents,
        parent_required=not is_platform_admin(request.user) and org.parent_id is not None,
    )
    if submit(request, form, lambda data: services.organisation_update(by=request.user, organisation=org, data=data)):
        messages.success(request, _("The changes were saved."))
        return redirect("partners:detail", pk=org.pk)
    org.refresh_from_db()  # the form wrote its values onto the instance; the page names what is stored
    return _organisation_form_page(request, form, title=_("Edit %(name)s") % {"name": org.name},
                                   back_url=reverse("partners:detail", args=[org.pk]))


def _organisation_form_page(request: HttpRequest, form: OrganisationForm, *, title: str, back_url: str) -> HttpResponse:
    return form_page(request, form, title=title, back_url=back_url, submit=_("Save"),
                     intro=_("Give the name in at least one language; fields marked * are required."))


@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete (POST); refused with what still refers to the organisation while anything does."""
    org = _organisation_or_404(request, pk)
    permit(request, Action.DELETE, org)
    status = 200
    error = ""
    if request.method == "POST":
        try:
            services.organisation_delete(by=request.user, organisation=org)
        except DomainError as exc:
            error, status = str(exc), exc.status
        else:
            messages.success(request, _("%(name)s was deleted.") % {"name": org.name})
            if org.parent_id is not None and queries.organisation_for(user=request.user, pk=org.parent_id):
                return redirect("partners:detail", pk=org.parent_id)
            return redirect("partners:list")
    return render(request, "partners/delete.html", {
        "object": org,
        "references": queries.references(org),
        "reports": org.membership_reports.count(),
        "error": error,
    }, status=status)


def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation_or_404(request, pk)
    return history_page(request, org, back_url=reverse("partners:detail", args=[org.pk]))


def report_add(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation_or_404(request, pk)
    permit(request, Action.CREATE, org, kind=MembershipReport)
    form = MembershipReportForm(request.POST or None)
    if submit(request, form, lambda data: services.membership_report_create(
            by=request.user, organisation=org, data=data)):
        messages.success(request, _("The membership report was added."))
        return redirect("partners:detail", pk=org.pk)
    return _report_form_page(request, form, org, title=_("Add a membership report"))


def _report_form_page(request: HttpRequest, form: MembershipReportForm, org: Organisation, *,
                      title: str) -> HttpResponse:
    return form_page(request, form, title=title, submit=_("Save"), intro=org.name,
                     back_url=reverse("partners:detail", args=[org.pk]) + "#reports")


def _report_or_404(request: HttpRequest, report_id: int) -> MembershipReport:
    report = MembershipReport.objects.select_related("organisation").filter(pk=report_id).first()
    if report is None or queries.organisation_for(user=request.user, pk=report.organisation_id) is None:
        raise Http404
    return report


def report_edit(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report_or_404(request, report_id)
    permit(request, Action.CHANGE, report)
    form = MembershipReportForm(request.POST or None, instance=report)
    if submit(request, form, lambda data: services.membership_report_update(by=request.user, report=report, data=data)):
        messages.success(request, _("The membership report was saved."))
        return redirect("partners:detail", pk=report.organisation_id)
    return _report_form_page(request, form, report.organisation, title=_("Edit the membership report"))


@require_POST
def report_delete(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report_or_404(request, report_id)
    permit(request, Action.DELETE, report)
    try:
        services.membership_report_delete(by=request.user, report=report)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The membership report of %(date)s was deleted.") % {
            "date": report.as_of.isoformat()})
    return redirect("partners:detail", pk=report.organisation_id)
