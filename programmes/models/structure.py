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
