"""Số liệu giữ sẵn: per village, the registry's household count and each year's recognised poor and
near-poor counts, kept up to date by households.services.figures in the transaction of every change
that moves them (recognition, reopening, import, a household added or moved), so that aggregate pages
read a few rows per village instead of counting a province's reviews."""
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from povertyplan.models import AdministrativeUnit


class VillageFigure(models.Model):
    """One village and one periodic-review year (`year` NULL: the registry now, households only)."""

    village = models.ForeignKey(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.CASCADE,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("năm rà soát"), null=True, blank=True)
    households = models.PositiveIntegerField(_("số hộ"), default=0)
    poor = models.PositiveIntegerField(_("hộ nghèo"), default=0)
    near_poor = models.PositiveIntegerField(_("hộ cận nghèo"), default=0)

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
