"""The staff inbox: list, detail, files and the four actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cases.intake.models import IntakeEvent, IntakeMessage, IntakeSubmission
from cases.intake.selectors import intake_new_count
from cases.models import CaseEvent
from tests.factories import CaseFactory, JobcenterFactory
from tests.intake.conftest import pdf_upload, png_upload
from tests.intake.factories import IntakeSubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(submit, report_data):
    """A report as it arrives through the form, with a screenshot and a PDF."""
    assert submit(report_data, files=[png_upload(), pdf_upload()]).status_code == 302
    return IntakeSubmission.objects.get()


def test_inbox_is_for_staff_only(client):
    response = client.get(reverse("intake:inbox"))
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_inbox_lists_with_pinned_query_count(cw_client, django_assert_num_queries):
    IntakeSubmissionFactory.create_batch(3)
    cw_client.get(reverse("intake:inbox"))  # warm the session and user caches
    with django_assert_num_queries(6):  # the session comes from the cache; + the read entries
        response = cw_client.get(reverse("intake:inbox"))
    assert response.status_code == 200
    IntakeSubmissionFactory.create_batch(10)
    with django_assert_num_queries(6):  # the session comes from the cache; + the read entries
        response = cw_client.get(reverse("intake:inbox"))
    assert response.content.decode().count("Suchmaschinen-Recherche") >= 13


def test_inbox_filters_by_status_kind_and_date(cw_client, caseworker):
    IntakeSubmissionFactory(kind="third_party", description="Nachbarn befragt")
    rejected = IntakeSubmissionFactory(kind="search_engine")
    rejected.status = IntakeSubmission.Status.REJECTED
    rejected.save()
    page = cw_client.get(reverse("intake:inbox"), {"kind": "third_party"}).content.decode()
    third_party = "<td>Befragung Dritter (Nachbarn, Vermieter, Arbeitgeber)</td>"
    assert third_party in page and "<td>Suchmaschinen-Recherche</td>" not in page
    page = cw_client.get(reverse("intake:inbox"), {"status": "rejected"}).content.decode()
    assert "<td>Suchmaschinen-Recherche</td>" in page and third_party not in page
    page = cw_client.get(reverse("intake:inbox"), {"since": "2099-01-01"}).content.decode()
    assert 'id="inbox-empty"' in page


def test_inbox_paginates(cw_client):
    IntakeSubmissionFactory.create_batch(27)
    first = cw_client.get(reverse("intake:inbox")).content.decode()
    assert "Seite 1 von 2" in first
    second = cw_client.get(reverse("intake:inbox"), {"page": 2}).content.decode()
    assert "Seite 2 von 2" in second


def test_detail_shows_report_and_files_download_as_attachment(cw_client, stored):
    page = cw_client.get(reverse("intake:detail", args=[stored.pk])).content.decode()
    assert "Urlaubsfotos" in page and "Erika Mustermann" in page
    item = stored.files.get(content_type="image/png")
    response = cw_client.get(reverse("intake:file", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    original = cw_client.get(reverse("intake:file_original", args=[item.pk]))
    assert original["Content-Disposition"].startswith("attachment")
    assert IntakeEvent.objects.filter(kind="viewed_file").count() == 2


def test_file_download_is_staff_only(client, stored):
    item = stored.files.first()
    response = client.get(reverse("intake:file", args=[item.pk]))
    assert response.status_code == 302


def test_convert_creates_case_with_person_incident_evidence_and_decision(
    cw_client, caseworker, team, stored, jobcenter
):
    response = cw_client.post(
        reverse("intake:convert", args=[stored.pk]),
        {
            "team": team.pk,
            "jobcenter": jobcenter.pk,
            "title": "Facebook-Fotos",
            "decision_kind": "minderung",
        },
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    case = stored.case
    assert stored.status == IntakeSubmission.Status.CONVERTED
    assert case.team == team and case.title == "Facebook-Fotos"
    assert case.person.name == "Erika Mustermann"
    assert case.person.consent_given_at == stored.consent_given_at
    incident = case.incidents.get()
    assert incident.kind == "profile_research"
    assert incident.learned_of_offender_on == dt.date(2026, 10, 3)
    assert case.evidence.count() == 2
    assert {e.sha256 for e in case.evidence.all()} == {f.sha256 for f in stored.files.all()}
    decision = case.decisions.get()
    assert decision.dated_on == dt.date(2026, 10, 20) and decision.kind == "minderung"
    assert case.events.filter(kind=CaseEvent.Kind.INTAKE).exists()
    assert IntakeEvent.objects.filter(submission=stored, kind="converted", by=caseworker).exists()
    assert intake_new_count() == 0


def test_converting_twice_is_refused(cw_client, team, stored, jobcenter):
    data = {"team": team.pk, "jobcenter": jobcenter.pk, "decision_kind": "sonstiger"}
    cw_client.post(reverse("intake:convert", args=[stored.pk]), data)
    response = cw_client.post(reverse("intake:convert", args=[stored.pk]), data, follow=True)
    assert "schon erledigt" in response.content.decode()
    assert stored.__class__.objects.get().case.person.cases.count() == 1


def test_caseworker_cannot_convert_into_another_team(cw_client, other_team, stored, jobcenter):
    response = cw_client.post(
        reverse("intake:convert", args=[stored.pk]),
        {"team": other_team.pk, "jobcenter": jobcenter.pk, "decision_kind": "sonstiger"},
    )
    assert response.status_code == 400
    stored.refresh_from_db()
    assert stored.case is None


def test_attach_to_a_visible_case(cw_client, caseworker, team, stored):
    case = CaseFactory(team=team)
    response = cw_client.post(
        reverse("intake:attach", args=[stored.pk]), {"reference": case.reference}
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.case == case
    assert case.evidence.count() == 2
    assert case.incidents.count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.INTAKE).exists()
    assert IntakeEvent.objects.filter(submission=stored, kind="attached").exists()


def test_caseworker_cannot_attach_to_another_teams_case(cw_client, other_team, stored):
    foreign = CaseFactory(team=other_team)
    response = cw_client.post(
        reverse("intake:attach", args=[stored.pk]), {"reference": foreign.reference}
    )
    assert response.status_code == 400
    assert "den Sie sehen dürfen" in response.content.decode()
    stored.refresh_from_db()
    assert stored.case is None
    assert foreign.evidence.count() == 0


def test_another_team_cannot_open_a_report_that_became_our_case(
    cw_client, other_client, team, stored, jobcenter
):
    cw_client.post(
        reverse("intake:convert", args=[stored.pk]),
        {"team": team.pk, "jobcenter": jobcenter.pk, "decision_kind": "sonstiger"},
    )
    assert other_client.get(reverse("intake:detail", args=[stored.pk])).status_code == 404
    item = stored.files.first()
    assert other_client.get(reverse("intake:file", args=[item.pk])).status_code == 404
    assert "Urlaubsfotos" not in other_client.get(reverse("intake:inbox")).content.decode()


def test_ask_back_appears_on_the_status_page(cw_client, caseworker, stored):
    response = cw_client.post(
        reverse("intake:ask", args=[stored.pk]), {"text": "Wann war der Termin genau?"}
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == IntakeSubmission.Status.IN_PROGRESS
    message = stored.messages.get()
    assert message.direction == IntakeMessage.Direction.TO_PERSON and message.by == caseworker
    assert IntakeEvent.objects.filter(submission=stored, kind="asked").exists()
    # The report's page names who asked as every page names staff (staff_name).
    caseworker.first_name, caseworker.last_name = "Zora", "Zander"
    caseworker.save()
    detail = cw_client.get(reverse("intake:detail", args=[stored.pk])).text
    assert detail.count("(Zora Zander)") == 2  # the message and the log entry


def test_reject_with_reason(cw_client, stored):
    response = cw_client.post(reverse("intake:reject", args=[stored.pk]), {"reason": ""})
    assert response.status_code == 400
    response = cw_client.post(reverse("intake:reject", args=[stored.pk]), {"reason": "Werbung"})
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == IntakeSubmission.Status.REJECTED
    assert stored.public_status == "abgeschlossen"
    assert IntakeEvent.objects.get(submission=stored, kind="rejected").note == "Werbung"


def test_dashboard_badge_counts_new_reports(cw_client):
    from django.template.loader import render_to_string

    IntakeSubmissionFactory.create_batch(2)
    html = render_to_string("intake/_inbox_badge.html")
    assert ">2</span>" in html
    assert intake_new_count() == 2


def test_unknown_jobcenter_must_be_chosen_when_converting(cw_client, team, submit, report_data):
    submit(dict(report_data, jobcenter="", jobcenter_text="JC Irgendwo"))
    submission = IntakeSubmission.objects.get()
    page = cw_client.get(reverse("intake:detail", args=[submission.pk])).content.decode()
    assert "JC Irgendwo" in page
    response = cw_client.post(
        reverse("intake:convert", args=[submission.pk]),
        {"team": team.pk, "decision_kind": "sonstiger"},
    )
    assert response.status_code == 400
    jc = JobcenterFactory()
    response = cw_client.post(
        reverse("intake:convert", args=[submission.pk]),
        {"team": team.pk, "jobcenter": jc.pk, "decision_kind": "sonstiger"},
    )
    assert response.status_code == 302


def test_report_files_download_under_the_detected_type_not_the_sent_name(
    cw_client, submit, report_data
):
    assert submit(report_data, files=[pdf_upload(name="Bescheid.exe")]).status_code == 302
    item = IntakeSubmission.objects.get().files.get()
    for name in ("intake:file", "intake:file_original"):
        disposition = cw_client.get(reverse(name, args=[item.pk]))["Content-Disposition"]
        assert "Bescheid.pdf" in disposition and ".exe" not in disposition, disposition
    page = cw_client.get(reverse("intake:detail", args=[item.submission_id])).content.decode()
    assert "Sie öffnen die bereinigte Kopie" in page
