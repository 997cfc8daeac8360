"""Django admin for agreements (platform administrators only), with the change history of every record.

Day-to-day edits go through the app's pages and API, whose services enforce the one-collective-agreement
rule, the PDF checks and filing; the admin is for inspection and repairs.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tripartite.agreements.models import (
    Agreement,
    AgreementParty,
    BargainingMember,
    Clause,
    ClauseParameter,
    Commitment,
    DisputeProcedureClause,
)
from tripartite.core.admin import inline
from tripartite.core.i18n import in_languages


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "level", "signed_on", "effective_from", "effective_to", "registration_number",
                    "published", "is_demo"]
    list_filter = ["kind", "level", "published", "is_demo"]
    search_fields = [*in_languages("title"), "registration_number"]
    raw_id_fields = ["owner", "employer", "commission"]
    readonly_fields = ["document_sha256", "document_size", "public_copy_sha256", "registration_number", "filed_on"]
    inlines = [
        inline(AgreementParty, raw_id_fields=["organisation"]),
        inline(Commitment, raw_id_fields=["responsible_organisation"],
               fields=[*in_languages("text"), "responsible_side", "responsible_organisation", "due_date", "period",
                       "done_on", "evidence"]),
    ]


@admin.register(Clause)
class ClauseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agreement", "topic"]
    list_filter = ["topic"]
    raw_id_fields = ["agreement"]
    inlines = [inline(ClauseParameter)]


@admin.register(BargainingMember)
class BargainingMemberAdmin(SimpleHistoryAdmin):
    list_display = ["person_name", "side", "agreement"]
    raw_id_fields = ["agreement", "organisation"]


@admin.register(DisputeProcedureClause)
class DisputeProcedureClauseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "mediator"]
    raw_id_fields = ["agreement"]
