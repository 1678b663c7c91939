"""Ngày nghỉ lễ, Tết: the public holidays deadlines skip, kept as data an administrator maintains."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicHoliday(models.Model):
    """One day off for public offices (Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9, …) or a
    compensatory day off (nghỉ bù). Working days are Monday to Friday minus these days; a Saturday
    made a working day to compensate (làm bù) is listed with `is_working_day` set."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên ngày nghỉ"), max_length=120)
    is_working_day = models.BooleanField(_("ngày làm bù (đi làm)"), default=False)

    class Meta:
        verbose_name = _("ngày nghỉ lễ, Tết")
        verbose_name_plural = _("ngày nghỉ lễ, Tết")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"
