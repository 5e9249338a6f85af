from django.urls import path

from . import api

urlpatterns = [
    path("applications/", api.ApplicationListCreate.as_view(), name="api-applications"),
    path("applications/<int:pk>/", api.ApplicationDetail.as_view(), name="api-application"),
    path("applications/<int:pk>/eligibility/", api.EligibilityView.as_view(), name="api-application-eligibility"),
    path("applications/<int:pk>/submit/", api.SubmitView.as_view(), name="api-application-submit"),
    path("applications/<int:pk>/accept/", api.AcceptView.as_view(), name="api-application-accept"),
    path("applications/<int:pk>/return/", api.ReturnView.as_view(), name="api-application-return"),
    path("applications/<int:pk>/findings/", api.FindingView.as_view(), name="api-application-findings"),
    path("applications/<int:pk>/receipt/", api.ReceiptView.as_view(), name="api-application-receipt"),
    path("applications/<int:pk>/timeline/", api.TimelineView.as_view(), name="api-application-timeline"),
    path("applications/<int:pk>/attachments/", api.AttachmentListCreate.as_view(), name="api-application-attachments"),
    path(
        "applications/<int:pk>/attachments/<int:attachment_id>/",
        api.AttachmentDownload.as_view(),
        name="api-application-attachment",
    ),
]
