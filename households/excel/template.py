"""The import template (mẫu nhập): the two sheets with their headers, one example household, a guide."""
import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from households.excel.columns import (
    GUIDE_SHEET,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_SHEET,
    MEMBER_COLUMNS,
    MEMBER_SHEET,
    REVIEW_COLUMNS,
)
from households.excel.workbook import HEADER_FONT, add_sheet
from households.models import PovertyCause, Relation, Schooling, Sex, Work
from households.selectors import current_indicators
from povertyplan.lib.spreadsheet import cell


def build_template(example_village_code="07339-01"):
    with translation.override("vi"):  # a Vietnamese file: its guide names the Vietnamese sheets, headers and values
        return _build_template(example_village_code)


def _build_template(example_village_code):
    workbook = Workbook(write_only=True)
    _, write = add_sheet(workbook, HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS + REVIEW_COLUMNS)
    write(["HS-0001", example_village_code, "Nguyễn Văn An", "Số 5, ngõ 2", "", "Có", "", "",
           2025, 1800000, "1, 4, 7", "Không có vốn sản xuất, kinh doanh; Có người ốm đau, bệnh nặng, tai nạn", "", ""])
    _, write = add_sheet(workbook, MEMBER_SHEET, MEMBER_COLUMNS)
    write(["HS-0001", "Nguyễn Văn An", "Nam", "", 1970, "024070001234", "Chủ hộ", "Kinh", "Có", "", "Việc làm không ổn định"])
    write(["HS-0001", "Nguyễn Thị Cúc", "Nữ", "02/03/2015", "", "", "Con", "Kinh", "Có", "Đang đi học", "Ngoài độ tuổi lao động"])
    _guide(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _guide(workbook):
    sheet = workbook.create_sheet(GUIDE_SHEET)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 90
    lines = [
        (_("Cách nhập"), ""),
        ("", _("Mỗi hộ một dòng ở trang “Hộ gia đình”; mỗi người một dòng ở trang “Thành viên”, nối với hộ bằng “Mã hộ”.")),
        ("", _("Hộ đã có (cùng mã hộ) được cập nhật; nhập lại cùng một tệp không thay đổi gì. Thành viên không có trong "
               "tệp được giữ nguyên.")),
        ("", _("Tệp có lỗi thì không dòng nào được nhập; mọi lỗi được liệt kê theo trang tính, dòng và cột.")),
        ("", _("Cột đánh dấu (Dân tộc thiểu số, Người có công…): ghi “Có” hoặc để trống.")),
        ("", _("Kết quả rà soát (tùy chọn): năm rà soát định kỳ, thu nhập bình quân (đồng/người/tháng), mã các chỉ số "
               "thiếu hụt cách nhau bởi dấu phẩy, nguyên nhân nghèo cách nhau bởi dấu chấm phẩy. Có số và ngày quyết "
               "định thì kết quả được ghi là đã công nhận; không có thì là bản nháp.")),
        ("", _("Số CCCD gồm 12 chữ số; để ô ở dạng Văn bản để giữ số 0 ở đầu. Ngày ghi dạng dd/mm/yyyy.")),
        (_("Chỉ số thiếu hụt"), ""),
        *[(i.code, f"{i.name} ({i.service})") for i in current_indicators()],
        (_("Nguyên nhân nghèo"), ""),
        *[("", str(label)) for label in PovertyCause.labels],
        (_("Giới tính"), ", ".join(str(x) for x in Sex.labels)),
        (_("Quan hệ với chủ hộ"), ", ".join(str(x) for x in Relation.labels)),
        (_("Tình trạng đi học"), ", ".join(str(x) for x in Schooling.labels)),
        (_("Việc làm"), ", ".join(str(x) for x in Work.labels)),
    ]
    for first, second in lines:
        sheet.append([cell(sheet, first, font=HEADER_FONT if first and not second else None), cell(sheet, second)])
