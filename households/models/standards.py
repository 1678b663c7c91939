"""Poverty standards (chuẩn nghèo đa chiều) as dated data, with their deprivation indicators."""
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from povertyplan.models import AdministrativeUnit, Area


class StandardQuerySet(models.QuerySet):
    def valid_on(self, on_date):
        return self.filter(valid_from__lte=on_date).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on_date))

    def in_force(self, on_date):
        """The national standards valid on a date (the data guarantees at most one). Provincial
        standards are chosen by households.standards.applicable_standards, never here."""
        return self.valid_on(on_date).filter(province__isnull=True)


class LocalUse(models.TextChoices):
    """Where a province applies its own higher standard (the draft 2026–2030 decree lets it); the
    annual review (rà soát) and the national figures always use the national standard."""

    OWN_PROGRAMMES = "own_programmes", _("Kế hoạch, chương trình giảm nghèo riêng của tỉnh")
    OWN_SUPPORT = "own_support", _("Chính sách hỗ trợ riêng của tỉnh (đối tượng thụ hưởng)")


class PovertyStandard(models.Model):
    """Chuẩn nghèo: income lines per area and the minimum number of deprivations, valid for a period."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    poor_line_rural = models.PositiveBigIntegerField(_("chuẩn nghèo nông thôn (đồng/người/tháng)"))
    poor_line_urban = models.PositiveBigIntegerField(_("chuẩn nghèo thành thị (đồng/người/tháng)"))
    average_line_rural = models.PositiveBigIntegerField(_("chuẩn mức sống trung bình nông thôn"))
    average_line_urban = models.PositiveBigIntegerField(_("chuẩn mức sống trung bình thành thị"))
    min_deprivations = models.PositiveSmallIntegerField(_("số chỉ số thiếu hụt tối thiểu của hộ nghèo"), default=3)
    notes = models.TextField(_("ghi chú"), blank=True)
    # Not yet law (a draft decree, or a band the app invented): every screen, export and document
    # that classifies with it says so (households/standards.py unconfirmed_notice).
    confirmed = models.BooleanField(_("đã ban hành chính thức"), default=True)
    average_confirmed = models.BooleanField(_("chuẩn mức sống trung bình đã ban hành chính thức"), default=True)
    # Empty: the national standard. Set: a province's own higher standard, used where `local_use` says.
    province = models.ForeignKey(AdministrativeUnit, verbose_name=_("chuẩn riêng của tỉnh"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    local_use = models.CharField(_("tỉnh áp dụng cho"), max_length=20, choices=LocalUse.choices, blank=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuẩn nghèo")
        verbose_name_plural = _("chuẩn nghèo")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="standard_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(average_line_rural__gte=F("poor_line_rural"))
                & Q(average_line_urban__gte=F("poor_line_urban")),
                name="standard_average_above_poor_line",
            ),
            models.CheckConstraint(condition=Q(province__isnull=True, local_use="")
                                   | Q(province__isnull=False) & ~Q(local_use=""),
                                   name="standard_local_use_iff_province"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from households.standards import check_local_standard

        check_local_standard(self)

    @property
    def is_local(self):
        return self.province_id is not None

    @property
    def fully_confirmed(self):
        return self.confirmed and self.average_confirmed

    def poor_line(self, area):
        return self.poor_line_urban if area == Area.URBAN else self.poor_line_rural

    def average_line(self, area):
        return self.average_line_urban if area == Area.URBAN else self.average_line_rural


class DeprivationIndicator(models.Model):
    """Chỉ số đo lường mức độ thiếu hụt dịch vụ xã hội cơ bản of one standard."""

    standard = models.ForeignKey(PovertyStandard, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("mã"), max_length=10)
    service = models.CharField(_("dịch vụ xã hội cơ bản"), max_length=100)
    name = models.CharField(_("chỉ số"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ số thiếu hụt")
        verbose_name_plural = _("chỉ số thiếu hụt")
        ordering = ["standard", "order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="indicator_code_unique_per_standard"),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"
