"""Status workflow (every pair of statuses) and reference numbers under concurrency."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.db import connection
from django.urls import reverse

from cases.models import Case, CaseEvent, ReferenceCounter
from cases.services import TransitionNotAllowed, case_create, case_transition, reference_next
from tests.factories import CaseFactory, JobcenterFactory, PersonFactory, TeamFactory, UserFactory

S = Case.Status
ALLOWED = {
    (S.NEW, S.TRIAGE),
    (S.NEW, S.REJECTED),
    (S.TRIAGE, S.OPEN),
    (S.TRIAGE, S.REJECTED),
    (S.OPEN, S.WAITING),
    (S.OPEN, S.CLOSED),
    (S.WAITING, S.OPEN),
    (S.WAITING, S.CLOSED),
    (S.CLOSED, S.OPEN),
    (S.CLOSED, S.ARCHIVED),
    (S.REJECTED, S.TRIAGE),
    (S.REJECTED, S.ARCHIVED),
}
PAIRS = list(itertools.product(S.values, S.values))


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), sorted(p for p in PAIRS if p in ALLOWED))
def test_allowed_transition_changes_status_and_records_event(from_status, to_status):
    user = UserFactory()
    case = CaseFactory(status=from_status)
    case_transition(case=case, to_status=to_status, by=user, note="weil")
    case.refresh_from_db()
    assert case.status == to_status
    event = case.events.get(kind=CaseEvent.Kind.STATUS)
    assert event.by == user and event.note == "weil"
    if to_status == S.CLOSED:
        assert case.closed_at is not None
    if to_status == S.OPEN:
        assert case.closed_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), sorted(p for p in PAIRS if p not in ALLOWED))
def test_forbidden_transition_is_refused_and_changes_nothing(from_status, to_status):
    case = CaseFactory(status=from_status)
    with pytest.raises(TransitionNotAllowed):
        case_transition(case=case, to_status=to_status, by=UserFactory())
    case.refresh_from_db()
    assert case.status == from_status
    assert not case.events.exists()


def test_the_workflow_table_is_the_one_the_tests_pin():
    table = {(a, b) for a, targets in Case.TRANSITIONS.items() for b in targets}
    assert table == ALLOWED


@pytest.mark.django_db
def test_reference_numbers_count_up_per_year():
    assert reference_next(year=2025) == "2025-0001"
    assert reference_next(year=2025) == "2025-0002"
    assert reference_next(year=2026) == "2026-0001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_case_creation_hands_out_each_reference_once():
    assert connection.vendor == "postgresql"
    team = TeamFactory()
    jobcenter = JobcenterFactory()
    people = [PersonFactory() for _ in range(24)]
    threads_count = 6
    barrier = threading.Barrier(threads_count)
    references: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(chunk):
        from django.db import connections

        try:
            barrier.wait()
            for person in chunk:
                case = case_create(person=person, jobcenter=jobcenter, team=team)
                with lock:
                    references.append(case.reference)
        except BaseException as exc:  # collected and re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    chunks = [people[i::threads_count] for i in range(threads_count)]
    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(references) == len(set(references)) == 24
    year = references[0][:4]
    numbers = sorted(int(ref.split("-")[1]) for ref in references)
    assert numbers == list(range(1, 25))
    assert ReferenceCounter.objects.get(year=int(year)).last_number == 24
    assert Case.objects.count() == 24


@pytest.mark.django_db
def test_an_outcome_is_recorded_on_the_case_page_and_in_the_timeline(cw_client, team, caseworker):
    from cases.models import Outcome
    from tests.factories import CaseFactory

    case = CaseFactory(team=team, assignees=[caseworker])
    response = cw_client.post(
        reverse("cases:outcome_add", args=[case.reference]),
        {"kind": "objection_granted", "decided_on": "2026-09-20"},
    )
    assert response.status_code == 302, response.content[:500]
    outcome = Outcome.objects.get(case=case)
    assert outcome.kind == "objection_granted" and outcome.recorded_by == caseworker
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Ergebnis erfasst: Widerspruch erfolgreich (abgeholfen) (20.09.2026)" in page
