"""The renderer's URL fetcher serves static files and data: URLs, nothing else."""

from __future__ import annotations

import pytest

from letters.fetcher import BASE_URL, RefusedURL, StaticOnlyURLFetcher


@pytest.fixture
def fetcher():
    return StaticOnlyURLFetcher()


def test_it_serves_the_letter_stylesheet_from_static(fetcher):
    response = fetcher.fetch(f"{BASE_URL}static/css/letter.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_it_serves_the_shipped_font(fetcher):
    url = f"{BASE_URL}static/fonts/source-sans-3/source-sans-3-full-400-normal.woff2"
    assert fetcher.fetch(url).read()[:4] == b"wOF2"


def test_it_serves_data_urls(fetcher):
    response = fetcher.fetch("data:text/plain;base64,SGFsbG8=")
    assert response.read() == b"Hallo"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///proc/self/environ",
        "http://example.org/tracker.png",
        "https://example.org/tracker.png",
        "ftp://example.org/x",
        f"{BASE_URL}static/../../../../etc/passwd",
        f"{BASE_URL}static/%2e%2e/%2e%2e/advocacy/settings.py",
        f"{BASE_URL}static/css/..%2f..%2fadvocacy%2fsettings.py",
        f"{BASE_URL}media-not-served/evidence/original/x.png",
        f"{BASE_URL}etc/passwd",
        "http://letter-static.invalid/static/css/letter.css",
        "https://letter-static.invalid.example.org/static/css/letter.css",
        f"{BASE_URL}static/css/missing.css",
    ],
)
def test_it_refuses_everything_else(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_it_refuses_direct_opening(fetcher):
    with pytest.raises(RefusedURL):
        fetcher.open("file:///etc/passwd")


def test_a_symlink_out_of_static_is_refused(fetcher, settings, tmp_path):
    static = tmp_path / "static"
    static.mkdir()
    (static / "passwd.css").symlink_to("/etc/passwd")
    settings.STATICFILES_DIRS = [static]
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"{BASE_URL}static/passwd.css")
