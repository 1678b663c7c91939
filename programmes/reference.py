"""Reference data of the programmes app (programme trees, indicator catalogue) from fixtures/programmes/.

The same functions run in the data migration (with the migration's `apps`) and in tests that
flush the database (live_server, transactional_db). Loading is idempotent: rows are matched by
code and updated, so a later programme (2026–2030) is one more JSON file and a re-run.
"""
import json

from django.apps import apps as global_apps
from django.conf import settings

from povertyplan.lib.db import update_or_create_changed

FOLDER = settings.BASE_DIR / "fixtures" / "programmes"


def _read(name):
    with (FOLDER / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def load_programmes(apps=global_apps):
    """Every fixtures/programmes/programme-*.json: the programme and its dự án / tiểu dự án."""
    Programme = apps.get_model("programmes", "Programme")
    Project = apps.get_model("programmes", "Project")
    fields = {f.name for f in Programme._meta.get_fields()}
    for path in sorted(FOLDER.glob("programme-*.json")):
        data = _read(path.name)
        if "structure_confirmed" not in fields and not data.get("structure_confirmed", True):
            continue  # an early migration: the programme comes with the migration that can mark it unconfirmed
        keys = ["name", "short_name", "legal_basis", "start_year", "end_year"]
        keys += [k for k in ("structure_confirmed", "notes") if k in fields and k in data]
        programme, _ = update_or_create_changed(Programme.objects, code=data["code"], defaults={k: data[k] for k in keys})
        if "goals" in fields:
            _load_goals(apps, programme, data.get("goals", []))
        position = 0
        for item in data["projects"]:
            position += 100
            project, _ = update_or_create_changed(
                Project.objects, programme=programme, code=f"DA{item['number']}",
                defaults={"parent": None, "number": item["number"], "name": item["name"], "position": position})
            for sub in item.get("subprojects", []):
                update_or_create_changed(
                    Project.objects, programme=programme, code=f"DA{item['number']}-TDA{sub['number']}",
                    defaults={"parent": project, "number": sub["number"], "name": sub["name"],
                              "position": position + sub["number"]})


def _load_goals(apps, programme, goals):
    ProgrammeGoal = apps.get_model("programmes", "ProgrammeGoal")
    for position, goal in enumerate(goals, start=1):
        ProgrammeGoal.objects.update_or_create(programme=programme, scope=goal["scope"], measure=goal["measure"],
                                               defaults={"value_min": goal["value_min"], "value_max": goal["value_max"],
                                                         "text": goal["text"], "position": position})


def load_indicators(apps=global_apps):
    """fixtures/programmes/indicators.json: the indicator catalogue (danh mục chỉ tiêu)."""
    Indicator = apps.get_model("programmes", "Indicator")
    has_aggregation = any(f.name == "aggregation" for f in Indicator._meta.get_fields())  # from migration 0008
    rows = _read("indicators.json")
    by_code = {}
    for position, row in enumerate(rows, start=1):
        by_code[row["code"]], _ = update_or_create_changed(Indicator.objects, code=row["code"], defaults={
            "name": row["name"], "short_name": row["short_name"], "unit_of_measure": row["unit_of_measure"],
            "source": row["source"], "additive": row["additive"], "position": position * 10,
            **({"aggregation": row.get("aggregation", "flow")} if has_aggregation else {})})
    for row in rows:
        denominator = by_code.get(row.get("denominator"))
        indicator = by_code[row["code"]]
        if indicator.denominator_id != (denominator.pk if denominator else None):
            indicator.denominator = denominator
            indicator.save(update_fields=["denominator"])


def load_holidays(apps=global_apps):
    """fixtures/programmes/holidays.json: public holidays and made-up working days (editable in the admin;
    rows already there are left as the administrator set them)."""
    PublicHoliday = apps.get_model("programmes", "PublicHoliday")
    for row in _read("holidays.json")["days"]:
        PublicHoliday.objects.get_or_create(date=row["date"], defaults={
            "name": row["name"], "is_working_day": row["is_working_day"]})


def load_reference(apps=global_apps):
    load_programmes(apps)
    load_indicators(apps)
    load_holidays(apps)
