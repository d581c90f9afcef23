"""Which views anyone may open without a staff login.

Django's ``LoginRequiredMiddleware`` guards every view; a view open to the
public (the intake form and status page, the calendar feed protected by its
own secret token, the health check, the language switch) is marked with
Django's ``login_not_required``, as allauth marks its login pages. On top,
``advocacy.middleware.SecondFactorMiddleware`` keeps staff without a second
factor on its set-up pages.
"""

from collections.abc import Callable

# While a logged-in staff user has no second factor yet, only these work.
MFA_SETUP_PREFIXES = (
    "/konto/2fa/",
    "/konto/reauthenticate/",
    "/konto/logout/",
    "/static/",
    "/i18n/",
)


def is_public_view(view: Callable[..., object]) -> bool:
    """Is the view marked ``login_not_required`` (directly or on its dispatch)?"""
    return getattr(view, "login_required", True) is False
