"""The data-protection commissioners whose shipped title was outdated are
renamed in place, so that loading the directory again does not add a second
authority of the Bund or of a Land next to the old name."""

from django.db import migrations

RENAMED = [
    (
        "Der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
        "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
    ),
    (
        "Die Landesbeauftragte für den Datenschutz Niedersachsen",
        "Der Landesbeauftragte für den Datenschutz Niedersachsen",
    ),
    (
        "Der Landesbeauftragte für den Datenschutz Sachsen-Anhalt",
        "Die Landesbeauftragte für den Datenschutz Sachsen-Anhalt",
    ),
]


def rename(apps, schema_editor):
    Authority = apps.get_model("cases", "Authority")
    for old, new in RENAMED:
        if not Authority.objects.filter(kind="dsb", name=new).exists():
            Authority.objects.filter(kind="dsb", name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [("cases", "0014_directory_districts_and_verification")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
