"""The columns of the household workbook, shared by the template, the import and the export.

Sheet "Hộ gia đình" (one row per household, optional review result columns) and sheet
"Thành viên" (one row per member), linked by "Mã hộ".
"""
import functools
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from povertyplan.lib.spreadsheet import THOUSANDS
from povertyplan.lib.tabular import normalise_header


@functools.cache  # read for every cell of an import (700,000 times for 10,000 households)
def _name(header):
    return normalise_header(header)


HOUSEHOLD_SHEET = "Hộ gia đình"
MEMBER_SHEET = "Thành viên"
GUIDE_SHEET = "Hướng dẫn"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = False
    text: bool = False  # stored as text so that leading zeros (CCCD, codes) survive Excel
    number_format: str = None  # numbers shown with the reader's separators (1.500.000), still numbers

    @property
    def name(self):
        """The header as read back by povertyplan.lib.tabular (lower case, NFC)."""
        return _name(self.header)


HOUSEHOLD_COLUMNS = [
    Column("code", "Mã hộ", 14, required=True, text=True),
    Column("village", "Mã thôn/TDP", 13, required=True, text=True),
    Column("head_name", "Họ và tên chủ hộ", 26, required=True),
    Column("address", "Địa chỉ", 30),
    Column("is_ethnic_minority", "Dân tộc thiểu số", 11),
    Column("is_meritorious", "Người có công", 11),
    Column("is_social_protection", "Bảo trợ xã hội", 11),
    Column("no_working_capacity", "Không có khả năng lao động", 13),
]
REVIEW_COLUMNS = [
    Column("year", "Năm rà soát", 10),
    Column("income", "Thu nhập bình quân (đồng/người/tháng)", 18, number_format=THOUSANDS),
    Column("deprivations", "Chỉ số thiếu hụt", 15, text=True),
    Column("causes", "Nguyên nhân nghèo", 30),
    Column("decision_number", "Số quyết định công nhận", 18, text=True),
    Column("decision_date", "Ngày quyết định", 14, text=True),
]
MEMBER_COLUMNS = [
    Column("household", "Mã hộ", 14, required=True, text=True),
    Column("full_name", "Họ và tên", 26, required=True),
    Column("sex", "Giới tính", 9, required=True),
    Column("birth_date", "Ngày sinh", 12, text=True),
    Column("birth_year", "Năm sinh", 9),
    Column("id_number", "Số CCCD", 15, text=True),
    Column("relation", "Quan hệ với chủ hộ", 16, required=True),
    Column("ethnicity", "Dân tộc", 10),
    Column("health_insurance", "Có thẻ BHYT", 10),
    Column("schooling", "Tình trạng đi học", 20),
    Column("work", "Việc làm", 24),
]
# Columns only the export writes (the import ignores them).
EXPORT_HOUSEHOLD_EXTRA = [
    Column("village_name", "Tên thôn/TDP", 16),
    Column("member_count", "Số nhân khẩu", 10),
    Column("classification", "Phân loại", 24),
    Column("change", "Biến động", 20),
]

YES = "Có"
NO = "Không"
_TRUE = {"có", "co", "x", "1", "true", "yes"}
_FALSE = {"", "không", "khong", "0", "false", "no"}


def parse_flag(text):
    """"Có"/"x"/"1" → True, ""/"Không"/"0" → False, anything else → None (an error)."""
    value = (text or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


FLAG_HELP = _("ghi “Có” hoặc để trống")
