"""Point 7 of the workspace issue: pages that read as German, not as code."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from advocacy.auth import GROUP_CASEWORKER, GROUP_COORDINATOR
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_account_list_shows_roles_in_german(coord_client):
    colleague = UserFactory(username="kollegin")
    colleague.groups.set([Group.objects.get_or_create(name=GROUP_CASEWORKER)[0]])
    page = coord_client.get(reverse("users:list")).text
    assert "<td>Fallbearbeitung</td>" in page
    assert "<td>Koordination</td>" in page
    assert f"<td>{GROUP_CASEWORKER}</td>" not in page
    assert f"<td>{GROUP_COORDINATOR}</td>" not in page


@pytest.mark.parametrize("url", ["cases:case_list", "deadlines:list", "cases:audit_log"])
def test_list_filters_offer_alle_instead_of_dashes(coord_client, team, url):
    CaseFactory(team=team)
    page = coord_client.get(reverse(url)).text
    assert "---------" not in page
    assert ">alle</option>" in page


def test_case_list_overdue_filter_says_alle_ja_nein(cw_client, team):
    page = cw_client.get(reverse("cases:case_list")).text
    start = page.index('name="has_overdue"')
    select = page[start : page.index("</select>", start)]
    assert [w for w in (">alle<", ">ja<", ">nein<") if w in select] == [">alle<", ">ja<", ">nein<"]
    assert "Unbekannt" not in select


def test_navigation_says_uebersicht(cw_client):
    page = cw_client.get("/").text
    assert ">Übersicht</a>" in page
    assert "Dashboard" not in page
