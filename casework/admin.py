from django.contrib import admin

from .models import Clock, Discrepancy


@admin.register(Clock)
class ClockAdmin(admin.ModelAdmin):
    list_display = ["kind", "label", "started_on", "due_on", "status"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in Clock._meta.fields]


@admin.register(Discrepancy)
class DiscrepancyAdmin(admin.ModelAdmin):
    list_display = ["kind", "vehicle", "acting_kind", "found_on", "status"]
    list_filter = ["kind", "status", "acting_kind"]
