"""Every status word of a household, each label written once.

Classification (the result of a review) and StatusChange (how a result differs from the previous
one) are stored on Review; HouseholdStatus, what the household list filters on, is made of their
members plus the two states that are derived, never stored. The stored values are the database
values of Review.classification / Review.change: do not rename them.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.TextChoices):
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    AVERAGE = "average", _("Hộ có mức sống trung bình")
    ABOVE_AVERAGE = "above_average", _("Hộ có mức sống trên trung bình")


class StatusChange(models.TextChoices):
    """Biến động: how a recognised result differs from the household's previous one."""

    NEWLY_POOR = "newly_poor", _("Hộ nghèo phát sinh")
    RE_POOR = "re_poor", _("Hộ tái nghèo")
    ESCAPED_POVERTY = "escaped_poverty", _("Hộ thoát nghèo")
    ESCAPED_NEAR_POVERTY = "escaped_near_poverty", _("Hộ thoát cận nghèo")


def _member(choice):
    return choice.name, (choice.value, choice.label)


# Built from the two enums above (in the order the filter offers them), so that HouseholdStatus.POOR
# == Classification.POOR and a label is never written twice.
HouseholdStatus = models.TextChoices("HouseholdStatus", [
    _member(Classification.POOR),
    _member(Classification.NEAR_POOR),
    *[_member(change) for change in StatusChange],
    ("NEWLY_ESCAPED", ("newly_escaped", _("Hộ mới thoát nghèo"))),
    _member(Classification.AVERAGE),
    _member(Classification.ABOVE_AVERAGE),
    ("NOT_RECOGNISED", ("not_recognised", _("Chưa có kết quả công nhận"))),
], module=__name__)
HouseholdStatus.__doc__ = "What the household list filters on: a classification, a change, or a derived state."
