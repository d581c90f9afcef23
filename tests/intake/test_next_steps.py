"""What happens next, and by when: said from the real state only (the
group's promised days, the submission's status and messages, the estimated
Widerspruchsfrist of § 84 SGG with § 37 Abs. 2 SGB X, the retention period),
never a day the data does not support. The clock stands at Tue 27.10.2026."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cases.intake.models import IntakeSubmission
from cases.intake.services import submission_ask, submission_convert, submission_reject
from cases.models import OrganisationProfile

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"\b(\d{4} \d{4} \d{4} \d{4})\b")


def steps(page: str) -> dict[str, str]:
    """The steps of the "Wie es weitergeht" list, by name, as plain text."""
    block = page.split('id="next-steps"', 1)[1].split("</ol>", 1)[0]
    return {
        name: re.sub(r"\s+", " ", text).strip()
        for name, text in re.findall(r'data-step="([a-z_]+)">(.*?)</li>', block, re.S)
    }


def thank_you(client, submit, data) -> str:
    submit(data)
    return client.get(reverse("intake:done")).content.decode()


@pytest.fixture
def promises_three_days(db):
    return OrganisationProfile.objects.create(id=1, name="Erwerbslosen-Hilfe e. V.", answer_days=3)


def test_the_thank_you_page_names_the_day_the_group_promised(
    client, submit, report_data, promises_three_days
):
    page = thank_you(client, submit, report_data)
    shown = steps(page)
    assert shown["review_by"].endswith("innerhalb von 3 Tagen, also bis Freitag, 30. Oktober 2026.")
    assert "an Ihre E-Mail-Adresse, ohne Inhalt" in shown["contact"]
    # INTAKE_RETENTION_DAYS (90) after 27.10.2026, unless it becomes a case.
    assert "ab dem Montag, 25. Januar 2027" in shown["retention"]
    # Widerspruchsfrist (estimate) ends Tue 24.11.2026: weeks after the promised day, no alarm.
    assert "objection_soon" not in shown
    assert "Dienstag, 24. November 2026" in page  # the estimate box stays


def test_without_a_promise_in_the_profile_no_day_is_named(client, submit, report_data):
    page = thank_you(client, submit, dict(report_data, contact_email=""))
    shown = steps(page)
    assert list(shown) == ["review", "contact", "retention"]
    assert "Einen festen Tag dafür können wir nicht zusagen." in shown["review"]
    assert "keine E-Mail-Adresse angegeben" in shown["contact"]
    assert "Tagen, also bis" not in page


def test_a_widerspruchsfrist_ending_within_a_week_tells_the_person_not_to_wait(
    client, submit, report_data
):
    # Bescheid of Mon 28.09.2026 → notified Fri 02.10. (§ 37 Abs. 2 SGB X)
    # → § 84 Abs. 1 SGG with § 64 SGG: Mon 02.11.2026, six days after today.
    page = thank_you(client, submit, dict(report_data, decision_dated_on="2026-09-28"))
    warning = steps(page)["objection_soon"]
    assert "schon am Montag, 2. November 2026" in warning
    assert "Warten Sie nicht auf uns" in warning


@pytest.mark.parametrize(
    ("answer_days", "sentence"),
    [
        # promised by Fri 06.11., the estimate ends Mon 09.11.: three days are too few
        (10, "endet nach unserer Schätzung schon am Montag, 9. November 2026."),
        # promised by Tue 10.11., after the estimate's end
        (14, "vielleicht bevor wir Ihre Meldung gelesen haben"),
    ],
)
def test_a_promise_too_close_to_the_estimated_end_warns(
    client, submit, report_data, answer_days, sentence
):
    OrganisationProfile.objects.create(id=1, name="Gruppe", answer_days=answer_days)
    # Bescheid of Mon 05.10.2026 → notified Fri 09.10. → Widerspruch until Mon 09.11.2026.
    page = thank_you(client, submit, dict(report_data, decision_dated_on="2026-10-05"))
    shown = steps(page)
    assert sentence in shown["objection_soon"]
    assert "review_by" in shown


def test_an_estimate_already_past_is_not_shown_as_a_coming_date(client, submit, report_data):
    # Bescheid of Mon 03.08.2026 → Widerspruchsfrist (estimate) ended Mon 07.09.2026.
    page = thank_you(client, submit, dict(report_data, decision_dated_on="2026-08-03"))
    past = steps(page)["objection_past"]
    assert "endete die Frist für einen Widerspruch gegen Ihren Bescheid schon am Montag, " in past
    assert "7. September 2026" in past and "§ 66 Abs. 2 SGG" in past
    assert 'id="estimate"' not in page  # no "endet voraussichtlich am" a past day


@pytest.fixture
def reported(client, submit, report_data, promises_three_days):
    submit(report_data)
    code = CODE_RE.search(client.get(reverse("intake:done")).content.decode()).group(1)
    client.post(reverse("intake:status"), {"code": code})
    submission = IntakeSubmission.objects.get()
    submission.code = code  # as the person keeps it, to come back later
    return submission


def status_steps(client) -> dict[str, str]:
    return steps(client.get(reverse("intake:status")).content.decode())


def test_the_status_page_follows_the_report_from_question_to_case(
    client, reported, caseworker, team, jobcenter
):
    shown = status_steps(client)
    assert "also bis Freitag, 30. Oktober 2026" in shown["review_by"]

    submission_ask(submission=reported, by=caseworker, text="Haben Sie den Bescheid?")
    shown = status_steps(client)
    assert list(shown)[0] == "question"
    assert "erst mit Ihrer Antwort können wir weitermachen" in shown["question"]
    assert "review_by" not in shown  # looked at: the promise is kept

    client.post(reverse("intake:status_add"), {"text": "Ja, hier ist er."})
    shown = status_steps(client)
    assert "question" not in shown
    assert "Wir sehen uns Ihre Meldung an." in shown["review"]

    submission_convert(submission=reported, by=caseworker, team=team, jobcenter=jobcenter)
    page = client.get(reverse("intake:status")).content.decode()
    shown = steps(page)
    assert list(shown) == ["case", "contact"]
    assert "retention" not in shown  # a case follows the case retention instead
    assert 'id="estimate"' not in page  # the case's own deadline counts now


def test_a_promise_not_kept_is_said_plainly(client, reported):
    later = dt.datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    with time_machine.travel(later, tick=False):
        # A week later the status session (SESSION_COOKIE_AGE) has ended: the
        # person enters their code again.
        client.post(reverse("intake:status"), {"code": reported.code})
        shown = status_steps(client)
    assert "review_by" not in shown
    assert (
        "bis Freitag, 30. Oktober 2026, und haben es noch nicht geschafft" in shown["review_late"]
    )


def test_a_rejected_report_says_when_it_is_deleted(client, reported, caseworker):
    submission_reject(submission=reported, by=caseworker, reason="kein Bezug zum Jobcenter")
    shown = status_steps(client)
    assert list(shown) == ["closed"]
    assert "Ab dem Montag, 25. Januar 2027 löschen wir sie" in shown["closed"]
