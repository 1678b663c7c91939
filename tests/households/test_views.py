"""Every households view: anonymous → login, in scope → the expected content, out of scope → 404."""
import datetime
import re

import pytest
from django.urls import reverse

from households.models import Household, Member, Review
from households.services import household_update, review_create
from povertyplan.models import AuditEvent, Role
from tests.conftest import before_the_reform, make_officer


@pytest.fixture
def town(household, add_member, recognised_review):
    """Hoà Sơn household HS-001 (2 members, recognised poor in 2025) and its round."""
    add_member(household, id_number="024070001234")
    add_member(household, full_name="Nguyễn Thị Cúc", relation="child", sex="female", birth_year=2012)
    review = recognised_review(household, 2025, 1_800_000, ("1", "4", "7"))
    return household, review


@pytest.fixture
def other(outsider_household, add_member, recognised_review):
    add_member(outsider_household, full_name="Trần Thị Bích", relation="head", sex="female", id_number="024080009999")
    review = recognised_review(outsider_household, 2025, 1_000_000, ("2",))
    return outsider_household, review


def urls_for(household, review, member):
    return {
        "get": [reverse("households:household_list"), reverse("households:household_create"),
                reverse("households:household_detail", args=[household.pk]),
                reverse("households:household_edit", args=[household.pk]),
                reverse("households:member_create", args=[household.pk]),
                reverse("households:member_edit", args=[member.pk]),
                reverse("households:review_create", args=[household.pk, review.round_id]),
                reverse("households:review_detail", args=[review.pk]),
                reverse("households:review_edit", args=[review.pk]),
                reverse("households:round_list"), reverse("households:round_create"),
                reverse("households:round_progress", args=[review.round_id]),
                reverse("households:export"), reverse("households:import"), reverse("households:import_template")],
        "post": [reverse("households:review_submit", args=[review.pk]),
                 reverse("households:review_recognise", args=[review.pk]),
                 reverse("households:review_return", args=[review.pk]),
                 reverse("households:review_reopen", args=[review.pk]),
                 reverse("households:review_classify", args=[household.pk, review.round_id]),
                 reverse("households:member_remove", args=[member.pk]),
                 reverse("households:round_recognise", args=[review.round_id]),
                 reverse("households:round_lock", args=[review.round_id])],
    }


def list_rows(html):
    """The household table's rows as lists of cell texts (tags stripped, spaces collapsed), without the
    actions cell ("Sửa", for writers)."""
    body = html[html.index('id="household-table"'):]
    body = body[body.index("<tbody>"):body.index("</tbody>")]
    return [[" ".join(re.sub(r"<[^>]+>", " ", cell).split())
             for cell in re.findall(r'<td(?! class="row-actions)[^>]*>(.*?)</td>', row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def household_count(html):
    return " ".join(re.sub(r"<[^>]+>", " ", re.search(r'id="household-count">(.*?)</p>', html, re.S).group(1)).split())


def test_anonymous_is_sent_to_login_everywhere(client, town):
    household, review = town
    urls = urls_for(household, review, household.members.first())
    for url in urls["get"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/?next="), url
    for url in urls["post"]:
        response = client.post(url, {"reason": "x"})
        assert response.status_code == 302 and response["Location"].startswith("/login/?next="), url
    assert Review.objects.get(pk=review.pk).state == "recognised"


def test_out_of_scope_is_404_both_ways(client_for, users, town, other):
    for username, (household, review) in (("caoxa", town), ("caothuong", other)):
        client = client_for(users[username])
        urls = urls_for(household, review, household.members.first())
        for url in urls["get"][2:9] + [urls["get"][11]]:
            assert client.get(url).status_code == 404, (username, url)
        for url in urls["post"]:
            assert client.post(url, {"reason": "x", "decision_number": "1", "decision_date": "01/01/2025"}
                               ).status_code == 404, (username, url)
    assert set(Review.objects.values_list("state", flat=True)) == {"recognised"}


def test_agency_officers_see_no_households(client_for, agency_officer, town):
    client = client_for(agency_officer)
    assert client.get(reverse("households:household_list")).status_code == 403
    assert client.get(reverse("households:household_detail", args=[town[0].pk])).status_code == 403


def test_list_shows_only_the_scope_with_counts(client_for, users, town, other):
    # the filter's drop-downs name every status and village: look at the table's rows only
    html = client_for(users["caothuong"]).get(reverse("households:household_list")).content.decode()
    assert list_rows(html) == [["HS-001", "Nguyễn Văn An", "Hoà Sơn", "2", "", "Hộ nghèo Hộ nghèo phát sinh", "2025"]]
    assert household_count(html) == "1 hộ · hiển thị 1–1"
    assert "CX-001" not in html and "Trần Thị Bích" not in html
    html = client_for(users["caoxa"]).get(reverse("households:household_list")).content.decode()
    assert [row[:2] + row[5:] for row in list_rows(html)] == [["CX-001", "Trần Thị Bích", "Hộ cận nghèo", "2025"]]
    html = client_for(users["tanyen"]).get(reverse("households:household_list")).content.decode()
    assert [row[0] for row in list_rows(html)] == ["CX-001", "HS-001"]  # by commune code: Cao Xá 07336 first
    assert household_count(html) == "2 hộ · hiển thị 1–2"


def _make_households(make_household, add_member, recognised_review, count, start=0):
    for n in range(start, start + count):
        household = make_household(f"HH-{n:03d}", village=f"07339-{n % 26 + 1:02d}", is_meritorious=n % 2 == 0)
        add_member(household, full_name=f"Chủ hộ {n}")
        if n % 3 == 0:
            recognised_review(household, 2025, 1_500_000 + n, ("1", "2", "3"))


def test_list_runs_a_fixed_number_of_queries_for_3_or_60_households(client_for, users, make_household, add_member,
                                                                    recognised_review, django_assert_num_queries):
    client = client_for(users["caothuong"])
    url = reverse("households:household_list") + "?flag=is_meritorious"
    _make_households(make_household, add_member, recognised_review, 3)
    # session, user, officer, filter units, indicator choices (standard + indicators), count, page ids, page rows
    with django_assert_num_queries(9):
        html = client.get(url).content.decode()
    assert [row[0] for row in list_rows(html)] == ["HH-000", "HH-002"]  # the meritorious ones (even numbers)
    _make_households(make_household, add_member, recognised_review, 57, start=3)
    with django_assert_num_queries(9):
        response = client.get(url + "&page=1")
    assert response.context["page"].paginator.count == 30
    with django_assert_num_queries(9):
        response = client.get(reverse("households:household_list"))
    assert len(response.context["page"].object_list) == 50 and response.context["page"].paginator.count == 60
    assert "Trang 1/2" in response.content.decode()


def test_list_filters(client_for, users, town, make_household, add_member, recognised_review, units):
    near = make_household("HS-002", village="07339-02", head_name="Lê Văn Cường", is_ethnic_minority=True)
    recognised_review(near, 2025, 1_900_000, ("1",))
    make_household("HS-003", village="07339-02", head_name="Phạm Thị Dung")
    client = client_for(users["caothuong"])

    def codes(**params):
        response = client.get(reverse("households:household_list"), params)
        return [h.code for h in response.context["page"].object_list]

    assert codes() == ["HS-001", "HS-002", "HS-003"]
    assert codes(status="poor") == ["HS-001"]
    assert codes(status="near_poor") == ["HS-002"]
    assert codes(status="newly_poor") == ["HS-001"]
    assert codes(status="not_recognised") == ["HS-003"]
    assert codes(status="poor", year=2025) == ["HS-001"]
    assert codes(status="poor", year=2024) == []
    assert codes(year=2025) == ["HS-001", "HS-002"]
    assert codes(flag="is_ethnic_minority") == ["HS-002"]
    assert codes(indicator="4") == ["HS-001"]
    assert codes(indicator="1") == ["HS-001", "HS-002"]
    assert codes(indicator="1", year=2025, status="near_poor") == ["HS-002"]
    assert codes(unit=units["07339-02"].pk) == ["HS-002", "HS-003"]
    assert codes(q="Cường") == ["HS-002"]
    assert codes(q="cường") == ["HS-002"]
    assert codes(q="HS-003") == ["HS-003"]
    assert codes(q="024070001234") == ["HS-001"]
    # a unit outside the scope is not a valid choice: the filter is ignored, never widened
    response = client.get(reverse("households:household_list"), {"unit": units["07336"].pk})
    assert "unit" in response.context["form"].errors


def test_newly_escaped_filter_and_badge(client_for, users, household, recognised_review):
    recognised_review(household, 2024, 1_500_000, ("1", "2", "3"))
    recognised_review(household, 2025, 2_600_000, ("1",))
    client = client_for(users["caothuong"])
    response = client.get(reverse("households:household_list"), {"status": "newly_escaped"})
    assert [h.code for h in response.context["page"].object_list] == ["HS-001"]
    # the row's badges (the status drop-down also names every status)
    assert list_rows(response.content.decode())[0][5] == "Hộ có mức sống trung bình Hộ thoát nghèo Hộ mới thoát nghèo"
    assert client.get(reverse("households:household_list"), {"status": "escaped_poverty"}).context[
        "page"].paginator.count == 1
    assert client.get(reverse("households:household_list"), {"status": "newly_escaped", "year": 2024}).context[
        "page"].paginator.count == 0


def test_detail_shows_members_status_timeline_and_audit(client_for, users, town):
    household, review = town
    html = client_for(users["caothuong"]).get(reverse("households:household_detail", args=[household.pk])).content.decode()
    assert "Nguyễn Thị Cúc" in html and "024070001234" in html
    status = re.search(r'id="current-status">(.*?)</div></div>', html, re.S).group(1)
    assert re.findall(r'<span class="badge[^"]*">([^<]+)</span>', status) == ["Hộ nghèo", "Hộ nghèo phát sinh"]
    assert "theo quyết định công nhận ngày 20/12/2025" in status
    assert "Rà soát định kỳ năm 2025" in html and "2025/QĐ-UBND" in html
    assert "Công nhận kết quả rà soát" in html and "Thêm hộ" in html and "Thêm thành viên" in html


def test_detail_masks_id_numbers_for_supervisors(client_for, users, town):
    household, _review = town
    html = client_for(users["tanyen"]).get(reverse("households:household_detail", args=[household.pk])).content.decode()
    assert "024070001234" not in html and "********1234" in html
    assert "Sửa thông tin hộ" not in html  # read only


def test_create_household_through_the_form(client_for, users, units):
    client = client_for(users["caothuong"])
    form_page = client.get(reverse("households:household_create")).content.decode()
    assert "Hoà Sơn" in form_page and "Cao Xá" not in form_page
    with before_the_reform():  # the town's tổ dân phố closed on 30/06/2025 (tests/households/test_closed_units.py)
        response = client.post(reverse("households:household_create"), {
            "code": "HS-100", "village": units["07339-03"].pk, "head_name": "Đỗ Văn Hải", "address": "Số 1",
            "is_social_protection": "on"})
    household = Household.objects.get(code="HS-100")
    assert response["Location"] == reverse("households:household_detail", args=[household.pk])
    assert household.is_social_protection and household.commune == units["07339"]


def test_create_household_errors_are_shown_and_nothing_saved(client_for, users, units, household):
    client = client_for(users["caothuong"])
    with before_the_reform():
        response = client.post(reverse("households:household_create"), {
            "code": "HS-001", "village": units["07339-03"].pk, "head_name": "Trùng mã"})
    assert response.status_code == 200
    assert "Mã hộ HS-001 đã có trong xã." in response.content.decode()
    response = client.post(reverse("households:household_create"), {
        "code": "X", "village": units["07336-01"].pk, "head_name": "Ngoài xã"})
    assert response.context["form"].errors["village"] == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."]
    assert Household.objects.count() == 1
    assert client_for(users["tanyen"]).get(reverse("households:household_create")).status_code == 403


def test_edit_with_a_stale_version_shows_what_changed_and_saves_nothing(client_for, users, household, units):
    colleague = make_officer("vhxh2", Role.COMMUNE, units["07339"], last_name="Lê Thị", first_name="Mai")
    client = client_for(users["caothuong"])
    form = client.get(reverse("households:household_edit", args=[household.pk])).context["form"]
    assert form.initial["version"] == 1
    household_update(actor=colleague, household=household, version=1, head_name="Nguyễn Văn Cường")
    response = client.post(reverse("households:household_edit", args=[household.pk]), {
        "code": "HS-001", "village": units["07339-01"].pk, "head_name": "Nguyễn Văn Dũng", "version": 1})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="conflict"' in html
    assert "Lê Thị Mai" in html and "Nguyễn Văn Cường" in html and "họ và tên chủ hộ" in html
    assert 'name="version" value="2"' in html
    assert Household.objects.get(pk=household.pk).head_name == "Nguyễn Văn Cường"


def test_member_create_and_bad_id_number(client_for, users, household):
    client = client_for(users["caothuong"])
    url = reverse("households:member_create", args=[household.pk])
    base = {"full_name": "Nguyễn Văn An", "sex": "male", "birth_year": 1970, "relation": "head", "ethnicity": "Kinh"}
    response = client.post(url, {**base, "id_number": "12345"})
    assert "Số CCCD phải gồm đúng 12 chữ số." in response.content.decode()
    response = client.post(url, {**base, "id_number": "024070001234", "add_another": "1"})
    assert response["Location"] == url
    response = client.post(url, {**base, "full_name": "Con", "relation": "child", "birth_date": "02/03/2015",
                                 "birth_year": ""})
    assert response.status_code == 302
    assert list(Member.objects.order_by("pk").values_list("full_name", "birth_year")) == [
        ("Nguyễn Văn An", 1970), ("Con", 2015)]


def test_review_form_shows_the_live_classification(client_for, users, household, make_round, indicators):
    round_2025 = make_round(2025)
    client = client_for(users["caothuong"])
    page = client.get(reverse("households:review_create", args=[household.pk, round_2025.pk])).content.decode()
    assert "hx-post" in page and "Nhập thu nhập để xem kết quả phân loại." in page
    assert "Bảo hiểm y tế" in page and "Chuẩn nghèo đa chiều năm 2026" in page
    ids = [i.pk for i in indicators(2025, "1", "4", "7")]
    url = reverse("households:review_classify", args=[household.pk, round_2025.pk])
    html = client.post(url, {"income_per_capita": "1.800.000", "deprivations": ids}).content.decode()
    assert "Hộ nghèo" in html and "1.800.000 ≤" in html and "2.000.000" in html
    html = client.post(url, {"income_per_capita": "1800000", "deprivations": ids[:2]}).content.decode()
    assert "Hộ cận nghèo" in html
    html = client.post(url, {"income_per_capita": "3000001", "deprivations": ids}).content.decode()
    assert "Hộ có mức sống trên trung bình" in html
    html = client.post(url, {"income_per_capita": "abc"}).content.decode()
    assert "Nhập thu nhập để xem kết quả phân loại." in html


def test_review_create_submit_recognise_through_views(client_for, users, household, make_round, indicators):
    round_2025 = make_round(2025)
    client = client_for(users["caothuong"])
    ids = [i.pk for i in indicators(2025, "1", "4", "7")]
    response = client.post(reverse("households:review_create", args=[household.pk, round_2025.pk]), {
        "income_per_capita": "1.800.000", "deprivations": ids, "causes": ["illness"]})
    review = Review.objects.get()
    assert response["Location"] == reverse("households:review_detail", args=[review.pk])
    assert review.classification == "poor"
    html = client.get(response["Location"]).content.decode()
    assert "Hộ nghèo" in html and "Gửi để công nhận" in html and "Có người ốm đau, bệnh nặng, tai nạn" in html
    client.post(reverse("households:review_submit", args=[review.pk]))
    # neither the supervisor nor the officer who submitted recognises: the commune's leader does
    for username in ("tanyen", "caothuong"):
        response = client_for(users[username]).post(reverse("households:review_recognise", args=[review.pk]),
                                                    {"decision_number": "1/QĐ", "decision_date": "20/12/2025"})
        assert response.status_code == 403
    leader = client_for(users["caothuong_ld"])
    response = leader.post(reverse("households:review_recognise", args=[review.pk]),
                           {"decision_number": "", "decision_date": "20/12/2025"})
    assert Review.objects.get().state == "submitted"
    leader.post(reverse("households:review_recognise", args=[review.pk]),
                {"decision_number": "125/QĐ-UBND", "decision_date": "20/12/2025"})
    review.refresh_from_db()
    assert (review.state, review.decision_date) == ("recognised", datetime.date(2025, 12, 20))
    html = leader.get(reverse("households:review_detail", args=[review.pk])).content.decode()
    assert "Đã công nhận" in html and "Mở lại" in html and "Gửi để công nhận" not in html
    client = client_for(users["caothuong"])
    response = client.get(reverse("households:review_edit", args=[review.pk]))
    assert response["Location"] == reverse("households:review_detail", args=[review.pk])  # read-only
    response = client.post(reverse("households:review_submit", args=[review.pk]), follow=True)
    assert "Kết quả rà soát đã được gửi hoặc đã công nhận." in response.content.decode()


def test_review_edit_conflict(client_for, users, household, make_round, indicators, units):
    round_2025 = make_round(2025)
    review = review_create(actor=users["caothuong"], household=household, round=round_2025, income_per_capita=1_000_000)
    colleague = make_officer("vhxh2", Role.COMMUNE, units["07339"], last_name="Lê Thị", first_name="Mai")
    from households.services import review_update

    review_update(actor=colleague, review=review, version=1, income_per_capita=2_500_000)
    response = client_for(users["caothuong"]).post(reverse("households:review_edit", args=[review.pk]), {
        "income_per_capita": "900000", "version": 1})
    html = response.content.decode()
    assert 'id="conflict"' in html and "Lê Thị Mai" in html and "2.500.000" in html, html[html.find("<main"):][:3000]
    assert Review.objects.get().income_per_capita == 2_500_000


def test_return_and_reopen_need_a_reason(client_for, users, town):
    _household, review = town
    client = client_for(users["tanyen"])
    response = client.post(reverse("households:review_reopen", args=[review.pk]), {"reason": ""}, follow=True)
    alerts = re.findall(r'class="alert[^"]*"[^>]*>(.*?)<button', response.content.decode(), re.S)
    assert len(alerts) == 1 and "bắt buộc" in alerts[0]
    assert Review.objects.get(pk=review.pk).state == "recognised"
    assert not AuditEvent.objects.filter(action="review.reopen").exists()
    client.post(reverse("households:review_reopen", args=[review.pk]), {"reason": "Khiếu nại"})
    assert Review.objects.get(pk=review.pk).state == "draft"
    assert AuditEvent.objects.get(action="review.reopen").reason == "Khiếu nại"


def test_round_list_and_progress(client_for, users, town, other):
    household, review = town
    html = client_for(users["caothuong"]).get(reverse("households:round_list")).content.decode()
    assert "Rà soát định kỳ năm 2025" in html and "Thị trấn Cao Thượng" in html and "Xã Cao Xá" not in html
    response = client_for(users["caothuong"]).get(reverse("households:round_progress", args=[review.round_id]))
    rows = {row["village"].name: row for row in response.context["rows"]}
    assert len(rows) == 26
    assert (rows["Hoà Sơn"]["households"], rows["Hoà Sơn"]["recognised_total"], rows["Hoà Sơn"]["poor"]) == (1, 1, 1)
    assert response.context["total"]["newly_poor"] == 1
    html = response.content.decode()
    assert "Thời gian rà soát: 01/09/2025 – 14/12/2025" in html


def test_member_edit_and_remove_through_views(client_for, users, town):
    household, _review = town
    member = household.members.get(relation="child")
    client = client_for(users["caothuong"])
    response = client.post(reverse("households:member_remove", args=[member.pk]), {"reason": ""})
    assert response["Location"] == reverse("households:member_edit", args=[member.pk])
    client.post(reverse("households:member_remove", args=[member.pk]), {"reason": "Chuyển đi nơi khác"})
    member.refresh_from_db()
    assert not member.is_active and member.left_reason == "Chuyển đi nơi khác"


def test_administrator_sees_the_standards_and_their_indicators_in_the_admin(client_for, users, standards):
    from households.models import PovertyStandard

    client = client_for(users["admin"])
    standard = PovertyStandard.objects.get(code="2027-2030")
    page = client.get(reverse("admin:households_povertystandard_change", args=[standard.pk])).content.decode()
    assert "Phương tiện phục vụ tiếp cận thông tin" in page
    assert client_for(users["tanyen"]).get(reverse("admin:households_povertystandard_changelist")).status_code == 302
