"""Which views anyone may open without a staff login.

Everything is staff-only unless its view is marked with ``@public`` (the
public intake form, the receipt-code status page, the calendar feed that is
protected by its own secret token) or it lies under the account pages that
allauth protects itself.
"""

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])

# URL prefixes open to anonymous users: login, password reset, the second
# factor during login, static files, the health check and language switch.
PUBLIC_PREFIXES = ("/konto/", "/static/", "/healthz", "/i18n/")
# While a logged-in staff user has no second factor yet, only these work.
MFA_SETUP_PREFIXES = (
    "/konto/2fa/",
    "/konto/reauthenticate/",
    "/konto/logout/",
    "/static/",
    "/i18n/",
)


def public(view: F) -> F:
    """Mark a view as reachable without a staff login."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


def is_public_view(view: Callable[..., object]) -> bool:
    if getattr(view, "is_public", False):
        return True
    view_class = getattr(view, "view_class", None)
    return bool(view_class is not None and getattr(view_class, "is_public", False))
