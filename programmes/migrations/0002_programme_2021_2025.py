"""Reference data: the 2021–2025 programme (Quyết định 90/QĐ-TTg) with its dự án and tiểu dự án."""
from django.db import migrations


def load(apps, schema_editor):
    from programmes.reference import load_programmes

    load_programmes(apps)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_structure")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
