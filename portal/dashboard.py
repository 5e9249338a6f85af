"""What each role's home page offers. Apps add their own tiles in AppConfig.ready(), so the
portal package never imports an app (style.md: dependencies point one way)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from .roles import role_names


@dataclass(frozen=True)
class Tile:
    roles: tuple[str, ...]
    title: str
    description: str
    url_name: str
    order: int = 100


_TILES: list[Tile] = []


def register(*roles, title, description, url_name, order=100) -> None:
    _TILES.append(Tile(tuple(str(r) for r in roles), title, description, url_name, order))


def tiles_for(user) -> list[dict]:
    names = role_names(user)
    out = []
    for tile in sorted(_TILES, key=lambda t: t.order):
        if names & set(tile.roles):
            try:
                url = reverse(tile.url_name)
            except NoReverseMatch:
                continue
            out.append({"title": tile.title, "description": tile.description, "url": url})
    return out


@dataclass(frozen=True)
class Link:
    roles: tuple[str, ...]  # empty: the public (anyone)
    title: str
    url_name: str
    order: int = 100


_NAV: list[Link] = []
_PUBLIC: list[Link] = []


def register_nav(*roles, title, url_name, order=100) -> None:
    """A link in the main menu for users holding any of `roles`."""
    _NAV.append(Link(tuple(str(r) for r in roles), title, url_name, order))


def register_public(title, url_name, order=100) -> None:
    """A link on the public pages (no login)."""
    _PUBLIC.append(Link((), title, url_name, order))


def _links(links, names=None) -> list[dict]:
    out = []
    for link in sorted(links, key=lambda item: item.order):
        if names is not None and not (names & set(link.roles)):
            continue
        try:
            out.append({"title": link.title, "url": reverse(link.url_name)})
        except NoReverseMatch:
            continue
    return out


def nav_for(user) -> list[dict]:
    return _links(_NAV, role_names(user))


def public_links() -> list[dict]:
    return _links(_PUBLIC)
