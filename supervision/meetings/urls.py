from django.urls import path

from . import views

# Included under supervision/ (its namespace).
urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/minutes.pdf", views.meeting_minutes, name="meeting-minutes"),
    path("meetings/tasks/", views.task_list, name="meeting-task-list"),
    path("meetings/tasks/<int:pk>/", views.task_detail, name="meeting-task"),
]
