"""The personal calendar feed (ICS) of one's deadlines."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from advocacy.auth import Staff
from cases.deadlines.models import Deadline
from cases.deadlines.templatetags.deadline_tags import case_path

PAST_DAYS = 60


def deadlines_feed(user: Staff) -> bytes:
    """Active deadlines of the cases assigned to ``user`` (and still visible
    to them), from ``PAST_DAYS`` ago on, as an iCalendar file."""
    today = timezone.localdate()
    deadlines = (
        Deadline.objects.active()
        .assigned_to(user)
        .visible_to(user)
        .filter(due_on__gte=today - timedelta(days=PAST_DAYS))
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Fallakte//Fristen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Fallakte – Fristen")
    host = settings.SITE_URL.split("://", 1)[-1]
    stamp = timezone.now()
    for deadline in deadlines.select_related("case").order_by("due_on", "pk"):
        url = f"{settings.SITE_URL}{reverse('deadlines:detail', args=[deadline.pk])}"
        case_url = f"{settings.SITE_URL}{case_path(deadline.case)}"
        event = Event()
        event.add("uid", f"deadline-{deadline.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_on)
        event.add("dtend", deadline.due_on + timedelta(days=1))
        confirmed = "" if deadline.is_confirmed else " [unbestätigt]"
        event.add("summary", f"Frist: {deadline.title} – {deadline.case.reference}{confirmed}")
        event.add(
            "description",
            "\n".join([*deadline.explanation, "", f"Frist: {url}", f"Fall: {case_url}"]),
        )
        event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
