"""The public report form: stored with files, outbox, receipt code, traps."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.intake.models import IntakeEvent, IntakeFile, IntakeSubmission, NotificationLog, Outbox
from cases.intake.notify import outbox_relay
from cases.intake.tasks import relay_outbox
from tests.intake.conftest import old_fill_token, pdf_upload, png_upload, solved_challenge

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"\b(\d{4} \d{4} \d{4} \d{4})\b")


def receipt_code(response) -> str:
    match = CODE_RE.search(response.content.decode())
    assert match, "no receipt code on the page"
    return match.group(1)


def test_form_page_works_without_login_and_explains_each_kind(client):
    response = client.get(reverse("intake:form"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="intake-form"' in page
    assert "Suchmaschine" in page and "Beispiel:" in page
    assert 'class="hp-field"' in page and "Bitte leer lassen" in page
    assert "<script>" not in page and "style=" not in page


def test_a_report_with_two_files_is_stored_relayed_and_mailed_once(
    submit, report_data, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.INTAKE_NOTIFY_EMAILS = ["eingang@example.org", "team@example.org"]
    with django_capture_on_commit_callbacks(execute=False):
        response = submit(report_data, files=[png_upload(), pdf_upload()])
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:done")

    submission = IntakeSubmission.objects.get()
    assert submission.description == report_data["description"]
    assert submission.status == IntakeSubmission.Status.RECEIVED
    assert submission.decision_dated_on.isoformat() == "2026-10-20"
    files = list(submission.files.order_by("original_name"))
    assert [f.original_name for f in files] == ["bescheid.pdf", "bildschirmfoto.png"]
    assert [f.content_type for f in files] == ["application/pdf", "image/png"]
    for item in files:
        assert item.original.storage.exists(item.original.name)
        assert item.sanitized.storage.exists(item.sanitized.name)
    assert Outbox.objects.filter(processed_at__isnull=True).count() == 1
    assert IntakeEvent.objects.filter(kind="received").count() == 1

    relay_outbox.apply()
    relay_outbox.apply()
    assert outbox_relay() == 0

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["eingang@example.org", "team@example.org"]
    assert "/meldung/eingang/" in mail.body
    everything = mail.subject + mail.body + mail.alternatives[0][0]
    for private in ("Erika", "erika@example.org", "Urlaubsfotos", "0301234567"):
        assert private not in everything
    assert NotificationLog.objects.count() == 1
    assert Outbox.objects.get().processed_at is not None


def test_receipt_code_is_shown_once_grouped(submit, report_data, client):
    response = submit(report_data, follow=True)
    code = receipt_code(response)
    assert len(code.replace(" ", "")) == 16
    again = client.get(reverse("intake:done"))
    assert CODE_RE.search(again.content.decode()) is None
    assert 'id="receipt-gone"' in again.content.decode()


def test_report_is_stored_and_code_shown_when_the_broker_is_unreachable(
    submit, report_data, client, django_capture_on_commit_callbacks, closed_broker, caplog
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = submit(report_data, files=[png_upload()])
    done = client.get(response["Location"])
    elapsed = time.monotonic() - started

    assert len(callbacks) == 1
    assert response.status_code == 302
    assert elapsed < 5
    assert len(receipt_code(done).replace(" ", "")) == 16
    assert IntakeSubmission.objects.count() == 1
    assert IntakeFile.objects.count() == 1
    assert Outbox.objects.filter(processed_at__isnull=True).count() == 1
    assert "broker unreachable" in caplog.text


def test_validation_errors_keep_everything_typed(submit, report_data):
    data = dict(report_data, description="", consent="", contact_email="kaputt")
    response = submit(data, files=[png_upload()])
    assert response.status_code == 400
    page = response.content.decode()
    assert IntakeSubmission.objects.count() == 0
    assert "Frau Beispiel" in page
    assert "Im Termin am Schreibtisch gesehen." in page
    assert 'value="2026-10-02"' in page
    assert 'value="kaputt"' in page
    assert 'value="Erika Mustermann"' in page
    radio = re.search(r'<input[^>]*id="id_kind_0"[^>]*>', page).group(0)
    assert 'value="profile_research"' in radio and "checked" in radio
    assert "Ohne Ihr Einverständnis" in page
    assert "Dateien müssen Sie neu auswählen" in page


def test_jobcenter_may_be_free_text_but_not_missing(submit, report_data):
    response = submit(dict(report_data, jobcenter=""))
    assert response.status_code == 400
    assert "Bitte wählen Sie Ihr Jobcenter" in response.content.decode()
    response = submit(dict(report_data, jobcenter="", jobcenter_text="Jobcenter Hintertupfingen"))
    assert response.status_code == 302
    assert IntakeSubmission.objects.get().jobcenter_label == "Jobcenter Hintertupfingen"


def test_anonymous_report_keeps_no_contact_details(submit, report_data):
    response = submit(dict(report_data, is_anonymous="on"))
    assert response.status_code == 302
    submission = IntakeSubmission.objects.get()
    assert submission.is_anonymous
    assert submission.contact_name == submission.contact_email == ""


def test_a_file_that_is_not_an_image_or_pdf_is_refused_by_its_content(submit, report_data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    response = submit(report_data, files=[fake])
    assert response.status_code == 400
    assert "ist kein Bild" in response.content.decode()
    assert IntakeSubmission.objects.count() == 0


def test_too_many_files_are_refused_politely(submit, report_data, settings):
    settings.INTAKE_MAX_FILES = 2
    response = submit(report_data, files=[png_upload(f"{i}.png") for i in range(3)])
    assert response.status_code == 400
    assert "höchstens 2 Dateien" in response.content.decode()


def test_an_oversized_request_gets_a_polite_page_not_an_error(submit, report_data, settings):
    settings.INTAKE_MAX_REQUEST_BYTES = 2000
    response = submit(report_data, files=[png_upload(), pdf_upload()])
    assert response.status_code == 413
    assert 'id="too-large"' in response.content.decode()
    assert IntakeSubmission.objects.count() == 0


def test_filled_honeypot_is_refused_politely(submit, report_data):
    response = submit(dict(report_data, website="http://spam.example"))
    assert response.status_code == 400
    assert "konnte nicht angenommen werden" in response.content.decode()
    assert IntakeSubmission.objects.count() == 0


@pytest.mark.parametrize("started", ["fresh", "forged", ""])
def test_too_fast_or_forged_start_is_refused_and_keeps_the_typed_values(
    submit, report_data, started
):
    from cases.intake.forms import fill_token_new

    token = {"fresh": fill_token_new(), "forged": "123:abc", "": ""}[started]
    response = submit(dict(report_data, started=token))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Das ging sehr schnell" in page
    assert "Urlaubsfotos" in page
    assert IntakeSubmission.objects.count() == 0


def test_corrected_form_sent_again_keeps_its_start_time(submit, report_data):
    token = old_fill_token()
    response = submit(dict(report_data, description="", started=token))
    assert f'value="{token}"' in response.content.decode()


def test_many_reports_from_one_address_ask_for_proof_of_work_not_a_lockout(
    submit, report_data, settings, client
):
    settings.INTAKE_SUBMISSIONS_PER_ADDRESS = 2
    assert submit(dict(report_data, started=old_fill_token())).status_code == 302
    assert submit(dict(report_data, started=old_fill_token())).status_code == 302
    data = dict(report_data, started=old_fill_token())
    response = submit(data)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Ihre Eingaben stehen noch im Formular" in page
    assert "Urlaubsfotos" in page
    assert IntakeSubmission.objects.count() == 2
    # The browser solves the challenge and sends again: the report is taken.
    assert submit(dict(data, altcha=solved_challenge(page))).status_code == 302
    assert IntakeSubmission.objects.count() == 3
    # Someone elsewhere was never asked for anything.
    other = client.post(
        reverse("intake:form"),
        dict(report_data, started=old_fill_token()),
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 302


def test_a_form_token_is_taken_once(submit, report_data, client):
    token = old_fill_token()
    assert submit(dict(report_data, started=token)).status_code == 302
    client.session.flush()
    again = client.post(
        reverse("intake:form"), dict(report_data, started=token), REMOTE_ADDR="203.0.113.50"
    )
    assert again.status_code == 400
    assert "schon einmal abgeschickt" in again.content.decode()
    assert IntakeSubmission.objects.count() == 1


def test_a_double_click_shows_the_receipt_of_the_first_report(submit, report_data):
    data = dict(report_data, started=old_fill_token())
    assert submit(data).status_code == 302
    second = submit(data, follow=True)
    assert "Ihr Code" in second.content.decode() or second.redirect_chain[-1][0].endswith(
        reverse("intake:done")
    )
    assert IntakeSubmission.objects.count() == 1


def test_an_expired_form_token_is_not_accepted_as_fresh(submit, report_data, settings):
    settings.INTAKE_FILL_TOKEN_MAX_AGE = 600
    response = submit(dict(report_data, started=old_fill_token(seconds=601)))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Das Formular war sehr lange geöffnet" in page
    assert "Urlaubsfotos" in page  # nothing typed is lost
    assert IntakeSubmission.objects.count() == 0
    # The page carries a fresh form: sent again after a moment, it is taken.
    token = re.search(r'name="started" value="([^"]+)"', page).group(1)
    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        assert submit(dict(report_data, started=token)).status_code == 302
    assert IntakeSubmission.objects.count() == 1


def test_form_without_csrf_token_is_refused(report_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("intake:form"), report_data)
    assert response.status_code == 403
    assert IntakeSubmission.objects.count() == 0
