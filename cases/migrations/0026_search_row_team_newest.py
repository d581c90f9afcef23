from django.db import migrations

# A caseworker's search for a word common in their team walks the team's
# search rows newest first (cases.search._walks_the_team) and stops after a
# page of matches. The order is by the negated number: the primary key gives
# newest first too, and PostgreSQL preferred walking it for every team
# (bench/README.md, rounds 11 and 14). SQLite keeps the index unused.
INDEX = "case_search_team_newest"


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0025_search_row_team_words"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON cases_casesearch (team_id, (-case_id))",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
