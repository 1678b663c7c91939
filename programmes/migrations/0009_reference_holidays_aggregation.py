"""Reference data: public holidays (for "N working days after" deadlines) and how each indicator rolls up."""
from django.db import migrations


def load(apps, schema_editor):
    from programmes.reference import load_holidays, load_indicators

    load_indicators(apps)
    load_holidays(apps)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0008_progress_reports")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
