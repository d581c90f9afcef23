"""Factories of the deadline tests."""

from __future__ import annotations

import datetime as dt

import factory

from cases.deadlines.models import Deadline
from tests.factories import CaseFactory


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    case = factory.SubFactory(CaseFactory)
    rule = "objection"
    title = "Widerspruchsfrist (§ 84 SGG)"
    trigger_on = dt.date(2025, 3, 7)
    computed_due_on = dt.date(2025, 4, 7)
    due_on = factory.LazyAttribute(lambda o: o.computed_due_on)
    explanation = factory.LazyFunction(
        lambda: [
            "Bekanntgabe am 4. Tag nach Aufgabe zur Post (§ 37 Abs. 2 Satz 1 SGB X): Fr 07.03.2025",
            "Fristende: Tag des späteren Monats mit derselben Zahl wie der Ereignistag "
            "(§ 64 Abs. 2 SGG): Mo 07.04.2025",
        ]
    )
