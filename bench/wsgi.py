"""The WSGI application of bench/bench_http.py's gunicorn: the portal's own (`portal.wsgi`), except
`/_bench/floor/bare/` (bench/floor.py), which goes to a Django handler without any middleware: the
framework's floor, same process, settings and database connection. Not used outside bench/."""

import os

from django.core.handlers.wsgi import WSGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ["PORTAL_BENCH_FLOOR"] = "1"

# Django is set up by portal.wsgi first: bench.floor imports the portal's models.
from portal.wsgi import application as portal_application  # noqa: E402, I001
from bench.floor import BARE_PATH  # noqa: E402


class BareHandler(WSGIHandler):
    """Django's WSGI handler with an empty middleware list."""

    def load_middleware(self, is_async=False):
        from django.conf import settings

        saved = settings.MIDDLEWARE
        settings.MIDDLEWARE = []
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = saved


bare_application = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PATH:
        return bare_application(environ, start_response)
    return portal_application(environ, start_response)
