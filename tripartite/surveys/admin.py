"""Django admin for surveys (platform administrators only). Responses are read-only here: no one edits answers."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tripartite.core.admin import inline
from tripartite.core.i18n import in_languages
from tripartite.surveys.models import (
    Campaign,
    Invitation,
    Margins,
    Option,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ResultTable,
)


@admin.register(Questionnaire)
class QuestionnaireAdmin(SimpleHistoryAdmin):
    list_display = ["code", "__str__", "owner", "is_template", "is_demo"]
    list_filter = ["is_template", "is_demo"]
    search_fields = ["code", *in_languages("title")]
    raw_id_fields = ["owner"]
    inlines = [inline(QuestionnaireVersion, fields=["number", "status", "published_at"],
                      readonly_fields=["published_at"])]


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "published_at"]
    list_filter = ["status"]
    inlines = [inline(Question, fields=["position", "code", "kind", "text_ru", "required", "ordinal", "min_value",
                                        "max_value"])]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "version", "kind", "required", "position"]
    list_filter = ["kind"]
    search_fields = ["code", *in_languages("text")]
    inlines = [inline(Option)]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "__str__", "owner", "mode", "opens_on", "closes_on", "results_public", "published", "is_demo"]
    list_filter = ["mode", "results_public", "published", "is_demo"]
    search_fields = ["slug", *in_languages("title")]
    raw_id_fields = ["owner", "version"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "campaign", "created_at", "used_at"]
    list_filter = ["campaign"]
    readonly_fields = ["token", "created_at", "used_at"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["pk", "campaign", "submitted_at", "language", "wave", "source"]
    list_filter = ["campaign", "language", "source"]
    readonly_fields = [f.name for f in Response._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ResultTable)
class ResultTableAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "campaign", "position", "rows", "cols", "layer", "weight"]


@admin.register(Margins)
class MarginsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "campaign", "variable", "uploaded_at"]
