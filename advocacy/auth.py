"""Account rules: staff accounts are created by coordinators, never by sign-up."""

import time
from collections.abc import Iterable

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from advocacy.network import client_address

# A member of staff (the project uses Django's own user model). Services take
# ``by: Staff`` (who did it) or ``by: Staff | None`` (done by the system).
Staff = User


class StaffRequest(HttpRequest):
    """A request to a staff page: ``LoginRequiredMiddleware`` let it through,
    so its user is a member of staff, never anonymous."""

    user: Staff


def display_name(first_name: str, last_name: str, username: str) -> str:
    """How a member of staff is named on pages, letters and mails: the full
    name, or the user name if no name is recorded (``staff_name``, from the
    three columns where a page reads them without the user object)."""
    return f"{first_name} {last_name}".strip() or username


def staff_name(user: Staff) -> str:
    """``display_name`` of a user (the template filter ``staff_name``)."""
    return display_name(user.first_name, user.last_name, user.get_username())


GROUP_CASEWORKER = "caseworker"
GROUP_COORDINATOR = "coordinator"
GROUP_ADMIN = "admin"


class NoSignupAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A login within the reauthentication window counts as confirmation.

        allauth asks for the password again before any change to the second
        factor, even a minute after the password was typed to log in; for a
        new account that is the very first page after the login. Within
        ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds of the last password or
        code entered in this session, the login itself is the confirmation;
        later changes still ask again.
        """
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = self.request
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        if not records:
            return True
        last_at = max(record.get("at", 0) for record in records)
        return time.time() - last_at >= account_settings.REAUTHENTICATION_TIMEOUT

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address allauth's rate limits count by: the same one axes and
        the public pages use (``TRUSTED_PROXY_COUNT``)."""
        return client_address(request)


def is_coordinator(user: Staff | AnonymousUser) -> bool:
    """Coordinators (and admins) see every case and manage users."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_group_names_cache", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        keep_groups(user, names)
    return bool(names & {GROUP_COORDINATOR, GROUP_ADMIN})


def knows_groups(user: Staff) -> bool:
    """Whether ``is_coordinator`` has the user's groups already (kept on the
    user object for the request, as Django keeps permissions)."""
    return hasattr(user, "_group_names_cache")


def keep_groups(user: Staff, names: Iterable[str]) -> None:
    """Keep the user's groups for ``is_coordinator``: read by its own query,
    or by one that had other things to read as well (``cases.models.seen_by``)."""
    user._group_names_cache = set(names)  # type: ignore[attr-defined]


def staff_users():
    """Active staff accounts that can be assigned to cases."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[GROUP_CASEWORKER, GROUP_COORDINATOR])
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
