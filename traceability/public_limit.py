"""The per-address limit of public verification (api.md v1.1): beyond settings.PUBLIC_VERIFY_RATE
(default 60 a minute) an answer is a 429 with Retry-After in seconds, for the pages and the API alike.

Counted in fixed windows in Redis (shared by every process); when Redis is down or not configured, in
this process instead, so the limit never stops working: during an outage an address may get up to the
rate once per worker process, never without bound. A failed Redis is left alone for a few seconds
rather than asked (and waited for) on every request.

Kept apart from the login and upload limits (portal.lockout and issue 22): this one counts look-ups.
"""

import ipaddress
import math
import os
import threading
import time

from django.conf import settings

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_REDIS_TIMEOUT = 0.25  # seconds: a verification answer never waits long on the counter
_REDIS_PAUSE = 5.0  # seconds Redis is not asked again after it failed

_lock = threading.Lock()
_local_counts: dict[tuple[str, int], int] = {}
_clients: dict[str, object] = {}
_redis_down_until = 0.0
_namespace = ""  # tests: reset() gives each test its own counters


def parse_rate(rate: str) -> tuple[int, int]:
    """"60/minute" → (60, 60): (requests, window seconds); the unit is second, minute, hour or day."""
    count, _, unit = rate.partition("/")
    return int(count), _UNITS[unit.strip().rstrip("s") or "minute"]


def client_address(request) -> str:
    """The client's address as counted: REMOTE_ADDR (the proxy in front sets it, see docs/event-log.md); an
    IPv6 client counts per /64, the block one subscriber holds."""
    raw = request.META.get("REMOTE_ADDR", "") or "unknown"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def retry_after(request, *, now: float | None = None) -> int | None:
    """Count this request; None when it may be answered, else the seconds until the window ends."""
    limit, window = parse_rate(settings.PUBLIC_VERIFY_RATE)
    now = time.time() if now is None else now
    slot = int(now // window)
    key = (client_address(request), slot)
    count = _count_in_redis(key, window)
    if count is None:
        count = _count_here(key)
    if count <= limit:
        return None
    return max(1, math.ceil((slot + 1) * window - now))


def _redis():
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return None
    client = _clients.get(url)
    if client is None:
        import redis

        client = redis.Redis.from_url(url, socket_timeout=_REDIS_TIMEOUT, socket_connect_timeout=_REDIS_TIMEOUT,
                                      retry_on_timeout=False)
        _clients[url] = client
    return client


def _count_in_redis(key: tuple[str, int], window: int) -> int | None:
    global _redis_down_until
    client = _redis()
    if client is None or time.monotonic() < _redis_down_until:
        return None
    name = f"portal:verify-limit:{_namespace}{key[0]}:{key[1]}"
    try:
        pipe = client.pipeline(transaction=False)
        pipe.incr(name)
        pipe.expire(name, window + 1)
        return int(pipe.execute()[0])
    except Exception:  # noqa: BLE001 - any Redis failure: count here instead
        _redis_down_until = time.monotonic() + _REDIS_PAUSE
        return None


def _count_here(key: tuple[str, int]) -> int:
    with _lock:
        if len(_local_counts) > 10_000 or any(slot != key[1] for _addr, slot in list(_local_counts)[:1]):
            for old in [k for k in _local_counts if k[1] < key[1]]:
                del _local_counts[old]
        _local_counts[key] = _local_counts.get(key, 0) + 1
        return _local_counts[key]


def reset() -> None:
    """Forget every count (tests: each test starts with fresh counters, in Redis too)."""
    global _namespace, _redis_down_until
    with _lock:
        _local_counts.clear()
        _redis_down_until = 0.0
        _namespace = f"{os.getpid()}-{time.monotonic_ns()}:"
