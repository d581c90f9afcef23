"""Sending e-mail: one helper renders subject / txt / html from one template name.

Message-IDs:
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
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from advocacy.middleware import bidi_visible


def send_templated(
    *,
    template: str,
    to: Sequence[str],
    context: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> None:
    """Send ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html``
    (e.g. ``template="deadlines/email/reminder"``) as one message with a plain
    text and an HTML part. The subject is folded onto one line. Direction
    controls from case data (a name or Jobcenter typed into a report) show as
    markers (``[RLO]``), as on the staff pages, instead of reordering the mail."""
    context = dict(context)

    def rendered(name: str) -> str:
        return bidi_visible(render_to_string(name, context))

    message = EmailMultiAlternatives(
        subject=" ".join(rendered(f"{template}_subject.txt").split()),
        body=rendered(f"{template}.txt"),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers=dict(headers or {}),
    )
    message.attach_alternative(rendered(f"{template}.html"), "text/html")
    message.send()


_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


def stable_message_id(kind: str, *key: object) -> str:
    """``<kind.key1.key2@host-of-SITE_URL>``, the same for the same key."""
    local = ".".join(_UNSAFE.sub("-", str(part)) for part in (kind, *key))
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{local}@{domain}>"
