"""Fixtures for the public intake and the staff inbox."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pikepdf
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from cases.intake.forms import fill_token_new
from tests.factories import JobcenterFactory

MARKER_IP = "198.51.100.77"


# The reports below happened in October 2026; the clock is pinned (and ticks)
# a week after, so that the tests do not depend on the day they run.
CLOCK = dt.datetime(2026, 10, 27, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(CLOCK, tick=True):
        yield


def png_bytes(color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, format="PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(out)
    return out.getvalue()


def png_upload(name="bildschirmfoto.png", color=(200, 30, 30)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(color), content_type="image/png")


def pdf_upload(name="bescheid.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def solved_challenge(page: str) -> str:
    """What the browser's proof-of-work script puts into the form for the
    challenge on ``page`` (found the same way: by trying numbers)."""
    import altcha

    found = CHALLENGE.search(page)
    assert found, "the page asks for no proof of work"
    challenge, salt, algorithm, max_number, signature = (html.unescape(g) for g in found.groups())
    solution = altcha.solve_challenge_v1(challenge, salt, algorithm, int(max_number))
    assert solution is not None
    return altcha.PayloadV1(algorithm, challenge, solution.number, salt, signature).to_base64()


CHALLENGE = re.compile(
    r'name="altcha" value="" data-challenge="([^"]+)" data-salt="([^"]+)" '
    r'data-algorithm="([^"]+)" data-max-number="(\d+)" data-signature="([^"]+)"'
)


def old_fill_token(seconds: int = 60) -> str:
    """The token of a form handed out ``seconds`` ago (a person took their time)."""
    with time_machine.travel(timezone.now() - timedelta(seconds=seconds)):
        return fill_token_new()


@pytest.fixture
def jobcenter(db):
    return JobcenterFactory(name="Jobcenter Berlin Mitte", city="Berlin")


@pytest.fixture
def report_data(jobcenter):
    """What a person types into the form."""
    return {
        "kind": "profile_research",
        "platform": "facebook",
        "occurred_on": "2026-10-01",
        "description": "Die Sachbearbeiterin zeigte mir Ausdrucke meiner Urlaubsfotos.",
        "jobcenter": str(jobcenter.pk),
        "jobcenter_text": "",
        "staff_member": "Frau Beispiel",
        "how_found_out": "Im Termin am Schreibtisch gesehen.",
        "learned_of_act_on": "2026-10-02",
        "learned_of_offender_on": "2026-10-03",
        "has_decision": "yes",
        "decision_dated_on": "2026-10-20",
        "contact_name": "Erika Mustermann",
        "contact_email": "erika@example.org",
        "contact_phone": "0301234567",
        "consent": "on",
        "website": "",
        "started": old_fill_token(),
    }


@pytest.fixture
def submit(client):
    """POST the form as a person would, from the marker address."""

    def _submit(data, files=(), follow=False, **extra):
        payload = dict(data)
        if files:
            payload["uploads"] = list(files)
        return client.post(
            reverse("intake:form"), payload, REMOTE_ADDR=MARKER_IP, follow=follow, **extra
        )

    return _submit


@pytest.fixture
def closed_broker(settings, monkeypatch):
    """Point Celery at a port where nothing listens (Celery reads the
    environment variable before its configuration)."""
    import socket

    from advocacy.celery import app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"redis://127.0.0.1:{port}/0"
    old_url = app.conf.broker_url
    settings.CELERY_BROKER_URL = url
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None
    assert app.connection_for_write().as_uri().endswith(f":{port}/0")
    yield url
    app.conf.broker_url = old_url
    app._pool = None
    app.amqp._producer_pool = None
