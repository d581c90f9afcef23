"""Who read and changed what: the personal-data models go into django-auditlog."""

from __future__ import annotations

from auditlog.registry import auditlog


def register_audited_models() -> None:
    from cases.models import Case, CaseEvent, Decision, Evidence, Incident, Person

    auditlog.register(Person)
    auditlog.register(Case, m2m_fields={"assignees"})
    auditlog.register(CaseEvent)
    auditlog.register(Incident)
    auditlog.register(Evidence)
    auditlog.register(Decision)
