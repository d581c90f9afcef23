import django.contrib.postgres.search
from django.db import migrations

# A caseworker's search looks for the words of their team: each search row
# holds its document's words after its team's number ("7.nachbar"), under a
# GIN index. The team's matches of a word are then one posting list, and
# PostgreSQL's statistics count each word per team. With team and document
# apart (0024), PostgreSQL took them for independent: for a word common
# elsewhere and absent from a team it intersected the team's postings with
# the word's (3 ms at 100,000 cases, ten times that at 1,000,000) or walked
# every row (473 ms at 1,000,000; bench/README.md, rounds 9 and 10).
INDEX = "case_search_team_words"
TEAM_AND_DOCUMENT = "case_search_team_document"  # 0024's


def fill(apps, schema_editor):
    """The team's words of the rows that exist; and every case's row where
    rows are missing (a database whose cases came before 0007: its rows are
    built here, with the code of today, which writes these columns)."""
    Case = apps.get_model("cases", "Case")
    CaseSearch = apps.get_model("cases", "CaseSearch")
    if CaseSearch.objects.count() < Case.objects.count():
        from cases.search import case_search_rebuild

        case_search_rebuild()
    elif schema_editor.connection.vendor == "postgresql":
        from cases.search import team_words_sql

        schema_editor.execute(
            f"UPDATE cases_casesearch SET team_words = {team_words_sql('team_id', 'document')}"
        )


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Rebuilt rows have new foreign keys: checked now, not at the commit
        # (PostgreSQL changes no index of a table with checks still pending).
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON cases_casesearch "
            "USING gin (team_words) WITH (fastupdate = off)"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {TEAM_AND_DOCUMENT}")


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(
            f"CREATE INDEX {TEAM_AND_DOCUMENT} ON cases_casesearch "
            "USING gin (team_id, document) WITH (fastupdate = off)"
        )


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0024_search_row_team"),
    ]

    operations = [
        migrations.AddField(
            model_name="casesearch",
            name="team_words",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index, back),
    ]
