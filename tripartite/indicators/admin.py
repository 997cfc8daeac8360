"""Admin of official statistics: correcting one figure by hand (its history keeps the old value)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tripartite.indicators.models import StatisticsImport, StatisticValue


@admin.register(StatisticValue)
class StatisticValueAdmin(SimpleHistoryAdmin):
    list_display = ("series", "period", "region", "sector", "value", "source", "published_on", "confirmed")
    list_filter = ("series", "confirmed", "year")
    search_fields = ("source", "note", "period")
    raw_id_fields = ("statistics_import",)


@admin.register(StatisticsImport)
class StatisticsImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "imported_at", "imported_by", "created", "updated")
    readonly_fields = ("file_name", "imported_at", "imported_by", "created", "updated")
