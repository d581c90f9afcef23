"""A NUL byte is bad input, not a crash: every URL pattern answers 400 with
a page that says what is wrong, whether the NUL comes in the query string, a
form field or the path, for anonymous visitors and for staff."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.urls.converters import PathConverter, StringConverter
from django.utils import timezone

from advocacy.tasks import beat_heartbeat
from tests.factories import CaseFactory
from tests.harness.faults import plausible_submission
from tests.harness.test_fault_scenarios import RECEIPT_CODE
from tests.harness.urlwalk import routes

MESSAGE = "Die Anfrage enthält ein unzulässiges Zeichen"


@pytest.fixture
def values(team):
    case = CaseFactory(team=team, reference="2026-0042")
    return {"reference": case.reference, "pk": case.pk}


def _urls(values) -> list[tuple[str, str]]:
    found = []
    for route in routes():
        try:
            found.append((route.label, route.url(values)))
        except AssertionError:
            continue  # a dummy value resolved elsewhere; covered by its own route
    return found


def _assert_refused(response, where: str) -> None:
    assert response.status_code == 400, (where, response.status_code)
    assert MESSAGE in response.content.decode(), where


@pytest.mark.django_db
def test_a_nul_byte_in_the_query_string_is_refused_on_every_url(values, coord_client):
    urls = _urls(values)
    assert len(urls) > 50
    anonymous = Client()  # one client: each new one loads the middleware again
    for label, url in urls:
        _assert_refused(anonymous.get(f"{url}?%00=1"), f"anonymous GET key {label}")
        _assert_refused(coord_client.get(f"{url}?q=%00&seite=1"), f"coordinator GET {label}")


@pytest.mark.django_db
def test_a_nul_byte_in_a_form_field_is_refused_on_every_url(values, coord_client):
    for label, url in _urls(values):
        response = coord_client.post(
            url, "q=Text%00&note=Notiz", content_type="application/x-www-form-urlencoded"
        )
        _assert_refused(response, f"POST {label}")


@pytest.mark.django_db
def test_a_nul_byte_in_a_multipart_form_gets_a_field_error_and_keeps_the_input(coord_client):
    """Upload forms are multipart: their view reads the body (after its size
    check), and the form refuses the NUL on the field, showing the rest,
    with status 400 like every other refused control character."""
    page = Client().get(reverse("intake:form")).content.decode()
    fields, _files = plausible_submission(page)
    description = next(name for name in fields if "description" in name)
    fields[description] = "Er hat mich\x00 ausgespäht"
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=True):
        response = Client().post(reverse("intake:form"), fields)  # multipart
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nullzeichen sind nicht erlaubt" in body
    assert not RECEIPT_CODE.search(body)
    assert "Beispiel" in body  # the other answers are still in the form


@pytest.mark.django_db
def test_a_nul_byte_in_a_staff_upload_form_answers_400_and_keeps_the_input(coord_client, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = CaseFactory(team=team)
    url = reverse("cases:evidence_upload", args=[case.reference])
    upload = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")

    response = coord_client.post(url, {"title": "Screenshot\x00 Profil", "file": upload})

    assert response.status_code == 400
    body = response.content.decode()
    assert "Nullzeichen sind nicht erlaubt" in body
    assert case.evidence.count() == 0


@pytest.mark.django_db
def test_a_nul_byte_in_the_path_is_refused(values, coord_client):
    tried = 0
    anonymous = Client()
    for route in routes():
        names = [
            n
            for n, kind in route.params.items()
            if isinstance(kind, StringConverter | PathConverter)
        ]
        for name in names:
            try:
                url = route.url({**values, name: "%00"})
            except AssertionError:
                continue
            tried += 1
            for who, client in (("anonymous", anonymous), ("coordinator", coord_client)):
                _assert_refused(client.get(url), f"{who} {route.label} {url}")
    # Known before the fix: /fristen/kalender/%00.ics answered 500.
    _assert_refused(anonymous.get("/fristen/kalender/%00.ics"), "calendar feed")
    _assert_refused(coord_client.get("/faelle/%00/"), "case page")
    assert tried >= 3


@pytest.mark.django_db
def test_the_issue_examples_are_refused_and_ordinary_input_still_works(coord_client):
    for url in ("/konten/?q=%00", "/faelle/jobcenter/?q=%00"):
        _assert_refused(coord_client.get(url), url)
    assert coord_client.get("/konten/?q=Anna").status_code == 200
    assert coord_client.get("/faelle/jobcenter/?q=M%C3%BCnchen").status_code == 200


@pytest.mark.django_db
def test_a_nul_byte_in_a_multipart_form_never_gives_a_server_error_on_any_url(values, coord_client):
    """Multipart bodies (uploads) are not read by the middleware: each view
    reads them after its own size check, and its form refuses the NUL."""
    fields = ("q", "note", "title", "text", "body", "subject", "name", "description", "reason")
    tried = 0
    beat_heartbeat()  # /readyz answers 503 (correctly) until beat has run once
    for label, url in _urls(values):
        data = {name: f"Text\x00{name}" for name in fields}
        response = coord_client.post(url, data)  # multipart/form-data
        assert response.status_code < 500, (label, url, response.status_code)
        tried += 1
    assert tried > 50
