"""The only URLs WeasyPrint may load while rendering a letter.

Letters are rendered from HTML that contains case data. Even though every
user text is escaped, the renderer is given a fetcher that serves nothing
but the project's own static files (through a fixed, never-resolved origin)
and ``data:`` URLs. ``file://``, MEDIA paths and network URLs raise, so no
markup can make the renderer read the disk or reach the network.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in a letter resolve against this origin. ``.invalid`` is
# reserved (RFC 2606): the name never resolves, and the fetcher below maps it
# to files on disk without any network access.
STATIC_ORIGIN = "https://letter-static.invalid"
BASE_URL = f"{STATIC_ORIGIN}/"
STATIC_PREFIX = "/static/"
MAX_DATA_URL_BYTES = 2 * 1024 * 1024


class RefusedURL(ValueError):
    """The letter tried to load something other than a static file."""


def static_roots() -> list[Path]:
    """The source folders, then the collected ``STATIC_ROOT``. In production
    ``{% static %}`` names the hashed copy (``css/letter.79b240022492.css``),
    which exists only in ``STATIC_ROOT``; there the stylesheet's own
    ``url()`` references are rewritten to hashed names too."""
    roots = [Path(d).resolve() for d in settings.STATICFILES_DIRS]
    collected = Path(settings.STATIC_ROOT).resolve()
    if collected.is_dir():
        roots.append(collected)
    return roots


def static_path(url: str) -> Path:
    """Return the file a static letter URL points to, or raise ``RefusedURL``."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != STATIC_ORIGIN or parts.query:
        raise RefusedURL(f"not a static letter URL: {url!r}")
    path = unquote(parts.path)
    if "\x00" in path or "\\" in path or not path.startswith(STATIC_PREFIX):
        raise RefusedURL(f"not under {STATIC_PREFIX}: {url!r}")
    relative = path[len(STATIC_PREFIX) :]
    if posixpath.normpath("/" + relative) != "/" + relative or ".." in relative.split("/"):
        raise RefusedURL(f"path traversal refused: {url!r}")
    for root in static_roots():
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    raise RefusedURL(f"no such static file: {url!r}")


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


def _data_url(url: str) -> tuple[str, bytes]:
    header, sep, payload = url[len("data:") :].partition(",")
    if not sep:
        raise RefusedURL("malformed data: URL")
    if len(payload) > MAX_DATA_URL_BYTES * 2:
        raise RefusedURL("data: URL too large")
    params = header.split(";")
    mime = params[0] or "text/plain"
    if "base64" in params[1:]:
        data = base64.b64decode(unquote(payload), validate=False)
    else:
        data = unquote_to_bytes(payload)
    return mime, data


class StaticOnlyURLFetcher(URLFetcher):
    """A WeasyPrint fetcher that serves static files and ``data:`` URLs only."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("https", "data"), allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            mime, data = _data_url(url)
            return URLFetcherResponse(url, data, {"Content-Type": mime})
        path = static_path(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = _read(path, path.stat().st_mtime_ns)
        return URLFetcherResponse(url, data, {"Content-Type": mime})

    def open(self, url, data=None, timeout=None):
        raise RefusedURL("opening URLs directly is not allowed")
