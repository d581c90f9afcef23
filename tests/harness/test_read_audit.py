"""Every view that shows a person's data writes an audit entry naming the
reader and the case (Art. 5(2), 32 DSGVO: who read what must be provable).

Every object URL of the case apps is listed either as a read of personal
data or as an action without a page of its own: a new view must be put in
one of the two, or this test fails.
"""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from letters.models import Letter
from tests.factories import CaseFactory
from tests.harness.object_urls import CHECKED_NAMESPACES, OBJECT_URLS, object_values
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
    "deadlines:review",
    "deadlines:incident_offender",
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


# Pages without arguments: those whose rows show a person's name or a
# report's text write one read entry per row shown (cases.audit.list_read_logged);
# the others show references, authorities and counts only.
LIST_READS = {"cases:case_list", "cases:dashboard", "intake:inbox"}
LISTS_WITHOUT_PERSONAL_DATA = {
    "deadlines:list",  # deadline, case reference, Jobcenter
    "deadlines:calendar",  # the same by day
    "deadlines:preferences",
    "deadlines:calendar_regenerate",
    "deadlines:calendar_revoke",
    "letters:list",  # case reference, recipient authority, status
    "letters:text_blocks",
    "letters:organisation",
    "transparency:manage",
    "cases:case_create",
    "cases:case_bulk",
    "cases:saved_search_add",
    "cases:audit_log",  # the audit itself, coordinators only
    "cases:statistics",  # counts, suppressed below five
    "cases:glossary",
    "cases:jobcenter_list",
    "cases:directory_quality",
    "cases:authority_add",
    "cases:jobcenter_create",
    "cases:jobcenter_suggestions",
}


def _staff_pages_without_arguments() -> set[str]:
    from tests.harness.urlwalk import routes

    return {
        route.name
        for route in routes()
        if route.name
        and route.name.partition(":")[0] in (*CHECKED_NAMESPACES, "transparency")
        and not route.params
        and not route.is_public_view
    }


def test_every_staff_page_without_arguments_is_classified():
    assert _staff_pages_without_arguments() == LIST_READS | LISTS_WITHOUT_PERSONAL_DATA
    assert not LIST_READS & LISTS_WITHOUT_PERSONAL_DATA


def _reads_since(before: set[int]):
    return LogEntry.objects.exclude(pk__in=before).filter(action=LogEntry.Action.ACCESS)


def test_the_case_list_logs_a_read_of_each_case_it_shows(coordinator, coord_client, team):
    shown = [CaseFactory(team=team) for _ in range(3)]
    before = set(LogEntry.objects.values_list("pk", flat=True))

    response = coord_client.get(reverse("cases:case_list"))

    assert response.status_code == 200
    for case in shown:
        assert str(case.person) in response.content.decode()
    reads = _reads_since(before)
    assert sorted(e.additional_data["case"] for e in reads) == sorted(c.pk for c in shown)
    assert {e.actor for e in reads} == {coordinator}
    assert {e.additional_data["seen_in"] for e in reads} == {"case_list"}
    # The entry shows the reference, never the person's name.
    assert {e.object_repr for e in reads} == {c.reference for c in shown}
    # Like auditlog's own entries: the case as the object, the reader's
    # e-mail kept with it, the time of the read.
    assert sorted((e.content_type.model, e.object_id) for e in reads) == sorted(
        ("case", c.pk) for c in shown
    )
    assert {e.actor_email for e in reads} == {coordinator.email}
    assert all(abs(e.timestamp - timezone.now()) < dt.timedelta(minutes=1) for e in reads)


def test_a_search_logs_only_the_cases_it_found(coord_client, team):
    found = CaseFactory(team=team, title="Nachbarn befragt")
    CaseFactory(team=team, title="Facebook-Profil")
    before = set(LogEntry.objects.values_list("pk", flat=True))

    coord_client.get(reverse("cases:case_list"), {"q": "Nachbarn"})

    assert [e.additional_data["case"] for e in _reads_since(before)] == [found.pk]


def test_the_overview_logs_a_read_of_the_cases_in_its_boxes(caseworker, cw_client, team):
    mine = CaseFactory(team=team, status=Case.Status.OPEN)
    mine.assignees.add(caseworker)
    before = set(LogEntry.objects.values_list("pk", flat=True))

    response = cw_client.get(reverse("cases:dashboard"))

    assert str(mine.person) in response.content.decode()
    reads = _reads_since(before)
    assert [e.additional_data["case"] for e in reads] == [mine.pk]
    assert reads.get().actor == caseworker
    assert reads.get().additional_data["seen_in"] == "dashboard"


def test_the_inbox_logs_a_read_of_each_report_it_shows(coordinator, coord_client):
    from tests.intake.factories import IntakeSubmissionFactory

    reports = [IntakeSubmissionFactory(description=f"Bericht {n}") for n in range(2)]
    before = set(LogEntry.objects.values_list("pk", flat=True))

    coord_client.get(reverse("intake:inbox"))

    reads = _reads_since(before)
    assert sorted(e.additional_data["submission"] for e in reads) == sorted(r.pk for r in reports)
    assert {e.actor for e in reads} == {coordinator}


def test_a_list_read_shows_in_the_audit_log_as_seen_in_that_list(coord_client, team):
    CaseFactory(team=team)
    coord_client.get(reverse("cases:case_list"))

    response = coord_client.get(reverse("cases:audit_log"))

    assert "in der Fallliste gesehen" in response.content.decode()
