from django.contrib import admin

from .models import Application, ApplicationAttachment, CorrectionRequest, CriterionFinding, ReferenceCounter


class AttachmentInline(admin.TabularInline):
    model = ApplicationAttachment
    fields = ["kind", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    # State changes go through applications.services; the database refuses edits of frozen content.
    list_display = ["reference_number", "company_name", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["reference_number", "company_name", "uscc"]
    list_select_related = ["organisation"]
    readonly_fields = ["status", "reference_number", "submitted_at", "accepted_at", "decided_at", "decision_reason"]
    inlines = [AttachmentInline]


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(admin.ModelAdmin):
    list_display = ["application", "deadline", "requested_at", "resolved_at"]


@admin.register(CriterionFinding)
class CriterionFindingAdmin(admin.ModelAdmin):
    list_display = ["application", "code", "passed", "recorded_by", "recorded_at"]


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(admin.ModelAdmin):
    list_display = ["year", "last_number"]
    readonly_fields = ["year", "last_number"]
