"""Periodic jobs, registered by each app in AppConfig.ready() and created by setup_schedules."""

_SCHEDULES: list[tuple[str, str, str, object]] = [("portal.heartbeat", "portal.tasks.heartbeat", "interval", 30)]


def register(name: str, task: str, *, every_seconds: int | None = None, daily_at: str | None = None) -> None:
    kind, spec = ("interval", every_seconds) if every_seconds else ("daily", daily_at)
    if all(existing[0] != name for existing in _SCHEDULES):
        _SCHEDULES.append((name, task, kind, spec))


def all_schedules():
    return list(_SCHEDULES)
