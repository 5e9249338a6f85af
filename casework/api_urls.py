from django.urls import path

from . import api

urlpatterns = [
    path("clocks/", api.ClockList.as_view(), name="api-clocks"),
    path("clocks/<int:pk>/", api.ClockDetail.as_view(), name="api-clock"),
]
