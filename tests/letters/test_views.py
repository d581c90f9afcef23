"""The letter pages: permissions, workflow through the browser, downloads."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from cases.models import Case
from letters.models import Letter
from letters.services import letter_draft_create, letter_mark_sent
from letters.views.letters import ascii_filename
from tests.letters.conftest import complete, finalized, pdf_text


@pytest.fixture
def draft(case, caseworker):
    return complete(
        letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker), caseworker
    )


@pytest.fixture
def final(draft, caseworker):
    return finalized(draft, caseworker)


@pytest.fixture
def sent(final, caseworker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.uploads import check_upload
    from tests.letters.test_services import PDF_PROOF

    proof = check_upload(SimpleUploadedFile("beleg.pdf", PDF_PROOF))
    return letter_mark_sent(
        letter=final,
        by=caseworker,
        channel=Letter.Channel.FAX,
        sent_on=dt.date(2026, 3, 2),
        proof=proof,
    )


LETTER_URLS = [
    ("get", "letters:detail"),
    ("get", "letters:edit"),
    ("post", "letters:edit"),
    ("get", "letters:preview"),
    ("get", "letters:preview_pdf"),
    ("post", "letters:finalize"),
    ("post", "letters:new_version"),
    ("get", "letters:mark_sent"),
    ("post", "letters:mark_sent"),
    ("get", "letters:download"),
    ("get", "letters:proof"),
]


@pytest.mark.parametrize("letter_state", ["draft", "sent"])
@pytest.mark.parametrize(("method", "name"), LETTER_URLS)
def test_other_teams_get_404_for_every_letter_url(
    request, other_client, method, name, letter_state
):
    letter = request.getfixturevalue(letter_state)
    before = (letter.status, letter.body, Letter.objects.count())
    response = getattr(other_client, method)(reverse(name, args=[letter.pk]))
    assert response.status_code == 404
    letter.refresh_from_db()
    assert (letter.status, letter.body, Letter.objects.count()) == before


@pytest.mark.parametrize(
    ("method", "name"),
    [("get", "letters:create"), ("post", "letters:create"), ("post", "letters:bundle")],
)
def test_other_teams_get_404_for_case_letter_urls(other_client, case, method, name):
    response = getattr(other_client, method)(
        reverse(name, args=[case.reference]), {"kind": "auskunft"}
    )
    assert response.status_code == 404
    assert not Letter.objects.exists()


def test_anonymous_users_are_sent_to_login(client, final):
    response = client.get(reverse("letters:download", args=[final.pk]))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_coordinator_sees_every_letter(coord_client, other_case, caseworker):
    letter = letter_draft_create(case=other_case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker)
    assert coord_client.get(reverse("letters:detail", args=[letter.pk])).status_code == 200


def test_list_shows_only_visible_letters_with_pinned_queries(
    cw_client, case, other_case, caseworker, django_assert_num_queries
):
    for kind in ("auskunft", "akteneinsicht", "dsgvo_beschwerde", "petition"):
        letter_draft_create(case=case, kind=kind, by=caseworker)
    hidden = letter_draft_create(case=other_case, kind="auskunft", by=caseworker)
    # user, MFA check, coordinator group, count, one page of letters with their
    # cases and recipients joined (the session comes from the cache): the same
    # for 4 letters or 25.
    with django_assert_num_queries(5):
        response = cw_client.get(reverse("letters:list"))
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 4
    assert hidden not in page.object_list
    assert "Landesbeauftragte" in response.content.decode()


def test_list_filters_by_kind_and_status(cw_client, case, caseworker):
    letter_draft_create(case=case, kind="auskunft", by=caseworker)
    petition = letter_draft_create(case=case, kind="petition", by=caseworker)
    response = cw_client.get(reverse("letters:list"), {"kind": "petition", "status": "draft"})
    assert list(response.context["page"].object_list) == [petition]


def test_list_paginates(cw_client, case, caseworker):
    for _ in range(26):
        Letter.objects.create(
            case=case, kind="auskunft", subject="x", body="x", template_version="auskunft/1"
        )
    first = cw_client.get(reverse("letters:list"), {"kind": "auskunft"})
    assert len(first.context["page"].object_list) == 25
    second = cw_client.get(reverse("letters:list"), {"kind": "auskunft", "page": 2})
    assert len(second.context["page"].object_list) == 1
    assert "kind=auskunft&amp;page=2" in first.content.decode()


def test_list_is_empty_with_a_hint(cw_client):
    response = cw_client.get(reverse("letters:list"))
    assert "Keine Briefe gefunden" in response.content.decode()


def test_case_partial_offers_kinds_and_lists_letters_without_queries(
    case, draft, django_assert_num_queries
):
    case = Case.objects.prefetch_related("letters").get(pk=case.pk)
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        html = render_to_string("letters/_case_letters.html", {"case": case}, request=request)
    assert "Antrag auf einstweilige Anordnung" in html
    assert reverse("letters:detail", args=[draft.pk]) in html
    assert reverse("letters:bundle", args=[case.reference]) in html


def test_choosing_a_kind_creates_a_draft_and_opens_the_editor(cw_client, case):
    response = cw_client.post(
        reverse("letters:create", args=[case.reference]), {"kind": "auskunft"}
    )
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:edit", args=[letter.pk])
    assert letter.recipient_jobcenter == case.jobcenter
    assert "Art. 15" in letter.body


def test_missing_recipient_shows_a_message_not_an_error(cw_client, case, directory):
    directory["sta_muenchen"].delete()
    response = cw_client.post(
        reverse("letters:create", args=[case.reference]), {"kind": "strafantrag"}
    )
    assert response.status_code == 400
    assert "Staatsanwaltschaft für den Kreis 09182" in response.content.decode()
    assert not Letter.objects.exists()


def test_recipient_of_the_wrong_kind_is_refused(cw_client, case, directory):
    response = cw_client.post(
        reverse("letters:create", args=[case.reference]),
        {"kind": "dsgvo_beschwerde", "recipient": directory["sta_muenchen"].pk},
    )
    assert response.status_code == 400
    assert not Letter.objects.exists()


def test_bundle_button_creates_drafts_and_reports(cw_client, case, directory):
    directory["sta_muenchen"].delete()
    response = cw_client.post(reverse("letters:bundle", args=[case.reference]), follow=True)
    assert Letter.objects.filter(case=case).count() == 3
    text = response.content.decode()
    assert "3 Entwürfe angelegt" in text
    assert "Staatsanwaltschaft für den Kreis 09182" in text


def test_editing_a_draft_saves_the_text(cw_client, draft):
    response = cw_client.post(
        reverse("letters:edit", args=[draft.pk]),
        {"subject": "Widerspruch", "body": "Erster Absatz.\n\nZweiter Absatz."},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body == "Erster Absatz.\n\nZweiter Absatz."


def test_editing_a_final_letter_is_refused(cw_client, final):
    body = final.body
    response = cw_client.post(
        reverse("letters:edit", args=[final.pk]), {"subject": "x", "body": "geändert"}, follow=True
    )
    final.refresh_from_db()
    assert final.body == body
    assert "kann nicht geändert werden" in response.content.decode()


def test_html_preview_escapes_user_text(cw_client, draft, caseworker):
    draft.body = '<script>alert(1)</script><img src="file:///etc/passwd">'
    draft.save()
    response = cw_client.get(reverse("letters:preview", args=[draft.pk]))
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "/static/css/letter.css" in html


def test_pdf_preview_of_a_draft_is_rendered_inline(cw_client, draft):
    response = cw_client.get(reverse("letters:preview_pdf", args=[draft.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("inline")


def test_finalize_then_new_version_then_download_both(cw_client, draft):
    cw_client.post(reverse("letters:finalize", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Letter.Status.FINAL
    response = cw_client.post(reverse("letters:new_version", args=[draft.pk]))
    v2 = Letter.objects.get(previous=draft)
    assert response["Location"] == reverse("letters:edit", args=[v2.pk])
    cw_client.post(
        reverse("letters:edit", args=[v2.pk]), {"subject": "Widerspruch v2", "body": "Neu."}
    )
    cw_client.post(reverse("letters:finalize", args=[v2.pk]))
    old = cw_client.get(reverse("letters:download", args=[draft.pk]))
    new = cw_client.get(reverse("letters:download", args=[v2.pk]))
    assert old["Content-Disposition"] == 'attachment; filename="2026-0042_Widerspruch_v1.pdf"'
    assert new["Content-Disposition"] == 'attachment; filename="2026-0042_Widerspruch_v2.pdf"'
    assert b"".join(old.streaming_content) != b"".join(new.streaming_content)


def test_a_draft_has_nothing_to_download(cw_client, draft):
    response = cw_client.get(reverse("letters:download", args=[draft.pk]))
    assert response.status_code == 302


def test_mark_sent_form_records_the_dispatch(cw_client, final):
    with time_machine.travel("2026-03-05 10:00 +01:00", tick=False):
        response = cw_client.post(
            reverse("letters:mark_sent", args=[final.pk]),
            {"channel": "einschreiben", "sent_on": "2026-03-04", "tracking_number": "RR1DE"},
        )
    assert response.status_code == 302
    final.refresh_from_db()
    assert (final.status, final.channel, final.tracking_number) == ("sent", "einschreiben", "RR1DE")


def test_registered_mail_needs_a_tracking_number(cw_client, final):
    response = cw_client.post(
        reverse("letters:mark_sent", args=[final.pk]),
        {"channel": "einschreiben", "sent_on": "2026-01-04"},
    )
    assert response.status_code == 400
    assert "Sendungsnummer" in response.content.decode()
    final.refresh_from_db()
    assert final.status == Letter.Status.FINAL


def test_proof_upload_must_be_an_image_or_pdf(cw_client, final):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = cw_client.post(
        reverse("letters:mark_sent", args=[final.pk]),
        {
            "channel": "fax",
            "sent_on": "2026-01-04",
            "proof": SimpleUploadedFile("x.html", b"<html>hi</html>"),
        },
    )
    assert response.status_code == 400
    assert "kein Bild" in response.content.decode()


def test_proof_downloads_as_attachment(cw_client, sent):
    response = cw_client.get(reverse("letters:proof", args=[sent.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2026-0042_Widerspruch_v2.pdf", "2026-0042_Widerspruch_v2.pdf"),
        ("2026-0042_Beschwerde_Übermittlung_v1.pdf", "2026-0042_Beschwerde_Uebermittlung_v1.pdf"),
        ("Straße ärgerlich/../x.pdf", "Strasse-aergerlich-..-x.pdf"),
    ],
)
def test_filenames_are_ascii(name, expected):
    assert ascii_filename(name) == expected


def test_create_page_offers_the_case_decisions_and_authorities(cw_client, case, directory):
    response = cw_client.get(
        reverse("letters:create", args=[case.reference]), {"kind": "widerspruch"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sanktion / Minderung vom 28.02.2025" in html
    assert "Sozialgericht München" in html


def test_detail_of_a_final_letter_offers_download_new_version_and_dispatch(cw_client, final):
    html = cw_client.get(reverse("letters:detail", args=[final.pk])).content.decode()
    assert reverse("letters:download", args=[final.pk]) in html
    assert reverse("letters:new_version", args=[final.pk]) in html
    assert 'name="tracking_number"' in html
    assert final.pdf_sha256 in html
    assert reverse("letters:edit", args=[final.pk]) not in html


def test_the_deadline_panel_names_the_bescheid_of_each_deadline(case, caseworker, cw_client):
    from cases.deadlines.services import decision_record_with_deadlines

    decision_record_with_deadlines(
        case=case,
        by=caseworker,
        kind="minderung",
        dated_on=dt.date(2025, 5, 2),
        posted_on=dt.date(2025, 5, 5),
        reference="BG-4711",
    )
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).content.decode()
    assert "zum Bescheid vom 02.05.2025, BG-4711" in page


def test_a_widerspruch_cannot_be_marked_sent_by_email(final, cw_client):
    # Written form (§ 84 Abs. 1 SGG): a plain e-mail does not meet it.
    response = cw_client.post(
        reverse("letters:mark_sent", args=[final.pk]),
        {"channel": "email", "sent_on": "2026-03-20"},
    )
    assert response.status_code == 400
    assert "Schriftform" in response.content.decode()
    final.refresh_from_db()
    assert final.status == Letter.Status.FINAL


def test_a_strafantrag_by_email_is_recorded_with_a_warning(case, caseworker, cw_client):
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        letter = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker),
            caseworker,
        )
        response = cw_client.post(
            reverse("letters:mark_sent", args=[letter.pk]),
            {"channel": "email", "sent_on": "2025-04-01"},
            follow=True,
        )
    page = response.content.decode()
    assert "§ 158 Abs. 2 StPO" in page and "unsicher" in page
    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT


def test_a_strafantrag_sent_too_late_is_flagged_at_dispatch(case, caseworker, cw_client):
    # Period ends 10.06.2025 (knowledge 10.03.2025); posted on 09.06. it is
    # expected on 13.06. The finalising check assumed a fax; dispatch checks again.
    with time_machine.travel("2025-06-09 10:00 +02:00", tick=False):
        letter = letter_draft_create(
            case=case,
            kind=Letter.Kind.CRIMINAL_COMPLAINT,
            by=caseworker,
            planned_channel=Letter.Channel.FAX,
        )
        letter = finalized(letter, caseworker)
        response = cw_client.post(
            reverse("letters:mark_sent", args=[letter.pk]),
            {"channel": "post", "sent_on": "2025-06-09"},
            follow=True,
        )
    assert "Strafantragsfrist endete mit Ablauf des 10.06.2025" in response.content.decode()


def test_letter_page_names_the_kind_and_its_text_version_not_the_template_path(cw_client, draft):
    page = cw_client.get(reverse("letters:detail", args=[draft.pk])).text
    kind = draft.get_kind_display()
    assert f"{kind}, Textfassung" in page
    assert draft.template_version not in page  # e.g. "widerspruch/1"


def test_the_draft_page_lists_claims_with_sources_and_advice_outside_the_letter(
    cw_client, case, caseworker
):
    # Each assertion with the field it came from; why the Eilantrag asks nothing
    # about the Bescheid (no Widerspruch recorded) is said to the caseworker only.
    letter = letter_draft_create(case=case, kind=Letter.Kind.INTERIM_ORDER, by=caseworker)
    html = unescape(cw_client.get(reverse("letters:detail", args=[letter.pk])).content.decode())
    assert "Aussagen des erzeugten Texts und ihre Herkunft" in html
    assert "Vorfall 1: Art, Plattform, geschehen am" in html
    assert "data-advice" in html
    assert "Ein Widerspruch gegen den Bescheid ist nicht erfasst" in html
    assert "nicht erfasst" not in letter.body
    # A petition stops no deadline: said on its page.
    petition = letter_draft_create(case=case, kind=Letter.Kind.PETITION, by=caseworker)
    html = unescape(cw_client.get(reverse("letters:detail", args=[petition.pk])).content.decode())
    assert "Eine Petition hemmt keine Frist" in html


def test_only_what_is_ticked_is_listed_as_enclosed(cw_client, case):
    # Eilantrag: "enclosures only those attached" – the Bescheid's copy and each
    # piece of evidence only if ticked; nothing ticked lists nothing.
    url = reverse("letters:create", args=[case.reference])
    form = {"kind": "eilantrag", "planned_channel": "fax", "enclosures_shown": "1"}
    cw_client.post(url, form)
    bare = Letter.objects.get()
    assert bare.options["enclosures"] == []
    assert "beigefügten Anlagen" not in bare.body
    assert "Anlagen" not in pdf_text(finalized(bare, bare.created_by).pdf.read())
    evidence = case.evidence.get()
    cw_client.post(url, {**form, "decision_copy": "on", "enclosures": [evidence.pk]})
    both = Letter.objects.exclude(pk=bare.pk).get(kind="eilantrag")
    text = " ".join(pdf_text(finalized(both, both.created_by).pdf.read()).split())
    assert "beigefügten Anlagen" in text
    assert "Anlagen 1. Kopie des Bescheids vom 28.02.2025 (835-AZ-77) 2. Bildschirmfoto" in text
