"""Pagination of the vehicle lists at a million vehicles (issue 10 point 3).

- The count is the slow half of a page of a large table: a count of CACHE_FROM rows or more is
  kept in the cache (Redis) for COUNT_SECONDS, keyed by the count query itself, so paging through
  one list counts once (such a count may lag new vehicles by up to a minute; small ones never do).
- A deep page reads its 25 ids first (an index-only scan of the ordering index), then those rows
  with their joins: the offset walks the narrow index, not the joined rows.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from portal.api_support import Pagination

COUNT_SECONDS = 60
CACHE_FROM = 10_000


class VehiclePaginator(Paginator):
    @cached_property
    def count(self) -> int:
        query = self.object_list.order_by().query
        try:
            sql, params = query.get_compiler(using=self.object_list.db).as_sql()
        except EmptyResultSet:  # a list that can hold nothing (an expert sees no vehicle): no query to key
            return 0
        key = "vehicle-count:" + hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        value = cache.get(key)
        if value is None:
            value = self.object_list.count()
            if value >= CACHE_FROM:
                cache.set(key, value, COUNT_SECONDS)
        return value

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class VehicleApiPagination(Pagination):
    django_paginator_class = VehiclePaginator
