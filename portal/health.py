"""State of the database, the broker, a worker and beat, for /healthz."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from .celery import app
from .models import Heartbeat


def check_database() -> tuple[str, str]:
    """("ok" or the error, the server: engine and version)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        return "ok", f"PostgreSQL {version}"
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        return f"error: {exc.__class__.__name__}", "PostgreSQL"


def check_broker() -> tuple[str, str]:
    """("ok" or the error, the broker: Redis and its version, or the transport another URL names)."""
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            if conn.transport.driver_type != "redis":
                return "ok", conn.transport.driver_type
            return "ok", f"Redis {conn.default_channel.client.info('server')['redis_version']}"
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}", "Redis"


def check_worker() -> str:
    try:
        replies = app.control.ping(timeout=2, limit=1)
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"
    return "ok" if replies else "no worker answered"


def check_beat() -> str:
    beat = Heartbeat.objects.filter(name="beat").first()
    if beat is None:
        return "no heartbeat yet"
    age = timezone.now() - beat.beat_at
    return "ok" if age < timedelta(minutes=3) else f"stale ({int(age.total_seconds())} s)"


def report() -> tuple[bool, dict]:
    (database, database_server), (broker, broker_server) = check_database(), check_broker()
    state = {"database": database, "broker": broker}
    state["worker"] = check_worker() if state["broker"] == "ok" else "unknown"
    state["beat"] = check_beat() if state["database"] == "ok" else "unknown"
    healthy = all(state[k] == "ok" for k in ("database", "broker", "worker"))
    servers = {"database_server": database_server, "broker_server": broker_server}
    return healthy, {"status": "ok" if healthy else "degraded", **state, **servers}
