"""The Redis cache, with a per-process memory cache while Redis is away.

Rate limits (login, TOTP code reuse, the public form) and small markers live
in the cache. A Redis outage must not lock staff out or lose reports, so
while Redis is unreachable every cache call goes to a memory cache of the
running process instead, and a warning says so. Limits then count per
process (weaker, not off); Redis is tried again after ``RETRY_SECONDS``.

What a process wrote or deleted in its memory meanwhile is newer than what
Redis still holds (Redis keeps its data across a restart: append-only). So
when Redis answers again, the process first deletes those keys there and
empties its memory: a session ended during the outage (``cached_db``
sessions) is read from the database again instead of coming back from
Redis, and a later outage starts from an empty memory, not an old one.
Each process knows only its own changes: until the process that ended a
session makes its next cache call, another process may still read the old
copy from Redis (only a cookie kept from before the logout can use it).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedRedisClient(RedisCacheClient):
    """Django's client, with one ``redis.Redis`` per connection pool kept.

    Django builds a new ``redis.Redis`` for every cache call, and each copies
    its table of about 170 response callbacks: 0.3-0.5 ms of CPU per call,
    a dozen calls for one report from the public form. ``redis.Redis`` is
    safe to share between threads (each command takes a connection from the
    pool), and it holds no connection of its own, so an outage and a
    reconnect behave as before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own (untyped) internals: the pool for reading or writing,
        # and the client class.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            made = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            client = self._clients.setdefault(id(pool), made)
        return client


# Where each writing call takes its key(s) and its version, by position.
_WRITES = {
    "add": (0, 3),
    "set": (0, 3),
    "touch": (0, 2),
    "delete": (0, 1),
    "incr": (0, 2),
    "set_many": (0, 2),
    "delete_many": (0, 1),
}


class FallbackRedisCache(RedisCache):
    RETRY_SECONDS = 10.0

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisClient
        self._fallback = LocMemCache(
            f"redis-fallback-{id(self)}", {"TIMEOUT": self.default_timeout}
        )
        self._retry_at = 0.0
        # (key, version) written or deleted in memory while Redis was away,
        # and whether the whole cache was cleared meanwhile.
        self._stale: set[tuple[Any, Any]] = set()
        self._cleared_while_away = False

    @property
    def is_degraded(self) -> bool:
        """Is this process using its memory cache instead of Redis?"""
        return time.monotonic() < self._retry_at

    def probe(self) -> None:
        """Ping Redis itself (not the fallback); raise if unreachable."""
        self._cache.get_client(write=True).ping()  # type: ignore[attr-defined]

    def _remember_stale(self, name: str, args: tuple, kwargs: dict) -> None:
        if name == "clear":
            self._cleared_while_away = True
            return
        if name not in _WRITES:
            return
        key_at, version_at = _WRITES[name]
        keys = kwargs.get("key", kwargs.get("keys", kwargs.get("data")))
        if keys is None and len(args) > key_at:
            keys = args[key_at]
        version = kwargs.get("version", args[version_at] if len(args) > version_at else None)
        if keys is None:
            return
        if name in ("set_many", "delete_many"):
            self._stale.update((key, version) for key in keys)
        else:
            self._stale.add((keys, version))

    def _forget_stale(self) -> None:
        """Redis answers again: drop there what this process changed in
        memory meanwhile (the database or a new write is the truth now)."""
        if self._cleared_while_away:
            super().clear()
            self._cleared_while_away = False
        stale, self._stale = self._stale, set()
        by_version: dict[Any, list[Any]] = {}
        for key, version in stale:
            by_version.setdefault(version, []).append(key)
        try:
            for version, keys in by_version.items():
                super().delete_many(keys, version=version)
        except BaseException:
            self._stale |= stale  # still to do at the next attempt
            raise
        self._fallback.clear()
        logger.warning(
            "cache: Redis reachable again; %d key(s) changed meanwhile deleted there", len(stale)
        )

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self.is_degraded:
            try:
                if self._stale or self._cleared_while_away:
                    self._forget_stale()
                return getattr(super(), name)(*args, **kwargs)
            except UNREACHABLE as exc:
                self._retry_at = time.monotonic() + self.RETRY_SECONDS
                logger.warning(
                    "cache: Redis unreachable (%s: %s); this process uses its own memory "
                    "for the next %.0fs, so rate limits count per process",
                    type(exc).__name__,
                    exc,
                    self.RETRY_SECONDS,
                )
        self._remember_stale(name, args, kwargs)
        return getattr(self._fallback, name)(*args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("add", *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("touch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete_many", *args, **kwargs)

    def clear(self) -> Any:
        return self._call("clear")
