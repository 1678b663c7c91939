"""Plans (issue 12 item 6): "Mục …" references against the numbering the document prints, and the issued line."""
import re

import pytest
from django.urls import reverse

from programmes import services
from programmes.plan_checks import printed_sections, section_reference_warnings
from programmes.services.rows import RowChange
from reports.documents.plan import build
from tests.programmes.conftest import version_of


@pytest.fixture
def plan_with_gaps(make_plan, users):
    """A commune plan with only three parts filled (I purpose, II objectives, III organisation): scope, solutions,
    activities, budget and reporting are empty and not printed."""
    plan = make_plan("07339")
    actor = users["tanyen"]
    plan = services.plan_update(actor=actor, plan=plan, version=plan.version, purpose="Triển khai kịp thời.",
                                general_objective="Giảm nghèo bền vững.",
                                organisation="Các đơn vị nêu tại Mục III tổ chức thực hiện; báo cáo theo Mục II.")
    services.plan_rows_save(actor=actor, plan=plan, part="recipients", version=version_of(plan), rows=[
        RowChange(None, {"order": 1, "text": "Sở LĐ-TB&XH;"}),
        RowChange(None, {"order": 2, "text": "Các đơn vị nêu tại Mục VII;"})])
    return plan


def test_the_check_numbers_sections_as_the_document_prints_them(plan_with_gaps):
    document = build(plan_with_gaps)
    assert [s.heading for s in document.sections] == printed_sections(plan_with_gaps) == [
        "MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "TỔ CHỨC THỰC HIỆN"]
    assert [s.numeral for s in document.sections] == ["I", "II", "III"]


def test_references_past_the_printed_sections_or_renumbered_are_warned(plan_with_gaps):
    warnings = section_reference_warnings(plan_with_gaps)
    assert warnings == [
        "Phần “lời dẫn phần tổ chức thực hiện” nhắc tới Mục III: văn bản in đánh số lại vì bỏ phần trống, nên "
        "Mục III là “TỔ CHỨC THỰC HIỆN” (không phải “PHẠM VI, ĐỐI TƯỢNG VÀ THỜI GIAN THỰC HIỆN”). Hãy kiểm tra số "
        "mục trước khi ban hành.",
        "Phần “nơi nhận” nhắc tới Mục VII, nhưng văn bản in chỉ có 3 mục (các phần trống không in). Hãy sửa lại số "
        "mục trước khi ban hành.",
    ]  # "Mục II" is the same part in both numberings: no warning


def test_the_issue_page_and_the_plan_page_warn_before_issuing(plan_with_gaps, client_for, users):
    client = client_for(users["tanyen"])
    for url in (reverse("programmes:plan_issue", args=[plan_with_gaps.pk]),
                reverse("programmes:plan_detail", args=[plan_with_gaps.pk])):
        page = client.get(url).content.decode()
        box = re.search(r'id="section-warnings">(.*?)</div>', page, re.S).group(1)
        assert "nhắc tới Mục VII, nhưng văn bản in chỉ có 3 mục" in box and box.count("<li>") == 2


def test_the_issued_line_shows_the_document_date_and_the_time_of_recording(issued_plan, client_for, users):
    from django.utils import timezone

    page = client_for(users["tanyen"]).get(reverse("programmes:plan_detail", args=[issued_plan.pk])).content.decode()
    line = re.search(r'id="issued-line">(.*?)</div>', page, re.S).group(1)
    recorded = timezone.localtime(issued_plan.issued_at).strftime("%d/%m/%Y %H:%M")
    assert line.startswith(f"Kế hoạch đã ban hành ngày 20/01/2024 (ghi nhận trên hệ thống lúc {recorded})")
    assert 'id="section-warnings"' not in page
