"""Fixtures of the deadline tests: a Berlin Jobcenter case assigned to ``caseworker``."""

from __future__ import annotations

import pytest

from tests.factories import CaseFactory, JobcenterFactory


@pytest.fixture
def jobcenter(db):
    return JobcenterFactory(name="Jobcenter Berlin Mitte", state="BE", city="Berlin")


@pytest.fixture
def case(team, caseworker, jobcenter):
    return CaseFactory(team=team, jobcenter=jobcenter, assignees=[caseworker])


@pytest.fixture
def other_case(other_team, other_caseworker, jobcenter):
    return CaseFactory(team=other_team, jobcenter=jobcenter, assignees=[other_caseworker])
