from django.urls import path

from . import api, public_api

urlpatterns = [
    path("vehicles/", api.VehicleListCreate.as_view(), name="api-vehicles"),
    path("vehicle-imports/", api.VehicleImportCreate.as_view(), name="api-vehicle-imports"),
    path("vehicle-imports/<int:pk>/", api.VehicleImportDetail.as_view(), name="api-vehicle-import"),
    path("vehicles/<str:vin>/", api.VehicleDetail.as_view(), name="api-vehicle"),
    path("vehicles/<str:vin>/eligibility/", api.VehicleEligibility.as_view(), name="api-vehicle-eligibility"),
    path("vehicles/<str:vin>/events/", api.VehicleEvents.as_view(), name="api-vehicle-events"),
    path("vehicles/<str:vin>/verify/", api.VehicleVerify.as_view(), name="api-vehicle-verify"),
    path("vehicles/<str:vin>/dossier/", api.VehicleDossier.as_view(), name="api-vehicle-dossier"),
    path("licences/", api.LicenceListCreate.as_view(), name="api-licences"),
    path("licences/<int:pk>/", api.LicenceDetail.as_view(), name="api-licence"),
    path("licences/<int:pk>/issue/", api.LicenceIssue.as_view(), name="api-licence-issue"),
    path("licences/<int:pk>/cancel/", api.LicenceCancel.as_view(), name="api-licence-cancel"),
    path("licences/<int:pk>/pdf/", api.LicencePdf.as_view(), name="api-licence-pdf"),
]

# api.md "Public": mounted at api/v1/public/ before every other API route by portal/urls.py (issue 10: the
# busiest requests try two patterns instead of fifty).
public_urlpatterns = [
    path("licences/<str:number>/", api.PublicLicence.as_view(), name="api-public-licence"),
    path("vehicles/<str:vin>/", api.PublicVehicle.as_view(), name="api-public-vehicle"),
    # api.md v1.1: the event log
    path("vehicles/<str:vin>/events/<int:seq>/proof/", public_api.EventInclusionProof.as_view(),
         name="api-public-event-proof"),
    path("tree-heads/", public_api.TreeHeadList.as_view(), name="api-public-tree-heads"),
    path("tree-heads/latest/", public_api.LatestTreeHead.as_view(), name="api-public-tree-head-latest"),
    path("consistency/", public_api.ConsistencyProof.as_view(), name="api-public-consistency"),
    path("keys/", public_api.PublishedKeys.as_view(), name="api-public-keys"),
]
