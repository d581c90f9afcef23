"""Point 6 of the workspace issue: every staff form that fails says so at the
top, names each field with a link to it, and (app.js) takes the focus there."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import CaseFactory, DecisionFactory

pytestmark = pytest.mark.django_db


def _summary(page: str) -> str:
    found = re.search(
        r'<div class="alert alert-danger error-summary[^"]*"[^>]*>(.*?)</div>', page, re.S
    )
    assert found, "no error summary"
    return found.group(1)


FORMS = {
    # name: (client, URL of the case's form, the data that fails, a field it names)
    "Ergebnis": (
        "cw_client",
        lambda c: reverse("cases:outcome_add", args=[c.reference]),
        {},
        "Ergebnis",
    ),
    "Bescheid korrigieren": (
        "cw_client",
        lambda c: reverse("cases:decision_edit", args=[c.reference, DecisionFactory(case=c).pk]),
        {"kind": ""},
        "Art",
    ),
    "Personendaten löschen": (
        "coord_client",
        lambda c: reverse("cases:person_erase", args=[c.reference]),
        {},
        None,
    ),
    "Brief anlegen": (
        "cw_client",
        lambda c: reverse("letters:create", args=[c.reference]),
        {},
        "Art des Briefs",
    ),
    "Vollmacht": ("cw_client", lambda c: reverse("letters:powers", args=[c.reference]), {}, None),
    "Organisationsprofil": (
        "coord_client",
        lambda c: reverse("letters:organisation"),
        {},
        "Name der Gruppe",
    ),
    "Transparenzbericht": ("coord_client", lambda c: reverse("transparency:manage"), {}, None),
}


@pytest.mark.parametrize("name", FORMS)
def test_a_failed_submit_shows_the_summary_with_links_to_the_fields(request, team, name):
    client_name, url_of, data, field = FORMS[name]
    client = request.getfixturevalue(client_name)
    case = CaseFactory(team=team)
    # One key at least: an empty POST leaves a form unbound, without errors.
    response = client.post(url_of(case), {"submitted": "1", **data})
    assert response.status_code in (200, 400), response.status_code
    summary = _summary(response.text)
    assert "Bitte prüfen Sie" in summary
    links = re.findall(r'<a href="#([\w-]+)" class="alert-link">([^<]+)</a>', summary)
    assert links, summary
    for anchor, _label in links:
        assert f'id="{anchor}"' in response.text, anchor  # the link leads to the field
    if field:
        assert field in [label for _anchor, label in links], links
