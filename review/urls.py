from django.urls import path

from . import documents, panel_views, views

app_name = "review"
urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("rounds/new/", views.round_create, name="round-create"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/applications/", views.round_add_application, name="round-add-application"),
    path("rounds/<int:pk>/members/", views.round_add_member, name="round-add-member"),
    path("rounds/<int:pk>/close-scoring/", views.round_close_scoring, name="round-close-scoring"),
    path("rounds/<int:pk>/publicity/", views.round_propose, name="round-propose"),
    path("rounds/<int:pk>/publicity/approve/", views.round_approve, name="round-approve"),
    path("rounds/<int:pk>/designate/", views.round_designate, name="round-designate"),
    path("rounds/<int:pk>/filed/", views.round_file, name="round-file"),
    path("rounds/<int:pk>/ranking/", documents.ranking, name="ranking"),
    path("rounds/<int:pk>/report.pdf", documents.report_pdf, name="report-pdf"),
    path("rounds/<int:pk>/report.xlsx", documents.report_xlsx, name="report-xlsx"),
    path("rounds/<int:pk>/filing.pdf", documents.filing_pdf, name="filing-pdf"),
    path("rounds/<int:pk>/filing.xlsx", documents.filing_xlsx, name="filing-xlsx"),
    path("objections/<int:pk>/answer/", views.objection_answer, name="objection-answer"),
    path("entries/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("entries/<int:pk>/stages/", views.entry_stage, name="entry-stage"),
    path("entries/<int:pk>/site-visit/", views.entry_site_visit, name="entry-site-visit"),
    path("entries/<int:pk>/letter.pdf", documents.letter, name="letter"),
    path("publicity/", documents.public_publicity, name="public-publicity"),
    path("publicity/<int:pk>/objection/", documents.public_objection, name="public-objection"),
    path("publicity/objections/", documents.public_objection_status, name="public-objection-status"),
    path("pilots/", documents.pilots, name="pilots"),
    # The panel day (答辩会, issue 24)
    path("rounds/<int:pk>/panel-days/", panel_views.day_create, name="panel-day-create"),
    path("panel-days/<int:pk>/", panel_views.day_detail, name="panel-day"),
    path("panel-days/<int:pk>/agenda/", panel_views.agenda_add, name="panel-agenda-add"),
    path("panel-days/<int:pk>/start/", panel_views.day_start, name="panel-day-start"),
    path("panel-days/<int:pk>/close/", panel_views.day_close, name="panel-day-close"),
    path("panel-days/<int:pk>/sign/", panel_views.day_sign, name="panel-day-sign"),
    path("panel-days/<int:pk>/minutes.pdf", panel_views.minutes_pdf, name="panel-minutes"),
    path("panel-items/<int:pk>/", panel_views.item_detail, name="panel-item"),
    path("panel-items/<int:pk>/remove/", panel_views.agenda_remove, name="panel-agenda-remove"),
    path("panel-items/<int:pk>/open/", panel_views.item_open, name="panel-item-open"),
    path("panel-items/<int:pk>/close/", panel_views.item_close, name="panel-item-close"),
    path("panel-items/<int:pk>/site-visit/", panel_views.item_site_visit, name="panel-item-site-visit"),
]
