"""The lists inside a plan: legal bases, activities, assignments, responsibilities, budget, recipients."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.models.agencies import Agency
from programmes.models.plans import Plan
from programmes.models.structure import Project


class PlanRow(models.Model):
    """A row of one of a plan's ordered lists."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["plan", "order", "id"]


class LegalBasis(PlanRow):
    """Một căn cứ: "Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 …;" as it is written."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    text = models.TextField(_("căn cứ"))

    class Meta(PlanRow.Meta):
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")

    def __str__(self):
        return self.text[:80]


class Activity(PlanRow):
    """Nội dung hoạt động of one dự án or tiểu dự án: mục tiêu, đối tượng, nội dung hỗ trợ."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    project = models.ForeignKey(Project, verbose_name=_("dự án, tiểu dự án"), on_delete=models.PROTECT,
                                related_name="+")
    objective = models.TextField(_("mục tiêu"), blank=True)
    beneficiaries = models.TextField(_("đối tượng"), blank=True)
    support_content = models.TextField(_("nội dung hỗ trợ"), blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = _("nội dung hoạt động")
        verbose_name_plural = _("nội dung hoạt động")
        constraints = [models.UniqueConstraint(fields=["plan", "project"], name="activity_project_unique_in_plan",
                                               violation_error_message=_("Dự án này đã có nội dung hoạt động."))]

    def __str__(self):
        return str(self.project)


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    SUPPORT = "support", _("Phối hợp")


class Assignment(models.Model):
    """Phân công: an agency leads (chủ trì) or supports (phối hợp) a dự án / tiểu dự án of the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    project = models.ForeignKey(Project, verbose_name=_("dự án, tiểu dự án"), on_delete=models.PROTECT,
                                related_name="assignments")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("vai trò"), max_length=10, choices=AssignmentRole.choices, default=AssignmentRole.LEAD)
    tasks = models.TextField(_("nhiệm vụ cụ thể"), blank=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["plan", "project__position", "role", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "project", "agency"], name="assignment_unique",
                                    violation_error_message=_("Cơ quan này đã được phân công dự án này.")),
            models.UniqueConstraint(fields=["plan", "project"], condition=Q(role="lead"),
                                    name="assignment_one_lead_per_project",
                                    violation_error_message=_("Dự án, tiểu dự án này đã có cơ quan chủ trì.")),
            models.CheckConstraint(condition=Q(role__in=AssignmentRole.values), name="assignment_role_valid"),
        ]

    def __str__(self):
        return f"{self.agency} — {self.get_role_display()} {self.project.full_label}"


class Responsibility(PlanRow):
    """Trách nhiệm của một cơ quan (phần Tổ chức thực hiện): heading = the agency or a free text."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="responsibilities")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="responsibilities")
    heading = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    text = models.TextField(_("nhiệm vụ"), blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = _("trách nhiệm")
        verbose_name_plural = _("trách nhiệm")
        constraints = [
            models.CheckConstraint(condition=Q(agency__isnull=False) | ~Q(heading=""),
                                   name="responsibility_has_agency_or_heading",
                                   violation_error_message=_("Chọn cơ quan hoặc ghi tiêu đề.")),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.heading or (self.agency.name if self.agency_id else "")


class BudgetSource(models.TextChoices):
    CENTRAL = "central", _("Ngân sách Trung ương")
    LOCAL = "local", _("Ngân sách địa phương")
    CREDIT = "credit", _("Vốn tín dụng chính sách")
    MOBILISED = "mobilised", _("Vốn huy động, đóng góp của người dân, doanh nghiệp")
    OTHER = "other", _("Nguồn hợp pháp khác")


class BudgetLine(PlanRow):
    """Một nguồn kinh phí, optionally for one project; money in whole đồng."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines")
    source = models.CharField(_("nguồn"), max_length=20, choices=BudgetSource.choices)
    project = models.ForeignKey(Project, verbose_name=_("cho dự án"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")
        constraints = [models.CheckConstraint(condition=Q(source__in=BudgetSource.values), name="budget_source_valid")]

    def __str__(self):
        return self.get_source_display()


class Recipient(PlanRow):
    """Một dòng Nơi nhận: "Phòng LĐTBXH;" / "Lưu: VT, VHXH."."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    text = models.CharField(_("nơi nhận"), max_length=255)

    class Meta(PlanRow.Meta):
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")

    def __str__(self):
        return self.text
