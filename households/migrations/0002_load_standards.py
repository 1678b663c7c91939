from django.db import migrations


def load(apps, schema_editor):
    from households.standards import load_standards

    load_standards(apps.get_model("households", "PovertyStandard"), apps.get_model("households", "DeprivationIndicator"))


class Migration(migrations.Migration):
    dependencies = [("households", "0001_standards")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
