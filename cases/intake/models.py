"""What comes in through the public form, kept untouched until staff act on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advocacy.auth import Staff

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.deadlines.estimate import ObjectionEstimate, objection_estimate
from cases.models import Case, Incident, Jobcenter
from cases.uploads import removed_labels

# Days left of the estimated Widerspruchsfrist below which a report is urgent.
URGENT_DAYS = 7
SOON_DAYS = 14
URGENCY_LABELS = {
    "urgent": _("dringend: Widerspruchsfrist endet voraussichtlich in höchstens 7 Tagen"),
    "soon": _("bald: Widerspruchsfrist endet voraussichtlich in höchstens 14 Tagen"),
    "normal": _("keine Eile: Widerspruchsfrist endet voraussichtlich in mehr als 14 Tagen"),
    "unknown": _("unbekannt: kein Datum eines Bescheids angegeben"),
}


class IntakeSubmissionQuerySet(models.QuerySet["IntakeSubmission"]):
    def visible_to(self, user: Staff) -> IntakeSubmissionQuerySet:
        """Open submissions are the whole staff's inbox; once a submission
        belongs to a case, only those who see that case see it."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(case__isnull=True) | Q(case__in=Case.objects.visible_to(user)))

    def expired(self, *, before) -> IntakeSubmissionQuerySet:
        """Not turned into a case and older than the retention period."""
        return self.filter(created_at__lt=before).exclude(status=IntakeSubmission.Status.CONVERTED)


class IntakeSubmission(models.Model):
    """A report from the public form, as the person typed it."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("eingegangen")
        IN_PROGRESS = "in_progress", _("in Bearbeitung")
        CLOSED = "closed", _("abgeschlossen")
        REJECTED = "rejected", _("abgelehnt")
        CONVERTED = "converted", _("in einen Fall übernommen")

    class DecisionAnswer(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nein")
        UNKNOWN = "unknown", _("Weiß ich nicht")

    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    # The receipt code: a keyed hash of its first digits to find the row,
    # and a slow hash (Argon2id) of the whole code to check it. Never the code.
    lookup_key = models.CharField(_("Suchschlüssel"), max_length=64, db_index=True)
    code_hash = models.CharField(_("Prüfwert des Codes"), max_length=200)

    kind = models.CharField(_("Was ist passiert?"), max_length=20, choices=Incident.Kind.choices)
    platform = models.CharField(
        _("Plattform"), max_length=20, choices=Incident.Platform.choices, blank=True
    )
    occurred_on = models.DateField(_("Wann ist es passiert?"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"))
    jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intake_submissions",
        verbose_name=_("Jobcenter"),
    )
    jobcenter_text = models.CharField(_("Jobcenter (Freitext)"), max_length=200, blank=True)
    how_found_out = models.TextField(_("Wie haben Sie davon erfahren?"), blank=True)
    learned_of_act_on = models.DateField(_("Davon erfahren am"), null=True, blank=True)
    learned_of_offender_on = models.DateField(_("Erfahren, wer es war, am"), null=True, blank=True)
    staff_member = models.CharField(_("Mitarbeiter/in des Jobcenters"), max_length=200, blank=True)
    has_decision = models.CharField(
        _("Gab es deswegen einen Bescheid?"),
        max_length=7,
        choices=DecisionAnswer.choices,
        default=DecisionAnswer.UNKNOWN,
    )
    decision_dated_on = models.DateField(_("Datum des Bescheids"), null=True, blank=True)
    is_anonymous = models.BooleanField(_("anonym"), default=False)
    contact_name = models.CharField(_("Name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    consent_given_at = models.DateTimeField(_("Einwilligung erteilt am"))
    consent_text_version = models.CharField(_("Fassung der Einwilligung"), max_length=20)

    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intake_submissions",
        verbose_name=_("Fall"),
    )
    rejection_reason = models.TextField(_("Grund der Ablehnung"), blank=True)
    has_unread_answer = models.BooleanField(
        _("neue Antwort der Person"),
        default=False,
        help_text=_("Die Person hat etwas ergänzt, das im Team noch niemand geöffnet hat."),
    )

    objects = IntakeSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="converted", case__isnull=False) | ~Q(status="converted"),
                name="intake_converted_has_case",
            ),
        ]

    def __str__(self) -> str:
        return f"Meldung {self.pk} ({self.created_at:%d.%m.%Y})"

    def get_additional_data(self) -> dict:
        """What audit entries about this report name (see ``cases.audit``)."""
        return {"submission": self.pk, "case": self.case_id}

    @property
    def jobcenter_label(self) -> str:
        return str(self.jobcenter) if self.jobcenter_id else self.jobcenter_text

    @property
    def objection_estimate(self) -> ObjectionEstimate | None:
        """The estimated Widerspruchsfrist, if the person gave the date of a Bescheid."""
        if not self.decision_dated_on:
            return None
        seat = self.jobcenter if self.jobcenter_id else None
        return objection_estimate(
            self.decision_dated_on,
            region=seat.holiday_region if seat else None,
            observes_catholic_holidays=seat.observes_catholic_holidays if seat else False,
        )

    @property
    def objection_days_left(self) -> int | None:
        estimate = self.objection_estimate
        return estimate.days_left(timezone.localdate()) if estimate else None

    @property
    def urgency(self) -> str:
        """How soon staff must act, from the estimated Widerspruchsfrist:
        ``urgent`` (a week or less left, or past), ``soon`` (two weeks or
        less), ``normal``, or ``unknown`` (no date of a Bescheid)."""
        left = self.objection_days_left
        if left is None:
            return "unknown"
        if left <= URGENT_DAYS:
            return "urgent"
        if left <= SOON_DAYS:
            return "soon"
        return "normal"

    @property
    def urgency_label(self) -> str:
        return str(URGENCY_LABELS[self.urgency])

    @property
    def public_status(self) -> str:
        """The status in the plain words the person reads."""
        if self.status == self.Status.RECEIVED:
            return str(_("eingegangen"))
        if self.status in (self.Status.IN_PROGRESS, self.Status.CONVERTED):
            return str(_("in Bearbeitung"))
        return str(_("abgeschlossen"))

    @property
    def is_open_for_additions(self) -> bool:
        return self.status not in (self.Status.CLOSED, self.Status.REJECTED)


class IntakeTombstone(models.Model):
    """What is left of a deleted submission: enough to say "closed", no content."""

    lookup_key = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=200)
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gelöschte Meldung")
        verbose_name_plural = _("gelöschte Meldungen")

    def __str__(self) -> str:
        return f"gelöscht {self.closed_at:%d.%m.%Y}"


class IntakeFile(models.Model):
    """A file sent with a submission: the original byte for byte and the
    sanitized copy staff open."""

    submission = models.ForeignKey(IntakeSubmission, on_delete=models.CASCADE, related_name="files")
    created_at = models.DateTimeField(auto_now_add=True)
    # Named by content (SHA-256): two reports with the same screenshot at the
    # same moment make the storage add a suffix, which must fit (100 did not).
    original = models.FileField(_("Original"), upload_to="intake/original/%Y/%m/", max_length=255)
    sanitized = models.FileField(
        _("bereinigte Kopie"), upload_to="intake/sanitized/%Y/%m/", max_length=255
    )
    removed = models.JSONField(_("in der Kopie entfernt"), default=list, blank=True)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("Dateityp"), max_length=50)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))

    class Meta:
        verbose_name = _("Datei zur Meldung")
        verbose_name_plural = _("Dateien zur Meldung")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def removed_labels(self) -> list[str]:
        return removed_labels(self.removed)


class IntakeMessage(models.Model):
    """A question from staff or an answer / addition from the person."""

    class Direction(models.TextChoices):
        TO_PERSON = "to_person", _("Frage vom Team")
        FROM_PERSON = "from_person", _("Nachricht der meldenden Person")

    submission = models.ForeignKey(
        IntakeSubmission, on_delete=models.CASCADE, related_name="messages"
    )
    direction = models.CharField(max_length=12, choices=Direction.choices)
    text = models.TextField(_("Nachricht"))
    created_at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("Nachricht zur Meldung")
        verbose_name_plural = _("Nachrichten zur Meldung")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.created_at:%d.%m.%Y}"

    @property
    def is_from_staff(self) -> bool:
        return self.direction == self.Direction.TO_PERSON


class IntakeEvent(models.Model):
    """The audit trail of a submission: who did what with it, and when."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("eingegangen")
        ADDED = "added", _("Nachtrag der Person")
        VIEWED_FILE = "viewed_file", _("Datei geöffnet")
        ASKED = "asked", _("Rückfrage gestellt")
        CONVERTED = "converted", _("Fall angelegt")
        ATTACHED = "attached", _("einem Fall zugeordnet")
        REJECTED = "rejected", _("abgelehnt")

    submission = models.ForeignKey(
        IntakeSubmission, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag zur Meldung")
        verbose_name_plural = _("Protokoll der Meldungen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.get_kind_display()}"


class Outbox(models.Model):
    """Work to do after a commit (notify staff), written in the same
    transaction as what it is about, so a broker outage loses nothing."""

    class Kind(models.TextChoices):
        SUBMISSION_RECEIVED = "received", _("neue Meldung")
        SUBMISSION_ADDED = "added", _("Nachtrag zu einer Meldung")
        PERSON_ASKED = "asked", _("Rückfrage an die meldende Person")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=100, unique=True)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Ausgang (Benachrichtigung)")
        verbose_name_plural = _("Ausgang (Benachrichtigungen)")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(processed_at__isnull=True),
                name="intake_outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return self.key


class NotificationLog(models.Model):
    """One row per outbox entry that was sent: the "already done" marker."""

    outbox = models.OneToOneField(Outbox, on_delete=models.CASCADE, related_name="notification")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("versandte Benachrichtigung")
        verbose_name_plural = _("versandte Benachrichtigungen")

    def __str__(self) -> str:
        return f"{self.outbox_id} @ {self.sent_at:%Y-%m-%d %H:%M}"
