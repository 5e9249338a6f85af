from django.urls import path

from . import api

urlpatterns = [
    path("public/complaints/", api.PublicComplaintCreateView.as_view(), name="api-public-complaint-create"),
    path("public/complaints/<str:number>/", api.PublicComplaintStatusView.as_view(), name="api-public-complaint"),
    path("complaints/", api.ComplaintListView.as_view(), name="api-complaints"),
    path("complaints/<int:pk>/", api.ComplaintDetailView.as_view(), name="api-complaint"),
    path("complaints/<int:pk>/triage/", api.triage_view, name="api-complaint-triage"),
    path("complaints/<int:pk>/assign/", api.assign_view, name="api-complaint-assign"),
    path("complaints/<int:pk>/answer/", api.answer_view, name="api-complaint-answer"),
    path("complaints/<int:pk>/close/", api.close_view, name="api-complaint-close"),
    path("complaints/<int:pk>/revocation/", api.revocation_view, name="api-complaint-revocation"),
]
