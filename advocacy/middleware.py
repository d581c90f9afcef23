"""Staff-only access with mandatory two-factor authentication, and headers."""

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from advocacy.access import MFA_SETUP_PREFIXES, is_public_view


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
