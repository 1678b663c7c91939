"""Chỉ tiêu: the indicator catalogue and the targets a plan sets for its unit and the units under it."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from povertyplan.models import AdministrativeUnit
from programmes.models.plans import Plan


class IndicatorSource(models.TextChoices):
    # Registry indicators will be computed from the households app (issue 3); for now they carry the flag.
    REGISTRY = "registry", _("Tính từ sổ theo dõi hộ")
    REPORTED = "reported", _("Do cơ quan, đơn vị báo cáo")


class Aggregation(models.TextChoices):
    """How a reported value rolls up over time: flows add up (people trained in the month), stocks take
    the latest value (poor households at the end of the period)."""

    FLOW = "flow", _("Cộng dồn theo kỳ (số phát sinh)")
    STOCK = "stock", _("Lấy số cuối kỳ (số hiện có)")


class Indicator(models.Model):
    """Một chỉ tiêu trong danh mục (tỷ lệ hộ nghèo, số hộ nghèo giảm, tỷ lệ lao động qua đào tạo …)."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=30)
    source = models.CharField(_("nguồn số liệu"), max_length=10, choices=IndicatorSource.choices)
    # Counts add up over child units (hộ, người); rates do not.
    additive = models.BooleanField(_("cộng dồn từ đơn vị trực thuộc"), default=True)
    # For a count whose rate the tables show (hộ nghèo / số hộ dân cư).
    denominator = models.ForeignKey("self", verbose_name=_("mẫu số để tính tỷ lệ"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    aggregation = models.CharField(_("tổng hợp theo thời gian"), max_length=5, choices=Aggregation.choices,
                                   default=Aggregation.FLOW)
    # Empty: the common catalogue, offered in every plan. Set: loaded with that programme's structure
    # (programmes.structure_import) and offered only in its plans.
    programme = models.ForeignKey("programmes.Programme", verbose_name=_("riêng của chương trình"), null=True,
                                  blank=True, on_delete=models.CASCADE, related_name="indicators")

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("danh mục chỉ tiêu")
        ordering = ["position", "code"]
        constraints = [models.CheckConstraint(condition=Q(source__in=IndicatorSource.values),
                                              name="indicator_source_valid")]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})"

    @property
    def is_derived(self):
        return self.source == IndicatorSource.REGISTRY

    @property
    def places(self):
        """Decimal places to show: counts are whole, rates have two."""
        return 0 if self.additive else 2


class Target(models.Model):
    """The target (value) and the starting point (baseline, e.g. last year's figure) of one
    indicator for one unit in a plan. A parent's target is allocated to its child units by giving
    them targets of the same indicator; `selectors.allocation_checks` tells whether they add up."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT,
                                  related_name="targets")
    value = models.DecimalField(_("chỉ tiêu"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline = models.DecimalField(_("thực hiện kỳ trước"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu giao")
        verbose_name_plural = _("chỉ tiêu giao")
        ordering = ["plan", "unit__path", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "indicator"], name="target_unique_in_plan"),
            models.CheckConstraint(condition=Q(value__isnull=False) | Q(baseline__isnull=False),
                                   name="target_has_a_number"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__gte=0), name="target_value_not_negative"),
            models.CheckConstraint(condition=Q(baseline__isnull=True) | Q(baseline__gte=0),
                                   name="target_baseline_not_negative"),
        ]
        indexes = [models.Index(fields=["plan", "indicator"], name="target_plan_indicator_idx")]

    def __str__(self):
        return f"{self.indicator.short_name} — {self.unit}: {self.value}"


