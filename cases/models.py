"""The case domain: Jobcenters, authorities, people, cases and what happened."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import F, Lookup, Q
from django.utils.translation import gettext_lazy as _

from advocacy.models import PostalSeat, TimeStamped
from cases.routing import district_key_problem, parse_district_keys


def validate_district_key(value: str) -> None:
    problem = district_key_problem(value)
    if problem:
        raise ValidationError(problem)


def validate_district_keys(value: str) -> None:
    try:
        parse_district_keys(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


class Verified(models.Model):
    """Where a directory entry comes from and when it was last checked."""

    source = models.TextField(
        _("Quelle"),
        blank=True,
        help_text=_("Wo die Angaben belegt sind, am besten die Adresse der amtlichen Seite."),
    )
    checked_on = models.DateField(_("geprüft am"), null=True, blank=True)

    class Meta:
        abstract = True


if TYPE_CHECKING:
    from advocacy.auth import Staff


class Team(models.Model):
    """A group of caseworkers; a caseworker sees the cases of their team."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teams", blank=True, verbose_name=_("Mitglieder")
    )

    class Meta:
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Jobcenter(PostalSeat, Verified, TimeStamped):
    """A Jobcenter; its kind decides the data-protection authority."""

    class Kind(models.TextChoices):
        GE = "gE", _("gemeinsame Einrichtung (gE)")
        ZKT = "zkT", _("zugelassener kommunaler Träger (zkT)")

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Trägerform"), max_length=3, choices=Kind.choices)
    is_active = models.BooleanField(_("aktiv"), default=True)
    court_party = models.TextField(
        _("Beteiligter vor Gericht"),
        blank=True,
        help_text=_(
            "Wer im Gerichtsverfahren Antragsgegner bzw. Beklagter ist, erste Zeile der Name, "
            "dann die Anschrift. Leer bei einer gemeinsamen Einrichtung (sie ist selbst "
            "beteiligtenfähig). Beim zugelassenen kommunalen Träger meist der Kreis oder die "
            "kreisfreie Stadt, das Jobcenter selbst nur, wo das Landesrecht es bestimmt."
        ),
    )
    district_key = models.CharField(
        _("Kreisschlüssel"),
        max_length=5,
        blank=True,
        validators=[validate_district_key],
        help_text=_(
            "Die ersten fünf Stellen des amtlichen Gemeindeschlüssels des Kreises oder der "
            "kreisfreien Stadt, für die das Jobcenter zuständig ist (z. B. 09182)."
        ),
    )
    social_court = models.ForeignKey(
        "Authority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobcenters_as_court",
        limit_choices_to={"kind": "sg"},
        verbose_name=_("zuständiges Sozialgericht"),
        help_text=_(
            "Das Sozialgericht für Personen, die im Bezirk des Jobcenters wohnen (§ 57 SGG)."
        ),
    )
    prosecutor = models.ForeignKey(
        "Authority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobcenters_as_prosecutor",
        limit_choices_to={"kind": "sta"},
        verbose_name=_("zuständige Staatsanwaltschaft"),
        help_text=_("Die Staatsanwaltschaft am Sitz des Jobcenters."),
    )
    dpo_name = models.CharField(
        _("Datenschutzbeauftragte/r"),
        max_length=200,
        blank=True,
        help_text=_("Name oder Funktionsbezeichnung, z. B. „Datenschutzbeauftragter“."),
    )
    dpo_email = models.EmailField(_("E-Mail der/des Datenschutzbeauftragten"), blank=True)
    dpo_address = models.TextField(
        _("Anschrift der/des Datenschutzbeauftragten"),
        blank=True,
        help_text=_("Eine Zeile je Adresszeile. Leer: die Anschrift des Jobcenters."),
    )
    supervisor_name = models.CharField(
        _("Dienstaufsicht"),
        max_length=200,
        blank=True,
        help_text=_(
            "Nur beim zugelassenen kommunalen Träger: der Landrat bzw. die Landrätin oder der "
            "Oberbürgermeister bzw. die Oberbürgermeisterin, z. B. „Landratsamt Miesbach, "
            "Landrat“. Bei einer gemeinsamen Einrichtung führt die Geschäftsführung des "
            "Jobcenters die Dienstaufsicht."
        ),
    )
    supervisor_address = models.TextField(
        _("Anschrift der Dienstaufsicht"),
        blank=True,
        help_text=_("Eine Zeile je Adresszeile."),
    )

    class Meta:
        verbose_name = _("Jobcenter")
        verbose_name_plural = _("Jobcenter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "city"], name="jobcenter_unique_name_city"),
        ]

    def __str__(self) -> str:
        return self.name


class Authority(PostalSeat, Verified, TimeStamped):
    """An authority letters go to: data-protection supervisor, prosecutor,
    Generalstaatsanwaltschaft, social court, petitions committee."""

    class Kind(models.TextChoices):
        DATA_PROTECTION = "dsb", _("Datenschutzaufsicht")
        PROSECUTOR = "sta", _("Staatsanwaltschaft")
        GENERAL_PROSECUTOR = "gsta", _("Generalstaatsanwaltschaft")
        SOCIAL_COURT = "sg", _("Sozialgericht")
        STATE_SOCIAL_COURT = "lsg", _("Landessozialgericht")
        PETITIONS = "petition", _("Petitionsausschuss")

    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=60, blank=True)
    is_federal = models.BooleanField(
        _("Bundesbehörde"), default=False, help_text=_("BfDI, Petitionsausschuss des Bundestages")
    )
    jurisdiction_state = models.CharField(
        _("zuständig für Land"),
        max_length=2,
        blank=True,
        help_text=_("Land, für das die Behörde zuständig ist (leer bei Bundesbehörden)."),
    )
    district_keys = models.TextField(
        _("Kreise im Bezirk"),
        blank=True,
        validators=[validate_district_keys],
        help_text=_(
            "Gerichte und Staatsanwaltschaften: die Kreisschlüssel der Kreise und kreisfreien "
            "Städte, für die sie zuständig sind, durch Leerzeichen getrennt."
        ),
    )
    superior = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinates",
        verbose_name=_("übergeordnete Behörde"),
        help_text=_("Bei einer Staatsanwaltschaft: die Generalstaatsanwaltschaft über ihr."),
    )

    class Meta:
        verbose_name = _("Behörde")
        verbose_name_plural = _("Behörden")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="authority_unique_kind_name"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def served_districts(self) -> list[str]:
        """The district keys this court or prosecutor serves."""
        try:
            return parse_district_keys(self.district_keys)
        except ValueError:
            return []


class NamesItsCase:
    """Audit entries about this row name its case (see ``cases.audit``), so
    that anonymising the case can redact them all."""

    case_id: int

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}


class Person(TimeStamped):
    """The affected person. Personal data: keep it minimal."""

    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    customer_number = models.CharField(_("Kundennummer / BG-Nummer"), max_length=60, blank=True)
    residence_district_key = models.CharField(
        _("Kreis des Wohnorts"),
        max_length=5,
        blank=True,
        validators=[validate_district_key],
        help_text=_(
            "Kreisschlüssel des Wohnorts (z. B. 09182), nur wenn er nicht im Bezirk des "
            "Jobcenters liegt: er bestimmt das Sozialgericht (§ 57 SGG)."
        ),
    )
    consent_given_at = models.DateTimeField(_("Einwilligung erteilt am"), null=True, blank=True)
    consent_text_version = models.CharField(
        _("Fassung der Einwilligung"), max_length=20, blank=True
    )
    is_anonymous = models.BooleanField(_("anonym"), default=False)

    # What the person tells us about themselves: edited on the case form,
    # emptied when the person is anonymised (``cases.retention``).
    CONTACT_FIELDS = (
        "name",
        "email",
        "phone",
        "street",
        "postcode",
        "city",
        "customer_number",
        "residence_district_key",
    )

    class Meta:
        verbose_name = _("Betroffene Person")
        verbose_name_plural = _("Betroffene Personen")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return Person.shown(self.name)

    @staticmethod
    def shown(name: str) -> str:
        """How a person is named on pages: the name, or "anonym"."""
        return name or str(_("anonym"))

    def get_additional_data(self) -> dict:
        """What audit entries about this person name (see ``cases.audit``)."""
        return {"person": self.pk}

    @property
    def address_lines(self) -> list[str]:
        lines = [self.name, self.street, f"{self.postcode} {self.city}".strip()]
        return [line for line in lines if line]


# At most this many numbers of cases assigned to a caseworker are kept
# (``Seen.assigned``) and written into the search's ranking statement; the
# cases of more are asked for by a subquery there too. Each number costs
# PostgreSQL planning time: 2,550 of them 2.6 ms.
ASSIGNED_LISTED = 100


class Seen(NamedTuple):
    """What a caseworker sees (``seen_by``)."""

    teams: list[int]
    # The cases assigned to them; None: more than ASSIGNED_LISTED.
    assigned: list[int] | None


def seen_by(user: Staff) -> Seen:
    """What a caseworker sees (``CaseQuerySet.visible_to``): the cases of
    their teams and those assigned to them.

    Read in one query and kept on the user object for the rest of the
    request, as Django keeps a user's permissions (``_perm_cache``) and
    ``is_coordinator`` their groups. ``case_assign`` and ``case_create``
    forget it for the user who changes the assignments (``forget_seen``); a
    user object that outlives a change made elsewhere must be read again, as
    for permissions."""
    cached = getattr(user, "_seen_by_cache", None)
    if cached is None:
        cached = user._seen_by_cache = _read_seen(user)  # type: ignore[attr-defined]
    return cached


def _read_seen(user: Staff) -> Seen:
    """``seen_by`` from the database in one query, which also reads the
    user's groups for ``is_coordinator`` if they are not known yet: a
    caseworker's page then asks once for both."""
    from django.contrib.auth.models import Group

    from advocacy.auth import keep_groups, knows_groups

    members, assignees = Team.members.through._meta.db_table, Case.assignees.through._meta.db_table
    # The tables' names are the models'; the user's number is a parameter.
    lists = [
        f"SELECT team_id AS v FROM {members} WHERE user_id = %(user)s",  # noqa: S608
        # Unordered: the index of the user's assignments stops after these.
        f"SELECT case_id AS v FROM {assignees} WHERE user_id = %(user)s "  # noqa: S608
        f"LIMIT {ASSIGNED_LISTED + 1}",
    ]
    with_groups = not knows_groups(user)
    if with_groups:
        in_group = Group.user_set.through._meta.db_table
        lists.append(
            f"SELECT g.name AS v FROM {Group._meta.db_table} g JOIN {in_group} m "  # noqa: S608
            "ON m.group_id = g.id WHERE m.user_id = %(user)s"
        )
    on_postgresql = connection.vendor == "postgresql"
    columns = (
        f"ARRAY({sql})" if on_postgresql else f"(SELECT json_group_array(v) FROM ({sql}))"  # noqa: S608
        for sql in lists
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", {"user": user.pk})  # noqa: S608
        row = cursor.fetchone()
    teams, assigned, *names = row if on_postgresql else [json.loads(value) for value in row]
    if with_groups:
        keep_groups(user, names[0])
    return Seen(sorted(teams), sorted(assigned) if len(assigned) <= ASSIGNED_LISTED else None)


class AssignedTo(Lookup):
    """A case (``lhs``: its number) is assigned to the user numbered ``rhs``,
    as ``EXISTS`` of their assignment: an index probe per case, which keeps
    the plans of the pages whatever the number of assigned cases. (As an
    ``IN`` subquery PostgreSQL took the Fristen page of a caseworker with
    2,550 for a parallel walk whose workers cost 30 ms to start; as their
    numbers, 2.6 ms to plan each query: bench/README.md, round 13.)"""

    lookup_name = "assigned_to"
    prepare_rhs = False

    def as_sql(self, compiler, connection):  # type: ignore[override]
        lhs, params = self.process_lhs(compiler, connection)
        table = Case.assignees.through._meta.db_table
        return (
            f"EXISTS (SELECT 1 FROM {table} a WHERE a.case_id = {lhs} AND a.user_id = %s)",  # noqa: S608
            [*params, int(self.rhs)],
        )


def forget_seen(user: Staff | None) -> None:
    """Forget what ``seen_by`` kept on ``user`` (after their assignments changed)."""
    if user is not None and hasattr(user, "_seen_by_cache"):
        del user._seen_by_cache


# Any queryset: of cases, or of rows that belong to a case.
QS = TypeVar("QS", bound=models.QuerySet)


def seen_only(queryset: QS, user: Staff, case: str = "") -> QS:
    """``queryset`` narrowed to the cases a user may see, reached through
    ``case`` (a path such as ``"case__"``; empty for the cases themselves):
    unchanged for coordinators, who see every case (no condition, so that no
    query asks for all cases in a subquery), empty for a visitor, else the
    cases of the user's teams and those assigned to them (``seen_by``).

    The teams by number, the assigned cases by ``AssignedTo`` (and left out
    for a caseworker who has none), not joins: joined, each case came once
    per member of its team and per assignee, and DISTINCT made PostgreSQL
    sort and compare the list's rows (at 100,000 cases a caseworker's list
    took 25-27 ms, 14 times /healthz, and a search for a common word 37-39
    ms)."""
    from advocacy.auth import is_coordinator, knows_groups

    if not user.is_authenticated:
        return queryset.none()
    if knows_groups(user) and is_coordinator(user):
        return queryset
    teams, assigned = seen_by(user)  # reads the groups too, if not known yet
    if is_coordinator(user):
        return queryset
    if not teams and assigned == []:
        return queryset.none()
    # The teams by number, the assigned cases by ``AssignedTo``; either left
    # out when it selects nothing.
    seen = Q(**{f"{case}team__in": teams}) if teams else Q()
    if assigned != []:
        seen |= Q(AssignedTo(F(f"{case}pk"), user.pk))
    return queryset.filter(seen)


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: Staff) -> CaseQuerySet:
        """The cases a user may see: all for coordinators, else their teams'
        (``seen_only``)."""
        return seen_only(self, user)


class Case(TimeStamped):
    """One case: a person, a Jobcenter, what happened and what we do about it."""

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        TRIAGE = "triage", _("Sichtung")
        OPEN = "open", _("in Bearbeitung")
        WAITING = "waiting", _("wartet")
        CLOSED = "closed", _("abgeschlossen")
        ARCHIVED = "archived", _("archiviert")
        REJECTED = "rejected", _("abgelehnt")

    # The one place where the workflow is decided.
    TRANSITIONS: dict[str, frozenset[str]] = {
        Status.NEW: frozenset({Status.TRIAGE, Status.REJECTED}),
        Status.TRIAGE: frozenset({Status.OPEN, Status.REJECTED}),
        Status.OPEN: frozenset({Status.WAITING, Status.CLOSED}),
        Status.WAITING: frozenset({Status.OPEN, Status.CLOSED}),
        Status.CLOSED: frozenset({Status.OPEN, Status.ARCHIVED}),
        Status.ARCHIVED: frozenset(),
        Status.REJECTED: frozenset({Status.TRIAGE, Status.ARCHIVED}),
    }

    reference = models.CharField(_("Aktenzeichen"), max_length=12, unique=True, editable=False)
    title = models.CharField(_("Kurzbeschreibung"), max_length=200, blank=True)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("Person")
    )
    jobcenter = models.ForeignKey(
        Jobcenter,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("Jobcenter"),
        db_index=False,  # case_jobcenter_newest_first begins with it
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="cases", verbose_name=_("Team")
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="assigned_cases",
        blank=True,
        verbose_name=_("zuständig"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    closed_at = models.DateTimeField(_("geschlossen am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fall")
        verbose_name_plural = _("Fälle")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            # The case list (newest first, one page of 25): read in index order
            # instead of sorting every case.
            models.Index(fields=["-created_at", "-id"], name="case_newest_first"),
            # The list of one Jobcenter's cases, newest first, a page at a time,
            # however many cases the Jobcenter has.
            models.Index(
                fields=["jobcenter", "-created_at", "-id"], name="case_jobcenter_newest_first"
            ),
            # The dashboard's "to triage" box (oldest first among new/triage).
            models.Index(
                fields=["created_at"],
                condition=Q(status__in=["new", "triage"]),
                name="case_triage_oldest_first",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_additional_data(self) -> dict:
        """What audit entries about this case name (see ``cases.audit``)."""
        return {"case": self.pk}

    def can_transition_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, frozenset())


class ReferenceCounter(models.Model):
    """The last reference number handed out per year (row-locked on use)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Aktenzeichen-Zähler")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class CaseEvent(NamesItsCase, models.Model):
    """One line of a case's timeline: status change, assignment, note, …"""

    class Kind(models.TextChoices):
        CREATED = "created", _("angelegt")
        STATUS = "status", _("Statuswechsel")
        ASSIGNED = "assigned", _("Zuständigkeit")
        NOTE = "note", _("Notiz")
        INCIDENT = "incident", _("Vorfall")
        EVIDENCE = "evidence", _("Beweismittel")
        DECISION = "decision", _("Bescheid")
        DEADLINE = "deadline", _("Frist")
        LETTER = "letter", _("Brief")
        INTAKE = "intake", _("Meldung")
        EDIT = "edit", _("Änderung")
        OUTCOME = "outcome", _("Ergebnis")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_events",
        verbose_name=_("von"),
    )
    note = models.TextField(_("Notiz"), blank=True)
    data = models.JSONField(_("Daten"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Ereignis")
        verbose_name_plural = _("Ereignisse")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind} {self.data.get('action', '')}".rstrip()


class Incident(NamesItsCase, TimeStamped):
    """What the Jobcenter did."""

    class Kind(models.TextChoices):
        PROFILE_RESEARCH = "profile_research", _("Recherche in sozialen Netzwerken")
        FAKE_PROFILE = "fake_profile", _("Login / Fake-Profil / Freundschaftsanfrage")
        SEARCH_ENGINE = "search_engine", _("Suchmaschinen-Recherche")
        THIRD_PARTY = "third_party", _("Befragung Dritter (Nachbarn, Vermieter, Arbeitgeber)")
        DATA_PASSED_ON = "data_passed_on", _("Weitergabe von Daten")
        OTHER = "other", _("Sonstiges")

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        TIKTOK = "tiktok", "TikTok"
        LINKEDIN = "linkedin", "LinkedIn"
        X = "x", "X / Twitter"
        SEARCH = "search", _("Suchmaschine")
        OTHER = "other", _("andere / keine")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="incidents", verbose_name=_("Fall")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    platform = models.CharField(_("Plattform"), max_length=20, choices=Platform.choices, blank=True)
    occurred_on = models.DateField(_("geschehen am"), null=True, blank=True)
    learned_of_act_on = models.DateField(_("Kenntnis von der Tat am"), null=True, blank=True)
    learned_of_offender_on = models.DateField(
        _("Kenntnis von der Person des Täters am"), null=True, blank=True
    )
    staff_member = models.CharField(_("Mitarbeiter/in des Jobcenters"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"))
    was_asked_first = models.BooleanField(_("vorher gefragt?"), null=True, blank=True)
    was_informed_afterwards = models.BooleanField(
        _("nachträglich informiert?"), null=True, blank=True
    )
    was_fraud_suspicion_stated = models.BooleanField(
        _("begründeter Betrugsverdacht genannt?"), null=True, blank=True
    )
    is_data_public = models.BooleanField(
        _("Daten allgemein zugänglich?"),
        null=True,
        blank=True,
        help_text=_(
            "Ja: für jeden ohne Anmeldung sichtbar. Nein: nur mit Login, Freundschaft oder bei "
            "Dritten zu erfahren (Voraussetzung des § 42 Abs. 2 BDSG)."
        ),
    )

    class Meta:
        verbose_name = _("Vorfall")
        verbose_name_plural = _("Vorfälle")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_on or '?'})"

    @property
    def criteria_hints(self):
        """Which BfDI criteria this incident breaches (see ``cases.criteria``)."""
        from cases.criteria import criteria_hints

        return criteria_hints(
            kind=self.kind,
            was_asked_first=self.was_asked_first,
            was_informed_afterwards=self.was_informed_afterwards,
            was_fraud_suspicion_stated=self.was_fraud_suspicion_stated,
        )


class Evidence(NamesItsCase, TimeStamped):
    """An uploaded file, kept byte for byte, with a sanitized copy to view."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("Fall")
    )
    incident = models.ForeignKey(
        Incident, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    original = models.FileField(_("Original"), upload_to="evidence/original/%Y/%m/")
    original_name = models.CharField(_("Dateiname"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content_type = models.CharField(_("Dateityp"), max_length=50)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    sanitized = models.FileField(
        _("bereinigte Kopie"), upload_to="evidence/sanitized/%Y/%m/", blank=True
    )
    removed = models.JSONField(_("in der Kopie entfernt"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("Beweismittel")
        verbose_name_plural = _("Beweismittel")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def removed_labels(self) -> list[str]:
        from cases.uploads import removed_labels

        return removed_labels(self.removed)


class Decision(NamesItsCase, TimeStamped):
    """A Bescheid the person received; recording one creates its deadlines."""

    class Kind(models.TextChoices):
        BENEFITS = "leistung", _("Leistungsbescheid")
        SANCTION = "minderung", _("Sanktion / Minderung")
        REVOCATION = "aufhebung", _("Aufhebung / Rücknahme / Entziehung (ggf. mit Erstattung)")
        REFUND = "erstattung", _("Erstattungsbescheid (ohne Aufhebung)")
        OBJECTION_DECISION = "widerspruchsbescheid", _("Widerspruchsbescheid")
        JUDGMENT = "urteil", _("Urteil / Gerichtsbescheid")
        JUDGMENT_APPEAL_NOT_ADMITTED = (
            "urteil_nzb",
            _("Urteil / Gerichtsbescheid, Berufung nicht zugelassen"),
        )
        COURT_ORDER = "beschluss", _("Beschluss des Sozialgerichts (z. B. im Eilverfahren)")
        PROSECUTION_DROPPED = "einstellung", _("Einstellungsbescheid der Staatsanwaltschaft")
        COMPLAINT_REJECTED = (
            "beschwerdebescheid",
            _("Beschwerdebescheid der Generalstaatsanwaltschaft (Beschwerde zurückgewiesen)"),
        )
        OTHER = "sonstiger", _("sonstiger Bescheid")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("Fall")
    )
    kind = models.CharField(_("Art"), max_length=25, choices=Kind.choices)
    reference = models.CharField(_("Zeichen des Bescheids"), max_length=100, blank=True)
    dated_on = models.DateField(_("Datum des Bescheids"))
    posted_on = models.DateField(_("zur Post gegeben am"), null=True, blank=True)
    received_on = models.DateField(_("zugegangen am"), null=True, blank=True)

    class Delivery(models.TextChoices):
        """How the Bescheid reached the person: decides the day of notification."""

        POST = "post", _("einfacher Brief")
        REGISTERED = "einschreiben", _("Einschreiben")
        CERTIFICATE = "pzu", _("Postzustellungsurkunde")
        ELECTRONIC = "elektronisch", _("elektronisch übermittelt")
        RETRIEVAL = "abruf", _("zum Abruf bereitgestellt (Portal)")

    delivery = models.CharField(
        _("Zugangsweg"),
        max_length=12,
        choices=Delivery.choices,
        default=Delivery.POST,
        help_text=_(
            "Bei Postzustellungsurkunde: das Datum der Urkunde als „zugegangen am“ eintragen."
        ),
    )
    notified_abroad = models.BooleanField(_("Bekanntgabe im Ausland"), default=False)
    # None until someone has read the Bescheid: never taken for "correct".
    has_correct_legal_remedy_notice = models.BooleanField(
        _("Rechtsbehelfsbelehrung beigefügt und richtig"), null=True, blank=True, default=None
    )
    summary = models.TextField(_("Inhalt"), blank=True)
    incidents = models.ManyToManyField(
        Incident,
        blank=True,
        related_name="decisions",
        verbose_name=_("beruht auf Vorfall"),
        help_text=_(
            "Nur ankreuzen, wenn der Bescheid erkennbar auf Erkenntnisse aus diesem Vorfall "
            "gestützt ist; erst dann sagt ein Widerspruch das."
        ),
    )

    class Meta:
        verbose_name = _("Bescheid")
        verbose_name_plural = _("Bescheide")
        ordering = ["-dated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} vom {self.dated_on:%d.%m.%Y}"


class OrganisationProfile(TimeStamped):
    """The group itself: who writes when it acts as representative. One row,
    kept by coordinators, used by letters (and by public pages and e-mails)."""

    name = models.CharField(_("Name der Gruppe"), max_length=200)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    fax = models.CharField(_("Fax"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    web = models.URLField(_("Web"), blank=True)
    signatories = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("dürfen für die Gruppe zeichnen"),
    )
    is_data_protection_body = models.BooleanField(
        _("Einrichtung nach Art. 80 Abs. 1 DSGVO"),
        default=False,
        help_text=_(
            "Nur ankreuzen, wenn die Gruppe ohne Gewinnerzielungsabsicht arbeitet und der Schutz "
            "personenbezogener Daten in ihrer Satzung als Ziel steht; erst dann bietet die "
            "Vollmacht den Auftrag zur Beschwerde nach Art. 80 DSGVO an."
        ),
    )
    may_represent_in_court = models.BooleanField(
        _("darf vor dem Sozialgericht vertreten (§ 73 Abs. 2 SGG)"),
        default=False,
        help_text=_(
            "Nur wenn die Gruppe zu den in § 73 Abs. 2 Satz 2 SGG Genannten gehört; sonst werden "
            "Anträge an das Gericht im Namen der Person geschrieben."
        ),
    )
    release_required_kinds = models.JSONField(
        _("Briefarten, die vor dem Endgültig-Machen freigegeben werden müssen"),
        default=list,
        blank=True,
    )
    qualified_persons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("dürfen Briefe rechtlich freigeben (§ 6 Abs. 2 RDG)"),
        help_text=_(
            "Personen mit der Befähigung zum Richteramt oder die sonst nach § 6 Abs. 2 RDG "
            "anleiten dürfen."
        ),
    )
    # What the public pages say about the group (privacy notice, Impressum,
    # "what happens next"). An empty field is shown as "not filled in".
    data_protection_officer = models.TextField(
        _("Datenschutzbeauftragte/r: Name und Kontakt"),
        blank=True,
        help_text=_(
            "Steht in der Datenschutzerklärung (Art. 13 Abs. 1 Buchst. b DSGVO). Leer lassen, "
            "wenn niemand benannt ist, und dann das Feld darunter ankreuzen."
        ),
    )
    has_no_data_protection_officer = models.BooleanField(
        _("Die Gruppe hat keine Datenschutzbeauftragte und keinen Datenschutzbeauftragten benannt"),
        default=False,
        help_text=_("Erst dann sagt die Datenschutzerklärung, dass niemand benannt ist."),
    )
    supervisory_authority = models.ForeignKey(
        Authority,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Authority.Kind.DATA_PROTECTION},
        verbose_name=_("für die Gruppe zuständige Datenschutzaufsicht"),
        help_text=_(
            "Meist die Aufsicht des Landes, in dem die Gruppe ihren Sitz hat; die "
            "Datenschutzerklärung nennt sie für Beschwerden (Art. 77 DSGVO)."
        ),
    )
    imprint_text = models.TextField(
        _("weitere Angaben im Impressum"),
        blank=True,
        help_text=_(
            "Was § 5 DDG über Name, Anschrift und E-Mail hinaus verlangt, etwa die "
            "Vertretungsberechtigten und das Vereinsregister mit Registernummer; für die "
            "Hilfeseiten auch, wer nach § 18 Abs. 2 MStV verantwortlich ist."
        ),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("Zeit, bis das Team eine neue Meldung ansieht (Tage)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Kalendertage ab Eingang. Die Dankeseite und die Statusseite nennen daraus den Tag; "
            "leer lassen, wenn die Gruppe keine Zeit zusagen kann (dann nennen sie keinen)."
        ),
    )

    class Meta:
        verbose_name = _("Organisationsprofil")
        verbose_name_plural = _("Organisationsprofil")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="organisation_profile_single_row"),
            models.CheckConstraint(
                condition=Q(has_no_data_protection_officer=False) | Q(data_protection_officer=""),
                name="organisation_profile_dpo_either_named_or_none",
            ),
            models.CheckConstraint(
                condition=Q(answer_days__isnull=True) | Q(answer_days__gte=1, answer_days__lte=90),
                name="organisation_profile_answer_days_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address_lines(self) -> list[str]:
        lines = [self.street, f"{self.postcode} {self.city}".strip()]
        return [line for line in lines if line]


class PowerOfAttorneyQuerySet(models.QuerySet["PowerOfAttorney"]):
    def valid_on(self, day) -> PowerOfAttorneyQuerySet:
        """Signed on or before ``day``, with its scan, and not revoked by then."""
        return (
            self.filter(signed_on__lte=day)
            .exclude(scan="")
            .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))
        )


class PowerOfAttorney(TimeStamped):
    """A Vollmacht a person gave the group (§ 13 SGB X), with its signed scan."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="powers_of_attorney",
        verbose_name=_("Person"),
    )
    # The matters the signed form covers (``MATTERS``); which letter needs
    # which is in ``letters.kinds.MATTER_OF_KIND``.
    covers_administrative = models.BooleanField(
        _("Verwaltungsverfahren beim Jobcenter einschließlich Widerspruch (§ 13 SGB X)"),
        default=False,
    )
    includes_complaint_mandate = models.BooleanField(
        _("mit Auftrag zur Beschwerde nach Art. 80 Abs. 1 DSGVO"), default=False
    )
    covers_criminal_complaints = models.BooleanField(
        _("Strafanzeigen und Strafanträge (§ 158 StPO), Beschwerde gegen die Einstellung"),
        default=False,
    )
    covers_petitions = models.BooleanField(
        _("Petitionen und Dienstaufsichtsbeschwerden"), default=False
    )
    covers_court = models.BooleanField(
        _("Verfahren vor dem Sozialgericht (§ 73 SGG)"), default=False
    )
    scope = models.CharField(_("Anmerkung zum Umfang"), max_length=300, blank=True, default="")
    signed_on = models.DateField(_("unterschrieben am"))
    scan = models.FileField(_("unterschriebener Scan"), upload_to="vollmacht/%Y/", blank=True)
    scan_sha256 = models.CharField(_("SHA-256 des Scans"), max_length=64, blank=True)
    # The copy staff open: without metadata and active content (as evidence).
    scan_sanitized = models.FileField(
        _("bereinigte Kopie des Scans"), upload_to="vollmacht/sanitized/%Y/", blank=True
    )
    scan_removed = models.JSONField(_("in der Kopie entfernt"), default=list, blank=True)
    revoked_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # The matters a Vollmacht can cover, in the order the form prints them.
    MATTERS = (
        "covers_administrative",
        "includes_complaint_mandate",
        "covers_criminal_complaints",
        "covers_petitions",
        "covers_court",
    )

    objects = PowerOfAttorneyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Vollmacht")
        verbose_name_plural = _("Vollmachten")
        ordering = ["-signed_on", "-pk"]

    @classmethod
    def matter_choices(cls) -> list[tuple[str, str]]:
        """Each matter with its label, as the form names it."""
        return [
            (name, str(cast(models.Field, cls._meta.get_field(name)).verbose_name))
            for name in cls.MATTERS
        ]

    @property
    def matter_labels(self) -> list[str]:
        """The matters it covers, as the form names them."""
        return [label for name, label in self.matter_choices() if getattr(self, name)]

    @property
    def removed_labels(self) -> list[str]:
        from cases.uploads import removed_labels

        return removed_labels(self.scan_removed)

    def __str__(self) -> str:
        return f"Vollmacht vom {self.signed_on:%d.%m.%Y}"


class Outcome(TimeStamped):
    """What followed from the group's work: a finding of a data-protection
    authority, the decision on a Widerspruch, criminal proceedings. Counted,
    without any detail, in the public transparency report."""

    class Kind(models.TextChoices):
        DPA_BREACH = "dpa_breach", _("Datenschutzaufsicht stellt Verstoß fest")
        DPA_NO_BREACH = "dpa_no_breach", _("Datenschutzaufsicht stellt keinen Verstoß fest")
        OBJECTION_GRANTED = "objection_granted", _("Widerspruch erfolgreich (abgeholfen)")
        OBJECTION_REJECTED = "objection_rejected", _("Widerspruch zurückgewiesen")
        PROCEEDINGS_OPENED = "proceedings_opened", _("Ermittlungsverfahren eingeleitet")
        PROCEEDINGS_DROPPED = "proceedings_dropped", _("Ermittlungsverfahren eingestellt")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("Fall")
    )
    kind = models.CharField(_("Ergebnis"), max_length=25, choices=Kind.choices)
    decided_on = models.DateField(_("Datum der Entscheidung"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erfasst von"),
    )

    class Meta:
        verbose_name = _("Ergebnis")
        verbose_name_plural = _("Ergebnisse")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["decided_on", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.decided_on:%d.%m.%Y})"


class CaseSearch(models.Model):
    """What a case can be found by, rebuilt by ``cases.search.case_search_refresh``
    whenever a service changes the case, its person, incidents or notes."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    # The case's team (as the case has it when the row is built), so that a
    # caseworker's search is ranked from these rows alone (``team_words``).
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, related_name="+", db_index=False
    )
    # Reference and person, folded (lower case, no diacritics): trigram matches.
    names = models.TextField(blank=True)
    # Title, incidents and notes as written: the snippet shown in the results.
    body = models.TextField(blank=True)
    # PostgreSQL: the weighted full-text document (GIN index, migration 0007).
    document = SearchVectorField(null=True)
    # PostgreSQL: the document's words, each after its team's number
    # ("7.nachbar"; none without a team), under a GIN index (migration 0025):
    # a caseworker's search finds the team's matches there, and PostgreSQL's
    # statistics count each word per team.
    team_words = SearchVectorField(null=True)
    # Other databases: the stemmed words, " wort1 wort2 " (LIKE).
    words = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Suchindex eines Falls")
        verbose_name_plural = _("Suchindex")

    def __str__(self) -> str:
        return str(self.case_id)


class SavedSearch(models.Model):
    """A search of the case list that one staff member keeps under a name."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("Name"), max_length=80)
    query = models.CharField(_("Suche und Filter"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gespeicherte Suche")
        verbose_name_plural = _("gespeicherte Suchen")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
