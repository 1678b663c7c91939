"""The import template (mẫu nhập): the two sheets with their headers and one example household (this
year's review), a guide that lists every coded value one per line, and dropdowns (data validation) on
the coded columns that point at those lines — the file works like the form on screen."""
import datetime
import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from households.ethnicities import ETHNICITIES
from households.excel.columns import (
    GUIDE_SHEET,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_SHEET,
    MEMBER_COLUMNS,
    MEMBER_SHEET,
    NO,
    REVIEW_COLUMNS,
    YES,
)
from households.excel.workbook import HEADER_FONT, add_sheet
from households.models import PovertyCause, Relation, Schooling, Sex, Work
from households.selectors import current_indicators
from povertyplan.lib.spreadsheet import add_list_validation, cell, source_range
from povertyplan.lib.tabular import MAX_ROWS

FLAG_KEYS = ("is_ethnic_minority", "is_meritorious", "is_social_protection", "no_working_capacity")
# Member column → guide list; strict lists are closed (the import refuses anything else), ethnicity only warns.
MEMBER_LISTS = {"sex": ("sex", True), "relation": ("relation", True), "ethnicity": ("ethnicity", False),
                "health_insurance": ("flag", True), "schooling": ("schooling", True), "work": ("work", True)}


def build_template(commune=None, example_village_code="07339-01"):
    """The template for `commune` (its villages in the “Mã thôn/TDP” dropdown), or a generic one."""
    with translation.override("vi"):  # a Vietnamese file: its guide names the Vietnamese sheets, headers and values
        villages = list(commune.children.order_by("code").values_list("code", "name")) if commune else []
        return _build_template(villages, villages[0][0] if villages else example_village_code)


def _build_template(villages, example_village_code):
    year = timezone.localdate().year
    workbook = Workbook(write_only=True)
    household_columns = HOUSEHOLD_COLUMNS + REVIEW_COLUMNS
    households, write = add_sheet(workbook, HOUSEHOLD_SHEET, household_columns)
    write(["HS-0001", example_village_code, "Nguyễn Văn An", "Số 5, ngõ 2", "", YES, "", "",
           year, 1800000, "1, 4, 7", "Không có vốn sản xuất, kinh doanh; Có người ốm đau, bệnh nặng, tai nạn", "", ""])
    members, write = add_sheet(workbook, MEMBER_SHEET, MEMBER_COLUMNS)
    write(["HS-0001", "Nguyễn Văn An", "Nam", "", 1970, "024070001234", "Chủ hộ", "Kinh", YES, "", "Việc làm không ổn định"])
    write(["HS-0001", "Nguyễn Thị Cúc", "Nữ", datetime.date(2015, 3, 2), "", "", "Con", "Kinh", YES, "Đang đi học",
           "Ngoài độ tuổi lao động"])
    lists = _guide(workbook, villages)

    def dropdown(sheet, columns, key, list_name, strict=True):
        index = [c.key for c in columns].index(key)
        letter = get_column_letter(index + 1)
        header = columns[index].header
        add_list_validation(sheet, f"{letter}2:{letter}{MAX_ROWS + 1}", lists[list_name], strict=strict,
                            title=header[:32],
                            prompt=_("Chọn trong danh sách (trang “%(sheet)s”).") % {"sheet": GUIDE_SHEET},
                            error=_("“%(header)s”: chọn một giá trị trong danh sách.") % {"header": header})

    if "village" in lists:
        dropdown(households, household_columns, "village", "village")
    for key in FLAG_KEYS:
        dropdown(households, household_columns, key, "flag")
    for key, (list_name, strict) in MEMBER_LISTS.items():
        dropdown(members, MEMBER_COLUMNS, key, list_name, strict)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _guide(workbook, villages):
    """Write the guide; return {list name: source range} of the value lists the dropdowns point at."""
    sheet = workbook.create_sheet(GUIDE_SHEET)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 30
    lines = [
        (_("Cách nhập"), ""),
        ("", _("Mỗi hộ một dòng ở trang “Hộ gia đình”; mỗi người một dòng ở trang “Thành viên”, nối với hộ bằng “Mã hộ”.")),
        ("", _("Hộ đã có (cùng mã hộ) được cập nhật; nhập lại cùng một tệp không thay đổi gì. Thành viên không có trong "
               "tệp được giữ nguyên.")),
        ("", _("Tệp có lỗi thì không dòng nào được nhập; mọi lỗi được liệt kê theo trang tính, dòng và cột.")),
        ("", _("Các cột có mũi tên (thôn, giới tính, quan hệ, dân tộc, đi học, việc làm, có/không): chọn trong danh "
               "sách; các giá trị được liệt kê dưới đây, mỗi dòng một giá trị.")),
        ("", _("Cột đánh dấu (Dân tộc thiểu số, Người có công…): ghi “Có” hoặc để trống.")),
        ("", _("Kết quả rà soát (tùy chọn): năm rà soát định kỳ, thu nhập bình quân (đồng/người/tháng), mã các chỉ số "
               "thiếu hụt cách nhau bởi dấu phẩy, nguyên nhân nghèo cách nhau bởi dấu chấm phẩy. Có số và ngày quyết "
               "định thì kết quả được ghi là đã công nhận; không có thì là bản nháp.")),
        ("", _("Số CCCD gồm 12 chữ số; để ô ở dạng Văn bản để giữ số 0 ở đầu. Ngày ghi dạng dd/mm/yyyy.")),
    ]
    # (list name or None, heading, values; a value is a str or a tuple of cells from column B on)
    sections = [
        ("village", _("Mã thôn/TDP"), villages),
        ("flag", _("Có/Không"), [YES, NO]),
        ("sex", _("Giới tính"), [str(x) for x in Sex.labels]),
        ("relation", _("Quan hệ với chủ hộ"), [str(x) for x in Relation.labels]),
        ("ethnicity", _("Dân tộc"), ETHNICITIES),
        ("schooling", _("Tình trạng đi học"), [str(x) for x in Schooling.labels]),
        ("work", _("Việc làm"), [str(x) for x in Work.labels]),
        (None, _("Nguyên nhân nghèo"), [str(x) for x in PovertyCause.labels]),
    ]
    for first, second in lines:
        sheet.append([cell(sheet, first, font=HEADER_FONT if first and not second else None), cell(sheet, second)])
    row_number = len(lines)
    sheet.append([cell(sheet, _("Chỉ số thiếu hụt"), font=HEADER_FONT)])
    row_number += 1
    for indicator in current_indicators():
        sheet.append([cell(sheet, indicator.code), cell(sheet, f"{indicator.name} ({indicator.service})")])
        row_number += 1
    lists = {}
    for name, heading, values in sections:
        if not values:
            continue  # no villages known (a generic template): no list, no dropdown
        sheet.append([cell(sheet, heading, font=HEADER_FONT)])
        row_number += 1
        for value in values:
            sheet.append([None, *(cell(sheet, part) for part in (value if isinstance(value, tuple) else (value,)))])
        if name:
            lists[name] = source_range(GUIDE_SHEET, 2, row_number + 1, row_number + len(values))
        row_number += len(values)
    return lists
