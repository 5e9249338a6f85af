from django.urls import path

from . import views
from .incidents import views as incident_views

app_name = "compliance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("forecast/", views.forecast, name="forecast"),
    path("obligations/", views.obligation_list, name="obligation-list"),
    path("violations/", views.violation_list, name="violation-list"),
    path("networks/", views.network_list, name="network-list"),
    path("networks/new/", views.network_new, name="network-new"),
    path("networks/<int:pk>/", views.network_detail, name="network-detail"),
    path("evidence/<str:kind>/<int:pk>/", views.evidence_download, name="evidence"),
    path("rectifications/", views.rectification_list, name="rectification-list"),
    path("rectifications/new/", views.rectification_new, name="rectification-new"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification-detail"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/letter.pdf", views.case_letter, name="case-letter"),
    path("exit/", views.exit_list, name="exit-list"),
    path("exit/new/", views.exit_new, name="exit-new"),
    path("exit/<int:pk>/", views.exit_detail, name="exit-detail"),
    path("mofcom-report.xlsx", views.mofcom_report, name="mofcom-report"),
    path("revocations/", views.public_revocations, name="public-revocations"),
    # 实施方案三(四) emergency response (compliance.incidents)
    path("incidents/", incident_views.incident_list, name="incident-list"),
    path("incidents/new/", incident_views.incident_new, name="incident-new"),
    path("incidents/statistics/", incident_views.incident_statistics, name="incident-statistics"),
    path("incidents/statistics.xlsx", incident_views.incident_statistics_export, name="incident-statistics-export"),
    path("incidents/<int:pk>/", incident_views.incident_detail, name="incident-detail"),
    path("incidents/<int:pk>/closing-report.pdf", incident_views.closing_report, name="incident-closing-report"),
    path("incidents/evidence/<int:pk>/", incident_views.evidence_download, name="incident-evidence"),
]
