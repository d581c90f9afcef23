"""The audit log records reads and changes; only coordinators see it."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from cases.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_opening_a_case_page_is_logged_with_the_reader(cw_client, caseworker, team):
    case = CaseFactory(team=team)
    cw_client.get(reverse("cases:case_detail", args=[case.reference]))
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == caseworker
    assert entry.object_pk == str(case.pk)


def test_a_status_change_is_logged_with_its_author(cw_client, caseworker, team):
    case = CaseFactory(team=team, status=Case.Status.NEW)
    cw_client.post(reverse("cases:transition", args=[case.reference]), {"to_status": "triage"})
    entry = LogEntry.objects.filter(action=LogEntry.Action.UPDATE, object_pk=str(case.pk)).get()
    assert entry.actor == caseworker
    assert "status" in entry.changes_dict


def test_caseworker_gets_403_on_the_audit_page(cw_client):
    assert cw_client.get(reverse("cases:audit_log")).status_code == 403


def test_coordinator_filters_the_audit_log_by_case_and_user(
    coord_client, cw_client, caseworker, team
):
    seen = CaseFactory(team=team, title="Gelesener Fall")
    other = CaseFactory(team=team, title="Anderer Fall")
    cw_client.get(reverse("cases:case_detail", args=[seen.reference]))
    response = coord_client.get(
        reverse("cases:audit_log"), {"case": seen.reference, "actor": caseworker.pk}
    )
    assert response.status_code == 200
    assert response.text.count("cw</td>") == 1
    assert seen.reference in response.text
    assert other.reference not in response.text
