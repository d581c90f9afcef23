"""A NUL byte is bad input, not a crash: every URL pattern answers 400 with
a page that says what is wrong, whether the NUL comes in the query string, a
form field or the path, for anonymous visitors and for staff."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls.converters import PathConverter, StringConverter

from tests.factories import CaseFactory
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
        response = coord_client.post(url, {"q": "Text\x00", "note": "Notiz"})
        _assert_refused(response, f"POST {label}")


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
