"""Every page in English shows no German text of the catalogue.

A string that is translated in ``locale/en`` but still shows in German on an
English page was fixed in German somewhere: formatted when a module was
imported (django-filter's descending sort labels), or never marked (the
statistics' headings, the self-service letter kinds). The walk opens every
page a coordinator and an anonymous visitor can open, in English, and looks
for the catalogue's German phrases in what a reader sees (text, and the
``aria-label``, ``title``, ``placeholder`` and ``alt`` attributes).

German by design, and left out of the search: the German term after its
English translation, in parentheses ("joint facility (gemeinsame
Einrichtung)"); the letters' placeholders in braces ("{Bescheid vom}"); and
the deadline engine's rule titles and remedies, the legal names and texts the
deadlines record and the letters write.
"""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.test import Client

from cases.deadlines.compute import RULES
from tests.advocacy.test_i18n import LOCALE, parse_po
from tests.factories import CaseFactory
from tests.harness.object_urls import OBJECT_URLS, object_values
from tests.harness.urlwalk import routes

PHRASE = re.compile(r"[äöüßÄÖÜ]| ")


def catalogue_german() -> set[str]:
    """German phrases the catalogue translates: at least six characters and a
    space or an umlaut (so that "Status" or "Jobcenter", the same in both
    languages, and names of laws are not taken for German)."""
    phrases = set()
    for entry in parse_po(LOCALE / "django.po"):
        english = entry.msgstr.get(0, "")
        if entry.msgid_plural or not english or english == entry.msgid:
            continue
        text = " ".join(entry.msgid.split())
        if len(text) >= 6 and PHRASE.search(text) and not re.search(r"%|\{|<", text):
            phrases.add(text)
    return phrases


BY_DESIGN = sorted(
    {text for rule in RULES.values() for text in (rule.title, rule.late_remedy) if text},
    key=len,
    reverse=True,
)


def seen_text(page: str) -> str:
    """What a reader sees of a page, without the German that is there by design."""
    page = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", page, flags=re.S)
    attributes = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    text = " ".join(html.unescape(" ".join([re.sub(r"<[^>]+>", " ", page), *attributes])).split())
    for german in BY_DESIGN:
        text = text.replace(german, " ")
    text = re.sub(r"\([^()]*\)", " ", text)  # a German term after its translation
    return re.sub(r"\{[^{}]*\}", " ", text)  # a letter's placeholder


def german_on(page: str, phrases: set[str]) -> list[str]:
    text = seen_text(page)
    return sorted(phrase for phrase in phrases if phrase in text)


def walked_pages(client: Client, team, caseworker) -> dict[str, str]:
    """Every page without arguments and every registered object page, as HTML."""
    pages = {}
    for route in routes():
        if route.namespace == "admin" or (route.name or "").startswith("admin"):
            continue
        if not route.params:
            url = route.url({})
        elif route.name in OBJECT_URLS:
            case = CaseFactory(team=team, assignees=[caseworker])
            url = route.url(object_values(case, OBJECT_URLS[route.name](case)))
        else:
            continue
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[url] = response.content.decode()
    return pages


@pytest.mark.parametrize("who", ["coordinator", "anonymous"])
def test_no_page_shows_catalogue_german_in_english(who, coord_client, client, team, caseworker):
    visitor = coord_client if who == "coordinator" else client
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    phrases = catalogue_german()
    pages = walked_pages(visitor, team, caseworker)
    assert len(pages) >= (40 if who == "coordinator" else 8)

    german = {url: found for url, page in pages.items() if (found := german_on(page, phrases))}

    assert german == {}


def test_the_walk_finds_german_where_there_is_some(coord_client, team, caseworker):
    """The same search on the German pages finds the phrases it looks for."""
    phrases = catalogue_german()
    assert len(phrases) > 500
    pages = walked_pages(coord_client, team, caseworker)
    assert sum(1 for page in pages.values() if german_on(page, phrases)) >= 30
    assert "Fälle suchen und filtern" in german_on(pages["/faelle/"], phrases)
    assert "zuletzt geändert" in german_on(pages["/faelle/"], phrases)
