"""Pages of the programmes app: thin views that parse a form, call one service or query, and render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tripartite.agreements.models import Agreement, Commitment
from tripartite.commissions.models import Commission, Decision
from tripartite.consultations.models import DraftAct
from tripartite.core.i18n import current_language
from tripartite.core.pages import SignInRequired, delete_page, deny, permit, save_page
from tripartite.core.policy import Action, can, may_see_unpublished, visible
from tripartite.core.uploads import stored_file_response
from tripartite.core.views import history_page, paginate
from tripartite.partners.models import Organisation
from tripartite.surveys.models import Campaign

from . import exports, queries, services, tracking
from .forms import (
    AreaForm,
    MeasureForm,
    ObservationForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    ReportForm,
    TargetForm,
)
from .models import Area, IndicatorTarget, Measure, Observation, Programme, ProgressReport

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def _coordinators_for(user: Any) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    ids = [o.pk for o in Organisation.objects.all() if can(user, Action.CREATE, o, kind=Programme)]
    return Organisation.objects.filter(pk__in=ids)


def _reporters_for(user: Any, measure: Measure) -> QuerySet[Organisation]:
    ids = [o.pk for o in measure.responsible.all() if can(user, Action.CREATE, o, kind=ProgressReport)]
    return Organisation.objects.filter(pk__in=ids)


def _links_for(user: Any) -> dict[str, QuerySet[Any]]:
    commissions = visible(user, Commission.objects.all())
    agreements = visible(user, Agreement.objects.all())
    return {
        "decision": Decision.objects.filter(meeting__commission__in=commissions).select_related("meeting__commission"),
        "commitment": Commitment.objects.filter(agreement__in=agreements).select_related("agreement"),
        "draft": visible(user, DraftAct.objects.all()),
        "campaign": visible(user, Campaign.objects.all()),
    }


def _programme_url(programme: Programme, anchor: str = "") -> str:
    return reverse("programmes:detail", args=[programme.pk]) + anchor


# Programmes --------------------------------------------------------------------------------------------------


def programme_list(request: HttpRequest) -> HttpResponse:
    filter_form = ProgrammeFilterForm(request.GET)
    page = paginate(request, queries.programme_list(user=request.user, **filter_form.filters()))
    return render(request, "programmes/list.html", {
        "filter_form": filter_form, "page_obj": page,
        "may_create": _coordinators_for(request.user).exists(),
    })


def programme_create(request: HttpRequest) -> HttpResponse:
    coordinators = _coordinators_for(request.user)
    if not coordinators.exists():
        return deny(request)
    form = ProgrammeForm(request.POST or None, coordinators=coordinators, creating=True)
    return save_page(
        request, form, lambda data: services.programme_create(by=request.user, **data),
        done=_("The programme was registered."), done_url=lambda p: _programme_url(p),
        title=_("New programme"), back_url=reverse("programmes:list"), submit=_("Create"),
        intro=_("A template brings the areas of a programme the jurisdiction pack knows, with their source."))


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.programme_for(request.user, pk)
    view = queries.programme_view(programme, user=request.user)
    user = request.user
    template = programme.template and queries.template_of(programme)
    return render(request, "programmes/detail.html", {
        "object": programme, "view": view, "template": template,
        "may_change": can(user, Action.CHANGE, programme),
        "may_delete": can(user, Action.DELETE, programme),
        "may_history": can(user, Action.VIEW_HISTORY, programme),
        "may_add_area": can(user, Action.CREATE, programme, kind=Area),
        "may_add_measure": can(user, Action.CREATE, programme, kind=Measure),
        "may_add_target": can(user, Action.CREATE, programme, kind=IndicatorTarget),
        "report_languages": settings.LANGUAGES, "rule": tracking.RULE,
    })


def programme_public(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.filter(published=True).select_related("coordinator"), pk=pk)
    view = queries.programme_view(programme)
    return render(request, "programmes/public.html", {"object": programme, "view": view,
                                                      "report_languages": settings.LANGUAGES, "rule": tracking.RULE})


def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.programme_for(request.user, pk)
    permit(request, Action.CHANGE, programme)
    form = ProgrammeForm(request.POST or None, instance=programme, coordinators=Organisation.objects.none())
    return save_page(
        request, form, lambda data: services.programme_update(programme=programme, by=request.user, data=data),
        done_url=_programme_url(programme), title=_("Edit %(name)s") % {"name": programme},
        back_url=_programme_url(programme), submit=_("Save"))


def programme_delete(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.programme_for(request.user, pk)
    permit(request, Action.DELETE, programme)
    return delete_page(request, obj=programme,
                       delete=lambda: services.programme_delete(programme=programme, by=request.user),
                       title=_("Delete the programme"), back_url=_programme_url(programme),
                       done_url=reverse("programmes:list"), done=_("The programme was deleted."))


def programme_history(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.programme_for(request.user, pk)
    return history_page(request, programme, back_url=_programme_url(programme))


def _report_language(request: HttpRequest) -> str:
    lang = request.GET.get("lang") or current_language()
    if lang not in LANGUAGE_CODES:
        raise Http404
    return lang


def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.programme_for(request.user, pk)
    lang = _report_language(request)
    year = exports.report_year(request.GET.get("year"), programme)
    response = HttpResponse(exports.report_docx(programme, lang, year, user=request.user), content_type=exports.DOCX)
    response["Content-Disposition"] = f'attachment; filename="programme-{programme.pk}-{year}-{lang}.docx"'
    return response


def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.programme_for(request.user, pk)
    lang = _report_language(request)
    year = exports.report_year(request.GET.get("year"), programme)
    response = HttpResponse(exports.annex_xlsx(programme, lang, year, user=request.user), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="programme-{programme.pk}-{year}-{lang}.xlsx"'
    return response


# Areas -------------------------------------------------------------------------------------------------------


def area_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = queries.programme_for(request.user, pk)
    permit(request, Action.CREATE, programme, kind=Area)
    form = AreaForm(request.POST or None)
    return save_page(
        request, form, lambda data: services.area_add(by=request.user, programme=programme, **data),
        done=_("The area was added."), done_url=lambda a: _programme_url(programme, f"#area-{a.pk}"),
        title=_("New area of %(name)s") % {"name": programme}, back_url=_programme_url(programme), submit=_("Add"))


def area_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area = queries.area_for(request.user, pk)
    permit(request, Action.CHANGE, area)
    back = _programme_url(area.programme, f"#area-{area.pk}")
    form = AreaForm(request.POST or None, instance=area)
    return save_page(request, form, lambda data: services.area_update(area=area, by=request.user, data=data),
                     done_url=back, title=_("Edit the area"), back_url=back, submit=_("Save"))


def area_delete(request: HttpRequest, pk: int) -> HttpResponse:
    area = queries.area_for(request.user, pk)
    permit(request, Action.DELETE, area)
    back = _programme_url(area.programme)
    return delete_page(request, obj=area, delete=lambda: services.area_delete(area=area, by=request.user),
                       title=_("Delete the area"), back_url=back, done_url=back, done=_("The area was deleted."))


# Measures ----------------------------------------------------------------------------------------------------


def measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    area = queries.area_for(request.user, pk)
    permit(request, Action.CREATE, area, kind=Measure)
    form = MeasureForm(request.POST or None, links=_links_for(request.user))
    return save_page(
        request, form, lambda data: services.measure_create(by=request.user, area=area, **data),
        done=_("The measure was added."), done_url=lambda m: reverse("programmes:measure", args=[m.pk]),
        title=_("New measure of %(area)s") % {"area": area}, back_url=_programme_url(area.programme),
        submit=_("Add"))


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = queries.measure_for(request.user, pk)
    user = request.user
    targets = queries.target_rows(measure.targets.prefetch_related("milestones", "observations"), user=user)
    return render(request, "programmes/measure.html", {
        "object": measure, "row": queries.measure_row(measure), "reports": queries.reports_of(measure),
        "targets": targets, "programme": measure.area.programme,
        "may_change": can(user, Action.CHANGE, measure),
        "may_delete": can(user, Action.DELETE, measure),
        "may_history": can(user, Action.VIEW_HISTORY, measure),
        "may_report": user.is_authenticated and _reporters_for(user, measure).exists(),
        "may_add_target": can(user, Action.CREATE, measure, kind=IndicatorTarget),
        "may_see_evidence": may_see_unpublished(user), "rule": tracking.RULE,
        "links": _visible_links(user, measure),
    })


def _visible_links(user: Any, measure: Measure) -> dict[str, bool]:
    """Which of the records carrying the measure out the reader may open (a link to a page they cannot see
    would be dead)."""
    links = _links_for(user)
    return {name: getattr(measure, f"{name}_id") is not None
            and links[name].filter(pk=getattr(measure, f"{name}_id")).exists() for name in links}


def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = queries.measure_for(request.user, pk)
    permit(request, Action.CHANGE, measure)
    back = reverse("programmes:measure", args=[pk])
    form = MeasureForm(request.POST or None, instance=measure, links=_links_for(request.user))
    return save_page(request, form, lambda data: services.measure_update(measure=measure, by=request.user, data=data),
                     done_url=back, title=_("Edit the measure"), back_url=back, submit=_("Save"))


def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    measure = queries.measure_for(request.user, pk)
    permit(request, Action.DELETE, measure)
    return delete_page(request, obj=measure, delete=lambda: services.measure_delete(measure=measure, by=request.user),
                       title=_("Delete the measure"), back_url=reverse("programmes:measure", args=[pk]),
                       done_url=_programme_url(measure.area.programme), done=_("The measure was deleted."))


def measure_history(request: HttpRequest, pk: int) -> HttpResponse:
    measure = queries.measure_for(request.user, pk)
    return history_page(request, measure, back_url=reverse("programmes:measure", args=[pk]))


# Progress reports --------------------------------------------------------------------------------------------


def report_add(request: HttpRequest, pk: int) -> HttpResponse:
    measure = queries.measure_for(request.user, pk)
    reporters = _reporters_for(request.user, measure) if request.user.is_authenticated else None
    if reporters is None or not reporters.exists():
        return deny(request)
    back = reverse("programmes:measure", args=[pk])
    form = ReportForm(request.POST or None, request.FILES or None, organisations=reporters)

    def file(data: dict[str, Any]) -> ProgressReport:
        upload = data.pop("evidence_file", None)
        return services.report_file(by=request.user, measure=measure,
                                    evidence=upload.read() if upload is not None else None,
                                    evidence_name=upload.name if upload is not None else "", **data)

    return save_page(request, form, file, done=_("The progress report was filed."), done_url=back + "#reports",
                     title=_("Progress report on %(measure)s") % {"measure": measure}, back_url=back,
                     submit=_("File the report"),
                     intro=_("Only a responsible organisation reports; a measure is reported done with its "
                             "evidence."))


def report_evidence(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = get_object_or_404(ProgressReport.objects.select_related("measure"), pk=pk)
    queries.measure_for(request.user, report.measure_id)
    if not may_see_unpublished(request.user):
        if not request.user.is_authenticated:
            raise SignInRequired
        raise PermissionDenied
    return stored_file_response(report.evidence_file, report.evidence_name)


def report_history(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(ProgressReport.objects.select_related("measure"), pk=pk)
    queries.measure_for(request.user, report.measure_id)
    return history_page(request, report, back_url=reverse("programmes:measure", args=[report.measure_id]))


# Indicator targets -------------------------------------------------------------------------------------------


def _target_page(request: HttpRequest, owner: Area | Measure, back: str) -> HttpResponse:
    permit(request, Action.CREATE, owner, kind=IndicatorTarget)
    form = TargetForm(request.POST or None)

    def create(data: dict[str, Any]) -> IndicatorTarget:
        milestones = data.pop("milestones")
        return services.target_create(by=request.user, owner=owner, milestones=milestones, **data)

    return save_page(request, form, create, done=_("The indicator target was added."), done_url=back,
                     title=_("New indicator target of %(owner)s") % {"owner": owner}, back_url=back, submit=_("Add"),
                     intro=tracking.RULE)


def target_add_to_area(request: HttpRequest, pk: int) -> HttpResponse:
    area = queries.area_for(request.user, pk)
    return _target_page(request, area, _programme_url(area.programme, f"#area-{area.pk}"))


def target_add_to_measure(request: HttpRequest, pk: int) -> HttpResponse:
    measure = queries.measure_for(request.user, pk)
    return _target_page(request, measure, reverse("programmes:measure", args=[pk]) + "#targets")


def _target_back(target: IndicatorTarget) -> str:
    if target.measure_id:
        return reverse("programmes:measure", args=[target.measure_id]) + "#targets"
    return _programme_url(target.programme, f"#area-{target.area_id}")


def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = queries.target_for(request.user, pk)
    permit(request, Action.CHANGE, target)
    back = _target_back(target)
    form = TargetForm(request.POST or None, instance=target)

    def update(data: dict[str, Any]) -> IndicatorTarget:
        milestones = data.pop("milestones")
        return services.target_update(target=target, by=request.user, data=data, milestones=milestones)

    return save_page(request, form, update, done_url=back, title=_("Edit the indicator target"), back_url=back,
                     submit=_("Save"), intro=tracking.RULE)


def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = queries.target_for(request.user, pk)
    permit(request, Action.DELETE, target)
    back = _target_back(target)
    return delete_page(request, obj=target, delete=lambda: services.target_delete(target=target, by=request.user),
                       title=_("Delete the indicator target"), back_url=back, done_url=back,
                       done=_("The indicator target was deleted."))


def observation_add(request: HttpRequest, pk: int) -> HttpResponse:
    target = queries.target_for(request.user, pk)
    permit(request, Action.CREATE, target, kind=Observation)
    if target.indicator_code:
        raise Http404
    back = _target_back(target)
    form = ObservationForm(request.POST or None)
    return save_page(request, form, lambda data: services.observation_record(by=request.user, target=target, **data),
                     done=_("The value was recorded."), done_url=back,
                     title=_("A value of %(indicator)s") % {"indicator": target}, back_url=back, submit=_("Record"))
