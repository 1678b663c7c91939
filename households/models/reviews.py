"""Rà soát: review rounds of a commune and one review per household per round."""
import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from households.models.registry import Household
from households.models.standards import DeprivationIndicator, PovertyStandard
from households.statuses import Classification, StatusChange  # noqa: F401  (StatusChange re-exported)
from povertyplan.models import AdministrativeUnit


class RoundKind(models.TextChoices):
    PERIODIC = "periodic", _("Rà soát định kỳ")
    REGULAR = "regular", _("Rà soát thường xuyên")


# The years a round may have: the form's bounds and the service's check (the programme began
# with the 2021 review; a year past 2100 is a typo, and would overflow date arithmetic at 9999).
ROUND_YEAR_MIN = 2021
ROUND_YEAR_MAX = 2100


def round_year_message():
    return gettext("Năm rà soát phải từ %(min)s đến %(max)s.") % {"min": ROUND_YEAR_MIN, "max": ROUND_YEAR_MAX}


round_year_error = lazy(round_year_message, str)  # the form's min/max message, in the request's language


class ReviewRoundQuerySet(models.QuerySet):
    def open_for_results(self):
        """Rounds that still take new results: the one definition of a closed ("recognised") round.

        A round closes when the commune locks it (khóa sổ), or when the periodic review of a later
        year has recognised results in the same commune: its list then replaces this round's.
        Recognition alone does not close a round: a commune may recognise its list in several
        decisions (by village, or a supplementary decision) within the period. Once closed, new
        results go into a regular review; existing ones change only by an audited reopen.
        """
        superseded = Review.objects.filter(round__commune=OuterRef("commune"), round__kind=RoundKind.PERIODIC,
                                           round__year__gt=OuterRef("year"), state__in=RECOGNISED_STATES)
        return self.filter(locked_at__isnull=True).exclude(Exists(superseded))


class ReviewRound(models.Model):
    """Đợt rà soát: the periodic review of a year (1/9–14/12) or a month's regular review."""

    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT,
                                related_name="review_rounds")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(ROUND_YEAR_MIN),
                                                                 MaxValueValidator(ROUND_YEAR_MAX)])
    kind = models.CharField(_("loại"), max_length=10, choices=RoundKind.choices, default=RoundKind.PERIODIC)
    month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True,
                                             validators=[MinValueValidator(1), MaxValueValidator(12)])
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    locked_at = models.DateTimeField(_("ngày khóa sổ"), null=True, blank=True, editable=False)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người khóa sổ"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+", editable=False)
    # Rounds opted into the QĐ 24 steps (meetings, posting) before recognition; older rounds did not keep them.
    follows_procedure = models.BooleanField(_("theo quy trình QĐ 24 (họp dân, niêm yết)"), default=False)

    objects = ReviewRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt rà soát")
        verbose_name_plural = _("đợt rà soát")
        ordering = ["commune", "-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], condition=Q(kind="periodic"),
                                    name="round_one_periodic_per_year",
                                    violation_error_message=_("Xã đã có đợt rà soát định kỳ năm này.")),
            models.UniqueConstraint(fields=["commune", "year", "month"], condition=Q(kind="regular"),
                                    name="round_one_regular_per_month",
                                    violation_error_message=_("Xã đã có đợt rà soát thường xuyên tháng này.")),
            models.CheckConstraint(
                condition=Q(kind="periodic", month__isnull=True) | Q(kind="regular", month__isnull=False, month__gte=1, month__lte=12),
                name="round_month_only_for_regular",
                violation_error_message=_("Rà soát thường xuyên cần tháng; rà soát định kỳ không ghi tháng."),
            ),
        ]

    def __str__(self):
        if self.kind == RoundKind.REGULAR:
            return _("Rà soát thường xuyên tháng %(month)s/%(year)s") % {"month": self.month, "year": self.year}
        return _("Rà soát định kỳ năm %(year)s") % {"year": self.year}

    def window(self):
        """(first day, last day) of the review (QĐ 24/2021 Art. 3): 1/9–14/12, or from the 15th monthly."""
        if self.kind == RoundKind.PERIODIC:
            return datetime.date(self.year, 9, 1), datetime.date(self.year, 12, 14)
        start = datetime.date(self.year, self.month, 15)
        following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 14)
        return start, following

    def standard_date(self):
        """The date whose poverty standard applies. The periodic review of year Y makes the list of
        year Y+1 (the 2021 review used the 2022–2025 standard), a regular review the current one."""
        if self.kind == RoundKind.PERIODIC:
            return datetime.date(self.year + 1, 1, 1)
        return datetime.date(self.year, self.month, 15)

    def first_day(self):
        """The first day of the round's period (1 January of a periodic round's year, the 1st of a regular
        round's month): a commune closed before it takes no round (as a plan's period, households.services)."""
        return datetime.date(self.year, self.month if self.kind == RoundKind.REGULAR and self.month else 1, 1)

    def last_day(self):
        if self.kind == RoundKind.REGULAR and self.month:
            return datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1) - datetime.timedelta(days=1)
        return datetime.date(self.year, 12, 31)

    def accepts_results(self):
        return type(self).objects.open_for_results().filter(pk=self.pk).exists()

    def open_reviews(self):
        """Its reviews not yet recognised (draft, returned, submitted): what a lock leaves behind."""
        return self.reviews.filter(state__in=OPEN_STATES)


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    RECOGNISED = "recognised", _("Đã công nhận")
    LOCKED = "locked", _("Đã khóa")


RECOGNISED_STATES = (ReviewState.RECOGNISED, ReviewState.LOCKED)
EDITABLE_STATES = (ReviewState.DRAFT, ReviewState.RETURNED)
OPEN_STATES = (ReviewState.DRAFT, ReviewState.RETURNED, ReviewState.SUBMITTED)


class PovertyCause(models.TextChoices):
    """Nguyên nhân nghèo (the list of the review forms; wording to check against TT 07/2021)."""

    NO_LAND = "no_land", _("Không có đất sản xuất")
    NO_CAPITAL = "no_capital", _("Không có vốn sản xuất, kinh doanh")
    NO_LABOUR = "no_labour", _("Không có lao động")
    NO_STABLE_JOB = "no_stable_job", _("Không có người có việc làm ổn định")
    NO_MEANS = "no_means", _("Không có tư liệu sản xuất")
    ILLNESS = "illness", _("Có người ốm đau, bệnh nặng, tai nạn")
    DISABILITY = "disability", _("Có người khuyết tật")
    DEPENDANTS = "dependants", _("Đông người ăn theo")
    NO_SKILLS = "no_skills", _("Không biết cách làm ăn, không có tay nghề")
    OTHER = "other", _("Nguyên nhân khác")


class Review(models.Model):
    """Kết quả rà soát of one household in one round, with its recognition by the commune chairman."""

    household = models.ForeignKey(Household, verbose_name=_("hộ"), on_delete=models.CASCADE, related_name="reviews")
    round = models.ForeignKey(ReviewRound, verbose_name=_("đợt rà soát"), on_delete=models.PROTECT,
                              related_name="reviews")
    standard = models.ForeignKey(PovertyStandard, verbose_name=_("chuẩn nghèo"), on_delete=models.PROTECT,
                                 related_name="+")
    income_per_capita = models.PositiveBigIntegerField(_("thu nhập bình quân (đồng/người/tháng)"))
    deprivations = models.ManyToManyField(DeprivationIndicator, verbose_name=_("chỉ số thiếu hụt"), blank=True,
                                          related_name="+")
    # Both derived by the service through classify(): stored so that counts are SQL GROUP BYs.
    deprivation_count = models.PositiveSmallIntegerField(_("số chỉ số thiếu hụt"), default=0, editable=False)
    classification = models.CharField(_("kết quả phân loại"), max_length=20, choices=Classification.choices,
                                      editable=False)
    change = models.CharField(_("biến động"), max_length=30, choices=StatusChange.choices, blank=True, editable=False)
    state = models.CharField(_("trạng thái"), max_length=12, choices=ReviewState.choices, default=ReviewState.DRAFT,
                             editable=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True, editable=False)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=50, blank=True, editable=False)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True, editable=False)
    # Who submitted it: they may not recognise it too (separation of duties, QĐ 24/2021).
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+", editable=False)
    recognised_at = models.DateTimeField(_("ngày ghi công nhận"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)

    class Meta:
        verbose_name = _("kết quả rà soát")
        verbose_name_plural = _("kết quả rà soát")
        ordering = ["household", "decision_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["household", "round"], name="review_one_per_household_round",
                                    violation_error_message=_("Hộ đã có kết quả rà soát trong đợt này.")),
            models.CheckConstraint(
                condition=~Q(state__in=["recognised", "locked"]) | (Q(decision_date__isnull=False) & ~Q(decision_number="")),
                name="review_recognised_has_decision",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "state"], name="review_round_state_idx"),
            models.Index(fields=["household", "state"], name="review_household_state_idx"),
        ]

    def __str__(self):
        return f"{self.household.code} – {self.round}"

    @property
    def is_recognised(self):
        return self.state in RECOGNISED_STATES

    @property
    def is_editable(self):
        return self.state in EDITABLE_STATES


class ReviewCause(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="causes")
    cause = models.CharField(_("nguyên nhân nghèo"), max_length=20, choices=PovertyCause.choices)

    class Meta:
        verbose_name = _("nguyên nhân nghèo")
        verbose_name_plural = _("nguyên nhân nghèo")
        constraints = [models.UniqueConstraint(fields=["review", "cause"], name="review_cause_unique")]

    def __str__(self):
        return self.get_cause_display()
