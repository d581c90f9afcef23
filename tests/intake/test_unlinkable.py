"""No reporter's address can be recovered from what is stored.

Someone holding a dump of the database, the cache (Redis) and the settings
tries every loopback address against every secret found in them, the way
the old keys (an HMAC of the address under the secret key) were broken.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import time

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from cases.intake import codes, throttle
from cases.intake.throttle import CodeThrottle, SubmitThrottle
from tests.intake.conftest import old_fill_token

pytestmark = pytest.mark.django_db

CANDIDATES = [str(ipaddress.ip_address("127.0.0.0") + n) for n in range(256)]
CONTROL = "127.0.0.200"


def redis_dump() -> list[str]:
    client = cache._cache.get_client(write=False)  # type: ignore[attr-defined]
    dumped = []
    for key in client.keys("*"):
        dumped.append(key.decode(errors="replace"))
        if client.type(key) == b"string":
            dumped.append(client.get(key).decode(errors="replace"))
        dumped.append(str(client.ttl(key)))
    return dumped


def database_dump() -> list[str]:
    values = []
    for model in apps.get_models():
        for row in model.objects.values_list():
            values += [str(value) for value in row if value is not None]
    return values


def settings_secrets() -> list[str]:
    found = []
    for name in dir(django_settings):
        if name.isupper():
            value = getattr(django_settings, name)
            if isinstance(value, str | bytes) and len(value) >= 8:
                found.append(value.decode() if isinstance(value, bytes) else value)
    return found


# The windows a counter can be in while the test runs, per purpose.
PURPOSES = {"submit": SubmitThrottle().window, "code-address": CodeThrottle().window}


def _keyed(secret: bytes, address: str) -> list[str]:
    """What the throttle's keys for ``address`` would be if ``secret`` were
    its root: the per-window pepper, then the HMAC of the address."""
    digests = []
    for purpose, seconds in PURPOSES.items():
        now = int(time.time() // seconds)
        for window in (now - 1, now, now + 1):
            pepper = hmac.new(secret, f"{purpose}:{window}".encode(), hashlib.sha256).digest()
            digests.append(hmac.new(pepper, address.encode(), hashlib.sha256).hexdigest())
    return digests


def recovered(blob: str, secrets: list[str | bytes]) -> set[str]:
    """Candidate addresses whose hash under any of ``secrets`` (or none),
    directly or as the throttle's root, appears in ``blob``: a bounded
    dictionary attack."""
    windows = {
        run[i : i + 16] for run in re.findall(r"[0-9a-f]{16,}", blob) for i in range(len(run) - 15)
    }
    keys = [secret.encode() if isinstance(secret, str) else secret for secret in secrets]
    hits = set()
    for address in CANDIDATES:
        digests = [hashlib.sha256(address.encode()).hexdigest()]
        for key in keys:
            digests.append(hmac.new(key, address.encode(), "sha256").hexdigest())
            digests += _keyed(key, address)
        if any(digest[:16] in windows for digest in digests):
            hits.add(address)
        if f"{address}\x00" in blob or f"'{address}'" in blob or f'"{address}"' in blob:
            hits.add(address)
    return hits


def test_a_dump_of_database_cache_and_settings_maps_no_key_back_to_an_address(report_data):
    if django_settings.REDIS_URL == "none://":
        pytest.skip("reads what Redis holds; the embedded setup keeps its counters in files")
    cache.clear()
    factory = RequestFactory()
    for address in CANDIDATES[1:151]:
        request = factory.post("/", REMOTE_ADDR=address)
        SubmitThrottle().attempted(request)
        CodeThrottle().wrong(request, codes.code_lookup_key("1234567890123456"))
    for address in ("127.0.0.151", "127.0.0.152"):
        response = Client().post(
            reverse("intake:form"), dict(report_data, started=old_fill_token()), REMOTE_ADDR=address
        )
        assert response.status_code == 302
        Client().post(reverse("intake:status"), {"code": "9" * 16}, REMOTE_ADDR=address)
    # Positive control: one key the old way, so the search is shown to work.
    old_key = hmac.new(
        django_settings.SECRET_KEY.encode(), CONTROL.encode(), hashlib.sha256
    ).hexdigest()[:32]
    cache.set(f"intake:rl:submit:ip:{old_key}", 1, 3600)

    cached, stored = redis_dump(), database_dump()
    dump = cached + stored
    # Anything long enough to be a key: settings, stored values, cached values.
    secrets: list[str | bytes] = settings_secrets() + [
        value for value in stored + cached[1::3] if len(value) >= 16 and ":" not in value
    ]
    assert len(cached) > 900  # 300 counters (key, value, expiry) are there to be attacked
    blob = "\x00".join(dump) + "\x00"

    assert recovered(blob, secrets) == {CONTROL}
    # The search does attack the keys as they are made: had the root been
    # stored anywhere, every address would be found.
    assert recovered(blob, [throttle._ROOT]) >= set(CANDIDATES[1:153])


def test_a_counter_expires_with_its_window_not_minutes_after_the_attempt(monkeypatch):
    """The expiry of a counter tells the hour it was written in, not when."""
    seconds = SubmitThrottle().window
    start = (int(time.time()) // seconds + 1) * seconds
    ends = set()
    for offset in (5, 600, seconds - 5):
        monkeypatch.setattr(throttle.time, "time", lambda offset=offset: start + offset)
        key, ttl = throttle._key("submit", "127.0.0.1", seconds)
        ends.add(start + offset + ttl)
    assert len(ends) == 1
