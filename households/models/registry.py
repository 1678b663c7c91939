"""Sổ hộ: households (hộ gia đình) and their members (nhân khẩu)."""
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from povertyplan.lib.names import search_key
from povertyplan.models import AdministrativeUnit

id_number_validator = RegexValidator(r"^[0-9]{12}\Z", _("Số CCCD phải gồm đúng 12 chữ số."), code="id_number")
household_code_validator = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z._/-]*\Z", _("Mã hộ chỉ gồm chữ không dấu, số và . _ / -"), code="household_code"
)


class Household(models.Model):
    """Hộ gia đình: identified by its code within the commune, living in a village (thôn, tổ dân phố)."""

    # The commune is the village's parent, kept on the row so that "code unique in the commune"
    # is a database constraint and a commune's households are one indexed lookup.
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT,
                                related_name="+")
    village = models.ForeignKey(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.PROTECT,
                                related_name="households")
    code = models.CharField(_("mã hộ"), max_length=30, validators=[household_code_validator])
    head_name = models.CharField(_("họ và tên chủ hộ"), max_length=150)
    # head_name without diacritics, lower case (povertyplan.lib.names.search_key): searched with a trigram
    # index on PostgreSQL, so "nguyen van an" finds "Nguyễn Văn An" in a province in milliseconds.
    search_name = models.CharField(max_length=150, blank=True, editable=False)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    is_ethnic_minority = models.BooleanField(_("hộ dân tộc thiểu số"), default=False)
    is_meritorious = models.BooleanField(_("hộ người có công với cách mạng"), default=False)
    is_social_protection = models.BooleanField(_("hộ bảo trợ xã hội"), default=False)
    no_working_capacity = models.BooleanField(_("hộ không có khả năng lao động"), default=False)
    # The latest recognised review: derived by households.services.history, never typed in.
    current_review = models.ForeignKey("households.Review", verbose_name=_("kết quả rà soát hiện hành"), null=True,
                                       blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    # The decision date of the escape from poverty that began the household's current non-poor stretch (None
    # when the current result is poor or no escape came before it): kept with current_review by
    # households.services.history, so that "newly escaped today" is one indexed comparison (households.status).
    escaped_on = models.DateField(_("ngày thoát nghèo gần nhất"), null=True, blank=True, editable=False, db_index=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["commune", "code"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="household_code_unique_per_commune",
                                    violation_error_message=_("Mã hộ này đã có trong xã.")),
        ]
        indexes = [models.Index(fields=["village", "code"], name="household_village_code_idx")]

    def __str__(self):
        return f"{self.code} – {self.head_name}"

    @property
    def area(self):
        return self.village.area

    def refresh_search_name(self):
        self.search_name = search_key(self.head_name)

    def flags(self):
        """Labels of the flags that are set, for badges."""
        return [field.verbose_name for field in self._meta.fields if field.name in FLAG_FIELDS and getattr(self, field.name)]


FLAG_FIELDS = ["is_ethnic_minority", "is_meritorious", "is_social_protection", "no_working_capacity"]


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Relation(models.TextChoices):
    HEAD = "head", _("Chủ hộ")
    SPOUSE = "spouse", _("Vợ, chồng")
    CHILD = "child", _("Con")
    CHILD_IN_LAW = "child_in_law", _("Con dâu, con rể")
    PARENT = "parent", _("Bố, mẹ")
    GRANDPARENT = "grandparent", _("Ông, bà")
    GRANDCHILD = "grandchild", _("Cháu")
    SIBLING = "sibling", _("Anh, chị, em")
    OTHER = "other", _("Khác")


class Schooling(models.TextChoices):
    NOT_YET = "not_yet", _("Chưa đến tuổi đi học")
    ATTENDING = "attending", _("Đang đi học")
    NOT_ATTENDING = "not_attending", _("Không đi học")


class Work(models.TextChoices):
    STABLE = "stable", _("Có việc làm ổn định")
    UNSTABLE = "unstable", _("Việc làm không ổn định")
    NONE = "none", _("Không có việc làm")
    OUT_OF_AGE = "out_of_age", _("Ngoài độ tuổi lao động")
    UNABLE = "unable", _("Không có khả năng lao động")


class Member(models.Model):
    """Nhân khẩu of a household. Members who leave are kept, inactive, with the reason."""

    household = models.ForeignKey(Household, verbose_name=_("hộ"), on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), validators=[MinValueValidator(1900),
                                                                             MaxValueValidator(2100)])
    id_number = models.CharField(_("số CCCD"), max_length=12, blank=True, validators=[id_number_validator])
    relation = models.CharField(_("quan hệ với chủ hộ"), max_length=20, choices=Relation.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=50, default="Kinh")
    health_insurance = models.BooleanField(_("có thẻ BHYT"), default=False)
    schooling = models.CharField(_("tình trạng đi học"), max_length=20, choices=Schooling.choices, blank=True)
    work = models.CharField(_("việc làm"), max_length=20, choices=Work.choices, blank=True)
    is_active = models.BooleanField(_("còn trong hộ"), default=True)
    left_on = models.DateField(_("ngày ra khỏi hộ"), null=True, blank=True)
    left_reason = models.CharField(_("lý do ra khỏi hộ"), max_length=255, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering = ["household", "-is_active", "id"]
        constraints = [
            # One person, one active membership: a CCCD may reappear only on members who left.
            models.UniqueConstraint(fields=["id_number"], condition=Q(is_active=True) & ~Q(id_number=""),
                                    name="member_id_number_unique_active",
                                    violation_error_message=_("Số CCCD này đã có ở một thành viên khác.")),
            models.UniqueConstraint(fields=["household"], condition=Q(relation="head", is_active=True),
                                    name="member_one_active_head", violation_error_message=_("Hộ đã có chủ hộ.")),
            models.CheckConstraint(condition=Q(is_active=True) | ~Q(left_reason=""), name="member_left_has_reason"),
        ]
        indexes = [models.Index(fields=["id_number"], name="member_id_number_idx")]

    def __str__(self):
        return self.full_name

    @property
    def birth_display(self):
        return self.birth_date.strftime("%d/%m/%Y") if self.birth_date else str(self.birth_year)

    @property
    def masked_id_number(self):
        return mask_id_number(self.id_number)


def mask_id_number(value):
    """"001203004567" → "********4567": enough to tell members apart, not to identify them."""
    if not value:
        return ""
    return "*" * (len(value) - 4) + value[-4:]
