"""Receipt codes, the status page, and what the database never holds."""

from __future__ import annotations

import base64
import re

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse

from cases.intake import codes
from cases.intake.models import IntakeMessage, IntakeSubmission
from cases.intake.services import submission_ask, submission_reject
from tests.intake.conftest import MARKER_IP, png_upload, solved_challenge
from tests.intake.factories import IntakeSubmissionFactory

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"\b(\d{4} \d{4} \d{4} \d{4})\b")


def all_text_in_database() -> str:
    """Every text, JSON and binary column of every table, as one string."""
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            columns = [
                f.column
                for f in model._meta.concrete_fields
                if isinstance(
                    f,
                    models.CharField
                    | models.TextField
                    | models.JSONField
                    | models.BinaryField
                    | models.GenericIPAddressField
                    | models.FileField,
                )
            ]
            if not columns:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            select = ", ".join(f"CAST({connection.ops.quote_name(c)} AS TEXT)" for c in columns)
            cursor.execute(f"SELECT {select} FROM {table}")  # noqa: S608
            for row in cursor.fetchall():
                chunks.extend(value for value in row if value)
    text = "\n".join(chunks)
    # Session data is base64-encoded: decode what can be decoded as well.
    decoded = []
    for token in re.findall(r"[A-Za-z0-9_\-]{20,}", text):
        try:
            decoded.append(
                base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("latin-1")
            )
        except ValueError:
            continue
    from django.contrib.sessions.models import Session

    sessions = [repr(session.get_decoded()) for session in Session.objects.all()]
    return "\n".join([text, *decoded, *sessions])


def submit_and_read_code(submit, report_data, client) -> str:
    response = submit(report_data, files=[png_upload()], follow=True)
    return CODE_RE.search(response.content.decode()).group(1)


def test_no_raw_ip_address_anywhere_in_the_database(submit, report_data, client, caseworker):
    submit_and_read_code(submit, report_data, client)
    client.post(reverse("intake:status"), {"code": "0000 0000 0000 0000"}, REMOTE_ADDR=MARKER_IP)
    everything = all_text_in_database()
    assert "Urlaubsfotos" in everything  # the scan does see the submission
    assert MARKER_IP not in everything
    assert "198.51.100" not in everything


def test_receipt_code_is_not_stored_in_clear(submit, report_data, client):
    code = submit_and_read_code(submit, report_data, client)
    digits = code.replace(" ", "")
    everything = all_text_in_database()
    assert digits not in everything
    assert code not in everything
    assert digits[6:] not in everything  # not even the part behind the lookup key
    submission = IntakeSubmission.objects.get()
    assert submission.code_hash.startswith("$argon2id$")


def test_status_page_shows_status_messages_and_takes_additions(
    submit, report_data, client, caseworker, mailoutbox
):
    code = submit_and_read_code(submit, report_data, client)
    submission = IntakeSubmission.objects.get()
    submission_ask(submission=submission, by=caseworker, text="Haben Sie den Bescheid noch?")

    fresh = type(client)()
    page = fresh.get(reverse("intake:status"))
    assert 'id="status-code-form"' in page.content.decode()
    response = fresh.post(reverse("intake:status"), {"code": code}, follow=True)
    text = response.content.decode()
    assert re.search(r'id="status-text">in Bearbeitung<', text)
    assert "Haben Sie den Bescheid noch?" in text

    response = fresh.post(
        reverse("intake:status_add"),
        {"text": "Ja, ich lade ihn hoch.", "uploads": [png_upload("bescheid.png", (0, 0, 200))]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Ihre Ergänzung ist bei uns angekommen" in response.content.decode()
    assert "Ja, ich lade ihn hoch." in response.content.decode()
    assert submission.files.count() == 2
    assert submission.messages.filter(direction=IntakeMessage.Direction.FROM_PERSON).count() == 1


def test_code_with_or_without_spaces_opens_the_status(client):
    code = codes.code_new()
    IntakeSubmissionFactory(code=code)
    response = client.post(reverse("intake:status"), {"code": code}, follow=True)
    assert re.search(r'id="status-text">eingegangen<', response.content.decode())
    other = type(client)()
    response = other.post(reverse("intake:status"), {"code": codes.code_grouped(code)}, follow=True)
    assert re.search(r'id="status-text">eingegangen<', response.content.decode())


def test_rejected_report_reads_closed_and_takes_no_additions(client, caseworker):
    code = codes.code_new()
    submission = IntakeSubmissionFactory(code=code)
    submission_reject(submission=submission, by=caseworker, reason="Spam")
    response = client.post(reverse("intake:status"), {"code": code}, follow=True)
    text = response.content.decode()
    assert re.search(r'id="status-text">abgeschlossen<', text)
    assert "Spam" not in text
    assert 'id="status-add-form"' not in text


def test_wrong_codes_from_one_address_ask_it_for_proof_of_work(client, settings):
    settings.INTAKE_WRONG_CODES_PER_ADDRESS = 3
    code = codes.code_new()
    IntakeSubmissionFactory(code=code)
    for _ in range(3):
        wrong = client.post(
            reverse("intake:status"), {"code": "1111 2222 3333 4444"}, REMOTE_ADDR=MARKER_IP
        )
        assert wrong.status_code == 400
        assert "keine Meldung gefunden" in wrong.content.decode()
    asked = client.post(reverse("intake:status"), {"code": code}, REMOTE_ADDR=MARKER_IP)
    assert asked.status_code == 429
    assert "viele falsche Codes" in asked.content.decode()
    # With the work done, the right code opens the status even from there.
    solved = client.post(
        reverse("intake:status"),
        {"code": code, "altcha": solved_challenge(asked.content.decode())},
        REMOTE_ADDR=MARKER_IP,
    )
    assert solved.status_code == 302
    # Someone else, elsewhere, is asked for nothing.
    elsewhere = type(client)().post(
        reverse("intake:status"), {"code": code}, REMOTE_ADDR="203.0.113.5"
    )
    assert elsewhere.status_code == 302


def test_wrong_codes_from_many_addresses_do_not_touch_anyone_else(client, settings):
    settings.INTAKE_WRONG_CODES_PER_ADDRESS = 2
    code = codes.code_new()
    IntakeSubmissionFactory(code=code)
    for i in range(12):
        client.post(reverse("intake:status"), {"code": f"{i:016d}"}, REMOTE_ADDR=f"203.0.113.{i}")
    response = type(client)().post(
        reverse("intake:status"), {"code": code}, REMOTE_ADDR="203.0.113.200"
    )
    assert response.status_code == 302


def test_guesses_at_one_code_prefix_ask_for_work_only_for_that_prefix(client, settings):
    settings.INTAKE_WRONG_CODES_PER_PREFIX = 2
    code = "1234560000000001"
    IntakeSubmissionFactory(code=code)
    other_code = codes.code_new()
    IntakeSubmissionFactory(code=other_code)
    for i in range(2):
        client.post(
            reverse("intake:status"), {"code": f"123456{i:09d}7"}, REMOTE_ADDR=f"10.0.0.{i}"
        )
    same_prefix = type(client)().post(
        reverse("intake:status"), {"code": code}, REMOTE_ADDR="203.0.113.7"
    )
    assert same_prefix.status_code == 429
    assert 'name="altcha"' in same_prefix.content.decode()
    assert (
        type(client)()
        .post(reverse("intake:status"), {"code": other_code}, REMOTE_ADDR="203.0.113.7")
        .status_code
        == 302
    )


def test_many_guesses_at_the_right_codes_prefix_ask_its_owner_for_little_work(client, settings):
    """Someone who knows the first digits of a code and guesses the rest from
    many addresses cannot make the right code cost more than load does."""
    from cases.intake.challenge import max_number
    from cases.intake.throttle import MAX_LOAD_LEVEL

    settings.INTAKE_WRONG_CODES_PER_PREFIX = 2
    settings.INTAKE_CHALLENGE_BASE_NUMBER = 500
    code = "6543210000000001"
    IntakeSubmissionFactory(code=code)
    # Six addresses, each solving whatever work it is asked for: six wrong
    # codes counted against the prefix.
    for i in range(6):
        guesser, guess = type(client)(), {"code": f"654321{i:09d}7"}
        address = f"10.9.0.{i}"
        response = guesser.post(reverse("intake:status"), guess, REMOTE_ADDR=address)
        if response.status_code == 429:
            guess["altcha"] = solved_challenge(response.content.decode())
            response = guesser.post(reverse("intake:status"), guess, REMOTE_ADDR=address)
        assert response.status_code == 400  # checked, and wrong
    owner = type(client)()
    asked = owner.post(reverse("intake:status"), {"code": code}, REMOTE_ADDR="203.0.113.8")
    page = asked.content.decode()
    asked_for = int(re.search(r'data-max-number="(\d+)"', page).group(1))
    assert asked_for == max_number(MAX_LOAD_LEVEL)
    solved = owner.post(
        reverse("intake:status"),
        {"code": code, "altcha": solved_challenge(page)},
        REMOTE_ADDR="203.0.113.8",
    )
    assert solved.status_code == 302


def test_garbage_code_is_a_polite_error(client):
    response = client.post(reverse("intake:status"), {"code": "abc"})
    assert response.status_code == 400
    assert "Bitte prüfen Sie die 16 Ziffern" in response.content.decode()


def test_privacy_notice_names_storage_period_and_readers(client, settings):
    settings.INTAKE_RETENTION_DAYS = 45
    page = client.get(reverse("intake:privacy")).content.decode()
    assert "nach 45 Tagen" in page
    assert "IP-Adresse speichern wir nicht" in page
    assert "zweiten Faktor" in page


def test_the_help_page_says_what_a_jobcenter_may_do_and_links_to_the_form(client):
    page = client.get(reverse("intake:help"))
    assert page.status_code == 200
    text = page.text
    assert "absoluten Ausnahmefällen" in text and "unter falschem Namen" in text
    assert "Zuerst muss das Jobcenter Sie selbst fragen" in text
    assert "§ 67a" in text and "24.05.2013" in text  # the source is named
    assert reverse("intake:form") in text
    assert "<script" not in text.split("</main>")[0].split("<main")[1]  # works without JS
    form = client.get(reverse("intake:form")).text
    assert reverse("intake:help") in form


def test_privacy_notice_has_what_art_13_dsgvo_requires(client, settings):
    settings.CASE_RETENTION_DAYS = 1000
    page = client.get(reverse("intake:privacy")).content.decode()
    for section in (
        "privacy-controller",  # Art. 13 Abs. 1 Buchst. a
        "privacy-dpo",  # Buchst. b
        "privacy-purposes",  # Buchst. c, d
        "privacy-recipients",  # Buchst. e, f
        "privacy-retention",  # Abs. 2 Buchst. a
        "privacy-rights",  # Buchst. b, c
        "privacy-complaint",  # Buchst. d
        "privacy-voluntary",  # Buchst. e, f
    ):
        assert f'id="{section}"' in page, section
    for norm in (
        "Art. 6 Abs. 1 Buchst. a DSGVO",
        "Art. 6 Abs. 1 Buchst. f DSGVO",
        "Art. 15 DSGVO",
        "Art. 17 DSGVO",
        "Art. 20 DSGVO",
        "Art. 21 DSGVO",
        "Art. 7 Abs. 3 DSGVO",
        "Art. 77 DSGVO",
        "Art. 22 DSGVO",
    ):
        assert norm in page, norm
    assert "1000 Tage nach seinem Abschluss" in page
    assert reverse("intake:imprint") in page  # the footer of every public page
