"""Mounted at the site root by portal/urls.py: the public checks of api.md "Public"."""

from django.urls import path

from . import public_views

urlpatterns = [
    path("verify/", public_views.verify_search, name="verify-search"),
    path("verify/licence/<str:number>/", public_views.verify_licence, name="verify-licence"),
    path("verify/log/", public_views.tree_heads, name="verify-tree-heads"),
    path("verify/<str:vin>/", public_views.verify_vehicle, name="verify-vehicle"),
]
