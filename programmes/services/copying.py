"""Copy a plan's rows into a new draft (plan_copy)."""
from programmes.models import Project

# related name → fields copied (besides plan); project fields are re-matched by code and name.
COPIED = {
    "legal_bases": ("order", "text"),
    "activities": ("order", "project", "objective", "beneficiaries", "support_content"),
    "assignments": ("project", "agency", "role", "tasks"),
    "responsibilities": ("order", "agency", "heading", "text"),
    "budget_lines": ("order", "source", "project", "amount", "note"),
    "reporting_rules": ("order", "frequency", "timing", "day", "month_offset", "reporter", "recipient", "content"),
    "recipients": ("order", "text"),
    "targets": ("unit", "indicator", "value", "baseline", "note"),
}


def copy_rows(source, target):
    """Copy every list of `source` into `target`; returns {related name: rows copied}."""
    same = source.programme_id == target.programme_id
    # Into another programme a row keeps its dự án only where that programme has one of the same code
    # and name: the 2026–2035 programme numbers its components afresh, so "DA2" alone means another thing.
    projects = {} if same else {(p.code, _key(p.name)): p for p in Project.objects.filter(programme=target.programme_id)}
    counts = {}
    for related_name, fields in COPIED.items():
        manager = getattr(source, related_name, None)
        if manager is None:
            continue
        model = manager.model
        copies = []
        for row in manager.all().select_related(*[f for f in fields if f in ("project", "indicator")]):
            values = {f: getattr(row, f) for f in fields}
            if "indicator" in values and values["indicator"].programme_id not in (None, target.programme_id):
                continue  # an indicator of the old programme's own is not one of the new programme's
            if "project" in values and values["project"] is not None and not same:
                values["project"] = projects.get((values["project"].code, _key(values["project"].name)))
                if values["project"] is None and not model._meta.get_field("project").null:
                    continue  # the project does not exist in the new programme
            copies.append(model(plan=target, **values))
        model.objects.bulk_create(copies)
        counts[related_name] = len(copies)
    return counts


def _key(name):
    return " ".join(name.split()).casefold()
