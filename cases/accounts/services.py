"""Writes to staff accounts."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from cases.accounts.forms import UserForm


@transaction.atomic
def user_save(*, form: UserForm):
    """Save the account, its role (one group) and its teams."""
    user = form.save(commit=False)
    if form.cleaned_data["password"]:
        user.set_password(form.cleaned_data["password"])
    user.save()
    user.groups.set([Group.objects.get_or_create(name=form.cleaned_data["role"])[0]])
    user.teams.set(form.cleaned_data["teams"])
    return user
