"""Letters rendered with the production static storage (hashed names)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import time_machine
from django.core.management import call_command

from letters.fetcher import BASE_URL, StaticOnlyURLFetcher
from letters.models import Letter
from letters.rendering import letter_html
from letters.services import letter_document_for, letter_draft_create
from tests.letters.conftest import finalized, pdf_words


@pytest.fixture
def manifest_static(settings, tmp_path):
    """STATIC_ROOT collected the way scripts/build_static.sh collects it
    (manifest storage), limited to the project's own static folder."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_the_fetcher_serves_the_hashed_stylesheet_with_hashed_font_references(manifest_static):
    hashed = next((manifest_static / "css").glob("letter.*.css")).name
    css = StaticOnlyURLFetcher().fetch(f"{BASE_URL}static/css/{hashed}").read().decode()
    assert "@page" in css
    font = re.search(r"url\(\"?([^)\"]+-400-normal\.[0-9a-f]{12}\.woff2)", css)
    assert font, "the collected stylesheet names the hashed font"
    url = urljoin(f"{BASE_URL}static/css/{hashed}", font.group(1))
    assert StaticOnlyURLFetcher().fetch(url).read()[:4] == b"wOF2"


def test_a_letter_keeps_the_din_5008_layout_under_the_manifest_storage(
    manifest_static, case, caseworker
):
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
        html = letter_html(letter_document_for(letter))
        assert re.search(r"/static/css/letter\.[0-9a-f]{12}\.css", html), "hashed name used"
        letter = finalized(letter, caseworker)
    with letter.pdf.open("rb") as fh:
        first_page = pdf_words(fh.read())[0]
    recipient = [w for w in first_page if w["text"] in {"Jobcenter", "Rosenheimer", "83714"}]
    assert {w["text"] for w in recipient} == {"Jobcenter", "Rosenheimer", "83714"}
    for word in recipient:  # DIN 5008 form B address window
        assert word["x0_mm"] >= 20 and word["x1_mm"] <= 105, word
        assert word["top_mm"] >= 45 and word["bottom_mm"] <= 90, word
