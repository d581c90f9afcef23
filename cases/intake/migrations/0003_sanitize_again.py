"""Copies made by the earlier deny-list PDF sanitizer may still hold
JavaScript or Launch actions: make them again with the allow-list one."""

from django.db import migrations


def forwards(apps, schema_editor):
    from cases.uploads import sanitize_stored_again

    sanitize_stored_again(apps.get_model("intake", "IntakeFile").objects.order_by("pk").iterator())


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_sanitized_removed")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
