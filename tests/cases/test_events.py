"""Timeline events store facts; their sentence follows the viewer's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from cases.deadlines.services import decision_record_with_deadlines
from cases.events import event_text
from cases.models import Case, CaseEvent
from cases.services import case_assign, case_transition
from tests.factories import CaseFactory, JobcenterFactory


@pytest.fixture
def case(team, caseworker):
    return CaseFactory(
        team=team,
        jobcenter=JobcenterFactory(state="BE"),
        assignees=[caseworker],
        status=Case.Status.NEW,
    )


def _english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


@pytest.mark.django_db
def test_a_status_change_made_in_english_reads_german_to_a_german_viewer(
    case, caseworker, cw_client, coord_client
):
    with translation.override("en"):
        case_transition(case=case, to_status=Case.Status.TRIAGE, by=caseworker)
    event = case.events.get(kind=CaseEvent.Kind.STATUS)
    assert event.data == {"from": "new", "to": "triage"}  # facts, no sentence
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Status: neu → Sichtung" in page
    english = _english(coord_client).get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Status: new → triage" in english
    assert "Status: neu → Sichtung" not in english


@pytest.mark.django_db
def test_decision_and_deadline_lines_render_in_each_viewers_language(case, caseworker, cw_client):
    decision_record_with_deadlines(
        case=case,
        by=caseworker,
        kind="minderung",
        dated_on=dt.date(2025, 3, 3),
        posted_on=dt.date(2025, 3, 3),
    )
    german = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Bescheid erfasst: Sanktion / Minderung vom 03.03.2025" in german
    assert "Frist berechnet: Widerspruchsfrist" in german and "07.04.2025" in german
    english = _english(cw_client).get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Deadline calculated:" in english and "07.04.2025" in english
    assert "Frist berechnet" not in english


@pytest.mark.django_db
def test_assignment_names_come_from_the_facts(case, caseworker, coordinator):
    case_assign(case=case, by=coordinator, assignees=[coordinator])
    event = case.events.get(kind=CaseEvent.Kind.ASSIGNED)
    name = coordinator.get_full_name()
    with translation.override("de"):
        assert event_text(event) == f"zuständig: {name}"
    with translation.override("en"):
        assert event_text(event) == f"assigned to: {name}"


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_stored_sentences_into_facts(team):
    """Events written before 0005 (a sentence per row, in either language)
    are rendered in the viewer's language after the migration."""
    executor = MigrationExecutor(connection)
    before = [("cases", "0004_list_and_triage_indexes")]
    after = [("cases", "0005_event_facts")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldCase = old.get_model("cases", "Case")
    OldEvent = old.get_model("cases", "CaseEvent")
    OldIncident = old.get_model("cases", "Incident")
    Jobcenter = old.get_model("cases", "Jobcenter")
    Person = old.get_model("cases", "Person")
    Team = old.get_model("cases", "Team")
    case = OldCase.objects.create(
        reference="2026-9001",
        person=Person.objects.create(name="Alte Person"),
        jobcenter=Jobcenter.objects.create(name="Jobcenter Alt", kind="gE", state="BE"),
        team=Team.objects.get(pk=team.pk),
    )
    incident = OldIncident.objects.create(case=case, kind="search_engine", description="x")
    OldEvent.objects.create(
        case=case, kind="status", summary="Status: new → triage", data={"to": "triage"}
    )
    OldEvent.objects.create(
        case=case, kind="incident", summary="Vorfall erfasst: …", data={"incident": incident.pk}
    )
    OldEvent.objects.create(case=case, kind="edit", summary="Case anonymised")
    OldEvent.objects.create(case=case, kind="assigned", summary="zuständig: Frau Alt")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    events = {e.kind: e for e in CaseEvent.objects.filter(case__reference="2026-9001")}
    with translation.override("de"):
        assert event_text(events["status"]) == "Status: neu → Sichtung"
        assert event_text(events["incident"]) == "Vorfall erfasst: Suchmaschinen-Recherche"
        assert event_text(events["edit"]) == "Fall anonymisiert"
        # a sentence that cannot be taken apart is kept as it was
        assert event_text(events["assigned"]) == "zuständig: Frau Alt"
    with translation.override("en"):
        assert event_text(events["status"]) == "Status: new → triage"
        assert event_text(events["edit"]) == "Case anonymised"
