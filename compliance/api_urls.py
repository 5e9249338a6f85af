from django.urls import path

from . import api

urlpatterns = [
    path("compliance/obligations/", api.ObligationList.as_view(), name="api-compliance-obligations"),
    path("compliance/obligations/<int:pk>/", api.ObligationDetail.as_view(), name="api-compliance-obligation"),
    path("compliance/violations/", api.ViolationList.as_view(), name="api-compliance-violations"),
    path("compliance/violations/<int:pk>/", api.ViolationDetail.as_view(), name="api-compliance-violation"),
    path("compliance/rectifications/<int:pk>/", api.RectificationDetail.as_view(), name="api-compliance-rectification"),
    path("compliance/cases/<int:pk>/", api.RevocationCaseDetail.as_view(), name="api-compliance-case"),
    path("compliance/exits/<int:pk>/", api.ExitApplicationDetail.as_view(), name="api-compliance-exit"),
]
