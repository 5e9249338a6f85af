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


def record_reads(user, objs) -> int:
    """ACCESS entries for every object of a list page a user was shown (issue 22 point 6: reads of
    complaints and of personal data are audited, in lists as in details). One INSERT."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    objs = list(objs)
    if not objs:
        return 0
    actor = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    entries = [
        LogEntry(
            content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk),
            object_id=obj.pk if isinstance(obj.pk, int) else None, object_repr=str(obj)[:200],
            action=LogEntry.Action.ACCESS, changes={}, actor=actor, timestamp=now,
        )
        for obj in objs
    ]
    return len(LogEntry.objects.bulk_create(entries))
