"""Copies made before the sanitizer kept only an allow-list of keys inside a
page's resources may still carry actions under keys nobody named: make the
copies of report files again."""

from django.db import migrations


def forwards(apps, schema_editor):
    from cases.uploads import sanitize_stored_again

    sanitize_stored_again(apps.get_model("intake", "IntakeFile").objects.order_by("pk").iterator())


class Migration(migrations.Migration):
    dependencies = [("intake", "0005_file_names_fit_a_suffix")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
