"""Coordinators manage staff accounts; caseworkers cannot."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.django_db
def test_caseworker_cannot_open_account_management(cw_client):
    assert cw_client.get(reverse("users:list")).status_code == 403
    assert cw_client.post(reverse("users:create"), {"username": "x"}).status_code == 403


@pytest.mark.django_db
def test_coordinator_creates_a_caseworker_who_must_set_up_2fa(coord_client, team, client):
    response = coord_client.post(
        reverse("users:create"),
        {
            "username": "neue.kollegin",
            "first_name": "Nora",
            "last_name": "Neu",
            "email": "nora@example.org",
            "is_active": "on",
            "role": "caseworker",
            "teams": [team.pk],
            "password": "Vorlaeufig-2026!x",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="neue.kollegin")
    assert list(user.groups.values_list("name", flat=True)) == ["caseworker"]
    assert list(user.teams.all()) == [team]
    client.post(
        reverse("account_login"), {"login": "neue.kollegin", "password": "Vorlaeufig-2026!x"}
    )
    assert client.get("/")["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_a_weak_password_is_refused_and_the_form_keeps_what_was_typed(coord_client):
    response = coord_client.post(
        reverse("users:create"),
        {"username": "kurz", "email": "k@example.org", "role": "caseworker", "password": "123"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="kurz"' in page
    assert "zu kurz" in page or "too short" in page
    assert not get_user_model().objects.filter(username="kurz").exists()


@pytest.mark.django_db
def test_coordinator_resets_a_lost_second_factor(coord_client):
    user = UserFactory(username="handy-weg")
    assert Authenticator.objects.filter(user=user).exists()
    coord_client.post(reverse("users:reset_mfa", args=[user.pk]))
    assert not Authenticator.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_account_list_shows_2fa_state_with_constant_queries(
    coord_client, django_assert_max_num_queries
):
    for n in range(5):
        UserFactory(username=f"person{n}")
    with django_assert_max_num_queries(12):
        page = coord_client.get(reverse("users:list")).content.decode()
    assert "person4" in page
    assert "eingerichtet" in page
