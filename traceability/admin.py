from django.contrib import admin

from .models import InspectionQualification, Licence, TraceEvent, Vehicle, VehicleImport


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["vin", "enterprise", "brand", "model", "vehicle_type", "cleared_on", "deregistered_on"]
    list_filter = ["vehicle_type"]
    search_fields = ["vin", "plate_number", "brand"]
    readonly_fields = [f.name for f in Vehicle._meta.fields]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TraceEvent)
class TraceEventAdmin(admin.ModelAdmin):
    """Read-only: the file is append-only (the database refuses changes too)."""

    list_display = ["vehicle", "seq", "type", "occurred_on", "recorded_by_username"]
    list_filter = ["type"]
    search_fields = ["vehicle__vin"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "enterprise", "status", "issued_on", "valid_until"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Licence._meta.fields]


@admin.register(VehicleImport)
class VehicleImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "enterprise", "status", "total_rows", "imported_count", "created_at"]
    exclude = ["content"]


@admin.register(InspectionQualification)
class InspectionQualificationAdmin(admin.ModelAdmin):
    """The bureau keeps the register of inspection bodies' qualifications (办法第九条)."""

    list_display = ["organisation", "kind", "number", "covers_motor_vehicles", "valid_from", "valid_until"]
    list_filter = ["kind", "covers_motor_vehicles"]
    search_fields = ["number", "organisation__name"]
