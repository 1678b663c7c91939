"""The progress report as an official Báo cáo (Nghị định 30/2020): builder, HTML and PDF from the same rows."""
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from programmes.models import (
    Frequency,
    Indicator,
    ProgressReport,
    Project,
    Reporters,
    ReportFunding,
    ReportState,
    ReportValue,
    Timing,
)
from programmes.models.progress import reporter_key
from reports.documents import progress_report as progress_document
from tests.reports.test_plan_document import text_of

D = datetime.date


@pytest.fixture
def issued_plan(district_plan, users):
    """The district plan with a monthly rule ("vào ngày 25 hằng tháng", agencies and communes), issued."""
    from programmes import reference, services
    from programmes.services.rows import RowChange
    from tests.programmes.conftest import version_of

    reference.load_indicators()
    services.plan_rows_save(actor=users["tanyen"], plan=district_plan, part="reporting",
                            version=version_of(district_plan),
                            rows=[RowChange(None, {"order": 1, "frequency": Frequency.MONTHLY, "timing": Timing.ON,
                                                   "day": 25, "month_offset": 0, "reporters": Reporters.BOTH})])
    return services.plan_issue(actor=users["tanyen"], plan=district_plan, version=version_of(district_plan),
                               number="12", document_date=D(2024, 1, 20), signer_name="Nguyễn Văn Bình")


def make_report(plan, *, agency=None, unit=None, month=2, state=ReportState.APPROVED, submitted_by=None, **text):
    """A report as the workflow leaves it (values, funding, states), written directly for the document."""
    sent = timezone.make_aware(datetime.datetime(2024, month, 24, 9, 0)) if state != ReportState.DRAFT else None
    return ProgressReport.objects.create(
        plan=plan, rule=plan.reporting_rules.get(), period_year=2024, period_index=month, agency=agency, unit=unit,
        reporter=reporter_key(agency=agency, unit=unit), recipient_unit=plan.issuing_unit, deadline=D(2024, month, 25),
        state=state, submitted_at=sent, first_submitted_at=sent, submitted_by=submitted_by if sent else None, **text)


@pytest.fixture
def ttyte_report(issued_plan, agencies, ttyte):
    report = make_report(
        issued_plan, agency=agencies[("216", "Trung tâm Y tế")], submitted_by=ttyte,
        results="Tổ chức 12 buổi truyền thông dinh dưỡng cho bà mẹ mang thai.\n- Khám sàng lọc cho 340 trẻ em.",
        difficulties="Kinh phí được giao chậm.", proposals="Đề nghị UBND huyện sớm phân bổ kinh phí năm 2024.")
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=["ho_ngheo", "ty_le_bhyt",
                                                                        "lao_dong_qua_dao_tao"])}
    ReportValue.objects.create(report=report, indicator=indicators["ho_ngheo"], value=Decimal(1234),
                               from_registry=True)
    ReportValue.objects.create(report=report, indicator=indicators["ty_le_bhyt"], value=Decimal("98.5"))
    ReportValue.objects.create(report=report, indicator=indicators["lao_dong_qua_dao_tao"], value=Decimal(15),
                               source="Sổ theo dõi của Trung tâm")
    projects = {p.code: p for p in Project.objects.filter(code__in=["DA3-TDA2", "DA4-TDA1"])}
    ReportFunding.objects.create(report=report, project=projects["DA3-TDA2"], allocated=1_500_000_000,
                                 disbursed=375_500_000)
    ReportFunding.objects.create(report=report, project=projects["DA4-TDA1"], allocated=200_000_000,
                                 disbursed=0)
    return report


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    return " ".join(text_of(p) for p in PdfReader(io.BytesIO(response.content)).pages)


def test_the_pdf_reads_as_a_bao_cao_with_its_figures_and_signature(client_for, ttyte, ttyte_report):
    response = client_for(ttyte).get(f"/reports/progress/{ttyte_report.pk}/document.pdf")
    assert f'filename="bao-cao-{ttyte_report.plan_id}-2024-02-{ttyte_report.pk}.pdf"' in response[
        "Content-Disposition"]
    text = pdf_text(response)
    expected = [
        "UBND HUYỆN TÂN YÊN", "TRUNG TÂM Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "/BC-TTYT", "Tân Yên, ngày 24 tháng 02 năm 2024", "BÁO CÁO",
        "Kết quả thực hiện Chương trình MTQG giảm nghèo bền vững huyện Tân Yên tháng 02/2024",
        "I. KẾT QUẢ ĐẠT ĐƯỢC", "Tổ chức 12 buổi truyền thông dinh dưỡng cho bà mẹ mang thai.",
        "- Khám sàng lọc cho 340 trẻ em.",
        "1 Số hộ nghèo hộ 1.234 Sổ theo dõi hộ",
        "2 Số lao động qua đào tạo người 15 Sổ theo dõi của Trung tâm",
        "3 Tỷ lệ người thuộc hộ nghèo, hộ cận nghèo có thẻ bảo hiểm y tế % 98,50",
        "Tiểu dự án 2 thuộc Dự án 3: Cải thiện dinh dưỡng 1.500.000.000 375.500.000 25,03",
        "200.000.000 0 0,00", "Tổng cộng 1.700.000.000 375.500.000 22,09",
        "II. KHÓ KHĂN, VƯỚNG MẮC", "Kinh phí được giao chậm.", "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "Đề nghị UBND huyện sớm phân bổ kinh phí năm 2024.",
        "Nơi nhận:", "- UBND huyện Tân Yên (để báo cáo);", "- Lưu: VT.", "GIÁM ĐỐC",
    ]
    for piece in expected:
        assert piece in text, piece
    order = [text.index(s) for s in ["BÁO CÁO", "I. KẾT QUẢ", "Tổng cộng", "II. KHÓ KHĂN", "III. ĐỀ XUẤT",
                                     "Nơi nhận:", "GIÁM ĐỐC"]]
    assert order == sorted(order)
    assert "DỰ THẢO" not in text  # approved


def test_a_commune_report_is_signed_for_its_peoples_committee_and_a_draft_is_marked(
        client_for, users, units, issued_plan):
    report = make_report(issued_plan, unit=units["07339"], state=ReportState.DRAFT, month=3,
                         results="Rà soát biến động hộ nghèo tháng 3.")
    text = pdf_text(client_for(users["caothuong"]).get(f"/reports/progress/{report.pk}/document.pdf"))
    for piece in ["DỰ THẢO", "ỦY BAN NHÂN DÂN THỊ TRẤN CAO THƯỢNG", "/BC-UBND", "Thị trấn Cao Thượng, ngày",
                  "năm 2024", "tháng 03/2024", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "(Không có số liệu.)",
                  "II. KHÓ KHĂN, VƯỚNG MẮC Không."]:
        assert piece in text, piece
    assert "UBND HUYỆN" not in text  # a commune's People's Committee prints no superior body


def test_signature_of_each_kind_of_reporter(issued_plan, agencies, ttyte, units):
    committee = make_report(issued_plan, agency=agencies[("07339", "Ủy ban nhân dân thị trấn")], month=4)
    doc = progress_document.build(committee)
    assert (doc.superior_body, doc.issuing_body_lines, doc.authority) == (
        "UBND HUYỆN TÂN YÊN", ["ỦY BAN NHÂN DÂN", "THỊ TRẤN CAO THƯỢNG"], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
    official = make_report(issued_plan, agency=agencies[("07339", "Công chức Văn hóa - Xã hội")], month=5,
                           submitted_by=ttyte)
    doc = progress_document.build(official)
    assert (doc.authority, doc.signer_name) == (["NGƯỜI BÁO CÁO"], "Đỗ Thị Lan")
    department = make_report(issued_plan, agency=agencies[("216", "Phòng Giáo dục và Đào tạo")], month=6)
    doc = progress_document.build(department)
    assert (doc.issuing_body, doc.number_line.split("/")[1], doc.authority, doc.signer_name) == (
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "BC-GDĐT", ["TRƯỞNG PHÒNG"], "")


def test_html_and_pdf_draw_the_rows_of_one_builder_call(client_for, ttyte, ttyte_report, monkeypatch):
    built = []
    real = progress_document.build

    def spy(report):
        built.append(real(report))
        return built[-1]

    monkeypatch.setattr(progress_document, "build", spy)
    client = client_for(ttyte)
    page = client.get(f"/reports/progress/{ttyte_report.pk}/document/")
    assert len(built) == 1 and page.context["doc"] is built[0]
    html = page.content.decode()
    pdf = pdf_text(client.get(f"/reports/progress/{ttyte_report.pk}/document.pdf"))
    assert len(built) == 2
    first, second = built
    assert first.values.rows == second.values.rows and first.funding.rows == second.funding.rows
    assert first.funding.total == second.funding.total == ["", "Tổng cộng", "1.700.000.000", "375.500.000", "22,09"]
    for row in [*second.values.rows, *second.funding.rows, second.funding.total]:
        assert " ".join(c for c in row if c) in pdf, row
        assert all(f">{c}</td>" in html for c in row if c), row
    assert f"/reports/progress/{ttyte_report.pk}/document.pdf" in html


def test_outsiders_get_404_on_both_views(client, client_for, users, ttyte_report):
    urls = [f"/reports/progress/{ttyte_report.pk}/document/", f"/reports/progress/{ttyte_report.pk}/document.pdf"]
    for url in urls:
        assert client.get(url)["Location"].startswith("/login/")
    outsider = client_for(users["caoxa"])  # a commune officer of another commune, outside the district
    assert [outsider.get(url).status_code for url in urls] == [404, 404]
    supervisor = client_for(users["tanyen"])  # the receiving unit's supervisor reads it
    assert [supervisor.get(url).status_code for url in urls] == [200, 200]
    assert client_for(users["caoxa"]).get("/reports/progress/999999/document/").status_code == 404


def test_building_the_document_runs_a_fixed_number_of_queries(ttyte_report, django_assert_num_queries):
    from programmes.progress.access import get_report_for_user

    report = get_report_for_user(ttyte_report.submitted_by, ttyte_report.pk)
    # values with indicators, funding with projects; the offices named as of the period (issuer's unit committee,
    # recipient's committee and labour office)
    with django_assert_num_queries(5):
        progress_document.build(report)


def test_the_link_partial_points_at_both_views(ttyte_report):
    from django.template.loader import render_to_string

    html = render_to_string("programmes/_report_document_links.html", {"report": ttyte_report})
    assert f'href="/reports/progress/{ttyte_report.pk}/document/"' in html
    assert f'href="/reports/progress/{ttyte_report.pk}/document.pdf"' in html


def test_the_bodies_named_are_the_offices_recorded_for_the_period_before_and_after_1_july_2025(issued_plan, units):
    """Issue 10 item 3: names are data on the unit (UnitOffice), as of the report's period."""
    from povertyplan.models import OfficeKind, UnitOffice

    before = make_report(issued_plan, unit=units["07339"], month=3)
    doc = progress_document.build(before)
    assert doc.issuing_body_lines == ["ỦY BAN NHÂN DÂN", "THỊ TRẤN CAO THƯỢNG"]
    assert doc.recipients == ["UBND huyện Tân Yên (để báo cáo);",
                              "Phòng Lao động - Thương binh và Xã hội huyện Tân Yên (để tổng hợp);", "Lưu: VT."]
    after = ProgressReport.objects.create(
        plan=issued_plan, rule=issued_plan.reporting_rules.get(), period_year=2026, period_index=3,
        unit=units["07339@2025"], reporter=reporter_key(unit=units["07339@2025"]), recipient_unit=units["24@2025"],
        deadline=D(2026, 3, 25), state=ReportState.DRAFT)
    doc = progress_document.build(after)
    assert doc.issuing_body_lines == ["ỦY BAN NHÂN DÂN", "XÃ TÂN YÊN"]
    assert doc.recipients == ["UBND tỉnh Bắc Ninh (để báo cáo);",
                              "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh (để tổng hợp);", "Lưu: VT."]
    # a renamed body (a record of the data, not a string in code) is what the next document prints
    UnitOffice.objects.filter(unit=units["24@2025"], kind=OfficeKind.LABOUR).update(
        name="Sở Y tế tỉnh Bắc Ninh")
    assert progress_document.build(after).recipients[1] == "Sở Y tế tỉnh Bắc Ninh (để tổng hợp);"
    assert progress_document.build(before).recipients[1] == (
        "Phòng Lao động - Thương binh và Xã hội huyện Tân Yên (để tổng hợp);")
