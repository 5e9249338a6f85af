"""What each role's home page offers. Apps add their own tiles in AppConfig.ready(), so the
portal package never imports an app (style.md: dependencies point one way)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import NoReverseMatch, reverse

from .roles import Role, has_role, role_names
from .scope import auditor_may_reach, is_auditor_only


@dataclass(frozen=True)
class Tile:
    roles: tuple[str, ...]
    title: str
    description: str
    url_name: str
    order: int = 100
    count: Callable | None = None  # count(user) -> int: one bounded query (issue 20 point 5)
    count_label: str = ""  # what the number counts ("待受理")
    condition: Callable | None = None  # condition(user) -> bool: shown only when true


_TILES: list[Tile] = []


def register(*roles, title, description, url_name, order=100, count=None, count_label="", condition=None) -> None:
    _TILES.append(Tile(tuple(str(r) for r in roles), title, description, url_name, order, count, count_label, condition))


def tiles_for(user) -> list[dict]:
    names = role_names(user)
    auditor_only = is_auditor_only(user)  # the auditor's scope is the audit log (portal.scope)
    out = []
    for tile in sorted(_TILES, key=lambda t: t.order):
        if names & set(tile.roles) and (tile.condition is None or tile.condition(user)) \
                and (not auditor_only or auditor_may_reach(tile.url_name)):
            try:
                url = reverse(tile.url_name)
            except NoReverseMatch:
                continue
            out.append({"title": tile.title, "description": tile.description, "url": url,
                        "count": tile.count(user) if tile.count else None, "count_label": tile.count_label})
    return out


# --- "My next deadlines" (issue 20 point 5): apps register a reader; portal imports none of them ---

_DEADLINES: list[Callable] = []


def register_deadlines(reader: Callable) -> None:
    """reader(user, today) -> [{"title", "due_on": date, "url", "what"}]: the user's open deadlines,
    read in a bounded number of queries."""
    _DEADLINES.append(reader)


def deadlines_for(user, today: date, limit: int = 5) -> list[dict]:
    rows = [row for reader in _DEADLINES for row in (reader(user, today) or [])]
    rows.sort(key=lambda row: (row["due_on"], str(row["title"])))
    for row in rows:
        row["days_left"] = (row["due_on"] - today).days
        row["days_overdue"] = -row["days_left"]
    return rows[:limit]


def pilot_or_not_enterprise(user) -> bool:
    """A tile condition: enterprise users see it once their organisation has been a pilot enterprise
    (vehicles and licences belong to pilots: 办法第五、六条); every other role sees it."""
    from .models import PilotStatus

    if not has_role(user, Role.ENTERPRISE_USER):
        return True
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.pilot_status != PilotStatus.NONE


@dataclass(frozen=True)
class Link:
    roles: tuple[str, ...]  # empty: the public (anyone)
    title: str
    url_name: str
    order: int = 100
    condition: Callable | None = None


_NAV: list[Link] = []
_PUBLIC: list[Link] = []


def register_nav(*roles, title, url_name, order=100, condition=None) -> None:
    """A link in the main menu for users holding any of `roles` (and meeting `condition(user)`)."""
    _NAV.append(Link(tuple(str(r) for r in roles), title, url_name, order, condition))


def register_public(title, url_name, order=100) -> None:
    """A link on the public pages (no login)."""
    _PUBLIC.append(Link((), title, url_name, order))


def _links(links, names=None, user=None) -> list[dict]:
    out = []
    auditor_only = user is not None and is_auditor_only(user)
    for link in sorted(links, key=lambda item: item.order):
        if names is not None and not (names & set(link.roles)):
            continue
        if link.condition is not None and not link.condition(user):
            continue
        if auditor_only and not auditor_may_reach(link.url_name):  # no menu link leads outside its scope
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        if all(item["url"] != url for item in out):  # one link per page, however often an app registered it
            out.append({"title": link.title, "url": url})
    return out


def nav_for(user) -> list[dict]:
    return _links(_NAV, role_names(user), user)


def nav_key(user) -> str:
    """Everything nav_for(user) depends on, as a key: the roles, the auditor's scope and each link's
    condition. Users with the same key see the same menu, so base.html renders it once per key and
    language (issue 25)."""
    conditions = "".join("1" if link.condition(user) else "0" for link in _NAV if link.condition is not None)
    return f"{','.join(sorted(role_names(user)))}|{int(is_auditor_only(user))}|{conditions}"


def public_links() -> list[dict]:
    return _links(_PUBLIC)
