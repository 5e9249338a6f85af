from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .dashboard import nav_for, nav_key, public_links
from .roles import Role, role_names
from .selectors import unread_count

ROLE_CODES = frozenset(Role.values)


def portal(request):
    user = getattr(request, "user", None)
    names = role_names(user) if user else frozenset()
    return {
        "portal_name": "太原市二手车出口业务管理平台",
        "user_roles": names,
        "role_labels": [Role(n).label for n in names if n in ROLE_CODES],
        # Counted once, when a template shows it (the header of a signed-in page): not for the pages and
        # answers that do not (issue 25).
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user) if user else 0),
        "debug": settings.DEBUG,
        # Built only when a template reads them: reversing every link cost a public page about a
        # tenth of its time (bench/bench_http.py) and only the home pages show them.
        "nav_links": SimpleLazyObject(lambda: nav_for(user) if user and user.is_authenticated else []),
        "nav_key": SimpleLazyObject(lambda: nav_key(user) if user and user.is_authenticated else ""),
        "public_links": SimpleLazyObject(public_links),
    }
