"""Django admin for commissions (platform administrators only), with the change history of every record."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tripartite.commissions.models import AgendaItem, Commission, CommissionMember, Decision, Meeting


class MemberInline(admin.TabularInline):
    model = CommissionMember
    extra = 0
    raw_id_fields = ["organisation"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Commission)
class CommissionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "level", "region", "sector", "secretariat", "published", "is_demo"]
    list_filter = ["level", "published", "is_demo"]
    search_fields = ["name_kk", "name_ru", "name_en"]
    raw_id_fields = ["secretariat"]
    inlines = [MemberInline]


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
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting"]
    raw_id_fields = ["meeting"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "responsible_side", "due_date", "done_on"]
    raw_id_fields = ["meeting", "agenda_item"]
    search_fields = ["text_kk", "text_ru", "text_en"]
