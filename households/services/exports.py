"""Exports of personal data are audited acts (NĐ 13/2023): the file is built and the event recorded together."""
import re

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from households.access import can_see_id_numbers
from households.excel.export import household_rows, render_xlsx
from households.models import mask_id_number
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
        cover = _cover(actor, described, current_round, mask)
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


@transaction.atomic
def _record_export(actor, filters, count, mask):
    record(actor=actor, action="household.export", object_type="households.household", unit=scope_unit(actor),
           after={"filters": {k: _masked(str(v)) for k, v in filters.items()}, "households": count,
                  "id_numbers_masked": mask})


def _masked(text):
    """A searched CCCD (or any run of 5+ digits) kept as the screens show it: ********4567."""
    return re.sub(r"\d{5,}", lambda match: mask_id_number(match.group()), text)
