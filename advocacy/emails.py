"""Sending e-mail: one helper renders subject / txt / html from one template name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated(
    *,
    template: str,
    to: Sequence[str],
    context: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> None:
    """Send ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html``
    (e.g. ``template="deadlines/email/reminder"``) as one message with a plain
    text and an HTML part. The subject is folded onto one line."""
    context = dict(context)
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers=dict(headers or {}),
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
