"""Copies made before the sanitizer kept only an allow-list of keys inside a
page's resources may still carry actions under keys nobody named: make the
copies of evidence and Vollmacht scans again."""

from django.db import migrations


def forwards(apps, schema_editor):
    from cases.uploads import sanitize_stored_again

    sanitize_stored_again(apps.get_model("cases", "Evidence").objects.order_by("pk").iterator())
    sanitize_stored_again(
        apps.get_model("cases", "PowerOfAttorney").objects.order_by("pk").iterator(),
        original="scan",
        sanitized="scan_sanitized",
        removed="scan_removed",
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0019_decision_kinds_court_and_prosecution")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
