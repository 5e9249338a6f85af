from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("complaints/new/", views.complaint_new, name="complaint-new"),
    path("complaints/status/", views.complaint_status, name="complaint-status"),
    path("policy/implementation-plan/", views.policy_document, {"slug": "implementation-plan"}, name="policy-plan"),
    path("policy/management-measures/", views.policy_document, {"slug": "management-measures"},
         name="policy-measures"),
    path("pilot-enterprises/", views.pilot_enterprises, name="pilot-enterprises"),
    path("complaints/", views.complaint_list, name="complaint-list"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("complaints/<int:pk>/<str:action>/", views.complaint_action, name="complaint-action"),
    path("complaints/<int:pk>/attachments/<int:attachment_id>/", views.complaint_attachment,
         name="complaint-attachment"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics-export"),
    path("statistics/quarterly-report/", views.quarterly_report, name="quarterly-report"),
]
