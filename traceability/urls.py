from django.urls import path

from . import views

app_name = "traceability"
urlpatterns = [
    path("", views.vehicle_list, name="vehicle-list"),
    path("new/", views.vehicle_create, name="vehicle-create"),
    path("export.xlsx", views.vehicle_export, name="vehicle-export"),
    path("import/", views.import_start, name="import"),
    path("import/template.xlsx", views.import_template, name="import-template"),
    path("import/<int:pk>/", views.import_progress, name="import-progress"),
    path("import/<int:pk>/status/", views.import_status, name="import-status"),
    path("licences/", views.licence_list, name="licence-list"),
    path("licences/new/", views.licence_create, name="licence-create"),
    path("licences/<int:pk>/", views.licence_detail, name="licence-detail"),
    path("licences/<int:pk>/issue/", views.licence_issue, name="licence-issue"),
    path("licences/<int:pk>/cancel/", views.licence_cancel, name="licence-cancel"),
    path("licences/<int:pk>/licence.pdf", views.licence_pdf, name="licence-pdf"),
    path("<str:vin>/", views.vehicle_detail, name="vehicle-detail"),
    path("<str:vin>/events/new/", views.event_create, name="event-create"),
    path("<str:vin>/verify/", views.vehicle_verify, name="vehicle-verify"),
    path("<str:vin>/dossier.pdf", views.vehicle_dossier, name="vehicle-dossier"),
    path("<str:vin>/attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
