from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("export.xlsx", views.queue_export, name="queue-export"),
    path("assign/", views.assign, name="assign"),
    path("searches/", views.save_search, name="save-search"),
    path("case/<str:kind>/<int:pk>/", views.case_detail, name="case-detail"),
    path("case/<str:kind>/<int:pk>/notes/", views.add_note, name="add-note"),
    path("case/<str:kind>/<int:pk>/information/", views.request_information, name="request-information"),
    path("information/<int:pk>/answer/", views.answer_information, name="answer-information"),
    path("notes/attachments/<int:pk>/", views.note_attachment, name="note-attachment"),
    path("clocks/<int:pk>/", views.clock_detail, name="clock-detail"),
    path("discrepancies/", views.discrepancy_list, name="discrepancy-list"),
]
