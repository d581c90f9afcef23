"""Load demo data: staff accounts, Jobcenters, authorities and a few cases.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from cases.models import Jobcenter, Person, Team
from cases.services import case_create

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-passwort-2026"

JOBCENTERS = [
    ("Jobcenter Berlin Neukölln", "gE", "BE", "Mainzer Straße 27", "12053", "Berlin"),
    ("Jobcenter München", "gE", "BY", "Orleansplatz 11", "81667", "München"),
    ("Jobcenter Landkreis Miesbach", "zkT", "BY", "Rosenheimer Straße 3", "83714", "Miesbach"),
    ("Jobcenter Leipzig", "gE", "SN", "Georg-Schumann-Straße 150", "04159", "Leipzig"),
    (
        "Jobcenter Kreis Offenbach (Pro Arbeit)",
        "zkT",
        "HE",
        "Werner-Hilpert-Straße 1",
        "63128",
        "Dietzenbach",
    ),
]


class Command(BaseCommand):
    help = "Lädt Demodaten (Demo-Konto, Jobcenter, Beispiel-Fälle)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        team, _ = Team.objects.get_or_create(name="Team Berlin")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"first_name": "Demo", "last_name": "Koordination", "email": "demo@localhost"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get_or_create(name="coordinator")[0])
        team.members.add(user)

        jobcenters = []
        for name, kind, state, street, postcode, city in JOBCENTERS:
            jobcenter, _ = Jobcenter.objects.get_or_create(
                name=name,
                city=city,
                defaults={"kind": kind, "state": state, "street": street, "postcode": postcode},
            )
            jobcenters.append(jobcenter)

        if not team.cases.exists():
            for jobcenter, person_name, title in [
                (jobcenters[0], "Erika Mustermann", "Facebook-Profil ausgewertet"),
                (jobcenters[1], "Max Beispiel", "Freundschaftsanfrage von Fake-Profil"),
                (jobcenters[2], "Aylin Demir", "Nachbarn befragt"),
            ]:
                person = Person.objects.create(name=person_name, city=jobcenter.city)
                case_create(person=person, jobcenter=jobcenter, team=team, by=user, title=title)
        self.stdout.write(
            self.style.SUCCESS(f"Demodaten geladen. Anmeldung: {DEMO_USERNAME} / {DEMO_PASSWORD}")
        )
