"""Chương trình and its tree of dự án → tiểu dự án, loaded from fixtures/programmes/ (reference data)."""
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """Chương trình mục tiêu quốc gia, e.g. giảm nghèo bền vững 2021–2025 (Quyết định 90/QĐ-TTg)."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên chương trình"), max_length=300)
    short_name = models.CharField(_("tên ngắn"), max_length=150)
    legal_basis = models.CharField(_("văn bản phê duyệt"), max_length=500)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    # False while the dự án / nội dung thành phần are a sample the administrator loaded from a file
    # (programmes.structure_import), not the structure of a decision read from the Gazette.
    structure_confirmed = models.BooleanField(_("cơ cấu dự án đã xác nhận"), default=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["-start_year", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="programme_years_ordered"),
        ]

    def __str__(self):
        return self.short_name

    def covers(self, year_from, year_to):
        return self.start_year <= year_from and year_to <= self.end_year


class Project(models.Model):
    """Dự án thành phần (no parent) or tiểu dự án (parent = its dự án)."""

    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.PROTECT,
                                  related_name="projects")
    parent = models.ForeignKey("self", verbose_name=_("thuộc dự án"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="subprojects")
    number = models.PositiveSmallIntegerField(_("số"))
    code = models.CharField(_("mã"), max_length=20)  # "DA3", "DA3-TDA2"
    name = models.CharField(_("tên"), max_length=500)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("dự án, tiểu dự án")
        verbose_name_plural = _("dự án, tiểu dự án")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="project_code_unique_in_programme"),
            models.UniqueConstraint(fields=["programme", "number"], condition=Q(parent__isnull=True),
                                    name="project_number_unique_in_programme"),
            models.UniqueConstraint(fields=["parent", "number"], name="subproject_number_unique_in_project"),
        ]

    def __str__(self):
        return f"{self.label}: {self.name}"

    @property
    def is_subproject(self):
        return self.parent_id is not None

    @property
    def label(self):
        """"Dự án 3" or "Tiểu dự án 2"."""
        return _("Tiểu dự án %(n)s") % {"n": self.number} if self.is_subproject else _("Dự án %(n)s") % {
            "n": self.number}

    @property
    def full_label(self):
        """"Tiểu dự án 2 thuộc Dự án 3" (needs the parent: select_related("parent"))."""
        if not self.is_subproject:
            return str(self.label)
        return _("%(sub)s thuộc %(project)s") % {"sub": self.label, "project": self.parent.label}

    @property
    def top_number(self):
        return self.parent.number if self.is_subproject else self.number


class GoalScope(models.TextChoices):
    NATIONAL = "national", _("Cả nước")
    ETHNIC_MOUNTAINOUS = "ethnic_mountainous", _("Vùng đồng bào dân tộc thiểu số và miền núi")
    POOR_COMMUNES = "poor_communes", _("Các xã nghèo")
    ETHNIC_MINORITY = "ethnic_minority", _("Hộ dân tộc thiểu số")
    POOR_DISTRICTS = "poor_districts", _("Các huyện nghèo")


class GoalMeasure(models.TextChoices):
    ANNUAL_REDUCTION = "annual_reduction", _("Tỷ lệ hộ nghèo giảm mỗi năm (điểm %)")
    CEILING = "ceiling", _("Tỷ lệ hộ nghèo dưới (%)")


class ProgrammeGoal(models.Model):
    """Mục tiêu giảm nghèo of a programme (e.g. the rate falls 1–1.5 points a year nationally), as data:
    plans check their targets against them and documents quote them."""

    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE,
                                  related_name="goals")
    scope = models.CharField(_("phạm vi"), max_length=20, choices=GoalScope.choices)
    measure = models.CharField(_("thước đo"), max_length=20, choices=GoalMeasure.choices)
    value_min = models.DecimalField(_("mức"), max_digits=5, decimal_places=2)
    value_max = models.DecimalField(_("đến mức"), max_digits=5, decimal_places=2, null=True, blank=True)
    text = models.CharField(_("nội dung mục tiêu"), max_length=500)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục tiêu giảm nghèo của chương trình")
        verbose_name_plural = _("mục tiêu giảm nghèo của chương trình")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "scope", "measure"], name="programme_goal_unique"),
            models.CheckConstraint(condition=Q(value_max__isnull=True) | Q(value_max__gte=F("value_min")),
                                   name="programme_goal_range_ordered"),
        ]

    def __str__(self):
        return self.text
