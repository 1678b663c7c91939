"""The English catalog: every entry translated (bar the official Vietnamese texts), the committed .mo in
step with the .po, and English pages that read in English while the plan document stays Vietnamese."""
import ast
import gettext
import io

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from tests.reports.conftest import seed_plan  # noqa: F401  (fixture)

LOCALE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"

# Entries that must stay Vietnamese in English mode: their msgstr is left empty, so gettext falls back
# to the Vietnamese source. Keep this list short and say why each group is here.
STAYS_VIETNAMESE = {
    # The plan document (reports/documents/plan.py, built under translation.override("vi")): the body of an
    # official Vietnamese administrative document, identical on the screen and in the PDF.
    " (năm %(year)s: %(value)s)",
    "(Có biểu phụ lục kèm theo)",
    "Cơ quan chủ trì: %(agencies)s",
    "cơ quan phối hợp: %(agencies)s",
    "Mục tiêu:",
    "Đối tượng:",
    "Nội dung hỗ trợ:",
    "Chủ trì, triển khai thực hiện %(projects)s.",
    "Phối hợp thực hiện %(projects)s.",
    ": %(amount)s đồng",
    "kết quả thực hiện Kế hoạch",
    " về %(recipient)s",
    "Mục đích:",
    "Yêu cầu:",
    "Mục tiêu tổng quát",
    "Mục tiêu cụ thể",
    "Phạm vi, thời gian thực hiện",
    "Năm %(year)s",
    "Kế hoạch %(period)s",
    "CHỈ TIÊU GIAO %(period)s",
    "(Kèm theo Kế hoạch số %(number)s %(date)s)",
    # The draft mark of the plan and progress report documents (templates/reports/_doc_header.html, inside
    # {% language "vi" %}).
    "DỰ THẢO",
    # The progress report document (reports/documents/progress_report.py, built under translation.override("vi"),
    # and templates/reports/_progress_report_document.html inside {% language "vi" %}): an official Báo cáo.
    "Sổ theo dõi hộ",
    "Biểu 1. Kết quả thực hiện các chỉ tiêu",
    "Biểu 2. Kinh phí thực hiện (đồng)",
    "Kinh phí được giao",
    "%(to)s (để báo cáo);",
    "%(to)s (để tổng hợp);",
    "Lưu: VT.",
    "KẾT QUẢ ĐẠT ĐƯỢC",
    "KHÓ KHĂN, VƯỚNG MẮC",
    "ĐỀ XUẤT, KIẾN NGHỊ",
    "Không.",
    "BÁO CÁO",
    "Kết quả thực hiện %(plan)s %(period)s",
    "(Không có số liệu.)",
    # The reminder e-mails (programmes/services/reminders.py, built under translation.override("vi")): sent to
    # commune and agency officers in Vietnamese whatever language the run uses.
    "[Nhắc hạn] Báo cáo %(period)s - hạn %(deadline)s",
    "Báo cáo %(frequency)s kỳ %(period)s của %(reporter)s về thực hiện Kế hoạch \"%(plan)s\" phải gửi "
    "%(recipient)s chậm nhất ngày %(deadline)s; hệ thống chưa nhận được báo cáo.",
    "[Quá hạn] Báo cáo %(period)s - hạn %(deadline)s đã qua",
    "Báo cáo %(frequency)s kỳ %(period)s của %(reporter)s về thực hiện Kế hoạch \"%(plan)s\" đã quá hạn ngày "
    "%(deadline)s mà chưa được gửi %(recipient)s.",
    "Kính gửi: %(reporter)s,",
    "Đề nghị đơn vị nhập và gửi báo cáo tại: %(link)s",
    "Đây là thư tự động của hệ thống theo dõi giảm nghèo; xin không trả lời thư này.",
    # The guide sheet of the Excel import template (households/excel/template.py, built in Vietnamese): it
    # explains the Vietnamese sheet names, column headers and values that the import reads.
    "Cách nhập",
    "Mỗi hộ một dòng ở trang “Hộ gia đình”; mỗi người một dòng ở trang “Thành viên”, nối với hộ bằng “Mã hộ”.",
    "Hộ đã có (cùng mã hộ) được cập nhật; nhập lại cùng một tệp không thay đổi gì. Thành viên không có trong "
    "tệp được giữ nguyên.",
    "Tệp có lỗi thì không dòng nào được nhập; mọi lỗi được liệt kê theo trang tính, dòng và cột.",
    "Cột đánh dấu (Dân tộc thiểu số, Người có công…): ghi “Có” hoặc để trống.",
    "Kết quả rà soát (tùy chọn): năm rà soát định kỳ, thu nhập bình quân (đồng/người/tháng), mã các chỉ số "
    "thiếu hụt cách nhau bởi dấu phẩy, nguyên nhân nghèo cách nhau bởi dấu chấm phẩy. Có số và ngày quyết "
    "định thì kết quả được ghi là đã công nhận; không có thì là bản nháp.",
    "Số CCCD gồm 12 chữ số; để ô ở dạng Văn bản để giữ số 0 ở đầu. Ngày ghi dạng dd/mm/yyyy.",
}


def read_po(path):
    """The entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (list), flags."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += value
            else:
                entry[field] += value
        else:
            keyword, _, value = line.partition(" ")
            value = ast.literal_eval(value)
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(keyword[7:-1]) if "[" in keyword else 0)
                entry["msgstr"][field[1]] = value
            else:
                field = keyword
                entry[field] = value
    finish()
    return entries


def catalog():
    entries = read_po(LOCALE / "django.po")
    return entries[0], entries[1:]


def test_every_english_entry_is_translated_except_the_official_vietnamese_texts():
    header, entries = catalog()
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]
    assert "fuzzy" not in header["flags"]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy entries to check: {fuzzy}"
    untranslated = {e["msgid"] for e in entries if not all(e["msgstr"].values())}
    assert untranslated - STAYS_VIETNAMESE == set(), "untranslated English entries"
    assert STAYS_VIETNAMESE - untranslated == set(), "allow-listed entries that are gone or now translated"


def test_placeholders_survive_translation():
    import re

    placeholder = re.compile(r"%\(\w+\)[-+ #0]*\d*[sd]|%%|%[sd]|\{\w*\}|</?[a-z][^>]*>")
    _header, entries = catalog()
    for e in entries:
        for index, text in e["msgstr"].items():
            if text:
                source = e["msgid_plural"] if index and e["msgid_plural"] else e["msgid"]
                assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(source)), (e["msgid"], text)


def test_compiled_catalog_matches_the_po():
    """The committed django.mo is the compiled django.po (run compilemessages after editing the .po)."""
    with open(LOCALE / "django.mo", "rb") as handle:
        mo = gettext.GNUTranslations(handle)
    _header, entries = catalog()
    for e in entries:
        ctx, msgid = e["msgctxt"], e["msgid"]
        if e["msgid_plural"]:
            for n, index in ((1, 0), (2, 1)):
                got = mo.npgettext(ctx, msgid, e["msgid_plural"], n) if ctx else mo.ngettext(msgid, e["msgid_plural"], n)
                assert got == (e["msgstr"][index] or (msgid if n == 1 else e["msgid_plural"])), msgid
        else:
            got = mo.pgettext(ctx, msgid) if ctx else mo.gettext(msgid)
            assert got == (e["msgstr"][0] or msgid), msgid


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_household_and_plan_pages_in_english(client_for, users, units):
    from tests.conftest import create_household

    household = create_household(actor=users["caothuong"], village=units["07339-01"], code="HS-001",
                                 head_name="Nguyễn Văn An")
    client = _english(client_for(users["caothuong"]))

    html = client.get(reverse("households:household_list")).content.decode()
    assert 'lang="en"' in html
    assert ">Households</a>" in html and ">Plans</a>" in html  # navigation
    assert "Household register</h1>" in html and "Import from Excel" in html and "Add household" in html
    assert "Household code</th>" in html and "Current status</th>" in html and "1 household" in html
    assert "Sổ hộ gia đình" not in html and "Thêm hộ" not in html

    html = client.get(reverse("households:household_detail", args=[household.pk])).content.decode()
    assert "Edit household" in html and "Review history" in html and "No recognised result yet" in html

    html = client.get(reverse("households:round_list")).content.decode()
    assert "Review rounds</h1>" in html and "Open a review round" in html

    html = client.get(reverse("programmes:plan_list")).content.decode()
    assert "Poverty reduction plans</h1>" in html and "Create a new plan" in html and "No plans yet." in html
    assert ">Agencies</a>" in html and ">Programmes and projects</a>" in html


def test_the_import_template_stays_vietnamese_in_english(client_for, users):
    response = _english(client_for(users["caothuong"])).get(reverse("households:import_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Hộ gia đình", "Thành viên", "Hướng dẫn"]
    guide = [cell for row in book["Hướng dẫn"].iter_rows(values_only=True) for cell in row if cell]
    assert "Cách nhập" in guide and "Giới tính" in guide and "Nam" in guide and "Nữ" in guide  # one value per line


def test_plan_page_in_english_and_its_document_in_vietnamese(client_for, users, seed_plan):  # noqa: F811
    client = _english(client_for(users["caothuong"]))
    html = client.get(reverse("programmes:plan_detail", args=[seed_plan.pk])).content.decode()
    assert "Reporting requirements" in html and "Monthly: " in html and "on day 25 of each month" in html
    assert "General information" in html and "Issued" in html

    html = client.get(reverse("reports:plan_html", args=[seed_plan.pk])).content.decode()
    assert "Back to the plan" in html and "Download PDF" in html  # the page around the document
    assert "Kế hoạch năm 2024</th>" in html and ">Đơn vị</th>" in html and ">Tổng cộng</td>" in html
    assert "Unit</th>" not in html and "Plan 2024" not in html
