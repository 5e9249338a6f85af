from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from . import twofactor
from .models import CalendarDay, CalendarYear, Notification, Organisation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("平台", {"fields": ("organisation", "phone", "email_notifications")}),)
    list_display = ("username", "get_full_name", "organisation", "is_active")
    list_select_related = ("organisation",)
    list_filter = ("groups", "is_active")
    actions = ["reset_two_factor"]

    @admin.action(description=_("重置两步验证（并结束该用户的全部接口令牌）"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            twofactor.reset_two_factor(user, by=request.user)


@admin.register(Organisation)
class OrganisationAdmin(GuardedModelAdmin):
    list_display = ("name", "kind", "uscc", "pilot_status", "designated_on")
    list_filter = ("kind", "pilot_status")
    search_fields = ("name", "uscc")


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """The bureau enters next year's schedule when the State Council publishes it (November)."""

    list_display = ("year", "source", "note")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "name")
    list_filter = ("is_working_day",)
    date_hierarchy = "date"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "code", "title", "created_at", "read_at", "emailed_at")
    list_select_related = ("recipient",)
    readonly_fields = [f.name for f in Notification._meta.fields]
