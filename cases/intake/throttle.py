"""Slowing down floods of the public pages without locking anyone out.

Nothing here refuses a request outright. Counters in the cache decide how
hard a proof-of-work challenge (``cases.intake.challenge``) a request must
solve first: none while things are quiet, so the form works without
JavaScript; a small one for everybody once many reports arrive; a harder one
with every further attempt from the same address, or every further wrong
receipt code typed for the same code prefix. Wrong codes are counted per
address and per code prefix, never overall, so guesses by others cannot
block the person who has the right code.

What the cache holds cannot be mapped back to an address. Each counter key
is an HMAC of the address's bucket (``advocacy.network.address_bucket``)
under a pepper for the current time window. The peppers derive from a
random root made when the process starts and kept only in its memory: not
in the database, the cache, the settings or any file. With a dump of all
three nobody can test candidate addresses against the keys, and keys of
different windows cannot be linked. Counters live for one fixed window, so
their expiry tells the window, not the minute of a report. (gunicorn runs
with ``--preload`` so that its workers share the root; a restart starts new
windows with fresh counters.)
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from redis.exceptions import RedisError

from advocacy.network import address_bucket, client_address

logger = logging.getLogger(__name__)

# Never written anywhere: regenerated on every start.
_ROOT = secrets.token_bytes(32)

MAX_LEVEL = 6
# Load alone never asks a genuine reporter for more than this level: headless
# Chromium on a busy two-core machine needed 0.2-0.5 s for level 1, 0.4-2.7 s
# for level 2 and 4-8 s for level 3 (static/js/proof-of-work.js). Only an
# address's own attempts, or guesses at one code prefix, climb higher.
MAX_LOAD_LEVEL = 2


def _window(seconds: int, now: float | None = None) -> int:
    return int((time.time() if now is None else now) // seconds)


def _pepper(purpose: str, window: int) -> bytes:
    return hmac.new(_ROOT, f"{purpose}:{window}".encode(), hashlib.sha256).digest()


def _key(purpose: str, subject: str, window_seconds: int) -> tuple[str, int]:
    """The cache key for ``subject`` in the current window, and how long the
    window still lasts."""
    now = time.time()
    window = _window(window_seconds, now)
    digest = hmac.new(_pepper(purpose, window), subject.encode(), hashlib.sha256).hexdigest()
    remaining = int((window + 1) * window_seconds - now) + 1
    return f"intake:rl:{purpose}:{digest[:32]}", remaining


def _overall_key(purpose: str, window_seconds: int) -> tuple[str, int]:
    now = time.time()
    window = _window(window_seconds, now)
    return f"intake:rl:{purpose}:all:{window}", int((window + 1) * window_seconds - now) + 1


def _peek(key: str) -> int:
    try:
        return int(cache.get(key) or 0)
    except (RedisError, OSError):
        # Without the cache no counter can be kept; asking nobody for a
        # challenge keeps the form open during a cache outage.
        logger.warning("intake throttle: cache unavailable", exc_info=True)
        return 0


def _bump(key: str, timeout: int) -> None:
    try:
        cache.add(key, 0, timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout)
    except (RedisError, OSError):
        logger.warning("intake throttle: cache unavailable", exc_info=True)


def _level_over(count: int, free: int) -> int:
    """0 while ``count`` is below ``free``; then one level more for each
    further attempt."""
    if count < free:
        return 0
    return min(MAX_LEVEL, 1 + count - free)


def _level_load(count: int, threshold: int) -> int:
    """0 below ``threshold`` reports per window; then one level more each
    time the number doubles, up to ``MAX_LOAD_LEVEL``."""
    if count < threshold:
        return 0
    return min(MAX_LOAD_LEVEL, 1 + int(math.log2(count / threshold)))


@dataclass(frozen=True)
class SubmitThrottle:
    """Reports and additions from the public form.

    Another public action that costs the server (the self-service letters,
    ``letters.views.self_service``) uses the same rules under its own
    ``purpose``, with counters of its own and its own allowances; without
    them the form's settings apply."""

    window: int = 3600
    purpose: str = "submit"
    per_address: int | None = None
    above_per_window: int | None = None

    def _address_key(self, request: HttpRequest) -> tuple[str, int]:
        return _key(self.purpose, address_bucket(client_address(request)), self.window)

    def level(self, request: HttpRequest) -> int:
        own = _peek(self._address_key(request)[0])
        overall = _peek(_overall_key(self.purpose, self.window)[0])
        per_address = self.per_address or settings.INTAKE_SUBMISSIONS_PER_ADDRESS
        above = self.above_per_window or settings.INTAKE_CHALLENGE_ABOVE_PER_HOUR
        return max(_level_over(own, per_address), _level_load(overall, above))

    def attempted(self, request: HttpRequest) -> None:
        """Count an attempt from this address."""
        _bump(*self._address_key(request))

    def accepted(self) -> None:
        """Count a stored report (a rendered letter) towards the overall load."""
        _bump(*_overall_key(self.purpose, self.window))


@dataclass(frozen=True)
class CodeThrottle:
    """Receipt codes typed on the status page."""

    window: int = 15 * 60

    def _keys(self, request: HttpRequest, lookup_key: str) -> list[tuple[str, int]]:
        return [
            _key("code-address", address_bucket(client_address(request)), self.window),
            _key("code-prefix", lookup_key, self.window),
        ]

    def level(self, request: HttpRequest, lookup_key: str) -> int:
        """Climbs with the guessing address's own wrong codes; guesses at the
        code's prefix from elsewhere, which may be someone else's, never ask
        more than load does (``MAX_LOAD_LEVEL``): they cannot make the right
        code cost more than a few seconds."""
        by_address, by_prefix = (_peek(key) for key, _ttl in self._keys(request, lookup_key))
        return max(
            _level_over(by_address, settings.INTAKE_WRONG_CODES_PER_ADDRESS),
            min(MAX_LOAD_LEVEL, _level_over(by_prefix, settings.INTAKE_WRONG_CODES_PER_PREFIX)),
        )

    def wrong(self, request: HttpRequest, lookup_key: str) -> None:
        for key, ttl in self._keys(request, lookup_key):
            _bump(key, ttl)
