"""Django admin for the grants app: the list of topic areas is kept here; every record shows its change history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tripartite.core.admin import inline
from tripartite.core.i18n import in_languages
from tripartite.grants.models import (
    Application,
    Award,
    Call,
    Criterion,
    Evaluator,
    PPPContract,
    Score,
    TopicArea,
)


@admin.register(TopicArea)
class TopicAreaAdmin(SimpleHistoryAdmin):
    list_display = ["code", *in_languages("name"), "position", "is_demo"]
    search_fields = ["code", *in_languages("name")]


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "topic", "issuer", "status", "deadline", "is_demo"]
    list_filter = ["kind", "status", "is_demo"]
    search_fields = [*in_languages("title")]
    raw_id_fields = ["issuer"]
    inlines = [inline(Criterion), inline(Evaluator, raw_id_fields=["user"])]


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "call", "status", "settlement_type", "requested_amount"]
    list_filter = ["status", "settlement_type"]
    raw_id_fields = ["call", "applicant"]


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "updated_at"]
    raw_id_fields = ["application", "evaluator"]


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "amount", "signed_on"]
    raw_id_fields = ["application"]


@admin.register(PPPContract)
class PPPContractAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "sector", "region", "value", "status", "published", "is_demo"]
    list_filter = ["status", "sector", "published", "is_demo"]
    search_fields = [*in_languages("object"), "private_partner", "number"]
    raw_id_fields = ["state_partner"]
