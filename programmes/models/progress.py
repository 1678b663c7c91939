"""Báo cáo tiến độ: the reports a plan's reporting rules expect, filled in, submitted, returned, approved.

A report belongs to one reporting rule of an issued plan, one period of that rule, and one reporter:
an agency the plan assigns (lead or support) or a commune the plan covers. What is due is computed
from the plan (programmes.progress.due); a ProgressReport row exists once the reporter starts it.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from povertyplan.models import AdministrativeUnit
from programmes.models.agencies import Agency
from programmes.models.plans import Plan
from programmes.models.reporting import Period, ReportingRule
from programmes.models.structure import Project
from programmes.models.targets import Indicator


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")


def reporter_key(*, agency=None, unit=None):
    """"a:<agency id>" or "u:<unit id>": one key for the two kinds of reporter, so that uniqueness and
    reminders need no nullable columns in their constraints."""
    if (agency is None) == (unit is None):
        raise ValueError("a reporter is an agency or a unit, not both or neither")
    return f"a:{agency.pk}" if agency is not None else f"u:{unit.pk}"


class ProgressReport(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="reports")
    rule = models.ForeignKey(ReportingRule, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT,
                             related_name="reports")
    period_year = models.PositiveSmallIntegerField(_("năm"))
    period_index = models.PositiveSmallIntegerField(_("kỳ trong năm"))  # month 1–12, quarter 1–4, half 1–2, 1
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan báo cáo"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã, phường báo cáo"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="progress_reports")
    reporter = models.CharField(max_length=20, editable=False)  # reporter_key(): "a:5" / "u:9"
    # Whom it goes to: the plan's issuing unit, or its successor in the tree valid on the period's last day.
    recipient_unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("gửi đến"), on_delete=models.PROTECT,
                                       related_name="received_reports")
    deadline = models.DateField(_("hạn nộp"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    results = models.TextField(_("kết quả đạt được"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("duyệt hoặc trả lại lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["plan", "period_year", "period_index", "reporter"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "period_year", "period_index", "reporter"],
                                    name="report_one_per_rule_period_reporter",
                                    violation_error_message=_("Báo cáo kỳ này của đơn vị đã có.")),
            models.CheckConstraint(condition=Q(agency__isnull=True, unit__isnull=False)
                                   | Q(agency__isnull=False, unit__isnull=True), name="report_one_reporter"),
            models.CheckConstraint(condition=Q(state__in=ReportState.values), name="report_state_valid"),
            models.CheckConstraint(condition=Q(state="draft") | Q(submitted_at__isnull=False),
                                   name="report_sent_has_time"),
        ]
        indexes = [
            models.Index(fields=["recipient_unit", "period_year"], name="report_recipient_year_idx"),
            models.Index(fields=["plan", "state"], name="report_plan_state_idx"),
        ]

    def __str__(self):
        return f"{self.reporter_name} – {self.period.label}"

    @property
    def period(self):
        return Period(self.rule.frequency, self.period_year, self.period_index)

    @property
    def reporter_name(self):
        return self.agency.full_name if self.agency_id else self.unit.full_name

    @property
    def is_editable(self):
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)

    @property
    def on_time(self):
        """Sent on or before the deadline (the first sending counts: a return does not make it late)."""
        if self.first_submitted_at is None:
            return None
        from django.utils import timezone

        return timezone.localtime(self.first_submitted_at).date() <= self.deadline


class ReportValue(models.Model):
    """Số liệu: one indicator's value in a report; `from_registry` marks values pre-filled from the sổ hộ."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=2, null=True, blank=True)
    from_registry = models.BooleanField(_("lấy từ sổ theo dõi hộ"), default=False)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        ordering = ["report", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="report_value_unique"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__gte=0), name="report_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.value}"


class ReportFunding(models.Model):
    """Kinh phí: allocated and disbursed (đồng) of one sub-project in a report."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="funding")
    project = models.ForeignKey(Project, verbose_name=_("dự án, tiểu dự án"), on_delete=models.PROTECT,
                                related_name="+")
    allocated = models.PositiveBigIntegerField(_("kinh phí được giao (đồng)"), default=0)
    disbursed = models.PositiveBigIntegerField(_("đã giải ngân (đồng)"), default=0)
    # What the support records say (an app built on programmes, through progress.prefill.support_figures):
    # the people or households supported (editable), and the money given, offered as "disbursed" on the form.
    supported = models.PositiveIntegerField(_("số đối tượng được hỗ trợ"), null=True, blank=True)
    support_amount = models.PositiveBigIntegerField(_("số tiền hỗ trợ đã ghi nhận (đồng)"), null=True, blank=True)
    from_support = models.BooleanField(_("lấy từ kết quả hỗ trợ"), default=False)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kinh phí")
        verbose_name_plural = _("kinh phí")
        ordering = ["report", "project__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "project"], name="report_funding_unique"),
            models.CheckConstraint(condition=Q(disbursed__lte=models.F("allocated")),
                                   name="report_disbursed_within_allocated",
                                   violation_error_message=_("Số đã giải ngân không được lớn hơn kinh phí được giao.")),
        ]

    def __str__(self):
        return f"{self.project_id}: {self.disbursed}/{self.allocated}"


class ReportVersion(models.Model):
    """What was sent each time (lần gửi): kept whole, so a returned and corrected report shows its history."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("lần gửi"))
    submitted_at = models.DateTimeField(_("gửi lúc"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    content = models.JSONField(_("nội dung"))

    class Meta:
        verbose_name = _("lần gửi báo cáo")
        verbose_name_plural = _("các lần gửi báo cáo")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self):
        return f"{self.report_id} #{self.number}"


class ReportAttachment(models.Model):
    """Tệp đính kèm: a scanned signed copy (PDF or image), stored through Django's storage API."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="reports/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["report", "uploaded_at", "id"]

    def __str__(self):
        return self.name


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Nhắc trước hạn")
    OVERDUE = "overdue", _("Báo quá hạn")


class ReminderSent(models.Model):
    """A reminder e-mail that went out, so a second run of the daily command sends none again."""

    rule = models.ForeignKey(ReportingRule, on_delete=models.CASCADE, related_name="+")
    period_year = models.PositiveSmallIntegerField()
    period_index = models.PositiveSmallIntegerField()
    reporter = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        verbose_name = _("thư nhắc đã gửi")
        verbose_name_plural = _("thư nhắc đã gửi")
        constraints = [models.UniqueConstraint(fields=["rule", "period_year", "period_index", "reporter", "kind"],
                                               name="reminder_once")]

    def __str__(self):
        return f"{self.kind} {self.reporter} {self.period_year}/{self.period_index}"
