"""Django admin for collective disputes (platform administrators only), with the change history of every record."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tripartite.core.admin import inline
from tripartite.disputes.models import (
    Demand,
    Dispute,
    Document,
    Event,
    Participant,
    ReminderSent,
    SectorEmployment,
    Session,
    StagePeriod,
    Strike,
)


@admin.register(Dispute)
class DisputeAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "employer", "union", "region", "sector", "demands_received_on", "stage", "is_demo"]
    list_filter = ["stage", "is_demo", "region", "sector"]
    search_fields = ["subject"]
    raw_id_fields = ["employer", "union", "agreement", "commission"]
    filter_horizontal = ["conciliators"]
    inlines = [inline(Demand), inline(StagePeriod)]


for model in (StagePeriod, Participant, Session, Demand, Strike, Event, SectorEmployment):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    """The file is uploaded on the dispute's page (checked there) and downloaded there (access checked)."""

    list_display = ["dispute", "code", "dated", "file_name"]
    readonly_fields = ["file", "file_name", "file_size"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["dispute", "rule", "due", "kind", "recipient", "sent_at"]
    list_filter = ["kind", "rule"]
