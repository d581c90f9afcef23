"""factory_boy factories shared by the test suite."""

from __future__ import annotations

import datetime as dt

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cases.models import Authority, Case, Decision, Incident, Jobcenter, Person, Team
from cases.search import case_search_refresh

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    is_active = True

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            for name in extracted or ["caseworker"]:
                self.groups.add(Group.objects.get_or_create(name=name)[0])

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        """Give the user a TOTP authenticator unless ``with_totp=False``;
        the secret is kept on ``user.totp_secret`` for tests that log in."""
        if create and extracted is not False:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class JobcenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jobcenter

    name = factory.Sequence(lambda n: f"Jobcenter Musterstadt {n}")
    kind = Jobcenter.Kind.GE
    street = "Agenturstraße 1"
    postcode = "10115"
    city = factory.Sequence(lambda n: f"Musterstadt {n}")
    state = "BE"
    email = "jobcenter@example.org"


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority

    kind = Authority.Kind.DATA_PROTECTION
    name = factory.Sequence(lambda n: f"Landesbeauftragte für Datenschutz {n}")
    street = "Friedrichstraße 219"
    postcode = "10969"
    city = "Berlin"
    state = "BE"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name", locale="de_DE")
    email = factory.Faker("email")
    street = "Beispielweg 5"
    postcode = "10117"
    city = "Berlin"
    customer_number = factory.Sequence(lambda n: f"123D{n:06d}")


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    # Six digits from 100001 on: never the four-digit references that tests
    # give their cases by hand (a shared sequence once handed out 2026-0042
    # next to a fixture's own 2026-0042).
    reference = factory.Sequence(lambda n: f"2026-{n + 100001:06d}")
    title = "Recherche auf Facebook"
    person = factory.SubFactory(PersonFactory)
    jobcenter = factory.SubFactory(JobcenterFactory)
    team = factory.SubFactory(TeamFactory)
    status = Case.Status.OPEN

    @factory.post_generation
    def assignees(self, create, extracted, **kwargs):
        if create and extracted:
            self.assignees.set(extracted)

    @factory.post_generation
    def search_row(self, create, extracted, **kwargs):
        """What ``case_create`` does: the case can be found right away."""
        if create:
            case_search_refresh(case_ids=[self.pk])


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    kind = Incident.Kind.PROFILE_RESEARCH
    platform = Incident.Platform.FACEBOOK
    occurred_on = dt.date(2025, 3, 1)
    learned_of_act_on = dt.date(2025, 3, 10)
    learned_of_offender_on = dt.date(2025, 3, 10)
    description = "Die Sachbearbeiterin hat Fotos aus meinem Facebook-Profil ausgedruckt."
    was_asked_first = False
    was_informed_afterwards = False
    was_fraud_suspicion_stated = False

    @factory.post_generation
    def search_row(self, create, extracted, **kwargs):
        """What ``incident_record`` does: the incident's words find its case."""
        if create:
            case_search_refresh(case_ids=[self.case_id])


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    case = factory.SubFactory(CaseFactory)
    kind = Decision.Kind.SANCTION
    dated_on = dt.date(2025, 2, 28)
    posted_on = dt.date(2025, 3, 3)
    has_correct_legal_remedy_notice = True
