"""What the database holds, read back by the tests that check that nothing
of a person is kept."""

from __future__ import annotations

from django.db import connection


def database_mentions(text: str) -> list[str]:
    """Every table.column holding the text in any case (every column read as
    text: the search rows hold names folded to lower case, and their
    full-text document the stems), on PostgreSQL and on SQLite."""
    found = []
    introspection = connection.introspection
    with connection.cursor() as cursor:
        for table in introspection.table_names(cursor):
            for column in introspection.get_table_description(cursor, table):
                cursor.execute(
                    f'select 1 from "{table}" '
                    f'where lower(cast("{column.name}" as text)) like %s limit 1',
                    [f"%{text.lower()}%"],
                )
                if cursor.fetchone():
                    found.append(f"{table}.{column.name}")
    return found
