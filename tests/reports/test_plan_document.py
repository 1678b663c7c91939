import io
import unicodedata

import pytest
from pypdf import PdfReader

from programmes import demo
from reports.documents import plan as plan_document
from reports.documents.render import BlockedResource, local_fetcher, render_pdf, stylesheet


def text_of(page):
    """Page text in NFC with single spaces (PDF extraction splits lines where the layout does)."""
    return " ".join(unicodedata.normalize("NFC", page.extract_text()).split())


def top_margin_text(page):
    """Text drawn in the top margin (above 20 mm) and its horizontal centre: the page number."""
    found = []

    def visit(text, cm, tm, font, size):
        x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
        if text.strip() and y > float(page.mediabox.height) - 20 * 72 / 25.4:
            found.append((x, text.strip()))

    page.extract_text(visitor_text=visit)
    if not found:
        return ""
    width = float(page.mediabox.width)
    assert all(abs(x - width / 2) < 60 for x, _ in found), found  # centred (between the margins)
    return "".join(t for _, t in found)


def pdf_of(plan, **kwargs):
    doc = plan_document.build(plan)
    return render_pdf("reports/plan_document_pdf.html", {"doc": doc, "css": stylesheet("plan_document.css")},
                      **kwargs)


@pytest.fixture
def seed_pdf(seed_plan):
    return PdfReader(io.BytesIO(pdf_of(seed_plan)))


def test_seed_003_pdf_reads_like_the_original(seed_pdf):
    pages = [text_of(p) for p in seed_pdf.pages]
    first, everything = pages[0], " ".join(pages)
    for expected in ["ỦY BAN NHÂN DÂN THỊ TRẤN CAO THƯỢNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "/KH-UBND", "Thị trấn Cao Thượng, ngày 25 tháng 01 năm 2024",
                     "KẾ HOẠCH", "Thực hiện chương trình giảm nghèo và giải quyết việc làm năm 2024",
                     "Thực hiện Nghị quyết số 01-NQ/ĐU ngày 01/06/2020", "I. MỤC ĐÍCH YÊU CẦU", "1. Mục đích:"]:
        assert expected in first, expected
    sections = ["I. MỤC ĐÍCH YÊU CẦU", "II. MỤC TIÊU, CHỈ TIÊU GIẢM NGHÈO", "III. NHIỆM VỤ",
                "IV. GIẢI PHÁP THỰC HIỆN", "V. TỔ CHỨC THỰC HIỆN"]
    positions = [everything.index(s) for s in sections]
    assert positions == sorted(positions)
    for expected in ["- Tỷ lệ hộ nghèo: 1,4% (giảm 0,91%)", "1.4. Chính sách hỗ trợ về y tế",
                     "3. Ủy ban MTTQ thị trấn Chủ trì, phối hợp với các ngành, đoàn thể",
                     "4. Đài truyền thanh thị trấn Tập trung tuyên truyền", "6. Đối với các TDP",
                     "báo cáo kết quả về Chủ tịch UBND thị trấn vào ngày 25 hàng tháng",
                     "tổ chức thực hiện nghiêm túc kế hoạch này./.", "Nơi nhận:", "- Phòng LĐTBXH;",
                     "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Vũ Ngọc Vân"]:
        assert expected in everything, expected


def test_the_annex_is_a_landscape_table_of_the_26_groups(seed_pdf):
    annex = [p for p in seed_pdf.pages if "CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024" in text_of(p)]
    assert len(annex) == 1
    page = annex[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = text_of(page)
    assert "(Kèm theo Kế hoạch số" in text and "ngày 25 tháng 01 năm 2024)" in text
    assert "1 Hoà Sơn 217 220 818 8 3,69 4 1,82 10 4,61 6 2,73" in text
    assert "19 H. Hoa Thám 169 170 630 0 - 0 - 3 1,78 3 1,76" in text
    assert "Tổng cộng 3.898 3.924 15.032 90 2,31 54 1,38 135 3,46 110 2,80" in text


def test_layout_a4_page_numbers_from_page_two_and_vendored_fonts(seed_pdf):
    first = seed_pdf.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)  # A4 portrait
    assert [top_margin_text(p) for p in seed_pdf.pages[:4]] == ["", "2", "3", "4"]  # centred, from page 2
    fonts = set()
    for page in seed_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    # Only the @font-face family of static/css/plan_document.css (Liberation Serif files under static/fonts;
    # the next test shows those files are what is fetched), in its four styles; nothing from the system.
    assert {f.split("+", 1)[1] for f in fonts} == {"PP-Serif", "PP-Serif-Bold", "PP-Serif-Italic",
                                                   "PP-Serif-Bold-Italic"}


def test_the_pdf_fetches_nothing_but_local_static_files(seed_plan, settings):
    fetched = []

    def recording(url, *args, **kwargs):
        fetched.append(url)
        return local_fetcher(url, *args, **kwargs)

    pdf_of(seed_plan, fetcher=recording)
    assert fetched and all(u.startswith("file://") and "/static/fonts/LiberationSerif" in u for u in fetched)
    with pytest.raises(BlockedResource):
        local_fetcher("https://cdn.example.com/font.ttf")
    with pytest.raises(BlockedResource):
        local_fetcher(f"file://{settings.BASE_DIR}/pyproject.toml")
    with pytest.raises(BlockedResource):
        local_fetcher(f"file://{settings.BASE_DIR}/static/../pyproject.toml")


def test_generated_sections_of_a_plan_with_assignments_and_rules(district_demo_plan):
    doc = plan_document.build(district_demo_plan)
    assert [s.heading for s in doc.sections] == ["MỤC TIÊU", "NỘI DUNG HOẠT ĐỘNG", "TỔ CHỨC THỰC HIỆN",
                                                 "CHẾ ĐỘ BÁO CÁO"]
    activities = [p.lead + p.text for p in doc.sections[1].paras]
    assert "b) Tiểu dự án 2: Cải thiện dinh dưỡng" in activities
    assert "- Cơ quan chủ trì: Trung tâm Y tế; cơ quan phối hợp: Phòng Giáo dục và Đào tạo." in activities
    organisation = [p.text for p in doc.sections[2].paras]
    assert "Chủ trì, triển khai thực hiện Tiểu dự án 2 thuộc Dự án 3." in organisation
    reporting = doc.sections[3].paras[0]
    assert reporting.lead == "- Hằng tháng:" and reporting.text.endswith("trước ngày 25 hằng tháng.")
    assert doc.authority == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert doc.is_draft and doc.issuing_body_lines == ["ỦY BAN NHÂN DÂN", "HUYỆN TÂN YÊN"]
    objectives = [p.text for p in doc.sections[0].paras]
    assert "2. Mục tiêu cụ thể" in objectives and "Mức giảm tỷ lệ hộ nghèo: 0,50%." in objectives


def test_building_the_document_runs_a_fixed_number_of_queries(seed_plan, django_assert_num_queries):
    # 7 lists, own+child targets, column sums, child units
    with django_assert_num_queries(10):
        plan_document.build(seed_plan)


# Pages

def test_document_pages_access(client, client_for, users, seed_plan, district_demo_plan, ttyte_user):
    html, pdf = f"/reports/plans/{seed_plan.pk}/document/", f"/reports/plans/{seed_plan.pk}/document.pdf"
    assert client.get(html)["Location"].startswith("/login/")
    assert client.get(pdf)["Location"].startswith("/login/")
    assert client_for(users["caoxa"]).get(html).status_code == 404
    assert client_for(users["caoxa"]).get(pdf).status_code == 404
    page = client_for(users["caothuong"]).get(html)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Vũ Ngọc Vân" in body and "III. NHIỆM VỤ" in body and "Hoà Sơn" in body
    response = client_for(users["caothuong"]).get(pdf)
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert 'filename="ke-hoach-07339-2024-' in response["Content-Disposition"]
    agency = client_for(ttyte_user)
    assert agency.get(html).status_code == 404
    assert agency.get(f"/reports/plans/{district_demo_plan.pk}/document/").status_code == 200


@pytest.fixture
def ttyte_user(units):
    demo.load_agencies()
    return demo.load_agency_officer()
