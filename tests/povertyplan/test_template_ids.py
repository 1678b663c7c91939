"""Ids in templates are never localised: with USE_THOUSAND_SEPARATOR and the Vietnamese format, `{{ unit.pk }}`
renders 12345 as "12.345", so a link `?village=12.345` or an <option value="12.345"> names no row (the procedure
journey's village picker failed on PostgreSQL once the ids passed 999). `{% url %}` is safe; anything else
that prints an id in an attribute or a link goes through |unlocalize."""
import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.utils import translation

ID_OUTPUT = re.compile(r"\{\{\s*([\w.]+\.(?:pk|id|\w+_id))\s*((?:\|[^}]*)?)\}\}")


def test_the_vietnamese_format_groups_an_id_without_unlocalize():
    with translation.override("vi"):
        rendered = Template("{% load l10n %}{{ pk }}|{{ pk|unlocalize }}").render(Context({"pk": 12345}))
    assert rendered == "12.345|12345"


def test_no_template_prints_an_id_localised():
    found = []
    for path in sorted(Path(settings.BASE_DIR).glob("**/templates/**/*.html")):
        if ".venv" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in ID_OUTPUT.finditer(line):
                if "unlocalize" not in match.group(2) and "stringformat" not in match.group(2):
                    found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {match.group(0)}")
    assert found == []
