"""Factories for intake submissions."""

from __future__ import annotations

import factory
from django.utils import timezone

from cases.intake import codes
from cases.intake.models import IntakeSubmission
from tests.factories import JobcenterFactory


class IntakeSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeSubmission

    class Params:
        code = factory.LazyFunction(codes.code_new)

    lookup_key = factory.LazyAttribute(lambda o: codes.code_lookup_key(o.code))
    code_hash = factory.LazyAttribute(lambda o: codes.code_hash(o.code))
    kind = "search_engine"
    platform = "search"
    description = "Man hat mir einen Zeitungsartikel über mich gezeigt."
    jobcenter = factory.SubFactory(JobcenterFactory)
    contact_name = "Max Muster"
    contact_email = "max@example.org"
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_text_version = "2026-1"
