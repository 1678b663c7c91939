"""Kế hoạch: a plan of an issuing unit for a year or a multi-year period, in the parts the real
plans have, from the header of Decree 30/2020 to the signature block."""
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from povertyplan.models import AdministrativeUnit
from programmes.models.structure import Programme


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Part(models.TextChoices):
    """The numbered sections (I., II., …) of the document, in their default order."""

    PURPOSE = "purpose", _("Mục đích, yêu cầu")
    OBJECTIVES = "objectives", _("Mục tiêu, chỉ tiêu")
    SCOPE = "scope", _("Phạm vi, đối tượng")
    SOLUTIONS = "solutions", _("Nhiệm vụ, giải pháp")
    ACTIVITIES = "activities", _("Nội dung hoạt động (dự án, tiểu dự án)")
    BUDGET = "budget", _("Kinh phí")
    ORGANISATION = "organisation", _("Tổ chức thực hiện (trách nhiệm các cơ quan)")
    REPORTING = "reporting", _("Chế độ báo cáo")


DEFAULT_HEADINGS = {
    Part.PURPOSE: "MỤC ĐÍCH, YÊU CẦU",
    Part.OBJECTIVES: "MỤC TIÊU",
    Part.SCOPE: "PHẠM VI, ĐỐI TƯỢNG VÀ THỜI GIAN THỰC HIỆN",
    Part.SOLUTIONS: "CÁC GIẢI PHÁP CHỦ YẾU",
    Part.ACTIVITIES: "NỘI DUNG HOẠT ĐỘNG",
    Part.BUDGET: "KINH PHÍ THỰC HIỆN",
    Part.ORGANISATION: "TỔ CHỨC THỰC HIỆN",
    Part.REPORTING: "CHẾ ĐỘ BÁO CÁO",
}


def _heading(part):
    return models.CharField(_("tiêu đề mục"), max_length=200, default=DEFAULT_HEADINGS[part])


class DatabaseOnlyUniqueConstraint(models.UniqueConstraint):
    """A unique index the database enforces but model validation skips: Django cannot evaluate
    EXTRACT over a parameter on PostgreSQL (its check fails and reports every row as a clash), and
    the service checks the rule first anyway, with a message that names the other plan."""

    def validate(self, model, instance, exclude=None, using=None):
        return


def default_part_order():
    return list(Part.values)


class Plan(models.Model):
    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT,
                                  related_name="plans")
    issuing_unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT,
                                     related_name="plans")
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)

    # Thể thức (Nghị định 30/2020/NĐ-CP): ô 2, 3, 4, 5a.
    superior_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=50, default="KH-UBND")
    place = models.CharField(_("địa danh"), max_length=120)
    document_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu (tên kế hoạch)"), max_length=500)
    introduction = models.TextField(_("lời mở đầu"), blank=True)

    # Nội dung: each part has its heading (editable) and its text.
    part_order = models.JSONField(_("thứ tự các mục"), default=default_part_order)
    purpose_heading = _heading(Part.PURPOSE)
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    objectives_heading = _heading(Part.OBJECTIVES)
    general_objective = models.TextField(_("mục tiêu tổng quát"), blank=True)
    specific_objectives = models.TextField(_("mục tiêu cụ thể, chỉ tiêu"), blank=True)
    scope_heading = _heading(Part.SCOPE)
    scope = models.TextField(_("phạm vi, thời gian thực hiện"), blank=True)
    beneficiaries = models.TextField(_("đối tượng"), blank=True)
    solutions_heading = _heading(Part.SOLUTIONS)
    solutions = models.TextField(_("nhiệm vụ, giải pháp"), blank=True)
    activities_heading = _heading(Part.ACTIVITIES)
    budget_heading = _heading(Part.BUDGET)
    budget = models.TextField(_("nguồn kinh phí"), blank=True)
    organisation_heading = _heading(Part.ORGANISATION)
    organisation = models.TextField(_("lời dẫn phần tổ chức thực hiện"), blank=True)
    reporting_heading = _heading(Part.REPORTING)
    reporting = models.TextField(_("chế độ báo cáo (văn bản)"), blank=True)
    closing = models.TextField(_("đoạn kết"), blank=True)
    annex_title = models.CharField(_("tên phụ lục chỉ tiêu"), max_length=300, blank=True)

    # Ô 7a–7c: quyền hạn, chức vụ, họ tên người ký.
    sign_on_behalf = models.CharField(_("thay mặt (TM.)"), max_length=200, blank=True, default="ỦY BAN NHÂN DÂN")
    sign_for = models.CharField(_("ký thay (KT.)"), max_length=200, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=200, blank=True, default="CHỦ TỊCH")
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)

    copied_from = models.ForeignKey("self", verbose_name=_("sao chép từ"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="copies")
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ban hành"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    # Optimistic locking: raised by every change to the plan, its rows or its targets, so a form
    # read before someone else's save is refused instead of overwriting it.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year_from", "issuing_unit__path", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(year_to__gte=F("year_from")), name="plan_years_ordered",
                                   violation_error_message=_("Năm kết thúc phải từ năm bắt đầu trở đi.")),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="plan_status_valid"),
            models.CheckConstraint(condition=Q(status=PlanStatus.DRAFT) | Q(document_date__isnull=False),
                                   name="plan_issued_has_date"),
            # Số văn bản: once per issuing unit, symbol and year among issued plans (two issues at once
            # cannot both take it; services.plans turns the clash into the form's message).
            DatabaseOnlyUniqueConstraint("issuing_unit", "symbol", "number", ExtractYear("document_date"),
                                         condition=Q(status=PlanStatus.ISSUED) & ~Q(number=""),
                                         name="plan_number_unique_per_unit_year"),
        ]
        indexes = [models.Index(fields=["issuing_unit", "year_from"], name="plan_unit_year_idx")]

    def __str__(self):
        return f"{self.title} ({self.period_label})"

    def clean(self):
        errors = {}
        if self.year_from and self.year_to and self.year_to < self.year_from:
            errors["year_to"] = _("Năm kết thúc phải từ năm bắt đầu trở đi.")
        elif self.programme_id and self.year_from and self.year_to and not self.programme.covers(
                self.year_from, self.year_to):
            errors["year_from"] = _("Kế hoạch %(period)s nằm ngoài thời gian của %(programme)s (%(start)s - %(end)s).") % {
                "period": self.period_label, "programme": self.programme, "start": self.programme.start_year,
                "end": self.programme.end_year}
        # The unit's validity is a form-wide error: the header form has years but no unit field.
        unit = self.issuing_unit if self.issuing_unit_id else None
        if unit is not None and self.year_from:
            if unit.valid_to and unit.valid_to.year < self.year_from:
                errors[NON_FIELD_ERRORS] = _("%(unit)s chỉ còn hiệu lực đến %(date)s.") % {
                    "unit": unit.full_name, "date": unit.valid_to.strftime("%d/%m/%Y")}
            elif unit.valid_from and self.year_to and unit.valid_from.year > self.year_to:
                errors[NON_FIELD_ERRORS] = _("%(unit)s có hiệu lực từ %(date)s.") % {
                    "unit": unit.full_name, "date": unit.valid_from.strftime("%d/%m/%Y")}
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self):
        return self.status == PlanStatus.DRAFT

    @property
    def period_label(self):
        if self.year_from == self.year_to:
            return _("năm %(year)s") % {"year": self.year_from}
        return _("giai đoạn %(start)s - %(end)s") % {"start": self.year_from, "end": self.year_to}

    @property
    def number_symbol(self):
        """"12/KH-UBND", or "   /KH-UBND" while the number is not given yet."""
        return f"{self.number or chr(0xA0) * 6}/{self.symbol}"

    def heading(self, part):
        return getattr(self, f"{part}_heading") or DEFAULT_HEADINGS[part]

    def ordered_parts(self):
        """The parts in this plan's order; unknown keys are dropped, missing ones appended."""
        known = [p for p in (self.part_order or []) if p in Part.values]
        return [Part(p) for p in dict.fromkeys(known + list(Part.values))]

    def headings_in_order(self):
        return [(part, self.heading(part)) for part in self.ordered_parts()]
