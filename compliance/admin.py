from django.contrib import admin

from .models import (
    ComplianceRun,
    ExitApplication,
    NetworkReport,
    Obligation,
    RectificationOrder,
    RevocationCase,
    ScaleTarget,
    Violation,
)


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = ["rule", "enterprise", "vehicle", "due_on", "status"]
    list_filter = ["rule", "status"]
    search_fields = ["enterprise__name", "vehicle__vin"]
    readonly_fields = [f.name for f in Obligation._meta.fields]


@admin.register(ScaleTarget)
class ScaleTargetAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "vehicles", "source", "set_on"]


for model in (ComplianceRun, Violation, NetworkReport, RectificationOrder, RevocationCase, ExitApplication):
    admin.site.register(model)
