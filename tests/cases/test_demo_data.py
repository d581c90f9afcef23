"""The demo workspace the README run command shows."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from advocacy.auth import is_coordinator
from cases.models import Case, CaseEvent

pytestmark = pytest.mark.django_db


def test_demo_data_builds_a_workspace_and_is_idempotent():
    call_command("demo_data", stdout=StringIO())
    users = get_user_model().objects
    assert is_coordinator(users.get(username="demo"))
    caseworker = users.get(username="fallbearbeitung")
    assert not is_coordinator(caseworker)
    assert caseworker.check_password("demo-passwort-2026")
    assert Case.objects.count() == 12
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"new", "triage", "open", "waiting", "closed", "rejected"} <= statuses
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.DECISION).count() >= 4
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.NOTE).exists()
    counts = (Case.objects.count(), CaseEvent.objects.count())
    call_command("demo_data", stdout=StringIO())
    assert (Case.objects.count(), CaseEvent.objects.count()) == counts
