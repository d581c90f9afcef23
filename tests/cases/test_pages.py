"""The case list, case page, dashboard and the forms caseworkers use every day."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from cases.deadlines.models import Deadline
from cases.models import Case, CaseEvent, Incident
from tests.deadlines.factories import DeadlineFactory
from tests.factories import (
    CaseFactory,
    IncidentFactory,
    JobcenterFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_case_list_shows_the_team_cases_only(cw_client, team, other_team):
    mine = CaseFactory(team=team, person__name="Erika Mustermann")
    CaseFactory(team=other_team, person__name="Fremde Person")
    response = cw_client.get(reverse("cases:case_list"))
    assert response.status_code == 200
    assert mine.reference in response.text
    assert "Erika Mustermann" in response.text
    assert "Fremde Person" not in response.text


def test_a_caseworker_sees_the_teams_cases_and_those_assigned_to_them_each_once(
    cw_client, team, other_team, caseworker
):
    """``visible_to``: a case of one of their teams, or assigned to them
    (in another team), listed once however many share the team or the case."""
    third = TeamFactory(name="Team Ost")
    third.members.add(caseworker, UserFactory())
    team.members.add(UserFactory(), UserFactory())
    shared = CaseFactory(team=team, assignees=[caseworker, UserFactory()])
    in_third = CaseFactory(team=third)
    assigned_elsewhere = CaseFactory(team=other_team, assignees=[caseworker])
    hidden = CaseFactory(team=other_team, assignees=[UserFactory()])
    visible = list(Case.objects.visible_to(caseworker).order_by("pk"))
    assert visible == [shared, in_third, assigned_elsewhere]
    text = cw_client.get(reverse("cases:case_list")).text
    assert text.count(f'name="cases" value="{shared.reference}"') == 1
    assert assigned_elsewhere.reference in text and in_third.reference in text
    assert hidden.reference not in text
    found = cw_client.get(reverse("cases:case_list"), {"q": assigned_elsewhere.reference}).text
    assert found.count(f'name="cases" value="{assigned_elsewhere.reference}"') == 1


def test_a_caseworker_who_gives_up_a_case_of_another_team_no_longer_sees_it(other_team, caseworker):
    """What a caseworker sees is read once and kept on their user object for
    the request (``seen_by``); giving up an assigned case of another team
    (``case_assign``) forgets it, so the case is gone at once."""
    from cases.services import case_assign

    case = CaseFactory(team=other_team, assignees=[caseworker])
    DeadlineFactory(case=case)
    assert list(Case.objects.visible_to(caseworker)) == [case]
    assert Deadline.objects.visible_to(caseworker).count() == 1
    case_assign(case=case, by=caseworker, assignees=[])
    assert list(Case.objects.visible_to(caseworker)) == []
    assert not Deadline.objects.visible_to(caseworker).exists()


@pytest.mark.parametrize("listed", [100, 1])
def test_a_caseworker_sees_the_cases_assigned_to_them_in_other_teams_however_many(
    cw_client, caseworker, other_team, monkeypatch, listed
):
    """The search's ranking statement (PostgreSQL) writes up to
    ``ASSIGNED_LISTED`` assigned cases in as numbers and asks for more by a
    subquery: the list, the search and the Fristen page show the same."""
    monkeypatch.setattr("cases.models.ASSIGNED_LISTED", listed)
    assigned = [
        CaseFactory(team=other_team, assignees=[caseworker], title=f"Nachbarn befragt {number}")
        for number in range(2)
    ]
    for case in assigned:
        DeadlineFactory(case=case, title=f"Frist von {case.reference}")
    hidden = CaseFactory(team=other_team, title="Nachbarn befragt")
    DeadlineFactory(case=hidden, title=f"Frist von {hidden.reference}")
    assert set(Case.objects.visible_to(caseworker)) == set(assigned)
    for page in (
        cw_client.get(reverse("cases:case_list")).text,
        cw_client.get(reverse("cases:case_list"), {"q": "nachbarn"}).text,
        cw_client.get(reverse("deadlines:list")).text,
    ):
        assert all(case.reference in page for case in assigned)
        assert hidden.reference not in page


def test_a_caseworker_without_team_or_case_sees_nothing(caseworker, team):
    team.members.remove(caseworker)
    CaseFactory(team=team)
    assert not Case.objects.visible_to(caseworker).exists()


def test_case_list_searches_reference_name_and_jobcenter(cw_client, team):
    CaseFactory(team=team, person__name="Erika Mustermann", jobcenter__name="Jobcenter Alpha")
    CaseFactory(team=team, person__name="Max Beispiel", jobcenter__name="Jobcenter Beta")
    by_name = cw_client.get(reverse("cases:case_list"), {"q": "erika"}).text
    assert "Erika Mustermann" in by_name and "Max Beispiel" not in by_name
    by_jobcenter = cw_client.get(reverse("cases:case_list"), {"q": "beta"}).text
    assert "Max Beispiel" in by_jobcenter and "Erika Mustermann" not in by_jobcenter


def test_case_list_filters_by_status_land_and_incident_kind(cw_client, team):
    berlin = CaseFactory(team=team, status=Case.Status.OPEN, jobcenter__state="BE")
    bavaria = CaseFactory(team=team, status=Case.Status.TRIAGE, jobcenter__state="BY")
    IncidentFactory(case=bavaria, kind=Incident.Kind.FAKE_PROFILE)
    url = reverse("cases:case_list")
    assert bavaria.reference not in cw_client.get(url, {"status": "open"}).text
    assert berlin.reference in cw_client.get(url, {"status": "open"}).text
    by_land = cw_client.get(url, {"state": "BY"}).text
    assert bavaria.reference in by_land and berlin.reference not in by_land
    by_kind = cw_client.get(url, {"incident_kind": "fake_profile"}).text
    assert bavaria.reference in by_kind and berlin.reference not in by_kind


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False)
def test_case_list_filters_cases_with_an_overdue_deadline(cw_client, team):
    late = CaseFactory(team=team)
    in_time = CaseFactory(team=team)
    for case, due_on in ((late, dt.date(2026, 3, 9)), (in_time, dt.date(2026, 3, 20))):
        Deadline.objects.create(
            case=case,
            rule="widerspruch",
            title="Widerspruch",
            trigger_on=dt.date(2026, 2, 1),
            computed_due_on=due_on,
            due_on=due_on,
        )
    text = cw_client.get(reverse("cases:case_list"), {"has_overdue": "true"}).text
    assert late.reference in text and in_time.reference not in text
    assert "Frist überfällig" in text


def test_deadline_states_follow_the_day_in_a_running_server(cw_client, team):
    """The list's badge "Frist überfällig" and next deadline, and the state
    of a deadline on the case page, are worked out for the day the page is
    shown, however long the process has been running (the queries behind
    them are built once a day)."""
    case = CaseFactory(team=team, status=Case.Status.OPEN)
    DeadlineFactory(case=case, trigger_on=dt.date(2026, 2, 9), computed_due_on=dt.date(2026, 3, 11))
    url = reverse("cases:case_list")
    page = reverse("cases:case_detail", args=[case.reference])
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False):
        before, page_before = cw_client.get(url).text, cw_client.get(page).text
    with time_machine.travel(dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC), tick=False):
        after, page_after = cw_client.get(url).text, cw_client.get(page).text
    assert "Frist überfällig" not in before and "Mi 11.03.2026" in before
    assert "Frist überfällig" in after and "Mi 11.03.2026" not in after
    assert "bald fällig" in page_before and "überfällig" not in page_before
    assert "überfällig" in page_after and "bald fällig" not in page_after


def test_case_list_filters_by_assignee(cw_client, team, caseworker):
    mine = CaseFactory(team=team, assignees=[caseworker])
    unassigned = CaseFactory(team=team)
    text = cw_client.get(reverse("cases:case_list"), {"assignee": caseworker.pk}).text
    assert mine.reference in text and unassigned.reference not in text


def test_staff_are_named_alike_in_the_rows_and_both_assignee_selects(cw_client, team, caseworker):
    """The full name, or the user name when no name is recorded: in the row,
    in the filter "zuständig" and in the collective action's "zuständig
    werden soll" (the filter used to show user names only)."""
    caseworker.first_name, caseworker.last_name = "Zora", "Zander"
    caseworker.save()
    nameless = UserFactory(
        username="kuerzel-jk", first_name="", last_name="", groups=["caseworker"]
    )
    CaseFactory(team=team, assignees=[caseworker, nameless])

    text = cw_client.get(reverse("cases:case_list")).text

    assert "kuerzel-jk, Zora Zander" in text  # the row, in name order (no name sorts first)
    for select_id in ("id_assignee", "bulk-assignee"):
        options = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', text, re.S)
        assert options is not None, select_id
        labels = re.findall(r"<option[^>]*>([^<]*)</option>", options.group(1))
        assert "Zora Zander" in labels and "kuerzel-jk" in labels, (select_id, labels)
        assert caseworker.username not in labels


def test_who_confirmed_a_deadline_or_printed_a_case_is_named_like_everywhere(
    cw_client, team, caseworker
):
    """By full name (``staff_name``), not by user name: the confirmation on
    the case page and on the deadline's page, and the printout's footer."""
    caseworker.first_name, caseworker.last_name = "Zora", "Zander"
    caseworker.save()
    case = CaseFactory(team=team, assignees=[caseworker])
    confirmed = DeadlineFactory(
        case=case,
        due_on=dt.datetime.now(tz=dt.UTC).date() + dt.timedelta(days=30),
        confirmed_by=caseworker,
        confirmed_at=dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC),
    )
    case_page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    deadline_page = cw_client.get(reverse("deadlines:detail", args=[confirmed.pk])).text
    printout = cw_client.get(reverse("cases:case_print", args=[case.reference])).text

    assert 'title="bestätigt von Zora Zander"' in case_page
    assert "Bestätigt von Zora Zander am" in deadline_page
    assert "gedruckt von Zora Zander" in printout
    for text in (case_page, deadline_page, printout):
        assert "von cw" not in text

    # Whoever confirmed it may have left: the date stays, no "None".
    confirmed.confirmed_by = None
    confirmed.save()
    deadline_page = cw_client.get(reverse("deadlines:detail", args=[confirmed.pk])).text
    assert "Bestätigt am 01.03.2026" in deadline_page and "None" not in deadline_page


def test_the_printout_says_of_deadlines_still_to_do_whether_they_are_confirmed(
    cw_client, team, caseworker
):
    """Open and missed deadlines (``Deadline.is_active``) carry "bestätigt" or
    "unbestätigt" on paper; done and cancelled ones only their status."""
    case = CaseFactory(team=team, assignees=[caseworker])
    soon = dt.datetime.now(tz=dt.UTC).date() + dt.timedelta(days=30)
    DeadlineFactory(case=case, title="Offen", due_on=soon)
    DeadlineFactory(case=case, title="Versäumt", due_on=soon, status="missed")
    DeadlineFactory(
        case=case, title="Bestätigt", due_on=soon, confirmed_at=dt.datetime.now(tz=dt.UTC)
    )
    DeadlineFactory(case=case, title="Erledigt", due_on=soon, status="done")
    printout = cw_client.get(reverse("cases:case_print", args=[case.reference])).text
    shown = dict(re.findall(r"<strong>([^<]+)</strong> – [^(]+\(([^)]+)\)", printout))
    assert shown["Offen"] == "offen, unbestätigt"
    assert shown["Versäumt"] == "versäumt, unbestätigt"
    assert shown["Bestätigt"] == "offen, bestätigt"
    assert shown["Erledigt"] == "erledigt"


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_row_of_the_case_list_shows_the_case_at_a_glance(cw_client, team, caseworker):
    """Each cell of a row: reference and title, the person (or "anonym"), the
    Jobcenter with its kind and Land, the status, who is assigned (by name),
    the team, the day it was opened and the next deadline."""
    caseworker.first_name, caseworker.last_name = "Zora", "Zander"
    caseworker.save()
    colleague = UserFactory(first_name="Anna", last_name="Albers", groups=["caseworker"])
    case = CaseFactory(
        team=team,
        title="Nachbarn befragt",
        person__name="",
        status=Case.Status.OPEN,
        jobcenter__name="Jobcenter Köln",
        jobcenter__state="NW",
        assignees=[caseworker, colleague],
    )
    DeadlineFactory(case=case, title="Widerspruch einlegen", computed_due_on=dt.date(2026, 4, 2))
    other = CaseFactory(team=team, person__name="Erika Mustermann")

    text = cw_client.get(reverse("cases:case_list")).text

    row = re.search(rf"<tr>\s*<td><input[^>]*value=\"{case.reference}\".*?</tr>", text, re.S)
    assert row is not None
    cells = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell.replace("<br>", " "))).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(), re.S)
    ]
    assert cells[1:] == [
        f"{case.reference} Nachbarn befragt",
        "anonym",
        "Jobcenter Köln (gE, NW)",
        "in Bearbeitung",
        "Anna Albers, Zora Zander",
        "Team Nord",
        "10.03.2026",
        "Do 02.04.2026 Widerspruch einlegen",
    ]
    assert f'href="{reverse("cases:case_detail", args=[case.reference])}"' in row.group()
    assert f'aria-label="Fall {case.reference} auswählen"' in row.group()
    other_row = re.search(rf"value=\"{other.reference}\".*?</tr>", text, re.S)
    assert other_row is not None and "Erika Mustermann" in other_row.group()
    assert "<td>–</td>" in other_row.group()  # nobody assigned, no deadline


def sort_options(client) -> list[str]:
    text = client.get(reverse("cases:case_list")).text
    select = re.search(r'<select name="sort".*?</select>', text, re.S)
    assert select is not None
    return re.findall(r">([^<]+)</option>", select.group())


def test_the_sort_options_are_named_in_the_language_of_the_page(cw_client):
    """Both directions of each order, in German and in English, whichever
    language was asked for first (the descending ones were German in English)."""
    german = ["alle", "angelegt", "angelegt (absteigend)", "zuletzt geändert"]
    english = ["all", "created", "created (descending)", "last modified"]
    assert sort_options(cw_client)[:4] == german
    assert sort_options(cw_client)[-2:] == ["Name", "Name (absteigend)"]
    cw_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    options = sort_options(cw_client)
    assert options[:4] == english
    assert not [option for option in options if "absteigend" in option]
    assert options[-2:] == ["Name", "Name (descending)"]
    cw_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert sort_options(cw_client)[:4] == german


def test_case_list_sorts_and_paginates(cw_client, team):
    for name in ["Zora", "Anna", "Mia"] + [f"P{i:02d}" for i in range(25)]:
        CaseFactory(team=team, person__name=name)
    first = cw_client.get(reverse("cases:case_list"), {"sort": "person"})
    assert first.text.index("Anna") < first.text.index("Mia")
    assert "Seite 1" in first.text and "Fälle 1–25" in first.text and "weiter" in first.text
    second = cw_client.get(reverse("cases:case_list"), {"sort": "person", "page": 2}).text
    assert "Zora" in second and "Fälle 26–28" in second
    assert "zurück" in second and "weiter" not in second
    beyond = cw_client.get(reverse("cases:case_list"), {"sort": "person", "page": 10**30})
    assert beyond.status_code == 302 and beyond.url == reverse("cases:case_list") + "?sort=person"


@pytest.mark.parametrize(
    "sort", [None, "person", "-person", "status", "-status", "jobcenter", "-reference"]
)
def test_paging_shows_every_case_once_in_any_order(cw_client, team, sort):
    """Page after page, each case exactly once, in the order asked for, also
    among cases of the same name (anonymous ones), status or Jobcenter; and
    with a filter that leaves out some."""
    jobcenter = JobcenterFactory(name="Jobcenter Gleich")
    cases = [
        CaseFactory(team=team, person__name="" if i % 3 else f"P{i:02d}", jobcenter=jobcenter)
        for i in range(60)
    ]
    query = {"sort": sort} if sort else {}
    shown: list[str] = []
    for number in (1, 2, 3):
        text = cw_client.get(reverse("cases:case_list"), {**query, "page": number}).text
        shown += re.findall(r'name="cases" value="([^"]+)"', text)
    assert sorted(shown) == sorted(case.reference for case in cases)
    if sort == "-reference":
        assert shown == sorted(shown, reverse=True)
    if sort == "person":  # the 40 anonymous ones first (no name), newest first among them
        pks = {case.reference: case.pk for case in cases}
        assert {pks[ref] for ref in shown[:40]} == {c.pk for c in cases if not c.person.name}
        assert shown[:40] == sorted(shown[:40], key=lambda ref: -pks[ref])
    Case.objects.filter(pk__in=[case.pk for case in cases[:10]]).update(status=Case.Status.CLOSED)
    closed = [
        ref
        for number in (1, 2)
        for ref in re.findall(
            r'name="cases" value="([^"]+)"',
            cw_client.get(
                reverse("cases:case_list"), {**query, "status": "closed", "page": number}
            ).text,
        )
    ]
    assert sorted(closed) == sorted(case.reference for case in cases[:10])


def test_empty_case_list_says_so(cw_client):
    assert "Noch keine Fälle." in cw_client.get(reverse("cases:case_list")).text
    text = cw_client.get(reverse("cases:case_list"), {"q": "nichts"}).text
    assert "Keine Fälle passen" in text


def test_case_create_with_a_new_person(cw_client, team, caseworker):
    jobcenter = JobcenterFactory()
    response = cw_client.post(
        reverse("cases:case_create"),
        {
            "title": "Facebook-Fotos ausgedruckt",
            "jobcenter": jobcenter.pk,
            "team": team.pk,
            "assignees": [caseworker.pk],
            "person_name": "Aylin Demir",
            "person_city": "Leipzig",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case_detail", args=[case.reference])
    assert case.person.name == "Aylin Demir"
    assert list(case.assignees.all()) == [caseworker]
    assert case.events.get().kind == CaseEvent.Kind.CREATED


def test_case_create_picks_an_existing_person(cw_client, team):
    known = CaseFactory(team=team).person
    cw_client.post(
        reverse("cases:case_create"),
        {"jobcenter": JobcenterFactory().pk, "team": team.pk, "existing_person": known.pk},
    )
    assert known.cases.count() == 2


def test_case_create_without_person_reshows_what_was_typed(cw_client, team):
    response = cw_client.post(
        reverse("cases:case_create"),
        {"title": "Nachbarn befragt", "jobcenter": JobcenterFactory().pk, "team": team.pk},
    )
    assert response.status_code == 200
    assert "Bitte eine bekannte Person auswählen" in response.text
    assert 'value="Nachbarn befragt"' in response.text
    assert not Case.objects.exists()


def test_case_create_cannot_pick_a_person_of_another_team(cw_client, team, other_team):
    foreign = CaseFactory(team=other_team).person
    response = cw_client.post(
        reverse("cases:case_create"),
        {"jobcenter": JobcenterFactory().pk, "team": team.pk, "existing_person": foreign.pk},
    )
    assert response.status_code == 200
    assert foreign.cases.count() == 1


def test_case_edit_records_the_change(cw_client, team):
    case = CaseFactory(team=team, title="alt")
    response = cw_client.post(
        reverse("cases:case_edit", args=[case.reference]),
        {"title": "neu", "jobcenter": case.jobcenter.pk, "person_name": "Neuer Name"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "neu"
    assert case.person.name == "Neuer Name"
    assert case.events.filter(kind=CaseEvent.Kind.EDIT).exists()


def test_case_page_shows_one_timeline(cw_client, team, caseworker):
    case = CaseFactory(team=team, person__name="Erika Mustermann")
    cw_client.post(reverse("cases:note_add", args=[case.reference]), {"note": "Anruf erhalten"})
    cw_client.post(
        reverse("cases:incident_add", args=[case.reference]),
        {
            "kind": "search_engine",
            "platform": "search",
            "description": "Google-Treffer ausgedruckt",
            "was_asked_first": "false",
            "was_informed_afterwards": "",
        },
    )
    cw_client.post(
        reverse("cases:decision_add", args=[case.reference]),
        {"kind": "minderung", "dated_on": "2026-02-27", "posted_on": "2026-03-02"},
    )
    text = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Anruf erhalten" in text
    assert "Google-Treffer ausgedruckt" in text
    assert "ohne die Person vorher zu fragen" in text  # BfDI criteria hint
    assert "Offen: Wurde die Person nachträglich informiert?" in text
    assert "Bescheid erfasst" in text
    assert "Fristen" in text and "Briefe" in text


def test_status_form_offers_only_allowed_transitions(cw_client, team):
    case = CaseFactory(team=team, status=Case.Status.NEW)
    url = reverse("cases:transition", args=[case.reference])
    # The case page's panel loads the form (htmx); without JavaScript its link opens it.
    assert (
        f'<a href="{url}">Formular öffnen</a>'
        in cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    )
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        text = cw_client.get(url, **headers).text
        assert 'value="triage"' in text and 'value="rejected"' in text
        assert 'value="closed"' not in text


def test_forbidden_transition_posted_by_hand_shows_an_error(cw_client, team):
    case = CaseFactory(team=team, status=Case.Status.NEW)
    response = cw_client.post(
        reverse("cases:transition", args=[case.reference]), {"to_status": "archived"}
    )
    assert response.status_code == 200
    assert "keine gültige Auswahl" in response.text or "Auswahl" in response.text
    case.refresh_from_db()
    assert case.status == Case.Status.NEW


def test_htmx_note_returns_the_refreshed_case_body(cw_client, team):
    case = CaseFactory(team=team)
    response = cw_client.post(
        reverse("cases:note_add", args=[case.reference]),
        {"note": "Per htmx notiert"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="case-body">')
    assert "Per htmx notiert" in response.text


def test_htmx_invalid_form_is_swapped_in_place(cw_client, team):
    case = CaseFactory(team=team)
    response = cw_client.post(
        reverse("cases:note_add", args=[case.reference]), {"note": ""}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Retarget"] == "#form-note"
    assert "Dieses Feld ist zwingend erforderlich" in response.text


def test_caseworker_assigns_but_cannot_move_team(cw_client, team, other_team, caseworker):
    case = CaseFactory(team=team)
    cw_client.post(
        reverse("cases:assignment", args=[case.reference]),
        {"assignees": [caseworker.pk], "team": other_team.pk},
    )
    case.refresh_from_db()
    assert list(case.assignees.all()) == [caseworker]
    assert case.team == team
    assert case.events.filter(kind=CaseEvent.Kind.ASSIGNED).exists()


def test_coordinator_moves_a_case_to_another_team(coord_client, team, other_team):
    case = CaseFactory(team=team)
    coord_client.post(reverse("cases:assignment", args=[case.reference]), {"team": other_team.pk})
    case.refresh_from_db()
    assert case.team == other_team


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False)
def test_dashboard_shows_my_cases_triage_deadlines_and_events(cw_client, team, caseworker):
    mine = CaseFactory(team=team, assignees=[caseworker], person__name="Meine Person")
    triage = CaseFactory(team=team, status=Case.Status.TRIAGE, person__name="Zu Sichten")
    Deadline.objects.create(
        case=mine,
        rule="widerspruch",
        title="Widerspruch einlegen",
        trigger_on=dt.date(2026, 2, 1),
        computed_due_on=dt.date(2026, 3, 12),
        due_on=dt.date(2026, 3, 12),
    )
    Deadline.objects.create(
        case=mine,
        rule="klage",
        title="Klage später",
        trigger_on=dt.date(2026, 2, 1),
        computed_due_on=dt.date(2026, 4, 30),
        due_on=dt.date(2026, 4, 30),
    )
    CaseEvent.objects.create(case=triage, kind="evidence", data={"title": "Neue Notiz im Eingang"})
    text = cw_client.get(reverse("cases:dashboard")).text
    assert "Meine Person" in text and "Zu Sichten" in text
    assert "Widerspruch einlegen" in text and "Klage später" not in text
    assert "Neue Notiz im Eingang" in text
    # Each case box links to its case, and the event to the case it is about.
    for case in (mine, triage):
        link = f'<a href="/faelle/{case.reference}/">{case.reference}</a> – {case.person.name}'
        assert link in text
    assert f'<a href="/faelle/{triage.reference}/">{triage.reference}</a>: ' in text


def test_dashboard_empty_states(cw_client):
    text = cw_client.get(reverse("cases:dashboard")).text
    assert "Ihnen sind keine offenen Fälle zugewiesen." in text
    assert "Keine Frist ist versäumt, überfällig oder in den nächsten 7 Tagen fällig." in text
