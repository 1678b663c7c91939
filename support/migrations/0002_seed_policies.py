"""The policies the seed plans name (support/policies.py)."""
from django.db import migrations


def load(apps, schema_editor):
    from support.policies import load_policies

    load_policies(apps)


class Migration(migrations.Migration):
    dependencies = [("support", "0001_policies_and_support"), ("programmes", "0002_programme_2021_2025")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
