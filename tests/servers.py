"""pytest plugin (pyproject addopts `-p tests.servers`): the servers and names of a test run, set
before pytest-django reads the settings.

- No DATABASE_URL / REDIS_URL (a newcomer's `make test`): a throwaway PostgreSQL and Redis from the
  wheels (portal.embedded), started once by the main process and stopped when it exits; pytest-xdist's
  workers inherit their addresses and each makes its own test database (test_portal_gw0, …).
- Each process gets its own Celery queue and cache key prefix, so parallel workers sharing one Redis
  never take each other's tasks or rate-limit counters.
"""

import atexit
import os
from contextlib import ExitStack

from portal import embedded

worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if not worker and not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
    _servers = ExitStack()
    os.environ.update(_servers.enter_context(embedded.servers(throwaway=True)))
    atexit.register(_servers.close)

# A developer's running `make run` worker must never take the tests' tasks either.
queue = os.environ.get("CELERY_QUEUE") or f"portal-test-{os.getpid()}"
os.environ["CELERY_QUEUE"] = f"{queue}-{worker}" if worker else queue
os.environ["CACHE_KEY_PREFIX"] = f"test-{os.getpid()}"
os.environ.setdefault("PORTAL_EMBEDDED", "1")
