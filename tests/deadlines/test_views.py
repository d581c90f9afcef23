"""The deadline pages: lists, detail actions, the calendar feed, access."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from cases.deadlines.models import Deadline, DeadlinePreference
from cases.deadlines.services import decision_record_with_deadlines
from cases.models import Case, CaseEvent
from tests.deadlines.factories import DeadlineFactory
from tests.factories import CaseFactory, JobcenterFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 3, 31, 9, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def deadline(case):
    return DeadlineFactory(case=case, title="Widerspruchsfrist (§ 84 SGG)")


@pytest.fixture
def foreign(other_case):
    return DeadlineFactory(case=other_case, title="Fremde Frist")


def test_list_shows_my_deadlines_overdue_first(case, cw_client, foreign):
    DeadlineFactory(case=case, title="Später", due_on=dt.date(2025, 4, 20))
    DeadlineFactory(case=case, title="Überfällig", due_on=dt.date(2025, 3, 20))
    response = cw_client.get(reverse("deadlines:list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Überfällig") < content.index("Später")
    assert "überfällig" in content
    assert "Fremde Frist" not in content


def test_team_view_shows_team_cases_not_assigned_to_me(team, jobcenter, cw_client):
    colleague = UserFactory(username="kollege")
    team.members.add(colleague)
    DeadlineFactory(
        case=CaseFactory(team=team, jobcenter=jobcenter, assignees=[colleague]), title="Teamfrist"
    )
    assert "Teamfrist" not in cw_client.get(reverse("deadlines:list")).content.decode()
    assert "Teamfrist" in cw_client.get(reverse("deadlines:list") + "?scope=team").content.decode()


def test_list_filters_by_rule_and_status(case, cw_client):
    DeadlineFactory(case=case)
    DeadlineFactory(case=case, title="Klagefrist", rule="action")
    DeadlineFactory(case=case, title="Erledigte", status=Deadline.Status.DONE)
    by_rule = cw_client.get(reverse("deadlines:list") + "?rule=action").content.decode()
    assert "Klagefrist</a>" in by_rule and "Widerspruchsfrist (§ 84 SGG)</a>" not in by_rule
    assert "Erledigte" not in cw_client.get(reverse("deadlines:list")).content.decode()
    done = cw_client.get(reverse("deadlines:list") + "?status=done").content.decode()
    assert "Erledigte" in done and "Klagefrist</a>" not in done


# user, TOTP check, groups with the teams and cases of a caseworker (visible_to),
# the overdue deadlines' page and the others' (the session comes from the
# cache; no COUNT, no Jobcenter options).
LIST_QUERIES = 5


def test_list_query_count_is_pinned_and_does_not_grow_with_rows(
    case, cw_client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    DeadlineFactory(case=case)
    with CaptureQueriesContext(connection) as few:
        cw_client.get(reverse("deadlines:list") + "?scope=team")
    DeadlineFactory.create_batch(20, case=case)
    with CaptureQueriesContext(connection) as many:
        response = cw_client.get(reverse("deadlines:list") + "?scope=team")
    assert response.status_code == 200
    assert len(few) == len(many)
    with django_assert_num_queries(LIST_QUERIES):
        cw_client.get(reverse("deadlines:list") + "?scope=team")


def _titles(response) -> list[str]:
    content = response.content.decode()
    return re.findall(r'<a href="/fristen/\d+/">([^<]+)</a>', content)


def _due(day: int) -> dt.date:
    return dt.date(2025, 3, 31) + dt.timedelta(days=day)


def test_list_pages_through_the_overdue_deadlines_first_then_the_others_by_date(case, cw_client):
    """Overdue first (each part by date), on pages of 50 that are not counted:
    across the page where the overdue ones end, and on a page that starts
    past them all. A deadline from whose day something is possible (§ 88
    SGG) is not overdue: it comes with the others, by its date."""
    for day in range(100):  # entered in an order unlike the list's
        DeadlineFactory(case=case, title=f"Offen {day:03}", due_on=_due(30 + (day * 37) % 100))
    for day in (3, 1, 2):
        DeadlineFactory(case=case, title=f"Überfällig {day}", due_on=_due(-day))
    DeadlineFactory(case=case, title="Jetzt möglich", rule="inaction_action", due_on=_due(-10))
    url = reverse("deadlines:list")
    first = cw_client.get(url)
    assert _titles(first)[:5] == [
        "Überfällig 3",
        "Überfällig 2",
        "Überfällig 1",
        "Jetzt möglich",
        f"Offen {0:03}",
    ]
    by_date = [f"Offen {day:03}" for day in sorted(range(100), key=lambda day: (day * 37) % 100)]
    second = cw_client.get(url + "?page=2")  # starts past all overdue ones
    shown = _titles(first) + _titles(second) + _titles(cw_client.get(url + "?page=3"))
    assert shown[4:] == by_date
    content = first.content.decode()
    assert "Seite 1" in content and "page=2" in content
    assert "page=3" in second.content.decode()  # a third page follows
    assert cw_client.get(url + "?page=9").status_code == 302  # past the end: to the first


def test_a_list_of_done_deadlines_is_read_by_date_alone(case, cw_client):
    """No done deadline is overdue, so the list of them is not first searched
    for overdue ones (``OverdueFirst``: that search read every done deadline
    before the first row): one query of deadlines, by date, across pages."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for day in range(60):
        DeadlineFactory(
            case=case,
            title=f"Erledigt {day:03}",
            due_on=_due((day * 37) % 60 - 30),
            status=Deadline.Status.DONE,
        )
    DeadlineFactory(case=case, title="Überfällig", due_on=_due(-5))
    url = reverse("deadlines:list") + "?status=done"
    with CaptureQueriesContext(connection) as queries:
        first = cw_client.get(url)
    deadline_reads = [q for q in queries if 'FROM "deadlines_deadline"' in q["sql"]]
    assert len(deadline_reads) == 1
    by_date = [f"Erledigt {day:03}" for day in sorted(range(60), key=lambda d: (d * 37) % 60)]
    assert _titles(first) + _titles(cw_client.get(url + "&page=2")) == by_date
    late = cw_client.get(reverse("deadlines:list") + "?status=late")
    assert _titles(late) == ["Überfällig"]


def test_the_list_of_all_deadlines_puts_only_those_someone_must_act_on_first(
    case, team, jobcenter, cw_client
):
    """Among all deadlines ("alle"), overdue means past its day and still to
    do on a case in progress: a done one and one on a closed case (resting)
    of earlier days come with the others, by date."""
    closed = CaseFactory(team=team, jobcenter=jobcenter, status=Case.Status.CLOSED)
    DeadlineFactory(case=case, title="Erledigt früher", due_on=_due(-20), status="done")
    DeadlineFactory(case=closed, title="Ruht früher", due_on=_due(-10))
    DeadlineFactory(case=case, title="Überfällig", due_on=_due(-1))
    DeadlineFactory(case=case, title="Später", due_on=_due(5))
    response = cw_client.get(reverse("deadlines:list") + "?scope=team&status=")
    assert _titles(response) == ["Überfällig", "Erledigt früher", "Ruht früher", "Später"]


def test_a_row_of_the_list_shows_date_deadline_case_jobcenter_and_state(
    case, coordinator, cw_client
):
    confirmed = DeadlineFactory(
        case=case,
        title="Klagefrist <§ 87 SGG>",
        confirmed_by=coordinator,
        confirmed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    )
    content = cw_client.get(reverse("deadlines:list")).content.decode()
    detail = reverse("deadlines:detail", args=[confirmed.pk])
    case_url = reverse("cases:case_detail", args=[case.reference])
    who = coordinator.get_full_name() or coordinator.username
    assert (
        "<tr>\n    <td>Mo 07.04.2025</td>\n"
        f'    <td><a href="{detail}">Klagefrist &lt;§ 87 SGG&gt;</a></td>\n'
        f'    <td><a href="{case_url}">{case.reference}</a></td>\n'
        "    <td>Jobcenter Berlin Mitte</td>\n"
        '    <td><span class="badge text-bg-warning" data-state="due_soon">bald fällig</span>\n'
        f'<span class="badge text-bg-success" title="bestätigt von {who}">bestätigt</span></td>\n'
        "  </tr>"
    ) in content


def test_the_dashboards_deadline_boxes_show_date_deadline_case_and_state(case, coord_client):
    """The coordinator's two boxes: due soon or late, and nobody responsible."""
    late = DeadlineFactory(case=case, title="Klagefrist <§ 87 SGG>", due_on=dt.date(2025, 3, 20))
    content = coord_client.get(reverse("cases:dashboard")).content.decode()
    detail = reverse("deadlines:detail", args=[late.pk])
    case_url = reverse("cases:case_detail", args=[case.reference])
    item = (
        '<li class="list-group-item list-group-item-danger">\n'
        f'        <strong>Do, 20.03.2025</strong> – <a href="{detail}">Klagefrist &lt;§ 87 SGG&gt;</a>\n'
        f'        (<a href="{case_url}">{case.reference}</a>) '
        '<span class="badge text-bg-danger" data-state="overdue">überfällig</span>\n'
        '<span class="badge text-bg-light border">unbestätigt</span>\n'
        "      </li>"
    )
    assert item in content
    case.assignees.clear()  # now nobody is responsible: in both boxes
    assert coord_client.get(reverse("cases:dashboard")).content.decode().count(item) == 2


def test_the_dashboards_box_shows_the_first_30_open_and_missed_deadlines_by_date(case, cw_client):
    """Open and missed deadlines in one order of date (those of one day in the
    order they were entered), the first 30; done ones and those beyond the
    coming week are not in the box."""
    for day in range(32):
        status = "missed" if day % 3 == 0 else "open"
        DeadlineFactory(case=case, title=f"Frist {day:02}", due_on=_due(-40 + day), status=status)
    DeadlineFactory(case=case, title="Frist 00b", due_on=_due(-40))  # the same day as 00
    DeadlineFactory(case=case, title="Erledigt", due_on=_due(-50), status="done")
    DeadlineFactory(case=case, title="Übernächste Woche", due_on=_due(14))
    content = cw_client.get(reverse("cases:dashboard")).content.decode()
    shown = re.findall(r'<a href="/fristen/\d+/">(Frist [^<]+)</a>', content)
    assert shown == ["Frist 00", "Frist 00b", *(f"Frist {day:02}" for day in range(1, 29))]
    assert "Erledigt" not in content and "Übernächste Woche" not in content


def test_list_pages_where_the_overdue_deadlines_fill_more_than_a_page(case, cw_client):
    for day in range(53):
        DeadlineFactory(case=case, title=f"Überfällig {day:02}", due_on=_due(-60 + day))
    DeadlineFactory(case=case, title="Nächste Woche", due_on=_due(7))
    first = _titles(cw_client.get(reverse("deadlines:list")))
    second = _titles(cw_client.get(reverse("deadlines:list") + "?page=2"))
    assert first == [f"Überfällig {day:02}" for day in range(50)]
    assert second == ["Überfällig 50", "Überfällig 51", "Überfällig 52", "Nächste Woche"]


def test_list_filters_by_a_jobcenters_name_or_number_without_listing_every_jobcenter(
    case, team, caseworker, cw_client
):
    koeln = JobcenterFactory(name="Jobcenter Köln", city="Köln")
    JobcenterFactory(name="Jobcenter Zwickau", city="Zwickau")  # no deadlines
    DeadlineFactory(case=case, title="In Berlin")
    cologne = CaseFactory(team=team, jobcenter=koeln, assignees=[caseworker])
    DeadlineFactory(case=cologne, title="In Köln")
    url = reverse("deadlines:list")
    by_name = _titles(cw_client.get(url + "?jobcenter=koln"))  # without the umlaut
    assert by_name == ["In Köln"]
    assert _titles(cw_client.get(url + f"?jobcenter={case.jobcenter_id}")) == ["In Berlin"]
    assert _titles(cw_client.get(url + "?jobcenter=Zwickau")) == []
    page = cw_client.get(url).content.decode()
    # A text field with suggestions, not an option for each Jobcenter.
    assert 'list="jobcenter-suggestions"' in page and "Zwickau" not in page


def test_a_jobcenters_deadlines_are_sorted_overdue_first_then_by_date_across_pages(
    team, caseworker, cw_client
):
    """Filtered to a few Jobcenters, the list is collected and sorted (a date
    the index does not hold: ``OverdueFirst(few=True)``) rather than read by
    walking every active deadline in date order; the order is the same:
    overdue first, each part by date, one day's in the order entered."""
    from cases.deadlines.forms import FEW_JOBCENTERS, DeadlineFilter

    def sorts(value: str) -> bool:
        filterset = DeadlineFilter({"jobcenter": value}, queryset=Deadline.objects.all())
        filterset.qs  # noqa: B018 (the filter reads the Jobcenters it names)
        return filterset.is_of_few_jobcenters

    koeln = JobcenterFactory(name="Jobcenter Köln", city="Köln")
    case = CaseFactory(team=team, jobcenter=koeln, assignees=[caseworker])
    for day in range(60):
        DeadlineFactory(case=case, title=f"Offen {day:02}", due_on=_due(1 + (day * 7) % 60))
    for day in (2, 1):
        DeadlineFactory(case=case, title=f"Überfällig {day}", due_on=_due(-day))
    DeadlineFactory(case=case, title="Überfällig 1b", due_on=_due(-1))
    DeadlineFactory(case=CaseFactory(team=team, assignees=[caseworker]), title="Anderswo")
    url = reverse("deadlines:list") + "?jobcenter=koln"
    assert sorts("koln")
    shown = _titles(cw_client.get(url)) + _titles(cw_client.get(url + "&page=2"))
    by_date = [f"Offen {day:02}" for day in sorted(range(60), key=lambda d: (d * 7) % 60)]
    assert shown == ["Überfällig 2", "Überfällig 1", "Überfällig 1b", *by_date]
    # A name that many Jobcenters share walks the index, as without a filter.
    for number in range(FEW_JOBCENTERS):
        JobcenterFactory(name=f"Jobcenter Köln {number}", city="Köln")
    assert not sorts("koln") and sorts(str(koeln.pk))
    assert _titles(cw_client.get(url))[:3] == ["Überfällig 2", "Überfällig 1", "Überfällig 1b"]


def test_empty_list_says_so(cw_client):
    assert "Keine Fristen" in cw_client.get(reverse("deadlines:list")).content.decode()


def test_detail_shows_the_explanation(deadline, cw_client):
    content = cw_client.get(reverse("deadlines:detail", args=[deadline.pk])).content.decode()
    assert "(§ 37 Abs. 2 Satz 1 SGB X): Fr 07.03.2025" in content
    assert "unbestätigt" in content


@pytest.mark.parametrize("name", ["detail", "confirm", "done", "override", "cancel"])
def test_deadlines_of_other_teams_answer_404(foreign, cw_client, name):
    url = reverse(f"deadlines:{name}", args=[foreign.pk])
    response = cw_client.get(url) if name == "detail" else cw_client.post(url, {"reason": "x"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Deadline.Status.OPEN and not foreign.is_confirmed


def test_coordinator_may_open_every_deadline(foreign, coord_client):
    assert coord_client.get(reverse("deadlines:detail", args=[foreign.pk])).status_code == 200


def test_confirm_by_full_page_post_redirects_back(deadline, coord_client, coordinator):
    response = coord_client.post(reverse("deadlines:confirm", args=[deadline.pk]))
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.confirmed_by == coordinator


def test_confirm_by_htmx_returns_the_panel(deadline, coord_client):
    response = coord_client.post(
        reverse("deadlines:confirm", args=[deadline.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="deadline-panel"' in content and "<html" not in content
    assert "Bestätigt von" in content


def test_the_creator_cannot_confirm_alone_when_others_are_assigned(case, caseworker, cw_client):
    case.assignees.add(UserFactory(username="zweite"))
    deadline = DeadlineFactory(case=case, created_by=caseworker)
    response = cw_client.post(reverse("deadlines:confirm", args=[deadline.pk]), follow=True)
    assert "Vier-Augen-Prinzip" in response.content.decode()
    deadline.refresh_from_db()
    assert not deadline.is_confirmed


def test_override_without_reason_shows_the_form_again(deadline, cw_client):
    response = cw_client.post(
        reverse("deadlines:override", args=[deadline.pk]), {"due_on": "2025-04-04", "reason": ""}
    )
    assert response.status_code == 400
    assert 'value="2025-04-04"' in response.content.decode()
    deadline.refresh_from_db()
    assert deadline.due_on == dt.date(2025, 4, 7)


def test_override_with_reason_changes_the_date_and_logs_the_reason(deadline, cw_client):
    cw_client.post(
        reverse("deadlines:override", args=[deadline.pk]),
        {"due_on": "2025-04-04", "reason": "Zugang am Freitag belegt"},
    )
    deadline.refresh_from_db()
    assert deadline.due_on == dt.date(2025, 4, 4)
    event = deadline.case.events.get(kind=CaseEvent.Kind.DEADLINE)
    assert event.note == "Zugang am Freitag belegt"


def test_mark_done_and_cancel(deadline, case, cw_client):
    cw_client.post(reverse("deadlines:done", args=[deadline.pk]))
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.DONE
    other = DeadlineFactory(case=case)
    cw_client.post(reverse("deadlines:cancel", args=[other.pk]), {"reason": "abgeholfen"})
    other.refresh_from_db()
    assert other.status == Deadline.Status.CANCELLED


def test_preferences_save_reminder_days_and_digest_switch(caseworker, cw_client):
    response = cw_client.post(
        reverse("deadlines:preferences"), {"reminder_days": "10, 3", "wants_weekly_digest": ""}
    )
    assert response.status_code == 302
    preference = DeadlinePreference.objects.get(user=caseworker)
    assert preference.reminder_days == [10, 3]
    assert preference.wants_weekly_digest is False


def test_preferences_reject_nonsense_and_keep_the_input(cw_client):
    response = cw_client.post(reverse("deadlines:preferences"), {"reminder_days": "bald"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "ganze Zahlen" in content and 'value="bald"' in content


# --- calendar feed ---------------------------------------------------------------


def _feed_url(user) -> str:
    token = DeadlinePreference.objects.get(user=user).calendar_token
    return reverse("deadlines:calendar_feed", args=[token])


def test_calendar_feed_lists_my_deadlines_with_explanation_and_link(
    deadline, foreign, caseworker, cw_client, settings
):
    settings.SITE_URL = "https://fallakte.example.org"
    cw_client.post(reverse("deadlines:calendar_regenerate"))
    response = Client().get(_feed_url(caseworker))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == dt.date(2025, 4, 7)
    assert "Widerspruchsfrist" in str(event["summary"])
    assert "§ 37 Abs. 2 Satz 1 SGB X" in str(event["description"])
    assert str(event["url"]) == f"https://fallakte.example.org/fristen/{deadline.pk}/"
    assert f"/faelle/{deadline.case.reference}/" in str(event["description"])


def test_unknown_calendar_token_answers_404():
    assert Client().get("/fristen/kalender/nicht-vorhanden.ics").status_code == 404


def test_revoked_and_regenerated_tokens_stop_working(caseworker, cw_client):
    cw_client.post(reverse("deadlines:calendar_regenerate"))
    old = _feed_url(caseworker)
    cw_client.post(reverse("deadlines:calendar_regenerate"))
    new = _feed_url(caseworker)
    assert old != new
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    cw_client.post(reverse("deadlines:calendar_revoke"))
    assert Client().get(new).status_code == 404
    assert (
        "Noch keine Kalender-Adresse"
        in cw_client.get(reverse("deadlines:preferences")).content.decode()
    )


def test_feed_of_a_deactivated_user_is_gone(caseworker, cw_client):
    cw_client.post(reverse("deadlines:calendar_regenerate"))
    url = _feed_url(caseworker)
    caseworker.is_active = False
    caseworker.save()
    assert Client().get(url).status_code == 404


# --- the case page partial ----------------------------------------------------------


def test_case_partial_shows_status_date_badge_and_link_without_extra_queries(
    case, coordinator, django_assert_num_queries
):
    open_one = DeadlineFactory(case=case)
    DeadlineFactory(
        case=case,
        title="Klagefrist",
        confirmed_by=coordinator,
        confirmed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    )
    loaded = Case.objects.prefetch_related("deadlines__confirmed_by").get(pk=case.pk)
    with django_assert_num_queries(0):
        html = render_to_string("deadlines/_case_deadlines.html", {"case": loaded})
    assert "unbestätigt" in html and "bestätigt" in html
    assert "07.04.2025" in html
    assert reverse("deadlines:detail", args=[open_one.pk]) in html
    assert "offen" in html


def test_htmx_errors_are_shown_inside_the_panel(case, caseworker, cw_client):
    case.assignees.add(UserFactory(username="dritte"))
    deadline = DeadlineFactory(case=case, created_by=caseworker)
    response = cw_client.post(
        reverse("deadlines:confirm", args=[deadline.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Vier-Augen-Prinzip" in response.content.decode()
    response = cw_client.post(
        reverse("deadlines:override", args=[deadline.pk]),
        {"due_on": "2025-04-04", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'value="2025-04-04"' in response.content.decode()


def test_a_coordinator_sees_the_teams_deadlines_first_and_a_caseworker_their_own(
    coord_client, cw_client, team, caseworker
):
    theirs = CaseFactory(team=team, reference="2026-0777")  # nobody assigned
    decision_record_with_deadlines(
        case=theirs,
        by=caseworker,
        kind="minderung",
        dated_on=dt.date(2026, 11, 20),
        posted_on=dt.date(2026, 11, 20),
    )
    assert "2026-0777" in coord_client.get(reverse("deadlines:list")).content.decode()
    assert "2026-0777" not in cw_client.get(reverse("deadlines:list")).content.decode()
    assert "2026-0777" in cw_client.get(reverse("deadlines:list") + "?scope=team").content.decode()
