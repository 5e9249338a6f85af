"""Rate limits that keep working when Redis is down (issue 22 point 5).

DRF's throttles keep their history in the default cache (Redis). When it cannot be reached the
limit is counted in this process instead (a LocMemCache): the limit still holds per worker
process, nothing is a 500, and counting returns to Redis as soon as it answers again.
"""

import logging

from django.core.cache.backends.locmem import LocMemCache
from rest_framework.throttling import SimpleRateThrottle

log = logging.getLogger(__name__)

# One per process, shared by every throttle class; keys carry the scope.
process_cache = LocMemCache("portal-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 50_000}})


class FallbackRateThrottle(SimpleRateThrottle):
    """A SimpleRateThrottle whose cache is the default one, or this process's when that fails."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # noqa: BLE001 - any cache failure (connection refused, timeout, …)
            log.warning("rate limit %s: the shared cache failed (%s); counting in this process", self.scope, exc)
            self.cache = process_cache
            return super().allow_request(request, view)
