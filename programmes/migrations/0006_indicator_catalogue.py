"""Reference data: the indicator catalogue (danh mục chỉ tiêu) the seed plans use."""
from django.db import migrations


def load(apps, schema_editor):
    from programmes.reference import load_indicators

    load_indicators(apps)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_indicators_targets")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
