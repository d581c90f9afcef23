"""User management for coordinators: staff accounts, groups, teams, 2FA reset.

There is no public sign-up; coordinators create accounts here. A new account
has no second factor yet, so its first login leads to the TOTP set-up.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy.auth import StaffRequest, is_coordinator
from cases.accounts.forms import UserForm
from cases.accounts.services import user_save

User = get_user_model()


def _require_coordinator(request: StaffRequest) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied(_("Nur die Koordination verwaltet Konten."))


def user_list(request: StaffRequest) -> HttpResponse:
    _require_coordinator(request)
    query = request.GET.get("q", "").strip()
    users = (
        User.objects.order_by("username")
        .prefetch_related("groups", "teams")
        .annotate(
            has_totp=Exists(Authenticator.objects.filter(user=OuterRef("pk"))),
            open_cases=Count(
                "assigned_cases",
                filter=~Q(assigned_cases__status__in=["closed", "archived", "rejected"]),
            ),
        )
    )
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "users/list.html", {"page": page, "query": query})


def user_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    _require_coordinator(request)
    instance = get_object_or_404(User, pk=pk) if pk else User()
    form = UserForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        user = user_save(form=form)
        messages.success(
            request, _("Konto „%(name)s“ gespeichert.") % {"name": user.get_username()}
        )
        return redirect("users:list")
    return render(request, "users/edit.html", {"form": form, "account": instance})


@require_POST
def user_reset_mfa(request: StaffRequest, pk: int) -> HttpResponse:
    """Remove a user's second factors (lost phone); the next login sets up a new one."""
    _require_coordinator(request)
    account = get_object_or_404(User, pk=pk)
    Authenticator.objects.filter(user=account).delete()
    messages.success(
        request,
        _(
            "Zwei-Faktor-Anmeldung für „%(name)s“ zurückgesetzt. Bei der nächsten Anmeldung wird sie neu eingerichtet."
        )
        % {"name": account.get_username()},
    )
    return redirect("users:list")
