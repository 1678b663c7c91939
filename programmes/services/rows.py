"""Writes of a plan's lists (căn cứ, nội dung hoạt động, phân công, trách nhiệm, kinh phí, chế độ
báo cáo, nơi nhận): one call saves the whole list as edited in its form, all or nothing."""
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from povertyplan.audit import record
from programmes.models import (
    Activity,
    Assignment,
    BudgetLine,
    LegalBasis,
    Recipient,
    ReportingRule,
    Responsibility,
)
from programmes.services.plans import bump_version, lock_draft


@dataclass(frozen=True)
class RowSpec:
    model: type
    related_name: str
    fields: tuple
    label: str


ROW_SPECS = {
    "legal-bases": RowSpec(LegalBasis, "legal_bases", ("order", "text"), "căn cứ"),
    "activities": RowSpec(Activity, "activities", ("order", "project", "objective", "beneficiaries",
                                                   "support_content"), "nội dung hoạt động"),
    "assignments": RowSpec(Assignment, "assignments", ("project", "agency", "role", "tasks"), "phân công"),
    "responsibilities": RowSpec(Responsibility, "responsibilities", ("order", "agency", "heading", "text"),
                                "trách nhiệm"),
    "budget": RowSpec(BudgetLine, "budget_lines", ("order", "source", "project", "amount", "note"), "kinh phí"),
    "reporting": RowSpec(ReportingRule, "reporting_rules", ("order", "frequency", "timing", "day", "month_offset",
                                                            "reporters", "reporter", "recipient", "content"),
                         "chế độ báo cáo"),
    "recipients": RowSpec(Recipient, "recipients", ("order", "text"), "nơi nhận"),
}


@dataclass
class RowChange:
    """One row of an edited list: the existing row's pk (None for a new one), its values, delete or not."""

    pk: int | None
    values: dict = field(default_factory=dict)
    delete: bool = False


def _state(row, fields):
    return {f: str(getattr(row, f)) if getattr(row, f) is not None else None for f in fields}


def _check_references(plan, row):
    """Projects of the plan's programme; agencies of the issuing unit, its ancestors or units under it."""
    project = getattr(row, "project", None)
    if project is not None and project.programme_id != plan.programme_id:
        raise ValidationError({"project": _("Dự án này không thuộc chương trình của kế hoạch.")})
    agency = getattr(row, "agency", None)
    if agency is not None:
        unit = plan.issuing_unit
        if not (agency.unit.path.startswith(unit.path) or agency.unit_id in unit.ancestor_ids()):
            raise ValidationError({"agency": _("Cơ quan này không thuộc địa bàn của kế hoạch.")})


@transaction.atomic
def plan_rows_save(*, actor, plan, version, part, rows):
    """Apply the edited list `rows` (RowChange) of one part of a plan read at `version`: deletions,
    then changes, then new rows. The rows' uniqueness (one lead per sub-project …) cannot race:
    every save of a plan's rows holds the plan's row lock (lock_draft) until it commits."""
    spec = ROW_SPECS[part]
    current = lock_draft(actor, plan, version)
    existing = {r.pk: r for r in getattr(current, spec.related_name).all()}
    before = [_state(r, spec.fields) for r in existing.values()]
    unknown = [c.pk for c in rows if c.pk is not None and c.pk not in existing]
    if unknown:
        raise ValidationError(_("Dòng không thuộc kế hoạch này."))
    for change in rows:
        if change.pk is not None and change.delete:
            existing.pop(change.pk).delete()
    kept = [c for c in rows if not c.delete]
    ordered = [c for c in kept if c.pk is not None] + [c for c in kept if c.pk is None]
    for change in ordered:
        row = existing[change.pk] if change.pk is not None else spec.model(plan=current)
        for name, value in change.values.items():
            if name not in spec.fields:
                raise TypeError(f"{spec.model.__name__} has no editable field {name!r}")
            setattr(row, name, value.strip() if isinstance(value, str) else value)
        _check_references(current, row)
        row.full_clean()
        row.save()
        existing[row.pk] = row
    after = [_state(r, spec.fields) for r in getattr(current, spec.related_name).all()]
    if after != before:
        bump_version(current)
        record(actor=actor, action=f"plan.{spec.related_name}.save", obj=current, unit=current.issuing_unit,
               before={spec.related_name: before, "version": version},
               after={spec.related_name: after, "version": current.version})
    return current
