import django.db.models.deletion
from django.db import migrations, models

# A caseworker's search is ranked from the search rows alone (cases.search):
# the rows carry their case's team, and on PostgreSQL one GIN index holds team
# and document together (btree_gin), so that the matches of one team are
# found in the index. Without it, a word common elsewhere and absent from a
# team made PostgreSQL walk every case and search row (65 ms at 100,000
# cases; with it 3 ms; bench/README.md, round 9). 0025 replaces the index
# with the words of each team.
INDEX = "case_search_team_document"


def fill(apps, schema_editor):
    """The team of the rows that exist. (Where rows are missing, in a
    database whose cases came before 0007, they are built in 0025, with the
    code of today, which writes the columns added up to there.)"""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE cases_casesearch AS s SET team_id = c.team_id "
            "FROM cases_case AS c WHERE c.id = s.case_id"
        )
    else:
        schema_editor.execute(
            "UPDATE cases_casesearch SET team_id = "
            "(SELECT team_id FROM cases_case WHERE cases_case.id = cases_casesearch.case_id)"
        )


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Kept when going back: other indexes may use it by then. (Django's
        # BtreeGinExtension drops it, and fails going back on SQLite.)
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        # The rows' new foreign keys are checked now, not at the commit:
        # PostgreSQL creates no index on a table with checks still pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON cases_casesearch "
            "USING gin (team_id, document) WITH (fastupdate = off)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0023_case_list_of_one_jobcenter"),
    ]

    operations = [
        migrations.AddField(
            model_name="casesearch",
            name="team",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.team",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index, drop_index),
    ]
