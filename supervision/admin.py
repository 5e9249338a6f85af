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


# 双随机、一公开 and the 联席会议 (issue 23): the lists are kept on the portal's pages; the admin reads.
from .models import InspectionPlan, Inspector, JointMeeting  # noqa: E402


@admin.register(Inspector)
class InspectorAdmin(admin.ModelAdmin):
    list_display = ["badge_number", "user", "active", "added_on"]
    list_filter = ["active"]
    search_fields = ["badge_number", "user__username", "user__last_name"]
    readonly_fields = ["user", "badge_number", "added_on"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "status", "seed_published_on", "drawn_on"]
    list_filter = ["status", "year"]
    readonly_fields = [f.name for f in InspectionPlan._meta.fields]


@admin.register(JointMeeting)
class JointMeetingAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "held_on", "status"]
    list_filter = ["status"]
    exclude = ["minutes_pdf"]
    readonly_fields = [f.name for f in JointMeeting._meta.fields if f.name != "minutes_pdf"]
