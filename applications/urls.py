from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("start/", views.application_start, name="start"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/edit/<slug:step>/", views.application_step, name="step"),
    path("<int:pk>/check/", views.application_check, name="check"),
    path("<int:pk>/submit/", views.application_submit, name="submit"),
    path("<int:pk>/receipt.pdf", views.application_receipt, name="receipt"),
    path("<int:pk>/accept/", views.application_accept, name="accept"),
    path("<int:pk>/return/", views.application_return, name="return"),
    path("<int:pk>/findings/", views.application_finding, name="finding"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("<int:pk>/attachments/<int:attachment_id>/remove/", views.attachment_remove, name="attachment-remove"),
]
