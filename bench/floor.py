"""The floor of a request (issue 25): what the smallest view costs through the same gunicorn, settings,
middleware stack and database connection as the pages measured beside it.

Served only when settings.PORTAL_BENCH_FLOOR is on (env `PORTAL_BENCH_FLOOR=1`, which bench/bench_http.py
sets for its own gunicorn); production URLs never include these routes.

- `/_bench/floor/`: one `SELECT 1` on the portal's database connection (the connection health check of
  CONN_HEALTH_CHECKS comes first, as for every view), a short text answer, every middleware of
  settings.MIDDLEWARE. Requested with a session cookie it is the logged-in floor: the middleware then
  loads the session, the user and the second-factor state as for any page.
- `/_bench/floor.json`: the same as a DRF view rendering JSON like the public verification API
  (`traceability.api.PublicView`: no authentication, throttles or negotiation), but without the per-address
  limit's counter and without the signature, so the difference is what those cost.
- `/_bench/floor/page/`: the same `SELECT 1` rendered into base.html (header, menu, breadcrumbs, footer):
  what every HTML page of the portal costs before its own content.
- `/_bench/floor/bare/`: the same `SELECT 1` view without any middleware (bench/wsgi.py routes it to a
  Django handler whose middleware list is empty), the framework's own floor.
"""

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from traceability.api import JSONOnly

BARE_PATH = "/_bench/floor/bare/"


def select_one() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0]


def floor(request):
    return HttpResponse(f"floor {select_one()}\n", content_type="text/plain; charset=utf-8")


PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}floor{% endblock %}{% block content %}<p>floor {{ one }}</p>{% endblock %}'
)


def floor_page(request):
    return HttpResponse(PAGE.render({"one": select_one()}, request))


class FloorJson(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly

    def get(self, request):
        return Response({"floor": select_one()})


urlpatterns = [
    path("_bench/floor/", floor, name="bench-floor"),
    path("_bench/floor/bare/", floor, name="bench-floor-bare"),
    path("_bench/floor/page/", floor_page, name="bench-floor-page"),
    path("_bench/floor.json", FloorJson.as_view(), name="bench-floor-json"),
]
