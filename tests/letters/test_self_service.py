"""Self-service requests: a ready-to-sign PDF for one's own Jobcenter, the
answer date from the engine, follow-ups after it, and nothing stored."""

from __future__ import annotations

import datetime as dt
import io
import logging
from pathlib import Path

import pdfplumber
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from cases.models import Authority, Jobcenter
from tests.database import database_mentions
from tests.factories import AuthorityFactory, JobcenterFactory
from tests.intake.conftest import solved_challenge
from tests.intake.test_unlinkable import redis_dump

pytestmark = pytest.mark.django_db

NAME = "Ayşe Kowalczyk-Đorđević"
STREET = "Quellweg 17b"
CUSTOMER = "962D417733"
TODAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # Monday


@pytest.fixture
def jobcenter(db):
    return JobcenterFactory(name="Jobcenter Köln", kind=Jobcenter.Kind.GE, state="NW", city="Köln")


@pytest.fixture
def bfdi(db):
    return AuthorityFactory(
        kind=Authority.Kind.DATA_PROTECTION,
        name="Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
        street="Graurheindorfer Straße 153",
        postcode="53117",
        city="Bonn",
        state="NW",
        is_federal=True,
    )


def _data(jobcenter, **extra):
    return {
        "kind": "auskunft",
        "jobcenter": str(jobcenter.pk),
        "name": NAME,
        "street": STREET,
        "postcode": "50667",
        "city": "Köln",
        "customer_number": CUSTOMER,
        **extra,
    }


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_an_access_request_becomes_a_pdf_addressed_to_the_jobcenter(jobcenter):
    with time_machine.travel(TODAY, tick=False):
        response = Client().post(reverse("letters:self_service"), _data(jobcenter, action="pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = _text(response.content)
    assert "Jobcenter Köln" in text and NAME in text and CUSTOMER in text
    assert "Art. 15 Abs. 1 lit. g DSGVO" in text  # the sources of the data
    assert "Art. 15 Abs. 3 DSGVO" in text and "§ 83 SGB X" in text
    assert "02.03.2026" in text


def test_the_plan_page_names_the_answer_date_and_offers_a_calendar_file(jobcenter):
    client = Client()
    with time_machine.travel(TODAY, tick=False):
        page = client.post(reverse("letters:self_service"), _data(jobcenter))
        ics = client.post(reverse("letters:self_service"), _data(jobcenter, action="ics"))
    # Art. 12 Abs. 3 DSGVO: sent Mon 02.03.2026, received after 4 days of post
    # (Fri 06.03.2026), one month → Mon 06.04.2026 is Easter Monday, so Tue 07.04.2026.
    assert "Antwort fällig bis 07.04.2026" in page.text
    assert "um zwei Monate verlängern" in page.text
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == dt.date(2026, 4, 7)
    assert NAME not in ics.content.decode()


def test_erasure_keeps_what_is_needed_for_proceedings_restricted(jobcenter):
    response = Client().post(
        reverse("letters:self_service"), _data(jobcenter, kind="loeschung", action="pdf")
    )
    text = _text(response.content)
    assert "Art. 17 Abs. 1 lit. d DSGVO" in text and "§ 84 SGB X" in text
    assert "Einschränkung der Verarbeitung" in text and "Art. 18" in text


@pytest.mark.parametrize(
    ("pending", "sentence"),
    [(True, "§ 25 Abs. 1 SGB X"), (False, "pflichtgemäßen Ermessen")],
)
def test_file_inspection_follows_whether_a_procedure_is_pending(jobcenter, pending, sentence):
    extra = {"kind": "akteneinsicht", "action": "pdf"}
    if pending:
        extra["procedure_pending"] = "on"
    text = _text(Client().post(reverse("letters:self_service"), _data(jobcenter, **extra)).content)
    assert sentence in text and "Art. 15 Abs. 3 DSGVO" in text


def test_follow_ups_only_after_the_date_then_reminder_and_complaint_to_the_bfdi(jobcenter, bfdi):
    client = Client()
    early = _data(jobcenter, follow_up="erinnerung", sent_on="2026-02-20", action="pdf")
    with time_machine.travel(TODAY, tick=False):
        refused = client.post(reverse("letters:self_service"), early)
    assert refused.status_code == 400 and "läuft noch bis" in refused.text
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        reminder = client.post(
            reverse("letters:self_service"),
            _data(jobcenter, follow_up="erinnerung", sent_on="2026-03-02", action="pdf"),
        )
        complaint = client.post(
            reverse("letters:self_service"),
            _data(jobcenter, follow_up="beschwerde", sent_on="2026-03-02", action="pdf"),
        )
    text = _text(reminder.content)
    assert "02.03.2026" in text and "07.04.2026" in text and "Jobcenter Köln" in text
    text = _text(complaint.content)
    # a gemeinsame Einrichtung: the BfDI supervises it (§ 50 Abs. 4 SGB II)
    assert "Bundesbeauftragte" in text and "Graurheindorfer" in text
    assert "das Jobcenter Köln" in text and "Art. 77" in text


def test_a_missing_field_is_named_and_what_was_typed_stays(jobcenter):
    data = _data(jobcenter)
    data["postcode"] = "5066"
    response = Client().post(reverse("letters:self_service"), data)
    assert response.status_code == 400
    assert "Bitte fünf Ziffern eingeben." in response.text
    assert STREET in response.text
    # The summary at the top names the field and leads to it (app.js gives it the focus).
    summary = response.text.split('class="alert alert-danger error-summary', 1)[1].split("</div>")[
        0
    ]
    assert '<a href="#id_postcode" class="alert-link">' in summary


def test_nothing_of_the_person_is_kept_anywhere(jobcenter, bfdi, caplog, settings, tmp_path):
    """Submit every kind, then scan every text column of the database, the
    media and var folders, the cache and the captured logs."""
    if settings.REDIS_URL == "none://":
        pytest.skip("reads what Redis holds; the embedded setup keeps its counters in files")
    settings.VAR_DIR = tmp_path / "var"
    caplog.set_level(logging.DEBUG)
    client = Client()
    for extra in (
        {},
        {"action": "pdf"},
        {"action": "ics"},
        {"kind": "loeschung", "action": "pdf"},
        {"kind": "akteneinsicht", "action": "pdf"},
        {"follow_up": "beschwerde", "sent_on": "2025-01-02", "action": "pdf"},
    ):
        assert (
            client.post(reverse("letters:self_service"), _data(jobcenter, **extra)).status_code
            == 200
        )
    needles = [NAME, STREET, CUSTOMER, "Quellweg", "962D4177"]
    found = [place for needle in needles for place in database_mentions(needle)]
    for folder in (Path(settings.MEDIA_ROOT), Path(settings.VAR_DIR)):
        if folder.exists():
            for path in folder.rglob("*"):
                if path.is_file():
                    data = path.read_bytes()
                    found += [f"{path}" for n in needles if n.encode() in data]
    # The cache (Redis) holds only the rate-limit counters: no input in keys or values.
    found += [f"cache: {entry[:80]}" for entry in redis_dump() for n in needles if n in entry]
    found += [
        f"log: {r.getMessage()[:80]}"
        for r in caplog.records
        for n in needles
        if n in r.getMessage()
    ]
    assert found == []


# --- abuse limits: the report form's throttle and proof of work ----------------


def _pdf(client, jobcenter, address="203.0.113.9", **extra):
    return client.post(
        reverse("letters:self_service"),
        _data(jobcenter, action="pdf", **extra),
        REMOTE_ADDR=address,
    )


def test_one_address_making_many_letters_is_asked_for_proof_of_work(jobcenter, settings):
    settings.SELF_SERVICE_LETTERS_PER_ADDRESS = 2
    client = Client()
    for _ in range(2):  # while quiet: no JavaScript needed
        assert _pdf(client, jobcenter)["Content-Type"] == "application/pdf"
    asked = _pdf(client, jobcenter)
    assert asked.status_code == 429
    assert asked["Content-Type"].startswith("text/html")
    assert "Gerade werden sehr viele Schreiben erstellt" in asked.text
    assert NAME in asked.text  # the inputs are still in the form
    payload = solved_challenge(asked.text)  # what static/js/proof-of-work.js does
    solved = _pdf(client, jobcenter, altcha=payload)
    assert solved.status_code == 200 and NAME in _text(solved.content)
    # A solution counts once.
    assert _pdf(client, jobcenter, altcha=payload).status_code == 429
    # Another address is not affected.
    assert _pdf(client, jobcenter, address="203.0.113.10").status_code == 200


def test_letters_and_reports_are_counted_apart(jobcenter, settings):
    settings.SELF_SERVICE_LETTERS_PER_ADDRESS = 1
    settings.INTAKE_SUBMISSIONS_PER_ADDRESS = 1
    client = Client()
    _pdf(client, jobcenter)
    assert _pdf(client, jobcenter).status_code == 429
    # The same address can still report without JavaScript.
    form = client.get(reverse("intake:form"), REMOTE_ADDR="203.0.113.9").text
    assert 'name="altcha"' not in form


def test_under_load_everybody_is_asked_and_the_plan_page_carries_the_challenge(jobcenter, settings):
    from letters.views.self_service import letter_throttle

    settings.SELF_SERVICE_CHALLENGE_ABOVE_PER_HOUR = 1
    client = Client()
    quiet = client.post(reverse("letters:self_service"), _data(jobcenter))
    assert 'name="altcha"' not in quiet.text and "proof-of-work.js" not in quiet.text
    letter_throttle().accepted()  # one letter this hour: the threshold is reached
    plan = client.post(reverse("letters:self_service"), _data(jobcenter))
    assert plan.status_code == 200
    assert 'name="altcha"' in plan.text and "proof-of-work.js" in plan.text
    assert _pdf(client, jobcenter, address="198.51.100.3").status_code == 429
    solved = _pdf(client, jobcenter, address="198.51.100.3", altcha=solved_challenge(plan.text))
    assert solved["Content-Type"] == "application/pdf"
    # The calendar file costs nothing and needs no work.
    ics = client.post(reverse("letters:self_service"), _data(jobcenter, action="ics"))
    assert ics["Content-Type"].startswith("text/calendar")


# --- to the Jobcenter's data-protection officer (routing rule JOBCENTER_DPO) ----


def _window(pdf: bytes) -> str:
    """The text of the first page's address field (DIN 5008 form B: 20 mm from
    the left, 45 mm from the top, 85 × 45 mm)."""
    mm = 72 / 25.4
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        return page.within_bbox((15 * mm, 40 * mm, 110 * mm, 95 * mm)).extract_text() or ""


@pytest.mark.parametrize(
    "extra",
    [
        {"kind": "auskunft"},
        {"kind": "loeschung"},
        {"kind": "akteneinsicht"},
        {"follow_up": "erinnerung", "sent_on": "2026-01-05"},
    ],
    ids=["auskunft", "loeschung", "akteneinsicht", "erinnerung"],
)
def test_requests_go_to_the_data_protection_officer_the_directory_knows(jobcenter, extra):
    jobcenter.dpo_name = "Behördlicher Datenschutzbeauftragter"
    jobcenter.dpo_address = "Luxemburger Straße 121\n50939 Köln"
    jobcenter.save()
    client = Client()
    with time_machine.travel(TODAY, tick=False):
        plan = client.post(reverse("letters:self_service"), _data(jobcenter, **extra))
        pdf = client.post(reverse("letters:self_service"), _data(jobcenter, action="pdf", **extra))
    window = _window(pdf.content)
    assert "Jobcenter Köln" in window
    assert "– Behördlicher Datenschutzbeauftragter –" in window
    assert "Luxemburger Straße 121" in window and "50939 Köln" in window
    assert "Behördlicher Datenschutzbeauftragter" in plan.text
    assert "Luxemburger Straße 121" in plan.text


def test_without_a_known_officer_the_request_goes_to_the_jobcenter_itself(jobcenter):
    jobcenter.street, jobcenter.postcode = "Luxemburger Straße 121", "50939"
    jobcenter.save()
    pdf = Client().post(reverse("letters:self_service"), _data(jobcenter, action="pdf"))
    window = _window(pdf.content)
    assert "Jobcenter Köln" in window and "Luxemburger Straße 121" in window
    assert "Datenschutzbeauftragte" not in window


def test_an_officer_known_by_e_mail_only_is_written_to_at_the_jobcenters_address(jobcenter):
    jobcenter.street, jobcenter.postcode = "Luxemburger Straße 121", "50939"
    jobcenter.dpo_email = "datenschutz@jobcenter-koeln.example"
    jobcenter.save()
    pdf = Client().post(reverse("letters:self_service"), _data(jobcenter, action="pdf"))
    window = _window(pdf.content)
    assert "– Datenschutzbeauftragte/r –" in window and "Luxemburger Straße 121" in window


def test_the_complaint_still_goes_to_the_supervisory_authority_not_the_officer(jobcenter, bfdi):
    jobcenter.dpo_name = "Behördlicher Datenschutzbeauftragter"
    jobcenter.dpo_address = "Luxemburger Straße 121\n50939 Köln"
    jobcenter.save()
    pdf = _pdf(Client(), jobcenter, follow_up="beschwerde", sent_on="2025-01-02")
    window = _window(pdf.content)
    assert "Bundesbeauftragte" in window and "Graurheindorfer" in window
    assert "Behördlicher Datenschutzbeauftragter" not in window


def test_a_zkt_complaint_goes_to_the_lands_authority_not_the_bfdi(bfdi):
    """A zugelassener kommunaler Träger is supervised by the Land's commissioner
    (§ 50 Abs. 4 SGB II applies to gemeinsame Einrichtungen only)."""
    zkt = JobcenterFactory(name="Jobcenter Kreis Borken", kind=Jobcenter.Kind.ZKT, state="NW")
    AuthorityFactory(
        kind=Authority.Kind.DATA_PROTECTION,
        name="Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen",
        street="Kavalleriestraße 2-4",
        postcode="40213",
        city="Düsseldorf",
        state="NW",
        jurisdiction_state="NW",
        is_federal=False,
    )
    pdf = _pdf(Client(), zkt, follow_up="beschwerde", sent_on="2025-01-02")
    window = _window(pdf.content)
    assert "Nordrhein-Westfalen" in window and "Kavalleriestraße" in window
    assert "Bundesbeauftragte" not in window
