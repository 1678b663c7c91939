"""Exports of personal data are audited acts (NĐ 13/2023): the file is built and the event recorded together."""
import re

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from households.access import can_see_id_numbers
from households.excel.export import household_rows, latest_rounds, render_xlsx
from households.models import PovertyStandard, Review, mask_id_number
from households.standards import unconfirmed_notice
from povertyplan.access import scope_unit
from povertyplan.audit import record
from povertyplan.lib.names import person_name


def household_list_export(*, actor, households, filters, described=(), current_round=False, target=None,
                          progress=None):
    """The .xlsx bytes of a filtered household list (or the file written to `target`, for a job);
    CCCD masked unless the actor's role needs it. Rows are read in chunks (a server-side cursor on
    PostgreSQL) outside any transaction; the audit row is written once the file is complete.
    `described`: the filters in words; `current_round`: the latest round's results, recognised or not."""
    mask = not can_see_id_numbers(actor)
    if progress is not None:
        progress.start(households.count())
    with translation.override("vi"):  # like the headers: the file reads the same whoever exports it
        cover = _cover(actor, described, current_round, mask) + _standard_lines(households, current_round)
    content, count = render_xlsx(household_rows(households, mask=mask, current_round=current_round), target=target,
                                 progress=progress, cover=cover, current_round=current_round)
    _record_export(actor, {**filters, **({"results": "current_round"} if current_round else {})}, count, mask)
    return content


def _cover(actor, described, current_round, mask):
    unit = scope_unit(actor)
    title = _("DANH SÁCH HỘ GIA ĐÌNH")
    if current_round:
        title += " – " + _("KẾT QUẢ ĐỢT RÀ SOÁT ĐANG LÀM (GỒM CẢ KẾT QUẢ CHƯA CÔNG NHẬN)")
    results = (_("Kết quả của đợt rà soát định kỳ gần nhất của mỗi xã, kể cả kết quả chưa được công nhận (cột "
                 "“Trạng thái kết quả”)") if current_round else _("Kết quả rà soát đã được công nhận (hiện hành)"))
    lines = [title,
             (_("Đơn vị"), unit.full_name if unit else _("Cả nước")),
             (_("Điều kiện lọc"), "; ".join(described) or _("Không lọc (toàn bộ sổ hộ)")),
             (_("Kết quả rà soát"), results),
             (_("Thời điểm xuất"), timezone.localtime().replace(tzinfo=None, second=0, microsecond=0)),  # a date cell
             (_("Người xuất"), f"{person_name(actor)} ({actor.username})")]
    if mask:
        lines.append((_("Số CCCD"), _("Đã che, chỉ hiện 4 số cuối")))
    return lines


def _standard_lines(households, current_round):
    """A title-sheet line per standard not yet law that some exported result was classified with (one query:
    EXISTS per unconfirmed standard, of which there are one or two)."""
    reviews = (Review.objects.filter(round_id__in=latest_rounds(households)) if current_round
               else Review.objects.filter(pk__in=households.order_by().values("current_review_id")))
    used = (PovertyStandard.objects.filter(Q(confirmed=False) | Q(average_confirmed=False))
            .filter(Exists(reviews.filter(standard_id=OuterRef("pk")))).order_by("valid_from"))
    return [(_("Chuẩn nghèo chưa chính thức"), unconfirmed_notice(standard)) for standard in used]


@transaction.atomic
def _record_export(actor, filters, count, mask):
    record(actor=actor, action="household.export", object_type="households.household", unit=scope_unit(actor),
           after={"filters": {k: _masked(str(v)) for k, v in filters.items()}, "households": count,
                  "id_numbers_masked": mask})


def _masked(text):
    """A searched CCCD (or any run of 5+ digits) kept as the screens show it: ********4567."""
    return re.sub(r"\d{5,}", lambda match: mask_id_number(match.group()), text)
