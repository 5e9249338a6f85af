from django.contrib import admin
from django.db.models import Max

from .models import Clock, Decision, Discrepancy, LetterTemplate


@admin.register(Clock)
class ClockAdmin(admin.ModelAdmin):
    list_display = ["kind", "label", "started_on", "due_on", "status"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in Clock._meta.fields]


@admin.register(Discrepancy)
class DiscrepancyAdmin(admin.ModelAdmin):
    list_display = ["kind", "vehicle", "acting_kind", "found_on", "status"]
    list_filter = ["kind", "status", "acting_kind"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    """Templates are never edited: adding one for a kind makes it that kind's next version."""

    list_display = ["kind", "version", "title", "created_at", "created_by"]
    list_filter = ["kind"]
    fields = ["kind", "title", "body"]

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        last = LetterTemplate.objects.filter(kind=obj.kind).aggregate(n=Max("version"))["n"] or 0
        obj.version, obj.created_by = last + 1, request.user
        super().save_model(request, obj, form, change)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["kind", "enterprise", "status", "prepared_by", "authorised_by", "authorised_on"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in Decision._meta.fields]

    def has_add_permission(self, request):
        return False
