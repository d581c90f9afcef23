"""Every view that shows a person's data writes an audit entry naming the
reader and the case (Art. 5(2), 32 DSGVO: who read what must be provable).

Every object URL of the case apps is listed either as a read of personal
data or as an action without a page of its own: a new view must be put in
one of the two, or this test fails.
"""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from letters.models import Letter
from tests.factories import CaseFactory
from tests.harness.object_urls import OBJECT_URLS, object_values
from tests.harness.urlwalk import route_named

pytestmark = pytest.mark.django_db

# GET shows personal data of the case: name, contact, report, files, letters.
PERSONAL_DATA_READS = {
    "cases:case_detail",
    "cases:case_edit",
    "cases:decision_edit",
    "cases:person_export",
    "cases:person_erase",
    "cases:evidence_download",
    "cases:evidence_original",
    "intake:detail",
    "intake:file",
    "intake:file_original",
    "deadlines:detail",
    "letters:detail",
    "letters:create",
    "letters:edit",
    "letters:preview",
    "letters:preview_pdf",
    "letters:mark_sent",
    "letters:download",
    "letters:proof",
    "letters:page_image",
    "letters:powers",
    "letters:power_scan",
    "letters:power_scan_original",
    "cases:case_print",
    "cases:evidence_preview",
    "intake:file_preview",
}
# POST only, or a GET form that shows nothing of the person; their writes
# are logged as changes.
ACTIONS_WITHOUT_A_PAGE = {
    "cases:transition",
    "cases:assignment",
    "cases:note_add",
    "cases:incident_add",
    "cases:decision_add",
    "cases:outcome_add",
    "cases:evidence_upload",
    "intake:convert",
    "intake:attach",
    "intake:ask",
    "intake:reject",
    "deadlines:confirm",
    "deadlines:done",
    "deadlines:override",
    "deadlines:cancel",
    "letters:finalize",
    "letters:new_version",
    "letters:bundle",
    "letters:regenerate",
    "letters:release",
    "letters:power_revoke",
    "deadlines:answer",
    "deadlines:reinstate",
}


def test_every_object_view_is_classified():
    assert set(OBJECT_URLS) == PERSONAL_DATA_READS | ACTIONS_WITHOUT_A_PAGE
    assert not PERSONAL_DATA_READS & ACTIONS_WITHOUT_A_PAGE


def _final_letter_with_proof(letter: Letter, status: str) -> Letter:
    from django.core.files.base import ContentFile

    letter.status = status
    letter.pdf_sha256 = "0" * 64
    letter.pdf.save("brief.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    letter.proof.save("nachweis.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    letter.save()
    return letter


@pytest.mark.parametrize("name", sorted(PERSONAL_DATA_READS))
def test_opening_a_view_with_personal_data_is_audited(name, coordinator, coord_client, team):
    case = CaseFactory(team=team, reference="2026-0042")
    obj = OBJECT_URLS[name](case)
    if isinstance(obj, Letter) and name in ("letters:download", "letters:proof"):
        obj = _final_letter_with_proof(obj, Letter.Status.SENT)
    if isinstance(obj, Letter) and name == "letters:mark_sent":
        obj = _final_letter_with_proof(obj, Letter.Status.FINAL)
    route = route_named(name)
    assert route is not None
    url = route.url(object_values(case, obj))
    before = set(LogEntry.objects.values_list("pk", flat=True))

    response = coord_client.get(url)

    assert response.status_code == 200, (name, response.status_code)
    reads = LogEntry.objects.exclude(pk__in=before).filter(action=LogEntry.Action.ACCESS)
    assert reads.exists(), f"{name} shows personal data without an audit entry"
    entry = reads.get()
    assert entry.actor == coordinator
    named = entry.additional_data or {}
    assert named.get("case") == case.pk or named.get("person") == case.person_id


def test_an_inbox_report_opened_is_audited_before_it_is_a_case(coordinator, coord_client):
    from tests.intake.factories import IntakeSubmissionFactory

    submission = IntakeSubmissionFactory(contact_name="Erika Mustermann")
    response = coord_client.get(reverse("intake:detail", args=[submission.pk]))
    assert "Erika Mustermann" in response.content.decode()
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == coordinator
    assert entry.additional_data == {"submission": submission.pk, "case": None}


# The admin's record pages of the case apps: those that show a person's
# data are logged as reads like the app's pages; the others hold none.
ADMIN_PERSONAL_DATA = {
    "cases.person",
    "cases.case",
    "cases.caseevent",
    "cases.evidence",
    "deadlines.deadline",
}
ADMIN_WITHOUT_PERSONAL_DATA = {
    "cases.team",
    "cases.jobcenter",
    "cases.authority",
    "deadlines.reminderlog",
    "deadlines.digestlog",
    "deadlines.deadlinepreference",
}
ADMIN_CHECKED_APPS = ("cases", "intake", "deadlines", "letters")


def _admin_models() -> set[str]:
    from django.contrib import admin

    return {
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.app_label in ADMIN_CHECKED_APPS
    }


def test_every_admin_model_of_the_case_apps_is_classified():
    assert _admin_models() == ADMIN_PERSONAL_DATA | ADMIN_WITHOUT_PERSONAL_DATA


@pytest.mark.parametrize("label", sorted(ADMIN_PERSONAL_DATA))
def test_opening_a_record_in_the_admin_is_audited(label, coordinator, coord_client, team):
    from django.apps import apps

    coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save()
    case = CaseFactory(team=team)
    model = apps.get_model(label)
    makers = {
        "cases.person": lambda: case.person,
        "cases.case": lambda: case,
        "cases.caseevent": lambda: OBJECT_URLS["cases:case_detail"](case).events.create(
            kind="note", note="Rückruf"
        ),
        "cases.evidence": lambda: OBJECT_URLS["cases:evidence_download"](case),
        "deadlines.deadline": lambda: OBJECT_URLS["deadlines:detail"](case),
    }
    obj = makers[label]()
    assert isinstance(obj, model)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    before = set(LogEntry.objects.values_list("pk", flat=True))

    response = coord_client.get(url)

    assert response.status_code == 200
    entry = LogEntry.objects.exclude(pk__in=before).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == coordinator
    named = entry.additional_data or {}
    assert named.get("case") == case.pk or named.get("person") == case.person_id
