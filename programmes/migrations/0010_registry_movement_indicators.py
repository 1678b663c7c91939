"""Reference data: the registry's movements of a period (phát sinh, thoát nghèo, …) as indicators, so that
progress reports carry them pre-filled."""
from django.db import migrations


def load(apps, schema_editor):
    from programmes.reference import load_indicators

    load_indicators(apps)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0009_reference_holidays_aggregation")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
