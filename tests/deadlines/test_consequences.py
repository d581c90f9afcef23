"""The loop closed (issue 18): sending a letter completes the deadline it
meets and starts the next; recording an answer completes what waited for it.
One table (``cases.deadlines.consequences``) says which."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.compute import RULES
from cases.deadlines.consequences import ANSWER_RECEIVED, DECISION_RECORDED, LETTER_SENT
from cases.deadlines.models import Deadline
from cases.deadlines.services import (
    _decision_specs,
    answer_record,
    decision_record_with_deadlines,
    incident_record_with_deadlines,
)
from cases.deadlines.tasks import scan_deadlines
from cases.events import event_text
from cases.models import CaseEvent, Decision
from letters.models import Letter
from letters.services import letter_mark_sent

pytestmark = pytest.mark.django_db


def _final(case, kind, decision=None):
    return Letter.objects.create(
        case=case,
        kind=kind,
        decision=decision,
        subject="Betreff",
        body="Text",
        template_version="1",
        status=Letter.Status.FINAL,
        pdf_sha256="0" * 64,
    )


def _sent(letter, by, sent_on, channel=Letter.Channel.FAX):
    letter_mark_sent(letter=letter, by=by, channel=channel, sent_on=sent_on)
    return letter


def _bescheid(case, by, posted_on=dt.date(2025, 3, 3), kind=Decision.Kind.SANCTION):
    return decision_record_with_deadlines(
        case=case, by=by, kind=kind, dated_on=posted_on, posted_on=posted_on
    )


def test_a_sent_widerspruch_completes_its_widerspruchsfrist_and_starts_section_88(
    case, caseworker, mailoutbox
):
    """Issue 18: marking a Widerspruch as sent left its Widerspruchsfrist open
    and reminders kept coming."""
    decision = _bescheid(case, caseworker)
    objection = decision.deadlines.get(rule="objection")
    assert objection.due_on == dt.date(2025, 4, 7)
    letter = _sent(_final(case, "widerspruch", decision), caseworker, dt.date(2025, 3, 20))

    objection.refresh_from_db()
    assert objection.status == Deadline.Status.DONE
    inaction = letter.deadlines.get()
    # § 88 Abs. 2 SGG: Widerspruch by fax on 20.03.2025, three months end
    # 20.06.2025, Untätigkeitsklage possible from Sat 21.06.2025.
    assert (inaction.rule, inaction.due_on) == ("inaction_action", dt.date(2025, 6, 21))
    event = case.events.get(data__deadline=objection.pk, data__action="completed")
    assert event_text(event) == (
        "Frist erledigt: Widerspruchsfrist (§ 84 SGG) – Brief versandt am 20.03.2025"
    )

    # No more reminders for the completed Widerspruchsfrist.
    with time_machine.travel(dt.datetime(2025, 4, 5, 8, tzinfo=dt.UTC)):
        scan_deadlines()
    assert not [m for m in mailoutbox if "Widerspruchsfrist" in m.subject]


def test_a_widerspruch_without_its_bescheid_completes_the_only_open_widerspruchsfrist(
    case, caseworker
):
    objection = _bescheid(case, caseworker).deadlines.get(rule="objection")
    _sent(_final(case, "widerspruch"), caseworker, dt.date(2025, 3, 20))
    objection.refresh_from_db()
    assert objection.status == Deadline.Status.DONE


def test_with_two_open_widerspruchsfristen_a_letter_without_bescheid_completes_none(
    case, caseworker
):
    first = _bescheid(case, caseworker, dt.date(2025, 3, 3))
    second = _bescheid(case, caseworker, dt.date(2025, 3, 10))
    _sent(_final(case, "widerspruch"), caseworker, dt.date(2025, 3, 20))
    assert (
        Deadline.objects.filter(
            decision__in=[first, second], rule="objection", status=Deadline.Status.OPEN
        ).count()
        == 2
    )
    event = case.events.get(data__action="ambiguous")
    assert event_text(event).startswith("Mehrere offene Fristen dieser Art")


def test_a_sent_auskunft_starts_the_art_12_date_and_its_answer_completes_it(
    case, caseworker, cw_client
):
    letter = _sent(_final(case, "auskunft"), caseworker, dt.date(2025, 3, 3), "post")
    answer = letter.deadlines.get()
    # Art. 12 Abs. 3 DSGVO: posted Mon 03.03.2025, receipt assumed Fri 07.03.,
    # one month: Mon 07.04.2025.
    assert (answer.rule, answer.due_on) == ("gdpr_access_answer", dt.date(2025, 4, 7))
    page = cw_client.get(reverse("deadlines:detail", args=[answer.pk])).text
    assert "Antwort erfassen" in page
    with time_machine.travel(dt.datetime(2025, 3, 28, 9, tzinfo=dt.UTC)):
        response = cw_client.post(
            reverse("deadlines:answer", args=[answer.pk]), {"received_on": "2025-03-27"}
        )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == Deadline.Status.DONE


def test_an_answer_cannot_be_recorded_for_a_period_of_our_own(case, caseworker):
    from cases.deadlines.services import DeadlineActionRefused

    objection = _bescheid(case, caseworker).deadlines.get(rule="objection")
    with pytest.raises(DeadlineActionRefused):
        answer_record(deadline=objection, received_on=dt.date(2025, 3, 5), by=caseworker)


def test_a_sent_strafantrag_completes_the_77b_period_and_starts_the_follow_up(case, caseworker):
    incident = incident_record_with_deadlines(
        case=case,
        by=caseworker,
        kind="fake_profile",
        description="Fake-Profil",
        learned_of_offender_on=dt.date(2025, 3, 10),
    )
    period = incident.deadlines.get()
    letter = _sent(_final(case, "strafantrag"), caseworker, dt.date(2025, 4, 1))
    period.refresh_from_db()
    assert period.status == Deadline.Status.DONE
    assert letter.deadlines.get().rule == "complaint_follow_up"


def test_a_recorded_widerspruchsbescheid_completes_the_section_88_date_and_starts_the_klagefrist(
    case, caseworker
):
    letter = _sent(_final(case, "widerspruch"), caseworker, dt.date(2025, 1, 15))
    inaction = letter.deadlines.get()
    answer = _bescheid(case, caseworker, dt.date(2025, 3, 3), kind=Decision.Kind.OBJECTION_DECISION)
    inaction.refresh_from_db()
    assert inaction.status == Deadline.Status.DONE
    assert answer.deadlines.get().rule == "action"


def test_a_recorded_einstellung_completes_the_follow_up(case, caseworker):
    letter = _sent(_final(case, "strafantrag"), caseworker, dt.date(2025, 1, 15))
    follow_up = letter.deadlines.get()
    decision_record_with_deadlines(
        case=case,
        by=caseworker,
        kind=Decision.Kind.PROSECUTION_DROPPED,
        dated_on=dt.date(2025, 3, 3),
        received_on=dt.date(2025, 3, 5),
    )
    follow_up.refresh_from_db()
    assert follow_up.status == Deadline.Status.DONE
    assert (
        case.events.filter(kind=CaseEvent.Kind.DEADLINE, data__deadline=follow_up.pk).count() == 2
    )


def test_the_table_covers_every_letter_and_bescheid_kind_and_names_real_rules():
    assert set(LETTER_SENT) == set(Letter.Kind.values)
    assert set(DECISION_RECORDED) == set(Decision.Kind.values)
    assert set(ANSWER_RECEIVED) <= set(Letter.Kind.values)
    for table in (LETTER_SENT, DECISION_RECORDED, ANSWER_RECEIVED):
        for consequence in table.values():
            assert set(consequence.completes) | set(consequence.creates) <= set(RULES)


@pytest.mark.parametrize("kind", Decision.Kind.values)
def test_a_bescheid_creates_exactly_the_rules_of_the_table(case, kind):
    decision = Decision(case=case, kind=kind, dated_on=dt.date(2025, 3, 3))
    assert tuple(spec.rule for spec in _decision_specs(decision)) == (
        DECISION_RECORDED[kind].creates
    )
