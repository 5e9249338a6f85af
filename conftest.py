import os

# Tests use their own Celery queue, so a developer's running `make run` worker never takes them.
os.environ.setdefault("CELERY_QUEUE", f"portal-test-{os.getpid()}")
os.environ.setdefault("PORTAL_EMBEDDED", "1")

pytest_plugins = ["tests.fixtures"]
