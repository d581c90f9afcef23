"""Staff-only access with mandatory two-factor authentication, and headers."""

import logging
import re
from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from advocacy.access import MFA_SETUP_PREFIXES, is_public_view

logger = logging.getLogger(__name__)


class SecondFactorMiddleware:
    """Staff without a second factor reach only its set-up. Anonymous users
    are Django's ``LoginRequiredMiddleware``'s business (it runs before)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or is_public_view(view_func):
            return None
        if is_mfa_enabled(user) or request.path_info.startswith(MFA_SETUP_PREFIXES):
            return None
        return HttpResponseRedirect(reverse("mfa_activate_totp"))


class SecurityHeadersMiddleware:
    """Headers Django has no setting for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.user.is_authenticated and not request.path_info.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store, private")
        return response


class CookieLocaleMiddleware:
    """German unless the person chose English with the language switch.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language,
    so that staff on an English browser still get the German UI the group
    works in, and switching is a deliberate choice (stored in a cookie).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


# PostgreSQL text cannot hold NUL; lone surrogates cannot be encoded as UTF-8.
_REFUSED_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


def _refused_in_fields(fields: QueryDict) -> bool:
    """Whether a query or form body holds a refused character, in a name or a value."""
    return any(
        _REFUSED_CHARACTERS.search(key) or any(_REFUSED_CHARACTERS.search(v) for v in values)
        for key, values in fields.lists()
    )


def _refused_in(request: HttpRequest) -> str | None:
    """Where the request carries a character the database refuses, if anywhere."""
    if _REFUSED_CHARACTERS.search(request.path):
        return "path"
    if _refused_in_fields(request.GET):
        return "query"
    for cookie, content in request.COOKIES.items():
        if _REFUSED_CHARACTERS.search(cookie) or _REFUSED_CHARACTERS.search(content):
            return "cookie"
    if _REFUSED_CHARACTERS.search(request.META.get("HTTP_USER_AGENT", "")):
        return "user agent"
    # Form-encoded bodies are small (DATA_UPLOAD_MAX_MEMORY_SIZE) and read
    # here; multipart bodies (uploads) are left to their view, which may
    # refuse an oversized one before reading it, and whose Django form fields
    # refuse NUL with a field error (ProhibitNullCharactersValidator); the
    # answer is then made a 400 (``_multipart_form_refused``).
    if (
        request.method == "POST"
        and request.content_type == "application/x-www-form-urlencoded"
        and _refused_in_fields(request.POST)
    ):
        return "form"
    return None


class RefuseControlCharactersMiddleware:
    """A NUL byte (or another character PostgreSQL refuses) in the path, the
    query, a form-encoded body or a cookie is bad input: 400 with a page that
    says so, before any view or database query sees it. Runs before
    authentication, so the page never touches the session. (In multipart
    forms Django's form fields refuse NUL themselves, and its upload parser
    drops it from file names.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = _refused_in(request)
        if where is not None:
            logger.info("refused a request with a control character in its %s", where)
            return render(request, "errors/control_characters.html", status=400)
        response = self.get_response(request)
        if _multipart_form_refused(request, response):
            # The view showed the form again with the field's error and
            # everything else typed; it answers 400 like the other forms of
            # bad input. (An htmx request keeps 200: htmx swaps no 4xx
            # response, and the error would not be seen.)
            logger.info("refused a request with a control character in its form")
            response.status_code = 400
        return response


def _multipart_form_refused(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "POST" or request.content_type != "multipart/form-data":
        return False
    if response.status_code != 200 or request.headers.get("HX-Request"):
        return False
    if "_post" not in request.__dict__:
        return False  # the view did not read the body (refused before): leave it unread
    return _refused_in_fields(request.POST)


# Unicode controls that reorder or hide text (the "Trojan Source" characters,
# CVE-2021-42574): a file name "Rechnung" + U+202E + "fdp.exe" reads as "Rechnungexe.pdf".
BIDI_CONTROLS = {
    "\u061c": "ALM",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
_BIDI_TABLE = str.maketrans({char: f"[{name}]" for char, name in BIDI_CONTROLS.items()})
_BIDI_BYTES = tuple(char.encode() for char in BIDI_CONTROLS)


def bidi_visible(text: str) -> str:
    """``text`` with its direction controls as visible markers (``[RLO]``)."""
    return text.translate(_BIDI_TABLE)


class VisibleBidiControlsMiddleware:
    """Staff pages show direction controls as visible markers (``[RLO]``)
    instead of letting them reorder what staff read. Templates never contain
    them, so every one in a page came from someone's input; the marker is
    plain text, safe in element content and attribute values alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.user.is_authenticated
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and any(marker in response.content for marker in _BIDI_BYTES)
        ):
            charset = response.charset or "utf-8"
            response.content = (
                response.content.decode(charset).translate(_BIDI_TABLE).encode(charset)
            )
        return response
