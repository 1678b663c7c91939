"""Danh sách đối tượng đủ điều kiện: the eligibility list of a policy for a unit and date, as rows built
once (for the page and the Excel file) and written through povertyplan.lib.spreadsheet.

Only the personal fields the support needs leave the system (Nghị định 13/2023): the household's head,
village and address for a household policy; the person's name, birth, sex for a person policy, and the
CCCD number only when the policy says the support needs it. The first column is the record's number in
the system ("Mã số"), which the import of the filled list matches on; the last four columns are for the
agency to fill in.
"""
import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from households.models import Sex
from povertyplan.lib.spreadsheet import cell, set_widths

SHEET = "Danh sách"
KEY = "Mã số"
FILL_IN = ["Ngày hỗ trợ", "Số lượng", "Số tiền (đồng)", "Văn bản, chứng từ"]


def headers(policy):
    """The list's column headers (Vietnamese whatever the reader's language: the file imports again)."""
    common = [KEY, "Thôn, tổ dân phố", "Mã hộ", "Họ và tên chủ hộ"]
    if policy.is_personal:
        person = ["Họ và tên", "Ngày/năm sinh", "Giới tính"]
        if policy.needs_id_number:
            person.append("Số CCCD")
        return common + person + ["Đã hỗ trợ trong kỳ"] + FILL_IN
    return common + ["Địa chỉ", "Đã hỗ trợ trong kỳ"] + FILL_IN


def rows(policy, eligible_rows):
    """The list's rows (values only) from `support.selectors.eligible`."""
    with translation.override("vi"):
        sexes = {value: str(label) for value, label in Sex.choices}
        yes = "Đã hỗ trợ"
    for row in eligible_rows.iterator(chunk_size=2000):
        household = row.household if policy.is_personal else row
        values = [row.pk, household.village.name, household.code, household.head_name]
        if policy.is_personal:
            values += [row.full_name, row.birth_date or row.birth_year, sexes.get(row.sex, "")]  # date cell or year
            if policy.needs_id_number:
                values.append(row.id_number)
        else:
            values.append(household.address)
        values.append(yes if row.supported else "")
        yield values + ["", "", "", ""]


def workbook(policy, unit, as_of, eligible_rows):
    """The .xlsx bytes: the list on the first sheet (header on row 1, so it imports back as it is), what it
    is on the second. Returns (bytes, number of rows)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    set_widths(sheet, [10, 22, 12, 26, 26, 14, 10, 16, 14, 12, 10, 16, 24])
    bold = Font(bold=True)
    columns = headers(policy)
    sheet.append([cell(sheet, h, font=bold) for h in columns])
    id_column = columns.index("Số CCCD") if "Số CCCD" in columns else None
    count = 0
    for values in rows(policy, eligible_rows):
        count += 1
        sheet.append([cell(sheet, v, text_format=(i == id_column)) for i, v in enumerate(values)])
    about = book.create_sheet("Thông tin")
    for label, value in ((_("Chính sách"), policy.name), (_("Đơn vị"), unit.full_name),
                         (_("Đủ điều kiện tại ngày"), as_of), (_("Số đối tượng"), count)):
        about.append([cell(about, str(label)), cell(about, value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count
