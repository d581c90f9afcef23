"""The mails of the intake: staff learn what, where and how urgent, without
personal data; the reporter learns that there is a question, not what it is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from cases.intake.models import IntakeSubmission
from cases.intake.notify import outbox_relay
from cases.intake.services import submission_ask, submission_create

pytestmark = pytest.mark.django_db

# The clock of tests/intake/conftest.py: Tuesday 27 October 2026.


def _report(jobcenter, **fields) -> IntakeSubmission:
    data = {
        "kind": "profile_research",
        "description": "Die Sachbearbeiterin zeigte mir Ausdrucke meiner Urlaubsfotos.",
        "jobcenter": jobcenter,
        "contact_name": "Erika Mustermann",
        "contact_email": "erika@example.org",
        "contact_phone": "0301234567",
        "staff_member": "Frau Beispiel",
        **fields,
    }
    return submission_create(fields=data, uploads=[]).submission


def _bodies(message) -> str:
    return message.body + "\n".join(str(part[0]) for part in message.alternatives)


def test_the_new_report_mail_says_kind_jobcenter_urgency_and_links_the_report(
    jobcenter, mailoutbox
):
    # Bescheid dated Tue 20.10.2026: notified Sat 24.10. (§ 37 Abs. 2 SGB X, 4th day),
    # Widerspruch until Tue 24.11.2026 (§ 84 Abs. 1 SGG, § 64 Abs. 2 SGG): 28 days left.
    submission = _report(jobcenter, decision_dated_on=dt.date(2026, 10, 20))
    assert outbox_relay() == 1
    (mail,) = mailoutbox
    assert mail.to == list(settings.INTAKE_NOTIFY_EMAILS)
    assert mail.subject == "Neue Meldung im Eingang: Recherche in sozialen Netzwerken"
    text = _bodies(mail)
    assert "Jobcenter Berlin Mitte" in text
    assert "keine Eile" in text
    assert "24.11.2026" in text
    assert settings.SITE_URL + reverse("intake:detail", args=[submission.pk]) in mail.body
    personal_data = ("Erika", "Mustermann", "erika@", "0301234567", "Beispiel", "Urlaubsfotos")
    for personal in personal_data:
        assert personal not in text
        assert personal not in mail.subject


def test_a_report_whose_objection_period_ends_within_a_week_is_marked_urgent(jobcenter, mailoutbox):
    # Bescheid dated Fri 25.09.2026: notified Tue 29.09. (§ 37 Abs. 2 SGB X), Widerspruch
    # until Thu 29.10.2026 (§ 84 Abs. 1 SGG): 2 days left.
    _report(jobcenter, decision_dated_on=dt.date(2026, 9, 25))
    outbox_relay()
    (mail,) = mailoutbox
    assert mail.subject.startswith("[dringend] Neue Meldung im Eingang")
    assert "29.10.2026" in mail.body


def test_a_question_mails_the_reporter_a_link_without_its_content(
    jobcenter, caseworker, mailoutbox
):
    submission = _report(jobcenter)
    outbox_relay()
    mailoutbox.clear()
    submission_ask(submission=submission, by=caseworker, text="Haben Sie den Bescheid noch?")
    assert outbox_relay() == 1
    assert outbox_relay() == 0
    (mail,) = mailoutbox
    assert mail.to == ["erika@example.org"]
    assert mail.subject == "Wir haben eine Frage zu Ihrer Meldung"
    assert settings.SITE_URL + reverse("intake:status") in mail.body
    assert "Bescheid noch" not in _bodies(mail)


def test_a_question_to_a_reporter_without_an_address_sends_nothing(
    jobcenter, caseworker, mailoutbox
):
    submission = _report(jobcenter, contact_email="", is_anonymous=True, contact_name="")
    outbox_relay()
    mailoutbox.clear()
    submission_ask(submission=submission, by=caseworker, text="Noch da?")
    assert outbox_relay() == 0
    assert mailoutbox == []


def test_the_question_mail_keeps_one_message_id_per_question(jobcenter, caseworker, mailoutbox):
    submission = _report(jobcenter)
    outbox_relay()
    mailoutbox.clear()
    submission_ask(submission=submission, by=caseworker, text="Erste Frage")
    submission_ask(submission=submission, by=caseworker, text="Zweite Frage")
    outbox_relay()
    ids = [mail.extra_headers["Message-ID"] for mail in mailoutbox]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(value.startswith("<intake-outbox.") for value in ids)


def test_the_question_mail_is_signed_with_the_groups_profile(jobcenter, caseworker, mailoutbox):
    # The organisation profile names the group in letters, public pages and e-mails.
    from cases.models import OrganisationProfile

    submission = _report(jobcenter)
    outbox_relay()
    mailoutbox.clear()
    submission_ask(submission=submission, by=caseworker, text="Noch da?")
    outbox_relay()
    assert "Erwerbslosen-Forum" not in _bodies(mailoutbox[0])  # no profile: nothing invented
    OrganisationProfile.objects.create(
        id=1,
        name="Erwerbslosen-Forum Datenschutz e. V.",
        street="Vereinsweg 1",
        postcode="80331",
        city="München",
        email="post@example.org",
    )
    mailoutbox.clear()
    submission_ask(submission=submission, by=caseworker, text="Und der Bescheid?")
    outbox_relay()
    (mail,) = mailoutbox
    for part in (mail.body, str(mail.alternatives[0][0])):
        assert "Erwerbslosen-Forum Datenschutz e. V." in part
        assert "Vereinsweg 1, 80331 München" in part
        assert "post@example.org" in part
