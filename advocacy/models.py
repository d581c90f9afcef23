"""Abstract base models shared by the apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Bundesland(models.TextChoices):
    """The 16 Länder, coded as the ``holidays`` library codes them."""

    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class PostalSeat(models.Model):
    """A postal address and the seat that decides which public holidays apply.

    A deadline that must be met at this place rolls off the holidays of
    ``holiday_subdiv`` (normally the Land; ``Augsburg`` for the city's
    Friedensfest), plus the catholic ones (Mariä Himmelfahrt in Bavarian
    municipalities, Fronleichnam in parts of Saxony and Thuringia) where
    ``observes_catholic_holidays`` is set.
    """

    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100)
    state = models.CharField(_("Bundesland"), max_length=2, choices=Bundesland.choices)
    holiday_subdiv = models.CharField(
        _("Feiertagsregion"),
        max_length=20,
        blank=True,
        help_text=_("Leer: das Bundesland. „Augsburg“ für das Augsburger Friedensfest."),
    )
    observes_catholic_holidays = models.BooleanField(
        _("katholische Feiertage am Sitz"),
        default=False,
        help_text=_("Mariä Himmelfahrt (Bayern) bzw. Fronleichnam (Teile Sachsens/Thüringens)."),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    fax = models.CharField(_("Fax"), max_length=40, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)

    class Meta:
        abstract = True

    @property
    def address_lines(self) -> list[str]:
        lines = [self.street, f"{self.postcode} {self.city}".strip()]
        return [line for line in lines if line]

    @property
    def holiday_region(self) -> str:
        return self.holiday_subdiv or self.state
