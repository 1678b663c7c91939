"""The annual review's summary tables (reports.summaries) as an .xlsx for meetings: one sheet per table,
each with its title block, two-level merged headers, borders, numeric cells with number formats, column
widths, frozen header and A4 landscape one page wide. Every cell through povertyplan.lib.spreadsheet."""
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from households.standards import review_year_standard, unconfirmed_notice
from povertyplan.lib.spreadsheet import (
    DATE_FORMAT,
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
TITLE = Font(bold=True, size=13)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEAD = {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="DDEBF7"), "alignment": CENTER, "border": BORDER}
TEXT, COUNT, RATE, DATE = "text", "count", "rate", "date"


def _number(value):
    return None if value is None else float(value)


def _sheet(workbook, name, titles, columns, rows, widths, *, total=None):
    """columns: [(group or None, label, kind)]; a group spans its consecutive columns on the first header
    row, a column without one spans both rows. rows: lists of values in column order."""
    sheet = workbook.create_sheet(name[:31])
    width = len(columns)
    top = write_title(sheet, titles, width, font=TITLE, alignment=CENTER) + 1
    index = 0
    while index < width:
        group = columns[index][0]
        if group is None:
            merge_header(sheet, top, index + 1, top + 1, index + 1, columns[index][1], **HEAD)
            index += 1
            continue
        end = index
        while end + 1 < width and columns[end + 1][0] == group:
            end += 1
        merge_header(sheet, top, index + 1, top, end + 1, group, **HEAD)
        for column in range(index, end + 1):
            put(sheet, top + 1, column + 1, columns[column][1], **HEAD)
        index = end + 1
    for number in range(1, width + 1):  # the row of column numbers officials cite
        put(sheet, top + 2, number, f"({number})", font=Font(italic=True), alignment=CENTER, border=BORDER)
    row_index = top + 3
    for values in [*rows, *([total] if total else [])]:
        bold = Font(bold=True) if values is total else None
        for column, ((_group, _label, kind), value) in enumerate(zip(columns, values, strict=True), start=1):
            if kind == TEXT:
                put(sheet, row_index, column, value, border=BORDER, font=bold)
            elif kind == DATE:  # a real date cell (None: the step is not done), shown dd/mm/yyyy
                put(sheet, row_index, column, value, border=BORDER, number_format=DATE_FORMAT)
            else:
                put(sheet, row_index, column, _number(value) if kind == RATE else value, border=BORDER, font=bold,
                    number_format=DECIMAL_2 if kind == RATE else THOUSANDS)
        row_index += 1
    set_widths(sheet, widths)
    print_setup(sheet, header_rows=(top, top + 2), freeze=sheet.cell(row=top + 3, column=3).coordinate)
    return sheet


def _share_columns(first):
    poor, near = _("Hộ nghèo"), _("Hộ cận nghèo")
    return [(None, _("TT"), TEXT), (None, first, TEXT), (poor, _("Số hộ"), COUNT), (poor, _("Tỷ lệ (%)"), RATE),
            (near, _("Số hộ"), COUNT), (near, _("Tỷ lệ (%)"), RATE)]


def _share_rows(rows):
    return [[row.code or str(n), row.label, row.poor, row.poor_share, row.near_poor, row.near_poor_share]
            for n, row in enumerate(rows, start=1)]


def summary_xlsx(summary):
    workbook = Workbook()
    workbook.remove(workbook.active)
    heading = [_("TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM %(year)s") % {"year": summary.year},
               summary.unit.name]
    notice = unconfirmed_notice(review_year_standard(summary.year))
    if notice:  # every sheet says it, as the page does: the figures are classified with a draft standard
        heading.append(notice)
    poor, near, people = _("Hộ nghèo"), _("Hộ cận nghèo"), _("Nhân khẩu")
    columns = [(None, _("TT"), TEXT), (None, _("Đơn vị"), TEXT), (None, _("Tổng số hộ"), COUNT),
               (poor, _("Số hộ"), COUNT), (poor, _("Tỷ lệ (%)"), RATE), (near, _("Số hộ"), COUNT),
               (near, _("Tỷ lệ (%)"), RATE), (people, _("Hộ nghèo"), COUNT), (people, _("Hộ cận nghèo"), COUNT)]

    def result(row):
        return [row.number, row.name, row.households, row.poor, row.poor_rate, row.near_poor, row.near_poor_rate,
                row.poor_members, row.near_poor_members]

    _sheet(workbook, _("Kết quả"), [*heading, _("Kết quả rà soát theo đơn vị")], columns,
           [result(r) for r in summary.results], [6, 32, 12, 10, 10, 10, 10, 12, 12], total=result(summary.total))
    group = _("Trong năm")
    _sheet(workbook, _("Diễn biến"), [*heading, _("Diễn biến trong năm")],
           [(None, _("Chỉ tiêu"), TEXT), (None, _("Đầu năm"), COUNT), (group, _("Giảm (thoát)"), COUNT),
            (group, _("Tăng (phát sinh, tái nghèo)"), COUNT), (None, _("Cuối năm"), COUNT)],
           [[m.label, m.start, m.out, m.into, m.end] for m in summary.movement], [24, 12, 14, 18, 12])
    for name, first, rows in ((_("Thiếu hụt"), _("Chỉ số thiếu hụt"), summary.deprivations),
                              (_("Nhóm hộ"), _("Nhóm hộ"), summary.groups),
                              (_("Nguyên nhân"), _("Nguyên nhân nghèo"), summary.causes)):
        _sheet(workbook, name, [*heading, first], _share_columns(first), _share_rows(rows), [6, 44, 10, 10, 10, 10])
    if summary.steps:
        _steps_sheet(workbook, heading, summary.steps)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _steps_sheet(workbook, heading, steps):
    """The QĐ 24 step dates per village (reports.summaries: Summary.steps), as the page's table 6."""
    met, posted, complaints = _("Họp dân"), _("Niêm yết công khai"), _("Khiếu nại")
    decision, certificate = _("Quyết định công nhận"), _("Giấy chứng nhận")
    columns = [(None, _("TT"), TEXT), (None, _("Xã, phường"), TEXT), (None, _("Thôn, tổ dân phố"), TEXT),
               (None, _("Lập danh sách"), DATE), (met, _("Số cuộc"), COUNT), (met, _("Lần đầu"), DATE),
               (met, _("Lần cuối"), DATE), (posted, _("Từ ngày"), DATE), (posted, _("Đến ngày"), DATE),
               (complaints, _("Số nhận"), COUNT), (complaints, _("Chưa giải quyết"), COUNT),
               (complaints, _("Giải quyết xong ngày"), DATE), (decision, _("Số"), TEXT), (decision, _("Ngày"), DATE),
               (certificate, _("Số giấy"), COUNT), (certificate, _("Ngày cấp"), DATE)]
    rows = [[str(n), s.round.commune.name, s.village.name, s.list_built_on, len(s.meetings), s.first_meeting,
             s.last_meeting, s.posting_starts_on, s.posting_ends_on, s.complaints, s.complaints_open,
             s.last_resolved_on, s.decision_numbers, s.decision_date, s.certificates, s.certificates_on]
            for n, s in enumerate(steps, start=1)]
    _sheet(workbook, _("Các bước"), [*heading, _("Các bước rà soát theo Quyết định 24/2021/QĐ-TTg")], columns, rows,
           [6, 22, 22, 12, 8, 12, 12, 12, 12, 8, 10, 12, 16, 12, 8, 12])
