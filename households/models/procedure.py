"""Quy trình rà soát (QĐ 24/2021/QĐ-TTg Art. 4–5) as data: household requests with their 15-day clock,
village meetings (họp dân) and their votes, the public posting (niêm yết) and its complaints.

Which rounds follow it: a round opted in (`ReviewRound.follows_procedure`); rounds made before this
existed (the historical demo, 2021–2025) recognise as they did.
"""
import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from households.models.registry import Household
from households.models.reviews import RECOGNISED_STATES, Review, ReviewRound
from povertyplan.models import AdministrativeUnit

# QĐ 24 Art. 5: recognition or a written, reasoned refusal "trong thời hạn 15 ngày". The text says
# days, not working days ("ngày làm việc"), and by Bộ luật Dân sự 2015 Art. 146–147 a term in days is
# counted in calendar days from the day after the event: received on day D, due by D + 15.
REQUEST_DAYS = 15
# QĐ 24 Art. 4.3: at least half of those present must agree, otherwise the household is reviewed again.
MEETING_AGREE_SHARE = 0.5


def request_deadline(received_on):
    return received_on + datetime.timedelta(days=REQUEST_DAYS)


class RequestKind(models.TextChoices):
    REVIEW = "review", _("Đề nghị rà soát hộ nghèo, hộ cận nghèo (Mẫu số 01)")
    ESCAPE = "escape", _("Đề nghị công nhận hộ thoát nghèo, thoát cận nghèo (Mẫu số 04)")


class RequestChannel(models.TextChoices):
    IN_PERSON = "in_person", _("Nộp trực tiếp")
    POST = "post", _("Qua bưu chính")
    ONLINE = "online", _("Cổng dịch vụ công trực tuyến")


class ReviewRequest(models.Model):
    """Giấy đề nghị of a household: it opens a regular review, answered within REQUEST_DAYS days."""

    household = models.ForeignKey(Household, verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="requests")
    round = models.ForeignKey(ReviewRound, verbose_name=_("đợt rà soát thường xuyên"), on_delete=models.PROTECT,
                              related_name="requests")
    kind = models.CharField(_("loại đề nghị"), max_length=10, choices=RequestKind.choices)
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=RequestChannel.choices)
    received_on = models.DateField(_("ngày nhận"))
    notes = models.TextField(_("ghi chú"), blank=True)
    refused_on = models.DateField(_("ngày từ chối"), null=True, blank=True, editable=False)
    refusal_reason = models.TextField(_("lý do từ chối"), blank=True, editable=False)
    refused_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người từ chối"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), null=True,
                                   on_delete=models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(_("ngày ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị của hộ")
        verbose_name_plural = _("đề nghị của hộ")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(refused_on__isnull=True) | ~Q(refusal_reason=""),
                                   name="request_refusal_has_reason"),
        ]

    def __str__(self):
        return f"{self.household.code} – {self.get_kind_display()} ({self.received_on:%d/%m/%Y})"

    @property
    def deadline(self):
        return request_deadline(self.received_on)

    def is_overdue(self, today, answered):
        return not answered and today > self.deadline


class VillageMeeting(models.Model):
    """Họp dân of a village in a round (QĐ 24 Art. 4.3); minutes (biên bản) in two copies."""

    round = models.ForeignKey(ReviewRound, verbose_name=_("đợt rà soát"), on_delete=models.PROTECT,
                              related_name="meetings")
    village = models.ForeignKey(AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.PROTECT,
                                related_name="+")
    held_on = models.DateField(_("ngày họp"))
    chair = models.CharField(_("chủ trì"), max_length=120)
    present_count = models.PositiveIntegerField(_("số người dự"), validators=[MinValueValidator(1)])
    notes = models.TextField(_("ý kiến khác"), blank=True)
    created_at = models.DateTimeField(_("ngày ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc họp dân")
        verbose_name_plural = _("cuộc họp dân")
        ordering = ["round", "village__code", "held_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(present_count__gte=1), name="meeting_present_positive")]

    def __str__(self):
        return f"{self.village.name} – {self.held_on:%d/%m/%Y}"


class MeetingVote(models.Model):
    """How many of those present agreed with a household's result."""

    meeting = models.ForeignKey(VillageMeeting, on_delete=models.CASCADE, related_name="votes")
    household = models.ForeignKey(Household, verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="+")
    agreed_count = models.PositiveIntegerField(_("số người đồng ý"))

    class Meta:
        ordering = ["household__code"]
        constraints = [models.UniqueConstraint(fields=["meeting", "household"], name="vote_one_per_household")]

    def __str__(self):
        return f"{self.household_id}: {self.agreed_count}/{self.meeting.present_count}"

    @property
    def share(self):
        return self.agreed_count / self.meeting.present_count

    @property
    def agreed(self):
        return self.share >= MEETING_AGREE_SHARE


class Posting(models.Model):
    """Niêm yết công khai of a round's results at the commune and villages."""

    round = models.OneToOneField(ReviewRound, verbose_name=_("đợt rà soát"), on_delete=models.PROTECT,
                                 related_name="posting")
    starts_on = models.DateField(_("ngày bắt đầu niêm yết"))
    ends_on = models.DateField(_("ngày kết thúc niêm yết"))

    class Meta:
        verbose_name = _("niêm yết công khai")
        verbose_name_plural = _("niêm yết công khai")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="posting_ends_after_start")]

    def __str__(self):
        return f"{self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"


class Complaint(models.Model):
    """Khiếu nại, kiến nghị received during the posting, and how it was resolved."""

    round = models.ForeignKey(ReviewRound, verbose_name=_("đợt rà soát"), on_delete=models.PROTECT,
                              related_name="complaints")
    household = models.ForeignKey(Household, verbose_name=_("hộ bị khiếu nại"), on_delete=models.PROTECT,
                                  related_name="+")
    complainant = models.CharField(_("người khiếu nại"), max_length=120)
    received_on = models.DateField(_("ngày nhận"))
    content = models.TextField(_("nội dung"))
    resolution = models.TextField(_("kết quả giải quyết"), blank=True, editable=False)
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("khiếu nại")
        verbose_name_plural = _("khiếu nại")
        ordering = ["received_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(resolved_on__isnull=True) | ~Q(resolution=""),
                                              name="complaint_resolution_has_text")]

    def __str__(self):
        return f"{self.complainant} ({self.received_on:%d/%m/%Y})"

    @property
    def is_open(self):
        return self.resolved_on is None


class ListSource(models.TextChoices):
    CURRENT = "current", _("Hộ nghèo, hộ cận nghèo đang quản lý")
    REQUEST = "request", _("Hộ có giấy đề nghị rà soát")
    ADDED = "added", _("Cán bộ bổ sung")


class RoundListEntry(models.Model):
    """Danh sách hộ cần rà soát (QĐ 24 Art. 4.1) of a periodic round: built by the app, added to by hand."""

    round = models.ForeignKey(ReviewRound, verbose_name=_("đợt rà soát"), on_delete=models.CASCADE,
                              related_name="list_entries")
    household = models.ForeignKey(Household, verbose_name=_("hộ"), on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("lý do đưa vào danh sách"), max_length=10, choices=ListSource.choices)
    reason = models.CharField(_("lý do bổ sung"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("hộ cần rà soát")
        verbose_name_plural = _("danh sách hộ cần rà soát")
        ordering = ["household__village__code", "household__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "household"], name="list_entry_one_per_household"),
            models.CheckConstraint(condition=~Q(source="added") | ~Q(reason=""), name="list_entry_added_has_reason"),
        ]

    def __str__(self):
        return f"{self.household_id} ({self.get_source_display()})"


class DocumentSeries(models.TextChoices):
    DECISION = "QĐ-UBND", _("Quyết định công nhận")
    CERTIFICATE = "GCN-HN.HCN", _("Giấy chứng nhận hộ nghèo, hộ cận nghèo")


class DocumentCounter(models.Model):
    """The last number given in a series of a commune's documents in a year: one row per series, locked
    (SELECT … FOR UPDATE) while a number is taken, so numbers neither repeat nor skip under concurrency."""

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=20, choices=DocumentSeries.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year", "series"], name="document_counter_unique")]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last}"


class Certificate(models.Model):
    """Giấy chứng nhận hộ nghèo, hộ cận nghèo of a recognised result (QĐ 24 Art. 4.5): Số …/GCN-HN.HCN."""

    review = models.OneToOneField("households.Review", verbose_name=_("kết quả rà soát"), on_delete=models.PROTECT,
                                  related_name="certificate")
    commune = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm cấp"))
    number = models.PositiveIntegerField(_("số"))
    issued_on = models.DateField(_("ngày cấp"))

    class Meta:
        verbose_name = _("giấy chứng nhận hộ nghèo, hộ cận nghèo")
        verbose_name_plural = _("giấy chứng nhận hộ nghèo, hộ cận nghèo")
        ordering = ["year", "number"]
        constraints = [models.UniqueConstraint(fields=["commune", "year", "number"], name="certificate_number_unique")]

    def __str__(self):
        return self.number_text

    @property
    def number_text(self):
        return f"{self.number}/{DocumentSeries.CERTIFICATE}"


class RecognitionDecisionManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(state__in=RECOGNISED_STATES)


class RecognitionDecision(Review):
    """The recognition decisions as the admin lists them: a decision has no row of its own, its number
    and date are recorded on each review it recognised (QĐ 24 Art. 4.5), so this is those reviews."""

    objects = RecognitionDecisionManager()

    class Meta:
        proxy = True
        verbose_name = _("quyết định công nhận (theo hộ)")
        verbose_name_plural = _("quyết định công nhận (theo hộ)")
