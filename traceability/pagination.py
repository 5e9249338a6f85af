"""Pagination of the vehicle lists at a million vehicles (issue 10 point 3).

- The count is the slow half of a page of a large table: a count of CACHE_FROM rows or more is
  kept in the cache (Redis) for COUNT_SECONDS, keyed by the count query itself, so paging through
  one list counts once (such a count may lag new vehicles by up to a minute; small ones never do).
- Next and previous pages are keyset pages (a `cursor`, DRF CursorPagination's idea): the rows
  after (or before) the last (first) row shown, in the list's order (-created_at, -id), read as a
  range of the ordering index (vehicle_recent_idx), so the last page costs what the first does and
  a vehicle registered meanwhile neither repeats nor skips a row.
- A numbered page (`?page=N`, api.md) still works: its 25 ids are read first (an index-only scan
  of the ordering index), then those rows with their joins; the offset walks the narrow index, not
  the joined rows, but it still grows with N — up to the middle of the list: a page past the
  middle is read from the other end of the index (offset count - page end, oldest first, turned
  round), so the last page costs what the first does. Its position is counted from the count shown
  (cached for up to a minute, like the number of pages). The first page reads 26 ids: when the
  list fits on it (a VIN search), its count is known without a count query.
"""

import base64
import binascii
import hashlib
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.utils.functional import cached_property
from psycopg2 import sql as pgsql
from rest_framework.exceptions import NotFound
from rest_framework.utils.urls import remove_query_param, replace_query_param

from portal.api_support import Pagination

COUNT_SECONDS = 60
CACHE_FROM = 10_000
ORDER = ("-created_at", "-id")
REVERSE = ("created_at", "id")
AFTER, BEFORE = "a", "b"


def encode_cursor(row, direction: str) -> str:
    """The position just after (AFTER) or just before (BEFORE) `row` in the list's order."""
    raw = f"{direction}|{row.created_at.isoformat()}|{row.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[str, datetime, int] | None:
    """(direction, created_at, id) of a cursor, or None for one the portal did not make."""
    try:
        direction, created_at, pk = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().split("|")
        position = (direction, datetime.fromisoformat(created_at), int(pk))
    except (ValueError, UnicodeDecodeError, binascii.Error):
        return None
    valid = direction in (AFTER, BEFORE) and position[1].tzinfo is not None and 0 < position[2] < 2**63
    return position if valid else None


class CursorPage(Page):
    """A page of rows next to a cursor: `number` is unknown (None); `next_cursor` and `previous_cursor`
    lead to the neighbouring pages (None at either end)."""

    def __init__(self, object_list, paginator, *, has_next: bool, has_previous: bool, number=None):
        super().__init__(object_list, number, paginator)
        self._has_next, self._has_previous = has_next, has_previous

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self._has_previous

    @property
    def next_cursor(self) -> str | None:
        return encode_cursor(self.object_list[-1], AFTER) if self._has_next and self.object_list else None

    @property
    def previous_cursor(self) -> str | None:
        return encode_cursor(self.object_list[0], BEFORE) if self._has_previous and self.object_list else None


class VehiclePaginator(Paginator):
    """Numbered pages (`page`) and keyset pages (`cursor`) of a vehicle queryset in its ORDER."""

    @cached_property
    def count(self) -> int:
        # The ids of the list, without the joined columns: the statement both keys the cache and is counted.
        query = self.object_list.order_by().select_related(None).values("pk").query
        try:
            sql, params = query.get_compiler(using=self.object_list.db).as_sql()
        except EmptyResultSet:  # a list that can hold nothing (an expert sees no vehicle): no query to key
            return 0
        key = "vehicle-count:" + hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        try:
            value = cache.get(key)
        except Exception:  # noqa: BLE001 - Redis down: count in the database (issue 22 point 5)
            return self.object_list.count()
        if value is None:
            # The statement compiled for the key, counted as it is (issue 25: .count() compiled it again).
            with connections[self.object_list.db].cursor() as cursor:
                cursor.execute(pgsql.SQL("SELECT COUNT(*) FROM ({}) counted").format(pgsql.SQL(sql)), params)
                value = cursor.fetchone()[0]
            if value >= CACHE_FROM:
                try:
                    cache.set(key, value, COUNT_SECONDS)
                except Exception:  # noqa: BLE001, S110 - the cache is an optimisation only
                    pass
        return value

    def _rows(self, ids) -> list:
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]

    def page(self, number):
        if str(number) == "1":
            return self._first_page()
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom > self.count // 2:  # nearer the end: walk the index from that end, then turn the ids round
            ids = list(self.object_list.order_by(*REVERSE).values_list("pk", flat=True)[
                self.count - top:self.count - bottom])[::-1]
        else:
            ids = list(self.object_list.order_by(*ORDER).values_list("pk", flat=True)[bottom:top])
        return CursorPage(self._rows(ids), self, number=number, has_next=number < self.num_pages,
                          has_previous=number > 1)

    def _first_page(self) -> CursorPage:
        """The first page reads one id more than it shows: a list that fits on it (a VIN search) has its
        count without a count query."""
        # The rows themselves, in one query (issue 25: the ids first, then the rows, cost a second query's
        # ORM work on every first page; the id-first read pays off only for the numbered deep pages).
        rows = list(self.object_list.order_by(*ORDER)[:self.per_page + 1])
        if len(rows) <= self.per_page:
            self.__dict__["count"] = len(rows)
        return CursorPage(rows[:self.per_page], self, number=1, has_next=len(rows) > self.per_page,
                          has_previous=False)

    def cursor_page(self, token: str) -> CursorPage | None:
        """The page after or before the cursor's row; None for a cursor the portal did not make."""
        position = decode_cursor(token)
        if position is None:
            return None
        direction, created_at, pk = position
        keys = Tuple(F("created_at"), F("id"))
        if direction == AFTER:
            qs = self.object_list.filter(TupleLessThan(keys, (created_at, pk))).order_by(*ORDER)
        else:
            qs = self.object_list.filter(TupleGreaterThan(keys, (created_at, pk))).order_by("created_at", "id")
        ids = list(qs.values_list("pk", flat=True)[:self.per_page + 1])
        more = len(ids) > self.per_page
        ids = ids[:self.per_page]
        if direction == AFTER:
            return CursorPage(self._rows(ids), self, has_next=more, has_previous=True)
        return CursorPage(self._rows(ids[::-1]), self, has_next=True, has_previous=more)

    def page_for(self, params) -> CursorPage:
        """The page a request asks for: its `cursor` if valid, else its `page` (the first if neither)."""
        if params.get("cursor"):
            page = self.cursor_page(params["cursor"])
            if page is not None:
                return page
        number = params.get("page") or 1
        return self.page(1) if str(number) == "1" else self.get_page(number)


class VehicleApiPagination(Pagination):
    """api.md's envelope {"count", "next", "previous", "results"}; `page` still selects a numbered page,
    and `next`/`previous` are keyset links (`cursor`)."""

    django_paginator_class = VehiclePaginator
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        token = request.query_params.get(self.cursor_query_param)
        if not token:
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        self.page = paginator.cursor_page(token)
        if self.page is None:
            raise NotFound(self.invalid_page_message.format(page_number=token, message="cursor"))
        return list(self.page)

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_next_link(self):
        return self._link(self.page.next_cursor)

    def get_previous_link(self):
        return self._link(self.page.previous_cursor)

    def get_schema_operation_parameters(self, view):
        return [*super().get_schema_operation_parameters(view), {
            "name": self.cursor_query_param, "required": False, "in": "query",
            "description": "An opaque position given by `next` or `previous` (keyset pagination).",
            "schema": {"type": "string"},
        }]
