"""Who read and changed what: the personal-data models go into django-auditlog.

Changes are logged by auditlog's model signals. Reads are logged by the view
that shows the data, with ``read_logged(instance)``: every view that shows a
person's data calls it (``tests/harness/test_read_audit.py`` walks them).
Every entry names its case in ``additional_data`` (the models'
``get_additional_data``), so that anonymising a case can redact all of them.
"""

from __future__ import annotations

from collections.abc import Callable

from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.contrib.admin.utils import unquote
from django.db import models


def register_audited_models() -> None:
    from cases.models import (
        Authority,
        Case,
        CaseEvent,
        Decision,
        Evidence,
        Incident,
        Jobcenter,
        Person,
    )

    auditlog.register(Person)
    auditlog.register(Case, m2m_fields={"assignees"})
    auditlog.register(CaseEvent)
    auditlog.register(Incident)
    auditlog.register(Evidence)
    auditlog.register(Decision)
    # Shared by every team's letters: who changed an address, and from what.
    auditlog.register(Jobcenter)
    auditlog.register(Authority)


def read_logged(instance: models.Model) -> None:
    """Write an "accessed" audit entry for ``instance`` by the current user."""
    accessed.send(sender=type(instance), instance=instance)


class AdminReadsLogged:
    """For a ``ModelAdmin`` of personal data: opening a record's page in the
    admin is a read like opening it in the app. ``read_of`` names what the
    entry is about (the case, for a deadline)."""

    read_of: Callable[[models.Model], models.Model] = staticmethod(lambda obj: obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(  # type: ignore[misc]
            request, object_id, form_url, extra_context
        )
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]
            if obj is not None:
                read_logged(self.read_of(obj))
        return response
