"""Excel files of the completeness table and the consolidated report, laid out for a meeting: title
block, merged headers, borders, number formats, widths, frozen header, A4 landscape one page wide.

Every cell goes through povertyplan.lib.spreadsheet (text never becomes a formula; numbers stay numbers).
"""
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from povertyplan.lib.spreadsheet import (
    DECIMAL_2,
    THOUSANDS,
    merge_header,
    print_setup,
    put,
    set_widths,
    write_title,
)

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
HEAD = {"font": BOLD, "fill": HEAD_FILL, "alignment": CENTER, "border": BORDER}


def _save(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number(value):
    """Whole numbers as int (Decimal('12.00') → 12), others as float; None stays empty."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _date(value):
    """A date cell (shown dd/mm/yyyy by the spreadsheet writer), or an empty one."""
    return value or None


# --- completeness ------------------------------------------------------------------------------------

def completeness_xlsx(result, *, unit_name, period_label):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tình hình nộp báo cáo")[:31]
    width = 11
    row = write_title(sheet, [_("TÌNH HÌNH NỘP BÁO CÁO TIẾN ĐỘ"), unit_name, period_label], width, font=TITLE,
                      alignment=CENTER) + 1
    top = row
    for column, title in enumerate([_("STT"), _("Đơn vị báo cáo"), _("Kế hoạch"), _("Hạn nộp")], start=1):
        merge_header(sheet, top, column, top + 1, column, title, **HEAD)
    merge_header(sheet, top, 5, top, 8, _("Tình hình gửi"), **HEAD)
    for column, title in enumerate([_("Trạng thái"), _("Ngày gửi lần đầu"), _("Đúng hạn / chậm"), _("Gửi đến")],
                                   start=5):
        merge_header(sheet, top + 1, column, top + 1, column, title, **HEAD)
    merge_header(sheet, top, 9, top, 11, _("Liên hệ"), **HEAD)
    for column, title in enumerate([_("Cán bộ"), _("Thư điện tử"), _("Điện thoại")], start=9):
        merge_header(sheet, top + 1, column, top + 1, column, title, **HEAD)
    row = top + 2
    for number, status in enumerate(result.rows, start=1):
        contacts = status.contacts
        values = [number, status.due.reporter_name, status.due.plan.title, _date(status.due.deadline),
                  str(status.state_label), _date(status.sent_on), str(status.timeliness_label),
                  status.due.recipient_unit.full_name, "; ".join(c.name for c in contacts),
                  "; ".join(c.email for c in contacts if c.email), "; ".join(c.phone for c in contacts if c.phone)]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value, border=BORDER, alignment=WRAP,
                number_format=THOUSANDS if column == 1 else None)
        row += 1
    row += 1
    totals = result.totals
    put(sheet, row, 2, _("Tổng hợp"), font=BOLD)
    row += 1
    for label, value, fmt in [
            (_("Phải nộp"), totals.expected, THOUSANDS), (_("Đã gửi"), totals.submitted, THOUSANDS),
            (_("Đúng hạn"), totals.on_time, THOUSANDS), (_("Chậm hạn"), totals.late, THOUSANDS),
            (_("Quá hạn, chưa gửi"), totals.missing, THOUSANDS), (_("Chưa đến hạn"), totals.not_due, THOUSANDS),
            (_("Bị trả lại"), totals.returned, THOUSANDS), (_("Đã duyệt"), totals.approved, THOUSANDS),
            (_("Tỷ lệ đã gửi (%)"), _number(totals.submitted_rate), DECIMAL_2),
            (_("Tỷ lệ đúng hạn (%)"), _number(totals.on_time_rate), DECIMAL_2)]:
        put(sheet, row, 2, label, border=BORDER)
        put(sheet, row, 3, value, border=BORDER, number_format=fmt)
        row += 1
    set_widths(sheet, [6, 40, 40, 12, 18, 14, 16, 28, 28, 30, 16])
    print_setup(sheet, header_rows=(top, top + 1), freeze=f"C{top + 2}")
    return _save(workbook)


# --- roll-up -----------------------------------------------------------------------------------------

def rollup_xlsx(rollup):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Báo cáo tổng hợp")
    reporters = rollup.reporters
    width = max(5 + len(reporters), 6)
    row = write_title(sheet, [
        _("BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH MTQG GIẢM NGHÈO BỀN VỮNG"),
        rollup.unit.full_name, rollup.period.label], width, font=TITLE, alignment=CENTER) + 1
    top = row
    for column, title in enumerate([_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Cách tổng hợp")], start=1):
        merge_header(sheet, top, column, top + 1, column, title, **HEAD)
    merge_header(sheet, top, 5, top, 5 + len(reporters), _("Kết quả thực hiện"), **HEAD)
    merge_header(sheet, top + 1, 5, top + 1, 5, _("Tổng cộng"), **HEAD)
    for offset, (_key, name) in enumerate(reporters, start=1):
        merge_header(sheet, top + 1, 5 + offset, top + 1, 5 + offset, name, **HEAD)
    row = top + 2
    for number, line in enumerate(rollup.lines, start=1):
        fmt = DECIMAL_2 if line.indicator.places else THOUSANDS
        cells = [(number, THOUSANDS), (line.indicator.name, None), (line.indicator.unit_of_measure, None),
                 (str(line.indicator.get_aggregation_display()), None), (_number(line.total), fmt)]
        cells += [(_number(line.by_reporter.get(key)), fmt) for key, _name in reporters]
        for column, (value, number_format) in enumerate(cells, start=1):
            put(sheet, row, column, value, border=BORDER, alignment=WRAP if column in (2, 4) else None,
                number_format=number_format, font=BOLD if column == 5 else None)
        row += 1
    if not rollup.lines:
        merge_header(sheet, row, 1, row, width, _("Chưa có báo cáo nào được duyệt trong kỳ."), border=BORDER)
        row += 1
    row = _funding_table(sheet, rollup, row + 1)
    row = _notes(sheet, rollup, row + 1, width)
    set_widths(sheet, [6, 46, 12, 20, 16] + [18] * len(reporters))
    print_setup(sheet, header_rows=(top, top + 1), freeze=f"C{top + 2}")
    return _save(workbook)


def _funding_table(sheet, rollup, top):
    put(sheet, top, 2, _("Kinh phí thực hiện"), font=BOLD)
    top += 1
    merge_header(sheet, top, 1, top + 1, 1, _("STT"), **HEAD)
    merge_header(sheet, top, 2, top + 1, 3, _("Dự án, tiểu dự án"), **HEAD)
    merge_header(sheet, top, 4, top, 5, _("Kinh phí (đồng)"), **HEAD)
    merge_header(sheet, top + 1, 4, top + 1, 4, _("Được giao"), **HEAD)
    merge_header(sheet, top + 1, 5, top + 1, 5, _("Đã giải ngân"), **HEAD)
    merge_header(sheet, top, 6, top + 1, 6, _("Tỷ lệ giải ngân (%)"), **HEAD)
    row = top + 2
    lines = [(str(number), line.project.name, line) for number, line in enumerate(rollup.funding, start=1)]
    lines.append(("", _("Tổng cộng"), rollup.funding_total))
    for number, name, line in lines:
        put(sheet, row, 1, int(number) if number else None, border=BORDER)
        merge_header(sheet, row, 2, row, 3, name, border=BORDER, alignment=WRAP, font=None if number else BOLD)
        put(sheet, row, 4, line.allocated, border=BORDER, number_format=THOUSANDS)
        put(sheet, row, 5, line.disbursed, border=BORDER, number_format=THOUSANDS)
        put(sheet, row, 6, _number(line.disbursed_rate), border=BORDER, number_format=DECIMAL_2)
        row += 1
    return row


def _notes(sheet, rollup, row, width):
    put(sheet, row, 2, _("Đơn vị chưa có trong số tổng hợp (chưa gửi hoặc chưa được duyệt)"), font=BOLD)
    row += 1
    for missing in rollup.missing or [None]:
        text = f"{missing.reporter_name}: {', '.join(missing.periods)}" if missing else _("Không có.")
        merge_header(sheet, row, 2, row, width, text, alignment=WRAP)
        row += 1
    put(sheet, row, 2, _("Báo cáo không tính vì chưa được duyệt"), font=BOLD)
    row += 1
    for report in rollup.excluded or [None]:
        text = (f"{report.reporter_name} – {report.period.label}: {report.get_state_display()}" if report
                else _("Không có."))
        merge_header(sheet, row, 2, row, width, text, alignment=WRAP)
        row += 1
    return row
