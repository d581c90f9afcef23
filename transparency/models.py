"""Released transparency reports: figures per Jobcenter for a quarter or a year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ReleaseQuerySet(models.QuerySet["Release"]):
    def released(self) -> ReleaseQuerySet:
        """What the public sees: released versions only."""
        return self.filter(released_at__isnull=False)

    def current(self) -> ReleaseQuerySet:
        """The newest released version of each period."""
        newer = Release.objects.released().filter(
            year=models.OuterRef("year"),
            quarter=models.OuterRef("quarter"),
            version__gt=models.OuterRef("version"),
        )
        return self.released().exclude(models.Exists(newer))


class Release(models.Model):
    """One version of the report for one period.

    It is prepared by a coordinator and released by a second one (four-eyes);
    once released it never changes: a correction is a new version, protected
    together with the earlier one. ``counts`` keeps the raw figures for that
    purpose and is shown to coordinators only; ``published`` is what the
    public pages, the CSV and the JSON show."""

    year = models.PositiveSmallIntegerField(_("Jahr"))
    quarter = models.PositiveSmallIntegerField(_("Quartal"), help_text=_("0: das ganze Jahr"))
    version = models.PositiveSmallIntegerField(_("Version"), default=1)
    threshold = models.PositiveSmallIntegerField(_("Mindestzahl je Zelle"))
    counts = models.JSONField(_("Rohzahlen (nur intern)"))
    published = models.JSONField(_("veröffentlichte Zahlen"))
    hidden = models.JSONField(_("verdeckte Zellen"))
    note = models.TextField(_("Anmerkung zur Version"), blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vorbereitet von"),
    )
    prepared_at = models.DateTimeField(_("vorbereitet am"), auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("freigegeben von"),
    )
    released_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Transparenzbericht")
        verbose_name_plural = _("Transparenzberichte")
        ordering = ["-year", "-quarter", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "version"], name="release_one_version_number"
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="release_quarter_0_to_4"),
            models.CheckConstraint(
                condition=Q(released_by__isnull=True, released_at__isnull=True)
                | (
                    Q(released_by__isnull=False, released_at__isnull=False)
                    & ~Q(released_by=F("prepared_by"))
                ),
                name="release_by_a_second_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_label} v{self.version}"

    @property
    def period_label(self) -> str:
        if not self.quarter:
            return str(self.year)
        return gettext("%(quarter)s. Quartal %(year)s") % {
            "quarter": self.quarter,
            "year": self.year,
        }

    @property
    def is_released(self) -> bool:
        return self.released_at is not None
