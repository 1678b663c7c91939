"""Writes of plans (Kế hoạch): create, edit (draft only), issue (locks it), copy to a new draft.

An issued plan is read-only here too, not only in the views: every write re-reads the plan
FOR UPDATE and refuses anything but a draft. Every write takes a real actor and checks it through
programmes.access (the same functions the pages use to decide what to offer); every change of a
draft takes the version the page was read at and raises it (services.conflicts).
"""
import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from povertyplan.audit import record, snapshot
from povertyplan.models import Tier
from povertyplan.routing import require_open
from programmes.access import plan_can_edit, require_unit_writer
from programmes.models import Plan, PlanStatus
from programmes.services.conflicts import check_plan_version

HEADER_FIELDS = ["year_from", "year_to", "superior_body", "issuing_body", "number", "symbol", "place",
                 "document_date", "title", "introduction"]
CONTENT_FIELDS = ["part_order", "purpose_heading", "purpose", "requirements", "objectives_heading",
                  "general_objective", "specific_objectives", "scope_heading", "scope", "beneficiaries",
                  "solutions_heading", "solutions", "activities_heading", "budget_heading", "budget",
                  "organisation_heading", "organisation", "reporting_heading", "reporting", "closing", "annex_title"]
SIGNATURE_FIELDS = ["sign_on_behalf", "sign_for", "signer_position", "signer_name"]
EDITABLE_FIELDS = HEADER_FIELDS + CONTENT_FIELDS + SIGNATURE_FIELDS
COPY_EXCLUDE = {"id", "status", "number", "document_date", "issued_at", "issued_by", "copied_from", "created_at",
                "updated_at", "year_from", "year_to", "programme", "version"}


class PlanLocked(ValidationError):
    def __init__(self):
        super().__init__(_("Kế hoạch đã ban hành nên không sửa được; hãy sao chép thành bản dự thảo mới."),
                         code="locked")


def lock_draft(actor, plan, version):
    """The plan re-read FOR UPDATE inside the caller's transaction, after the checks every change of a
    draft makes: the actor writes plans of its unit (PermissionDenied), it is still a draft
    (PlanLocked) and still at `version`, the one the page was read at (VersionConflict)."""
    current = (Plan.objects.select_for_update(of=("self",)).select_related("issuing_unit", "programme")
               .get(pk=plan.pk))
    require_unit_writer(actor, current.issuing_unit)
    if not plan_can_edit(actor, current):
        raise PlanLocked
    check_plan_version(current, version)
    return current


def bump_version(plan):
    """A change of the plan's rows or targets: the plan's version goes up (its header is unchanged)."""
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    return plan.version


def default_place(unit):
    """Địa danh: "Thị trấn Cao Thượng", "Xã Cao Xá" for communes; "Tân Yên" for a district."""
    if unit.tier >= Tier.COMMUNE:
        return unit.full_name
    kind = str(unit.get_kind_display())
    return unit.name[len(kind):].strip() if unit.name.lower().startswith(kind.lower()) else unit.name


def default_issuing_body(unit, on_date=None):
    """The committee's name as recorded on the unit for the date (povertyplan UnitOffice), else built from
    the unit's name."""
    from povertyplan.models import OfficeKind
    from povertyplan.routing import office_name

    recorded = office_name(unit, OfficeKind.COMMITTEE, on_date) if on_date is not None else ""
    return recorded.upper() if recorded else f"ỦY BAN NHÂN DÂN {unit.full_name.upper()}"


def _plan_start(unit, year_from):
    """The first day a plan of `year_from` speaks for the unit: 1 January, or the unit's first day."""
    start = datetime.date(year_from, 1, 1)
    return max(start, unit.valid_from) if unit.valid_from else start


@transaction.atomic
def plan_create(*, actor, programme, issuing_unit, year_from, year_to=None, title, **values):
    require_unit_writer(actor, issuing_unit)
    if issuing_unit.tier == Tier.VILLAGE:
        raise ValidationError({"issuing_unit": _("Thôn, tổ dân phố không ban hành kế hoạch.")})
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"plan_create() got unexpected fields {sorted(unknown)}")
    start = _plan_start(issuing_unit, year_from) if isinstance(year_from, int) and 1900 < year_from < 3000 else None
    if start is not None:
        # a unit closed before the plan's first year issues no plan for it (thị trấn Cao Thượng: none for 2026)
        try:
            require_open(issuing_unit, start, _("kế hoạch"))
        except ValidationError as error:
            raise ValidationError({"issuing_unit": error.messages}) from None
    values.setdefault("issuing_body", default_issuing_body(issuing_unit, start))
    values.setdefault("place", default_place(issuing_unit))
    plan = Plan(programme=programme, issuing_unit=issuing_unit, year_from=year_from, year_to=year_to or year_from,
                title=title.strip(), **values)
    plan.full_clean()
    plan.save()
    record(actor=actor, action="plan.create", obj=plan, unit=issuing_unit,
           after=snapshot(plan, ["programme", "issuing_unit", "year_from", "year_to", "title"]))
    return plan


@transaction.atomic
def plan_update(*, actor, plan, version, **values):
    """Change header, content or signature fields of a draft read at `version`; audited with the
    changed fields only (and the new version). Nothing changed: no new version, no event."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"plan_update() got unexpected fields {sorted(unknown)}")
    current = lock_draft(actor, plan, version)
    before = snapshot(current, list(values))
    for field, value in values.items():
        setattr(current, field, value.strip() if isinstance(value, str) else value)
    after = snapshot(current, list(values))
    changed = [k for k in values if before.get(k) != after.get(k)]
    if not changed:
        return current
    current.version += 1
    current.full_clean()
    current.save()
    record(actor=actor, action="plan.update", obj=current, unit=current.issuing_unit,
           before={**{k: before[k] for k in changed}, "version": version},
           after={**{k: after[k] for k in changed}, "version": current.version})
    return current


def _number_taken(plan, number, date):
    if not number:
        return None
    return (Plan.objects.filter(issuing_unit=plan.issuing_unit, status=PlanStatus.ISSUED, number=number,
                                symbol=plan.symbol, document_date__year=date.year).exclude(pk=plan.pk).first())


def _number_message(taken):
    return _("Số %(number)s đã dùng cho kế hoạch “%(title)s”.") % {"number": taken.number_symbol, "title": taken.title}


@transaction.atomic
def plan_issue(*, actor, plan, version, number, document_date, signer_name):
    """Ban hành: gives the number, date and signer and locks the plan for good."""
    current = lock_draft(actor, plan, version)
    errors = {}
    if document_date is None:
        errors["document_date"] = _("Cần ghi ngày ban hành.")
    if not (signer_name or "").strip():
        errors["signer_name"] = _("Cần ghi họ tên người ký.")
    if not current.issuing_body.strip() or not current.place.strip():
        errors["__all__"] = _("Cần ghi cơ quan ban hành và địa danh (phần Thông tin chung).")
    number = (number or "").strip()
    taken = _number_taken(current, number, document_date) if document_date else None
    if taken is not None:
        errors["number"] = _number_message(taken)
    if errors:
        raise ValidationError(errors)
    current.number, current.document_date, current.signer_name = number, document_date, signer_name.strip()
    current.status, current.issued_at, current.issued_by = PlanStatus.ISSUED, timezone.now(), actor
    current.version += 1
    current.full_clean()
    try:
        with transaction.atomic():  # a savepoint: another plan issued with this number since the check above
            current.save()
    except IntegrityError:
        taken = _number_taken(current, number, document_date)
        if taken is None:
            raise
        raise ValidationError({"number": _number_message(taken)}) from None
    record(actor=actor, action="plan.issue", obj=current, unit=current.issuing_unit,
           before={"status": PlanStatus.DRAFT, "version": version},
           after={"status": PlanStatus.ISSUED, "number": current.number_symbol,
                  "document_date": document_date.isoformat(), "signer_name": current.signer_name,
                  "version": current.version})
    return current


def _shift_title(title, old_from, old_to, new_from, new_to):
    """"… năm 2024" → "… năm 2025"; a multi-year "2021 - 2025" → the new period."""
    if (old_from, old_to) == (new_from, new_to):
        return title
    if old_from != old_to:
        return re.sub(rf"{old_from}\s*-\s*{old_to}", f"{new_from} - {new_to}", title)
    return re.sub(rf"\b{old_from}\b", str(new_from), title)


@transaction.atomic
def plan_copy(*, actor, plan, year_from, year_to=None, programme=None):
    """Sao chép thành dự thảo mới for another year: every part, assignment and target comes along;
    number, date and status do not. Projects are matched by code when the programme changes."""
    from programmes.services.copying import copy_rows

    plan = Plan.objects.select_related("issuing_unit", "programme").get(pk=plan.pk)  # as stored, not as passed
    require_unit_writer(actor, plan.issuing_unit)
    year_to = year_to or year_from + (plan.year_to - plan.year_from)
    programme = programme or plan.programme
    values = {f.name: getattr(plan, f.name) for f in Plan._meta.concrete_fields if f.name not in COPY_EXCLUDE}
    values.pop("issuing_unit", None)
    values["title"] = _shift_title(plan.title, plan.year_from, plan.year_to, year_from, year_to)
    copy = Plan(programme=programme, issuing_unit=plan.issuing_unit, year_from=year_from, year_to=year_to,
                copied_from=plan, **values)
    copy.full_clean()
    copy.save()
    counts = copy_rows(plan, copy)
    record(actor=actor, action="plan.copy", obj=copy, unit=copy.issuing_unit,
           after={"copied_from": plan.pk, "year_from": year_from, "year_to": year_to, **counts})
    return copy
