from django.contrib import admin

from .models import Objection, PanelMember, Publicity, ReviewRound


@admin.register(ReviewRound)
class ReviewRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "quorum", "scoring_closed_on", "designated_on"]
    list_filter = ["status"]
    search_fields = ["name"]


@admin.register(PanelMember)
class PanelMemberAdmin(admin.ModelAdmin):
    list_display = ["round", "user"]


@admin.register(Publicity)
class PublicityAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "starts_on", "ends_on", "provisional"]
    readonly_fields = ["proposed_by", "approved_by"]


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    list_display = ["number", "publicity", "lodged_on", "answered_on"]
    readonly_fields = ["contact_name", "contact_phone", "contact_email"]
