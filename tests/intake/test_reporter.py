"""The reporter knows what happens next: the thank-you page, the printable
receipt and the stages on the status page, driven by what happened."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from cases.intake.models import IntakeSubmission
from cases.intake.services import submission_ask, submission_convert
from cases.models import Case
from cases.services import case_transition, outcome_record
from letters.models import Letter
from letters.services import (
    letter_draft_create,
    letter_finalize,
    letter_mark_sent,
    letter_update,
)

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"\b(\d{4} \d{4} \d{4} \d{4})\b")


def test_thank_you_page_shows_code_next_steps_and_the_estimate_with_a_warning(
    client, submit, report_data
):
    submit(report_data)
    page = client.get(reverse("intake:done")).content.decode()
    assert CODE_RE.search(page)
    assert "Wie es weitergeht" in page
    # Bescheid of Tue 20.10.2026 → notified Sat 24.10. (§ 37 Abs. 2 SGB X) → § 84 SGG: 24.11.
    assert "Dienstag, 24. November 2026" in page
    assert "Das ist nur eine Schätzung." in page
    assert 'id="print-code"' in page


def test_without_a_bescheid_date_the_thank_you_page_estimates_nothing(client, submit, report_data):
    submit(dict(report_data, has_decision="no", decision_dated_on=""))
    page = client.get(reverse("intake:done")).content.decode()
    assert CODE_RE.search(page)
    assert 'id="estimate"' not in page
    assert "Widerspruchsfrist" not in page


def test_the_printable_receipt_works_from_a_plain_form_post(client, submit, report_data):
    submit(report_data)
    page = client.get(reverse("intake:done")).content.decode()
    code = CODE_RE.search(page).group(1)
    printed = client.post(reverse("intake:receipt_print"), {"code": code, "estimate": "2026-11-24"})
    assert printed.status_code == 200
    text = printed.content.decode()
    assert code in text
    assert "Dienstag, 24. November 2026" in text
    assert "http://testserver" + reverse("intake:status") in text
    assert "<script" not in text.split("</main>")[0]
    # Anything but a code leads to the status page.
    nothing = client.post(reverse("intake:receipt_print"), {"code": "kein Code"})
    assert nothing["Location"] == reverse("intake:status")


@pytest.fixture
def reported(client, submit, report_data):
    """A report, its code entered on the status page by the same browser."""
    submit(report_data)
    code = CODE_RE.search(client.get(reverse("intake:done")).content.decode()).group(1)
    client.post(reverse("intake:status"), {"code": code})
    return IntakeSubmission.objects.get()


def stages(client) -> list[str]:
    page = client.get(reverse("intake:status")).content.decode()
    return re.findall(r'data-stage="([a-z_]+)"', page)


def test_the_status_stages_follow_what_happened(client, reported, caseworker, team, jobcenter):
    assert stages(client) == ["received"]

    submission_ask(submission=reported, by=caseworker, text="Haben Sie den Bescheid?")
    assert stages(client) == ["received", "review"]

    case = submission_convert(submission=reported, by=caseworker, team=team, jobcenter=jobcenter)
    assert stages(client) == ["received", "review", "case_opened"]

    person = case.person
    person.street, person.postcode, person.city = "Musterweg 1", "10115", "Berlin"
    person.customer_number = "123D456789"
    person.save()
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    body = re.sub(
        r"\[[^\]]*ergänzen\]", "Die Daten wurden ohne Rechtsgrundlage erhoben.", letter.body
    )
    letter = letter_update(letter=letter, by=caseworker, subject=letter.subject, body=body)
    letter = letter_finalize(letter=letter, by=caseworker)
    letter_mark_sent(
        letter=letter, by=caseworker, channel=Letter.Channel.FAX, sent_on=dt.date(2026, 10, 28)
    )
    page = client.get(reverse("intake:status")).content.decode()
    assert "Widerspruch, abgeschickt am 28.10.2026" in page

    outcome_record(
        case=case, kind="objection_granted", decided_on=dt.date(2026, 11, 10), by=caseworker
    )
    for status in (Case.Status.TRIAGE, Case.Status.OPEN, Case.Status.CLOSED):
        case_transition(case=case, to_status=status, by=caseworker)
    assert stages(client) == [
        "received",
        "review",
        "case_opened",
        "letter_sent",
        "answer_received",
        "closed",
    ]
    page = client.get(reverse("intake:status")).content.decode()
    assert "Widerspruch erfolgreich (abgeholfen) (10.11.2026)" in page
    # Reopened, the case is no longer shown as closed.
    case_transition(case=case, to_status=Case.Status.OPEN, by=caseworker)
    assert stages(client)[-1] == "answer_received"
    # Nothing internal: not the question's author, not the team.
    assert caseworker.username not in page and team.name not in page


def test_the_group_chooses_which_stages_are_published(
    settings, client, reported, caseworker, team, jobcenter
):
    settings.INTAKE_PUBLIC_STAGES = ["received", "closed"]
    submission_convert(submission=reported, by=caseworker, team=team, jobcenter=jobcenter)
    assert stages(client) == ["received"]


def test_a_rejected_report_shows_closed(client, reported, caseworker):
    from cases.intake.services import submission_reject

    submission_reject(submission=reported, by=caseworker, reason="Werbung")
    assert stages(client) == ["received", "review", "closed"]
    assert "Werbung" not in client.get(reverse("intake:status")).content.decode()
