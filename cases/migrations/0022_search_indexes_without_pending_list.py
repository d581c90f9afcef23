from django.db import migrations

# The GIN indexes of the search rows are written directly instead of through
# a pending list (fastupdate). With a pending list, every search reads the
# whole list as well: it grows up to gin_pending_list_limit (4 MB, about 500
# pages) between vacuums, and at 100,000 cases it made the index part of a
# name search 3.1 ms instead of 0.4 ms. Writing a case's search row costs the
# same either way (3.5 ms, measured with 400 rows; bench/README.md, round 7).
INDEXES = ["case_search_document", "case_search_names_trgm"]


def _on_postgresql(fastupdate):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {fastupdate})")
            if fastupdate == "off":
                # What is pending now goes into the index itself.
                schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0021_power_of_attorney_matters"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql("off"), _on_postgresql("on")),
    ]
