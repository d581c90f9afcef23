"""Deadlines in the database, and the logs that keep mails from going out twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from advocacy.models import TimeStamped


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

    class Meta:
        verbose_name = _("Frist")
        verbose_name_plural = _("Fristen")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d.%m.%Y})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


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
