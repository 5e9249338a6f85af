from django.urls import path

from . import decision_views, views

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
    path("discrepancies/<int:pk>/resolve/", views.resolve_discrepancy, name="resolve-discrepancy"),
    path("case/<str:kind>/<int:pk>/decisions/", decision_views.prepare, name="prepare-decision"),
    path("decisions/", decision_views.decision_list, name="decision-list"),
    path("decisions/<int:pk>/", decision_views.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/authorise/", decision_views.authorise, name="authorise-decision"),
    path("decisions/<int:pk>/return/", decision_views.return_decision, name="return-decision"),
    path("decisions/<int:pk>/letter.pdf", decision_views.letter_pdf, name="letter-pdf"),
    path("decisions/<int:pk>/letter/regenerate/", decision_views.regenerate, name="regenerate-letter"),
    path("licences/<int:pk>/lifecycle/", decision_views.licence_change, name="licence-change"),
]
