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


def test_audit_log_reads_as_german_with_field_labels_and_links_to_the_case(
    coord_client, cw_client, caseworker, team, django_assert_max_num_queries
):
    case = CaseFactory(team=team, status=Case.Status.NEW)
    cw_client.get(reverse("cases:case_detail", args=[case.reference]))
    cw_client.post(reverse("cases:transition", args=[case.reference]), {"to_status": "triage"})
    cw_client.post(reverse("cases:note_add", args=[case.reference]), {"note": "Rückruf vereinbart"})
    page = coord_client.get(reverse("cases:audit_log")).text

    case_url = reverse("cases:case_detail", args=[case.reference])
    assert f'<a href="{case_url}">{case.reference}</a>' in page
    for word in ["gelesen", "geändert", "angelegt", "Eintrag im Verlauf"]:
        assert f"{word}" in page, word
    # Field labels, not code names; no raw action names or database keys.
    assert "<small>Status" in page
    for raw in ["<td>access</td>", "<td>create</td>", "<td>update</td>", "Ereignis:", "to_status"]:
        assert raw not in page, raw
    assert f"Ereignis: {case.pk}:" not in page
    # The action filter offers the German words, and "alle" instead of dashes.
    assert "---------" not in page
    assert '<option value="3">gelesen</option>' in page


def test_audit_log_page_links_in_a_fixed_number_of_queries(
    coord_client, cw_client, team, django_assert_max_num_queries
):
    for _ in range(3):
        case = CaseFactory(team=team)
        cw_client.get(reverse("cases:case_detail", args=[case.reference]))
        cw_client.post(reverse("cases:note_add", args=[case.reference]), {"note": "Notiz"})
    coord_client.get(reverse("cases:audit_log"))  # warm the session and content types
    with django_assert_max_num_queries(12):
        coord_client.get(reverse("cases:audit_log"))


def test_audit_log_links_letters_reports_and_jobcenters_to_their_own_pages(
    coord_client, cw_client, caseworker, team
):
    from letters.models import Letter
    from letters.services import letter_draft_create

    case = CaseFactory(team=team)
    other = CaseFactory(team=team)
    from cases.intake.models import IntakeSubmission
    from cases.intake.services import submission_create

    letter = letter_draft_create(case=case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker)
    letter_draft_create(case=other, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker)
    submission_create(fields={"kind": "profile_research", "description": "Profil"}, uploads=[])
    report = IntakeSubmission.objects.get()
    jobcenter = case.jobcenter
    jobcenter.city = "Kiel"
    jobcenter.save()

    page = coord_client.get(reverse("cases:audit_log")).text
    letter_url = reverse("letters:detail", args=[letter.pk])
    case_url = reverse("cases:case_detail", args=[case.reference])
    assert f'<a href="{letter_url}">{letter}</a>' in page
    assert f'(Fall <a href="{case_url}">{case.reference}</a>)' in page
    jobcenter_url = reverse("cases:jobcenter_detail", args=[jobcenter.pk])
    assert f'<a href="{jobcenter_url}">{jobcenter}</a>' in page
    report_url = reverse("intake:detail", args=[report.pk])
    assert f'<a href="{report_url}">{report}</a>' in page
    assert "(Fall )" not in page

    # The case filter finds its letters too, and not the other case's.
    page = coord_client.get(reverse("cases:audit_log"), {"case": case.reference}).text
    assert letter_url in page
    other_letter = other.letters.get()
    assert reverse("letters:detail", args=[other_letter.pk]) not in page
