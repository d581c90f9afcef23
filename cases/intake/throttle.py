"""Rate limits for the public pages, kept in the cache.

Only a keyed hash of the client's IP address is used, in cache keys and
anywhere else; the address itself is never stored.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def ip_hash(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    key = str(settings.IP_HASH_KEY).encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def _count(key: str, window: int) -> int:
    cache.add(key, 0, window)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def _peek(key: str) -> int:
    return int(cache.get(key) or 0)


class Limit:
    """``limit`` events per ``window`` seconds for one bucket name."""

    def __init__(self, name: str, *, per_ip: int, overall: int, window: int) -> None:
        self.name = name
        self.per_ip = per_ip
        self.overall = overall
        self.window = window

    def _keys(self, request: HttpRequest) -> tuple[str, str]:
        return (f"intake:rl:{self.name}:ip:{ip_hash(request)}", f"intake:rl:{self.name}:all")

    def is_exceeded(self, request: HttpRequest) -> bool:
        ip_key, all_key = self._keys(request)
        try:
            return _peek(ip_key) >= self.per_ip or _peek(all_key) >= self.overall
        except (RedisError, OSError):
            # Without the cache no limit can be kept; refusing everyone
            # would turn a cache outage into lost reports.
            logger.warning("intake rate limit %s: cache unavailable", self.name, exc_info=True)
            return False

    def hit(self, request: HttpRequest) -> None:
        ip_key, all_key = self._keys(request)
        try:
            _count(ip_key, self.window)
            _count(all_key, self.window)
        except (RedisError, OSError):
            logger.warning("intake rate limit %s: cache unavailable", self.name, exc_info=True)


def submit_limit() -> Limit:
    return Limit(
        "submit",
        per_ip=settings.INTAKE_SUBMISSIONS_PER_IP_PER_HOUR,
        overall=settings.INTAKE_SUBMISSIONS_PER_HOUR,
        window=3600,
    )


def wrong_code_limit() -> Limit:
    return Limit(
        "code",
        per_ip=settings.INTAKE_WRONG_CODES_PER_IP,
        overall=settings.INTAKE_WRONG_CODES_OVERALL,
        window=settings.INTAKE_WRONG_CODE_WINDOW_SECONDS,
    )
