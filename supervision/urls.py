from django.urls import include, path

from . import incident_views, policy_versions, rating_views, views

app_name = "supervision"
urlpatterns = [
    path("complaints/new/", views.complaint_new, name="complaint-new"),
    path("complaints/status/", views.complaint_status, name="complaint-status"),
    path("policy/implementation-plan/", views.policy_document, {"slug": "implementation-plan"}, name="policy-plan"),
    path("policy/management-measures/", views.policy_document, {"slug": "management-measures"},
         name="policy-measures"),
    path("policy/parameters/", policy_versions.policy_versions, name="policy-versions"),  # issue 24
    path("pilot-enterprises/", views.pilot_enterprises, name="pilot-enterprises"),
    path("complaints/", views.complaint_list, name="complaint-list"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint-detail"),
    path("complaints/<int:pk>/incident/", incident_views.open_incident, name="complaint-open-incident"),
    path("complaints/<int:pk>/<str:action>/", views.complaint_action, name="complaint-action"),
    path("complaints/<int:pk>/attachments/<int:attachment_id>/", views.complaint_attachment,
         name="complaint-attachment"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("statistics/export/", views.statistics_export, name="statistics-export"),
    path("statistics/quarterly-report/", views.quarterly_report, name="quarterly-report"),
    # 双随机、一公开 and the 联席会议 (issue 23)
    path("", include("supervision.inspections.urls")),
    path("", include("supervision.meetings.urls")),
    # 好差评 (issue 23 point 4)
    path("ratings/", rating_views.rating_list, name="ratings"),
    path("ratings/rate/<slug:kind>/<int:pk>/", rating_views.rate, name="rate"),
    path("ratings/complaint/<str:token>/", rating_views.public_rate_complaint, name="public-rate-complaint"),
    path("ratings/follow-ups/", rating_views.follow_up_list, name="follow-up-list"),
    path("ratings/follow-ups/<int:pk>/", rating_views.follow_up_detail, name="follow-up-detail"),
    path("ratings/follow-ups/<int:pk>/resolve/", rating_views.follow_up_resolve, name="follow-up-resolve"),
    path("ratings/figures/", rating_views.public_rating_figures, name="public-rating-figures"),
    path("ratings/figures/export/", rating_views.rating_figures_export, name="rating-figures-export"),
]
