"""Load demo data: staff accounts, the directory and a realistic workspace.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cases.deadlines.services import decision_record_with_deadlines, incident_record_with_deadlines
from cases.directory import directory_load
from cases.models import Case, Incident, Jobcenter, Person, Team
from cases.services import case_assign, case_create, case_note_add, case_transition

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-passwort-2026"
CASEWORKER_USERNAME = "fallbearbeitung"

# The shortest way through the workflow to each status.
PATHS = {
    Case.Status.NEW: [],
    Case.Status.TRIAGE: [Case.Status.TRIAGE],
    Case.Status.OPEN: [Case.Status.TRIAGE, Case.Status.OPEN],
    Case.Status.WAITING: [Case.Status.TRIAGE, Case.Status.OPEN, Case.Status.WAITING],
    Case.Status.CLOSED: [Case.Status.TRIAGE, Case.Status.OPEN, Case.Status.CLOSED],
    Case.Status.REJECTED: [Case.Status.REJECTED],
}

K = Incident.Kind
P = Incident.Platform
# (title, person, Jobcenter name, status, assign to caseworker?, incident, decision, note)
CASES = [
    (
        "Facebook-Fotos in der Akte",
        "Erika Mustermann",
        "Jobcenter Berlin Neukölln",
        Case.Status.OPEN,
        True,
        (K.PROFILE_RESEARCH, P.FACEBOOK, -40, None, None, False),
        ("minderung", -20, "Minderung um 10 % wegen angeblicher Nebentätigkeit"),
        "Ausdrucke aus dem Facebook-Profil liegen der Akte bei (Akteneinsicht beantragt).",
    ),
    (
        "Freundschaftsanfrage von Fake-Profil",
        "Max Beispiel",
        "Jobcenter München",
        Case.Status.OPEN,
        False,
        (K.FAKE_PROFILE, P.INSTAGRAM, -25, None, None, None),
        None,
        "Profil „lisa_92“ wurde nach der Anfrage gelöscht; Screenshot vorhanden.",
    ),
    (
        "Nachbarn befragt",
        "Aylin Demir",
        "Jobcenter Landkreis Miesbach",
        Case.Status.TRIAGE,
        False,
        (K.THIRD_PARTY, "", -10, False, None, None),
        None,
        "",
    ),
    (
        "Google-Recherche vor dem Termin",
        "Jonas Krüger",
        "Jobcenter Leipzig",
        Case.Status.WAITING,
        True,
        (K.SEARCH_ENGINE, P.SEARCH, -60, False, False, None),
        ("aufhebung", -45, "Aufhebung und Erstattung 1.240 €"),
        "Widerspruch eingelegt, wir warten auf den Widerspruchsbescheid.",
    ),
    (
        "Vermieter angerufen",
        "Sabine Wolf",
        "Jobcenter Kreis Offenbach (Pro Arbeit)",
        Case.Status.NEW,
        False,
        None,
        None,
        "",
    ),
    (
        "LinkedIn-Profil ausgewertet",
        "Mehmet Yilmaz",
        "Jobcenter Köln",
        Case.Status.OPEN,
        True,
        (K.PROFILE_RESEARCH, P.LINKEDIN, -15, None, None, None),
        ("leistung", -5, "Leistungsbescheid ohne Mehrbedarf"),
        "",
    ),
    (
        "TikTok-Videos als Beleg für Arbeitsfähigkeit",
        "Laura Schmidt",
        "Jobcenter team.arbeit.hamburg",
        Case.Status.OPEN,
        False,
        (K.PROFILE_RESEARCH, P.TIKTOK, -30, None, None, False),
        ("minderung", -12, "Minderung wegen Meldeversäumnis"),
        "Betroffene möchte Strafantrag stellen.",
    ),
    (
        "Daten an den Arbeitgeber weitergegeben",
        "Thomas Becker",
        "Jobcenter Dresden",
        Case.Status.CLOSED,
        False,
        (K.DATA_PASSED_ON, "", -200, None, None, None),
        None,
        "Aufsichtsbehörde hat den Verstoß festgestellt. Fall abgeschlossen.",
    ),
    (
        "Anruf beim Sportverein",
        "Nina Hoffmann",
        "Jobcenter Stadt Erlangen (GGFA)",
        Case.Status.REJECTED,
        False,
        (K.OTHER, "", -300, None, None, None),
        None,
        "Kein Bezug zum Jobcenter feststellbar; Person wurde an die Beratungsstelle verwiesen.",
    ),
    (
        "Instagram-Stories gespeichert",
        "Kevin Richter",
        "Jobcenter Landkreis Emsland",
        Case.Status.TRIAGE,
        True,
        (K.PROFILE_RESEARCH, P.INSTAGRAM, -7, None, None, None),
        None,
        "",
    ),
    (
        "Widerspruchsbescheid nach Facebook-Recherche",
        "Fatma Aydın",
        "Jobcenter Bremen",
        Case.Status.OPEN,
        True,
        (K.PROFILE_RESEARCH, P.FACEBOOK, -120, None, None, False),
        ("widerspruchsbescheid", -8, "Widerspruch zurückgewiesen"),
        "Klage beim Sozialgericht wird vorbereitet.",
    ),
    (
        "Arbeitgeber nach Nebenjob gefragt",
        "Peter Schulz",
        "Jobcenter Jena (jenarbeit)",
        Case.Status.WAITING,
        False,
        (K.THIRD_PARTY, "", -50, False, None, None),
        None,
        "Auskunftsersuchen nach Art. 15 DSGVO gestellt.",
    ),
]


class Command(BaseCommand):
    help = "Lädt Demodaten (Konten, Verzeichnis, Beispiel-Fälle)."

    def _user(self, username, first, last, group, team):
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@localhost"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get_or_create(name=group)[0])
        team.members.add(user)
        return user

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        directory_load()
        team, _ = Team.objects.get_or_create(name="Team Berlin")
        Team.objects.get_or_create(name="Team Süd")
        coordinator = self._user(DEMO_USERNAME, "Demo", "Koordination", "coordinator", team)
        caseworker = self._user(CASEWORKER_USERNAME, "Fall", "Bearbeitung", "caseworker", team)

        today = timezone.localdate()
        created = 0
        for title, name, jobcenter_name, status, assign, incident, decision, note in CASES:
            if Case.objects.filter(title=title).exists():
                continue
            jobcenter = Jobcenter.objects.get(name=jobcenter_name)
            person = Person.objects.create(name=name, city=jobcenter.city)
            case = case_create(
                person=person, jobcenter=jobcenter, team=team, by=coordinator, title=title
            )
            if assign:
                case_assign(case=case, by=coordinator, assignees=[caseworker])
            if incident:
                kind, platform, days, asked, informed, suspicion = incident
                occurred = today + dt.timedelta(days=days)
                incident_record_with_deadlines(
                    case=case,
                    by=caseworker,
                    kind=kind,
                    platform=platform,
                    description=f"{title}: so von der betroffenen Person geschildert.",
                    occurred_on=occurred,
                    learned_of_act_on=occurred + dt.timedelta(days=3),
                    learned_of_offender_on=occurred + dt.timedelta(days=3),
                    was_asked_first=asked,
                    was_informed_afterwards=informed,
                    was_fraud_suspicion_stated=suspicion,
                )
            if decision:
                decision_kind, days, summary = decision
                dated = today + dt.timedelta(days=days)
                decision_record_with_deadlines(
                    case=case,
                    by=caseworker,
                    kind=decision_kind,
                    dated_on=dated,
                    posted_on=dated + dt.timedelta(days=1),
                    summary=summary,
                )
            for step in PATHS[status]:
                case = case_transition(case=case, to_status=step, by=coordinator)
            if note:
                case_note_add(case=case, by=caseworker, note=note)
            created += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodaten geladen ({created} neue Fälle). Anmeldung: {DEMO_USERNAME} / "
                f"{DEMO_PASSWORD} (Koordination), {CASEWORKER_USERNAME} / {DEMO_PASSWORD}."
            )
        )
