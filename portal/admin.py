from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from . import integration_keys, twofactor
from .models import CalendarDay, CalendarYear, IntegrationKey, Notification, Organisation, User


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


class IntegrationKeyForm(forms.ModelForm):
    event_types_text = forms.CharField(label=_("可记录的事件类型"), help_text=_("事件类型代码，以逗号分隔，例如 deregistration,theft_flag"))

    class Meta:
        model = IntegrationKey
        fields = ["name", "organisation", "expires_at"]


@admin.register(IntegrationKey)
class IntegrationKeyAdmin(admin.ModelAdmin):
    """The bureau issues and revokes agency systems' keys here; a new key is shown once, in the message."""

    list_display = ("name", "organisation", "prefix", "event_types", "expires_at", "revoked_at", "last_used_at")
    list_select_related = ("organisation",)
    readonly_fields = ("prefix", "event_types", "created_by", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = IntegrationKeyForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields + (("name", "organisation", "expires_at") if obj else ())

    def save_model(self, request, obj, form, change):
        if change:
            return
        types = [t.strip() for t in form.cleaned_data["event_types_text"].split(",") if t.strip()]
        key, plaintext = integration_keys.issue_key(
            organisation=form.cleaned_data["organisation"], name=form.cleaned_data["name"], event_types=types,
            expires_at=form.cleaned_data["expires_at"], by=request.user,
        )
        obj.pk = key.pk
        messages.warning(request, _("接口密钥（只显示这一次，请立即复制）：%(key)s") % {"key": plaintext})

    @admin.action(description=_("撤销所选接口密钥"))
    def revoke(self, request, queryset):
        for key in queryset:
            integration_keys.revoke_key(key, by=request.user)
