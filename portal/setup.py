"""Things every installation needs after migrate: the role groups and the working-day table."""

from datetime import date

from django.contrib.auth.models import Group

from .roles import Role


def ensure_roles() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def ensure_calendar() -> None:
    from .models import CalendarYear
    from .workdays import fill_from_chinesecalendar

    have = set(CalendarYear.objects.values_list("year", flat=True))
    wanted = [y for y in range(2020, date.today().year + 2) if y not in have]
    if wanted:
        fill_from_chinesecalendar(wanted)


def on_post_migrate(sender, **kwargs) -> None:
    if sender.name != "portal":
        return
    ensure_roles()
    ensure_calendar()
