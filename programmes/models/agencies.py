"""Cơ quan, đơn vị thực hiện: the bodies a plan assigns tasks and sub-projects to."""
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from povertyplan.models import AdministrativeUnit


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", _("Phòng chuyên môn")
    SERVICE = "service", _("Đơn vị sự nghiệp (trung tâm, trạm, đài)")
    BANK = "bank", _("Ngân hàng Chính sách xã hội")
    FRONT = "front", _("Mặt trận Tổ quốc, đoàn thể")
    COMMITTEE = "committee", _("Ủy ban nhân dân")
    STEERING = "steering", _("Ban chỉ đạo")
    OFFICIAL = "official", _("Công chức chuyên môn")
    OTHER = "other", _("Khác")


class Agency(models.Model):
    """A body of one administrative unit (Phòng LĐ-TB&XH huyện Tân Yên, Ủy ban MTTQ thị trấn …).

    Agency officers (Role.AGENCY) belong to agencies through `members`; they see the plans that
    assign their agency and nothing else of the programmes app.
    """

    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("thuộc đơn vị hành chính"), on_delete=models.PROTECT,
                             related_name="agencies")
    name = models.CharField(_("tên cơ quan, đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ thuộc cơ quan"), blank=True,
                                     related_name="agencies")
    version = models.PositiveIntegerField(_("phiên bản"), default=1)  # optimistic locking of the edit form

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["unit__code", "name"]
        # Case-insensitive, as services.agencies checks it: "Trung tâm Y tế" and "trung tâm y tế" are one body.
        constraints = [models.UniqueConstraint("unit", Lower("name"), name="agency_name_unique_in_unit",
                                               violation_error_message=_("Đơn vị này đã có cơ quan cùng tên."))]

    def __str__(self):
        return self.name

    @property
    def full_name(self):
        """"Trung tâm Y tế huyện Tân Yên" (needs the unit)."""
        unit_name = self.unit.full_name
        kind = str(self.unit.get_kind_display()).lower()
        if unit_name.lower() in self.name.lower():
            return self.name
        if self.name.lower().endswith(f" {kind}"):  # "Ủy ban MTTQ thị trấn" → "… thị trấn Cao Thượng"
            return f"{self.name}{unit_name[len(kind):]}"
        return f"{self.name} {unit_name[:1].lower()}{unit_name[1:]}"
