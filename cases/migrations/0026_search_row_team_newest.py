from django.db import migrations

# A caseworker's search for a word common in their team walks the team's
# search rows newest first (cases.search._walks_the_team) and stops after a
# page of matches. The order is by the negated number: the primary key gives
# newest first too, and PostgreSQL preferred walking it for every team
# (bench/README.md, rounds 11 and 14).
INDEX = "case_search_team_newest"


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {INDEX} ON cases_casesearch (team_id, (-case_id))")


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0025_search_row_team_words"),
    ]

    operations = [migrations.RunPython(index, back)]
