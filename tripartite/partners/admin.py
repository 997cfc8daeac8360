"""Django admin for the social partners register (platform administrators only)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tripartite.core.admin import inline
from tripartite.partners.models import MembershipReport, Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "short_name", "kind", "subkind", "parent", "bin", "registered_on", "published", "is_demo"]
    list_filter = ["kind", "subkind", "published", "is_demo", "regions"]
    search_fields = ["name_kk", "name_ru", "name_en", "short_name", "bin"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["regions", "sectors"]
    readonly_fields = ["is_demo", "created_at", "updated_at"]
    inlines = [inline(MembershipReport, fields=["as_of", "members", "employee_members", "employees_in_scope",
                                                "member_organisations", "source"])]


@admin.register(MembershipReport)
class MembershipReportAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "as_of", "members", "employees_in_scope"]
    list_filter = ["as_of"]
    search_fields = ["organisation__name_kk", "organisation__name_ru", "organisation__name_en"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "as_of"
