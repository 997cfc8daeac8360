"""Pages for XLSForm files: import one as a draft questionnaire version, download a version as one."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tripartite.core.errors import DomainError
from tripartite.core.pages import deny, refusal_text
from tripartite.core.policy import Action, can
from tripartite.surveys import xlsform
from tripartite.surveys.collect import queries
from tripartite.surveys.collect.forms import OrganisationChoiceField
from tripartite.surveys.models import Questionnaire


class XLSFormImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("XLSForm file (.xlsx)"))
    code = forms.SlugField(
        label=gettext_lazy("Questionnaire code"), required=False,
        help_text=gettext_lazy("The code of a questionnaire of yours to import a new version of it; or the code of "
                               "the new questionnaire (empty: the form_id of the settings sheet)."))
    owner = OrganisationChoiceField(queryset=None, label=gettext_lazy("Owner organisation"), required=False,
                                    help_text=gettext_lazy("For a new questionnaire."))

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = owners


def import_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated or not queries.manageable_owners(request.user).exists():
        return deny(request)
    owners = queries.manageable_owners(request.user)
    form = XLSFormImportForm(request.POST or None, request.FILES or None, owners=owners,
                             initial={"owner": owners.first(), "code": request.GET.get("code", "")})
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        code = (form.cleaned_data["code"] or "").strip().lower()
        existing = Questionnaire.objects.filter(code=code).first() if code else None
        if existing is not None and not can(request.user, Action.CHANGE, existing):
            form.add_error("code", _("Another organisation's questionnaire has this code."))
        else:
            upload = form.cleaned_data["file"]
            try:
                version = xlsform.xlsform_import(content=upload.read(xlsform.MAX_FILE_BYTES + 1), by=request.user,
                                                 owner=form.cleaned_data["owner"], code=code or None)
            except xlsform.XLSFormError as exc:
                problems = exc.problems
            except (ValidationError, DomainError) as exc:
                problems = [refusal_text(exc)]
            else:
                messages.success(request, _("The XLSForm was imported as draft version %(n)s.") % {"n": version.number})
                return redirect("surveys:version", code=version.questionnaire.code, number=version.number)
    status = 422 if request.method == "POST" and (problems or form.errors) else 200
    return render(request, "surveys/xlsform_import.html", {"form": form, "problems": problems}, status=status)


def export(request: HttpRequest, code: str, number: int) -> HttpResponse:
    questionnaire = queries.questionnaire_for(request.user, code)
    version = queries.version_of(questionnaire, number)
    response = HttpResponse(xlsform.xlsform_export(version), content_type=xlsform.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{code}-v{number}.xlsx"'
    return response
