"""Recorded transitions and notes: who did what to which object, when and why.

Every state change of an application, case or licence calls `log_action` inside the same
transaction as the change; pages render `timeline_for(obj)` with templates/portal/_timeline.html.
"""

from django.contrib.contenttypes.models import ContentType

from .models import ActivityLog


def log_action(obj, action: str, actor=None, *, from_status: str = "", to_status: str = "", reason: str = "",
               data: dict | None = None, visible_to_enterprise: bool = True) -> ActivityLog:
    entry = _entry(obj, action, actor, from_status=from_status, to_status=to_status, reason=reason, data=data,
                   visible_to_enterprise=visible_to_enterprise)
    entry.save(force_insert=True)
    return entry


def log_actions(objs, action: str, actor=None, *, data=None) -> list[ActivityLog]:
    """`log_action` for many objects in one INSERT (bulk imports); `data(obj)` gives each row's data."""
    return ActivityLog.objects.bulk_create(
        [_entry(obj, action, actor, data=data(obj) if data else None) for obj in objs], batch_size=2000
    )


def _entry(obj, action: str, actor=None, *, from_status: str = "", to_status: str = "", reason: str = "",
           data: dict | None = None, visible_to_enterprise: bool = True) -> ActivityLog:
    return ActivityLog(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=str(from_status or ""),
        to_status=str(to_status or ""),
        reason=str(reason or ""),
        data=data or {},
        visible_to_enterprise=visible_to_enterprise,
    )


def timeline_for(obj, *, include_internal: bool = True):
    qs = ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")
    if not include_internal:
        qs = qs.filter(visible_to_enterprise=True)
    return qs.order_by("at", "id")
