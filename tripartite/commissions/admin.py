"""Django admin for commissions (platform administrators only), with the change history of every record."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tripartite.commissions.models import AgendaItem, Commission, CommissionMember, Decision, Meeting
from tripartite.core.admin import inline
from tripartite.core.i18n import in_languages


@admin.register(Commission)
class CommissionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "level", "region", "sector", "secretariat", "published", "is_demo"]
    list_filter = ["level", "published", "is_demo"]
    search_fields = in_languages("name")
    raw_id_fields = ["secretariat"]
    inlines = [inline(CommissionMember, raw_id_fields=["organisation"])]


@admin.register(CommissionMember)
class CommissionMemberAdmin(SimpleHistoryAdmin):
    list_display = ["person_name", "commission", "side", "role", "organisation", "term_start", "term_end"]
    list_filter = ["side", "role"]
    search_fields = ["person_name", "position"]
    raw_id_fields = ["commission", "organisation"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "commission", "date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["commission"]
    inlines = [inline(AgendaItem)]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting"]
    raw_id_fields = ["meeting"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "responsible_side", "due_date", "done_on"]
    # The meeting first, as on the pages (the obligation's own fields come first in the model).
    fields = ["meeting", "agenda_item", *in_languages("text"), "responsible_side", "due_date", "done_on",
              "execution_note"]
    raw_id_fields = ["meeting", "agenda_item"]
    search_fields = in_languages("text")
