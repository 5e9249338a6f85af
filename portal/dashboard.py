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
