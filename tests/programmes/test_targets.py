import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from povertyplan.models import AdministrativeUnit, AuditEvent, Officer
from programmes import services
from programmes.demo_seed003 import SEED_003_GROUPS
from programmes.models import Indicator, Target
from programmes.services import PlanLocked
from reports.tables.target_matrix import Status, TargetMatrix
from tests.conftest import create_household
from tests.programmes.conftest import version_of


@pytest.fixture
def catalogue(db):
    from programmes import reference

    reference.load_indicators()
    return {i.code: i for i in Indicator.objects.all()}


@pytest.fixture
def town_plan(make_plan):
    return make_plan("07339", title="Thực hiện chương trình giảm nghèo và giải quyết việc làm năm 2024")


def groups(units):
    return [units[f"07339-{n:02d}"] for n in range(1, 27)]


def allocate_seed(plan, units, catalogue, columns=("so_ho_dan_cu", "ho_ngheo", "ho_can_ngheo"), count=26,
                  actor=None):
    """The seed 003 annex through the services: the town's totals, then the groups' numbers."""
    actor = actor or Officer.objects.get(user__username="caothuong").user
    picks = {"so_ho_dan_cu": (3, 1), "ho_ngheo": (5, 4), "ho_can_ngheo": (7, 6)}  # (value, baseline) columns
    for code in columns:
        value_col, baseline_col = picks[code]
        rows = SEED_003_GROUPS[:count]
        services.target_set(actor=actor, plan=plan, version=version_of(plan), unit=units["07339"],
                            indicator=catalogue[code], value=Decimal(sum(r[value_col] for r in SEED_003_GROUPS)),
                            baseline=Decimal(sum(r[baseline_col] for r in SEED_003_GROUPS)))
        pairs = zip(groups(units)[:count], rows, strict=True)
        services.target_allocate(actor=actor, plan=plan, version=version_of(plan), indicator=catalogue[code],
                                 parent=units["07339"], values={
            unit: (Decimal(r[value_col]), Decimal(r[baseline_col])) for unit, r in pairs})


def test_catalogue_has_the_targets_the_seeds_use(catalogue):
    assert {"ty_le_ho_ngheo", "giam_ty_le_ho_ngheo", "giam_ho_ngheo", "ho_ngheo", "ty_le_ho_can_ngheo",
            "ho_can_ngheo", "ty_le_lao_dong_qua_dao_tao", "viec_lam_moi", "xuat_khau_lao_dong", "ty_le_bhyt",
            "ty_le_tre_em_di_hoc"} <= set(catalogue)
    assert catalogue["ho_ngheo"].denominator == catalogue["so_ho_dan_cu"]
    assert catalogue["ho_ngheo"].is_derived and not catalogue["viec_lam_moi"].is_derived
    assert not catalogue["ty_le_ho_ngheo"].additive and catalogue["ty_le_ho_ngheo"].unit_of_measure == "%"


def test_seed_annex_adds_up_and_rates_are_computed(town_plan, units, catalogue):
    allocate_seed(town_plan, units, catalogue)
    matrix = TargetMatrix(town_plan)
    assert [i.code for i in matrix.indicators] == ["so_ho_dan_cu", "ho_ngheo", "ho_can_ngheo"]
    check = matrix.check_for(catalogue["ho_ngheo"])
    assert (check.status, check.total, check.parent_value, check.allocated, check.children) == (
        Status.OK, Decimal(54), Decimal(54), 26, 26)
    assert check.baseline_total == 90 and check.baseline_ok and matrix.all_ok
    hoa_son = matrix.rows[0].cell(catalogue["ho_ngheo"])
    assert (hoa_son.baseline_rate, hoa_son.value_rate) == (Decimal("3.69"), Decimal("1.82"))  # 8/217, 4/220
    total = matrix.total_row.cell(catalogue["ho_can_ngheo"])
    assert (total.value, total.value_rate, total.baseline_rate) == (110, Decimal("2.80"), Decimal("3.46"))


def test_children_that_do_not_add_up_are_flagged(town_plan, units, catalogue, users):
    allocate_seed(town_plan, units, catalogue, columns=("ho_ngheo",))
    officer = users["caothuong"]
    services.target_set(actor=officer, plan=town_plan, version=version_of(town_plan), unit=units["07339-01"],
                        indicator=catalogue["ho_ngheo"], value=Decimal(2), baseline=Decimal(8))
    check = TargetMatrix(town_plan).check_for(catalogue["ho_ngheo"])
    assert (check.status, check.total, check.difference) == (Status.UNDER, Decimal(52), Decimal(-2))
    services.target_set(actor=officer, plan=town_plan, version=version_of(town_plan), unit=units["07339"],
                        indicator=catalogue["ho_ngheo"], value=None, baseline=None)  # the town's own target removed
    assert TargetMatrix(town_plan).check_for(catalogue["ho_ngheo"]).status == Status.NO_PARENT


def test_allocation_is_all_or_nothing(town_plan, units, catalogue, users):
    values = {unit: (Decimal(1), None) for unit in groups(units)}
    values[units["07339-05"]] = (Decimal("1.5"), None)  # half a household
    with pytest.raises(ValidationError) as error:
        services.target_allocate(actor=users["caothuong"], plan=town_plan, version=version_of(town_plan),
                                 indicator=catalogue["ho_ngheo"], parent=units["07339"], values=values)
    assert "Tổ dân phố Bậu: “Số hộ nghèo” tính bằng hộ: phải là số nguyên." in error.value.messages
    assert not Target.objects.exists()


def test_allocation_only_to_children_and_only_of_counts(town_plan, units, catalogue, users):
    officer = users["caothuong"]
    with pytest.raises(ValidationError) as error:
        services.target_allocate(actor=officer, plan=town_plan, version=version_of(town_plan),
                                 indicator=catalogue["ho_ngheo"], parent=units["07339"],
                                 values={units["07336-01"]: (Decimal(1), None)})
    assert error.value.messages == [f"{units['07336-01'].full_name} không trực thuộc Thị trấn Cao Thượng."]
    with pytest.raises(ValidationError) as error:
        services.target_allocate(actor=officer, plan=town_plan, version=version_of(town_plan),
                                 indicator=catalogue["ty_le_ho_ngheo"], parent=units["07339"],
                                 values={units["07339-01"]: (Decimal(1), None)})
    assert "là tỷ lệ: không phân bổ cộng dồn được" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:  # a unit outside the plan's area
        services.target_set(actor=officer, plan=town_plan, version=version_of(town_plan), unit=units["07336"],
                            indicator=catalogue["ho_ngheo"], value=Decimal(3))
    assert error.value.message_dict["unit"] == ["Xã Cao Xá không thuộc địa bàn của kế hoạch."]
    assert not Target.objects.exists()


def test_targets_of_an_issued_plan_are_locked(town_plan, units, catalogue, users):
    import datetime

    officer = users["caothuong"]
    services.target_set(actor=officer, plan=town_plan, version=version_of(town_plan), unit=units["07339"],
                        indicator=catalogue["ty_le_ho_ngheo"], value=Decimal("1.4"))
    event = AuditEvent.objects.get(action="target.set")
    assert event.after["value_baseline"] == ["1.4", None]
    services.plan_issue(actor=officer, plan=town_plan, version=version_of(town_plan), number="",
                        signer_name="Vũ Ngọc Vân", document_date=datetime.date(2024, 1, 25))
    with pytest.raises(PlanLocked):
        services.target_set(actor=officer, plan=town_plan, version=version_of(town_plan), unit=units["07339"],
                            indicator=catalogue["ty_le_ho_ngheo"], value=Decimal("2"))
    with pytest.raises(PlanLocked):
        services.target_allocate(actor=officer, plan=town_plan, version=version_of(town_plan),
                                 indicator=catalogue["ho_ngheo"], parent=units["07339"],
                                 values={units["07339-01"]: (Decimal(1), None)})
    assert Target.objects.get().value == Decimal("1.4")


def test_commune_officer_cannot_set_targets_in_a_district_plan(make_plan, units, catalogue, users):
    plan = make_plan("216")
    with pytest.raises(PermissionDenied):
        services.target_set(actor=users["caothuong"], plan=plan, version=version_of(plan), unit=units["07339"],
                            indicator=catalogue["ho_ngheo"], value=Decimal(54))
    assert not Target.objects.exists() and version_of(plan) == 1


def test_copy_carries_the_targets(town_plan, units, catalogue, users):
    allocate_seed(town_plan, units, catalogue, columns=("ho_ngheo",), count=3)
    copy = services.plan_copy(actor=users["caothuong"], plan=town_plan, year_from=2025)
    assert copy.targets.count() == town_plan.targets.count() == 4


# Pages

def test_targets_page_access(client, client_for, users, ttyte, town_plan, district_plan):
    url = f"/reports/plans/{town_plan.pk}/targets/"
    assert client.get(url)["Location"].startswith("/login/")
    assert client.get(f"{url}1/allocate/")["Location"].startswith("/login/")
    assert client_for(users["caoxa"]).get(url).status_code == 404
    assert client_for(ttyte).get(url).status_code == 404
    page = client_for(ttyte).get(f"/reports/plans/{district_plan.pk}/targets/")
    assert page.status_code == 200 and "Đặt chỉ tiêu" not in page.content.decode()  # read only
    assert client_for(users["caothuong"]).get(f"{url}?unit={units_pk(users, '07336')}").status_code == 404
    allocate = f"{url}{Indicator.objects.get(code='ho_ngheo').pk}/allocate/"
    assert client_for(users["caoxa"]).get(allocate).status_code == 404
    assert client_for(ttyte).get(allocate).status_code == 403
    assert "Hoà Sơn" in client_for(users["caothuong"]).get(allocate).content.decode()


def test_targets_of_an_issued_plan_cannot_be_posted(client_for, users, town_plan, catalogue):
    import datetime

    services.plan_issue(actor=users["caothuong"], plan=town_plan, version=version_of(town_plan), number="",
                        signer_name="Vũ Ngọc Vân", document_date=datetime.date(2024, 1, 25))
    client = client_for(users["caothuong"])
    url = f"/reports/plans/{town_plan.pk}/targets/"
    page = client.get(url)
    assert page.status_code == 200 and town_plan.title in page.content.decode()
    assert "Đặt chỉ tiêu" not in page.content.decode()
    assert client.post(url, {"indicator": catalogue["ho_ngheo"].pk, "value": "54"}).status_code == 403
    assert client.get(f"{url}{catalogue['ho_ngheo'].pk}/allocate/").status_code == 403
    assert not Target.objects.exists()


def units_pk(users, code):
    return AdministrativeUnit.objects.get(code=code, valid_to__isnull=False).pk


def test_set_and_allocate_through_the_pages_shows_the_check(client_for, users, town_plan, units, catalogue):
    client = client_for(users["caothuong"])
    url = f"/reports/plans/{town_plan.pk}/targets/"
    response = client.post(url, {"indicator": catalogue["ho_ngheo"].pk, "value": "54", "baseline": "90",
                                 "version": version_of(town_plan)})
    assert response.status_code == 302
    response = client.post(url, {"indicator": catalogue["ty_le_ho_ngheo"].pk, "value": "1,4",
                                 "version": version_of(town_plan)})
    assert Target.objects.get(indicator=catalogue["ty_le_ho_ngheo"]).value == Decimal("1.4")
    bad = client.post(url, {"indicator": catalogue["ho_ngheo"].pk, "value": "-3", "version": version_of(town_plan)})
    assert "lớn hơn hoặc bằng với 0" in bad.content.decode()
    assert Target.objects.get(indicator=catalogue["ho_ngheo"]).value == 54

    allocate = f"/reports/plans/{town_plan.pk}/targets/{catalogue['ho_ngheo'].pk}/allocate/"
    form = client.get(allocate).content.decode()
    assert form.count('name="value_') == 26 and "Hoà Sơn" in form
    pairs = list(zip(groups(units), SEED_003_GROUPS, strict=True))
    data = {f"value_{unit.pk}": str(r[5]) for unit, r in pairs}
    data.update({f"baseline_{unit.pk}": str(r[4]) for unit, r in pairs})
    data[f"value_{units['07339-26'].pk}"] = "1"  # Ngò: 1 instead of 2 → 53
    response = client.post(allocate, {**data, "version": version_of(town_plan)}, follow=True)
    body = response.content.decode()
    assert "chưa khớp chỉ tiêu của Thị trấn Cao Thượng" in body
    assert 'data-check="under"' in body and "53 ≠ 54" in body
    data[f"value_{units['07339-26'].pk}"] = "2"
    body = client.post(allocate, {**data, "version": version_of(town_plan)}, follow=True).content.decode()
    assert 'data-check="ok"' in body and "54 = 54" in body


@pytest.mark.parametrize("count", [3, 26])
def test_target_table_query_count_does_not_grow(client_for, users, town_plan, units, catalogue, count,
                                                django_assert_num_queries):
    allocate_seed(town_plan, units, catalogue, count=count)
    client = client_for(users["caothuong"])
    client.get(f"/reports/plans/{town_plan.pk}/targets/")
    # session, user, officer, plan, child units, targets, column sums, indicator choices (2 selects), the
    # support policies measuring a targeted indicator (none here: no coverage counted; see test_indicator_feed)
    with django_assert_num_queries(10):
        response = client.get(f"/reports/plans/{town_plan.pk}/targets/")
    assert response.content.decode().count("<td>Hoà Sơn</td>") == 1


def _recognised_2023(units, users, village, code, classification_income):
    """A household of `village` with the 2023 periodic review recognised on 20/12/2023."""
    import datetime

    from households.models import ReviewRound
    from households.services import review_create, review_recognise, review_submit, round_create
    from households.standards import load_standards

    load_standards()
    officer, leader = users["caothuong"], users["caothuong_ld"]
    review_round = (ReviewRound.objects.filter(commune=units["07339"], year=2023).first()
                    or round_create(actor=officer, commune=units["07339"], year=2023, kind="periodic"))
    household = create_household(actor=officer, village=units[village], code=code, head_name="Nguyễn Văn An")
    review = review_create(actor=officer, household=household, round=review_round,
                           income_per_capita=classification_income, deprivations=[])
    review_submit(actor=officer, review=review)
    review_recognise(actor=leader, review=review, decision_number="9/QĐ", decision_date=datetime.date(2023, 12, 20))


def test_allocation_starts_last_period_from_the_registry(client_for, users, town_plan, units, catalogue):
    for code, village in (("A1", "07339-01"), ("A2", "07339-01"), ("B1", "07339-02")):
        _recognised_2023(units, users, village, code, 1_000_000)  # near poor: under the line, no deprivation
    client = client_for(users["caothuong"])
    allocate = f"/reports/plans/{town_plan.pk}/targets/{catalogue['ho_can_ngheo'].pk}/allocate/"
    page = client.get(allocate).content.decode()
    baseline = {n: re.search(rf'name="baseline_{units[n].pk}"[^>]*value="([^"]*)"', page)
                for n in ("07339-01", "07339-02", "07339-03")}
    assert {n: m.group(1) if m else "" for n, m in baseline.items()} == {"07339-01": "2", "07339-02": "1",
                                                                        "07339-03": "0"}
    assert "điền sẵn từ sổ hộ: kết quả rà soát định kỳ năm 2023" in page
    # Not a registry stock: nothing to start from, no note.
    other = client.get(f"/reports/plans/{town_plan.pk}/targets/{catalogue['lao_dong_qua_dao_tao'].pk}/allocate/")
    assert 'id="registry-source"' not in other.content.decode()


def test_the_allocation_picker_leaves_a_clean_url(client_for, users, town_plan, catalogue):
    page = client_for(users["caothuong"]).get(f"/reports/plans/{town_plan.pk}/targets/").content.decode()
    picker = re.search(r'<form[^>]*id="allocate-picker".*?</form>', page, re.S).group(0)
    assert re.findall(r'<(?:select|input)[^>]*\sname="([^"]+)"', picker) == []  # nothing lands in the query string


def test_the_target_table_writes_years_without_separators(client_for, users, town_plan, catalogue):
    page = client_for(users["caothuong"]).get(f"/reports/plans/{town_plan.pk}/target-table/").content.decode()
    assert "Số năm 2023 lấy từ kết quả rà soát định kỳ năm 2023" in page and "2.023" not in page
