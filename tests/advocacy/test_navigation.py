"""The frame of the staff pages: the main navigation and its links."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import clear_script_prefix, include, path, reverse, set_script_prefix

from advocacy.templatetags.navigation import MAIN_NAV

# The project's URLs under another path, for the test with another URL configuration.
urlpatterns = [path("anders/", include("advocacy.urls"))]


def nav_links(text: str) -> list[tuple[str, str, bool]]:
    """(path, label, marked as the current page) of each main navigation link."""
    nav = re.search(r'<ul class="navbar-nav me-auto">(.*?)</ul>', text, re.S)
    assert nav is not None
    return [
        (href, label, "aria-current" in attrs)
        for attrs, href, label in re.findall(
            r'<a class="nav-link([^"]*"[^>]*?) href="([^"]+)">([^<]+)</a>', nav.group(1)
        )
    ]


def test_the_main_navigation_links_every_section_and_marks_the_current_one(cw_client):
    links = nav_links(cw_client.get(reverse("cases:case_list")).text)

    assert [(href, label) for href, label, _current in links] == [
        ("/", "Übersicht"),
        ("/faelle/", "Fälle"),
        ("/meldung/eingang/", "Eingang"),
        ("/fristen/", "Fristen"),
        ("/briefe/", "Briefe"),
        ("/faelle/statistik/", "Statistik"),
        ("/faelle/jobcenter/", "Jobcenter"),
        ("/faelle/glossar/", "Glossar"),
    ]
    assert [label for _href, label, current in links if current] == ["Fälle"]
    for href, _label, _current in links:
        assert cw_client.get(href).status_code == 200, href
    glossary = nav_links(cw_client.get(reverse("cases:glossary")).text)
    assert [label for _href, label, current in glossary if current] == ["Glossar"]


def test_the_main_navigation_speaks_the_chosen_language(cw_client):
    cw_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    links = nav_links(cw_client.get(reverse("cases:glossary")).text)
    assert len(links) == len(MAIN_NAV)
    assert ("/faelle/glossar/", "Glossary", True) in links
    assert ("/", "Übersicht", False) not in links


def test_the_frame_links_carry_the_script_prefix_of_the_request(cw_client):
    """Behind a path prefix (SCRIPT_NAME, which Django's WSGI handler makes the
    script prefix) every link of the frame carries it; the paths resolved once
    without a prefix are not reused with one, nor the other way round."""
    cw_client.get(reverse("cases:case_list"))  # resolved without a prefix first
    set_script_prefix("/fallakte/")
    try:
        text = cw_client.get("/faelle/", SCRIPT_NAME="/fallakte").text
    finally:
        clear_script_prefix()

    links = nav_links(text)
    assert ("/fallakte/faelle/", "Fälle", True) in links
    assert all(href.startswith("/fallakte/") for href, _label, _current in links)
    header_and_footer = re.findall(r'<(?:a|form)[^>]* (?:href|action)="(/[^"]*)"', text)
    assert len(header_and_footer) > len(links)
    for href in header_and_footer:
        assert href.startswith("/fallakte/"), href
    again = cw_client.get(reverse("cases:case_list")).text
    assert ("/faelle/", "Fälle", True) in nav_links(again)


def test_the_frame_links_follow_another_url_configuration(cw_client, settings):
    """Paths resolved for one URL configuration are not reused for another."""
    cw_client.get(reverse("cases:case_list"))
    settings.ROOT_URLCONF = __name__

    links = nav_links(cw_client.get("/anders/faelle/").text)

    assert ("/anders/faelle/", "Fälle", True) in links
    assert all(href.startswith("/anders/") for href, _label, _current in links)
