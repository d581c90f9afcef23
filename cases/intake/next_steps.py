"""What happens next with a report, and by when, as its person reads it.

Said only from what the data holds: the submission's status and messages,
the group's own promise (``OrganisationProfile.answer_days``, none if it is
empty), the estimated Widerspruchsfrist (``cases.deadlines.estimate``) and
the retention period (``INTAKE_RETENTION_DAYS``, ``cases.intake.retention``).
Without a promise the page names no day for the group; after a case is
opened the case's own deadline counts, so no estimate is repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.intake.models import URGENT_DAYS, IntakeSubmission


@dataclass(frozen=True)
class NextStep:
    name: str
    text: str
    is_warning: bool = False


def _day(value: date) -> str:
    return formats.date_format(value, "l, j. F Y")


def review_by(submission: IntakeSubmission, answer_days: int | None) -> date | None:
    """The day by which the group has promised to look at a report, if it promises one."""
    if not answer_days:
        return None
    return timezone.localdate(submission.created_at) + timedelta(days=answer_days)


def deleted_from(submission: IntakeSubmission) -> date:
    """From this day a report not turned into a case is deleted (``submissions_purge``)."""
    return timezone.localdate(
        submission.created_at + timedelta(days=settings.INTAKE_RETENTION_DAYS)
    )


def _waits_for_person(submission: IntakeSubmission) -> bool:
    """Staff asked last and the person has not answered since."""
    messages = list(submission.messages.all())
    return bool(messages) and messages[-1].is_from_staff


def next_steps(
    submission: IntakeSubmission, *, answer_days: int | None, today: date
) -> list[NextStep]:
    """The steps that come next for ``submission``, in order."""
    status = submission.status
    Status = IntakeSubmission.Status
    if status in (Status.REJECTED, Status.CLOSED):
        return [
            NextStep(
                "closed",
                _(
                    "Wir bearbeiten diese Meldung nicht weiter. Ab dem %(day)s löschen wir sie "
                    "mit allen Dateien; mit Ihrem Code sehen Sie dann nur noch, dass sie "
                    "abgeschlossen ist."
                )
                % {"day": _day(deleted_from(submission))},
            )
        ]
    question = NextStep(
        "question",
        _(
            "Wir haben Ihnen eine Frage gestellt. Bitte antworten Sie unten auf dieser Seite; "
            "erst mit Ihrer Antwort können wir weitermachen."
        ),
        is_warning=True,
    )
    if status == Status.CONVERTED:
        return [
            *([question] if _waits_for_person(submission) else []),
            NextStep(
                "case",
                _(
                    "Wir haben aus Ihrer Meldung einen Fall gemacht. Was wir unternehmen, etwa "
                    "ein Schreiben an das Jobcenter, steht unter „Was bisher geschah“, sobald es "
                    "geschehen ist."
                ),
            ),
            *_question_step(submission),
        ]

    steps: list[NextStep] = []
    by = review_by(submission, answer_days)
    if status == Status.IN_PROGRESS:
        if _waits_for_person(submission):
            steps.append(question)
        else:
            steps.append(
                NextStep(
                    "review",
                    _(
                        "Wir sehen uns Ihre Meldung an. Ob wir einen Fall anlegen, sehen Sie hier "
                        "unter „Was bisher geschah“."
                    ),
                )
            )
    elif by is None:
        steps.append(
            NextStep(
                "review",
                _(
                    "Jemand aus unserem Team liest Ihre Meldung. Einen festen Tag dafür können "
                    "wir nicht zusagen."
                ),
            )
        )
    elif today <= by:
        steps.append(
            NextStep(
                "review_by",
                ngettext(
                    "Jemand aus unserem Team liest Ihre Meldung innerhalb von %(days)d Tag, "
                    "also bis %(day)s.",
                    "Jemand aus unserem Team liest Ihre Meldung innerhalb von %(days)d Tagen, "
                    "also bis %(day)s.",
                    answer_days or 0,
                )
                % {"days": answer_days, "day": _day(by)},
            )
        )
    else:
        steps.append(
            NextStep(
                "review_late",
                ngettext(
                    "Wir wollten Ihre Meldung innerhalb von %(days)d Tag lesen, also bis "
                    "%(day)s, und haben es noch nicht geschafft. Das tut uns leid. Ihre Meldung "
                    "ist nicht verloren.",
                    "Wir wollten Ihre Meldung innerhalb von %(days)d Tagen lesen, also bis "
                    "%(day)s, und haben es noch nicht geschafft. Das tut uns leid. Ihre Meldung "
                    "ist nicht verloren.",
                    answer_days or 0,
                )
                % {"days": answer_days, "day": _day(by)},
                is_warning=True,
            )
        )
    steps.extend(_question_step(submission))
    steps.extend(_objection_steps(submission, by=by, today=today))
    steps.append(
        NextStep(
            "retention",
            _("Wird aus Ihrer Meldung kein Fall, löschen wir sie ab dem %(day)s mit allen Dateien.")
            % {"day": _day(deleted_from(submission))},
        )
    )
    return steps


def _question_step(submission: IntakeSubmission) -> list[NextStep]:
    if submission.contact_email:
        text = _(
            "Wenn wir eine Frage haben, schicken wir Ihnen einen Hinweis an Ihre E-Mail-Adresse, "
            "ohne Inhalt. Die Frage selbst lesen Sie hier auf der Statusseite."
        )
    else:
        text = _(
            "Sie haben keine E-Mail-Adresse angegeben. Ob wir eine Frage haben, sehen Sie deshalb "
            "nur hier auf der Statusseite, mit Ihrem Code."
        )
    return [NextStep("contact", text)]


def _objection_steps(
    submission: IntakeSubmission, *, by: date | None, today: date
) -> list[NextStep]:
    """A warning when the estimated Widerspruchsfrist leaves the group too
    little time (``URGENT_DAYS``) or is over; nothing without a Bescheid date."""
    estimate = submission.objection_estimate
    if estimate is None:
        return []
    due = estimate.due_on
    if due < today:
        return [
            NextStep(
                "objection_past",
                _(
                    "Nach unserer Schätzung endete die Frist für einen Widerspruch gegen Ihren "
                    "Bescheid schon am %(day)s. Ob es trotzdem noch einen Weg gibt, hängt vom "
                    "Bescheid ab: Fehlte zum Beispiel die Belehrung über den Widerspruch oder war "
                    "sie falsch, gilt ein Jahr (§ 66 Abs. 2 SGG)."
                )
                % {"day": _day(due)},
                is_warning=True,
            )
        ]
    too_close = (due - by).days < URGENT_DAYS if by else estimate.days_left(today) <= URGENT_DAYS
    if not too_close:
        return []
    if by is not None and due <= by:
        why = _(
            "Ihre Widerspruchsfrist endet nach unserer Schätzung am %(day)s, vielleicht bevor wir "
            "Ihre Meldung gelesen haben."
        )
    else:
        why = _("Ihre Widerspruchsfrist endet nach unserer Schätzung schon am %(day)s.")
    return [
        NextStep(
            "objection_soon",
            (why % {"day": _day(due)})
            + " "
            + _(
                "Warten Sie nicht auf uns: Sie können selbst schriftlich Widerspruch beim "
                "Jobcenter einlegen. Ein Satz genügt („Hiermit lege ich Widerspruch gegen den "
                "Bescheid vom … ein.“); die Begründung kann später folgen."
            ),
            is_warning=True,
        )
    ]
