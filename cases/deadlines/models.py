"""Deadlines in the database, and the logs that keep mails from going out twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advocacy.auth import Staff

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from advocacy.models import TimeStamped

ACTIVE_STATUSES = ("open", "missed")
# Cases still being worked on; deadlines of closed, rejected or archived cases
# rest unless someone kept them when closing the case.
LIVE_CASE_STATUSES = ("new", "triage", "open", "waiting")
# Closing or rejecting a case decides each of its open deadlines.
ENDING_CASE_STATUSES = ("closed", "rejected")
# "bald fällig": due today or within this many days.
DUE_SOON_DAYS = 7


class State(models.TextChoices):
    """What a deadline means to the people watching it, on a given day.

    The one vocabulary: the case list, the dashboard, the Fristen pages, the
    reminders and the digest all ask ``DeadlineQuerySet`` in these words."""

    MISSED = "missed", _("versäumt")
    # A day from which something is possible (§ 88 SGG, Art. 78 Abs. 2
    # DSGVO) has come: nothing is late, the step can be taken now.
    POSSIBLE = "possible", _("jetzt möglich")
    OVERDUE = "overdue", _("überfällig")
    DUE_SOON = "due_soon", _("bald fällig")
    OPEN = "open", _("offen")
    RESTING = "resting", _("ruht (Fall beendet)")
    DONE = "done", _("erledigt")
    CANCELLED = "cancelled", _("gegenstandslos")


# The states of a deadline whose time is up: "versäumt" or "überfällig"
# (``DeadlineQuerySet.overdue``; the Fristen page lists them first).
LATE_STATES = (State.MISSED, State.OVERDUE)


def _watched() -> Q:
    """Deadlines someone must act on: open or missed, of a case in progress
    or kept on purpose when its case was closed."""
    return Q(status__in=ACTIVE_STATUSES) & (
        Q(case__status__in=LIVE_CASE_STATUSES) | Q(is_kept_when_closed=True)
    )


def possible_from_rules() -> list[str]:
    """The rules whose date is the first day something is possible, not the
    last day to do it (``KIND_EARLIEST`` in ``compute``): once that day has
    come they are "jetzt möglich", never "überfällig"."""
    from cases.deadlines.compute import KIND_EARLIEST, RULES

    return sorted(name for name, rule in RULES.items() if rule.kind == KIND_EARLIEST)


def past_due(today: date) -> Q:
    """Of the deadlines someone must act on: those whose last day has passed
    (a day from which something is possible is never past due)."""
    return Q(due_on__lt=today) & ~Q(rule__in=possible_from_rules())


def late_among(today: date, *, watched: bool) -> Q:
    """Which deadlines are overdue ("versäumt" or "überfällig", as
    ``DeadlineQuerySet.overdue``), among deadlines that someone must act on
    (``watched``: the list is already narrowed to them) or among any. Not
    asking again what the list already asks halves the time PostgreSQL
    takes to plan the Fristen page's query (4.1 → 1.8 ms)."""
    return past_due(today) if watched else _watched() & past_due(today)


def _watched_states(today: date) -> list[tuple[str, Q]]:
    """The states of a watched deadline (``_watched``) with their conditions,
    in order: the first that holds wins, and one that none fits is "offen"."""
    return [
        (State.MISSED, Q(status="missed")),
        (State.POSSIBLE, Q(rule__in=possible_from_rules(), due_on__lte=today)),
        (State.OVERDUE, Q(due_on__lt=today)),
        (State.DUE_SOON, Q(due_on__lte=today + timedelta(days=DUE_SOON_DAYS))),
    ]


# The states of the deadlines nobody watches, in order.
UNWATCHED_STATES = (
    (State.RESTING, Q(status__in=ACTIVE_STATUSES)),
    (State.DONE, Q(status="done")),
    (State.CANCELLED, Q(status="cancelled")),
)


def state_conditions(today: date) -> list[tuple[str, Q]]:
    """Each state with its condition, in order: the first that holds wins."""
    watched = _watched()
    return [
        *((state, watched & condition) for state, condition in _watched_states(today)),
        (State.OPEN, watched),
        *UNWATCHED_STATES,
    ]


class DeadlineQuerySet(models.QuerySet["Deadline"]):
    def visible_to(self, user: Staff) -> DeadlineQuerySet:
        """Deadlines of the cases the user may see (``seen_only``: for a
        coordinator no condition; asking for every case in a subquery made
        PostgreSQL read and hash all of them for each list of deadlines)."""
        from cases.models import seen_only

        return seen_only(self, user, "case__")

    def assigned_to(self, user: Staff) -> DeadlineQuerySet:
        """ "Meine Fristen": deadlines of the cases the user is assigned to."""
        return self.filter(case__assignees=user)

    def unassigned(self) -> DeadlineQuerySet:
        """ "niemand zuständig": deadlines of cases no active person is
        assigned to (an assignee whose account was deactivated is nobody).

        NOT EXISTS rather than a LEFT JOIN on the assignees: PostgreSQL can then
        read the deadlines in index order and stop after a page (the join made
        it read every case first: 0.4 s at 100,000 cases)."""
        from cases.models import Case

        assigned = Case.assignees.through.objects.filter(
            case=models.OuterRef("case"), user__is_active=True
        )
        return self.filter(~models.Exists(assigned))

    def active(self) -> DeadlineQuerySet:
        """Open or missed, on a case in progress (or kept when it closed)."""
        return self.filter(_watched())

    def in_state(self, today: date, *states: str) -> DeadlineQuerySet:
        """Deadlines in any of ``states`` on ``today`` (see ``State``)."""
        conditions = state_conditions(today)
        wanted = Q(pk__in=[])
        excluded = Q()
        for state, condition in conditions:
            if state in states:
                wanted |= excluded & condition
            excluded &= ~condition
        return self.filter(wanted)

    def overdue(self, today: date) -> DeadlineQuerySet:
        """Past their date and not dealt with: "versäumt" or "überfällig"
        (a day from which something is possible is neither)."""
        return self.active().filter(past_due(today))

    def missed(self) -> DeadlineQuerySet:
        return self.active().filter(status="missed")

    def due_soon(self, today: date) -> DeadlineQuerySet:
        """Due today or in the next ``DUE_SOON_DAYS`` days."""
        return self.due_within(today, DUE_SOON_DAYS)

    def due_within(self, today: date, days: int) -> DeadlineQuerySet:
        return self.active().filter(due_on__gte=today, due_on__lte=today + timedelta(days=days))

    def needing_attention(self, today: date) -> DeadlineQuerySet:
        """Overdue, missed or due soon: the dashboard's box."""
        return self.active().filter(due_on__lte=today + timedelta(days=DUE_SOON_DAYS))

    def with_state(self, today: date) -> DeadlineQuerySet:
        """Annotate ``state`` (a ``State`` value) for showing each row: the
        conditions of ``state_conditions``, with ``_watched`` asked once
        rather than in each of its five states (each asking joins the case:
        the expression cost 1.7 ms to build and compile, now 1.3)."""

        def first_of(states, default: models.Expression) -> models.Case:
            return models.Case(
                *[models.When(condition, then=then) for then, condition in states],
                default=default,
                output_field=models.CharField(),
            )

        def named(states):
            return [(models.Value(str(state)), condition) for state, condition in states]

        watched = first_of(named(_watched_states(today)), models.Value(str(State.OPEN)))
        return self.annotate(
            state=first_of([(watched, _watched()), *named(UNWATCHED_STATES)], models.Value(""))
        )

    def for_lists(self) -> DeadlineQuerySet:
        return self.select_related("case", "case__jobcenter", "confirmed_by")


class OverdueFirst:
    """A list of deadlines in the order of the Fristen page: the overdue ones
    (``DeadlineQuerySet.overdue``) first, then the others, each by date; read
    a slice at a time (``advocacy.paging.page_window``).

    Two queries in date order rather than one sorted by "overdue" first: that
    sort needs every deadline of the list before the first row (at 100,000
    cases with 114,000 overdue deadlines the page took 3-5 s); in date order
    PostgreSQL walks the index of the active deadlines and stops after a
    page. The others are only read when a page reaches past the overdue ones;
    how many overdue ones there are is only counted for a page that starts
    past them all."""

    def __init__(self, queryset: DeadlineQuerySet, late: Q | None, *, few: bool = False) -> None:
        """``late``: which of ``queryset`` are overdue (``late_among``); None
        for a list that holds none (of done ones, say), read by date alone:
        asked for the overdue ones first, PostgreSQL would read every
        deadline of the list to find none.

        ``few``: the list is narrowed to a few thousand deadlines at most (one
        Jobcenter's): they are collected and sorted, by a date the index does
        not hold (``Coalesce``), instead of walking every active deadline in
        date order for theirs. At 1,000,000 cases that walk took 2.9 s for
        one Jobcenter whose deadlines came late in it; collecting its 2,865
        and sorting them, 41 ms (bench/README.md, round 13)."""
        day = Coalesce("due_on", "due_on") if few else F("due_on")
        by_date = queryset.order_by(day, "pk")
        self.parts = (
            [by_date.filter(late), by_date.exclude(late)] if late is not None else [by_date]
        )

    def __getitem__(self, part: slice) -> list[Deadline]:
        start, stop = part.start or 0, part.stop
        found: list[Deadline] = []
        for index, queryset in enumerate(self.parts):
            rows = list(queryset[start:stop])
            found += rows
            if index == len(self.parts) - 1 or (stop is not None and len(rows) == stop - start):
                break
            # This part ended inside the slice, or before it.
            length = start + len(rows) if rows or not start else queryset.count()
            start, stop = max(0, start - length), None if stop is None else stop - length
        return found


class Deadline(TimeStamped):
    """A legal deadline of a case, computed by a rule and confirmed by a person."""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        DONE = "done", _("erledigt")
        MISSED = "missed", _("versäumt")
        CANCELLED = "cancelled", _("gegenstandslos")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("Fall")
    )
    rule = models.CharField(_("Regel"), max_length=40)
    title = models.CharField(_("Bezeichnung"), max_length=200)
    trigger_on = models.DateField(_("auslösendes Datum"))
    decision = models.ForeignKey(
        "cases.Decision", on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    incident = models.ForeignKey(
        "cases.Incident", on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    letter = models.ForeignKey(
        "letters.Letter", on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    computed_due_on = models.DateField(_("berechnetes Fristende"))
    due_on = models.DateField(_("Fristende"), db_index=True)
    explanation = models.JSONField(_("Berechnung"), default=list)
    override_reason = models.TextField(_("Grund der Änderung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestätigt von"),
    )
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    is_kept_when_closed = models.BooleanField(
        _("beim Abschluss des Falls beibehalten?"),
        default=False,
        help_text=_("Die Frist bleibt überwacht, obwohl der Fall beendet ist."),
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("Frist")
        verbose_name_plural = _("Fristen")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # The deadlines someone may still have to act on, in date order (the
            # Fristen page, ``OverdueFirst``): without the done and cancelled
            # ones, which grow with the years and would be walked through.
            models.Index(
                fields=["due_on", "id"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="deadline_active_by_date",
            ),
        ]
        constraints = [
            # The December reminder (§ 44 Abs. 4 SGB X) once per case and year.
            models.UniqueConstraint(
                fields=["case", "trigger_on"],
                condition=Q(rule="review_year_end"),
                name="deadline_review_reminder_once_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d.%m.%Y})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_overridden(self) -> bool:
        return self.due_on != self.computed_due_on or bool(self.override_reason)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_late(self) -> bool:
        """Whether the ``state`` annotated by ``with_state`` is one of
        ``LATE_STATES`` (missed, or overdue and still open)."""
        return getattr(self, "state", None) in LATE_STATES

    @property
    def kind(self) -> str:
        from cases.deadlines.compute import KIND_DEADLINE, RULES

        rule = RULES.get(self.rule)
        return rule.kind if rule else KIND_DEADLINE

    @property
    def late_remedy(self) -> str:
        """What can still be done once the period has passed (by rule; the
        one-year period of § 66 Abs. 2 SGG has its own advice)."""
        from cases.deadlines.compute import late_remedy_for

        return late_remedy_for(self.rule, self.trigger_on, self.computed_due_on)

    @property
    def norm(self) -> str:
        from cases.deadlines.compute import RULES

        rule = RULES.get(self.rule)
        return rule.norm if rule else ""

    def state_label(self) -> str:
        """The label of the ``state`` annotated by ``with_state``."""
        state = getattr(self, "state", "")
        return str(State(state).label) if state else self.get_status_display()


class ReminderLog(models.Model):
    """One row per (deadline, step, recipient): a reminder is sent once."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField(_("Stufe"), max_length=20)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("gesendet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "step", "user"], name="reminder_once_per_step_and_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id}/{self.step}/{self.user_id}"


class DigestLog(models.Model):
    """One row per (user, ISO week): the weekly digest goes out once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    iso_year = models.PositiveSmallIntegerField()
    iso_week = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Wochenübersicht")
        verbose_name_plural = _("Wochenübersichten")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "iso_year", "iso_week"], name="digest_once_per_user_and_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.iso_year}-W{self.iso_week:02d}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class DeadlinePreference(models.Model):
    """Per user: reminder days, weekly digest, the secret calendar token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deadline_preference"
    )
    reminder_days = models.JSONField(
        _("Erinnerung Tage vorher"),
        default=list,
        blank=True,
        help_text=_("Leer: Voreinstellung (7 und 2 Tage vorher)."),
    )
    wants_weekly_digest = models.BooleanField(_("Wochenübersicht per E-Mail?"), default=True)
    calendar_token = models.CharField(
        _("Kalender-Schlüssel"), max_length=64, null=True, blank=True, unique=True
    )

    class Meta:
        verbose_name = _("Fristen-Einstellung")
        verbose_name_plural = _("Fristen-Einstellungen")
        constraints = [
            models.CheckConstraint(
                condition=~Q(calendar_token=""), name="calendar_token_null_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}"
