"""Số liệu giữ sẵn: per village, the registry's household count and, per periodic-review year, the
recognised results summed the ways the aggregate pages show them (poor / near-poor, the transitions of
the year, the flagged households, the people, the deprivations, the causes of poverty). Kept up to date
by households.services.figures in the transaction of every change that moves them (recognition,
reopening, import, a household added, moved or edited, a member added or removed), so that aggregate
pages read a few rows per village instead of counting a province's reviews."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from households.models.registry import FLAG_FIELDS
from households.models.reviews import PovertyCause
from households.statuses import StatusChange
from povertyplan.models import AdministrativeUnit

# The names of the per-year counts of VillageFigure besides poor / near_poor, in the order the
# summaries show them: one per StatusChange, then poor/near-poor among each flag, then people.
CHANGE_FIELDS = list(StatusChange.values)
FLAG_COUNT_FIELDS = [f"{kind}_{flag}" for flag in FLAG_FIELDS for kind in ("poor", "near_poor")]
MEMBER_FIELDS = ["poor_members", "near_poor_members"]
YEAR_FIELDS = ["poor", "near_poor", *CHANGE_FIELDS, *FLAG_COUNT_FIELDS, *MEMBER_FIELDS]


def _count(label):
    return models.PositiveIntegerField(label, default=0)


class VillageFigure(models.Model):
    """One village and one periodic-review year (`year` NULL: the registry now, households only)."""

    village = models.ForeignKey(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.CASCADE,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("năm rà soát"), null=True, blank=True)
    households = _count(_("số hộ"))
    poor = _count(_("hộ nghèo"))
    near_poor = _count(_("hộ cận nghèo"))
    newly_poor = _count(_("hộ nghèo phát sinh"))
    re_poor = _count(_("hộ tái nghèo"))
    escaped_poverty = _count(_("hộ thoát nghèo"))
    escaped_near_poverty = _count(_("hộ thoát cận nghèo"))
    poor_is_ethnic_minority = _count(_("hộ nghèo dân tộc thiểu số"))
    near_poor_is_ethnic_minority = _count(_("hộ cận nghèo dân tộc thiểu số"))
    poor_is_meritorious = _count(_("hộ nghèo có công"))
    near_poor_is_meritorious = _count(_("hộ cận nghèo có công"))
    poor_is_social_protection = _count(_("hộ nghèo bảo trợ xã hội"))
    near_poor_is_social_protection = _count(_("hộ cận nghèo bảo trợ xã hội"))
    poor_no_working_capacity = _count(_("hộ nghèo không có khả năng lao động"))
    near_poor_no_working_capacity = _count(_("hộ cận nghèo không có khả năng lao động"))
    poor_members = _count(_("nhân khẩu hộ nghèo"))
    near_poor_members = _count(_("nhân khẩu hộ cận nghèo"))

    class Meta:
        verbose_name = _("số liệu thôn theo năm")
        verbose_name_plural = _("số liệu thôn theo năm")
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="village_figure_unique_year"),
            models.UniqueConstraint(fields=["village"], condition=Q(year__isnull=True),
                                    name="village_figure_unique_registry"),
        ]
        indexes = [models.Index(fields=["year", "village"], name="village_figure_year_idx")]

    def __str__(self):
        return f"{self.village_id} {self.year}: {self.poor}/{self.near_poor}/{self.households}"


class VillageDeprivationFigure(models.Model):
    """Poor and near-poor households of a village deprived in one indicator, in a year's recognised results."""

    village = models.ForeignKey(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.CASCADE,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("năm rà soát"))
    code = models.CharField(_("mã chỉ số"), max_length=10)
    poor = _count(_("hộ nghèo"))
    near_poor = _count(_("hộ cận nghèo"))

    class Meta:
        verbose_name = _("số hộ thiếu hụt theo chỉ số")
        verbose_name_plural = _("số hộ thiếu hụt theo chỉ số")
        constraints = [models.UniqueConstraint(fields=["village", "year", "code"],
                                               name="village_deprivation_unique")]
        indexes = [models.Index(fields=["year", "village"], name="village_deprivation_year_idx")]

    def __str__(self):
        return f"{self.village_id} {self.year} {self.code}: {self.poor}/{self.near_poor}"


class VillageCauseFigure(models.Model):
    """Poor and near-poor households of a village per cause of poverty, in a year's recognised results."""

    village = models.ForeignKey(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.CASCADE,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("năm rà soát"))
    cause = models.CharField(_("nguyên nhân nghèo"), max_length=20, choices=PovertyCause.choices)
    poor = _count(_("hộ nghèo"))
    near_poor = _count(_("hộ cận nghèo"))

    class Meta:
        verbose_name = _("số hộ theo nguyên nhân nghèo")
        verbose_name_plural = _("số hộ theo nguyên nhân nghèo")
        constraints = [models.UniqueConstraint(fields=["village", "year", "cause"], name="village_cause_unique")]
        indexes = [models.Index(fields=["year", "village"], name="village_cause_year_idx")]

    def __str__(self):
        return f"{self.village_id} {self.year} {self.cause}: {self.poor}/{self.near_poor}"


class RoundFigure(models.Model):
    """Reviews of one round whose household is in one village now, by state, classification and change:
    what the round list and a round's progress show, kept up to date like VillageFigure (every change of a
    review's state, result or household's village recounts its cells), so that they read a few rows per
    village instead of a round's 10,000 reviews."""

    round = models.ForeignKey("households.ReviewRound", verbose_name=_("đợt rà soát"), on_delete=models.CASCADE,
                              related_name="+")
    village = models.ForeignKey(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.CASCADE,
                                related_name="+")
    state = models.CharField(_("trạng thái"), max_length=12)
    classification = models.CharField(_("kết quả phân loại"), max_length=20)
    change = models.CharField(_("biến động"), max_length=30, blank=True)
    reviews = _count(_("số kết quả rà soát"))

    class Meta:
        verbose_name = _("số kết quả của đợt rà soát theo thôn")
        verbose_name_plural = _("số kết quả của đợt rà soát theo thôn")
        constraints = [models.UniqueConstraint(fields=["round", "village", "state", "classification", "change"],
                                               name="round_figure_unique")]

    def __str__(self):
        return f"{self.round_id} {self.village_id} {self.state} {self.classification} {self.change}: {self.reviews}"
