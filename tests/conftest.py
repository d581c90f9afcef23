"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import CaseFactory, TeamFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads and PDFs into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_case_references():
    """Generated references start at 2026-5001 in every test (each test has an
    empty database): never a test's own "2026-0042", nor what the app's own
    counter hands out (2026-0001, …), however many cases earlier tests made."""
    CaseFactory.reset_sequence(5000)


@pytest.fixture
def team(db):
    return TeamFactory(name="Team Nord")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Team Süd")


@pytest.fixture
def caseworker(team):
    user = UserFactory(username="cw", groups=["caseworker"])
    team.members.add(user)
    return user


@pytest.fixture
def coordinator(team):
    user = UserFactory(username="coord", groups=["coordinator"])
    team.members.add(user)
    return user


@pytest.fixture
def other_caseworker(other_team):
    user = UserFactory(username="cw-other", groups=["caseworker"])
    other_team.members.add(user)
    return user


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cw_client(caseworker) -> Client:
    """A caseworker of ``team`` with TOTP set up, logged in."""
    return _logged_in(caseworker)


@pytest.fixture
def coord_client(coordinator) -> Client:
    return _logged_in(coordinator)


@pytest.fixture
def other_client(other_caseworker) -> Client:
    return _logged_in(other_caseworker)
