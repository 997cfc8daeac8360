"""Pages of the principles app: the taxonomy and crosswalk, coverage of a principle, a convention or an agreement,
the tags of one record, and the downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tripartite.agreements.models import Agreement, Topic
from tripartite.core.pages import SignInRequired, save_page, submit
from tripartite.core.policy import visible
from tripartite.core.views import paginate

from . import exports, queries, services, taggables
from .forms import RecordTagsForm, TagRecordForm
from .models import Convention, Principle


def base_url(request: HttpRequest) -> str:
    """The absolute address of the principles list: the base of every concept's address in the SKOS export."""
    return request.build_absolute_uri(reverse("principles:list"))


def principle_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for principle in queries.principles():
        counts = queries.principle_counts(principle, request.user)
        coverage = queries.Coverage(indicators=queries.indicators_of(principle))
        carried = sum(n for key, n in counts.items() if taggables.role_of(key) == taggables.Role.CARRIES)
        measured = sum(n for key, n in counts.items() if taggables.role_of(key) == taggables.Role.MEASURES)
        rows.append({"principle": principle, "carried": carried, "measured": measured + len(coverage.indicators),
                     "indicators": coverage.indicators})
    return render(request, "principles/list.html", {"rows": rows})


def principle_detail(request: HttpRequest, code: str) -> HttpResponse:
    principle = get_object_or_404(queries.principles(), code=code)
    return _coverage_page(request, principle=principle, convention=None,
                          coverage=queries.principle_coverage(principle, request.user))


def convention_list(request: HttpRequest) -> HttpResponse:
    return render(request, "principles/conventions.html", {"conventions": queries.conventions()})


def convention_detail(request: HttpRequest, code: str) -> HttpResponse:
    convention = get_object_or_404(queries.conventions(), code=code)
    return _coverage_page(request, principle=None, convention=convention,
                          coverage=queries.convention_coverage(convention, request.user))


def _coverage_page(request: HttpRequest, *, principle: Principle | None, convention: Convention | None,
                   coverage: queries.Coverage) -> HttpResponse:
    groups = queries.taggable_records(request.user) if request.user.is_authenticated else []
    form = TagRecordForm(request.POST or None, groups=groups) if groups else None
    if request.method == "POST":
        if form is None:
            if not request.user.is_authenticated:
                raise SignInRequired
            raise PermissionDenied
        if submit(request, form, lambda data: _tag_from_form(request, data, principle, convention)) is not None:
            messages.success(request, _("The record was tagged."))
            return redirect(request.path)
    sections = [(kind, coverage.items.get(kind.key, [])) for kind in taggables.kinds()]
    status = 422 if form is not None and form.errors else 200
    return render(request, "principles/coverage.html", {
        "principle": principle, "convention": convention, "coverage": coverage, "sections": sections,
        "form": form, "topics": [_topic_label(t) for t in (principle.clause_topics if principle else [])],
    }, status=status)


def _topic_label(code: str) -> str:
    return str(Topic(code).label) if code in Topic.values else code


def _tag_from_form(request: HttpRequest, data: dict[str, Any], principle: Principle | None,
                   convention: Convention | None) -> Any:
    key, pk = data["record"]
    found = queries.record_for(request.user, key, pk)
    if found is None:
        raise services.TagError(_("Choose a record from the list."), field="record")
    return services.tag_add(by=request.user, target=found[1], principle=principle, convention=convention)


def record_tags(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    found = queries.record_for(request.user, kind, pk)
    if found is None:
        raise Http404
    taggable, obj = found
    may_tag = taggable.may_tag(request.user, obj)
    principles = queries.principles_of(taggable, obj)
    defaults = queries.default_principles(taggable, obj)
    conventions = queries.conventions_of(obj)
    context = {"kind": taggable, "obj": obj, "label": taggable.describe(obj), "context": taggable.context(obj),
               "principles": principles, "defaults": defaults,
               "conventions": conventions, "may_tag": may_tag, "back": taggable.url(obj)}
    if request.method == "POST" or (may_tag and request.GET.get("edit")):
        if not may_tag:
            if not request.user.is_authenticated:
                raise SignInRequired
            raise PermissionDenied
        form = RecordTagsForm(request.POST or None, initial={"principles": principles, "conventions": conventions})
        return save_page(
            request, form,
            lambda data: services.tags_set(by=request.user, target=obj, principles=data["principles"],
                                           conventions=data["conventions"]),
            done_url=request.path, title=_("Principles and conventions of %(record)s") % {
                "record": taggable.describe(obj)},
            back_url=request.path, submit=_("Save"),
            intro=_("Ticked by default: %(defaults)s.") % {"defaults": ", ".join(p.code for p in defaults)}
            if defaults else "",
        )
    return render(request, "principles/record.html", context)


def agreement_list(request: HttpRequest) -> HttpResponse:
    agreements = visible(request.user, Agreement.objects.all())
    return render(request, "principles/agreements.html", {"page_obj": paginate(request, agreements)})


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(visible(request.user, Agreement.objects.all()), pk=pk)
    rows = queries.agreement_coverage(agreement)
    return render(request, "principles/agreement.html", {
        "agreement": agreement, "rows": rows, "gaps": [r.principle for r in rows if not r.covered],
    })


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    if fmt == "csv":
        body = "\ufeff" + exports.crosswalk_csv()
    else:
        body = exports.skos(base_url(request), fmt)
    response = HttpResponse(body, content_type=exports.FORMATS[fmt][1])
    response["Content-Disposition"] = f'attachment; filename="principles.{fmt}"'
    return response
