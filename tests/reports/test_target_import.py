"""Import of the target table (issue 9, item 4): the exported .xlsx round-trips into a draft plan; bad
files are refused with row and column, and nothing is saved."""
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from povertyplan.models import AuditEvent
from programmes.models import Target
from reports.tables import target_table
from reports.tables.target_xlsx import target_table_xlsx


@pytest.fixture
def draft(seed_plan, make_plan):
    return make_plan("07339")


def _seed_file(seed_plan, change=None):
    data = target_table_xlsx(target_table.build(seed_plan))
    if change is None:
        return data
    workbook = load_workbook(io.BytesIO(data))
    change(workbook.active)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _post(client, plan, data):
    return client.post(f"/reports/plans/{plan.pk}/target-table/import/", {
        "file": SimpleUploadedFile("chi-tieu.xlsx", data), "version": plan.version}, follow=True)


def test_the_exported_file_round_trips_into_a_draft_plan(client_for, users, seed_plan, draft):
    response = _post(client_for(users["caothuong"]), draft, _seed_file(seed_plan))
    assert "Đã nhập chỉ tiêu của 26 đơn vị" in response.content.decode()
    imported, seed = target_table.build(draft), target_table.build(seed_plan)
    assert [r.values for r in imported.rows] == [r.values for r in seed.rows]
    assert imported.total.values == seed.total.values
    assert Target.objects.get(plan=draft, unit__code="07339-01", indicator__code="ho_ngheo").baseline == Decimal(8)
    assert AuditEvent.objects.filter(action="target.allocate", object_id=str(draft.pk)).count() == 4


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s.cell(row=9, column=2, value="Không có"), "dòng 9, cột B: không có đơn vị “Không có”"),
    (lambda s: s.cell(row=10, column=6, value="ba"), "dòng 10, cột F (4): “ba” không phải là số"),
    (lambda s: s.cell(row=11, column=3, value="1,5"), "dòng 11, cột C (1): “1,5” có phần lẻ"),
    (lambda s: s.cell(row=6, column=7, value="Số người"), "dòng 6, cột G: tiêu đề cột phải là “Tỷ lệ”"),
    (lambda s: s.cell(row=7, column=1, value="X"), "không thấy dòng ký hiệu cột"),
])
def test_bad_files_are_refused_with_row_and_column_and_nothing_is_saved(client_for, users, seed_plan, draft, change,
                                                                        message):
    client, data = client_for(users["caothuong"]), _seed_file(seed_plan, change)
    before = (Target.objects.filter(plan=draft).count(), AuditEvent.objects.count())
    response = _post(client, draft, data)
    body = response.content.decode()
    assert 'id="import-errors"' in body and message in body
    assert (Target.objects.filter(plan=draft).count(), AuditEvent.objects.count()) == before


def test_a_unit_is_matched_by_its_code_too(client_for, users, seed_plan, draft, units):
    data = _seed_file(seed_plan, lambda s: s.cell(row=8, column=2, value=units["07339-01"].code))
    _post(client_for(users["caothuong"]), draft, data)
    assert Target.objects.get(plan=draft, unit=units["07339-01"], indicator__code="so_ho_dan_cu").value == 220


def test_import_outside_the_scope_is_404_and_an_issued_plan_refuses(client_for, users, seed_plan, draft):
    assert client_for(users["caoxa"]).get(f"/reports/plans/{draft.pk}/target-table/import/").status_code == 404
    assert client_for(users["caothuong"]).get(f"/reports/plans/{seed_plan.pk}/target-table/import/").status_code == 403


def test_the_annex_is_vietnamese_and_imports_whatever_the_interface_language(client_for, users, seed_plan, draft):
    from django.conf import settings

    client = client_for(users["caothuong"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = client.get(f"/reports/plans/{seed_plan.pk}/target-table.xlsx").content
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value.startswith("CHỈ TIÊU GIAO GIẢM NGHÈO NĂM 2024")
    response = _post(client, draft, data)
    assert Target.objects.get(plan=draft, unit__code="07339-01", indicator__code="ho_ngheo").baseline == Decimal(8)
    assert response.status_code == 200
