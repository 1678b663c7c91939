"""Support records: one at a time, and by the all-or-nothing import of the filled eligibility list; the same
person supported twice in a period refused (by the service, the import and the database), flagged where the
policy allows repeats."""
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from households.models import Household, Member
from povertyplan.lib.tabular import ImportFailed
from support.models import Policy, SupportRecord
from support.services import support_import, support_record_create

pytestmark = pytest.mark.django_db
GIVEN = datetime.date(2025, 3, 10)


def policy(code):
    return Policy.objects.get(code=code)


def member(name):
    return Member.objects.select_related("household__village").get(full_name=name)


def record(user, code, who, **extra):
    m = member(who) if policy(code).is_personal else None
    household = m.household if m else Household.objects.get(code=who)
    values = {"given_on": GIVEN, "document": "QĐ 12/QĐ-TTYT", **extra}
    return support_record_create(actor=user, policy=policy(code), household=household, member=m, **values)


def test_one_at_a_time_then_the_same_person_again_is_refused(registry, agencies):
    first = record(agencies["yte"], "bhyt", "Con H1", quantity=1)
    assert (first.period, first.agency.name, first.village.code) == ("2025", "Trung tâm Y tế", "07339-01")
    with pytest.raises(ValidationError) as caught:
        record(agencies["yte"], "bhyt", "Con H1", given_on=datetime.date(2025, 9, 1))
    assert "đã được hỗ trợ chính sách này trong kỳ" in str(caught.value)
    assert SupportRecord.objects.count() == 1
    # next year is another period
    assert record(agencies["yte"], "bhyt", "Con H1", given_on=datetime.date(2026, 1, 5)).period == "2026"


def test_the_database_refuses_a_duplicate_too(registry, agencies):
    first = record(agencies["yte"], "bhyt", "Con H1")
    first.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()


def test_repeats_are_flagged_where_the_policy_allows_them(registry, units):
    from povertyplan.models import Role
    from programmes.models import Agency, AgencyKind
    from tests.conftest import make_officer

    bank = make_officer("nhcsxh", Role.AGENCY, units["216"])
    Agency.objects.create(unit=units["216"], name="Ngân hàng Chính sách xã hội", kind=AgencyKind.BANK).members.add(bank)
    first = record(bank, "tin-dung", "H1", amount=50_000_000)
    second = record(bank, "tin-dung", "H1", amount=30_000_000)
    assert (first.is_repeat, second.is_repeat) == (False, True)


def test_only_the_eligible_of_the_date_are_recorded(registry, agencies):
    with pytest.raises(ValidationError) as caught:
        record(agencies["yte"], "dinh-duong-duoi-5", "Con H3")  # household never recognised
    assert "không thuộc diện được hỗ trợ tại ngày 10/03/2025" in str(caught.value)
    with pytest.raises(ValidationError):
        record(agencies["yte"], "dinh-duong-duoi-5", "Con H2")  # turned 5 on 10/01/2025
    assert not SupportRecord.objects.exists()


def test_only_an_agency_of_the_policy_kind_records(registry, agencies, users):
    from django.core.exceptions import PermissionDenied

    for user in (agencies["gd"], users["tanyen"], users["caothuong"], agencies["yte_cx"]):
        with pytest.raises(PermissionDenied):
            record(user, "bhyt", "Con H1")
    assert not SupportRecord.objects.exists()


def test_the_record_form_reports_bad_input_and_changes_nothing(registry, units, agencies, client_for):
    client = client_for(agencies["yte"])
    url = f"/support/{policy('bhyt').pk}/units/{units['07339'].pk}/record/"
    response = client.post(url, {"key": member("Con H1").pk, "given_on": "31/02/2025", "document": "x"}, follow=True)
    assert "Ngày hỗ trợ: ngày “31/02/2025” không có trên lịch." in response.content.decode()
    response = client.post(url, {"key": member("Con H1").pk, "given_on": "10/03/2025", "document": "QĐ 1",
                                 "amount": "1.500.000"}, follow=True)
    assert "Đã ghi nhận hỗ trợ: Con H1." in response.content.decode()
    assert SupportRecord.objects.get().amount == 1_500_000


# --- import of the filled list --------------------------------------------------------------------------

def filled(client, code, unit, fill):
    """The eligibility list downloaded as the agency would, with `fill` {name: [date, quantity, amount, doc]}."""
    response = client.get(f"/support/{policy(code).pk}/units/{unit.pk}/export/", {"on": "15/01/2025"})
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Danh sách"]
    name_column = 5 if policy(code).is_personal else 4
    for row in sheet.iter_rows(min_row=2):
        values = fill.get(row[name_column - 1].value)
        if values:
            for offset, value in enumerate(values):
                row[-4 + offset].value = value
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "filled.xlsx"
    return out


def test_import_of_the_filled_list_records_every_filled_row(registry, units, agencies, client_for):
    client = client_for(agencies["yte"])
    upload = filled(client, "bhyt", units["07339"], {"Con H1": ["10/03/2025", 1, None, "DS cấp thẻ 03/2025"],
                                                      "Chủ hộ H5": [datetime.datetime(2025, 3, 12), None, None, "DS 2"]})
    response = client.post(f"/support/{policy('bhyt').pk}/units/{units['07339'].pk}/import/", {"file": upload})
    assert response.status_code == 302
    records = {r.member.full_name: (r.given_on, r.quantity, r.document) for r in SupportRecord.objects.all()}
    assert records == {"Con H1": (GIVEN, 1, "DS cấp thẻ 03/2025"),
                       "Chủ hộ H5": (datetime.date(2025, 3, 12), 1, "DS 2")}
    # the coverage counts them
    page = client.get(f"/support/{policy('bhyt').pk}/units/{units['07339'].pk}/", {"on": "15/03/2025"})
    assert (page.context["total"].eligible, page.context["total"].supported) == (8, 2)
    # the same file again: every row is a duplicate, nothing is added
    upload.seek(0)
    response = client.post(f"/support/{policy('bhyt').pk}/units/{units['07339'].pk}/import/", {"file": upload})
    assert "đã được hỗ trợ chính sách này trong kỳ 2025" in response.content.decode()
    assert SupportRecord.objects.count() == 2


def test_import_is_all_or_nothing_with_row_and_column(registry, units, agencies, client_for):
    client = client_for(agencies["yte"])
    upload = filled(client, "bhyt", units["07339"], {
        "Con H1": ["10/03/2025", 1, None, "DS 1"],            # good
        "Con H2": ["32/03/2025", 1, None, "DS 1"],            # no such date
        "Con H5": ["10/03/2025", "-2", None, "DS 1"],         # negative quantity
        "Con H6": ["10/03/2025", 1, "1,5", ""],               # decimal amount, no document
    })
    with pytest.raises(ImportFailed) as caught:
        support_import(actor=agencies["yte"], policy=policy("bhyt"), unit=units["07339"], file=upload)
    messages = [str(e) for e in caught.value.errors]
    rows = {name: n for n, name in enumerate(
        [r[4].value for r in load_workbook(upload)["Danh sách"].iter_rows(min_row=2)], start=2)}
    assert f"Trang tính Danh sách, dòng {rows['Con H2']}, cột J (Ngày hỗ trợ): ngày “32/03/2025” không có trên lịch." \
        in messages
    assert any(m.startswith(f"Trang tính Danh sách, dòng {rows['Con H5']}, cột K (Số lượng)") for m in messages)
    assert any(m.startswith(f"Trang tính Danh sách, dòng {rows['Con H6']}, cột L (Số tiền (đồng))") for m in messages)
    assert f"Trang tính Danh sách, dòng {rows['Con H6']}, cột M (Văn bản, chứng từ): chưa ghi văn bản, chứng từ." \
        in messages
    assert len(messages) == 4
    assert not SupportRecord.objects.exists()


def test_import_refuses_someone_not_in_the_list(registry, units, agencies, client_for):
    client = client_for(agencies["yte"])
    upload = filled(client, "dinh-duong-duoi-5", units["07339"], {"Con H1": ["10/03/2025", 1, None, "DS 1"]})
    book = load_workbook(upload)
    sheet = book["Danh sách"]
    sheet.append([member("Con H3").pk, "", "", "", "Con H3", "", "", "", "10/03/2025", 1, None, "DS 1"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    with pytest.raises(ImportFailed) as caught:
        support_import(actor=agencies["yte"], policy=policy("dinh-duong-duoi-5"), unit=units["07339"], file=out,
                       filename="x.xlsx")
    [error] = caught.value.errors
    assert f"mã số {member('Con H3').pk} không có trong danh sách đủ điều kiện" in str(error)
    assert not SupportRecord.objects.exists()


def test_bad_files_are_refused_with_a_message(registry, units, agencies, client_for, bad_file):
    name, data = bad_file
    upload = io.BytesIO(data)
    upload.name = name
    with pytest.raises(ImportFailed) as caught:
        support_import(actor=agencies["yte"], policy=policy("bhyt"), unit=units["07339"], file=upload, filename=name)
    assert caught.value.errors and all(str(e) for e in caught.value.errors)
    assert not SupportRecord.objects.exists()
    if data:  # the page shows the messages (an empty upload is refused by Django's file field)
        upload.seek(0)
        response = client_for(agencies["yte"]).post(
            f"/support/{policy('bhyt').pk}/units/{units['07339'].pk}/import/", {"file": upload})
        assert [str(e) for e in response.context["errors"]] == [str(e) for e in caught.value.errors]
