from django.urls import path

from . import views

# Included under supervision/ (its namespace).
urlpatterns = [
    path("inspections/", views.plan_list, name="inspection-plan-list"),
    path("inspections/inspectors/", views.inspector_list, name="inspector-list"),
    path("inspections/<int:pk>/", views.plan_detail, name="inspection-plan"),
    path("inspections/visits/<int:pk>/", views.visit_detail, name="inspection-visit"),
    path("random-checks/", views.public_plan_list, name="public-inspections"),
    path("random-checks/results/", views.published_results, name="public-inspection-results"),
    path("random-checks/<int:pk>/", views.public_plan, name="public-inspection-plan"),
    path("random-checks/<int:pk>/draw.json", views.public_plan_json, name="public-inspection-plan-json"),
    path("random-checks/<int:pk>/draw.pdf", views.plan_pdf, name="public-inspection-plan-pdf"),
]
