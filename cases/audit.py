"""Who read and changed what: the personal-data models go into django-auditlog.

Changes are logged by auditlog's model signals. Reads are logged by the view
that shows the data, with ``read_logged(instance)``: every view that shows a
person's data calls it (``tests/harness/test_read_audit.py`` walks them).
Every entry names its case in ``additional_data`` (the models'
``get_additional_data``), so that anonymising a case can redact all of them.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.db import models


def register_audited_models() -> None:
    from cases.models import Case, CaseEvent, Decision, Evidence, Incident, Jobcenter, Person

    auditlog.register(Person)
    auditlog.register(Case, m2m_fields={"assignees"})
    auditlog.register(CaseEvent)
    auditlog.register(Incident)
    auditlog.register(Evidence)
    auditlog.register(Decision)
    # Shared by every team's letters: who changed an address, and from what.
    auditlog.register(Jobcenter)


def read_logged(instance: models.Model) -> None:
    """Write an "accessed" audit entry for ``instance`` by the current user."""
    accessed.send(sender=type(instance), instance=instance)
