"""Chính sách hỗ trợ and the support given under them.

A Policy says who may receive it as data (`rule`, the small grammar of support.rules, checked when
saved and evaluated as one SQL query); a SupportRecord is one household or person supported on a
date. The same beneficiary supported twice by a policy in the same period is refused by the
database (the partial unique constraints below) unless the policy allows repeats, in which case
the second record is kept and flagged (`is_repeat`).
"""
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from households.models import Household, Member
from povertyplan.models import AdministrativeUnit
from programmes.models import Agency, AgencyKind, Indicator, Project


class Beneficiary(models.TextChoices):
    HOUSEHOLD = "household", _("Hộ gia đình")
    PERSON = "person", _("Cá nhân (thành viên hộ)")


class Measure(models.TextChoices):
    CARD = "card", _("thẻ")
    DONG = "dong", _("đồng")
    COURSE = "course", _("khóa học")
    LOAN = "loan", _("món vay")
    HOUSE = "house", _("căn nhà")
    PERSON = "person", _("lượt người")
    HOUSEHOLD = "household", _("lượt hộ")


class Period(models.TextChoices):
    """How often a beneficiary may receive the policy: once a calendar year, or once ever (a house)."""
    YEAR = "year", _("Mỗi năm một lần")
    ONCE = "once", _("Một lần")


class Policy(models.Model):
    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên chính sách"), max_length=300)
    # None: a regular policy outside the programme (BHYT, miễn học phí, tín dụng chính sách)
    project = models.ForeignKey(Project, verbose_name=_("thuộc dự án, tiểu dự án"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="policies")
    agency_kind = models.CharField(_("loại cơ quan thực hiện"), max_length=20, choices=AgencyKind.choices)
    beneficiary = models.CharField(_("đối tượng hỗ trợ"), max_length=10, choices=Beneficiary.choices)
    measure = models.CharField(_("đơn vị tính"), max_length=10, choices=Measure.choices)
    period = models.CharField(_("chu kỳ hỗ trợ"), max_length=10, choices=Period.choices, default=Period.YEAR)
    allows_repeats = models.BooleanField(_("cho phép hỗ trợ nhiều lần trong kỳ"), default=False)
    needs_id_number = models.BooleanField(_("cần số CCCD để hỗ trợ"), default=False)
    rule = models.JSONField(_("điều kiện thụ hưởng"), default=dict)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    # the plan indicator its coverage measures (BHYT → ty_le_bhyt): pre-fills reports, shown beside targets
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu kế hoạch đo bằng độ bao phủ"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("chính sách hỗ trợ")
        verbose_name_plural = _("chính sách hỗ trợ")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_personal(self):
        return self.beneficiary == Beneficiary.PERSON

    def clean(self):
        from support.rules import RuleError, check_rule

        try:
            check_rule(self.rule, self.beneficiary)
        except RuleError as exc:
            from django.core.exceptions import ValidationError

            raise ValidationError({"rule": exc.message}) from exc

    def period_of(self, day):
        return "once" if self.period == Period.ONCE else str(day.year)


class SupportRecord(models.Model):
    policy = models.ForeignKey(Policy, verbose_name=_("chính sách"), on_delete=models.PROTECT, related_name="records")
    household = models.ForeignKey(Household, verbose_name=_("hộ"), on_delete=models.PROTECT,
                                  related_name="support_records")
    member = models.ForeignKey(Member, verbose_name=_("thành viên"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="support_records")
    # the village when given: coverage counts by unit without joining households
    village = models.ForeignKey(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.PROTECT,
                                related_name="+")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan thực hiện"), on_delete=models.PROTECT,
                               related_name="support_records")
    given_on = models.DateField(_("ngày hỗ trợ"))
    period = models.CharField(_("kỳ"), max_length=10, editable=False)  # Policy.period_of(given_on)
    quantity = models.PositiveIntegerField(_("số lượng"), default=1, validators=[MinValueValidator(1)])
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), default=0)
    document = models.CharField(_("văn bản, chứng từ"), max_length=200)
    is_repeat = models.BooleanField(_("hỗ trợ lặp lại trong kỳ"), default=False, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(_("ngày ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả hỗ trợ")
        verbose_name_plural = _("kết quả hỗ trợ")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "member", "period"],
                                    condition=Q(member__isnull=False, is_repeat=False),
                                    name="support_once_per_person_period",
                                    violation_error_message=_("Người này đã được hỗ trợ chính sách này trong kỳ.")),
            models.UniqueConstraint(fields=["policy", "household", "period"],
                                    condition=Q(member__isnull=True, is_repeat=False),
                                    name="support_once_per_household_period",
                                    violation_error_message=_("Hộ này đã được hỗ trợ chính sách này trong kỳ.")),
        ]
        indexes = [models.Index(fields=["policy", "period", "village"], name="support_policy_period_idx")]

    def __str__(self):
        return f"{self.policy} – {self.member or self.household}"


class CoverageFigure(models.Model):
    """Số liệu độ bao phủ giữ sẵn: one policy's eligible and supported in one village on `as_of`, computed by the
    policy's rule as it was (`rule_key`). Kept by support.coverage in the transaction of every support record and
    every registry change (households' figures_changed), and recounted each night; a province's coverage sums
    its villages' rows when every village has one of today for the current rule, else counts afresh."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    as_of = models.DateField(_("tại ngày"))
    rule_key = models.CharField(max_length=32)  # support.coverage.rule_key(policy) when counted
    eligible = models.PositiveIntegerField(_("đủ điều kiện"), default=0)
    supported = models.PositiveIntegerField(_("đã được hỗ trợ"), default=0)

    class Meta:
        verbose_name = _("số liệu độ bao phủ")
        verbose_name_plural = _("số liệu độ bao phủ")
        constraints = [
            models.UniqueConstraint(fields=["policy", "village"], name="coverage_figure_unique"),
            models.CheckConstraint(condition=Q(supported__lte=models.F("eligible")),
                                   name="coverage_figure_supported_within_eligible"),
        ]
        indexes = [models.Index(fields=["as_of", "policy"], name="coverage_figure_day_idx")]

    def __str__(self):
        return f"{self.policy_id} {self.village_id} {self.as_of}: {self.supported}/{self.eligible}"
