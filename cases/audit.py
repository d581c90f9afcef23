"""Who read and changed what: the personal-data models go into django-auditlog.

Changes are logged by auditlog's model signals. Reads are logged by the view
that shows the data, with ``read_logged(instance)``: every view that shows a
person's data calls it (``tests/harness/test_read_audit.py`` walks them).
Every entry names its case in ``additional_data`` (the models'
``get_additional_data``), so that anonymising a case can redact all of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

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


# What a list read writes (a field of auditlog's ``LogEntry`` that is not
# here keeps its column default: no remote address, no changes): the fields
# of each row, sent as one JSON array (``ROW_FIELDS``, with the SQL type each
# is read as), and those that are the same for the whole list.
ROW_FIELDS = {
    "content_type": "integer",
    "object_pk": "text",
    "object_id": "bigint",
    "object_repr": "text",
    "additional_data": "jsonb",
}
LIST_FIELDS = ("action", "changes_text", "actor", "actor_email", "cid", "timestamp")


def list_read_logged(user: models.Model, instances: Iterable[models.Model], seen_in: str) -> None:
    """A list that shows names or report texts is a read of each row shown:
    one "accessed" entry per row, naming the list in
    ``additional_data["seen_in"]`` beside the row's own case or person (so
    that erasure redacts it like any other entry). ``object_repr`` is the
    row's ``str()``: a case's reference, never a name.

    Written with one INSERT … SELECT of the rows as one JSON parameter.
    Through ``bulk_create`` the 25 entries of a page cost 3–4 ms of CPU (a
    model instance and a conversion per field and row, and BEGIN/COMMIT
    around it). As VALUES with a parameter per field and row (275), psycopg
    parsed the statement again on every page (it keeps statements of up to
    50 parameters): 0.9 ms of CPU."""
    from auditlog.cid import get_cid
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    rows = [
        {
            "content_type": ContentType.objects.get_for_model(instance).pk,
            "object_pk": str(instance.pk),
            "object_id": instance.pk,
            "object_repr": str(instance)[:255],
            "additional_data": {
                **(getattr(instance, "get_additional_data", dict)() or {}),
                "seen_in": seen_in,
            },
        }
        for instance in instances
    ]
    if not rows:
        return
    field = LogEntry._meta.get_field
    timestamp = field("timestamp").get_db_prep_save(timezone.now(), connection)
    same = [LogEntry.Action.ACCESS, "", user.pk, getattr(user, "email", None), get_cid(), timestamp]
    quote = connection.ops.quote_name
    columns = [field(name).column for name in (*ROW_FIELDS, *LIST_FIELDS)]
    if connection.vendor == "postgresql":
        each = [f"r.{quote(name)}" for name in ROW_FIELDS]
        source = "jsonb_to_recordset(%s::jsonb) AS r({})".format(
            ", ".join(f"{quote(name)} {kind}" for name, kind in ROW_FIELDS.items())
        )
    else:  # SQLite: JSON1, built in
        # An object as JSON text, as a JSONField stores it.
        each = [
            f"json(json_extract(value, '$.{name}'))"
            if kind == "jsonb"
            else f"json_extract(value, '$.{name}')"
            for name, kind in ROW_FIELDS.items()
        ]
        source = "json_each(%s)"
    # Table and column names from the model's metadata; every value a parameter.
    sql = (
        f"INSERT INTO {quote(LogEntry._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(column) for column in columns)}) "
        f"SELECT {', '.join(each)}, {', '.join(['%s'] * len(same))} FROM {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*same, json.dumps(rows, cls=field("additional_data").encoder)])


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
