"""Deadlines created by the hooks, and what people do with them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.models import Deadline
from cases.deadlines.services import (
    DeadlineActionRefused,
    deadline_cancel,
    deadline_confirm,
    deadline_mark_done,
    deadline_override,
    deadlines_for_letter_sent,
    deadlines_recompute_for_decision,
    decision_record_with_deadlines,
    incident_record_with_deadlines,
)
from cases.events import event_text
from cases.models import CaseEvent, Decision
from letters.models import Letter
from tests.factories import CaseFactory, JobcenterFactory, UserFactory

pytestmark = pytest.mark.django_db


def _decision(case, by, **kwargs):
    values = {"kind": Decision.Kind.SANCTION, "dated_on": dt.date(2025, 2, 28)}
    values.update(kwargs)
    return decision_record_with_deadlines(case=case, by=by, **values)


def test_recording_a_decision_creates_the_objection_deadline_of_the_worked_example(
    case, caseworker
):
    decision = _decision(case, caseworker, posted_on=dt.date(2025, 3, 3))
    deadline = decision.deadlines.get()
    assert deadline.rule == "objection"
    assert deadline.due_on == deadline.computed_due_on == dt.date(2025, 4, 7)
    assert deadline.trigger_on == dt.date(2025, 3, 7)
    assert deadline.created_by == caseworker
    assert not deadline.is_confirmed
    text = "\n".join(deadline.explanation)
    assert "(§ 37 Abs. 2 Satz 1 SGB X): Fr 07.03.2025" in text
    assert "§ 84 Abs. 1 Satz 1 SGG" in text
    assert "Jobcenter Berlin Mitte" in text
    event = case.events.get(kind=CaseEvent.Kind.DEADLINE)
    assert "07.04.2025" in event_text(event)


def test_missing_legal_remedy_notice_gives_one_year_rolled_off_the_weekend(case, caseworker):
    decision = _decision(
        case, caseworker, posted_on=dt.date(2025, 3, 3), has_correct_legal_remedy_notice=False
    )
    # 07.03.2026 is a Saturday, 08.03. a Sunday (and Frauentag in Berlin).
    assert decision.deadlines.get().due_on == dt.date(2026, 3, 9)


def test_deadline_rolls_off_the_holiday_of_the_jobcenter_seat(team, caseworker):
    from tests.factories import CaseFactory

    augsburg = JobcenterFactory(name="Jobcenter Augsburg", state="BY", holiday_subdiv="Augsburg")
    case = CaseFactory(team=team, jobcenter=augsburg, assignees=[caseworker])
    # received Tue 08.07.2025 (later than the fiction) → 08.08.2025 Friedensfest → Mon 11.08.
    decision = _decision(
        case, caseworker, posted_on=dt.date(2025, 7, 1), received_on=dt.date(2025, 7, 8)
    )
    deadline = decision.deadlines.get()
    assert deadline.due_on == dt.date(2025, 8, 11)
    assert any("Friedensfest" in step for step in deadline.explanation)


@pytest.mark.parametrize(
    ("kind", "rule", "expected"),
    [
        (Decision.Kind.OBJECTION_DECISION, "action", dt.date(2025, 4, 7)),
        (Decision.Kind.JUDGMENT, "appeal", dt.date(2025, 4, 10)),
        (Decision.Kind.PROSECUTION_DROPPED, "prosecution_complaint", dt.date(2025, 3, 24)),
    ],
    ids=["§87 SGG Klage", "§151 SGG Berufung", "§172 StPO Beschwerde"],
)
def test_each_kind_of_decision_gets_its_deadline(case, caseworker, kind, rule, expected):
    if kind == Decision.Kind.OBJECTION_DECISION:
        decision = _decision(case, caseworker, kind=kind, posted_on=dt.date(2025, 3, 3))
    else:
        decision = _decision(case, caseworker, kind=kind, received_on=dt.date(2025, 3, 10))
    deadline = decision.deadlines.get()
    assert deadline.rule == rule
    assert deadline.due_on == expected


@pytest.mark.parametrize(
    ("kind", "received_on", "rule", "expected", "says"),
    [
        # § 145 Abs. 1 Satz 2 SGG: served Fri 31.10.2025; November has no 31st,
        # so Sun 30.11.2025 (§ 64 Abs. 2 SGG), moved to Mon 01.12.2025 (§ 64 Abs. 3 SGG).
        (
            Decision.Kind.JUDGMENT_APPEAL_NOT_ADMITTED,
            dt.date(2025, 10, 31),
            "leave_complaint",
            dt.date(2025, 12, 1),
            "Landessozialgericht",
        ),
        # § 173 Satz 1 SGG: order served Wed 23.04.2025 → Fri 23.05.2025.
        (
            Decision.Kind.COURT_ORDER,
            dt.date(2025, 4, 23),
            "order_complaint",
            dt.date(2025, 5, 23),
            "§ 172 Abs. 3 Nr. 1 SGG",
        ),
        # § 172 Abs. 2 Satz 1 StPO: notice Thu 01.05.2025 (the day itself is not
        # moved); one month ends Sun 01.06.2025 (§ 43 Abs. 1 StPO) → Mon 02.06.2025
        # (§ 43 Abs. 2 StPO).
        (
            Decision.Kind.COMPLAINT_REJECTED,
            dt.date(2025, 5, 1),
            "compulsory_prosecution",
            dt.date(2025, 6, 2),
            "Oberlandesgericht",
        ),
    ],
    ids=["§145 SGG Nichtzulassungsbeschwerde", "§173 SGG Beschwerde", "§172 Abs. 2 StPO"],
)
def test_court_orders_and_the_general_prosecutors_answer_get_their_own_period(
    case, caseworker, kind, received_on, rule, expected, says
):
    """Before, a Beschluss of the Sozialgericht could only be recorded as
    "sonstiger Bescheid" and got a Widerspruchsfrist (§ 84 SGG)."""
    decision = _decision(case, caseworker, kind=kind, received_on=received_on)
    deadline = decision.deadlines.get()
    assert (deadline.rule, deadline.due_on) == (rule, expected)
    assert any(says in step for step in deadline.explanation)


def test_incident_with_knowledge_of_act_and_offender_starts_the_strafantrag_clock(case, caseworker):
    incident = incident_record_with_deadlines(
        case=case,
        by=caseworker,
        kind="profile_research",
        description="Facebook",
        learned_of_act_on=dt.date(2025, 3, 10),
        learned_of_offender_on=dt.date(2025, 4, 2),
        was_fraud_suspicion_stated=False,
    )
    deadline = incident.deadlines.get()
    assert deadline.rule == "criminal_complaint"
    # § 77b Abs. 2 Satz 1 StGB: from the end of 02.04.2025, three months: Wed 02.07.2025.
    assert deadline.due_on == dt.date(2025, 7, 2)
    text = "\n".join(deadline.explanation)
    assert "§ 85 Abs. 2 Satz 1 SGB X" in text
    assert "§ 85 Abs. 3" not in text


def test_incident_without_knowledge_of_the_offender_has_no_clock_yet(case, caseworker, cw_client):
    """§ 77b Abs. 2 StGB: the period starts only with knowledge of the offender."""
    incident = incident_record_with_deadlines(
        case=case,
        by=caseworker,
        kind="fake_profile",
        description="Freundschaftsanfrage von einem Fake-Profil",
        learned_of_act_on=dt.date(2025, 3, 10),
    )
    assert not incident.deadlines.exists()
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Täter unbekannt: die Frist des § 77b StGB beginnt erst mit Kenntnis vom Täter" in page


@pytest.mark.parametrize(
    "kind, answers",
    [
        ("search_engine", {"was_asked_first": False, "was_informed_afterwards": False}),
        ("other", {}),
        ("profile_research", {"was_fraud_suspicion_stated": True}),
        ("third_party", {"was_asked_first": True}),
    ],
)
def test_no_strafantrag_clock_where_no_offence_on_application_is_plausible(
    case, caseworker, cw_client, kind, answers
):
    """Issue 18: a Strafantrag deadline came for Google searches and "Sonstiges"
    (§ 85 SGB X with § 42 BDSG covers data not generally accessible)."""
    incident = incident_record_with_deadlines(
        case=case,
        by=caseworker,
        kind=kind,
        description="Vorfall",
        learned_of_act_on=dt.date(2025, 3, 10),
        learned_of_offender_on=dt.date(2025, 3, 10),
        **answers,
    )
    assert not incident.deadlines.exists()
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Täter unbekannt" not in page


@pytest.mark.parametrize(
    "kind, answers",
    [
        ("fake_profile", {}),
        ("data_passed_on", {}),
        ("profile_research", {}),  # the open question keeps the clock
        ("third_party", {"was_asked_first": False}),
    ],
)
def test_strafantrag_clock_runs_where_an_offence_is_plausible_and_the_offender_known(
    case, caseworker, kind, answers
):
    incident = incident_record_with_deadlines(
        case=case,
        by=caseworker,
        kind=kind,
        description="Vorfall",
        learned_of_offender_on=dt.date(2025, 3, 10),
        **answers,
    )
    # § 77b StGB: 10.03.2025 + 3 months = Tue 10.06.2025 (Pfingstmontag was 09.06.).
    assert incident.deadlines.get().due_on == dt.date(2025, 6, 10)


def _letter(case, kind, sent_on, channel="post"):
    return Letter.objects.create(
        case=case,
        kind=kind,
        subject="Betreff",
        body="Text",
        template_version="1",
        status=Letter.Status.SENT,
        pdf_sha256="0" * 64,
        sent_on=sent_on,
        channel=channel,
    )


@pytest.mark.parametrize(
    ("kind", "channel", "sent_on", "rule", "expected"),
    [
        # posted Mon 03.03.2025, received assumed Fri 07.03. → Mon 07.04.2025
        ("auskunft", "post", dt.date(2025, 3, 3), "gdpr_access_answer", dt.date(2025, 4, 7)),
        ("widerspruch", "fax", dt.date(2025, 1, 15), "inaction_action", dt.date(2025, 4, 16)),
        ("dsgvo_beschwerde", "email", dt.date(2025, 1, 15), "dpa_inaction", dt.date(2025, 4, 16)),
        ("strafantrag", "post", dt.date(2025, 3, 3), "complaint_follow_up", dt.date(2025, 4, 3)),
    ],
    ids=["Art. 12(3) DSGVO", "§88 SGG", "Art. 78(2) DSGVO", "Wiedervorlage Strafantrag"],
)
def test_letters_marked_sent_start_their_follow_ups(
    case, caseworker, kind, channel, sent_on, rule, expected
):
    deadline = deadlines_for_letter_sent(
        letter=_letter(case, kind, sent_on, channel), by=caseworker
    )[0]
    assert (deadline.rule, deadline.due_on) == (rule, expected)


def test_gdpr_answer_explains_the_assumed_postal_transit(case, caseworker):
    deadline = deadlines_for_letter_sent(
        letter=_letter(case, "auskunft", dt.date(2025, 3, 3)), by=caseworker
    )[0]
    assert any("Postlaufzeit" in step for step in deadline.explanation)


def test_a_petition_starts_no_deadline(case, caseworker):
    assert deadlines_for_letter_sent(letter=_letter(case, "petition", dt.date(2025, 3, 3))) == []


# --- four eyes ----------------------------------------------------------------


def _objection(case, by):
    return _decision(case, by, posted_on=dt.date(2025, 3, 3)).deadlines.get()


def test_creator_cannot_confirm_when_someone_else_is_responsible_too(case, caseworker):
    colleague = UserFactory(username="kollegin")
    case.assignees.add(colleague)
    deadline = _objection(case, caseworker)
    with pytest.raises(DeadlineActionRefused):
        deadline_confirm(deadline=deadline, by=caseworker)
    deadline_confirm(deadline=deadline, by=colleague)
    deadline.refresh_from_db()
    assert deadline.confirmed_by == colleague


def test_sole_assignee_may_confirm_what_they_created(case, caseworker):
    deadline = deadline_confirm(deadline=_objection(case, caseworker), by=caseworker)
    assert deadline.is_confirmed


def test_a_second_caseworker_who_is_not_assigned_may_confirm(case, caseworker, coordinator):
    deadline = deadline_confirm(deadline=_objection(case, caseworker), by=coordinator)
    assert deadline.confirmed_by == coordinator


def test_confirming_twice_is_refused(case, caseworker, coordinator):
    deadline = deadline_confirm(deadline=_objection(case, caseworker), by=coordinator)
    with pytest.raises(DeadlineActionRefused):
        deadline_confirm(deadline=deadline, by=coordinator)


def test_override_needs_a_reason_keeps_it_in_the_timeline_and_resets_confirmation(
    case, caseworker, coordinator
):
    deadline = deadline_confirm(deadline=_objection(case, caseworker), by=coordinator)
    with pytest.raises(DeadlineActionRefused):
        deadline_override(deadline=deadline, due_on=dt.date(2025, 4, 4), reason=" ", by=caseworker)
    deadline = deadline_override(
        deadline=deadline,
        due_on=dt.date(2025, 4, 4),
        reason="Sicherheitshalber: Zugang streitig",
        by=caseworker,
    )
    assert deadline.due_on == dt.date(2025, 4, 4)
    assert deadline.computed_due_on == dt.date(2025, 4, 7)
    assert not deadline.is_confirmed
    event = case.events.filter(kind=CaseEvent.Kind.DEADLINE).first()
    assert event.note == "Sicherheitshalber: Zugang streitig"
    assert "07.04.2025" in event_text(event) and "04.04.2025" in event_text(event)


def test_done_and_cancel_close_a_deadline_once(case, caseworker):
    deadline = deadline_mark_done(deadline=_objection(case, caseworker), by=caseworker)
    assert deadline.status == Deadline.Status.DONE and deadline.done_at
    with pytest.raises(DeadlineActionRefused):
        deadline_cancel(deadline=deadline, by=caseworker)
    other = _decision(case, caseworker, posted_on=dt.date(2025, 5, 5)).deadlines.get()
    assert deadline_cancel(deadline=other, by=caseworker, reason="abgeholfen").status == "cancelled"


@time_machine.travel(dt.datetime(2025, 3, 20, 9, tzinfo=dt.UTC))
def test_correcting_the_posting_date_recomputes_the_deadline(case, caseworker, coordinator):
    decision = _decision(case, caseworker, posted_on=dt.date(2025, 3, 3))
    deadline_confirm(deadline=decision.deadlines.get(), by=coordinator)
    Decision.objects.filter(pk=decision.pk).update(received_on=dt.date(2025, 3, 14))
    deadline = deadlines_recompute_for_decision(decision=decision, by=caseworker)[0]
    assert deadline.due_on == dt.date(2025, 4, 14)
    assert not deadline.is_confirmed
    assert any("14.03.2025" in step for step in deadline.explanation)


@time_machine.travel(dt.datetime(2025, 3, 20, 9, tzinfo=dt.UTC))
def test_recomputing_keeps_a_date_set_by_hand_and_notes_it(case, caseworker):
    decision = _decision(case, caseworker, posted_on=dt.date(2025, 3, 3))
    deadline_override(
        deadline=decision.deadlines.get(),
        due_on=dt.date(2025, 4, 1),
        reason="früher",
        by=caseworker,
    )
    Decision.objects.filter(pk=decision.pk).update(received_on=dt.date(2025, 3, 14))
    deadline = deadlines_recompute_for_decision(decision=decision, by=caseworker)[0]
    assert deadline.due_on == dt.date(2025, 4, 1)
    assert deadline.computed_due_on == dt.date(2025, 4, 14)
    text = event_text(case.events.filter(kind=CaseEvent.Kind.DEADLINE).first())
    assert "Von Hand gesetztes Fristende 01.04.2025 bleibt" in text
    assert "neu berechnet wäre es 14.04.2025" in text


def test_a_decision_recorded_without_checking_the_notice_says_so_in_the_deadline(case, caseworker):
    decision = _decision(case, caseworker, posted_on=dt.date(2025, 3, 3))
    assert decision.has_correct_legal_remedy_notice is None
    deadline = decision.deadlines.get()
    # § 66 Abs. 2 SGG might give a year; until checked, the month of § 84 SGG stands.
    assert deadline.due_on == dt.date(2025, 4, 7)
    assert any("noch nicht geprüft" in line for line in deadline.explanation)


# --- how the Bescheid came: the day of notification or service ----------------


@pytest.mark.parametrize(
    ("kind", "state", "delivery", "dates", "expected"),
    [
        # § 65 SGB X with § 4 Abs. 2 Satz 2 VwZG: registered Mon 03.03.2025 →
        # served Fri 07.03.2025 → Widerspruch until Mon 07.04.2025 (§ 84, § 64 SGG).
        ("gE", "BE", "einschreiben", {"posted_on": dt.date(2025, 3, 3)}, dt.date(2025, 4, 7)),
        # § 65 Abs. 2 SGB X, Art. 4 BayVwZVG (3rd day, counted cautiously): Thu
        # 06.03.2025 → Sun 06.04.2025 → Mon 07.04.2025 (§ 64 Abs. 3 SGG).
        ("zkT", "BY", "einschreiben", {"posted_on": dt.date(2025, 3, 3)}, dt.date(2025, 4, 7)),
        # Postzustellungsurkunde dated Sat 08.03.2025 (not moved, BSG B 14 AS
        # 12/09 R) → one month → Tue 08.04.2025.
        ("gE", "BE", "pzu", {"received_on": dt.date(2025, 3, 8)}, dt.date(2025, 4, 8)),
        # § 37 Abs. 2 Satz 2 SGB X (3rd day, cautiously): sent Mon 03.03.2025 →
        # Thu 06.03.2025 → Sun 06.04.2025 → Mon 07.04.2025.
        ("gE", "BE", "elektronisch", {"posted_on": dt.date(2025, 3, 3)}, dt.date(2025, 4, 7)),
    ],
    ids=["VwZG gE", "BayVwZVG zkT", "PZU Saturday", "electronic"],
)
def test_the_way_the_bescheid_came_decides_the_day_of_notification(
    team, caseworker, kind, state, delivery, dates, expected
):
    jobcenter = JobcenterFactory(kind=kind, state=state)
    case = CaseFactory(team=team, jobcenter=jobcenter, assignees=[caseworker])
    decision = _decision(case, caseworker, delivery=delivery, **dates)
    deadline = decision.deadlines.get()
    assert deadline.due_on == expected, "\n".join(deadline.explanation)


def test_a_widerspruchsbescheid_of_a_zkt_served_by_registered_mail_follows_the_vwzg(
    team, caseworker
):
    """§ 85 Abs. 3 Satz 2 SGG: the Jobcenter serving a Widerspruchsbescheid
    applies the VwZG, not the Land's service law: posted Mon 12.05.2025, served
    on the 4th day Fri 16.05.2025 (§ 4 Abs. 2 Satz 2 VwZG), Klage until
    Mon 16.06.2025 (§ 87 Abs. 1, 2 SGG)."""
    zkt = JobcenterFactory(name="Jobcenter Landkreis Miesbach", state="BY", kind="zkT")
    case = CaseFactory(team=team, jobcenter=zkt, assignees=[caseworker])
    decision = _decision(
        case,
        caseworker,
        kind=Decision.Kind.OBJECTION_DECISION,
        dated_on=dt.date(2025, 5, 12),
        posted_on=dt.date(2025, 5, 12),
        delivery=Decision.Delivery.REGISTERED,
    )
    deadline = decision.deadlines.get()
    assert (deadline.rule, deadline.due_on) == ("action", dt.date(2025, 6, 16))
    assert any("§ 85 Abs. 3 Satz 2 SGG" in step for step in deadline.explanation)


def test_an_einstellung_whose_notice_was_not_checked_keeps_two_weeks_and_says_why(case, caseworker):
    """§ 172 Abs. 1 Satz 3 StPO: without notice the two weeks do not run; while
    nobody has checked, they stand as a precaution: notice Mon 10.03.2025 →
    Mon 24.03.2025 (§ 43 Abs. 1 StPO)."""
    decision = _decision(
        case,
        caseworker,
        kind=Decision.Kind.PROSECUTION_DROPPED,
        received_on=dt.date(2025, 3, 10),
        has_correct_legal_remedy_notice=None,
    )
    deadline = decision.deadlines.get()
    assert (deadline.rule, deadline.due_on) == ("prosecution_complaint", dt.date(2025, 3, 24))
    assert any(
        step.startswith("Belehrung noch nicht geprüft") and "§ 172 Abs. 1 Satz 3 StPO" in step
        for step in deadline.explanation
    )
