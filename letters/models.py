"""Letters: the countermeasures the group sends, rendered to PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advocacy.auth import Staff

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from advocacy.models import TimeStamped


class LetterQuerySet(models.QuerySet["Letter"]):
    def visible_to(self, user: Staff) -> LetterQuerySet:
        """Letters of the cases the user may see."""
        from cases.models import Case

        return self.filter(case__in=Case.objects.visible_to(user).values("pk"))

    def for_listing(self) -> LetterQuerySet:
        return self.select_related("case", "recipient_authority", "recipient_jobcenter")


class Letter(TimeStamped):
    """One version of a letter of a case. A final letter is immutable."""

    class Kind(models.TextChoices):
        OBJECTION = "widerspruch", _("Widerspruch")
        INTERIM_ORDER = "eilantrag", _("Antrag auf einstweilige Anordnung")
        DPA_COMPLAINT = "dsgvo_beschwerde", _("Beschwerde bei der Datenschutzaufsicht")
        CRIMINAL_COMPLAINT = "strafantrag", _("Strafanzeige und Strafantrag")
        ACCESS_REQUEST = "auskunft", _("Auskunftsersuchen")
        FILE_INSPECTION = "akteneinsicht", _("Antrag auf Akteneinsicht")
        PETITION = "petition", _("Petition")
        AFFIDAVIT = "versicherung", _("Eidesstattliche Versicherung (Anlage zum Eilantrag)")
        POWER_OF_ATTORNEY = "vollmacht", _("Vollmacht (zur Unterschrift der Person)")
        ERASURE = "loeschung", _("Löschungs- und Einschränkungsverlangen")
        REVIEW = "ueberpruefung", _("Überprüfungsantrag (§ 44 SGB X)")
        ACTION = "klage", _("Klage (§ 87 SGG)")
        INACTION_ACTION = "untaetigkeitsklage", _("Untätigkeitsklage (§ 88 SGG)")
        SUSPENSION = "aussetzung", _("Antrag auf Aussetzung der Vollziehung (§ 86a Abs. 3 SGG)")
        REINSTATEMENT = "wiedereinsetzung", _("Antrag auf Wiedereinsetzung in den vorigen Stand")
        STATUS_INQUIRY = "sachstandsanfrage", _("Sachstandsanfrage")
        PROSECUTION_COMPLAINT = (
            "stpo_beschwerde",
            _("Beschwerde gegen die Einstellung (§ 172 Abs. 1 StPO)"),
        )
        SUPERVISORY_COMPLAINT = "dienstaufsicht", _("Dienstaufsichtsbeschwerde")
        DPO_LETTER = (
            "dsb_jobcenter",
            _("Schreiben an die/den Datenschutzbeauftragte/n des Jobcenters"),
        )

    class Sender(models.TextChoices):
        PERSON = "person", _("die Person im eigenen Namen")
        ORGANISATION = "organisation", _("die Gruppe als Bevollmächtigte (§ 13 SGB X)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        FINAL = "final", _("endgültig")
        SENT = "sent", _("versandt")

    class Channel(models.TextChoices):
        POST = "post", _("Post")
        REGISTERED = "einschreiben", _("Einschreiben")
        FAX = "fax", _("Fax")
        EMAIL = "email", _("E-Mail")
        IN_PERSON = "persoenlich", _("persönlich abgegeben")
        E_FILING = "ebo", _("elektronisch an das Gericht (beA/eBO)")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="letters", verbose_name=_("Fall")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("Version"), default=1)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        "cases.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("Bescheid"),
    )
    recipient_authority = models.ForeignKey(
        "cases.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    recipient_jobcenter = models.ForeignKey(
        "cases.Jobcenter", on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    subject = models.CharField(_("Betreff"), max_length=300)
    body = models.TextField(_("Text"))
    template_version = models.CharField(_("Vorlagenversion"), max_length=20)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    context_snapshot = models.JSONField(_("Kontext"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="letters/%Y/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 des PDF"), max_length=64, blank=True)
    finalized_at = models.DateTimeField(_("endgültig am"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_on = models.DateField(_("versandt am"), null=True, blank=True)
    channel = models.CharField(_("Versandweg"), max_length=15, choices=Channel.choices, blank=True)
    tracking_number = models.CharField(_("Sendungsnummer"), max_length=100, blank=True)
    proof = models.FileField(_("Nachweis"), upload_to="letters/proof/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    options = models.JSONField(_("Optionen"), default=dict, blank=True)
    claims = models.JSONField(
        _("Aussagen des Entwurfs"),
        default=list,
        blank=True,
        help_text=_(
            "Jede Tatsachenbehauptung des erzeugten Texts mit dem Feld, aus dem sie stammt."
        ),
    )
    sender = models.CharField(
        _("Absender"), max_length=15, choices=Sender.choices, default=Sender.PERSON
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zeichnet für die Gruppe"),
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rechtlich freigegeben von"),
    )
    released_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    planned_channel = models.CharField(
        _("geplanter Versandweg"),
        max_length=15,
        choices=Channel.choices,
        default=Channel.POST,
        help_text=_("Bestimmt, mit welchem Eingang beim Empfänger gerechnet wird."),
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("Brief")
        verbose_name_plural = _("Briefe")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One successor per version: a double click cannot fork the chain.
            models.UniqueConstraint(fields=["previous"], name="letter_one_next_version"),
            # A final or sent letter always carries its PDF's hash.
            models.CheckConstraint(
                condition=Q(status="draft") | ~Q(pdf_sha256=""),
                name="letter_final_has_pdf_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"

    def get_additional_data(self) -> dict:
        """What audit entries about this letter name (see ``cases.audit``)."""
        return {"case": self.case_id}

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def recipient_name(self) -> str:
        recipient = self.recipient_authority or self.recipient_jobcenter
        return str(recipient.name) if recipient else ""


from letters.textblocks import TextBlock  # noqa: E402, F401  (its own module, this app's model)
