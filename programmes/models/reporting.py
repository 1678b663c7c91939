"""Chế độ báo cáo as data: how often, and the deadline rule, with the deadline of any period.

Examples from the seeds: "vào ngày 25 hàng tháng" (monthly, on day 25 of the same month);
"trước ngày 01 của tháng cuối quý" (quarterly, before day 1 of the quarter's third month);
"trước ngày 01 tháng 12" (annual, before day 1 of the year's twelfth month).
"""
import calendar
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programmes.models.plans import Plan
from programmes.text import doc_day, doc_month
from programmes.working_days import NO_HOLIDAYS


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("6 tháng")
    ANNUAL = "annual", _("Hằng năm")


MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.SEMIANNUAL: 6, Frequency.ANNUAL: 12}
ROMAN = ["I", "II", "III", "IV"]


class Timing(models.TextChoices):
    ON = "on", _("vào ngày")
    BEFORE = "before", _("trước ngày")
    WORKING_DAYS_AFTER = "working_days_after", _("số ngày làm việc sau khi hết kỳ")


class Reporters(models.TextChoices):
    """Who owes a report under a rule: the agencies the plan assigns, the communes it covers, or both."""

    AGENCIES = "agencies", _("Các cơ quan được phân công")
    COMMUNES = "communes", _("Các xã, phường thuộc phạm vi kế hoạch")
    BOTH = "both", _("Cơ quan được phân công và các xã, phường")


def add_months(year, month, months):
    """(year, month) moved by `months` (month 1–12)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def day_in_month(year, month, day):
    """The day clamped to the month's length (day 31 of February → 28 or 29)."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """Kỳ báo cáo: the `index`-th month, quarter, half or the whole of `year` (index from 1)."""

    frequency: str
    year: int
    index: int = 1

    def __post_init__(self):
        count = 12 // MONTHS[Frequency(self.frequency)]
        if not 1 <= self.index <= count:
            raise ValueError(f"{self.frequency} period index must be 1..{count}, not {self.index}")

    @property
    def months(self):
        return MONTHS[Frequency(self.frequency)]

    @property
    def first_month(self):
        return (self.index - 1) * self.months + 1

    @property
    def start(self):
        return datetime.date(self.year, self.first_month, 1)

    @property
    def end(self):
        year, month = add_months(self.year, self.first_month, self.months - 1)
        return day_in_month(year, month, 31)

    @property
    def label(self):
        if self.frequency == Frequency.MONTHLY:
            return gettext("Tháng %(m)02d/%(y)s") % {"m": self.index, "y": self.year}
        if self.frequency == Frequency.QUARTERLY:
            return gettext("Quý %(q)s/%(y)s") % {"q": ROMAN[self.index - 1], "y": self.year}
        if self.frequency == Frequency.SEMIANNUAL:
            return (gettext("6 tháng đầu năm %(y)s") if self.index == 1 else gettext("6 tháng cuối năm %(y)s")) % {
                "y": self.year}
        return gettext("Năm %(y)s") % {"y": self.year}

    @classmethod
    def containing(cls, frequency, date):
        return cls(frequency, date.year, (date.month - 1) // MONTHS[Frequency(frequency)] + 1)

    @classmethod
    def in_years(cls, frequency, year_from, year_to):
        count = 12 // MONTHS[Frequency(frequency)]
        return [cls(frequency, year, index) for year in range(year_from, year_to + 1) for index in range(1, count + 1)]


class ReportingRule(models.Model):
    """Một kỳ báo cáo của kế hoạch: who reports what to whom, how often and by when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_rules")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    frequency = models.CharField(_("kỳ báo cáo"), max_length=12, choices=Frequency.choices)
    timing = models.CharField(_("hạn"), max_length=20, choices=Timing.choices, default=Timing.BEFORE)
    day = models.PositiveSmallIntegerField(_("ngày"), validators=[MinValueValidator(1), MaxValueValidator(31)])
    # Month of the deadline counted from the period's first month: 0 = the first month itself;
    # the period's length (1, 3, 6, 12) = the month after the period.
    month_offset = models.PositiveSmallIntegerField(_("tháng (tính từ tháng đầu kỳ)"), default=0,
                                                    validators=[MaxValueValidator(12)])
    reporter = models.CharField(_("đơn vị báo cáo"), max_length=255, blank=True)
    reporters = models.CharField(_("ai phải báo cáo"), max_length=10, choices=Reporters.choices, default=Reporters.BOTH)
    recipient = models.CharField(_("gửi về"), max_length=255, blank=True)
    content = models.CharField(_("nội dung báo cáo"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(day__gte=1, day__lte=31), name="reporting_day_1_31"),
            models.CheckConstraint(condition=Q(month_offset__lte=12), name="reporting_month_offset_max_12"),
            models.CheckConstraint(condition=Q(frequency__in=Frequency.values), name="reporting_frequency_valid"),
            models.CheckConstraint(condition=Q(timing__in=Timing.values), name="reporting_timing_valid"),
            models.CheckConstraint(condition=Q(reporters__in=Reporters.values), name="reporting_reporters_valid"),
        ]

    def __str__(self):
        return f"{self.get_frequency_display()}: {self.describe()}"

    def clean(self):
        if self.timing == Timing.WORKING_DAYS_AFTER:
            return  # `day` counts working days after the period; the month offset does not apply
        if self.frequency in Frequency.values and self.month_offset is not None:
            months = MONTHS[Frequency(self.frequency)]
            if self.month_offset > months:
                raise ValidationError({"month_offset": gettext(
                    "Kỳ %(freq)s chỉ có %(n)s tháng: chọn một tháng trong kỳ hoặc tháng ngay sau kỳ.")
                    % {"freq": self.get_frequency_display().lower(), "n": months}})

    def named_date(self, period):
        """The date the rule names for `period` ("ngày 01 tháng 12 năm 2023")."""
        year, month = add_months(period.year, period.first_month, self.month_offset)
        return day_in_month(year, month, self.day)

    def deadline(self, period, calendar=NO_HOLIDAYS):
        """The last day a report for `period` is on time: the named date, the day before it when the
        rule says "trước ngày", or the `day`-th working day after the period ends (holidays from
        `calendar`, programmes.working_days)."""
        if self.timing == Timing.WORKING_DAYS_AFTER:
            return calendar.add_working_days(period.end, self.day)
        named = self.named_date(period)
        return named - datetime.timedelta(days=1) if self.timing == Timing.BEFORE else named

    def deadlines(self, year_from, year_to, calendar=NO_HOLIDAYS):
        """(period, deadline) of every period of the years, e.g. the 12 monthly deadlines of a year plan."""
        return [(period, self.deadline(period, calendar))
                for period in Period.in_years(self.frequency, year_from, year_to)]

    def describe(self):
        """The rule in words: "vào ngày 25 hằng tháng", "trước ngày 01 của tháng cuối quý" …"""
        if self.timing == Timing.WORKING_DAYS_AFTER:
            return gettext("trong %(n)s ngày làm việc sau khi kết thúc kỳ") % {"n": self.day}
        day = f"{self.get_timing_display()} {doc_day(self.day)}"
        months, offset = MONTHS[Frequency(self.frequency)], self.month_offset
        if self.frequency == Frequency.MONTHLY:
            return day + (gettext(" hằng tháng") if offset == 0 else gettext(" tháng sau"))
        if self.frequency == Frequency.QUARTERLY:
            which = [gettext("tháng đầu quý"), gettext("tháng thứ hai của quý"), gettext("tháng cuối quý"),
                     gettext("tháng đầu quý sau")][offset]
            return gettext("%(day)s của %(which)s") % {"day": day, "which": which}
        month_names = []
        for first in range(1, 13, months):
            year, month = add_months(2000, first, offset)
            later = gettext(" năm sau") if year > 2000 else ""
            month_names.append(gettext("tháng %(m)s") % {"m": doc_month(month)} + later)
        suffix = gettext(" hằng năm") if self.frequency == Frequency.ANNUAL else ""
        months_text = gettext(" và ").join(month_names)  # outside the f-string, where makemessages finds it
        return f"{day} {months_text}{suffix}"
