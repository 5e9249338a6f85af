"""Reads worth recording (issue 9: who saw a vehicle file or an application)."""

from auditlog.models import LogEntry


def record_read(user, obj) -> LogEntry:
    """Write an ACCESS entry for `obj` read by `user` (detail pages and API details call this)."""
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
