"""Core models: administrative units (đơn vị hành chính), officers (cán bộ) and the audit trail."""
import functools
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from povertyplan.lib.names import person_name


@functools.cache
def _vietnamese_kind(kind):
    """The kind's Vietnamese label, looked up once per kind: a province's lists name a thousand units, and
    switching the language for each cost a millisecond apiece."""
    with translation.override("vi"):
        return str(UnitKind(kind).label) if kind in UnitKind.values else kind


class UnitKind(models.TextChoices):
    TINH = "tinh", _("Tỉnh")
    THANH_PHO = "thanh_pho", _("Thành phố")
    HUYEN = "huyen", _("Huyện")
    QUAN = "quan", _("Quận")
    THI_XA = "thi_xa", _("Thị xã")
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    THI_TRAN = "thi_tran", _("Thị trấn")
    DAC_KHU = "dac_khu", _("Đặc khu")
    THON = "thon", _("Thôn")
    TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")
    KHU_PHO = "khu_pho", _("Khu phố")
    AP = "ap", _("Ấp")
    BAN = "ban", _("Bản")
    BUON = "buon", _("Buôn")
    KHOM = "khom", _("Khóm")
    LANG = "lang", _("Làng")
    XOM = "xom", _("Xóm")


class Tier(models.IntegerChoices):
    """Level in the administrative hierarchy; depth in the tree varies, the tier does not."""

    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện")
    COMMUNE = 3, _("Cấp xã")
    VILLAGE = 4, _("Thôn, tổ dân phố")


_KIND_TIER = {
    UnitKind.TINH: Tier.PROVINCE,
    UnitKind.HUYEN: Tier.DISTRICT,
    UnitKind.QUAN: Tier.DISTRICT,
    UnitKind.THI_XA: Tier.DISTRICT,
    UnitKind.XA: Tier.COMMUNE,
    UnitKind.PHUONG: Tier.COMMUNE,
    UnitKind.THI_TRAN: Tier.COMMUNE,
    UnitKind.DAC_KHU: Tier.COMMUNE,
}


def kind_tier(kind, *, has_parent):
    """Tier of a unit kind. A thành phố is a province when it has no parent, else a district."""
    if kind == UnitKind.THANH_PHO:
        return Tier.DISTRICT if has_parent else Tier.PROVINCE
    return _KIND_TIER.get(kind, Tier.VILLAGE)


def parse_kind(text):
    """A kind from its value ("xa") or its Vietnamese label in any case ("Xã", "thành phố")."""
    needle = unicodedata.normalize("NFC", (text or "").strip()).lower()
    with translation.override("vi"):  # files carry Vietnamese names whatever the reader's language
        for kind in UnitKind:
            if needle in (kind.value, unicodedata.normalize("NFC", str(kind.label)).lower()):
                return kind
    return None


class Area(models.TextChoices):
    """Khu vực: the income thresholds of the poverty standard depend on it."""

    URBAN = "urban", _("Thành thị")
    RURAL = "rural", _("Nông thôn")


URBAN_KINDS = {UnitKind.PHUONG, UnitKind.THI_TRAN, UnitKind.QUAN, UnitKind.TO_DAN_PHO, UnitKind.KHU_PHO}


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit):
        """The unit and every unit under it: one indexed prefix query on the path."""
        return self.filter(path__startswith=unit.path)

    def current(self, on_date=None):
        on_date = on_date or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on_date)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on_date)
        )


class AdministrativeUnit(models.Model):
    """Đơn vị hành chính: province, (district,) commune or village, with its validity period."""

    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # Materialised path of primary keys ("/1/5/9/"), so a subtree is one prefix query.
    path = models.CharField(max_length=255, editable=False, default="")
    area = models.CharField(_("khu vực"), max_length=10, choices=Area.choices, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị kế thừa"), symmetrical=False, blank=True,
        related_name="predecessors", through="UnitSuccession", through_fields=("predecessor", "successor"),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code"]
        constraints = [
            # GSO codes are reused after mergers (07339: thị trấn Cao Thượng, then xã Tân Yên),
            # so a code is unique among open units, and per start date among all.
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_to__isnull=True), name="unit_code_unique_while_open"
            ),
            models.UniqueConstraint(fields=["code", "valid_from"], name="unit_code_valid_from_unique"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]
        indexes = [
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%' in any collation.
            models.Index(fields=["path"], name="unit_path_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "code"], name="unit_parent_code_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def full_name(self):
        """"Tổ dân phố Hoà Sơn" for a unit stored as "Hoà Sơn"; names that carry their kind stay.

        A proper name, so Vietnamese in every interface language.
        """
        kind = _vietnamese_kind(self.kind)
        return self.name if self.name.lower().startswith(kind.lower()) else f"{kind} {self.name}"

    @property
    def depth(self):
        return self.path.count("/") - 1

    @property
    def tier(self):
        return kind_tier(self.kind, has_parent=self.parent_id is not None)

    @property
    def is_village(self):
        return self.tier == Tier.VILLAGE

    def is_open_on(self, on_date):
        return (self.valid_from is None or self.valid_from <= on_date) and (
            self.valid_to is None or self.valid_to >= on_date
        )

    def contains(self, other):
        """True when `other` is this unit or lies under it (no query)."""
        return bool(self.path) and other.path.startswith(self.path)

    def ancestor_ids(self):
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class UnitSuccession(models.Model):
    """Đơn vị cũ → đơn vị kế thừa (n:m: a commune split between successors has one row per successor),
    with the resolution that arranged it (e.g. Nghị quyết 1658/NQ-UBTVQH15). The table is the one the
    plain `successors` many-to-many had, so existing pairs stay."""

    predecessor = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE,
                                    related_name="+", db_column="from_administrativeunit_id")
    successor = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị kế thừa"), on_delete=models.CASCADE,
                                  related_name="+", db_column="to_administrativeunit_id")
    resolution = models.CharField(_("nghị quyết sắp xếp"), max_length=100, blank=True)
    confidence = models.CharField(_("độ tin cậy của nguồn"), max_length=30, blank=True)

    class Meta:
        db_table = "povertyplan_administrativeunit_successors"
        verbose_name = _("đơn vị kế thừa")
        verbose_name_plural = _("sắp xếp đơn vị hành chính")
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique")]

    def __str__(self):
        return f"{self.predecessor_id} → {self.successor_id}"


class OfficeKind(models.TextChoices):
    """The bodies a document names: who advises on poverty reduction, and the committee itself."""

    LABOUR = "labour", _("Cơ quan chuyên môn về giảm nghèo")
    COMMITTEE = "committee", _("Ủy ban nhân dân")


class UnitOffice(models.Model):
    """Cơ quan của một đơn vị, với thời hạn: Phòng Lao động - Thương binh và Xã hội huyện Tân Yên until
    30/06/2025, Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh after. Names are data, as of a date."""

    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE,
                             related_name="offices")
    kind = models.CharField(_("loại cơ quan"), max_length=20, choices=OfficeKind.choices)
    name = models.CharField(_("tên cơ quan"), max_length=200)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ quan của đơn vị")
        verbose_name_plural = _("cơ quan của đơn vị")
        ordering = ["unit", "kind", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "valid_from"], name="unit_office_unique_start"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unit_office_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    COMMUNE = "commune", _("Cán bộ xã, phường")
    # Chủ tịch / phó chủ tịch UBND xã: recognises by decision what the commune officer submitted.
    LEADER = "leader", _("Lãnh đạo UBND xã, phường")
    AGENCY = "agency", _("Cán bộ cơ quan, đơn vị")
    SUPERVISOR = "supervisor", _("Cán bộ theo dõi, giám sát")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class Officer(models.Model):
    """Cán bộ: a user, the unit whose subtree is their scope, and their role."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer")
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="officers",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    # Raised each time the account is locked; a session remembers the value it logged in with, so
    # sessions from before a lock stay dead after the account is unlocked (middleware checks it).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        constraints = [
            # Only administrators may have the whole country (no unit) as scope.
            models.CheckConstraint(
                condition=Q(role="administrator") | Q(unit__isnull=False), name="officer_unit_required_unless_admin"
            ),
        ]

    def __str__(self):
        return person_name(self.user)


class AuditEvent(models.Model):
    """Nhật ký: who did what to which record, with the values before and after."""

    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=64)
    object_type = models.CharField(_("loại đối tượng"), max_length=100)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["unit", "at"], name="audit_unit_at_idx"),
            models.Index(fields=["actor", "at"], name="audit_actor_at_idx"),
            models.Index(fields=["at"], name="audit_at_idx"),
        ]

    def __str__(self):
        return f"{self.action} {self.object_repr}"

    def changed_fields(self):
        """Field → (before, after) for the fields whose value differs."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
        return {k: (before.get(k), after.get(k)) for k in keys}


class JobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")
    CANCELLED = "cancelled", _("Đã hủy")


JOB_FINISHED = (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


class Job(models.Model):
    """Việc chạy nền: a long export, import or batch of documents, run by a worker (Celery) or a thread,
    with its progress, its result file (owner-only, expiring) and a message for the user when it fails."""

    kind = models.CharField(_("loại việc"), max_length=40)
    title = models.CharField(_("tên việc"), max_length=255)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE,
                              related_name="jobs")
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("đã làm"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    created_at = models.DateTimeField(_("lúc yêu cầu"), default=timezone.now)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    result = models.FileField(_("tệp kết quả"), upload_to="jobs/%Y/%m/", max_length=255, blank=True)
    result_name = models.CharField(_("tên tệp"), max_length=150, blank=True)
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    message = models.TextField(_("thông báo"), blank=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "created_at"], name="job_owner_created_idx"),
            models.Index(fields=["expires_at"], name="job_expires_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")) | Q(total=0), name="job_done_within_total"),
        ]

    def __str__(self):
        return self.title

    @property
    def finished(self):
        return self.state in JOB_FINISHED

    @property
    def percent(self):
        if self.state == JobState.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    def has_file(self):
        return self.state == JobState.DONE and bool(self.result) and (self.expires_at is None
                                                                       or self.expires_at > timezone.now())
