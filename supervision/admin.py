from django.contrib import admin

from .models import Complaint, ComplaintAttachment


class AttachmentInline(admin.TabularInline):
    model = ComplaintAttachment
    fields = ["original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["number", "enterprise", "category", "severity", "status", "received_on", "due_on"]
    list_filter = ["status", "severity", "category"]
    search_fields = ["number", "vehicle__vin", "enterprise__name"]
    readonly_fields = [f.name for f in Complaint._meta.fields]
    inlines = [AttachmentInline]
