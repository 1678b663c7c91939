"""Writes of progress reports (báo cáo tiến độ): start, save a draft, attach, submit, return, approve, reopen.

Who may do what is decided in programmes.progress.access only; every write re-reads the report FOR
UPDATE and asks it again there. Edits carry the version the page was read at (VersionConflict).
"""
import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from povertyplan.audit import record
from povertyplan.lib.numbers import format_number
from povertyplan.routing import require_open
from programmes.models import (
    Assignment,
    Indicator,
    IndicatorSource,
    Plan,
    ProgressReport,
    ReportAttachment,
    ReportFunding,
    ReportState,
    ReportValue,
    ReportVersion,
    Target,
)
from programmes.models.progress import reporter_key
from programmes.models.reporting import Period
from programmes.progress.access import can_fill, can_reopen, can_review, is_reporter, is_reviewer
from programmes.progress.due import expected_reports, issued_plans
from programmes.progress.prefill import BASE_CODES, registry_figures, report_coverage, support_figures
from programmes.services.conflicts import check_version

NARRATIVE = ("results", "difficulties", "proposals")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# What a file is, by its first bytes (never by its name or the browser's word): (magic, content type, extension).
FILE_KINDS = [(b"%PDF-", "application/pdf", ".pdf"), (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
              (b"\x89PNG\r\n\x1a\n", "image/png", ".png")]


class ReportLocked(ValidationError):
    def __init__(self):
        super().__init__(_("Báo cáo đã gửi hoặc đã duyệt nên không sửa được."), code="locked")


def _lock(report):
    return (ProgressReport.objects.select_for_update(of=("self",))
            .select_related("plan", "rule", "agency", "unit", "recipient_unit").get(pk=report.pk))


def _require_fill(actor, report):
    if not is_reporter(actor, agency=report.agency, unit=report.unit):
        raise PermissionDenied
    if not can_fill(actor, report):
        raise ReportLocked


def _require_review(actor, report):
    if not is_reviewer(actor, report.recipient_unit):
        raise PermissionDenied
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt hoặc trả lại được báo cáo đang chờ duyệt."), code="state")
    if not can_review(actor, report):  # the reviewer sent it themselves
        raise PermissionDenied(_("Không tự duyệt báo cáo do mình gửi."))


def _state_event(actor, report, action, before_state, reason="", **after):
    record(actor=actor, action=action, obj=report, unit=report.recipient_unit, reason=reason,
           before={"state": before_state, "version": report.version - 1},
           after={"state": report.state, "version": report.version, **after})


# --- start -------------------------------------------------------------------------------------------------

def _require_open_for(unit, rule, period_year, period_index):
    """A commune closed before the period begins says so, rather than "not due" (its successor reports)."""
    try:
        period = Period(rule.frequency, period_year, period_index)
    except ValueError:
        return  # a period that does not exist: _find_due says so
    if unit is not None and unit.valid_to is not None and unit.valid_to < period.start:
        require_open(unit, period.start, _("báo cáo"))


def _existed_during(unit, period):
    return ((unit.valid_from is None or unit.valid_from <= period.end)
            and (unit.valid_to is None or unit.valid_to >= period.start))


def _find_due(plan, rule, period_year, period_index, agency, unit):
    key = (rule.pk, period_year, period_index, reporter_key(agency=agency, unit=unit))
    if rule.plan_id == plan.pk:
        for due in expected_reports(issued_plans(Plan.objects.filter(pk=plan.pk))):
            if due.key == key:
                return due
    raise ValidationError(_("Kế hoạch không yêu cầu báo cáo này: chỉ báo cáo được kỳ của kế hoạch đã ban hành, "
                            "đúng cơ quan hoặc xã được giao báo cáo."), code="not_due")


def _indicators(plan, unit):
    """The indicators of a report: for an agency, those the plan targets that agencies report; for a
    commune, also the registry's (those the plan targets and the base ones)."""
    targeted = Indicator.objects.filter(pk__in=Target.objects.filter(plan=plan).values("indicator"))
    reported = [i for i in targeted if i.source == IndicatorSource.REPORTED]
    if unit is None:
        return reported
    registry = {i.pk: i for i in targeted if i.source == IndicatorSource.REGISTRY}
    registry.update({i.pk: i for i in Indicator.objects.filter(code__in=BASE_CODES)})
    return sorted([*registry.values(), *reported], key=lambda i: (i.position, i.code))


def _values(report, indicators):
    """Pre-filled from the sổ hộ, and from the support records' coverage for an indicator a policy measures
    (both marked `from_registry`: not typed in, so a hand edit says what it replaced)."""
    figures = registry_figures(report.unit, report.period) if report.unit_id else {}
    figures |= report_coverage(report, indicators)
    rows = []
    for indicator in indicators:
        value, source = figures.get(indicator.code, (None, ""))
        if indicator.source == IndicatorSource.REGISTRY and indicator.code not in figures:
            source = _("Sổ hộ chưa có số liệu này cho kỳ báo cáo: ghi tay.")
        rows.append(ReportValue(report=report, indicator=indicator, value=value, source=source[:255],
                                from_registry=value is not None))
    return rows


def _existing(rule, period_year, period_index, reporter):
    return ProgressReport.objects.filter(rule=rule, period_year=period_year, period_index=period_index,
                                         reporter=reporter).first()


@transaction.atomic
def report_start(*, actor, plan, rule, period_year, period_index, agency=None, unit=None):
    """The draft of a report that is due (or the one already started: a double submit gets the same)."""
    if not is_reporter(actor, agency=agency, unit=unit):
        raise PermissionDenied
    _require_open_for(unit, rule, period_year, period_index)
    due = _find_due(plan, rule, period_year, period_index, agency, unit)
    existing = _existing(rule, period_year, period_index, due.reporter)
    if existing is not None:
        return existing
    # A commune reports a period it existed in, for the part it existed: the town closed on 30/06/2025 still
    # reports 2025, and xã Tân Yên, open from 01/07/2025, too; one closed before the period began does not.
    if unit is not None and not _existed_during(unit, due.period):
        require_open(unit, due.period.start, _("báo cáo"))
    report = ProgressReport(plan=plan, rule=rule, period_year=period_year, period_index=period_index, agency=agency,
                            unit=unit, reporter=due.reporter, recipient_unit=due.recipient_unit, deadline=due.deadline)
    report.full_clean(validate_constraints=False)  # the one-per-period rule is the INSERT's, below
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # a second request started it between our look and our INSERT
        existing = _existing(rule, period_year, period_index, due.reporter)
        if existing is None:
            raise
        return existing
    values = ReportValue.objects.bulk_create(_values(report, _indicators(plan, unit)))
    projects, support = [], {}
    if agency is not None:
        projects = sorted({a.project for a in Assignment.objects.filter(plan=plan, agency=agency)
                           .select_related("project")}, key=lambda p: (p.position, p.code))
        support = support_figures(report, projects)
        ReportFunding.objects.bulk_create([_funding(report, p, support.get(p.pk)) for p in projects])
    record(actor=actor, action="report.start", obj=report, unit=report.recipient_unit,
           after={"state": report.state, "version": report.version, "deadline": report.deadline.isoformat(),
                  "values": len(values), "from_registry": sum(v.from_registry for v in values),
                  "funding": [p.code for p in projects], "from_support": len(support)})
    return report


def _funding(report, project, support):
    """A funding line, with what the support records say (supported, amount, source) when they say anything."""
    if support is None:
        return ReportFunding(report=report, project=project)
    supported, amount, source = support
    return ReportFunding(report=report, project=project, supported=supported, support_amount=amount,
                         from_support=True, source=source[:255])


# --- save ----------------------------------------------------------------------------------------------

def _money(value):
    return format_number(value) if value is not None else "-"


@transaction.atomic
def report_save(*, actor, report, version, results="", difficulties="", proposals="", values=None, funding=None,
                supported=None):
    """Save the draft: narrative, `values` {indicator id: Decimal or None}, `funding` {project id:
    (allocated, disbursed)}, `supported` {project id: people or households supported, or None}. A registry
    or support figure changed by hand is no longer marked as theirs; its source keeps what they said."""
    current = _lock(report)
    _require_fill(actor, current)
    check_version(current, version)
    values, funding = values or {}, funding or {}
    rows = {v.indicator_id: v for v in current.values.select_related("indicator")}
    lines = {f.project_id: f for f in current.funding.select_related("project")}
    errors = {}
    if set(values) - set(rows):
        errors["__all__"] = _("Chỉ tiêu không thuộc báo cáo này.")
    supported = supported or {}
    if (set(funding) | set(supported)) - set(lines):
        errors["__all__"] = _("Dự án không thuộc báo cáo này.")
    for pk, (allocated, disbursed) in funding.items():
        if pk in lines and (disbursed or 0) > (allocated or 0):
            errors[f"disbursed_{pk}"] = _("%(project)s: số đã giải ngân (%(disbursed)s đồng) lớn hơn kinh phí được giao "
                                          "(%(allocated)s đồng).") % {"project": lines[pk].project.code,
                                                                      "disbursed": _money(disbursed),
                                                                      "allocated": _money(allocated or 0)}
    if errors:
        raise ValidationError(errors)
    before, after = {}, {}
    for field, text in zip(NARRATIVE, (results, difficulties, proposals), strict=True):
        text = (text or "").strip()
        if getattr(current, field) != text:
            before[field], after[field] = getattr(current, field), text
            setattr(current, field, text)
    changed_values = []
    for pk, value in values.items():
        row = rows[pk]
        if row.value == value:  # Decimals compare by value: 90 == 90.00
            continue
        label = row.indicator.short_name
        before[label], after[label] = _number_text(row.value), _number_text(value)
        if row.from_registry:
            row.from_registry = False
            row.source = (_("Sửa tay; sổ hộ ghi %(value)s (%(source)s)") % {
                "value": _number_text(row.value), "source": row.source})[:255]
        row.value = value
        row.full_clean()
        changed_values.append(row)
    changed_funding = []
    for pk, (allocated, disbursed) in funding.items():
        line = lines[pk]
        allocated, disbursed = allocated or 0, disbursed or 0
        if (line.allocated, line.disbursed) == (allocated, disbursed):
            continue
        label = _("Kinh phí %(project)s (giao/giải ngân)") % {"project": line.project.code}
        before[label] = f"{_money(line.allocated)}/{_money(line.disbursed)}"
        after[label] = f"{_money(allocated)}/{_money(disbursed)}"
        line.allocated, line.disbursed = allocated, disbursed
        line.full_clean()
        changed_funding.append(line)
    for pk, count in supported.items():
        line = lines[pk]
        if line.supported == count:
            continue
        label = _("Số đối tượng được hỗ trợ %(project)s") % {"project": line.project.code}
        before[label], after[label] = line.supported, count
        if line.from_support:
            line.from_support = False
            line.source = (_("Sửa tay; kết quả hỗ trợ ghi %(value)s (%(source)s)") % {
                "value": _money(line.supported), "source": line.source})[:255]
        line.supported = count
        if line not in changed_funding:
            changed_funding.append(line)
    if not before:
        return current
    for row in changed_values:
        row.save(update_fields=["value", "from_registry", "source"])
    for line in changed_funding:
        line.save(update_fields=["allocated", "disbursed", "supported", "from_support", "source"])
    current.version += 1
    current.full_clean(validate_constraints=False)
    current.save()
    record(actor=actor, action="report.save", obj=current, unit=current.recipient_unit,
           before={**before, "version": version}, after={**after, "version": current.version})
    return current


def _number_text(value):
    if value is None:
        return None
    return format_number(value, places=0 if value == value.to_integral_value() else 2)


# --- attachments ---------------------------------------------------------------------------------------

def _kind(upload):
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return next(((ctype, ext) for magic, ctype, ext in FILE_KINDS if head.startswith(magic)), None)


@transaction.atomic
def report_attach(*, actor, report, upload):
    """Attach a scanned copy: PDF, JPEG or PNG as its content says, at most 10 MB."""
    current = _lock(report)
    _require_fill(actor, current)
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": _("Tệp “%(name)s” nặng %(size)s MB, quá giới hạn 10 MB.") % {
            "name": upload.name, "size": format_number(upload.size / (1024 * 1024), places=1)}})
    kind = _kind(upload)
    if kind is None:
        raise ValidationError({"file": _("Tệp “%(name)s” không phải PDF, JPEG hoặc PNG (xét theo nội dung tệp, không "
                                         "theo tên). Chỉ đính kèm bản chụp, bản quét PDF, JPEG hoặc PNG, tối đa "
                                         "10 MB.") % {"name": upload.name}})
    content_type, extension = kind
    original = os.path.basename(upload.name or "")[:255] or f"tep{extension}"
    stem = slugify(os.path.splitext(original)[0])[:80] or "tep"
    attachment = ReportAttachment(report=current, name=original, content_type=content_type, size=upload.size,
                                  uploaded_by=actor)
    attachment.file.save(f"{stem}{extension}", upload, save=False)
    attachment.full_clean()
    attachment.save()
    record(actor=actor, action="report.attach", obj=current, unit=current.recipient_unit,
           after={"attachment": original, "content_type": content_type, "size": upload.size})
    return attachment


@transaction.atomic
def report_detach(*, actor, report, attachment):
    current = _lock(report)
    _require_fill(actor, current)
    attachment = ReportAttachment.objects.get(pk=attachment.pk, report=current)
    name, stored = attachment.name, attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))  # the file goes only once the row is gone for good
    record(actor=actor, action="report.detach", obj=current, unit=current.recipient_unit,
           before={"attachment": name})


# --- state moves --------------------------------------------------------------------------------------

def report_content(report):
    """Everything a sending holds, as JSON (ReportVersion.content)."""
    return {
        **{field: getattr(report, field) for field in NARRATIVE},
        "values": [{"indicator": v.indicator.code, "name": v.indicator.name, "unit": v.indicator.unit_of_measure,
                    "value": None if v.value is None else str(v.value), "from_registry": v.from_registry,
                    "source": v.source} for v in report.values.select_related("indicator").order_by(
                        "indicator__position", "indicator__code")],
        "funding": [{"project": f.project.code, "name": f.project.name, "allocated": f.allocated,
                     "disbursed": f.disbursed, "supported": f.supported, "from_support": f.from_support,
                     "source": f.source} for f in report.funding.select_related("project")],
        "attachments": list(report.attachments.values_list("name", flat=True)),
    }


@transaction.atomic
def report_submit(*, actor, report, version):
    current = _lock(report)
    _require_fill(actor, current)
    check_version(current, version)
    before_state, now = current.state, timezone.now()
    current.state, current.submitted_at, current.submitted_by = ReportState.SUBMITTED, now, actor
    current.first_submitted_at = current.first_submitted_at or now
    current.version += 1
    current.full_clean(validate_constraints=False)
    current.save()
    number = current.versions.count() + 1
    ReportVersion.objects.create(report=current, number=number, submitted_at=now, submitted_by=actor,
                                 content=report_content(current))
    _state_event(actor, current, "report.submit", before_state, number=number)
    return current


def _reason(reason, message):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


@transaction.atomic
def report_return(*, actor, report, reason):
    current = _lock(report)
    _require_review(actor, current)
    reason = _reason(reason, _("Cần ghi lý do trả lại để đơn vị báo cáo sửa."))
    current.state, current.return_reason = ReportState.RETURNED, reason
    current.reviewed_at, current.reviewed_by = timezone.now(), actor
    current.version += 1
    current.full_clean(validate_constraints=False)
    current.save()
    _state_event(actor, current, "report.return", ReportState.SUBMITTED, reason=reason)
    return current


@transaction.atomic
def report_approve(*, actor, report):
    current = _lock(report)
    _require_review(actor, current)
    current.state, current.reviewed_at, current.reviewed_by = ReportState.APPROVED, timezone.now(), actor
    current.version += 1
    current.full_clean(validate_constraints=False)
    current.save()
    _state_event(actor, current, "report.approve", ReportState.SUBMITTED)
    return current


@transaction.atomic
def report_reopen(*, actor, report, reason):
    """Mở lại a locked (approved) report: back to the reporter as returned, with the reason, audited."""
    current = _lock(report)
    if not is_reviewer(actor, current.recipient_unit):
        raise PermissionDenied
    if not can_reopen(actor, current):
        raise ValidationError(_("Chỉ mở lại được báo cáo đã duyệt."), code="state")
    reason = _reason(reason, _("Cần ghi lý do mở lại báo cáo đã duyệt."))
    current.state, current.return_reason = ReportState.RETURNED, reason
    current.reviewed_at, current.reviewed_by = timezone.now(), actor
    current.version += 1
    current.full_clean(validate_constraints=False)
    current.save()
    _state_event(actor, current, "report.reopen", ReportState.APPROVED, reason=reason)
    return current
