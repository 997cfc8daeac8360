"""API endpoints for XLSForm files: import one as a draft questionnaire version, export any version as one.

Kept apart from `collect.api` (its own router, mounted first so that ``/questionnaires/import-xlsform`` is not read
as a questionnaire code).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from tripartite.core.api_support import READ_ERRORS, WRITE_ERRORS, current_user, require
from tripartite.core.policy import Action
from tripartite.partners.models import Organisation
from tripartite.surveys import xlsform
from tripartite.surveys.collect import queries
from tripartite.surveys.models import Questionnaire

router = Router(tags=["surveys"])


class ImportedOut(Schema):
    code: str
    version: int


def _owner(user: object, owner: int | None) -> Organisation | None:
    """The organisation given, else the only one the user manages (None when there is none or several)."""
    if owner is not None:
        organisation = Organisation.objects.filter(pk=owner).first()
        if organisation is None:
            raise ValidationError({"owner": _("No organisation has the id %(id)s.") % {"id": owner}})
        return organisation
    managed = list(queries.manageable_owners(user)[:2])
    return managed[0] if len(managed) == 1 else None


@router.post("/questionnaires/import-xlsform", response={201: ImportedOut, **WRITE_ERRORS})
def import_xlsform(request: HttpRequest, file: File[UploadedFile], code: Form[str] = "",  # type: ignore[type-arg]
                   owner: Form[int | None] = None):  # type: ignore[no-untyped-def]
    """Import an XLSForm (.xlsx: survey, choices, settings) as a draft version: a new version of the questionnaire
    `code` if it exists, else a new questionnaire (code: `code`, else the settings' form_id; owner: `owner`, else
    the one organisation you manage). 422 lists every row that cannot be honoured with its sheet and reason."""
    user = current_user(request)
    existing = Questionnaire.objects.filter(code=code.strip().lower()).first() if code.strip() else None
    organisation = None
    if existing is not None:
        require(request, Action.CHANGE, existing)
    else:
        organisation = _owner(user, owner)
        if organisation is not None:
            require(request, Action.CREATE, organisation, kind=Questionnaire)
    content = file.read(xlsform.MAX_FILE_BYTES + 1)
    try:
        version = xlsform.xlsform_import(content=content, by=user, owner=organisation, code=code or None)
    except xlsform.XLSFormError as exc:
        raise ValidationError({"file": exc.problems}) from None
    return Status(201, {"code": version.questionnaire.code, "version": version.number})


@router.get("/questionnaires/{code}/versions/{int:number}/xlsform", response={200: None, **READ_ERRORS})
def export_xlsform(request: HttpRequest, code: str, number: int):  # type: ignore[no-untyped-def]
    """The version as an XLSForm workbook (.xlsx)."""
    questionnaire = queries.questionnaire_for(current_user(request), code)
    version = queries.version_of(questionnaire, number)
    response = HttpResponse(xlsform.xlsform_export(version), content_type=xlsform.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{code}-v{number}.xlsx"'
    return response
