"""Point 3 of the workspace issue: text blocks, the preview beside the editor."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from letters.models import Letter, TextBlock
from letters.services import letter_draft_create
from letters.textblocks import TextBlockForm, fill

pytestmark = pytest.mark.django_db

DOC = {
    "sender": {"name": "Erika Mustermann", "customer_number": "123D456789"},
    "case": {"reference": "2026-0042"},
    "jobcenter": {"name": "Jobcenter München"},
    "decision": None,
    "date_display": "20.03.2026",
}


def test_placeholders_are_filled_and_a_missing_value_stays_visible():
    text, missing = fill(
        "Betr.: {Aktenzeichen}, {Name} ({Kundennummer}), Bescheid vom {Bescheid vom}.", DOC
    )
    assert text == (
        "Betr.: 2026-0042, Erika Mustermann (123D456789), Bescheid vom [Bescheid vom: fehlt]."
    )
    assert missing == ["Bescheid vom"]


def test_a_block_with_an_unknown_placeholder_is_refused_with_the_known_ones():
    form = TextBlockForm({"title": "Gruß", "text": "Hallo {Vorname}"})
    assert not form.is_valid()
    assert "{Vorname}" in str(form.errors["text"]) and "{Aktenzeichen}" in str(form.errors["text"])


def test_only_coordinators_keep_text_blocks(cw_client, coord_client):
    url = reverse("letters:text_blocks")
    assert cw_client.get(url).status_code == 403
    response = coord_client.post(url, {"title": "Akteneinsicht", "text": "Az. {Aktenzeichen}"})
    assert response.status_code == 302
    assert TextBlock.objects.get().text == "Az. {Aktenzeichen}"


def test_editor_offers_the_blocks_filled_from_the_case_and_the_pages_beside(
    cw_client, case, caseworker
):
    TextBlock.objects.create(title="Bezug", text="Mein Zeichen: {Aktenzeichen}; {Jobcenter}")
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    page = cw_client.get(reverse("letters:edit", args=[letter.pk])).text
    assert f"Mein Zeichen: {case.reference}; {case.jobcenter.name}" in page
    image_url = reverse("letters:page_image", args=[letter.pk, 1])
    assert f'src="{image_url}"' in page
    assert 'alt="Seite 1 von' in page

    response = cw_client.get(image_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    picture = Image.open(io.BytesIO(response.content))
    assert picture.width == 900 and 1.3 < picture.height / picture.width < 1.5  # A4
    assert cw_client.get(reverse("letters:page_image", args=[letter.pk, 99])).status_code == 404


def test_page_images_keep_to_the_team(other_client, case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    url = reverse("letters:page_image", args=[letter.pk, 1])
    assert other_client.get(url).status_code == 404


def test_saving_with_a_fresh_preview_stays_in_the_editor_and_redraws_the_pages(
    cw_client, case, caseworker
):
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    image_url = reverse("letters:page_image", args=[letter.pk, 1])
    before = cw_client.get(image_url)
    assert before["Cache-Control"] == "no-cache"
    response = cw_client.post(
        reverse("letters:edit", args=[letter.pk]),
        {
            "subject": letter.subject,
            "body": "Ganz neuer Text.\n" * 40,
            "planned_channel": letter.planned_channel,
            "stay": "1",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("letters:edit", args=[letter.pk])
    assert "die Vorschau zeigt den neuen Stand" in response.text
    letter.refresh_from_db()
    assert letter.body.startswith("Ganz neuer Text.")
    assert cw_client.get(image_url).content != before.content
