"""Stable Message-IDs for the mail the app sends.

Every message is tied to the row that records it (the intake outbox row, the
reminder's or digest's "already sent" key). The log row is written in the
same transaction as the send, so a worker killed after the mail server
accepted a message but before the commit sends it once more on the rerun:
delivery is at least once. The rerun carries the same Message-ID, built from
that row's key and never from a clock or random number, so the copy is
recognisable as the same message (mail clients and servers with duplicate
suppression show it once).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings

_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


def stable_message_id(kind: str, *key: object) -> str:
    """``<kind.key1.key2@host-of-SITE_URL>``, the same for the same key."""
    local = ".".join(_UNSAFE.sub("-", str(part)) for part in (kind, *key))
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{local}@{domain}>"
