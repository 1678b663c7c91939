"""Eligibility lists and coverage pages: counts by unit on the hand-counted registry, access (404 outside
the unit or the agency's kind of policy), constant query counts, and the Excel list."""
import io

import pytest
from openpyxl import load_workbook

from households.models import Member
from povertyplan.models import AuditEvent
from support.models import Policy
from tests.support.conftest import AFTER, BEFORE

pytestmark = pytest.mark.django_db


def policy(code):
    return Policy.objects.get(code=code)


def url(code, unit, suffix=""):
    return f"/support/{policy(code).pk}/units/{unit.pk}/{suffix}"


def on(day):
    return {"on": day.strftime("%d/%m/%Y")}


def test_eligibility_by_village_before_and_after_a_recognition(registry, units, users, client_for):
    client = client_for(users["tanyen"])
    before = client.get(url("dinh-duong-duoi-5", units["07339"]), on(BEFORE))
    rows = {r.unit.code: (r.eligible, r.supported) for r in before.context["children"]}
    assert rows == {"07339-01": (3, 0), "07339-02": (1, 0)}
    after = client.get(url("dinh-duong-duoi-5", units["07339"]), on(AFTER))
    rows = {r.unit.code: (r.eligible, r.supported) for r in after.context["children"]}
    assert rows == {"07339-01": (2, 0), "07339-02": (1, 0)}
    assert [m.full_name for m in after.context["page"]] == ["Con H1", "Con H6", "Con H5"]  # by village, household


def test_agency_sees_only_its_kind_of_policy_within_its_unit(registry, units, agencies, client_for):
    client = client_for(agencies["yte"])
    assert client.get(url("bhyt", units["07339"])).status_code == 200
    assert client.get(url("thong-tin", units["07339"])).status_code == 404       # a department's policy
    listed = client.get("/support/").context["rows"]
    assert sorted(p.code for p, _row in listed) == ["bhyt", "dinh-duong-duoi-5"]
    client = client_for(agencies["yte_cx"])
    assert client.get(url("bhyt", units["07336"])).status_code == 200
    for suffix in ("", "export/", "import/"):
        assert client.get(url("bhyt", units["07339"], suffix)).status_code == 404  # another commune
    assert client.post(url("bhyt", units["07339"], "record/"), {}).status_code == 404


@pytest.mark.parametrize("suffix", ["", "export/", "import/"])
def test_every_page_is_404_outside_the_unit(registry, units, users, client_for, suffix):
    client = client_for(users["caoxa"])
    assert client.get(url("thong-tin", units["07339"], suffix)).status_code == 404
    assert client.get(url("thong-tin", units["07336"], suffix)).status_code == 200
    assert client.get(f"/support/?unit={units['07339'].pk}").status_code == 404
    assert client.get("/support/?unit=1%20OR%201").status_code == 404


def test_pages_run_a_fixed_number_of_queries(registry, units, users, client_for, make_household, add_member,
                                             recognised_review, django_assert_num_queries):
    client = client_for(users["tanyen"])
    client.get("/support/")  # session and officer warmed
    target = url("dinh-duong-duoi-5", units["07339"])

    def count(path, params):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path, params).status_code == 200
        return len(ctx.captured_queries)

    first = count(target, on(AFTER)), count("/support/", {}), count(target + "export/", on(AFTER))
    import datetime
    for n in range(3):  # more eligible children in another village
        h = make_household(f"X{n}", village="07339-03")
        add_member(h, full_name=f"Chủ X{n}", birth_year=1990)
        add_member(h, full_name=f"Con X{n}", relation="child", birth_year=2024, birth_date=datetime.date(2024, 1, 1))
        recognised_review(h, 2024, 1_800_000, ("1", "4", "7"))
    assert (count(target, on(AFTER)), count("/support/", {}), count(target + "export/", on(AFTER))) == first
    with django_assert_num_queries(first[0]):
        response = client.get(target, on(AFTER))
    assert response.context["total"].eligible == 6


def test_excel_list_has_only_the_fields_the_policy_needs_and_is_audited(registry, units, agencies, client_for):
    Member.objects.filter(full_name="Chủ hộ H1").update(id_number="001203004567")
    client = client_for(agencies["yte"])
    response = client.get(url("bhyt", units["07339"], "export/"), on(AFTER))
    sheet = load_workbook(io.BytesIO(response.content))["Danh sách"]
    header = [c.value for c in sheet[1]]
    assert header == ["Mã số", "Thôn, tổ dân phố", "Mã hộ", "Họ và tên chủ hộ", "Họ và tên", "Ngày/năm sinh",
                      "Giới tính", "Số CCCD", "Đã hỗ trợ trong kỳ", "Ngày hỗ trợ", "Số lượng", "Số tiền (đồng)",
                      "Văn bản, chứng từ"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == 8
    head = next(r for r in rows if r[4] == "Chủ hộ H1")
    assert head[7] == "001203004567" and sheet.cell(row=rows.index(head) + 2, column=8).data_type == "s"
    assert head[0] == Member.objects.get(full_name="Chủ hộ H1").pk
    event = AuditEvent.objects.get(action="support.eligibility_export")
    assert (event.actor, event.unit, event.after["rows"], event.after["id_numbers"]) == (
        agencies["yte"], units["07339"], 8, True)
    # nutrition support needs no CCCD: the column is not there
    response = client.get(url("dinh-duong-duoi-5", units["07339"], "export/"), on(AFTER))
    header = [c.value for c in load_workbook(io.BytesIO(response.content))["Danh sách"][1]]
    assert "Số CCCD" not in header


def test_formula_like_names_stay_text(registry, units, users, client_for):
    Member.objects.filter(full_name="Con H1").update(full_name="=HYPERLINK(\"http://x\",\"a\")")
    response = client_for(users["tanyen"]).get(url("dinh-duong-duoi-5", units["07339"], "export/"), on(AFTER))
    sheet = load_workbook(io.BytesIO(response.content))["Danh sách"]
    cell = next(r[4] for r in sheet.iter_rows(min_row=2) if str(r[4].value).startswith("="))
    assert cell.data_type == "s"
